import { describe, expect, it } from 'vitest';
import type { TargetValue } from '../../../src/core/targets/evaluate-targets.ts';
import { gapClass, targetFills, TARGET_COLOURS, worstFirst } from '../../../src/ui/targets/target-units.ts';

const value = (status: TargetValue['status'], v: number | null, gap: number | null): TargetValue => ({ status, value: v, gap, base: 1, achieved: 0, shortfall: null });

describe('a target unit by unit', () => {
  it('classes each unit by its gap: met, < 2, < 5, < 15, ≥ 15 points; no data unfilled', () => {
    const units = [value('met', 100, 0), value('not-met', 98.5, 1.5), value('not-met', 96, 4), value('not-met', 90, 10), value('not-met', 40, 60), value('no-data', null, null), value('needs-throughput', null, null)];
    expect(units.map(gapClass)).toEqual([0, 1, 2, 3, 4, -1, -1]);
    expect(targetFills(units)).toEqual([...TARGET_COLOURS, null, null]);
    // a gap exactly on a break belongs to the class above it
    expect(gapClass(value('not-met', 98, 2))).toBe(2);
  });

  it('lists "at least" units worst first: largest gap, then lowest value among the met, no data last', () => {
    // coverage ≥ 99 %: units 0 (met at 99.5), 1 (97, gap 2), 2 (no data), 3 (met at 100), 4 (90, gap 9)
    const units = [value('met', 99.5, 0), value('not-met', 97, 2), value('no-data', null, null), value('met', 100, 0), value('not-met', 90, 9)];
    expect(worstFirst(units, 'coverage_population')).toEqual([4, 1, 0, 3, 2]);
  });

  it('lists "at most" units (weak share ≤ 0 %) by the highest share first', () => {
    const units = [value('not-met', 3, 3), value('met', 0, 0), value('not-met', 12, 12), value('not-met', 3, 3)];
    expect(worstFirst(units, 'weak_signal_households')).toEqual([2, 0, 3, 1]);
  });
});
