/**
 * Per-ward coverage statistics in households (the sum of each point's `count`), the rows of `wards.csv`:
 * good, fair, weak, none, weak_pct = (weak + none) / households × 100, the households passed by fibre and, for
 * 4G/5G, the downlink quality: median SINR, median throughput, households at the speed target and their share.
 * `WardStatisticsTally` keeps them in step with cell edits, touching only the households an edit changed.
 */
import type { HouseholdPoints, Ward } from '../model.ts';
import type { CoverageResult, WardStats } from './coverage-result.ts';
import { isOfdmTechnology } from './link-quality.ts';
import { RunningWeightedMedian } from './running-weighted-median.ts';
import { throughputOrZero } from './speed-statistics.ts';
import { groupedWeightedMedians } from './weighted-median.ts';

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

/** Columns of a tally row: the four classes, households passed by fibre, households at the speed target. */
const COLUMNS = 6;
const FIBRE = 4;
const SPEED_OK = 5;

/**
 * Households per ward and signal class, kept up to date as households change class or quality. Row w is ward w,
 * the last row households outside every ward.
 */
export class WardStatisticsTally {
  private readonly sums: Float64Array;
  /** The class each household is counted in, and whether it is counted at speed. */
  private readonly counted: Uint8Array;
  private readonly countedAtSpeed: Uint8Array;
  private readonly outsideRow: number;
  /** The speed target (Mb/s), or null when the analysis has no throughput (2G/3G). */
  private readonly targetMbps: number | null;
  /** Households of each row (CSR) and the row medians, for 4G/5G. */
  private readonly rowStart: Uint32Array;
  private readonly rowHouseholds: Uint32Array;
  private readonly medianSinrDb: Array<number | null>;
  private readonly medianThroughputMbps: Array<number | null>;
  private totalMedians: { sinr: number | null; throughput: number | null } = { sinr: null, throughput: null };
  /** Every household's SINR and throughput (0 Mb/s without a server) for the row and city-wide medians (`prepareForEdits`). */
  private running: { sinr: RunningWeightedMedian; throughput: RunningWeightedMedian } | null = null;

  /**
   * Sums the households of `coverage` per ward and class. `fibrePassed` (1 = passed, per household point) may be
   * null when no fibre layer is loaded: fibre counts are then 0. `speedTargetMbps` is the analysis' target
   * (`speedTargetMbps(settings)`), null for 2G/3G: the quality columns are then null.
   */
  constructor(
    private readonly wards: Ward[],
    private readonly wardOfHousehold: Int32Array,
    private readonly households: HouseholdPoints,
    private readonly coverage: CoverageResult,
    fibrePassed: Uint8Array | null,
    speedTargetMbps: number | null,
  ) {
    const n = households.length;
    this.outsideRow = wards.length;
    this.targetMbps = isOfdmTechnology(coverage.technology) ? speedTargetMbps : null;
    this.sums = new Float64Array((wards.length + 1) * COLUMNS);
    this.counted = coverage.signalClass.slice();
    this.countedAtSpeed = new Uint8Array(n);
    this.rowStart = new Uint32Array(wards.length + 2);
    for (let h = 0; h < n; h++) {
      const row = this.rowOf(h);
      this.rowStart[row + 1]++;
      const base = row * COLUMNS;
      const count = households.count[h];
      this.sums[base + this.counted[h]] += count;
      if (fibrePassed !== null && fibrePassed[h] === 1) this.sums[base + FIBRE] += count;
      if (this.isAtSpeed(h)) {
        this.countedAtSpeed[h] = 1;
        this.sums[base + SPEED_OK] += count;
      }
    }
    for (let row = 0; row <= this.outsideRow; row++) this.rowStart[row + 1] += this.rowStart[row];
    const next = this.rowStart.slice(0, this.outsideRow + 1);
    this.rowHouseholds = new Uint32Array(n);
    for (let h = 0; h < n; h++) this.rowHouseholds[next[this.rowOf(h)]++] = h;
    if (this.targetMbps === null) {
      this.medianSinrDb = new Array<number | null>(this.outsideRow + 1).fill(null);
      this.medianThroughputMbps = new Array<number | null>(this.outsideRow + 1).fill(null);
    } else {
      // the weights in row order once, for both quantities
      const weights = new Float64Array(n);
      for (let k = 0; k < n; k++) weights[k] = households.count[this.rowHouseholds[k]];
      const values = new Float64Array(n);
      const { sinrDb, throughputMbps } = coverage;
      const sinr = this.rowMedians((h) => sinrDb[h], values, weights);
      const throughput = this.rowMedians((h) => throughputOrZero(throughputMbps[h]), values, weights);
      this.medianSinrDb = sinr.groups;
      this.medianThroughputMbps = throughput.groups;
      this.totalMedians = { sinr: sinr.whole, throughput: throughput.whole };
    }
  }

