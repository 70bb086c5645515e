/**
 * Evaluates a target set on the analysed city: each target's value now, the gap to its threshold and its status,
 * city-wide and per unit (docs/targets.md "How each indicator is computed"). Pure arithmetic over per-household
 * arrays, so the same numbers come out of the app, the CLI and the report.
 */
import { FAIR, NONE, WEAK } from '../coverage/signal-class.ts';
import type { Technology } from '../model.ts';
import { INDICATORS, type Target } from './target-set.ts';

/** A unit of the reporting layer with the census figures that give its persons per household. */
export interface TargetUnitInput {
  id: string;
  name: string;
  population2019: number | null;
  households2019: number | null;
}

export interface TargetInputs {
  units: readonly TargetUnitInput[];
  /** Per household point: index into `units`, −1 outside every unit. */
  unitOfHousehold: Int32Array;
  /** Households at each point. */
  count: ArrayLike<number>;
  /** Signal class per household point (0 good … 3 none) of each analysed technology; absent = not analysed. */
  signalClass: Partial<Record<Technology, Uint8Array>>;
  /** 1 where fibre passes the household point; null without a fibre layer. */
  fibrePassed: Uint8Array | null;
  /** Per zone kind, 1 where the household point lies in a zone of that kind; null without a zones layer. */
  zoneMembership: ReadonlyMap<string, Uint8Array> | null;
  /**
   * Modelled single-user downlink throughput per household point in Mb/s for each technology analysed with it
   * (the coverage engine's `CoverageResult.throughputMbps`, 4G/5G: TR 36.942 A.2 over the SINR), NaN where no
   * cell serves the point above the interference cut-off. A speed target of a technology without it says
   * "needs throughput analysis".
   */
  throughputMbps?: Partial<Record<Technology, Float32Array>>;
}

export type TargetStatus = 'met' | 'not-met' | 'no-data' | 'needs-throughput';

/** Why a target or unit has no value. */
export type NoDataReason =
  | 'technology-not-analysed'
  | 'no-fibre-layer'
  | 'no-zones-layer'
  | 'no-wifi-data'
  | 'needs-throughput'
  | 'empty-scope';

export interface TargetValue {
  status: TargetStatus;
  /** In the target's unit; null without data. */
  value: number | null;
  /** Distance to the threshold in the target's unit (percentage points, Mb/s), 0 when met; null without data. */
  gap: number | null;
  /** What the percentage is of (households or persons in the scope; for speeds, those served). */
  base: number;
  /** Of those, the households or persons that count (covered, weak, passed). */
  achieved: number;
  /**
   * Households or persons to move for the target to be met (covered or passed more, or lifted out of weak/none);
   * 0 when met, null for speeds and without data.
   */
  shortfall: number | null;
}

export interface TargetEvaluation extends TargetValue {
  target: Target;
  reason: NoDataReason | null;
  /** One entry per unit, in the order of `units` (no-data where the scope has none of its households). */
  byUnit: TargetValue[];
  /** Units of a units scope that the reporting layer does not have. */
  unknownUnitIds: string[];
}

/**
 * Evaluates every target (see the module comment).
 *
 * @example evaluateTargets(set.targets, inputs)[0] // { status: 'not-met', value: 96.2, gap: 3.8, shortfall: 44_970, … }
 */
export function evaluateTargets(targets: readonly Target[], inputs: TargetInputs): TargetEvaluation[] {
  const personsPerHousehold = personsPerHouseholdOfUnits(inputs.units);
  return targets.map((target) => evaluateTarget(target, inputs, personsPerHousehold));
}

/**
 * Persons per household of each unit from its census (population / households), and last the city ratio
 * (Σ population / Σ households over the units that have both) for households outside every unit and for units
 * without census figures; 1 when no unit has any.
 */
