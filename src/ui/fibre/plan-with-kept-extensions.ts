/**
 * A fibre plan's figures after some of its extensions were deleted, without re-planning: the households passed,
 * per ward and city-wide, by the existing network plus the kept extensions only, so the percentages shown agree
 * with the cables left on the map at once (issue 4).
 */
import { percentOf } from '../../core/coverage/ward-statistics.ts';
import { householdsNeeded } from '../../core/fibre/fibre-statistics.ts';
import { HouseholdGrid } from '../../core/fibre/household-grid.ts';
import type { FibreExtension, FibrePlan, FibreWardPlan } from '../../core/fibre/plan-fibre-extension.ts';
import type { HouseholdPoints } from '../../core/model.ts';

export interface KeptExtensionsInput {
  households: HouseholdPoints;
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
 * connectionCostVnd (rounded to whole VND, as in the plan). `unreachableWards` are the planner's finding about
 * what cable can reach and stay as they were.
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

  // rows: the wards, then households outside every ward
  const outsideRow = plan.wards.length;
  const passedPerRow = new Float64Array(outsideRow + 1);
  for (let h = 0; h < households.length; h++) {
    if (passed[h] === 1) passedPerRow[wardOfHousehold[h] === -1 ? outsideRow : wardOfHousehold[h]] += households.count[h];
  }
  const wardRow = new Map(plan.wards.map((ward, w) => [ward.wardId, w]));
  const extensionM = new Float64Array(outsideRow + 1);
  const costVnd = new Float64Array(outsideRow + 1);
  for (const extension of extensions) {
    const row = extension.wardId === null ? outsideRow : (wardRow.get(extension.wardId) ?? outsideRow);
    extensionM[row] += extension.lengthM;
    costVnd[row] += extension.costVnd;
  }
  const wards = plan.wards.map((ward, w): FibreWardPlan => ({
    ...ward,
    passedAfter: passedPerRow[w],
    pctAfter: percentOf(passedPerRow[w], ward.households),
    extensionM: extensionM[w],
    costVnd: costVnd[w],
    targetMet: ward.households > 0 && passedPerRow[w] >= householdsNeeded(options.targetPct, ward.households),
  }));

  const cityPassed = passedPerRow.reduce((sum, value) => sum + value, 0);
  const lengthM = extensions.reduce((sum, extension) => sum + extension.lengthM, 0);
  const gained = extensions.reduce((sum, extension) => sum + extension.householdsGained, 0);
  const totals = {
    ...plan.totals,
    passedAfter: cityPassed,
    pctAfter: percentOf(cityPassed, plan.totals.households),
    extensions: extensions.length,
    extensionM: lengthM,
    householdsGained: gained,
    cableCostVnd: Math.round(lengthM * options.costPerMetreVnd),
    connectionCostVnd: Math.round(gained * options.connectionCostVnd),
    costVnd: extensions.reduce((sum, extension) => sum + extension.costVnd, 0),
  };
  const targetMet = options.scope === 'ward'
    ? wards.every((ward) => ward.targetMet || ward.households === 0)
    : cityPassed >= householdsNeeded(options.targetPct, plan.totals.households);
  return { ...plan, extensions, passedAfter: passed, wards, totals, targetMet };
}
