/** The selected ward's households by class, with shares, % weak and % fibre. */
import type { CoverageTotals } from '../../core/coverage/ward-statistics.ts';
import { formatCount, formatPercent } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { signalColour } from './analysis-colours.ts';
import { ClassBar } from './ClassBar.tsx';
import { CLASS_KEYS, CLASS_LABELS } from './signal-class-labels.ts';

export function WardBreakdown({ totals, name }: { totals: CoverageTotals; name: string }) {
  const { language, t } = useI18n();
  return (
    <div className="ward-breakdown" data-testid="ward-breakdown">
      <h2>{t('analysisBreakdown', { name })}</h2>
      <ClassBar totals={totals} />
      <table>
        <tbody>
          <tr>
            <th>{t('analysisHouseholds')}</th>
            <td className="numeric">{formatCount(totals.households, language)}</td>
            <td />
          </tr>
          {CLASS_KEYS.map((key) => (
            <tr key={key}>
              <th>
                <span className="swatch" style={{ background: signalColour(key) }} />
                {t(CLASS_LABELS[key])}
              </th>
              <td className="numeric">{formatCount(totals[key], language)}</td>
              <td className="numeric">{formatPercent(totals.households > 0 ? (totals[key] * 100) / totals.households : 0, language)}</td>
            </tr>
          ))}
          <tr>
            <th>{t('analysisWeakPct')}</th>
            <td className="numeric">{formatPercent(totals.weakPct, language)}</td>
            <td />
          </tr>
          <tr>
            <th>{t('analysisFibrePct')}</th>
            <td className="numeric">{formatPercent(totals.fibrePct, language)}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