export function personsPerHouseholdOfUnits(units: readonly TargetUnitInput[]): Float64Array {
  let population = 0;
  let households = 0;
  const hasCensus = (unit: TargetUnitInput): boolean =>
    unit.population2019 !== null && unit.households2019 !== null && unit.households2019 > 0 && unit.population2019 > 0;
  for (const unit of units) {
    if (!hasCensus(unit)) continue;
    population += unit.population2019 ?? 0;
    households += unit.households2019 ?? 0;
  }
  const cityRatio = households > 0 ? population / households : 1;
  const ratios = new Float64Array(units.length + 1);
  units.forEach((unit, u) => {
    ratios[u] = hasCensus(unit) ? (unit.population2019 ?? 0) / (unit.households2019 ?? 1) : cityRatio;
  });
  ratios[units.length] = cityRatio;
  return ratios;
}

function noData(reason: NoDataReason, target: Target, unitCount: number, unknownUnitIds: string[] = []): TargetEvaluation {
  const status: TargetStatus = reason === 'needs-throughput' ? 'needs-throughput' : 'no-data';
  const empty: TargetValue = { status, value: null, gap: null, base: 0, achieved: 0, shortfall: null };
  return { target, reason, ...empty, byUnit: Array.from({ length: unitCount }, () => ({ ...empty })), unknownUnitIds };
}

/** What a target sums over the households of its scope: a share of them, or a mean of their speeds. */
type Measure =
  | { kind: 'share'; counts: (h: number) => boolean }
  | { kind: 'mean'; speedMbps: Float32Array }
  | { kind: 'unavailable'; reason: NoDataReason };

function measureOf(target: Target, inputs: TargetInputs): Measure {
  switch (target.indicator) {
    case 'free_wifi_sites':
      return { kind: 'unavailable', reason: 'no-wifi-data' };
    case 'fibre_passed_households': {
      const passed = inputs.fibrePassed;
      return passed === null ? { kind: 'unavailable', reason: 'no-fibre-layer' } : { kind: 'share', counts: (h) => passed[h] === 1 };
    }
    case 'mean_download_mbps': {
      const technology = target.technology as Technology;
      const speedMbps = inputs.throughputMbps?.[technology];
      if (speedMbps !== undefined) return { kind: 'mean', speedMbps };
      // an analysis of the technology without throughput needs the throughput model; no analysis at all is no data
      return { kind: 'unavailable', reason: inputs.signalClass[technology] === undefined ? 'technology-not-analysed' : 'needs-throughput' };
    }
    default: {
      const classes = inputs.signalClass[target.technology as Technology];
      if (classes === undefined) return { kind: 'unavailable', reason: 'technology-not-analysed' };
      if (target.indicator === 'weak_signal_households') return { kind: 'share', counts: (h) => classes[h] === WEAK || classes[h] === NONE };
      return { kind: 'share', counts: (h) => classes[h] <= FAIR };
    }
  }
}

function evaluateTarget(target: Target, inputs: TargetInputs, personsPerHousehold: Float64Array): TargetEvaluation {
  const { units, unitOfHousehold, count } = inputs;
  const measure = measureOf(target, inputs);
  if (measure.kind === 'unavailable') return noData(measure.reason, target, units.length);
  const scope = targetScope(target, inputs);
  if ('reason' in scope) return noData(scope.reason, target, units.length, scope.unknownUnitIds);

  // per unit (last row: outside every unit): weighted base and achieved sums
  const base = new Float64Array(units.length + 1);
  const achieved = new Float64Array(units.length + 1);
  const persons = INDICATORS[target.indicator].weighting === 'persons';
  for (let h = 0; h < unitOfHousehold.length; h++) {
    if (!scope.includes(h)) continue;
    const row = unitOfHousehold[h] === -1 ? units.length : unitOfHousehold[h];
    const weight = persons ? count[h] * personsPerHousehold[row] : count[h];
    if (measure.kind === 'mean') {
      // mean over the households a cell serves: those without a server or signal (class none) have no speed to average
      if (Number.isNaN(measure.speedMbps[h])) continue;
      base[row] += weight;
      achieved[row] += weight * measure.speedMbps[h];
    } else {
      base[row] += weight;
      if (measure.counts(h)) achieved[row] += weight;
    }
  }
  let cityBase = 0;
  let cityAchieved = 0;
  for (let row = 0; row <= units.length; row++) {
    cityBase += base[row];
    cityAchieved += achieved[row];
  }
  const isMean = measure.kind === 'mean';
  const city = judge(target, cityBase, cityAchieved, isMean, persons);
  return {
    target,
    reason: city.status === 'no-data' ? 'empty-scope' : null,
    ...city,
    byUnit: units.map((_, u) => judge(target, base[u], achieved[u], isMean, persons)),
    unknownUnitIds: scope.unknownUnitIds,
  };
}

