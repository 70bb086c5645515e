/**
 * A target unit by unit: the colour of each unit on the map by how far it is from the target (ColorBrewer RdYlGn,
 * which stays readable for most colour-blind readers; units without data stay unfilled) and the units in order,
 * worst first, for the list beside the map.
 */
import type { TargetValue } from '../../core/targets/evaluate-targets.ts';
import { INDICATORS, type TargetIndicator } from '../../core/targets/target-set.ts';

/** Upper bounds (exclusive) of the gap classes, in the target's unit (percentage points or Mb/s). */
export const GAP_BREAKS: readonly number[] = [2, 5, 15];

/** Met, then the gap classes of GAP_BREAKS (and beyond the last). */
export const TARGET_COLOURS: readonly string[] = ['#1a9850', '#fee08b', '#fdae61', '#f46d43', '#d73027'];

/** Class of a unit's value: 0 met, 1 … 4 by gap; −1 without data. */
export function gapClass(value: TargetValue): number {
  if (value.status !== 'met' && value.status !== 'not-met') return -1;
  if (value.status === 'met' || value.gap === null) return 0;
  let index = 0;
  while (index < GAP_BREAKS.length && value.gap >= GAP_BREAKS[index]) index++;
  return index + 1;
}

/** Fill colour per unit (null without data). */
export function targetFills(byUnit: readonly TargetValue[]): (string | null)[] {
  return byUnit.map((value) => {
    const klass = gapClass(value);
    return klass === -1 ? null : TARGET_COLOURS[klass];
  });
}

/**
 * Unit indices worst first: the largest gap first; among units at the same gap (the met ones), the value furthest
 * on the wrong side first (lowest for "at least", highest for "at most"); units without data last; ties by index.
 *
 * @example worstFirst(evaluation.byUnit, 'coverage_population')[0] // the unit furthest below 100 %
 */
export function worstFirst(byUnit: readonly TargetValue[], indicator: TargetIndicator): number[] {
  const atMost = INDICATORS[indicator].direction === 'at-most';
  const hasData = (value: TargetValue) => value.value !== null;
  return byUnit
    .map((_, u) => u)
    .sort((a, b) => {
      const left = byUnit[a];
      const right = byUnit[b];
      if (hasData(left) !== hasData(right)) return hasData(left) ? -1 : 1;
      if (!hasData(left)) return a - b;
      const byGap = (right.gap ?? 0) - (left.gap ?? 0);
      if (byGap !== 0) return byGap;
      const byValue = atMost ? (right.value ?? 0) - (left.value ?? 0) : (left.value ?? 0) - (right.value ?? 0);
      return byValue !== 0 ? byValue : a - b;
    });
}
