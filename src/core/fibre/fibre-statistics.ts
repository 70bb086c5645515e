/**
 * Fibre reach per ward and city-wide (issue 4 "Coverage"): households, passed, fibre_pct and the shortfall in
 * households to each target (80 % and 90 % by default). Households are sums of the points' `count`.
 */
import type { HouseholdLocations, Ward } from '../model.ts';

/** Hải Phòng's FTTH targets: 80 % of households (2022 plan) and 90 % (the department's target). */
export const DEFAULT_FIBRE_TARGETS_PCT: readonly number[] = [80, 90];

export interface FibreReach {
  households: number;
  passed: number;
  /** passed / households × 100; 0 when there are no households. */
  fibrePct: number;
  /** Per target (same order as `targetsPct`): households still to pass to reach it, ≥ 0. */
  shortfall: number[];
}

interface FibreWardReach extends FibreReach {
  /** Index into the wards array. */
  wardIndex: number;
  wardId: string;
  wardName: string;
}

export interface FibreStatistics {
  targetsPct: number[];
  wards: FibreWardReach[];
  /** Households outside every ward polygon. */
  outside: FibreReach;
  /** Every household, outside ones included (as `wardStatistics`' total). */
  city: FibreReach;
}

/**
 * Fewest passed households that make `targetPct` % of `households`: the smallest integer k with
 * k · 100 ≥ targetPct · households. The 1e-9 absorbs floating error in targetPct · households / 100 (exact for
 * integer targets; below 1e-10 for any target and a million households).
 *
 * @example householdsNeeded(90, 1234) // 1111, since 1110.6 rounds up
 */
export function householdsNeeded(targetPct: number, households: number): number {
  return Math.max(0, Math.ceil((targetPct * households) / 100 - 1e-9));
}

function reachOf(households: number, passed: number, targetsPct: readonly number[]): FibreReach {
  return {
    households,
    passed,
    fibrePct: households > 0 ? (passed * 100) / households : 0,
    shortfall: targetsPct.map((target) => Math.max(0, householdsNeeded(target, households) - passed)),
  };
}

/**
 * Sums households and passed households per ward (ward index −1 = outside every ward) and city-wide.
 *
 * @example
 * const stats = fibreStatistics(wards, assignment.wardIndex, households, fibre.passed);
 * stats.wards[0]; // { wardId: '11296', households: 3276, passed: 2500, fibrePct: 76.3, shortfall: [121, 449] }
 */
export function fibreStatistics(
  wards: Ward[],
  wardOfHousehold: Int32Array,
  households: HouseholdLocations,
  passed: Uint8Array,
  targetsPct: readonly number[] = DEFAULT_FIBRE_TARGETS_PCT,
): FibreStatistics {
  // row w for ward w, the last row for "outside every ward"
  const outsideRow = wards.length;
  const total = new Float64Array(wards.length + 1);
  const passedSum = new Float64Array(wards.length + 1);
  for (let h = 0; h < households.length; h++) {
    const row = wardOfHousehold[h] === -1 ? outsideRow : wardOfHousehold[h];
    total[row] += households.count[h];
    if (passed[h] === 1) passedSum[row] += households.count[h];
  }
  let cityHouseholds = 0;
  let cityPassed = 0;
  for (let row = 0; row <= outsideRow; row++) {
    cityHouseholds += total[row];
    cityPassed += passedSum[row];
  }
  return {
    targetsPct: [...targetsPct],
    wards: wards.map((ward, w) => ({
      wardIndex: w,
      wardId: ward.id,
      wardName: ward.name,
      ...reachOf(total[w], passedSum[w], targetsPct),
    })),
    outside: reachOf(total[outsideRow], passedSum[outsideRow], targetsPct),
    city: reachOf(cityHouseholds, cityPassed, targetsPct),
  };
}
