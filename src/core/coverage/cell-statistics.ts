/**
 * What each cell serves, the rows of the CLI's `cells.csv` and of the app's cell footprint: the households whose
 * best server it is (sum of `count`) and their household-weighted medians (weighted-median.ts) of RSRP, SINR
 * (those that have one) and throughput (0 Mb/s where a household has none, as in speed-statistics.ts; null for
 * 2G/3G, where it is not modelled).
 */
import type { HouseholdPoints } from '../model.ts';
import type { CoverageResult } from './coverage-result.ts';
import { isOfdmTechnology } from './link-quality.ts';
import { throughputOrZero } from './speed-statistics.ts';
import { weightedMedian } from './weighted-median.ts';

export interface CellServed {
  /** Households served (sum of `count`). */
  households: number;
  /** Medians over the households served; null when it serves none (SINR: none with a SINR, e.g. 2G/3G). */
  medianRsrpDbm: number | null;
  medianSinrDb: number | null;
  medianThroughputMbps: number | null;
}

/**
 * The served statistics of every cell index below `cellCount` (cells of other layers serve nobody), in one pass
 * over the households.
 *
 * @example cellStatistics(engine.cells.length, households, coverage)[12] // { households: 830, medianRsrpDbm: -88.4, … }
 */
export function cellStatistics(cellCount: number, households: HouseholdPoints, coverage: CoverageResult): CellServed[] {
  // households grouped by best cell (CSR)
  const start = new Uint32Array(cellCount + 1);
  const { bestCell } = coverage;
  for (let h = 0; h < households.length; h++) if (bestCell[h] >= 0 && bestCell[h] < cellCount) start[bestCell[h] + 1]++;
  for (let c = 0; c < cellCount; c++) start[c + 1] += start[c];
  const next = start.slice(0, cellCount);
  const members = new Uint32Array(start[cellCount]);
  for (let h = 0; h < households.length; h++) if (bestCell[h] >= 0 && bestCell[h] < cellCount) members[next[bestCell[h]]++] = h;
  const scratch = { values: new Float64Array(Math.max(1, members.length)), weights: new Float64Array(Math.max(1, members.length)) };
  return Array.from({ length: cellCount }, (_, c) => servedBy(members.subarray(start[c], start[c + 1]), households, coverage, scratch));
}

/** Indices of the households whose best server is cell `cellIndex` (its footprint), ascending. */
export function householdsServedBy(bestCell: Int32Array, cellIndex: number): Uint32Array {
  let count = 0;
  for (let h = 0; h < bestCell.length; h++) if (bestCell[h] === cellIndex) count++;
  const members = new Uint32Array(count);
  for (let h = 0, k = 0; h < bestCell.length; h++) if (bestCell[h] === cellIndex) members[k++] = h;
  return members;
}

/**
 * The served statistics of one cell: of the households `members` (its served households, e.g. those whose
 * `bestCell` is the cell).
 */
export function servedBy(
  members: ArrayLike<number>,
  households: HouseholdPoints,
  coverage: CoverageResult,
  scratch = { values: new Float64Array(Math.max(1, members.length)), weights: new Float64Array(Math.max(1, members.length)) },
): CellServed {
  const { values, weights } = scratch;
  const { count } = households;
  const median = (value: (h: number) => number): number | null => {
    let length = 0;
    for (let k = 0; k < members.length; k++) {
      const h = members[k];
      const v = value(h);
      if (Number.isNaN(v)) continue;
      values[length] = v;
      weights[length++] = count[h];
    }
    return weightedMedian(values, weights, length);
  };
  let served = 0;
  for (let k = 0; k < members.length; k++) served += count[members[k]];
  return {
    households: served,
    medianRsrpDbm: median((h) => coverage.rsrpDbm[h]),
    medianSinrDb: median((h) => coverage.sinrDb[h]),
    medianThroughputMbps: isOfdmTechnology(coverage.technology) ? median((h) => throughputOrZero(coverage.throughputMbps[h])) : null,
  };
}
