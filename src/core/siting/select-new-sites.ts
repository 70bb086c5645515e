/**
 * Automatic siting end to end, for the CLI and the worker alike: from the coverage of the existing network
 * and a list of candidates to the chosen new sites, with households gained, wards served, what is left, and
 * how far from optimal the answer is known to be. Method in docs/siting.md.
 */
import type { Highs } from 'highs';
import type { WardIndex } from '../assign-wards.ts';
import type { CoverageResult } from '../coverage/coverage-result.ts';
import { FAIR } from '../coverage/signal-class.ts';
import type { AnalysisSettings, Cell, HouseholdPoints } from '../model.ts';
import type { PlaceEnvironment } from '../resolve-environment.ts';
import { runSteps, scaled, type Steps } from '../steps.ts';
import { coverageSetSteps, collectWeakHouseholds, type CoverageSets, type CoverageSetsInput, type SitingCandidate, type WeakHouseholds } from './coverage-sets.ts';
import { DEFAULT_EXACT_OPTIONS, selectSitesExact, type ExactOptions, type ExactResult } from './select-sites-exact.ts';
import { coverableWeight, selectSitesGreedy, type SitingGoal, type SitingPick } from './select-sites-greedy.ts';

/** A number of new sites, or a share of all households to have out of weak/none (e.g. 98 %). */
export type NewSitesGoal = { kind: 'count'; count: number } | { kind: 'target-pct'; pct: number };

export interface NewSitesInput {
  /** Ward lookup (`indexWards`), for the wards a new site serves. */
  wardIndex: WardIndex;
  households: HouseholdPoints;
  /** Environment of the new cells that give none: the analysis's (`AnalysisResult.place`), of these households. */
  place: PlaceEnvironment;
  wardOfHousehold: Int32Array;
  /** Coverage of the existing network (the engine's result for the analysed technology and operator): its classes. */
  coverage: Pick<CoverageResult, 'signalClass'>;
  /**
   * Weight of each household point in the goal and the gains (default its households, `count`): e.g. persons for
   * a population target. Totals, gains and the target are then in that unit.
   */
  weight?: ArrayLike<number>;
  settings: AnalysisSettings;
  candidates: readonly SitingCandidate[];
  goal: NewSitesGoal;
  /** Solve exactly as well (with the loaded HiGHS); null for greedy only. */
  exact: { highs: Highs; options?: ExactOptions } | null;
  /** Starts a partner thread measuring part of the candidates (`CoverageSetsInput.partner`); none by default. */
  setsPartner?: CoverageSetsInput['partner'];
}

export interface ChosenSite {
  /** Index into the candidates. */
  candidate: number;
  siteId: string;
  lon: number;
  lat: number;
  cells: Cell[];
  /** Households newly out of weak/none thanks to this site, given the sites chosen before it. */
  householdsGained: number;
  /** Wards of those households, most first (households outside every ward are left out). */
  wards: Array<{ wardIndex: number; wardId: string; wardName: string; households: number }>;
}

export interface NewSitesPlan {
  /** In pick order (greedy order; for the exact answer, ordered greedily among the chosen). */
  sites: ChosenSite[];
  /** Whose answer `sites` is. */
  method: 'greedy' | 'exact';
  /** Why the exact answer was not used, when it was asked for and not used. */
  fallbackReason: string | null;
  /** Households (sum of the weights: `count` by default) in the data, out of weak/none before and after the chosen sites. */
  households: { total: number; outBefore: number; outAfter: number; coverable: number };
  /** Target-pct goal: households that must be out of weak/none, and whether the candidates can get there. */
  target: { pct: number; households: number; reachable: boolean } | null;
  /** Households still weak/none after the chosen sites, and (target goal) still short of the target. */
  remaining: { weakOrNone: number; shortOfTarget: number };
  greedy: { sites: number; householdsGained: number; upperBound: number | null; evaluations: number; elapsedMs: number };
  exact: ExactResult | null;
  /**
   * How far the returned answer is from the optimum, when known: count goal, relative shortfall in households
   * (proven by HiGHS, or the greedy's data-dependent bound); target goal, sites above the proven fewest.
   */
  optimalityGap: { relative: number | null; sites: number | null; proven: boolean } | null;
  /** The greedy answer against the exact optimum (only when HiGHS proved it). */
  greedyGap: { households: number; relative: number; sites: number } | null;
  candidates: { total: number; useful: number };
  sets: CoverageSets;
  weak: WeakHouseholds;
}

/**
 * Chooses new sites among the candidates: lazy greedy always (fast, with the (1 − 1/e) guarantee), and the
 * exact integer program when asked, used when it is at least as good as greedy.
 */
export function selectNewSites(input: NewSitesInput): NewSitesPlan {
  return runSteps(newSiteSteps(input));
}

/**
 * `selectNewSites` as steps (steps.ts), for progress and cancellation: yields its progress, 0…1 (the coverage
 * sets take most of the time).
 */
