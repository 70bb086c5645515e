/**
 * Downloads of an analysis: the ward table as CSV or XLSX, the weak-signal zones as GeoJSON; both layers also for
 * Google Earth and QGIS (KML/KMZ styled by class, Shapefile in WGS84 or VN-2000).
 */
import { useState } from 'react';
import type { Geometry } from 'geojson';
import { tableFeatures } from '../../io/export-features.ts';
import { wardStatisticsTable } from '../../io/export-ward-table.ts';
import { exportBaseName, downloadWardStatistics, downloadZones } from '../export/analysis-exports.ts';
import { GeoExportButtons } from '../export/GeoExportButtons.tsx';
import { useTableExport } from '../export/use-table-export.ts';
import { useI18n } from '../i18n-context.ts';
import type { Analysis } from './use-analysis.ts';

/** Units: outlines only (the statistics are in each balloon). Zones: the map's weak (orange) and none (red). */
const UNIT_STYLES = { unit: { lineColour: '#37474f', lineWidth: 1.5 } };
const ZONE_STYLES = {
  weak: { lineColour: '#e65100', fillColour: '#fb8c00', fillOpacity: 0.45 },
  none: { lineColour: '#b71c1c', fillColour: '#e53935', fillOpacity: 0.45 },
};

export function AnalysisExports({ analysis }: { analysis: Analysis }) {
  const { t } = useI18n();
  const [exporting, setExporting] = useState(false);
  const exports = useTableExport();
  return (
    <section className="panel-section">
      <h2>{t('analysisExport')}</h2>
      <div className="export-buttons">
        <button
          type="button"
          className="button button-small"
          data-export="wards-csv"
          onClick={() => void downloadWardStatistics(analysis.statistics.wards, analysis.settings, exports.csv)}
        >
          {t('analysisExportCsv')}
        </button>
        <button
          type="button"
          className="button button-small"
          data-export="wards-xlsx"
          disabled={exporting}
          onClick={() => {
            setExporting(true);
            void downloadWardStatistics(analysis.statistics.wards, analysis.settings, exports.xlsx).finally(() => setExporting(false));
          }}
        >
          {t('analysisExportXlsx')}
        </button>
        <button
          type="button"
          className="button button-small"
          data-export="zones-geojson"
          disabled={analysis.zones === null}
          onClick={() => analysis.zones !== null && downloadZones(analysis.zones, analysis.settings)}
        >
          {t('analysisExportZones')}
        </button>
      </div>
      <h3 className="export-subtitle">{t('exportGisTitle')}</h3>
      <p className="hint">{t('analysisExportUnitsGis')}</p>
      <GeoExportButtons
        id="wards"
        baseName={exportBaseName('wards', analysis.settings)}
        collection={() => {
          const geometry = new Map<string, Geometry>(analysis.inputs.wards.map((ward) => [ward.id, ward.geometry]));
          return tableFeatures(wardStatisticsTable(analysis.statistics.wards), (row) => geometry.get(String(row[0])) ?? null);
        }}
        kml={{ documentName: t('analysisExportUnitsGis'), nameField: 'ward_name', defaultStyle: 'unit', styles: UNIT_STYLES }}
      />
      {analysis.zones !== null && (
        <>
          <p className="hint">{t('analysisExportZonesGis')}</p>
          <GeoExportButtons
            id="zones"
            baseName={exportBaseName('zones', analysis.settings)}
            collection={() => analysis.zones ?? { type: 'FeatureCollection', features: [] }}
            kml={{ documentName: t('analysisExportZonesGis'), nameField: 'zone_id', styleField: 'signal_class', styles: ZONE_STYLES }}
          />
        </>
      )}
    </section>
  );
}