  /**
   * The weighted medians of `valueOf` (NaN: no value) in each row and city-wide: `values` (scratch) gets them in row
   * order, beside `weights`.
   */
  private rowMedians(valueOf: (h: number) => number, values: Float64Array, weights: Float64Array): ReturnType<typeof groupedWeightedMedians> {
    const { rowHouseholds } = this;
    for (let k = 0; k < rowHouseholds.length; k++) values[k] = valueOf(rowHouseholds[k]);
    return groupedWeightedMedians(values, weights, this.rowStart, this.outsideRow + 1);
  }

  private rowOf(h: number): number {
    const ward = this.wardOfHousehold[h];
    return ward === -1 ? this.outsideRow : ward;
  }

  private isAtSpeed(h: number): boolean {
    return this.targetMbps !== null && throughputOrZero(this.coverage.throughputMbps[h]) >= this.targetMbps;
  }

  /**
   * Moves the households `changed` to their class and speed in `coverage` (the edited result it was built on);
   * returns the ward indices whose rows changed, ascending (−1 for the outside row). A household's quality
   * changing moves its ward's medians, so its row counts as changed.
   */
  update(changed: ArrayLike<number>): number[] {
    const rows = new Set<number>();
    const { signalClass } = this.coverage;
    for (let k = 0; k < changed.length; k++) {
      const h = changed[k];
      const row = this.rowOf(h);
      const count = this.households.count[h];
      const next = signalClass[h];
      const previous = this.counted[h];
      const atSpeed = this.isAtSpeed(h) ? 1 : 0;
      if (next !== previous) {
        this.sums[row * COLUMNS + previous] -= count;
        this.sums[row * COLUMNS + next] += count;
        this.counted[h] = next;
        rows.add(row);
      }
      if (atSpeed !== this.countedAtSpeed[h]) {
        this.sums[row * COLUMNS + SPEED_OK] += atSpeed === 1 ? count : -count;
        this.countedAtSpeed[h] = atSpeed;
      }
      if (this.targetMbps !== null) rows.add(row);
    }
    if (rows.size > 0) this.updateMedians(rows, changed);
    return [...rows].map((row) => (row === this.outsideRow ? -1 : row)).sort((a, b) => a - b);
  }

  /** Every ward row, the outside row and the totals. */
  result(): WardStatisticsResult {
    return this.withRows(this.wards.map((_, w) => w));
  }

  /** The rows of the wards `wardIndices` (−1 ignored: the outside row is always given) and the totals. */
  delta(wardIndices: readonly number[]): WardStatisticsDelta {
    return this.withRows(wardIndices.filter((w) => w !== -1));
  }

  /**
   * Sets up the running medians the edits keep in step (`update`), from the current values: done by the first edit
   * unless done before, in idle time (the app's engine worker after an analysis, ~0.2 s on a city). Nothing for
   * 2G/3G or when done already. A one-off table never needs them.
   */
  prepareForEdits(): void {
    if (this.targetMbps !== null) this.runningMedians();
  }

  private runningMedians(): { sinr: RunningWeightedMedian; throughput: RunningWeightedMedian } {
    if (this.running !== null) return this.running;
    const { sinrDb, throughputMbps } = this.coverage;
    const { count } = this.households;
    const throughput = new Float64Array(throughputMbps.length);
    const rowOfHousehold = new Uint32Array(throughputMbps.length);
    for (let h = 0; h < throughput.length; h++) {
      throughput[h] = throughputOrZero(throughputMbps[h]);
      rowOfHousehold[h] = this.rowOf(h);
    }
    const groups = this.outsideRow + 1;
    this.running = {
      sinr: new RunningWeightedMedian(sinrDb, count, rowOfHousehold, groups),
      throughput: new RunningWeightedMedian(throughput, count, rowOfHousehold, groups),
    };
    return this.running;
  }

  /** Whether the running medians are set up (`prepareForEdits`). */
  get preparedForEdits(): boolean {
    return this.targetMbps === null || this.running !== null;
  }

