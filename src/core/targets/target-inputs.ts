/**
 * What the evaluator reads (`TargetInputs`), made from the analyses a host already has: the units and where each
 * household lies, one analysis per technology the targets name (signal classes, and the modelled throughput
 * where the analysis computes it), fibre reach, and the zones layer. The CLI's `targets` and `report`, and the
 * app's worker, build the inputs the same way, so they evaluate the same figures.
 */
import type { HouseholdLocations, Technology } from '../model.ts';
import { TECHNOLOGIES } from '../model.ts';
import type { TargetInputs, TargetUnitInput } from './evaluate-targets.ts';
import { INDICATORS, type Target } from './target-set.ts';
import { zoneMembership, type Zone } from './zone-membership.ts';

/** One technology's analysis as the targets read it: the class of every household point, and its speed if modelled. */
export interface TechnologyResult {
  signalClass: Uint8Array;
  /**
   * Modelled single-user downlink throughput per household point, Mb/s, NaN where no cell serves it (the coverage
   * engine's `throughputMbps`, issue 12); absent when the analysis does not model it (speed targets then say
   * "needs throughput analysis").
   */
  throughputMbps?: Float32Array;
}

/**
 * The mobile technologies the targets need analysed, in the order of `TECHNOLOGIES` (a coverage, weak-signal or
 * speed target on 4G needs a 4G analysis). FTTH and Wi-Fi targets need none.
 *
 * @example technologiesOf(set.targets) // ['4G', '5G']
 */
export function technologiesOf(targets: readonly Target[]): Technology[] {
  const named = new Set<string>(targets.map((target) => target.technology));
  return TECHNOLOGIES.filter((technology) => named.has(technology));
}

/**
 * Whether a target reads `technology`'s modelled throughput (a speed target): its analysis must then sum the
 * interference; otherwise the signal classes suffice (`signalOnly`).
 */
export function needsThroughput(targets: readonly Target[], technology: Technology): boolean {
  return targets.some((target) => target.technology === technology && INDICATORS[target.indicator].unit === 'Mb/s');
}

export interface TargetInputSources {
  units: readonly TargetUnitInput[];
  /** Per household point: index into `units`, −1 outside every unit. */
  unitOfHousehold: Int32Array;
  households: HouseholdLocations;
  /** One analysis per technology (those of `technologiesOf`); a technology without one has no data. */
  results: Partial<Record<Technology, TechnologyResult>>;
  /** 1 where fibre passes the household point; null without a fibre layer. */
  fibrePassed: Uint8Array | null;
  /** The zones layer (targets scoped to zones), or null without one. */
  zones: readonly Zone[] | null;
}

/**
 * The evaluator's inputs (see the module comment). A throughput array counts only where the analysis gives one.
 *
 * @example evaluateTargets(set.targets, targetInputsOf({ units: wards, unitOfHousehold, households, results: { '4G': analysis.coverage }, fibrePassed, zones }))
 */
export function targetInputsOf(sources: TargetInputSources): TargetInputs {
  const signalClass: TargetInputs['signalClass'] = {};
  const throughputMbps: NonNullable<TargetInputs['throughputMbps']> = {};
  for (const technology of TECHNOLOGIES) {
    const result = sources.results[technology];
    if (result === undefined) continue;
    signalClass[technology] = result.signalClass;
    if (result.throughputMbps !== undefined) throughputMbps[technology] = result.throughputMbps;
  }
  return {
    units: sources.units,
    unitOfHousehold: sources.unitOfHousehold,
    count: sources.households.count,
    signalClass,
    fibrePassed: sources.fibrePassed,
    zoneMembership: sources.zones === null ? null : zoneMembership(sources.zones, sources.households),
    ...(Object.keys(throughputMbps).length > 0 ? { throughputMbps } : {}),
  };
}
