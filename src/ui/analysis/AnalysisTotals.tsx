/** The city totals of an analysis: households by class, % weak and fibre, and how the last cell edit changed them. */
import type { CoverageTotals } from '../../core/coverage/ward-statistics.ts';
import { formatCount, formatDecimal, formatPercent } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { signalColour } from './analysis-colours.ts';
import { ClassBar } from './ClassBar.tsx';
import { CLASS_KEYS, CLASS_LABELS } from './signal-class-labels.ts';
import type { Analysis } from './use-analysis.ts';

/** Households weak or without signal. */
export const weakOrNone = (totals: CoverageTotals): number => totals.weak + totals.none;

export function AnalysisTotals({ analysis }: { analysis: Analysis }) {
  const { language, t } = useI18n();
  const total = analysis.statistics.total;
  return (
    <section className="panel-section">
      <h2>{t('analysisTotals')}</h2>
      <p className="hint analysis-summary">
        {t('analysisDone', {
          technology: analysis.settings.technology,
          operator: analysis.settings.operator ?? t('analysisOperatorAll'),
          ms: formatCount(analysis.elapsedMs, language),
          zonesMs: formatCount(analysis.timingsMs.zones, language),
        })}
      </p>
      <div className="totals-grid" data-testid="analysis-totals">
        <Total label={t('analysisHouseholds')} value={formatCount(total.households, language)} />
        {CLASS_KEYS.map((key) => (
          <Total key={key} label={t(CLASS_LABELS[key])} value={formatCount(total[key], language)} colour={signalColour(key)} name={key} />
        ))}
        <Total label={t('analysisWeakPct')} value={formatPercent(total.weakPct, language)} name="weak-pct" />
        <Total label={t('analysisFibrePct')} value={formatPercent(total.fibrePct, language)} />
      </div>
      <ClassBar totals={total} />
      {analysis.lastUpdate !== null && (
        <>
          <p className="analysis-change" data-testid="analysis-change">
            {t('analysisChange', { delta: signed(weakOrNone(total) - weakOrNone(analysis.baseline), language) })}
          </p>
          <p className="hint">
            {t('analysisUpdateMs', {
              ms: formatDecimal(analysis.lastUpdate.ms, language, 1),
              n: formatCount(analysis.lastUpdate.changedPoints, language),
            })}
          </p>
        </>
      )}
      {analysis.statistics.outside.households > 0 && (
        <p className="hint">{t('analysisOutside', { n: formatCount(analysis.statistics.outside.households, language) })}</p>
      )}
    </section>
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
