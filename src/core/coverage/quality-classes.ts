/**
 * Classes of the downlink-quality map layers, one per household point, from what the coverage engine computed
 * (`CoverageResult`): SINR, modelled throughput against the speed target, the best server, and the overlap count
 * (co-channel cells within 6 dB, pilot pollution from 4). Class 0 is the best; the class after the last break is
 * "no server above the interference cut-off". Like the signal classes, a higher index marks a worse spot, so a
 * map drawing the highest class where points overlap never hides a problem under a good neighbour.
 */
import type { CoverageResult } from './coverage-result.ts';
import { PILOT_POLLUTION_SERVERS } from './link-quality.ts';

export type QualityLayer = 'sinr' | 'throughput' | 'server' | 'overlap';

/**
 * Lower bounds of the SINR classes, dB, best first: ≥ 20 (excellent), 13–20 (good), 0–13 (mid-cell), < 0 (cell
 * edge). The ranges drive-test practice reads LTE SINR with; a reading aid, not a standard's levels.
 */
export const SINR_BREAKS_DB: readonly number[] = [20, 13, 0];

/**
 * Lower bounds of the throughput classes as multiples of the speed target T, best first: ≥ 2.5·T, T–2.5·T,
 * T/4–T, < T/4 (4G, T = 40 Mb/s: 100, 40, 10 Mb/s). The target is a class boundary: classes 0 and 1 meet it.
 */
export const THROUGHPUT_BREAKS_OF_TARGET: readonly number[] = [2.5, 1, 0.25];

/** Distinct colours of the best-server layer; a cell's colour is `bestServerClass` of its index. */
export const SERVER_COLOURS = 12;
/**
 * Step between the colours of consecutive cell indices: coprime with SERVER_COLOURS, so the sectors of one site
 * (consecutive rows of the sites file) never share a colour, and neighbouring sites rarely do.
 */
const SERVER_COLOUR_STEP = 7;

/** Class of a value among descending lower bounds: the first bound it reaches; `bounds.length` below them all. */
function classAmong(value: number, bounds: readonly number[]): number {
  let index = 0;
  while (index < bounds.length && !(value >= bounds[index])) index++;
  return index;
}

/**
 * SINR class (SINR_BREAKS_DB); NaN (no server above the cut-off) is class 4.
 * @example sinrClass(15) // 1 (13–20 dB)
 */
export function sinrClass(sinrDb: number): number {
  return Number.isNaN(sinrDb) ? SINR_BREAKS_DB.length + 1 : classAmong(sinrDb, SINR_BREAKS_DB);
}

/**
 * Throughput class against the speed target (THROUGHPUT_BREAKS_OF_TARGET); NaN (no server) is class 4.
 * @example throughputClass(45, 40) // 1 (40–100 Mb/s)
 */
export function throughputClass(throughputMbps: number, targetMbps: number): number {
  const bounds = THROUGHPUT_BREAKS_OF_TARGET.map((factor) => factor * targetMbps);
  return Number.isNaN(throughputMbps) ? bounds.length + 1 : classAmong(throughputMbps, bounds);
}

/**
 * Overlap class: 0 for the server alone, 1 and 2 for one and two co-channel cells within 6 dB, 3 for pilot
 * pollution (PILOT_POLLUTION_SERVERS or more), 4 without a server above the cut-off (count 0).
 */
export function overlapClass(serversWithin6Db: number): number {
  if (serversWithin6Db === 0) return PILOT_POLLUTION_SERVERS;
  return Math.min(serversWithin6Db, PILOT_POLLUTION_SERVERS) - 1;
}

/** Best-server class: the cell's colour index, or SERVER_COLOURS without a server (index −1). */
export function bestServerClass(cellIndex: number): number {
  return cellIndex < 0 ? SERVER_COLOURS : (cellIndex * SERVER_COLOUR_STEP) % SERVER_COLOURS;
}

/**
 * The class of every household point on one quality layer.
 *
 * @param targetMbps the speed target of the analysis (`speedTargetMbps(settings)`), for the throughput layer
 * @example qualityClasses(result.coverage, 'overlap', 40) // Uint8Array, 3 where pilot pollution
 */
export function qualityClasses(coverage: CoverageResult, layer: QualityLayer, targetMbps: number): Uint8Array {
  const length = coverage.bestCell.length;
  const classes = new Uint8Array(length);
  for (let h = 0; h < length; h++) {
    switch (layer) {
      case 'sinr':
        classes[h] = sinrClass(coverage.sinrDb[h]);
        break;
      case 'throughput':
        classes[h] = throughputClass(coverage.throughputMbps[h], targetMbps);
        break;
      case 'overlap':
        classes[h] = overlapClass(coverage.serversWithin6Db[h]);
        break;
      case 'server':
        classes[h] = bestServerClass(coverage.bestCell[h]);
        break;
    }
  }
  return classes;
}
