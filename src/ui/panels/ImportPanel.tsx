/**
 * Import: one file picker per layer (drag-and-drop onto the map does the same) and the reports of every
 * import, newest first.
 */
import type { ImportableLayer } from '../../worker/protocol.ts';
import { IMPORTABLE_LAYERS } from '../../worker/protocol.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import type { ReportEntry } from '../use-dataset.ts';
import { ImportReportCard } from './ImportReportCard.tsx';

export const LAYER_LABELS: Record<ImportableLayer, DictionaryKey> = {
  wards: 'layerWards',
  sites: 'layerSites',
  households: 'layerHouseholds',
  fibre: 'layerFibre',
};

const LAYER_FORMATS: Record<ImportableLayer, DictionaryKey> = {
  wards: 'importFormatsWards',
  sites: 'importFormatsSites',
  households: 'importFormatsHouseholds',
  fibre: 'importFormatsFibre',
};

const ACCEPT: Record<ImportableLayer, string> = {
  wards: '.geojson,.json,.gz',
  sites: '.csv,.txt,.geojson,.json,.gz',
  households: '.csv,.txt,.geojson,.json,.gz',
  fibre: '.geojson,.json,.gz',
};

interface ImportPanelProps {
  reports: ReportEntry[];
  busy: boolean;
  onPick: (layer: ImportableLayer, file: File) => void;
}

export function ImportPanel({ reports, busy, onPick }: ImportPanelProps) {
  const { t } = useI18n();
  return (
    <div className="import-panel">
      <section className="panel-section">
        <h2>{t('importTitle')}</h2>
        <p className="hint">{t('importHint')}</p>
        <ul className="import-list">
          {IMPORTABLE_LAYERS.map((layer) => (
            <li key={layer}>
              <div>
                <div className="import-layer">{t(LAYER_LABELS[layer])}</div>
                <div className="hint">{t(LAYER_FORMATS[layer])}</div>
              </div>
              <label className={`button ${busy ? 'disabled' : ''}`}>
                {t('importChoose')}
                <input
                  type="file"
                  data-layer={layer}
                  accept={ACCEPT[layer]}
                  disabled={busy}
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    event.target.value = '';
                    if (file !== undefined) onPick(layer, file);
                  }}
                />
              </label>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel-section">
        <h2>{t('reportsTitle')}</h2>
        {reports.length === 0 && <p className="hint">{t('reportsNone')}</p>}
        {reports.map((entry, position) => (
          <ImportReportCard key={entry.id} entry={entry} initiallyOpen={position === 0 && !entry.embedded} />
        ))}
      </section>
    </div>
  );
}
