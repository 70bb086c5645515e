/**
 * The first-run guide at the top of the Layers tab: what the app is, which data is loaded (real or synthetic,
 * and from when), and three ways in matching its three users: review coverage (engineers), review operators'
 * proposals, make the report. Dismissed once, it stays closed in this browser (a link brings it back).
 */
import { useState } from 'react';
import { useI18n } from '../i18n-context.ts';
import type { DictionaryKey } from '../i18n.ts';
import type { AppData } from '../use-dataset.ts';

const DISMISSED_KEY = 'phusong.start-guide-dismissed';

/** Where each entry point leads: the tab to open. */
export type StartEntry = 'coverage' | 'proposals' | 'report';

const ENTRIES: ReadonlyArray<{ entry: StartEntry; title: DictionaryKey; detail: DictionaryKey }> = [
  { entry: 'coverage', title: 'startCoverage', detail: 'startCoverageDetail' },
  { entry: 'proposals', title: 'startProposals', detail: 'startProposalsDetail' },
  { entry: 'report', title: 'startReport', detail: 'startReportDetail' },
];

function readDismissed(): boolean {
  try {
    return window.localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function StartGuide({ data, onEntry }: { data: AppData; onEntry: (entry: StartEntry) => void }) {
  const { t } = useI18n();
  const [dismissed, setDismissed] = useState(readDismissed);
  const remember = (value: boolean) => {
    setDismissed(value);
    try {
      if (value) window.localStorage.setItem(DISMISSED_KEY, '1');
      else window.localStorage.removeItem(DISMISSED_KEY);
    } catch {
      // private mode: the guide just shows again next time
    }
  };
  if (dismissed) {
    return (
      <button type="button" className="link-button start-guide-reopen" onClick={() => remember(false)}>
        {t('startReopen')}
      </button>
    );
  }
  const kind = (layer: 'sites' | 'households' | 'fibre') => t(data.synthetic.has(layer) ? 'startSynthetic' : 'startReal');
  return (
    <section className="panel-section start-guide" data-testid="start-guide">
      <h2>{t('startTitle')}</h2>
      <p>{t('startWhat')}</p>
      <ul className="start-data">
        <li>{t('startDataWards', { n: data.wards.length })}</li>
        <li>{t('startDataSites', { kind: kind('sites') })}</li>
        <li>{t('startDataHouseholds', { kind: kind('households') })}</li>
        <li>{t('startDataFibre', { kind: kind('fibre') })}</li>
      </ul>
      <p className="hint">{t('startImportHint')}</p>
      <div className="start-entries">
        {ENTRIES.map(({ entry, title, detail }) => (
          <button key={entry} type="button" className="start-entry" data-start={entry} onClick={() => onEntry(entry)}>
            <strong>{t(title)}</strong>
            <span>{t(detail)}</span>
          </button>
        ))}
      </div>
      <button type="button" className="link-button" onClick={() => remember(true)}>
        {t('startDismiss')}
      </button>
    </section>
  );
}
