/**
 * The city totals of an analysis: households by class, % weak and fibre, for 4G/5G the share at the speed target,
 * and how the last cell edit changed them.
 */
import { useEffect, useRef } from 'react';
import { speedTargetMbps } from '../../core/coverage/speed-statistics.ts';
import type { CoverageTotals } from '../../core/coverage/ward-statistics.ts';
import { formatCount, formatDecimal, formatPercent } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import type { DictionaryKey } from '../i18n.ts';
import { signalColour } from './analysis-colours.ts';
import { ClassBar } from './ClassBar.tsx';
import { CLASS_KEYS, CLASS_LABELS } from './signal-class-labels.ts';
import type { Analysis } from './use-analysis.ts';

/** The run's summary line, by where its weak-signal zones are (outlined after the result is shown). */
const DONE_TEXT = { ready: 'analysisDone', outlining: 'analysisDoneOutlining', stopped: 'analysisDoneZonesStopped' } as const satisfies Record<
  Analysis['zonesStatus'],
  DictionaryKey
>;

/** What the summary adds when idle time had computed the analysis before the click (the time shown is the click's). */
const AHEAD_TEXT = { whole: 'analysisComputedAheadWhole', part: 'analysisComputedAheadPart' } as const satisfies Record<
  Exclude<Analysis['computedAhead'], 'none'>,
  DictionaryKey
>;

/** Households weak or without signal. */
export const weakOrNone = (totals: CoverageTotals): number => totals.weak + totals.none;

export function AnalysisTotals({ analysis }: { analysis: Analysis }) {
  const { language, t } = useI18n();
  const total = analysis.statistics.total;
  return (
    <section className="panel-section">
      <h2>{t('analysisTotals')}</h2>
      <p className="hint analysis-summary">
        {t(DONE_TEXT[analysis.zonesStatus], {
          technology: analysis.settings.technology,
          operator: analysis.settings.operator ?? t('analysisOperatorAll'),
          ms: formatCount(analysis.elapsedMs, language),
          zonesMs: formatCount(analysis.timingsMs.zones, language),
        })}
        {analysis.computedAhead !== 'none' && ` ${t(AHEAD_TEXT[analysis.computedAhead])}`}
      </p>
      <div className="totals-grid" data-testid="analysis-totals">
        <Total label={t('analysisHouseholds')} value={formatCount(total.households, language)} />
        {CLASS_KEYS.map((key) => (
          <Total key={key} label={t(CLASS_LABELS[key])} value={formatCount(total[key], language)} colour={signalColour(key)} name={key} />
        ))}
        <Total label={t('analysisWeakPct')} value={formatPercent(total.weakPct, language)} name="weak-pct" />
        <Total label={t('analysisFibrePct')} value={formatPercent(total.fibrePct, language)} />
        {total.speedOkPct !== null && (
          <Total
            label={t('analysisSpeedOkTotal', { target: formatCount(speedTargetMbps(analysis.settings) ?? 0, language) })}
            value={formatPercent(total.speedOkPct, language)}
            name="speed-ok-pct"
          />
        )}
      </div>
      <ClassBar totals={total} />
      {analysis.statistics.outside.households > 0 && (
        <p className="hint">{t('analysisOutside', { n: formatCount(analysis.statistics.outside.households, language) })}</p>
      )}
    </section>
  );
}

/**
 * What the last cell edit changed in the city's weak/no-signal households and, for 4G/5G, in its households at the
 * speed target (an edit often moves SINR and throughput without moving any household's RSRP class), and how long
 * it took; shown under the editor and scrolled into view, so pressing "apply" visibly does something.
 */
export function EditChange({ analysis }: { analysis: Analysis }) {
  const { language, t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const { lastUpdate } = analysis;
  useEffect(() => {
    // a block body: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [lastUpdate]);
  if (lastUpdate === null) return null;
  const speedOkNow = analysis.statistics.total.speedOkHouseholds;
  const speedOkBefore = analysis.baseline.speedOkHouseholds;
  const speedDelta = speedOkNow === null || speedOkBefore === null ? null : speedOkNow - speedOkBefore;
  return (
    <div ref={ref} data-testid="cell-edit-result" className="edit-change">
      <p className="analysis-change" data-testid="analysis-change">
        {t('analysisChange', { delta: signed(weakOrNone(analysis.statistics.total) - weakOrNone(analysis.baseline), language) })}
      </p>
      {speedDelta !== null && (
        <p className="analysis-change" data-testid="analysis-speed-change" data-speed-ok-delta={speedDelta}>
          {t('analysisSpeedChange', { delta: signed(speedDelta, language), target: formatCount(speedTargetMbps(analysis.settings) ?? 0, language) })}
        </p>
      )}
      <p className="hint">
        {t('analysisUpdateMs', { ms: formatDecimal(lastUpdate.ms, language, 1), n: formatCount(lastUpdate.changedPoints, language) })}
      </p>
    </div>
  );
}

function Total({ label, value, colour, name }: { label: string; value: string; colour?: string; name?: string }) {
  return (
    <div className="total" data-total={name}>
      <span className="total-label">
        {colour !== undefined && <span className="swatch" style={{ background: colour }} />}
        {label}
      </span>
      <span className="total-value">{value}</span>
    </div>
  );
}

/** "+12", "−3", "0" in the locale's grouping. */
function signed(value: number, language: 'vi' | 'en'): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${formatCount(Math.abs(value), language)}`;
}
