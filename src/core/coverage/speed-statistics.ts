/**
 * Download speed of a set of households against a target, from the modelled throughput of an analysis
 * (`CoverageResult.throughputMbps`): what the speed targets of Decision 36/QĐ-TTg (2024) are read against —
 * "average mobile download ≥ 40 Mb/s (4G) / ≥ 100 Mb/s (5G)" — and what wards.csv's speed columns say.
 *
 * Every household counts with its `count`. A household without a server above the interference cut-off has no
 * throughput value in the result (NaN): here it downloads nothing, 0 Mb/s, so it lowers the average and the
 * median and is never "at speed". The throughput is a model of a single user under the analysis' load, not a
 * measurement (docs/models.md "SINR and throughput").
 */
import type { AnalysisSettings, Technology } from '../model.ts';
import { isOfdmTechnology } from './link-quality.ts';
import { weightedMedian } from './weighted-median.ts';

export interface SpeedStatistics {
  /** Households counted (sum of `count`). */
  households: number;
  /** Household-weighted mean throughput, Mb/s; null without households. */
  averageMbps: number | null;
  /** Household-weighted median throughput (lower weighted median, weighted-median.ts), Mb/s; null without households. */
  medianMbps: number | null;
  /** Households whose throughput is at least the target. */
  atSpeedHouseholds: number;
  /** atSpeedHouseholds / households × 100; 0 without households. */
  atSpeedPct: number;
}

/**
 * The speed target of an analysis, Mb/s: `speedTargetMbps` of its technology; null for 2G and 3G, whose
 * throughput is not modelled.
 *
 * @example speedTargetMbps({ technology: '5G', speedTargetMbps: { '4G': 40, '5G': 100 } }) // 100
 */
export function speedTargetMbps(settings: Pick<AnalysisSettings, 'technology' | 'speedTargetMbps'>): number | null {
  const technology: Technology = settings.technology;
  return isOfdmTechnology(technology) ? settings.speedTargetMbps[technology] : null;
}

/** A household's throughput for the statistics: its value, or 0 Mb/s where it has none (no server). */
export function throughputOrZero(throughputMbps: number): number {
  return throughputMbps >= 0 ? throughputMbps : 0;
}

/**
 * Average, median and share of households at speed over `members` (household indices; every household when
 * omitted), weighted by `count`.
 *
 * @param throughputMbps per household, NaN where it has no server (`CoverageResult.throughputMbps`)
 * @param count households per point (`HouseholdPoints.count`)
 * @param targetMbps the speed a household must reach (`speedTargetMbps(settings)`)
 * @example
 * const ward = speedStatistics(result.coverage.throughputMbps, households.count, 40, householdsOfWard);
 * ward.averageMbps >= 40; // the 4G target of Decision 36/QĐ-TTg, for this ward
 */
export function speedStatistics(
  throughputMbps: ArrayLike<number>,
  count: ArrayLike<number>,
  targetMbps: number,
  members?: ArrayLike<number>,
): SpeedStatistics {
  const length = members === undefined ? throughputMbps.length : members.length;
  const values = new Float64Array(length);
  const weights = new Float64Array(length);
  let households = 0;
  let sum = 0;
  let atSpeed = 0;
  for (let k = 0; k < length; k++) {
    const h = members === undefined ? k : members[k];
    const value = throughputOrZero(throughputMbps[h]);
    const weight = count[h];
    values[k] = value;
    weights[k] = weight;
    households += weight;
    sum += value * weight;
    if (value >= targetMbps) atSpeed += weight;
  }
  return {
    households,
    averageMbps: households > 0 ? sum / households : null,
    medianMbps: weightedMedian(values, weights, length),
    atSpeedHouseholds: atSpeed,
    atSpeedPct: households > 0 ? (atSpeed * 100) / households : 0,
  };
}
