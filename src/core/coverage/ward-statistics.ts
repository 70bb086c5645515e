/**
 * Per-ward coverage statistics in households (the sum of each point's `count`), the rows of `wards.csv`:
 * good, fair, weak, none, weak_pct = (weak + none) / households × 100, and the households passed by fibre.
 * `WardStatisticsTally` keeps them in step with cell edits, touching only the households an edit changed.
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

/** The statistics after a cell edit: only the ward rows that changed (each with its `wardIndex`), and the totals. */
export type WardStatisticsDelta = WardStatisticsResult;

/** Percentage with 0 for an empty base (a ward without households has no gap). */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part * 100) / whole : 0;
}

/** Columns of a tally row: the four classes, then households passed by fibre. */
const COLUMNS = 5;
const FIBRE = 4;

/**
 * Households per ward and signal class, kept up to date as households change class. Row w is ward w, the last
 * row households outside every ward.
 */
export class WardStatisticsTally {
  private readonly sums: Float64Array;
  /** The class each household is counted in. */
  private readonly counted: Uint8Array;
  private readonly outsideRow: number;

  /**
   * Sums the households of `coverage` per ward and class. `fibrePassed` (1 = passed, per household point) may be
   * null when no fibre layer is loaded: fibre counts are then 0.
   */
  constructor(
    private readonly wards: Ward[],
    private readonly wardOfHousehold: Int32Array,
    private readonly households: HouseholdPoints,
    coverage: CoverageResult,
    fibrePassed: Uint8Array | null,
  ) {
    this.outsideRow = wards.length;
    this.sums = new Float64Array((wards.length + 1) * COLUMNS);
    this.counted = coverage.signalClass.slice();
    for (let h = 0; h < households.length; h++) {
      const row = this.rowOf(h) * COLUMNS;
      const count = households.count[h];
      this.sums[row + this.counted[h]] += count;
      if (fibrePassed !== null && fibrePassed[h] === 1) this.sums[row + FIBRE] += count;
    }
  }

  private rowOf(h: number): number {
    const ward = this.wardOfHousehold[h];
    return ward === -1 ? this.outsideRow : ward;
  }

  /**
   * Moves the households `changed` to their class in `signalClass` (the edited result); returns the ward indices
   * whose rows changed, ascending (−1 for the outside row).
   */
  update(changed: ArrayLike<number>, signalClass: Uint8Array): number[] {
    const rows = new Set<number>();
    for (let k = 0; k < changed.length; k++) {
      const h = changed[k];
      const next = signalClass[h];
      const previous = this.counted[h];
      if (next === previous) continue;
      const row = this.rowOf(h);
      const count = this.households.count[h];
      this.sums[row * COLUMNS + previous] -= count;
      this.sums[row * COLUMNS + next] += count;
      this.counted[h] = next;
      rows.add(row === this.outsideRow ? -1 : row);
    }
    return [...rows].sort((a, b) => a - b);
  }

  /** Every ward row, the outside row and the totals. */
  result(): WardStatisticsResult {
    return this.withRows(this.wards.map((_, w) => w));
  }

  /** The rows of the wards `wardIndices` (−1 ignored: the outside row is always given) and the totals. */
  delta(wardIndices: readonly number[]): WardStatisticsDelta {
    return this.withRows(wardIndices.filter((w) => w !== -1));
  }

  private withRows(wardIndices: readonly number[]): WardStatisticsResult {
    const outside = this.totalsOf(this.outsideRow);
    const total: CoverageTotals = { households: 0, good: 0, fair: 0, weak: 0, none: 0, weakPct: 0, fibreHouseholds: 0, fibrePct: 0 };
    for (let row = 0; row <= this.outsideRow; row++) {
      const base = row * COLUMNS;
      const [good, fair, weak, none] = this.sums.subarray(base, base + 4);
      total.households += good + fair + weak + none;
      total.good += good;
      total.fair += fair;
      total.weak += weak;
      total.none += none;
      total.fibreHouseholds += this.sums[base + FIBRE];
    }
    total.weakPct = percentOf(total.weak + total.none, total.households);
    total.fibrePct = percentOf(total.fibreHouseholds, total.households);
    return {
      wards: wardIndices.map((w) => ({ wardIndex: w, wardId: this.wards[w].id, wardName: this.wards[w].name, ...this.totalsOf(w) })),
      total,
      outside: { households: outside.households, good: outside.good, fair: outside.fair, weak: outside.weak, none: outside.none },
    };
  }

  private totalsOf(row: number): CoverageTotals {
    const [good, fair, weak, none, fibreHouseholds] = this.sums.subarray(row * COLUMNS, row * COLUMNS + COLUMNS);
    const households = good + fair + weak + none;
    return {
      households,
      good,
      fair,
      weak,
      none,
      weakPct: percentOf(weak + none, households),
      fibreHouseholds,
      fibrePct: percentOf(fibreHouseholds, households),
    };
  }
}

/**
 * Sums households per ward and signal class (`WardStatisticsTally`). `fibrePassed` (1 = passed, per household
 * point) may be null when no fibre layer is loaded: fibre counts are then 0.
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
  return new WardStatisticsTally(wards, wardOfHousehold, households, coverage, fibrePassed).result();
}

/** The statistics with the rows of a delta put in place of the old ones (by `wardIndex`) and the delta's totals. */
export function applyWardStatisticsDelta(statistics: WardStatisticsResult, delta: WardStatisticsDelta): WardStatisticsResult {
  const wards = statistics.wards.slice();
  for (const row of delta.wards) wards[row.wardIndex] = row;
  return { wards, total: delta.total, outside: delta.outside };
}
