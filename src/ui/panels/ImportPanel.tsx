/**
 * Import: one file picker per layer (drag-and-drop onto the map does the same; several files at once for a
 * Shapefile's parts) and the reports of every import, newest first.
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
  zones: 'layerZones',
  land: 'layerLand',
};

const LAYER_FORMATS: Record<ImportableLayer, DictionaryKey> = {
  wards: 'importFormatsWards',
  sites: 'importFormatsSites',
  households: 'importFormatsHouseholds',
  fibre: 'importFormatsFibre',
  zones: 'importFormatsZones',
  land: 'importFormatsLand',
};

/** Shapes: GeoJSON, KML/KMZ, a zipped Shapefile or its parts. */
const SHAPES = '.geojson,.json,.kml,.kmz,.zip,.shp,.shx,.dbf,.prj,.cpg,.gz';
/** Tables too: CSV and Excel. */
const TABLES_AND_SHAPES = `.csv,.txt,.xlsx,.xls,${SHAPES}`;

/** What each picker offers (a file of another kind can still be chosen: its import says why it fails). */
export const ACCEPT: Record<ImportableLayer, string> = {
  wards: SHAPES,
  sites: TABLES_AND_SHAPES,
  households: TABLES_AND_SHAPES,
  fibre: SHAPES,
  zones: SHAPES,
  land: SHAPES,
};

interface ImportPanelProps {
  reports: ReportEntry[];
  busy: boolean;
  /** A file is being looked at before import (sheets, header, CRS). */
  looking: boolean;
  /** Files chosen for a layer (several: a Shapefile's parts). */
  onPick: (layer: ImportableLayer, files: File[]) => void;
}

export function ImportPanel({ reports, busy, looking, onPick }: ImportPanelProps) {
  const { t } = useI18n();
  return (
    <div className="import-panel">
      <section className="panel-section">
        <h2>{t('importTitle')}</h2>
        <p className="hint">{t('importHint')}</p>
        <p className="hint">{t('importShapefileHint')}</p>
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
                  multiple
                  disabled={busy}
                  onChange={(event) => {
                    const files = Array.from(event.target.files ?? []);
                    event.target.value = '';
                    if (files.length > 0) onPick(layer, files);
                  }}
                />
              </label>
            </li>
          ))}
        </ul>
        {looking && (
          <p className="hint" role="status">
            {t('importLooking')}
          </p>
        )}
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
