/**
 * Extension planning (issue 4): new distribution cable that passes unpassed households until a fibre target is
 * met, at least cost = cable length (m) × cost per metre + households passed × connection cost (VND).
 *
 * Method (a greedy Prim-like growth over household clusters; quality measured against a lower bound in tests):
 * 1. The households beyond reach of the network (distance > maxDropM) are grid-clustered (`clusterHouseholds`):
 *    one cable passing within reach of a cluster's bounding-box centre region passes all of it.
 * 2. Each cluster attaches to the nearest point of the existing passing network or of any extension planned so
 *    far (cables may branch anywhere along an earlier extension). Its cable runs straight from that point towards
 *    the cluster centre and may stop just after any member comes within reach: the stop with the most households
 *    per metre is the cluster's offer (all members at once: usually maxDropM short of the centre).
 * 3. A max-priority queue orders the offers by households gained per metre of cable (the cost per household is
 *    cable/households × cost per metre + the connection cost, so this is also the cheapest VND per household);
 *    what a cut-short cable leaves of a cluster makes a new offer from the cable's end.
 *    Adding a cable passes every household within reach of it (also in other clusters), brings nearby clusters'
 *    attachment points closer (re-queued at once within 2 km; farther ones are re-measured when they surface),
 *    and the loop continues until the target is met.
 * 4. Finishing: before each step, every cluster that could close the gap alone is priced with a cable trimmed to
 *    pass only as many of its members as still needed. When the best cluster would close the gap, the cheapest
 *    such cable finishes the plan; and if stopping at an earlier step with that step's cheapest finisher would
 *    have cost less, the cables laid since are taken back and that one is laid instead (the standard guard of
 *    greedy algorithms for quota problems against a greedy path that overshoots).
 *
 * Scope `ward`: wards in order, each until it reaches the target on its own households (a later ward may start
 * from an earlier ward's cables and counts households they pass). Scope `city`: one queue over every cluster
 * until the city (all households, outside ones included) reaches the target.
 *
 * Modules: the vocabulary in fibre-plan-types.ts, the growth of cables in extension-planner.ts, the figures
 * per ward and city-wide in fibre-plan-summary.ts.
 *
 * Approximations, documented in docs/fibre.md: straight cables (no road network); planning geometry in a plane
 * of scaled degrees at the households' mean latitude (< 0.3 % length error across Hải Phòng) with a 1 % margin on
 * the drop distance, while passing is decided exactly as in `computeFibreCoverage`; new cables come with the
 * splitter ports they need (their price is in the connection cost), so households refused a port at a full
 * access node are passed by a new cable that comes within reach, but the plan does not lay cable for them
 * (they need ports, not cable; they are counted per ward as `capacityBlocked`).
 */
import { runSteps, type Steps } from '../steps.ts';
import { ExtensionPlanner } from './extension-planner.ts';
import { householdsNeeded } from './fibre-statistics.ts';
import { summarisePlan } from './fibre-plan-summary.ts';
import type { FibreExtension, FibrePlan, FibrePlanInput, FibrePlanOptions } from './fibre-plan-types.ts';

export {
  DEFAULT_FIBRE_COSTS,
  type FibreCosts,
  type FibreExtension,
  type FibrePlan,
  type FibrePlanInput,
  type FibrePlanOptions,
  type FibrePlanScope,
  type FibrePlanTotals,
  type FibreWardPlan,
  type UnreachableWard,
} from './fibre-plan-types.ts';

function checkOptions(options: FibrePlanOptions): void {
  const { targetPct, maxDropM, costPerMetreVnd, connectionCostVnd } = options;
  if (!(targetPct > 0 && targetPct <= 100)) throw new Error(`targetPct must be in (0, 100], got ${targetPct}`);
  if (!(maxDropM > 0)) throw new Error(`maxDropM must be > 0 metres, got ${maxDropM}`);
  if (!(costPerMetreVnd >= 0) || !(connectionCostVnd >= 0)) {
    throw new Error(`costs must be ≥ 0 VND, got ${costPerMetreVnd}/m and ${connectionCostVnd}/household`);
  }
}

/**
 * Plans extensions to reach `options.targetPct` (see the module comment for the method and its approximations).
 * Pure: the inputs are not modified. Re-planning after a deletion: pass the extensions to keep as `input.kept`
 * (`removeExtension` drops an extension with every extension branching from it). `onProgress` gets fractions
 * 0…1; `isCancelled` is polled and stops the planning with a `CancelledError`.
 *
 * @example
 * const before = computeFibreCoverage(households, network, settings.fibre);
 * const plan = planFibreExtensions({ wards, wardOfHousehold, households, network, coverage: before },
 *   { targetPct: 90, scope: 'ward', maxDropM: 200, backbonePasses: false, ...DEFAULT_FIBRE_COSTS });
 * plan.totals; // { extensionM: 182_400, costVnd: 9_650_000_000, pctAfter: 90.4, … }
 */
export function planFibreExtensions(
  input: FibrePlanInput,
  options: FibrePlanOptions,
  onProgress?: (fraction: number) => void,
  isCancelled?: () => boolean,
): FibrePlan {
  return runSteps(fibrePlanSteps(input, options), onProgress, isCancelled);
}

/**
 * One plan per target of `targetsPct`, each the plan `planFibreExtensions` gives for it with these options, for
 * less work: the planner's set-up (household grid, clusters, network index) is built once, and in scope `city`
 * the plans grow as one until the lowest target's gap is down to the largest cluster, where a copy of the planner
 * finishes that target's plan and the growth goes on towards the next (`ExtensionPlanner.growFrom`: the plans to
 * 80, 90 and 100 % of the merged city share all their cables but the last).
 *
 * @example
 * const [to80, to90, to100] = planFibreExtensionsToTargets(input, { scope: 'city', maxDropM: 200, backbonePasses: false, ...DEFAULT_FIBRE_COSTS }, [80, 90, 100]);
 */
