/**
 * Statistics over an analysis run region by region (the CLI's `analyze --provinces`: a country, province by
 * province), equal to those of one run over the whole: the totals (summary.json) and what each cell serves
 * (cells.csv), whose households may lie in several regions (a cell near a border serves both sides).
 *
 * Counts and shares add up exactly (sums of whole household counts). Medians do not add up, so every household's
 * RSRP, SINR and throughput are kept, rounded to 0.01 as the outputs print them, with its count, grouped by cell:
 * 16 bytes per household point (430 MB for 27 M), the only country-wide memory of the streaming run. The median
 * of the rounded values is the rounded median (rounding is monotone and the lower weighted median is a value some
 * household has: weighted-median.ts), so the figures are those a whole-country run prints, to 0.01.
 */
import type { HouseholdPoints } from '../model.ts';
import type { CellServed } from './cell-statistics.ts';
import type { CoverageResult } from './coverage-result.ts';
import { isOfdmTechnology } from './link-quality.ts';
import { throughputOrZero } from './speed-statistics.ts';
import { coverageTotals, type CoverageCounts, type CoverageTotals } from './ward-statistics.ts';
import { weightedMedian } from './weighted-median.ts';

/** A value that is not there (no SINR; no RSRP without a server) in the hundredths arrays. */
const MISSING = -0x80000000;

/**
 * `value` rounded to 0.01 as `Number(value.toFixed(2))` rounds it, in hundredths (an integer): the fast product,
 * and `toFixed`'s exact decimal rounding where the product lies near a half (binary fractions such as 1.005 are
 * just below it). MISSING for NaN and ±Infinity.
 *
 * @example hundredths(-95.1049) // -9510
 */
export function hundredths(value: number): number {
  if (!Number.isFinite(value)) return MISSING;
  const scaled = value * 100;
  // + 0: −0 (a small negative value) is 0, as "-0.00" reads
  const rounded = Math.round(scaled) + 0;
  return Math.abs(scaled - rounded) < 0.499 ? rounded : Math.round(Number(value.toFixed(2)) * 100) + 0;
}

/**
 * One region's households as kept, grouped by cell: `cells` the global indices of the cells serving some of them,
 * rising, the households of `cells[k]` at [starts[k], starts[k + 1]) of the columns, those served by none (or by
 * a cell whose service is not counted) before starts[0]; values in hundredths. Typed arrays only, so a worker
 * thread that analysed the region hands them over without a copy (`regionRowsBuffers`).
 */
export interface RegionRows {
  cells: Int32Array;
  starts: Uint32Array;
  rsrp: Int32Array;
  sinr: Int32Array;
  throughput: Int32Array;
  count: Uint32Array;
}

/**
 * A region's rows from its run: its households, their coverage and the global index of each of its analysed cells
 * (`globalCell[localIndex]`, −1 for a cell whose service is not counted). Grouped here, in the thread that ran the
 * region, so that the thread taking every region's rows has only their medians to take.
 */
export function regionRows(households: HouseholdPoints, coverage: CoverageResult, globalCell: Int32Array): RegionRows {
  const n = households.length;
  const { bestCell, rsrpDbm, sinrDb, throughputMbps } = coverage;
  const globalOf = (h: number): number => (bestCell[h] === -1 ? -1 : globalCell[bestCell[h]]);
  // a counting sort by local cell (position 0: served by none), the local cells taken in rising global index
  const perLocal = new Uint32Array(globalCell.length + 1);
  for (let h = 0; h < n; h++) perLocal[globalOf(h) === -1 ? 0 : bestCell[h] + 1]++;
  const locals = Array.from(globalCell.keys())
    .filter((local) => perLocal[local + 1] > 0)
    .sort((a, b) => globalCell[a] - globalCell[b]);
  const cells = Int32Array.from(locals, (local) => globalCell[local]);
  const starts = new Uint32Array(locals.length + 1);
  starts[0] = perLocal[0];
  // from here on perLocal holds each group's next position
  perLocal[0] = 0;
  locals.forEach((local, k) => {
    starts[k + 1] = starts[k] + perLocal[local + 1];
    perLocal[local + 1] = starts[k];
  });
  const rows: RegionRows = { cells, starts, rsrp: new Int32Array(n), sinr: new Int32Array(n), throughput: new Int32Array(n), count: new Uint32Array(n) };
  for (let h = 0; h < n; h++) {
    const served = globalOf(h) !== -1;
    const k = perLocal[served ? bestCell[h] + 1 : 0]++;
    rows.rsrp[k] = served ? hundredths(rsrpDbm[h]) : MISSING;
    rows.sinr[k] = hundredths(sinrDb[h]);
    rows.throughput[k] = hundredths(throughputOrZero(throughputMbps[h]));
    rows.count[k] = households.count[h];
  }
  return rows;
}

