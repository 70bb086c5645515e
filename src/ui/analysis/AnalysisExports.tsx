/** Downloads of an analysis: the ward table as CSV or XLSX, the weak-signal zones as GeoJSON. */
import { useState } from 'react';
import { downloadWardStatistics, downloadZones } from '../export/analysis-exports.ts';
import { useTableExport } from '../export/use-table-export.ts';
import { useI18n } from '../i18n-context.ts';
import type { Analysis } from './use-analysis.ts';

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
    </section>
  );
}
