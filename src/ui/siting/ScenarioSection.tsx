/** Scenarios (issue 5): save in the browser, reopen after a reload, export and import as JSON files. */
import { useState } from 'react';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { ScenarioCompare } from './ScenarioCompare.tsx';
import type { useScenarios } from './use-scenarios.ts';

export function ScenarioSection({ scenarios, canSave }: { scenarios: ReturnType<typeof useScenarios>; canSave: boolean }) {
  const { language, t } = useI18n();
  const [name, setName] = useState('');
  const { notice } = scenarios;
  const trimmed = name.trim();

  return (
    <section className="panel-section scenario-section">
      <h2>{t('scenarioTitle')}</h2>
      <p className="hint">{t('scenarioHint')}</p>
      <form
        className="cell-finder"
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed !== '') void scenarios.save(trimmed);
        }}
      >
        <label>
          {t('scenarioName')}
          <input type="text" name="scenario-name" value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" className="button button-small" data-action="save-scenario" disabled={!canSave || trimmed === ''}>
          {t('scenarioSave')}
        </button>
        <button type="button" className="button button-small" data-action="export-scenario" disabled={!canSave || trimmed === ''} onClick={() => scenarios.exportFile(trimmed)}>
          {t('scenarioExport')}
        </button>
      </form>
      <label className="button button-small file-button scenario-import">
        {t('scenarioImport')}
        <input
          type="file"
          accept=".json,application/json"
          data-scenario-file
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void scenarios.importFile(file);
            event.target.value = '';
          }}
        />
      </label>
      {notice?.key === 'scenarioSaved' && <p className="hint" data-testid="scenario-notice">{t('scenarioSaved', { name: notice.name })}</p>}
      {notice?.key === 'scenarioConflict' && (
        <p className="field-error" data-testid="scenario-notice">{t('scenarioConflict', { name: notice.name, savedAt: notice.savedAt })}</p>
      )}
      {(notice?.key === 'scenarioQuota' || notice?.key === 'scenarioUnavailable') && (
        <p className="field-error" data-testid="scenario-notice">{t(notice.key, { name: notice.name })}</p>
      )}
      {notice?.key === 'scenarioApplied' && (
        <>
          <p className="hint" data-testid="scenario-notice">
            {t('scenarioApplied', {
              name: notice.name,
              edited: formatCount(notice.edited, language),
              sites: formatCount(notice.sites, language),
              decisions: formatCount(notice.decisions, language),
            })}
          </p>
          {notice.missing.length > 0 && (
            <p className="field-error">{t('scenarioMissing', { n: formatCount(notice.missing.length, language), ids: notice.missing.slice(0, 5).join(', ') })}</p>
          )}
        </>
      )}
      {notice?.key === 'scenarioErrors' && (
        <div className="field-error" data-testid="scenario-errors">
          {t('scenarioErrors')}
          <ul>
            {notice.lines.slice(0, 10).map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <h2 className="subheading">{t('scenarioList')}</h2>
      {scenarios.saved.length === 0 ? (
        <p className="hint">{t('scenarioNone')}</p>
      ) : (
        <ul className="proposed-list scenario-list">
          {scenarios.saved.map((saved) => (
            <li key={saved.name} data-scenario={saved.name}>
              <strong>{saved.name}</strong>
              <span className="extension-detail">{saved.savedAt?.slice(0, 16).replace('T', ' ') ?? ''}</span>
              <button type="button" className="link-button" data-action="open-scenario" onClick={() => void scenarios.open(saved.name)}>
                {t('scenarioOpen')}
              </button>
              <button type="button" className="link-button" onClick={() => void scenarios.remove(saved.name)}>
                {t('scenarioDelete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ScenarioCompare scenarios={scenarios} />
    </section>
  );
}