/** The buffers of a region's rows, to transfer them to another thread. */
export function regionRowsBuffers(rows: RegionRows): ArrayBuffer[] {
  return [rows.cells, rows.starts, rows.rsrp, rows.sinr, rows.throughput, rows.count].map((column) => column.buffer as ArrayBuffer);
}

type Column = 'rsrp' | 'sinr' | 'throughput';

const NOTHING_SERVED: CellServed = { households: 0, medianRsrpDbm: null, medianSinrDb: null, medianThroughputMbps: null };

/**
 * The work is done as regions are added, so that a run whose regions come from other threads has little left at
 * its end: each cell's medians are taken from its slice of the region's rows. A cell that turns out to serve
 * households of two regions or more (near a border) has its medians taken again over all its slices when `cells`
 * is asked. The totals' medians come from histograms of the values, kept up to date.
 */
export class RegionTally {
  private readonly regions: RegionRows[] = [];
  /** Sums of the regions' counts. */
  private readonly sums: CoverageCounts = { good: 0, fair: 0, weak: 0, none: 0, fibreHouseholds: 0, speedOkHouseholds: 0 };
  private readonly quality: boolean;
  /** Per cell: how many regions have households it serves, and its statistics over the first one. */
  private readonly regionsOfCell: Uint16Array;
  private readonly served: CellServed[];
  /** The weights of the values over every region. */
  private readonly histograms = { sinr: new ValueHistogram(), throughput: new ValueHistogram() };
  /** Scratch: the medians' buffers. */
  private values = new Float64Array(0);
  private weights = new Float64Array(0);

  /**
   * `cellCount`: the cells of every region, by global index (a cell seen from two regions has one index);
   * `technology`: the analysis' (2G/3G have no SINR or throughput: those medians are null).
   */
  constructor(cellCount: number, technology: CoverageResult['technology']) {
    this.quality = isOfdmTechnology(technology);
    this.regionsOfCell = new Uint16Array(cellCount);
    this.served = new Array<CellServed>(cellCount).fill(NOTHING_SERVED);
  }

  /** Adds one region's rows (`regionRows`) and its totals (`wardStatistics`), in any order. */
  add(rows: RegionRows, totals: CoverageTotals): void {
    this.sums.good += totals.good;
    this.sums.fair += totals.fair;
    this.sums.weak += totals.weak;
    this.sums.none += totals.none;
    this.sums.fibreHouseholds += totals.fibreHouseholds;
    this.sums.speedOkHouseholds += totals.speedOkHouseholds ?? 0;
    for (const column of ['sinr', 'throughput'] as const) {
      const histogram = this.histograms[column];
      const values = rows[column];
      for (let h = 0; h < values.length; h++) {
        if (values[h] !== MISSING) histogram.add(values[h], rows.count[h]);
      }
    }
    this.regions.push(rows);
    for (let k = 0; k < rows.cells.length; k++) {
      const c = rows.cells[k];
      this.served[c] = this.regionsOfCell[c]++ === 0 ? this.servedOver([[rows, k]]) : NOTHING_SERVED;
    }
  }

  /** The totals over every region added, as `wardStatistics(…).total` of one whole run gives them (medians to 0.01). */
  totals(): CoverageTotals {
    const medians = (): { medianSinrDb: number | null; medianThroughputMbps: number | null } => ({
      medianSinrDb: this.histograms.sinr.median(),
      medianThroughputMbps: this.histograms.throughput.median(),
    });
    return coverageTotals(this.sums, this.quality ? medians() : null);
  }

  /**
   * What each cell serves over every region (`cellStatistics` of one whole run, medians to 0.01), by global index.
   * Only the cells serving households of several regions are left to compute.
   */
  cells(): CellServed[] {
    const slices = new Map<number, Array<[RegionRows, number]>>();
    for (const region of this.regions) {
      for (let k = 0; k < region.cells.length; k++) {
        const c = region.cells[k];
        if (this.regionsOfCell[c] < 2) continue;
        const list = slices.get(c);
        if (list === undefined) slices.set(c, [[region, k]]);
        else list.push([region, k]);
      }
    }
    for (const [c, list] of slices) this.served[c] = this.servedOver(list);
    return this.served.slice();
  }

