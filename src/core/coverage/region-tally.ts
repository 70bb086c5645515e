/**
 * Statistics over an analysis run region by region (the CLI's `analyze --provinces`: a country, province by
 * province), equal to those of one run over the whole: the totals (summary.json) and what each cell serves
 * (cells.csv), whose households may lie in several regions (a cell near a border serves both sides).
 *
 * Counts and shares add up exactly (sums of whole household counts). Medians do not add up, so every household's
 * RSRP, SINR and throughput are kept, rounded to 0.01 as the outputs print them, with its cell and its count:
 * 20 bytes per household point (540 MB for 27 M), the only country-wide memory of the streaming run. The median
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
 * One region's households as kept: cell (global index, −1 none), values in hundredths, count. Typed arrays only,
 * so a worker thread that analysed the region hands them over without a copy (`regionRowsBuffers`).
 */
export interface RegionRows {
  cell: Int32Array;
  rsrp: Int32Array;
  sinr: Int32Array;
  throughput: Int32Array;
  count: Uint32Array;
}

/**
 * A region's rows from its run: its households, their coverage and the global index of each of its analysed cells
 * (`globalCell[localIndex]`, −1 for a cell whose service is not counted).
 */
export function regionRows(households: HouseholdPoints, coverage: CoverageResult, globalCell: Int32Array): RegionRows {
  const n = households.length;
  const rows: RegionRows = {
    cell: new Int32Array(n),
    rsrp: new Int32Array(n),
    sinr: new Int32Array(n),
    throughput: new Int32Array(n),
    count: Uint32Array.from(households.count),
  };
  const { bestCell, rsrpDbm, sinrDb, throughputMbps } = coverage;
  for (let h = 0; h < n; h++) {
    const local = bestCell[h];
    rows.cell[h] = local === -1 ? -1 : globalCell[local];
    rows.rsrp[h] = local === -1 ? MISSING : hundredths(rsrpDbm[h]);
    rows.sinr[h] = hundredths(sinrDb[h]);
    rows.throughput[h] = hundredths(throughputOrZero(throughputMbps[h]));
  }
  return rows;
}

/** The buffers of a region's rows, to transfer them to another thread. */
export function regionRowsBuffers(rows: RegionRows): ArrayBuffer[] {
  return [rows.cell, rows.rsrp, rows.sinr, rows.throughput, rows.count].map((column) => column.buffer as ArrayBuffer);
}

export class RegionTally {
  private readonly regions: RegionRows[] = [];
  /** Sums of the regions' counts. */
  private readonly sums: CoverageCounts = { good: 0, fair: 0, weak: 0, none: 0, fibreHouseholds: 0, speedOkHouseholds: 0 };
  private readonly quality: boolean;

  /**
   * `cellCount`: the cells of every region, by global index (a cell seen from two regions has one index);
   * `technology`: the analysis' (2G/3G have no SINR or throughput: those medians are null).
   */
  constructor(
    private readonly cellCount: number,
    technology: CoverageResult['technology'],
  ) {
    this.quality = isOfdmTechnology(technology);
  }

  /** Adds one region's rows (`regionRows`) and its totals (`wardStatistics`). */
  add(rows: RegionRows, totals: CoverageTotals): void {
    this.regions.push(rows);
    this.sums.good += totals.good;
    this.sums.fair += totals.fair;
    this.sums.weak += totals.weak;
    this.sums.none += totals.none;
    this.sums.fibreHouseholds += totals.fibreHouseholds;
    this.sums.speedOkHouseholds += totals.speedOkHouseholds ?? 0;
  }

  /** The totals over every region added, as `wardStatistics(…).total` of one whole run gives them (medians to 0.01). */
  totals(): CoverageTotals {
    const { regions } = this;
    const medians = (): { medianSinrDb: number | null; medianThroughputMbps: number | null } => ({
      medianSinrDb: histogramMedian(regions, 'sinr'),
      medianThroughputMbps: histogramMedian(regions, 'throughput'),
    });
    return coverageTotals(this.sums, this.quality ? medians() : null);
  }

  /**
   * What each cell serves over every region (`cellStatistics` of one whole run, medians to 0.01), by global index.
   * Groups the kept households by cell, then medians per cell.
   */
  cells(): CellServed[] {
    const start = new Uint32Array(this.cellCount + 1);
    for (const { cell } of this.regions) for (let h = 0; h < cell.length; h++) if (cell[h] >= 0) start[cell[h] + 1]++;
    for (let c = 0; c < this.cellCount; c++) start[c + 1] += start[c];
    const served = start[this.cellCount];
    const next = start.slice(0, this.cellCount);
    const grouped = { rsrp: new Int32Array(served), sinr: new Int32Array(served), throughput: new Int32Array(served), count: new Uint32Array(served) };
    for (const rows of this.regions) {
      for (let h = 0; h < rows.cell.length; h++) {
        const c = rows.cell[h];
        if (c < 0) continue;
        const k = next[c]++;
        grouped.rsrp[k] = rows.rsrp[h];
        grouped.sinr[k] = rows.sinr[h];
        grouped.throughput[k] = rows.throughput[h];
        grouped.count[k] = rows.count[h];
      }
    }
    let widest = 1;
    for (let c = 0; c < this.cellCount; c++) widest = Math.max(widest, start[c + 1] - start[c]);
    const values = new Float64Array(widest);
    const weights = new Float64Array(widest);
    const median = (column: Int32Array, from: number, to: number): number | null => {
      let length = 0;
      for (let k = from; k < to; k++) {
        if (column[k] === MISSING) continue;
        values[length] = column[k];
        weights[length++] = grouped.count[k];
      }
      const middle = weightedMedian(values, weights, length);
      return middle === null ? null : middle / 100;
    };
    return Array.from({ length: this.cellCount }, (_, c) => {
      const from = start[c];
      const to = start[c + 1];
      let households = 0;
      for (let k = from; k < to; k++) households += grouped.count[k];
      return {
        households,
        medianRsrpDbm: median(grouped.rsrp, from, to),
        medianSinrDb: median(grouped.sinr, from, to),
        medianThroughputMbps: this.quality ? median(grouped.throughput, from, to) : null,
      };
    });
  }
}

/**
 * Lower weighted median (weighted-median.ts) of one column over every region, from a histogram of the values in
 * hundredths (a few thousand distinct values for millions of households); null when no household has one.
 */
function histogramMedian(regions: readonly RegionRows[], column: 'sinr' | 'throughput'): number | null {
  const weightOf = new Map<number, number>();
  let total = 0;
  for (const rows of regions) {
    const values = rows[column];
    for (let h = 0; h < values.length; h++) {
      if (values[h] === MISSING) continue;
      weightOf.set(values[h], (weightOf.get(values[h]) ?? 0) + rows.count[h]);
      total += rows.count[h];
    }
  }
  if (!(total > 0)) return null;
  const sorted = [...weightOf.keys()].sort((a, b) => a - b);
  let below = 0;
  for (const value of sorted) {
    below += weightOf.get(value)!;
    if (below >= total / 2) return value / 100;
  }
  return sorted[sorted.length - 1] / 100;
}
