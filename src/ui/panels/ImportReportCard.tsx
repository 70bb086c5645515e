/**
 * One import's report: the format read (with the sheet and the coordinate system converted from, and the column
 * map applied), read / kept / rejected counts, text-encoding notes in view (legacy TCVN3/VNI fonts, a guessed
 * code page) and, for every rejected row or feature, its file, place (a workbook's sheet and the row number Excel
 * shows) and reason (in the current language), then the notes (warnings). Long lists are virtualised.
 */
import { useState } from 'react';
import type { ImportIssue } from '../../io/import-result.ts';
import { describeIssue } from '../../io/issue-messages.ts';
import type { ImportableLayer, ImportReport, ReferenceLayer } from '../../worker/protocol.ts';
import { formatCount } from '../format-number.ts';
import type { DictionaryKey, Translate } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import type { ReportEntry } from '../use-dataset.ts';
import { VirtualList } from '../VirtualList.tsx';
import { LAYER_LABELS } from './ImportPanel.tsx';

const ISSUE_ROW_HEIGHT_PX = 44;
const REFERENCE_LABELS: Record<ReferenceLayer, DictionaryKey> = { units2019: 'layerUnits2019', crosswalk: 'layerCrosswalk' };
const MAX_LIST_HEIGHT_PX = 264;

/** Notes about the file's text shown without opening the report: they explain names that look garbled. */
const ENCODING_NOTES = new Set<ImportIssue['code']>(['legacy-encoding', 'encoding-guessed']);

const FORMAT_NAMES: Record<NonNullable<ImportReport['format']>, string> = {
  csv: 'CSV', geojson: 'GeoJSON', xlsx: 'Excel (.xlsx)', xls: 'Excel 97–2003 (.xls)', kml: 'KML', kmz: 'KMZ', shapefile: 'Shapefile',
};

/**
 * "row 5" for a table (CSV), "sheet “Trạm BTS”, row 9" for a workbook (the row Excel shows), "feature #3" for
 * features (GeoJSON, KML, Shapefile…), "whole file" when the issue has no place.
 */
export function describePlace(issue: ImportIssue, format: ImportReport['format'], t: Translate): string {
  if (issue.index === null) return t('reportWholeFile');
  if (issue.sheet !== undefined) return t('reportSheetRow', { sheet: issue.sheet, n: issue.index });
  return format === 'csv' || format === 'xlsx' ? t('reportRow', { n: issue.index }) : t('reportFeature', { n: issue.index });
}

/** What was read: "Read as Excel (.xlsx) · sheet “Trạm BTS” · coordinates converted from …"; null for the embedded data. */
function readingLine(report: ImportReport, t: Translate): string | null {
  if (report.format === null || (report.sheet == null && report.crs == null && report.format === 'csv')) return null;
  const parts = [t('reportReadAs', { format: FORMAT_NAMES[report.format] })];
  if (report.sheet != null) parts.push(t('reportSheet', { sheet: report.sheet }));
  if (report.crs != null) parts.push(t('reportCrs', { crs: report.crs }));
  return parts.join(' · ');
}

export function ImportReportCard({ entry, initiallyOpen }: { entry: ReportEntry; initiallyOpen: boolean }) {
  const { language, t } = useI18n();
  const [open, setOpen] = useState(initiallyOpen);
  const { report } = entry;
  const rejections = report.issues.filter((issue) => issue.severity === 'error');
  const warnings = report.issues.filter((issue) => issue.severity === 'warning');
  const status =
    report.status === 'failed' ? t('reportStatusFailed') : report.status === 'ok' ? t('reportStatusOk') : t('reportStatusNotes');
  const layerLabel = t(report.layer in REFERENCE_LABELS ? REFERENCE_LABELS[report.layer as ReferenceLayer] : LAYER_LABELS[report.layer as ImportableLayer]);
  const reading = entry.embedded ? null : readingLine(report, t);
  const encodingNotes = warnings.filter((issue) => ENCODING_NOTES.has(issue.code));
  const columnMap = Object.entries(report.columnMap ?? {});

  return (
    <article className={`report-card status-${report.status}`} data-report-file={report.file} data-report-layer={report.layer}>
      <button type="button" className="report-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="report-title">
          <strong>{layerLabel}</strong>
          <span className="report-file">{report.file}</span>
          {entry.embedded && <span className="tag">{t('reportEmbedded')}</span>}
        </span>
        <span className={`badge badge-${report.status}`}>{status}</span>
      </button>
      {reading !== null && (
        <p className="hint report-reading" data-testid="report-reading">
          {reading}
        </p>
      )}
      {columnMap.length > 0 && (
        <p className="hint report-reading">{t('reportColumnMap', { map: columnMap.map(([field, header]) => `${field} ← ${header}`).join(', ') })}</p>
      )}
      {encodingNotes.map((issue, k) => (
        <p key={k} className="import-warning" role="note" data-issue-code={issue.code}>
          {describeIssue(issue, language)}
        </p>
      ))}
      <dl className="report-counts">
        <div>
          <dt>{t('reportRead')}</dt>
          <dd>{formatCount(report.read, language)}</dd>
        </div>
        <div>
          <dt>{t('reportKept')}</dt>
          <dd>{formatCount(report.kept, language)}</dd>
        </div>
        <div className={report.rejected > 0 ? 'has-rejections' : ''}>
          <dt>{t('reportRejected')}</dt>
          <dd>{formatCount(report.rejected, language)}</dd>
        </div>
        <div>
          <dt>{t('reportWarnings')}</dt>
          <dd>{formatCount(warnings.length, language)}</dd>
        </div>
      </dl>
      {open && (
        <>
          <IssueList title={t('reportRejectedList', { n: formatCount(rejections.length, language) })} issues={rejections} report={report} />
          <IssueList title={t('reportWarningList', { n: formatCount(warnings.length, language) })} issues={warnings} report={report} />
        </>
      )}
    </article>
  );
}

function IssueList({ title, issues, report }: { title: string; issues: ImportIssue[]; report: ImportReport }) {
  const { language, t } = useI18n();
  if (issues.length === 0) return null;
  return (
    <div className="issue-list">
      <h3>{title}</h3>
      <div className="issue-header">
        <span>{t('reportColumnPlace')}</span>
        <span>{t('reportColumnReason')}</span>
      </div>
      <VirtualList
        itemCount={issues.length}
        rowHeightPx={ISSUE_ROW_HEIGHT_PX}
        heightPx={Math.min(MAX_LIST_HEIGHT_PX, issues.length * ISSUE_ROW_HEIGHT_PX + 2)}
        renderRow={(index) => {
          const issue = issues[index];
          const reason = describeIssue(issue, language);
          return (
            <div className="issue-row" data-issue-index={issue.index ?? ''} title={`${issue.file}: ${reason}`}>
              <span className="issue-place">{describePlace(issue, report.format, t)}</span>
              <span className="issue-reason">{reason}</span>
            </div>
          );
        }}
      />
      <p className="hint issue-file">
        {t('reportColumnFile')}: {report.file}
      </p>
    </div>
  );
}
