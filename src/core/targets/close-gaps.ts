/**
 * What closing each target's gap takes (issue 9, "What closes it"), on the analyses the targets were evaluated on:
 *
 * - coverage and weak-signal targets (`coverage_households`, `coverage_population`, `weak_signal_households`): the
 *   new sites automatic siting chooses (`chooseSiteSteps`: greedy by default, exact where asked) over the
 *   households of the target's scope only, weighted as the indicator weighs them (persons for a population
 *   target), with the goal "at least p % covered" (at-most-p % weak: at least 100 − p % out of weak/none);
 * - fibre targets (`fibre_passed_households`): the extension plan of `fibre-plan` for the threshold
 *   (`planFibreExtensions`, scope city): its cable metres and cost in VND (cable and connections). A target on
 *   some units or zones is planned on the households of its scope only (`scopeFibreInput`): the planner lays cable
 *   towards them alone and the threshold is a share of them, as the evaluator counts it;
 * - speed and free-Wi-Fi targets, targets already met and targets without data: nothing to plan (`reason`).
 *
 * The analyses are not changed: each target's plan starts from the existing network, plans are not cumulative.
 */
import type { AnalysisResult } from '../analyse.ts';
import type { FibrePlan, FibrePlanInput, FibrePlanOptions } from '../fibre/fibre-plan-types.ts';
import { fibrePlanSteps } from '../fibre/plan-fibre-extension.ts';
import type { HouseholdLocations, HouseholdPoints, Technology } from '../model.ts';
import type { SitingCandidate } from '../siting/coverage-sets.ts';
import type { ChosenSite, NewSitesInput, NewSitesPlan } from '../siting/select-new-sites.ts';
import { gridCandidates } from '../siting/site-candidates.ts';
import type { SiteTemplate } from '../siting/site-templates.ts';
import { chooseSiteSteps, type SitingAnalysis, type SitingHouseholds } from '../siting/sites-on-analysis.ts';
import { runSteps, scaled, type Steps } from '../steps.ts';
import { personsPerHouseholdOfUnits, targetScope, type TargetEvaluation, type TargetInputs } from './evaluate-targets.ts';
import { INDICATORS, type Target } from './target-set.ts';

/** Automatic siting for one technology: its analysis (the one the targets read) and the candidates to choose from. */
export interface SitingForTechnology {
  /** The analysis, or what siting reads of one (the worker's target networks), with its weak-signal zones or null. */
  analysis: SitingAnalysis & Pick<AnalysisResult, 'zones'>;
  /** The analysis's settings (technology, thresholds, operator). */
  settings: NewSitesInput['settings'];
  /**
   * Candidates from a file, or a grid of `spacingM` over each target's weak households (`gridCandidates`: over the
   * analysis's weak-signal zones for a city target, by the scope's households otherwise) with the template's
   * cells, chosen sites renamed NEW-001… as in `plan-sites`.
   */
  candidates: readonly SitingCandidate[] | { grid: { spacingM: number; template: SiteTemplate } };
  exclusions: Parameters<typeof chooseSiteSteps>[1]['exclusions'];
  minSeparationM: number;
  exact: NewSitesInput['exact'];
  setsPartner?: NewSitesInput['setsPartner'];
}

export interface GapClosingInput {
  /** The evaluated targets (`evaluateTargets` on `inputs`). */
  evaluations: readonly TargetEvaluation[];
  inputs: TargetInputs;
  /** The household points the inputs are arrays over. */
  households: HouseholdPoints;
  /** Siting per mobile technology; a technology without one is not planned (`no-siting`). */
  siting: Partial<Record<Technology, SitingForTechnology>>;
  /** The fibre planner's input and options (but the target), or null without a fibre layer. */
  fibre: { input: FibrePlanInput; options: Omit<FibrePlanOptions, 'targetPct' | 'scope'> } | null;
  /**
   * The fibre targets' closings already planned elsewhere (`closeFibreGaps` of the same evaluations and fibre
   * input, e.g. in the CLI report's fibre thread while the radio analyses ran), used instead of planning them here.
   */
  fibreClosings?: readonly GapClosing[];
}

/** Why a target has no closing plan. */
export type ClosingReason =
  | 'met'
  | 'no-data'
  /** Speeds and free Wi-Fi: neither new sites nor cable is what the app can plan for them. */
  | 'not-plannable'
  /** No siting for the target's technology, or no fibre layer. */
  | 'no-siting';

export interface GapClosing {
  target: Target;
  kind: 'sites' | 'fibre' | null;
  /** New sites chosen (kind sites). */
  sites: number | null;
  /** Extension cable, metres, and its cost with the connections, VND (kind fibre). */
  cableM: number | null;
  costVnd: number | null;
  /** Whether the plan meets the threshold (the candidates or the reachable households may not suffice). */
  reachable: boolean | null;
  /** The indicator's value after the plan, in the target's unit. */
  valueAfter: number | null;
  reason: ClosingReason | null;
  /** The chosen sites in pick order, and the siting plan (kind sites). */
  chosenSites: ChosenSite[] | null;
  sitingPlan: NewSitesPlan | null;
  /**
   * The extension plan (kind fibre). For a units or zones scope its figures (wards, totals) count the scope's
   * households only, and `passedAfter` is over every household point: passed before, or a scope household the
   * plan passes.
   */
  fibrePlan: FibrePlan | null;
}

