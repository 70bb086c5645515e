/**
 * Per-ward coverage statistics in households (the sum of each point's `count`), the rows of `wards.csv`:
 * good, fair, weak, none, weak_pct = (weak + none) / households × 100, and the households passed by fibre.
 */
import type { HouseholdPoints, Ward } from '../model.ts';
import type { CoverageResult, WardStats } from './coverage-result.ts';

export type CoverageTotals = Omit<WardStats, 'wardIndex' | 'wardId' | 'wardName'>;

export interface WardStatisticsResult {
  /** One row per ward, in the order of `wards`. */
  wards: WardStats[];
  /** The whole dataset, households outside every ward included. */
  total: CoverageTotals;
  /** Households outside every ward polygon (kept and counted, never dropped). */
  outside: { households: number; good: number; fair: number; weak: number; none: number };
}

/** Percentage with 0 for an empty base (a ward without households has no gap). */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part * 100) / whole : 0;
}

/**
 * Sums households per ward and signal class. `fibrePassed` (1 = passed, per household point) may be null when no
 * fibre layer is loaded: fibre counts are then 0.
 *
 * @example
 * const { wards: rows, total } = wardStatistics(wards, assignment.wardIndex, households, coverage, fibre.passed);
 * rows[0]; // { wardId: '11296', households: 3276, good: 3100, …, weakPct: 2.1, fibrePct: 74.3 }
 */
export function wardStatistics(
  wards: Ward[],
  wardOfHousehold: Int32Array,
  households: HouseholdPoints,
  coverage: CoverageResult,
  fibrePassed: Uint8Array | null,
): WardStatisticsResult {
  // row w for ward w, the last row for "outside every ward"; columns: 4 classes then fibre
  const outsideRow = wards.length;
  const sums = new Float64Array((wards.length + 1) * 5);
  for (let h = 0; h < households.length; h++) {
    const ward = wardOfHousehold[h];
    const row = (ward === -1 ? outsideRow : ward) * 5;
    const count = households.count[h];
    sums[row + coverage.signalClass[h]] += count;
    if (fibrePassed !== null && fibrePassed[h] === 1) sums[row + 4] += count;
  }
  const rowOf = (row: number): CoverageTotals => {
    const [good, fair, weak, none, fibreHouseholds] = sums.subarray(row * 5, row * 5 + 5);
    const total = good + fair + weak + none;
    return {
      households: total,
      good,
      fair,
      weak,
      none,
      weakPct: percentOf(weak + none, total),
      fibreHouseholds,
      fibrePct: percentOf(fibreHouseholds, total),
    };
  };
  const wardRows = wards.map((ward, w) => ({ wardIndex: w, wardId: ward.id, wardName: ward.name, ...rowOf(w) }));
  const outside = rowOf(outsideRow);
  const total: CoverageTotals = { households: 0, good: 0, fair: 0, weak: 0, none: 0, weakPct: 0, fibreHouseholds: 0, fibrePct: 0 };
  for (const row of [...wardRows, outside]) {
    total.households += row.households;
    total.good += row.good;
    total.fair += row.fair;
    total.weak += row.weak;
    total.none += row.none;
    total.fibreHouseholds += row.fibreHouseholds;
  }
  total.weakPct = percentOf(total.weak + total.none, total.households);
  total.fibrePct = percentOf(total.fibreHouseholds, total.households);
  return {
    wards: wardRows,
    total,
    outside: { households: outside.households, good: outside.good, fair: outside.fair, weak: outside.weak, none: outside.none },
  };
}