  /** A cell's statistics over its slices (region, index of the cell in the region's `cells`). */
  private servedOver(slices: ReadonlyArray<readonly [RegionRows, number]>): CellServed {
    let households = 0;
    let length = 0;
    for (const [region, k] of slices) {
      for (let i = region.starts[k], end = region.starts[k + 1]; i < end; i++) households += region.count[i];
      length += region.starts[k + 1] - region.starts[k];
    }
    if (this.values.length < length) {
      this.values = new Float64Array(length);
      this.weights = new Float64Array(length);
    }
    return {
      households,
      medianRsrpDbm: this.medianOver(slices, 'rsrp'),
      medianSinrDb: this.medianOver(slices, 'sinr'),
      medianThroughputMbps: this.quality ? this.medianOver(slices, 'throughput') : null,
    };
  }

  /** The weighted median of one column over a cell's slices, its values present only. */
  private medianOver(slices: ReadonlyArray<readonly [RegionRows, number]>, column: Column): number | null {
    const { values, weights } = this;
    let taken = 0;
    for (const [region, k] of slices) {
      const from = region[column];
      const { count } = region;
      for (let i = region.starts[k], end = region.starts[k + 1]; i < end; i++) {
        const value = from[i];
        if (value === MISSING) continue;
        values[taken] = value;
        weights[taken++] = count[i];
      }
    }
    const middle = weightedMedian(values, weights, taken);
    return middle === null ? null : middle / 100;
  }
}

/**
 * Weights of values in hundredths, for their lower weighted median (weighted-median.ts): a typed array over the
 * range seen so far (a few thousand distinct values in a range of tens of thousands for millions of households;
 * a Map of them cost ~60 ns a household), or a Map once the range grows past DENSE_LIMIT (values far out of the
 * usual, such as a throughput from a mistyped bandwidth).
 */
class ValueHistogram {
  private lowest = 0;
  private dense = new Float64Array(0);
  private sparse: Map<number, number> | null = null;

  add(value: number, weight: number): void {
    const at = value - this.lowest;
    if (at >= 0 && at < this.dense.length) this.dense[at] += weight;
    else if (this.sparse !== null) this.sparse.set(value, (this.sparse.get(value) ?? 0) + weight);
    else {
      this.cover(value);
      this.add(value, weight);
    }
  }

  /** Lower weighted median of the values added, or null when they weigh nothing. */
  median(): number | null {
    let total = 0;
    for (const [, weight] of this.entries()) total += weight;
    if (!(total > 0)) return null;
    let below = 0;
    let last = 0;
    for (const [value, weight] of this.entries()) {
      below += weight;
      last = value;
      if (below >= total / 2) return value / 100;
    }
    return last / 100;
  }

  /** The values with weight, rising. */
  private *entries(): Generator<[number, number]> {
    if (this.sparse !== null) {
      for (const value of [...this.sparse.keys()].sort((a, b) => a - b)) yield [value, this.sparse.get(value)!];
      return;
    }
    for (let at = 0; at < this.dense.length; at++) if (this.dense[at] > 0) yield [this.lowest + at, this.dense[at]];
  }

  /** Widens the dense range to hold `value` (doubling it at least), or turns to a Map past DENSE_LIMIT. */
  private cover(value: number): void {
    const empty = this.dense.length === 0;
    const low = empty ? value : Math.min(value, this.lowest);
    const high = empty ? value : Math.max(value, this.lowest + this.dense.length - 1);
    if (high - low + 1 > DENSE_LIMIT) {
      this.sparse = new Map();
      for (let at = 0; at < this.dense.length; at++) if (this.dense[at] > 0) this.sparse.set(this.lowest + at, this.dense[at]);
      this.dense = new Float64Array(0);
      return;
    }
    const length = Math.min(DENSE_LIMIT, Math.max(high - low + 1, 2 * this.dense.length));
    // the slack goes on the side the range grew towards
    const lowest = value < this.lowest || empty ? high - length + 1 : low;
    const dense = new Float64Array(length);
    if (!empty) dense.set(this.dense, this.lowest - lowest);
    this.dense = dense;
    this.lowest = lowest;
  }
}

/** Widest dense range of a `ValueHistogram`: 2^22 hundredths (±210 dB or 42,000 Mb/s), 32 MB. */
const DENSE_LIMIT = 2 ** 22;