/**
 * One closing plan per evaluation, in their order (see the module comment).
 *
 * @example closeTargetGaps({ evaluations, inputs, households, siting: { '4G': siting4g }, fibre: null })[0].sites // 12
 */
export function closeTargetGaps(input: GapClosingInput): GapClosing[] {
  return runSteps(closeGapSteps(input));
}

/** `closeTargetGaps` as steps (steps.ts): progress 0…1 over the targets, cancellable between and within plans. */
export function* closeGapSteps(input: GapClosingInput): Steps<GapClosing[]> {
  const closings: GapClosing[] = [];
  const count = input.evaluations.length;
  let planned = 0;
  for (let t = 0; t < count; t++) {
    const evaluation = input.evaluations[t];
    const elsewhere = input.fibreClosings !== undefined && isFibreTarget(evaluation.target) ? input.fibreClosings[planned++] : undefined;
    // a closing planned in another thread comes back with a copy of its target: the evaluation's own is kept
    if (elsewhere !== undefined) closings.push({ ...elsewhere, target: evaluation.target });
    else closings.push(yield* scaled(closeOne(input, evaluation), t / count, (t + 1) / count));
  }
  return closings;
}

/** Whether a target's gap is closed by fibre extensions, which need nothing of the radio analyses. */
export function isFibreTarget(target: Target): boolean {
  return target.indicator === 'fibre_passed_households';
}

/**
 * The closings of the fibre targets among `evaluations` only, in their order: what `closeTargetGaps` plans for
 * them, for a host that plans them apart (see `GapClosingInput.fibreClosings`).
 */
export function closeFibreGaps(input: Pick<GapClosingInput, 'evaluations' | 'inputs' | 'fibre'>): GapClosing[] {
  const evaluations = input.evaluations.filter((evaluation) => isFibreTarget(evaluation.target));
  return evaluations.map((evaluation) => unplanned(evaluation) ?? runSteps(closeByFibre(input, evaluation.target)));
}

function nothing(target: Target, reason: ClosingReason): GapClosing {
  return { target, kind: null, sites: null, cableM: null, costVnd: null, reachable: null, valueAfter: null, reason, chosenSites: null, sitingPlan: null, fibrePlan: null };
}

/** The closing of a target met or without data (nothing to plan), null for one not met. */
function unplanned({ target, status }: TargetEvaluation): GapClosing | null {
  if (status === 'met') return nothing(target, 'met');
  return status === 'not-met' ? null : nothing(target, 'no-data');
}

function* closeOne(input: GapClosingInput, evaluation: TargetEvaluation): Steps<GapClosing> {
  const { target } = evaluation;
  const settled = unplanned(evaluation);
  if (settled !== null) return settled;
  switch (target.indicator) {
    case 'coverage_households':
    case 'coverage_population':
    case 'weak_signal_households':
      return yield* closeBySites(input, target);
    case 'fibre_passed_households':
      return yield* closeByFibre(input, target);
    default:
      return nothing(target, 'not-plannable');
  }
}

/** The siting goal of a coverage or weak-signal target: the share of its scope that must be out of weak/none. */
function outOfWeakPct(target: Target): number {
  return INDICATORS[target.indicator].direction === 'at-most' ? 100 - target.threshold : target.threshold;
}

function* closeBySites(input: GapClosingInput, target: Target): Steps<GapClosing> {
  const siting = input.siting[target.technology as Technology];
  if (siting === undefined) return nothing(target, 'no-siting');
  const only = scopeHouseholds(input, target, siting.analysis);
  const pct = outOfWeakPct(target);
  const grid = 'grid' in siting.candidates ? siting.candidates.grid : null;
  const candidates =
    grid === null
      ? (siting.candidates as readonly SitingCandidate[])
      : gridCandidates({
          households: only.households,
          coverage: only.coverage,
          zones: target.scope.kind === 'city' ? siting.analysis.zones : null,
          spacingM: grid.spacingM,
          template: grid.template,
        });
  const { plan, sites } = yield* chooseSiteSteps(
    siting.analysis,
    {
      households: input.households,
      settings: siting.settings,
      candidates,
      gridTemplate: grid?.template ?? null,
      exclusions: siting.exclusions,
      minSeparationM: siting.minSeparationM,
      goal: { kind: 'target-pct', pct },
      exact: siting.exact,
      setsPartner: siting.setsPartner,
    },
    only,
  );
  const { total, outAfter } = plan.households;
  const outPct = total > 0 ? (100 * outAfter) / total : 0;
  return {
    target,
    kind: 'sites',
    sites: sites.length,
    cableM: null,
    costVnd: null,
    reachable: plan.target?.reachable ?? null,
    valueAfter: INDICATORS[target.indicator].direction === 'at-most' ? 100 - outPct : outPct,
    reason: null,
    chosenSites: sites,
    sitingPlan: plan,
    fibrePlan: null,
  };
}

