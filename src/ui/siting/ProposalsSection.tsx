/**
 * Review of operators' proposals (issue 5): import a proposal file, see for each proposed site the households
 * it lifts out of weak/none, its duplicated coverage, the nearest existing site and the wards it serves; approve
 * or reject with a comment; export the decision list (CSV/XLSX) and the approved sites (GeoJSON). Every text
 * from the file is rendered by React (escaped).
 */
import { approvedSitesGeojson, proposalDecisionsTable } from '../../io/export-proposals.ts';
import { describeIssue } from '../../io/issue-messages.ts';
import type { ProposalDecision } from '../../io/scenario-file.ts';
import { useTableExport } from '../export/use-table-export.ts';
import { MIME_GEOJSON, downloadFile } from '../export/download.ts';
import { GeoExportButtons } from '../export/GeoExportButtons.tsx';
import { tableFeatures } from '../../io/export-features.ts';
import { formatCount, formatPercent } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { ACCEPT } from '../panels/ImportPanel.tsx';
import { describePlace } from '../panels/ImportReportCard.tsx';
import { useStartImport } from '../import/use-import-flow.ts';
import type { useProposals } from './use-proposals.ts';

/** Placemarks by decision: approved green, rejected red, not yet decided grey. */
const DECISION_STYLES = {
  approved: { lineColour: '#2e7d32' },
  rejected: { lineColour: '#c62828' },
  pending: { lineColour: '#757575' },
};

export function ProposalsSection({ proposals }: { proposals: ReturnType<typeof useProposals> }) {
  const { language, t } = useI18n();
  const exports = useTableExport();
  const { review, decisions, comments, decide, comment, importFile, busy, error } = proposals;
  // through the app's import flow (sheet, CRS, column map asked when needed), else straight to the worker
  const startImport = useStartImport();
  const decided = review === null ? 0 : review.evaluations.filter((evaluation) => decisions.has(evaluation.siteId)).length;
  const baseName = `proposals_${new Date().toISOString().slice(0, 10)}`;

  return (
    <section className="panel-section proposals-section">
      <h2>{t('proposalsTitle')}</h2>
      <label className="button button-small file-button">
        {t('proposalsImport')}
        <input
          type="file"
          accept={ACCEPT.sites}
          data-proposals-file
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) {
              if (startImport === null) void importFile(file);
              else startImport([file], { kind: 'proposals' });
            }
            event.target.value = '';
          }}
        />
      </label>
      <p className="hint">{t('proposalsNote')}</p>
      {error !== null && <p className="field-error">{t('analysisFailed', { reason: error })}</p>}
      {review !== null && (
        <>
          <p className="hint" data-testid="proposals-report">
            {t('proposalsReport', {
              file: review.report.file,
              kept: formatCount(review.report.kept, language),
              read: formatCount(review.report.read, language),
              rejected: formatCount(review.report.rejected, language),
            })}
          </p>
          {review.report.issues.length > 0 && (
            <ul className="proposal-issues">
              {review.report.issues.slice(0, 20).map((issue, index) => (
                <li key={index}>
                  <span className="issue-place">{describePlace(issue, review.report.format, t)}</span> {describeIssue(issue, language)}
                </li>
              ))}
            </ul>
          )}
          <ul className="proposal-list">
            {review.evaluations.map((evaluation) => {
              const decision = decisions.get(evaluation.siteId);
              return (
                <li key={evaluation.siteId} data-site-id={evaluation.siteId} data-decision={decision?.decision ?? ''}>
                  <div className="proposal-head">
                    <strong>{evaluation.siteId}</strong>
                    <span>{evaluation.operator}</span>
                    <span className="analysis-change">{t('proposalsLifted', { n: formatCount(evaluation.householdsLifted, language) })}</span>
                  </div>
                  <div className="hint">
                    {t('proposalsDetail', {
                      pct: formatPercent(evaluation.duplicateShare * 100, language),
                      site: evaluation.nearestExistingSiteId ?? '–',
                      m: formatCount(evaluation.nearestExistingDistanceM, language),
                      wards: evaluation.wards.slice(0, 3).map((ward) => ward.wardName).join(', '),
                    })}
                  </div>
                  <div className="proposal-actions">
                    {(['approved', 'rejected'] as const).map((choice: ProposalDecision) => (
                      <button
                        key={choice}
                        type="button"
                        className={`button button-small ${decision?.decision === choice ? 'active' : ''}`}
                        aria-pressed={decision?.decision === choice}
                        data-decide={choice}
                        onClick={() => decide(evaluation.siteId, choice)}
                      >
                        {choice === 'approved' ? t('proposalsApprove') : t('proposalsReject')}
                      </button>
                    ))}
                    <input
                      type="text"
                      className="proposal-comment"
                      placeholder={t('proposalsComment')}
                      aria-label={t('proposalsComment')}
                      value={comments.get(evaluation.siteId) ?? ''}
                      onChange={(event) => comment(evaluation.siteId, event.target.value)}
                    />
                  </div>
                </li>
              );
            })}
          </ul>
          <p className="hint">{t('proposalsDecided', { n: formatCount(decided, language), total: formatCount(review.evaluations.length, language) })}</p>
          <div className="export-buttons">
            <button type="button" className="button button-small" data-export="decisions-csv" onClick={() => exports.csv(proposalDecisionsTable(review.evaluations, decisions), `${baseName}_decisions`)}>
              {t('proposalsExportCsv')}
            </button>
            <button type="button" className="button button-small" data-export="decisions-xlsx" onClick={() => void exports.xlsx(proposalDecisionsTable(review.evaluations, decisions), `${baseName}_decisions`)}>
              {t('proposalsExportXlsx')}
            </button>
            <button
              type="button"
              className="button button-small"
              data-export="approved-geojson"
              onClick={() => downloadFile(`${baseName}_approved.geojson`, JSON.stringify(approvedSitesGeojson(review.evaluations, review.cells, decisions)), MIME_GEOJSON)}
            >
              {t('proposalsExportApproved')}
            </button>
          </div>
          <p className="hint">{t('proposalsExportGis')}</p>
          <GeoExportButtons
            id="decisions"
            baseName={`${baseName}_decisions`}
            table={() => proposalDecisionsTable(review.evaluations, decisions)}
            collection={() => tableFeatures(proposalDecisionsTable(review.evaluations, decisions), (row) => ({ type: 'Point', coordinates: [Number(row[2]), Number(row[3])] }))}
            kml={{ documentName: t('proposalsExportGis'), nameField: 'site_id', styleField: 'decision', styles: DECISION_STYLES, defaultStyle: 'pending' }}
          />
        </>
      )}
    </section>
  );
}