export function* newSiteSteps(input: NewSitesInput): Steps<NewSitesPlan> {
  const { households, coverage, goal } = input;
  const weight = input.weight ?? households.count;
  const weak = collectWeakHouseholds(households, coverage, weight);
  const sets = yield* scaled(
    coverageSetSteps({ candidates: input.candidates, households, weak, place: input.place, settings: input.settings, partner: input.setsPartner }),
    0,
    0.8,
  );
  let total = 0;
  let outBefore = 0;
  for (let h = 0; h < households.length; h++) {
    total += weight[h];
    if (coverage.signalClass[h] <= FAIR) outBefore += weight[h];
  }
  const coverable = coverableWeight(sets);

  let target: NewSitesPlan['target'] = null;
  let sitingGoal: SitingGoal;
  if (goal.kind === 'count') sitingGoal = { kind: 'count', count: goal.count };
  else {
    // counts are whole households: out/total ≥ pct/100 ⇔ out ≥ ⌈pct·total/100⌉ (tolerance for 98·x/100 rounding)
    const required = Math.max(0, Math.ceil((goal.pct * total) / 100 - 1e-9));
    const needed = Math.max(0, required - outBefore);
    target = { pct: goal.pct, households: required, reachable: needed <= coverable };
    sitingGoal = { kind: 'weight', weight: Math.min(needed, coverable) };
  }

  const greedyStarted = Date.now();
  const greedy = selectSitesGreedy(sets, sitingGoal);
  const greedyMs = Date.now() - greedyStarted;
  yield 0.85;

  let picks: SitingPick[] = greedy.picks;
  let method: NewSitesPlan['method'] = 'greedy';
  let fallbackReason: string | null = null;
  let exact: ExactResult | null = null;
  if (input.exact !== null) {
    exact = selectSitesExact(input.exact.highs, sets, sitingGoal, {
      ...(input.exact.options ?? DEFAULT_EXACT_OPTIONS),
      start: greedy.picks.map((pick) => pick.candidate),
    });
    const exactPicks = exact.picks;
    const better =
      exactPicks !== null &&
      (sitingGoal.kind === 'count'
        ? sumGains(exactPicks) >= greedy.coveredWeight
        : exactPicks.length <= greedy.picks.length && sumGains(exactPicks) >= sitingGoal.weight);
    if (better) {
      picks = exactPicks;
      method = 'exact';
    } else fallbackReason = exactPicks === null ? `exact: ${exact.status} (${exact.detail})` : 'exact: no better than greedy';
  }
  yield 1;

  const gained = sumGains(picks);
  const outAfter = outBefore + gained;
  const proven = exact !== null && exact.status === 'optimal';
  let optimalityGap: NewSitesPlan['optimalityGap'] = null;
  let greedyGap: NewSitesPlan['greedyGap'] = null;
  if (sitingGoal.kind === 'count') {
    // an upper bound on the best k sites' households: the tighter of HiGHS's dual bound and the greedy's own
    const bounds = [exact?.bound, greedy.upperBound].filter((value): value is number => value !== null && value !== undefined);
    const bound = bounds.length > 0 ? Math.min(...bounds) : null;
    if (bound !== null && bound > 0) optimalityGap = { relative: Math.max(0, (bound - gained) / bound), sites: null, proven };
    else if (bound === 0) optimalityGap = { relative: 0, sites: null, proven: true };
    if (proven && exact?.objective != null) {
      const households = exact.objective - greedy.coveredWeight;
      greedyGap = { households, relative: exact.objective > 0 ? households / exact.objective : 0, sites: 0 };
    }
  } else if (exact !== null && exact.bound !== null) {
    // the dual bound is a lower bound on the fewest sites; the answer's excess over it is the gap
    const fewest = Math.ceil(exact.bound - 1e-6);
    optimalityGap = { relative: null, sites: Math.max(0, picks.length - fewest), proven };
    if (proven && exact.objective !== null) greedyGap = { households: 0, relative: 0, sites: greedy.picks.length - exact.objective };
  }

  return {
    sites: describeSites(input, sets, weak, picks),
    method,
    fallbackReason,
    households: { total, outBefore, outAfter, coverable },
    target,
    remaining: { weakOrNone: total - outAfter, shortOfTarget: target === null ? 0 : Math.max(0, target.households - outAfter) },
    greedy: {
      sites: greedy.picks.length,
      householdsGained: greedy.coveredWeight,
      upperBound: greedy.upperBound,
      evaluations: greedy.evaluations,
      elapsedMs: greedyMs,
    },
    exact,
    optimalityGap,
    greedyGap,
    candidates: { total: input.candidates.length, useful: countUseful(sets) },
    sets,
    weak,
  };
}

function sumGains(picks: readonly SitingPick[]): number {
  return picks.reduce((sum, pick) => sum + pick.gain, 0);
}

function countUseful(sets: CoverageSets): number {
  let useful = 0;
  for (let c = 0; c < sets.candidateCount; c++) if (sets.offsets[c + 1] > sets.offsets[c]) useful++;
  return useful;
}

/** Sites in pick order with the households each newly lifts, per ward. */
function describeSites(input: NewSitesInput, sets: CoverageSets, weak: WeakHouseholds, picks: readonly SitingPick[]): ChosenSite[] {
  const lifted = new Uint8Array(weak.household.length);
  const { wards } = input.wardIndex;
  return picks.map((pick) => {
    const candidate = input.candidates[pick.candidate];
    const perWard = new Map<number, number>();
    let gained = 0;
    for (let k = sets.offsets[pick.candidate]; k < sets.offsets[pick.candidate + 1]; k++) {
      const e = sets.elements[k];
      if (lifted[e] === 1) continue;
      lifted[e] = 1;
      gained += weak.weight[e];
      const ward = input.wardOfHousehold[weak.household[e]];
      if (ward !== -1) perWard.set(ward, (perWard.get(ward) ?? 0) + weak.weight[e]);
    }
    return {
      candidate: pick.candidate,
      siteId: candidate.siteId,
      lon: candidate.lon,
      lat: candidate.lat,
      cells: candidate.cells,
      householdsGained: gained,
      wards: [...perWard]
        .sort(([wardA, a], [wardB, b]) => b - a || wardA - wardB)
        .map(([wardIndex, households]) => ({ wardIndex, wardId: wards[wardIndex].id, wardName: wards[wardIndex].name, households })),
    };
  });
}