/**
 * The households of a target's scope, as a siting counts them: their points, their classes in the technology's
 * analysis, their units and their weight (persons for a population target, as the evaluator weighs them).
 */
export function scopeHouseholds(input: Pick<GapClosingInput, 'inputs' | 'households'>, target: Target, analysis: Pick<AnalysisResult, 'coverage' | 'assignment'>): SitingHouseholds {
  const { inputs, households } = input;
  const scope = targetScope(target, inputs);
  const includes = 'reason' in scope ? () => false : scope.includes;
  const persons = INDICATORS[target.indicator].weighting === 'persons';
  const ratios = personsPerHouseholdOfUnits(inputs.units);
  const kept: number[] = [];
  for (let h = 0; h < households.length; h++) if (includes(h)) kept.push(h);
  // a city target keeps every point, in order: the points themselves, not a copy (~0.3 s of the city's ids)
  const subset = kept.length === households.length ? households : subsetHouseholds(households, kept);
  const weight = new Float64Array(kept.length);
  const signalClass = new Uint8Array(kept.length);
  const wardOfHousehold = new Int32Array(kept.length);
  kept.forEach((h, k) => {
    const unit = inputs.unitOfHousehold[h];
    weight[k] = persons ? households.count[h] * ratios[unit === -1 ? inputs.units.length : unit] : households.count[h];
    signalClass[k] = analysis.coverage.signalClass[h];
    wardOfHousehold[k] = analysis.assignment.wardIndex[h];
  });
  return { households: subset, coverage: { signalClass }, wardOfHousehold, weight };
}

/** The household points at `indexes`, in that order. */
function subsetLocations(households: HouseholdLocations, indexes: readonly number[]): HouseholdLocations {
  return {
    length: indexes.length,
    lon: Float64Array.from(indexes, (h) => households.lon[h]),
    lat: Float64Array.from(indexes, (h) => households.lat[h]),
    count: Uint32Array.from(indexes, (h) => households.count[h]),
  };
}

function subsetHouseholds(households: HouseholdPoints, indexes: readonly number[]): HouseholdPoints {
  return {
    ...subsetLocations(households, indexes),
    ids: indexes.map((h) => households.ids.at(h)!),
    wardId: indexes.map((h) => households.wardId[h]),
  };
}

function* closeByFibre(input: Pick<GapClosingInput, 'inputs' | 'fibre'>, target: Target): Steps<GapClosing> {
  if (input.fibre === null) return nothing(target, 'no-siting');
  const whole = input.fibre.input;
  const scope = targetScope(target, input.inputs);
  if ('reason' in scope) return nothing(target, 'no-data');
  const kept: number[] | null = target.scope.kind === 'city' ? null : [];
  if (kept !== null) for (let h = 0; h < whole.households.length; h++) if (scope.includes(h)) kept.push(h);
  const planInput = kept === null ? whole : scopeFibreInput(whole, kept);
  const plan = yield* fibrePlanSteps(planInput, { ...input.fibre.options, targetPct: target.threshold, scope: 'city' });
  const { totals } = plan;
  return {
    target,
    kind: 'fibre',
    sites: null,
    cableM: totals.extensionM,
    costVnd: totals.costVnd,
    reachable: plan.targetMet,
    valueAfter: totals.households > 0 ? (100 * totals.passedAfter) / totals.households : 0,
    reason: null,
    chosenSites: null,
    sitingPlan: null,
    fibrePlan: kept === null ? plan : { ...plan, passedAfter: spreadPassed(whole.coverage.passed, kept, plan.passedAfter) },
  };
}

/**
 * The fibre planner's input restricted to the household points at `indexes` (a target's scope): their points,
 * units, distance to the network and passed flags; the network and the units stay whole (cable may start
 * anywhere on the network).
 */
export function scopeFibreInput(input: FibrePlanInput, indexes: readonly number[]): FibrePlanInput {
  const { households, wardOfHousehold, coverage } = input;
  return {
    ...input,
    households: subsetLocations(households, indexes),
    wardOfHousehold: Int32Array.from(indexes, (h) => wardOfHousehold[h]),
    coverage: {
      distanceM: Float64Array.from(indexes, (h) => coverage.distanceM[h]),
      passed: Uint8Array.from(indexes, (h) => coverage.passed[h]),
      fullNodes: coverage.fullNodes,
    },
  };
}

/** Per household point of the whole layer: passed before, or passed by the scope's plan. */
function spreadPassed(passedBefore: Uint8Array, indexes: readonly number[], passedInScope: Uint8Array): Uint8Array {
  const passed = Uint8Array.from(passedBefore);
  indexes.forEach((h, k) => {
    if (passedInScope[k] === 1) passed[h] = 1;
  });
  return passed;
}
