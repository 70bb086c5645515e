/**
 * A fibre plan's figures after some of its extensions were deleted, without re-planning: the households passed,
 * per ward and city-wide, by the existing network plus the kept extensions only, so the percentages shown agree
 * with the cables left on the map at once (issue 4).
 */
import type { HouseholdLocations } from '../model.ts';
import { summarisePlan } from './fibre-plan-summary.ts';
import type { FibreExtension, FibrePlan } from './fibre-plan-types.ts';
import { HouseholdGrid } from './household-grid.ts';

export interface KeptExtensionsInput {
  households: HouseholdLocations;
  /** Ward index per household point, −1 outside every ward. */
  wardOfHousehold: Int32Array;
  /** Per household point, 1 = passed by the existing network (the coverage the plan started from). */
  passedBefore: Uint8Array;
}

/**
 * The plan as if it held only `kept` (in planning order, parents first, as `removeExtension` leaves them).
 *
 * Same rule as the planner's: an extension passes every household point within `options.maxDropM` of its
 * straight cable (local ground distance, `HouseholdGrid.forEachNearSegment`), and its `householdsGained` are
 * the households it passes that neither the network nor an earlier kept extension passes, so a kept extension
 * takes over households a deleted one had gained first. Only points passed by the full plan and not before can
 * be gained, so only those are searched. costVnd = lengthM × costPerMetreVnd + householdsGained ×
 * connectionCostVnd (rounded to whole VND, as in the plan); the figures are the planner's roll-up
 * (`summarisePlan`). `unreachableWards` and `capacityBlocked` are the planner's finding about what cable can
 * reach and stay as they were.
 */
export function planWithKeptExtensions(plan: FibrePlan, kept: readonly FibreExtension[], input: KeptExtensionsInput): FibrePlan {
  const { households, wardOfHousehold, passedBefore } = input;
  const { options } = plan;
  const passed = Uint8Array.from(passedBefore);
  const candidates: number[] = [];
  let latSum = 0;
  for (let h = 0; h < households.length; h++) {
    latSum += households.lat[h];
    if (plan.passedAfter[h] === 1 && passedBefore[h] === 0) candidates.push(h);
  }
  const grid = new HouseholdGrid(households, Math.max(25, options.maxDropM / 2), candidates, households.length > 0 ? latSum / households.length : 0);

  const extensions = kept.map((extension): FibreExtension => {
    let gained = 0;
    grid.forEachNearSegment(extension.start[0], extension.start[1], extension.end[0], extension.end[1], options.maxDropM, (slot) => {
      const h = grid.household[slot];
      if (passed[h] === 1) return;
      passed[h] = 1;
      gained += households.count[h];
    });
    return {
      ...extension,
      householdsGained: gained,
      costVnd: Math.round(extension.lengthM * options.costPerMetreVnd + gained * options.connectionCostVnd),
    };
  });

  // the planner's finding about what cable can reach stays as it was
  const figures = summarisePlan({
    wards: plan.wards.map((ward) => ({ id: ward.wardId, name: ward.wardName })),
    households,
    wardOfHousehold,
    passedBefore,
    passedAfter: passed,
    capacityBlocked: plan.wards.map((ward) => ward.capacityBlocked),
    extensions,
    options,
  });
  return { ...plan, extensions, passedAfter: passed, wards: figures.wards, totals: figures.totals, targetMet: figures.targetMet };
}
