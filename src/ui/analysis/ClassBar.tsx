/** A stacked bar of households by signal class (widths ∝ households), for the city totals and a ward. */
import type { CoverageTotals } from '../../core/coverage/ward-statistics.ts';
import { signalColour } from './analysis-colours.ts';
import { CLASS_KEYS } from './signal-class-labels.ts';

export function ClassBar({ totals }: { totals: Pick<CoverageTotals, 'households' | 'good' | 'fair' | 'weak' | 'none'> }) {
  if (totals.households === 0) return null;
  return (
    <div className="class-bar" aria-hidden="true">
      {CLASS_KEYS.map((key) => (
        <span key={key} style={{ width: `${(totals[key] * 100) / totals.households}%`, background: signalColour(key) }} />
      ))}
    </div>
  );
}
