/**
 * One import's report: read / kept / rejected counts and, for every rejected row or feature, its file, place
 * and reason (in the current language), then the notes (warnings). Long lists are virtualised.
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
const REFERENCE_LABELS: Record<ReferenceLayer, DictionaryKey> = { units2019: 'layerUnits2019', crosswalk: 'layerCrosswalk', zones: 'layerZones' };
const MAX_LIST_HEIGHT_PX = 264;

/** "row 5" for a table (CSV, XLSX), "feature #3" for features (GeoJSON…), "whole file" when the issue has no place. */
export function describePlace(issue: ImportIssue, format: ImportReport['format'], t: Translate): string {
  if (issue.index === null) return t('reportWholeFile');
  return format === 'csv' || format === 'xlsx' ? t('reportRow', { n: issue.index }) : t('reportFeature', { n: issue.index });
}

export function ImportReportCard({ entry, initiallyOpen }: { entry: ReportEntry; initiallyOpen: boolean }) {
  const { language, t } = useI18n();
  const [open, setOpen] = useState(initiallyOpen);
  const { report } = entry;
  const rejections = report.issues.filter((issue) => issue.severity === 'error');
  const warnings = report.issues.filter((issue) => issue.severity === 'warning');
  const status =
    report.status === 'failed' ? t('reportStatusFailed') : report.status === 'ok' ? t('reportStatusOk') : t('reportStatusNotes');
  const layerLabel = t(report.layer === 'land' ? 'layerLand' : report.layer in REFERENCE_LABELS ? REFERENCE_LABELS[report.layer as ReferenceLayer] : LAYER_LABELS[report.layer as ImportableLayer]);

  return (
    <article className={`report-card status-${report.status}`} data-report-file={report.file}>
      <button type="button" className="report-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="report-title">
          <strong>{layerLabel}</strong>
          <span className="report-file">{report.file}</span>
          {entry.embedded && <span className="tag">{t('reportEmbedded')}</span>}
        </span>
        <span className={`badge badge-${report.status}`}>{status}</span>
      </button>
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