/**
 * Value, status, gap and shortfall from the sums. Percentages: value = 100 · achieved / base; at least the
 * threshold is met when achieved ≥ threshold · base / 100, at most when achieved ≤ it (a 1e-9 relative tolerance
 * absorbs rounding in the product). Households are whole: the shortfall is rounded up to whole households.
 */
function judge(target: Target, base: number, achieved: number, isMean: boolean, persons: boolean): TargetValue {
  if (!(base > 0)) return { status: 'no-data', value: null, gap: null, base, achieved, shortfall: null };
  const { direction } = INDICATORS[target.indicator];
  const tolerance = 1e-9 * base;
  if (isMean) {
    const value = achieved / base;
    const met = value >= target.threshold - 1e-9;
    return { status: met ? 'met' : 'not-met', value, gap: Math.max(0, target.threshold - value), base, achieved, shortfall: null };
  }
  const value = (100 * achieved) / base;
  const bound = (target.threshold * base) / 100;
  const whole = (x: number): number => (persons ? x : Math.ceil(x - tolerance));
  let met: boolean;
  let shortfall: number;
  if (direction === 'at-least') {
    met = achieved >= bound - tolerance;
    shortfall = met ? 0 : whole(bound - achieved);
  } else {
    met = achieved <= bound + tolerance;
    shortfall = met ? 0 : whole(achieved - bound);
  }
  const gap = met ? 0 : Math.abs(value - target.threshold);
  return { status: met ? 'met' : 'not-met', value, gap, base, achieved, shortfall };
}

/** The household points a target applies to (`includes`), or why it has none to apply to. */
export type TargetScopeTest = { includes: (h: number) => boolean; unknownUnitIds: string[] } | { reason: NoDataReason; unknownUnitIds: string[] };

/**
 * Which household points lie in a target's scope: every one (city), those of the listed units, or those in a zone
 * of the listed kinds; without a zones layer a zones scope has no data.
 */
export function targetScope(target: Target, inputs: TargetInputs): TargetScopeTest {
  const { scope } = target;
  if (scope.kind === 'city') return { includes: () => true, unknownUnitIds: [] };
  if (scope.kind === 'units') {
    const wanted = new Set(scope.unitIds);
    const inScope = Uint8Array.from(inputs.units, (unit) => (wanted.has(unit.id) ? 1 : 0));
    const known = new Set(inputs.units.map((unit) => unit.id));
    const unknownUnitIds = scope.unitIds.filter((id) => !known.has(id));
    return { includes: (h) => inputs.unitOfHousehold[h] !== -1 && inScope[inputs.unitOfHousehold[h]] === 1, unknownUnitIds };
  }
  const membership = inputs.zoneMembership;
  if (membership === null) return { reason: 'no-zones-layer', unknownUnitIds: [] };
  const flags = scope.zoneKinds.map((kind) => membership.get(kind)).filter((kindFlags) => kindFlags !== undefined);
  return { includes: (h) => flags.some((kindFlags) => kindFlags[h] === 1), unknownUnitIds: [] };
}
