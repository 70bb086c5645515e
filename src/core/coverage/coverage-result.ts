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