export function planFibreExtensionsToTargets(input: FibrePlanInput, options: Omit<FibrePlanOptions, 'targetPct'>, targetsPct: readonly number[]): FibrePlan[] {
  const { scope, maxDropM, backbonePasses, costPerMetreVnd, connectionCostVnd } = options;
  const optionsOf = (targetPct: number): FibrePlanOptions => ({ targetPct, scope, maxDropM, backbonePasses, costPerMetreVnd, connectionCostVnd });
  for (const targetPct of targetsPct) checkOptions(optionsOf(targetPct));
  if (targetsPct.length === 0) return [];
  const start = new ExtensionPlanner(input, optionsOf(targetsPct[0]));
  if (scope === 'ward') {
    return targetsPct.map((targetPct) => runSteps(planSteps(input, optionsOf(targetPct), new ExtensionPlanner(input, optionsOf(targetPct), start))));
  }
  const ascending = [...new Set(targetsPct)].sort((a, b) => a - b);
  const highest = ascending[ascending.length - 1];
  const top = new ExtensionPlanner(input, optionsOf(highest), start);
  const [topNeed, topFraction] = cityGoal(top, highest);
  const topGrowth = top.startGrowth(top.clustersOfWard(null), topNeed, undefined, topFraction);
  const plans = new Map<number, FibrePlan>();
  for (const targetPct of ascending.slice(0, -1)) {
    const [lowerNeed] = cityGoal(top, targetPct);
    if (topGrowth !== null) runSteps(top.growFrom(topGrowth, () => lowerNeed() <= topGrowth.largestCluster));
    const fork = new ExtensionPlanner(input, optionsOf(targetPct), top);
    if (topGrowth !== null) {
      const [need, fraction] = cityGoal(fork, targetPct);
      runSteps(fork.growFrom({ ...topGrowth, laid: topGrowth.laid.slice(), need, fraction }));
    }
    plans.set(targetPct, planOf(input, optionsOf(targetPct), fork));
  }
  if (topGrowth !== null) runSteps(top.growFrom(topGrowth));
  plans.set(highest, planOf(input, optionsOf(highest), top));
  return targetsPct.map((targetPct) => plans.get(targetPct) as FibrePlan);
}

/** `planFibreExtensions` as steps (steps.ts): yields its progress, 0…1. */
export function fibrePlanSteps(input: FibrePlanInput, options: FibrePlanOptions): Steps<FibrePlan> {
  checkOptions(options);
  return planSteps(input, options, new ExtensionPlanner(input, options));
}

/** Scope city: households still needed for `targetPct` of the city, and the fraction of the way there. */
function cityGoal(planner: ExtensionPlanner, targetPct: number): [need: () => number, fraction: () => number] {
  const cityTotal = planner.wardTotal.reduce((sum, households) => sum + households, 0);
  const needed = householdsNeeded(targetPct, cityTotal);
  const start = planner.cityPassed;
  return [() => needed - planner.cityPassed, () => (needed > start ? (planner.cityPassed - start) / (needed - start) : 1)];
}

/** The plan grown by `planner`, a planner for `input` and `options` in its starting state. */
function* planSteps(input: FibrePlanInput, options: FibrePlanOptions, planner: ExtensionPlanner): Steps<FibrePlan> {
  const { wards } = input;
  if (options.scope === 'ward') {
    for (let w = 0; w < wards.length; w++) {
      const fraction = w / wards.length;
      yield fraction;
      const needed = householdsNeeded(options.targetPct, planner.wardTotal[w]);
      yield* planner.grow(planner.clustersOfWard(w), () => needed - planner.wardPassed[w], wards[w].id, () => fraction);
    }
  } else {
    const [need, fraction] = cityGoal(planner, options.targetPct);
    yield* planner.grow(planner.clustersOfWard(null), need, undefined, fraction);
  }
  yield 1;
  return planOf(input, options, planner);
}

/** The plan of a planner that has grown: its extensions and the figures per ward and city-wide. */
function planOf(input: FibrePlanInput, options: FibrePlanOptions, planner: ExtensionPlanner): FibrePlan {
  const { wards, households, coverage } = input;
  // households within reach of the network but refused a port, per ward
  const capacityBlocked = new Float64Array(wards.length);
  for (let h = 0; h < households.length; h++) {
    const ward = input.wardOfHousehold[h];
    if (ward !== -1 && planner.passed[h] === 0 && coverage.distanceM[h] <= options.maxDropM) capacityBlocked[ward] += households.count[h];
  }
  const figures = summarisePlan({
    wards,
    households,
    wardOfHousehold: input.wardOfHousehold,
    passedBefore: coverage.passed,
    passedAfter: planner.passed,
    capacityBlocked,
    extensions: planner.extensions,
    options,
  });
  return { options, extensions: planner.extensions, passedAfter: planner.passed, ...figures };
}

/**
 * The extensions left after deleting `id`: every extension branching from it (directly or through others) goes
 * too, since it would hang in the air. Pass the result as `kept` to re-plan.
 */
export function removeExtension(extensions: FibreExtension[], id: string): FibreExtension[] {
  const removed = new Set([id]);
  // extensions are in planning order: a parent always precedes its branches
  return extensions.filter((extension) => {
    if (removed.has(extension.id) || (extension.parentId !== null && removed.has(extension.parentId))) {
      removed.add(extension.id);
      return false;
    }
    return true;
  });
}
