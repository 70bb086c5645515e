/**
 * A fibre plan's figures from the households passed before and after and its extensions: per ward and
 * city-wide households passed, percentages, cable length and cost, whether the target is met and, in scope
 * ward, which wards cannot reach it. One roll-up for the planner and for a plan cut down to the extensions kept
 * after a deletion (`planWithKeptExtensions`).
 */
import type { HouseholdLocations } from '../model.ts';
import { percentOf } from '../coverage/ward-statistics.ts';
import { householdsNeeded } from './fibre-statistics.ts';
import type { FibreExtension, FibrePlan, FibrePlanOptions, FibrePlanTotals, FibreWardPlan, UnreachableWard } from './fibre-plan-types.ts';

export interface PlanFiguresInput {
  /** Id and name of each ward, in ward index order. */
  wards: ReadonlyArray<{ id: string; name: string }>;
  households: HouseholdLocations;
  /** Ward index per household point, −1 outside every ward. */
  wardOfHousehold: Int32Array;
  /** Per household point, 1 = passed by the existing network; and by the network plus the extensions. */
  passedBefore: Uint8Array;
  passedAfter: Uint8Array;
  /** Per ward index: households within reach of the existing network but refused a port, still unpassed. */
  capacityBlocked: ArrayLike<number>;
  extensions: readonly FibreExtension[];
  options: FibrePlanOptions;
}

/**
 * The figures of a plan. Extensions count towards the ward of their `wardId` (an unknown or null id: outside
 * every ward). costVnd sums the extensions' own rounded costs; cable and connection costs are rounded totals.
 */
export function summarisePlan(input: PlanFiguresInput): Pick<FibrePlan, 'wards' | 'totals' | 'targetMet' | 'unreachableWards'> {
  const { wards, households, wardOfHousehold, passedBefore, passedAfter, extensions, options } = input;
  // rows: the wards, then households outside every ward
  const outsideRow = wards.length;
  const total = new Float64Array(outsideRow + 1);
  const before = new Float64Array(outsideRow + 1);
  const after = new Float64Array(outsideRow + 1);
  for (let h = 0; h < households.length; h++) {
    const row = wardOfHousehold[h] === -1 ? outsideRow : wardOfHousehold[h];
    const count = households.count[h];
    total[row] += count;
    if (passedBefore[h] === 1) before[row] += count;
    if (passedAfter[h] === 1) after[row] += count;
  }
  const wardRow = new Map(wards.map((ward, w) => [ward.id, w]));
  const extensionM = new Float64Array(outsideRow + 1);
  const costVnd = new Float64Array(outsideRow + 1);
  for (const extension of extensions) {
    const row = extension.wardId === null ? outsideRow : (wardRow.get(extension.wardId) ?? outsideRow);
    extensionM[row] += extension.lengthM;
    costVnd[row] += extension.costVnd;
  }
  const wardPlans = wards.map((ward, w): FibreWardPlan => ({
    wardIndex: w,
    wardId: ward.id,
    wardName: ward.name,
    households: total[w],
    passedBefore: before[w],
    pctBefore: percentOf(before[w], total[w]),
    passedAfter: after[w],
    pctAfter: percentOf(after[w], total[w]),
    extensionM: extensionM[w],
    costVnd: costVnd[w],
    capacityBlocked: input.capacityBlocked[w],
    targetMet: total[w] > 0 && after[w] >= householdsNeeded(options.targetPct, total[w]),
  }));

  const sum = (values: Float64Array): number => values.reduce((acc, value) => acc + value, 0);
  const cityHouseholds = sum(total);
  const cityBefore = sum(before);
  const cityAfter = sum(after);
  const lengthM = extensions.reduce((acc, extension) => acc + extension.lengthM, 0);
  const gained = extensions.reduce((acc, extension) => acc + extension.householdsGained, 0);
  const totals: FibrePlanTotals = {
    households: cityHouseholds,
    passedBefore: cityBefore,
    pctBefore: percentOf(cityBefore, cityHouseholds),
    passedAfter: cityAfter,
    pctAfter: percentOf(cityAfter, cityHouseholds),
    extensions: extensions.length,
    extensionM: lengthM,
    householdsGained: gained,
    cableCostVnd: Math.round(lengthM * options.costPerMetreVnd),
    connectionCostVnd: Math.round(gained * options.connectionCostVnd),
    costVnd: extensions.reduce((acc, extension) => acc + extension.costVnd, 0),
  };

  const unreachableWards: UnreachableWard[] =
    options.scope === 'ward'
      ? wardPlans
          .filter((ward) => !ward.targetMet)
          .map((ward): UnreachableWard => {
            const needed = householdsNeeded(options.targetPct, ward.households);
            const reason =
              ward.households === 0 ? 'no-households' : ward.capacityBlocked >= needed - ward.passedAfter ? 'ports-full' : 'not-enough-reachable';
            return {
              wardIndex: ward.wardIndex,
              wardId: ward.wardId,
              wardName: ward.wardName,
              reason,
              households: ward.households,
              passedAfter: ward.passedAfter,
              needed,
              capacityBlocked: ward.capacityBlocked,
            };
          })
      : [];
  const targetMet =
    options.scope === 'ward'
      ? wardPlans.every((ward) => ward.targetMet || ward.households === 0)
      : cityAfter >= householdsNeeded(options.targetPct, cityHouseholds);
  return { wards: wardPlans, totals, targetMet, unreachableWards };
}
