import type { Technology } from '../model.ts';

/**
 * Best-server prediction for every household point, as parallel typed arrays indexed like
 * `HouseholdPoints` (transferable to and from the worker).
 */
export interface CoverageResult {
  technology: Technology;
  /** null = all operators. */
  operator: string | null;
  /** Index into the analysed `cells` array of the strongest cell, or -1 when no cell reaches the point. */
  bestCell: Int32Array;
  /** RSRP of the best cell in dBm; -Infinity when no cell reaches the point. */
  rsrpDbm: Float32Array;
  /** Index into SIGNAL_CLASSES (0 good, 1 fair, 2 weak, 3 none). */
  signalClass: Uint8Array;
}

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
}

/**
 * The households whose result changed in a cell edit, with their new values: what the worker sends instead of
 * the whole result. `bestCell[k]`, `rsrpDbm[k]` and `signalClass[k]` belong to household `changed[k]`.
 */
export interface CoverageDelta {
  changed: Int32Array;
  bestCell: Int32Array;
  rsrpDbm: Float32Array;
  signalClass: Uint8Array;
}

/** The values of the households `changed` in `coverage`. */
export function coverageDelta(coverage: CoverageResult, changed: ArrayLike<number>): CoverageDelta {
  const indices = Int32Array.from(changed);
  return {
    changed: indices,
    bestCell: indices.map((h) => coverage.bestCell[h]),
    rsrpDbm: Float32Array.from(indices, (h) => coverage.rsrpDbm[h]),
    signalClass: Uint8Array.from(indices, (h) => coverage.signalClass[h]),
  };
}

/** Writes a delta's values into `coverage` (a copy of the result it was taken from), in place. */
export function applyCoverageDelta(coverage: CoverageResult, delta: CoverageDelta): void {
  for (let k = 0; k < delta.changed.length; k++) {
    const h = delta.changed[k];
    coverage.bestCell[h] = delta.bestCell[k];
    coverage.rsrpDbm[h] = delta.rsrpDbm[k];
    coverage.signalClass[h] = delta.signalClass[k];
  }
}
