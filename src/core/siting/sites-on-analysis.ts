/**
 * New sites chosen on a finished analysis, the same for the `plan-sites` command, the report's siting section and
 * what closes a target's gap (targets/close-gaps.ts):
 * the candidates an exclusion zone or an existing site's neighbourhood does not drop (`filterCandidates`), the
 * sites chosen for the goal (`selectNewSites`, with the analysis's ward index and place), grid candidates renamed
 * NEW-001… in pick order (`nameNewSites`), those sites added to the analysis's engine, and the ward statistics
 * after them. The engine's result after the additions must give the households out of weak/none the siting
 * counted: a difference is a bug, and throws.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { AnalysisResult } from '../analyse.ts';
import { speedTargetMbps } from '../coverage/speed-statistics.ts';
import { wardStatistics, type WardStatisticsResult } from '../coverage/ward-statistics.ts';
import type { CoverageResult } from '../coverage/coverage-result.ts';
import type { AnalysisSettings, HouseholdPoints, Ward } from '../model.ts';
import { filterCandidates, type FilteredCandidates } from './candidate-grid.ts';
import type { SitingCandidate } from './coverage-sets.ts';
import { runSteps, type Steps } from '../steps.ts';
import { newSiteSteps, type ChosenSite, type NewSitesGoal, type NewSitesInput, type NewSitesPlan } from './select-new-sites.ts';
import { nameNewSites } from './site-candidates.ts';
import type { SiteTemplate } from './site-templates.ts';

export interface SitesOnAnalysisInput {
  /** The analysed wards and households (those given to `analyse`). */
  wards: Ward[];
  households: HouseholdPoints;
  settings: AnalysisSettings;
  candidates: readonly SitingCandidate[];
  /** The template grid candidates (G1…) were made with: chosen ones are renamed NEW-001…; null keeps the candidates' ids (a candidate file). */
  gridTemplate: SiteTemplate | null;
  /** Polygons where no new site may go. */
  exclusions: Array<Polygon | MultiPolygon>;
  /** Least distance from a candidate to an existing site (every cell of the analysis's engine), m. */
  minSeparationM: number;
  goal: NewSitesGoal;
  exact: NewSitesInput['exact'];
  setsPartner?: NewSitesInput['setsPartner'];
}

/**
 * The households a siting counts, when not all of the analysis's: e.g. those of a target's scope (units, zones),
 * with their classes and units, and their weight in the goal (persons for a population target).
 */
export interface SitingHouseholds {
  households: HouseholdPoints;
  coverage: Pick<CoverageResult, 'signalClass'>;
  wardOfHousehold: Int32Array;
  weight?: ArrayLike<number>;
}

export interface SitesOnAnalysis {
  filtered: FilteredCandidates<SitingCandidate>;
  plan: NewSitesPlan;
  /** The chosen sites in pick order, with their final ids and cells (as added to the engine). */
  sites: ChosenSite[];
  /** Ward statistics with the new sites (fibre not counted). */
  after: WardStatisticsResult;
}

/**
 * What siting reads of an analysis: where households lie, the cells' environment, the engine (its cells are the
 * existing sites) and its classes. The worker's target networks give these without a whole analysis.
 */
export type SitingAnalysis = Pick<AnalysisResult, 'wardIndex' | 'place' | 'assignment' | 'engine' | 'coverage'>;

/**
 * Chooses new sites on `analysis` without changing it, as steps (steps.ts: the siting's progress 0…1): the
 * candidates the filter keeps, the plan for the goal over `only`'s households (default: every household of the
 * analysis), the chosen sites with their final ids.
 */
export function* chooseSiteSteps(
  analysis: SitingAnalysis,
  input: Omit<SitesOnAnalysisInput, 'wards'>,
  only?: SitingHouseholds,
): Steps<Omit<SitesOnAnalysis, 'after'>> {
  const { wardIndex, place, assignment, engine, coverage } = analysis;
  const existingSites = engine.cells.map((cell) => ({ lon: cell.lon, lat: cell.lat }));
  const filtered = filterCandidates(input.candidates, { exclusions: input.exclusions, existingSites, minSeparationM: input.minSeparationM });
  const plan = yield* newSiteSteps({
    wardIndex,
    households: only?.households ?? input.households,
    place,
    wardOfHousehold: only?.wardOfHousehold ?? assignment.wardIndex,
    coverage: only?.coverage ?? coverage,
    weight: only?.weight,
    settings: input.settings,
    candidates: filtered.kept,
    goal: input.goal,
    exact: input.exact,
    setsPartner: input.setsPartner,
  });
  const sites = input.gridTemplate === null ? plan.sites : nameNewSites(plan.sites, input.gridTemplate);
  return { filtered, plan, sites };
}

/**
 * Chooses new sites on `analysis` and adds them to its engine (see the module comment); `analysis.coverage` then
 * includes them.
 *
 * @example
 * const { sites, after } = sitesOnAnalysis(analysis, { wards, households, settings, candidates, gridTemplate: template,
 *   exclusions: [], minSeparationM: 250, goal: { kind: 'count', count: 3 }, exact: null });
 */
export function sitesOnAnalysis(analysis: AnalysisResult, input: SitesOnAnalysisInput): SitesOnAnalysis {
  const { wards, households, settings } = input;
  const { assignment, engine, coverage } = analysis;
  const { filtered, plan, sites } = runSteps(chooseSiteSteps(analysis, input));
  for (const site of sites) for (const cell of site.cells) engine.addCell(cell);
  const after = wardStatistics(wards, assignment.wardIndex, households, coverage, null, speedTargetMbps(settings));
  const outAfter = after.total.good + after.total.fair;
  if (outAfter !== plan.households.outAfter) {
    throw new Error(`households out of weak/none after the new sites: engine ${outAfter}, siting ${plan.households.outAfter}`);
  }
  return { filtered, plan, sites, after };
}
