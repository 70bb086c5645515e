/**
 * A target's "What closes it" (issue 9), in its row of the targets table: a button that plans it on demand, the
 * progress with cancel while it runs, then the new sites or the km and VND of cable, and in the row's detail the
 * plan in words with the button that opens it in its tab (siting or fibre).
 */
import type { TargetEvaluation } from '../../core/targets/evaluate-targets.ts';
import type { DictionaryKey } from '../i18n.ts';
import { formatCount, formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import type { CloseTargetResponse } from '../../worker/protocol.ts';
import { shortOfTargetText, valueText } from './target-text.ts';
import type { useTargetClosings } from './use-target-closings.ts';

interface TargetClosingProps {
  evaluation: TargetEvaluation;
  closings: ReturnType<typeof useTargetClosings>;
  onCancel: () => void;
  onOpen: (response: CloseTargetResponse) => void;
}

/** Indicators the app plans for: new sites (coverage, weak signal) or cable (fibre). */
const PLANNED = new Set<TargetEvaluation['target']['indicator']>(['coverage_households', 'coverage_population', 'weak_signal_households', 'fibre_passed_households']);

/** The table cell: the plan's figure, or the button that makes it. */
export function TargetClosingSummary({ evaluation, closings, onCancel }: Omit<TargetClosingProps, 'onOpen'>) {
  const { language, t } = useI18n();
  const { target } = evaluation;
  if (evaluation.status !== 'not-met' || !PLANNED.has(target.indicator)) return <span className="closing-none">–</span>;
  const running = closings.running;
  if (running !== null && running.targetId === target.id) {
    return (
      <span className="closing-running" data-closing="running">
        <span className="closing-bar">
          <span style={{ width: `${Math.max(4, Math.round(running.fraction * 100))}%` }} />
        </span>
        <button
          type="button"
          className="link-button"
          data-action="cancel-closing"
          onClick={(event) => {
            event.stopPropagation();
            onCancel();
          }}
        >
          {t('cancel')}
        </button>
      </span>
    );
  }
  const entry = closings.entryOf(target.id);
  const closing = entry?.response?.closing ?? null;
  const figure =
    closing === null
      ? null
      : closing.kind === 'sites'
        ? t('closeSites', { n: formatCount(closing.sites ?? 0, language) })
        : closing.kind === 'fibre'
          ? t('closeCable', { km: formatDecimal((closing.cableM ?? 0) / 1000, language, 1), cost: t('closeBillionVnd', { n: formatDecimal((closing.costVnd ?? 0) / 1e9, language, 1) }) })
          : '–';
  const stale = entry !== null && closings.isStale(entry);
  return (
    <span className="closing-summary" data-closing={closing === null ? 'none' : closing.kind ?? 'nothing'}>
      {figure !== null && <span className={`closing-figure ${stale ? 'stale' : ''}`}>{figure}</span>}
      {(closing === null || stale) && (
        <button
          type="button"
          className="button button-small"
          data-action="close-target"
          title={t('closeComputeTitle')}
          disabled={running !== null}
          onClick={(event) => {
            event.stopPropagation();
            void closings.close(target.id);
          }}
        >
          {t('closeCompute')}
        </button>
      )}
    </span>
  );
}

/** The row's detail: the plan in words, whether it reaches the target, and the button that opens it in its tab. */
export function TargetClosingDetail({ evaluation, closings, onOpen }: Omit<TargetClosingProps, 'onCancel'>) {
  const { language, t } = useI18n();
  const entry = closings.entryOf(evaluation.target.id);
  if (entry === null) return null;
  if (entry.error !== null) return <span className="field-error">{t('closeFailed', { reason: entry.error })}</span>;
  const response = entry.response;
  if (response === null) return null;
  const { closing } = response;
  const { target } = closing;
  // a plan short of its target says by how much, however little
  const after = closing.reachable === false ? shortOfTargetText(closing.valueAfter, target, language) : valueText(closing.valueAfter, target.unit, language);
  const stale = closings.isStale(entry);
  return (
    <span className="target-closing" data-closing-detail={closing.kind ?? closing.reason ?? ''}>
      {closing.kind === 'sites' && <span>{t('closeDetailSites', { n: formatCount(closing.sites ?? 0, language), technology: target.technology, after })}</span>}
      {closing.kind === 'fibre' && (
        <span>{t('closeDetailFibre', { km: formatDecimal((closing.cableM ?? 0) / 1000, language, 1), cost: formatCount(closing.costVnd ?? 0, language), after })}</span>
      )}
      {closing.kind === null && closing.reason !== null && <span>{t(`closeReason_${closing.reason}` as DictionaryKey)}</span>}
      {closing.reachable === false && <span className="field-error">{t('closeUnreachable', { after })}</span>}
      {stale && <span className="hint">{t('closeStale')}</span>}
      {closing.kind !== null && (
        <button
          type="button"
          className="button button-small"
          data-action="open-closing"
          onClick={(event) => {
            event.stopPropagation();
            onOpen(response);
          }}
        >
          {t(closing.kind === 'sites' ? 'closeOpenSites' : 'closeOpenFibre')}
        </button>
      )}
    </span>
  );
}