  /**
   * The medians of the rows `rows` and the city-wide ones after the households `changed` changed quality, from the
   * running medians (fresh ones would gather and select every household of those rows and of the city per edit).
   */
  private updateMedians(rows: ReadonlySet<number>, changed: ArrayLike<number>): void {
    if (this.targetMbps === null) return;
    const { sinrDb, throughputMbps } = this.coverage;
    // set up now, they hold the current values already
    const fresh = this.running === null;
    const running = this.runningMedians();
    for (let k = 0; !fresh && k < changed.length; k++) {
      const h = changed[k];
      running.sinr.set(h, sinrDb[h]);
      running.throughput.set(h, throughputOrZero(throughputMbps[h]));
    }
    for (const row of rows) {
      this.medianSinrDb[row] = running.sinr.medianOf(row);
      this.medianThroughputMbps[row] = running.throughput.medianOf(row);
    }
    this.totalMedians = { sinr: running.sinr.median(), throughput: running.throughput.median() };
  }

  private withRows(wardIndices: readonly number[]): WardStatisticsResult {
    const outside = this.totalsOf(this.outsideRow);
    const sums = new Float64Array(COLUMNS);
    for (let row = 0; row <= this.outsideRow; row++) {
      for (let column = 0; column < COLUMNS; column++) sums[column] += this.sums[row * COLUMNS + column];
    }
    const total = this.totalsFrom(sums, this.totalMedians.sinr, this.totalMedians.throughput);
    return {
      wards: wardIndices.map((w) => ({ wardIndex: w, wardId: this.wards[w].id, wardName: this.wards[w].name, ...this.totalsOf(w) })),
      total,
      outside: { households: outside.households, good: outside.good, fair: outside.fair, weak: outside.weak, none: outside.none },
    };
  }

  private totalsOf(row: number): CoverageTotals {
    return this.totalsFrom(this.sums.subarray(row * COLUMNS, (row + 1) * COLUMNS), this.medianSinrDb[row], this.medianThroughputMbps[row]);
  }

  private totalsFrom(sums: Float64Array, medianSinrDb: number | null, medianThroughputMbps: number | null): CoverageTotals {
    const [good, fair, weak, none, fibreHouseholds, speedOkHouseholds] = sums;
    const counts = { good, fair, weak, none, fibreHouseholds, speedOkHouseholds };
    return coverageTotals(counts, this.targetMbps === null ? null : { medianSinrDb, medianThroughputMbps });
  }
}

/** Household counts of a ward or region: per signal class, passed by fibre, at the speed target. */
export interface CoverageCounts {
  good: number;
  fair: number;
  weak: number;
  none: number;
  fibreHouseholds: number;
  speedOkHouseholds: number;
}

/**
 * The totals of a ward or region from its counts: households, shares, and the quality columns (`quality`: the
 * medians of a 4G/5G analysis; null for 2G/3G, whose quality columns are null).
 */
export function coverageTotals(
  counts: CoverageCounts,
  quality: { medianSinrDb: number | null; medianThroughputMbps: number | null } | null,
): CoverageTotals {
  const { good, fair, weak, none, fibreHouseholds, speedOkHouseholds } = counts;
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
    medianSinrDb: quality === null ? null : quality.medianSinrDb,
    medianThroughputMbps: quality === null ? null : quality.medianThroughputMbps,
    speedOkHouseholds: quality === null ? null : speedOkHouseholds,
    speedOkPct: quality === null ? null : percentOf(speedOkHouseholds, households),
  };
}

/**
 * Sums households per ward and signal class, with the downlink quality columns (`WardStatisticsTally`).
 * `fibrePassed` (1 = passed, per household point) may be null when no fibre layer is loaded: fibre counts are then
 * 0. `speedTargetMbps` is the analysis' target, null for 2G/3G.
 *
 * @example
 * const { wards: rows, total } = wardStatistics(wards, assignment.wardIndex, households, coverage, fibre.passed, 40);
 * rows[0]; // { wardId: '11296', households: 3276, good: 3100, …, weakPct: 2.1, fibrePct: 74.3, medianSinrDb: 9.8, … }
 */
export function wardStatistics(
  wards: Ward[],
  wardOfHousehold: Int32Array,
  households: HouseholdPoints,
  coverage: CoverageResult,
  fibrePassed: Uint8Array | null,
  speedTargetMbps: number | null,
): WardStatisticsResult {
  return new WardStatisticsTally(wards, wardOfHousehold, households, coverage, fibrePassed, speedTargetMbps).result();
}

/** The statistics with the rows of a delta put in place of the old ones (by `wardIndex`) and the delta's totals. */
export function applyWardStatisticsDelta(statistics: WardStatisticsResult, delta: WardStatisticsDelta): WardStatisticsResult {
  const wards = statistics.wards.slice();
  for (const row of delta.wards) wards[row.wardIndex] = row;
  return { wards, total: delta.total, outside: delta.outside };
}
