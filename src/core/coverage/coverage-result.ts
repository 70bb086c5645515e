import type { Technology } from '../model.ts';

/**
 * Downlink quality per household point (4G and 5G; docs/models.md "SINR and throughput"), parallel to
 * `HouseholdPoints`. NaN / 0 where the household has no server above the interference cut-off, and everywhere in
 * a 2G or 3G analysis.
 */
export interface DownlinkQuality {
  /** SINR of the best server, dB. */
  sinrDb: Float32Array;
  /** Modelled single-user downlink throughput, Mb/s (TR 36.942 A.2 efficiency × bandwidth × MIMO layers). */
  throughputMbps: Float32Array;
  /** Co-channel cells within 6 dB of the best server, the server included (≥ 4: pilot pollution); capped at 255. */
  serversWithin6Db: Uint8Array;
}

/**
 * Best-server prediction for every household point, as parallel typed arrays indexed like
 * `HouseholdPoints` (transferable to and from the worker).
 */
export interface CoverageResult extends DownlinkQuality {
  technology: Technology;
  /** null = all operators. */
  operator: string | null;
  /**
   * Index into the analysed `cells` array of the strongest cell, or -1 when no cell reaches the point (down to the
   * weak threshold, and for 4G/5G down to the interference cut-off when it is lower).
   */
  bestCell: Int32Array;
  /** RSRP of the best cell in dBm; -Infinity when no cell reaches the point. */
  rsrpDbm: Float32Array;
  /** Index into SIGNAL_CLASSES (0 good, 1 fair, 2 weak, 3 none). */
  signalClass: Uint8Array;
}

/** A run's signal before its interference sums: every household's best server and class (no SINR yet). */
export type ServedSignal = Pick<CoverageResult, 'bestCell' | 'rsrpDbm' | 'signalClass'>;

/** Per-ward statistics, in households (sum of `count`), as in the `wards.csv` contract of the CLI. */
export interface WardStats {
  /** Index into the wards array; -1 for the "outside every ward" row. */
  wardIndex: number;
  wardId: string;
  wardName: string;
  households: number;
  good: number;
  fair: number;
  weak: number;
  none: number;
  /** (weak + none) / households × 100; 0 when the ward has no households. */
  weakPct: number;
  fibreHouseholds: number;
  fibrePct: number;
  /**
   * Downlink quality (4G/5G; null for 2G/3G, where it is not modelled): household-weighted medians
   * (weighted-median.ts) of SINR over the households that have one, and of throughput over all households (0 Mb/s
   * without a server); households at or above the speed target and their share of all (speed-statistics.ts).
   */
  medianSinrDb: number | null;
  medianThroughputMbps: number | null;
  speedOkHouseholds: number | null;
  speedOkPct: number | null;
}

/**
 * The households whose result changed in a cell edit, with their new values: what the worker sends instead of
 * the whole result. `bestCell[k]`, `rsrpDbm[k]` and `signalClass[k]` belong to household `changed[k]`.
 */
export interface CoverageDelta extends DownlinkQuality {
  changed: Int32Array;
  bestCell: Int32Array;
  rsrpDbm: Float32Array;
  signalClass: Uint8Array;
}

/** The per-household arrays of a result, by name: what a copy, a delta and a transfer carry. */
export const COVERAGE_ARRAYS = ['bestCell', 'rsrpDbm', 'signalClass', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const;

/** One of those arrays. */
type CoverageArray = CoverageDelta[(typeof COVERAGE_ARRAYS)[number]];

/**
 * The values of the households `changed` in `coverage`. Plain loops: typed arrays' `from` with a mapping function
 * and `map` take a slow path in V8 (~16 ms for a drag step's 20,000 households in Node, against well under 1 ms).
 */
export function coverageDelta(coverage: CoverageResult, changed: ArrayLike<number>): CoverageDelta {
  const n = changed.length;
  const delta: CoverageDelta = {
    changed: new Int32Array(n),
    bestCell: new Int32Array(n),
    rsrpDbm: new Float32Array(n),
    signalClass: new Uint8Array(n),
    sinrDb: new Float32Array(n),
    throughputMbps: new Float32Array(n),
    serversWithin6Db: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) delta.changed[k] = changed[k];
  for (const name of COVERAGE_ARRAYS) gatherInto(delta[name], coverage[name], delta.changed);
  return delta;
}

/** `into[k] = from[indices[k]]` for every k. */
function gatherInto(into: CoverageArray, from: CoverageArray, indices: Int32Array): void {
  for (let k = 0; k < indices.length; k++) into[k] = from[indices[k]];
}

/** Writes a delta's values into `coverage` (a copy of the result it was taken from), in place. */
export function applyCoverageDelta(coverage: CoverageResult, delta: CoverageDelta): void {
  for (const name of COVERAGE_ARRAYS) scatterInto(coverage[name], delta[name], delta.changed);
}

/** `into[indices[k]] = from[k]` for every k. */
function scatterInto(into: CoverageArray, from: CoverageArray, indices: Int32Array): void {
  for (let k = 0; k < indices.length; k++) into[indices[k]] = from[k];
}

/** A copy of a result whose arrays share nothing with it (to send while the original is kept and edited). */
export function copyCoverage(coverage: CoverageResult): CoverageResult {
  const copy = { ...coverage };
  for (const name of COVERAGE_ARRAYS) (copy[name] as CoverageResult[typeof name]) = coverage[name].slice() as never;
  return copy;
}
