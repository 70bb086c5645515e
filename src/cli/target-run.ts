/**
 * Evaluating a target set on the command line, the same for `targets` and `report`: `--target-set NAME|FILE`
 * (a shipped set of data/targets by name, default `hp-2026-2030`, or a file), one analysis per technology the
 * targets name (the shared pipeline, `analyse`, with the settings' technology replaced), fibre reach once, the
 * evaluator's inputs (`targetInputsOf`), and unless `--no-plan` what closes each gap (`closeTargetGaps`: grid
 * candidates with the settings' siting section, the fibre planner with its costs).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { analyse, type AnalysisResult } from '../core/analyse.ts';
import type { WardAssignment, WardIndex } from '../core/assign-wards.ts';
import { computeFibreCoverage, type FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import type { FibreCosts } from '../core/fibre/fibre-plan-types.ts';
import type { AnalysisSettings, Cell, FibreNetwork, HouseholdPoints, Technology, Ward } from '../core/model.ts';
import { templateForAnalysis } from '../core/siting/site-candidates.ts';
import { defaultSiteTemplate } from '../core/siting/site-templates.ts';
import { closeTargetGaps, type GapClosing, type SitingForTechnology } from '../core/targets/close-gaps.ts';
import { evaluateTargets, type TargetEvaluation, type TargetInputs } from '../core/targets/evaluate-targets.ts';
import { needsThroughput, targetInputsOf, technologiesOf } from '../core/targets/target-inputs.ts';
import type { TargetSet } from '../core/targets/target-set.ts';
import type { Zone } from '../core/targets/zone-membership.ts';
import { parseTargetSet } from '../io/target-set-file.ts';
import { CliError, readInput, type RejectionLog, type SitingConfig } from './common.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { coverageSetsPartnerThread } from './coverage-sets-partner-thread.ts';
import { sumsPartnerThread } from './sums-partner-thread.ts';

/** The set `targets` evaluates without `--target-set` (issue 9). */
export const DEFAULT_TARGET_SET = 'hp-2026-2030';
const TARGETS_DIR = join(PROJECT_ROOT, 'data', 'targets');

/**
 * Reads `--target-set NAME|FILE`: a name without a path separator or `.json` is a shipped set
 * (data/targets/NAME.json); anything else a file. Rejected targets go to the log; a set with none usable is an
 * input error.
 */
export function readTargetSetOption(value: string | undefined, log: RejectionLog): { set: TargetSet; path: string } {
  const name = value ?? DEFAULT_TARGET_SET;
  let path = name;
  if (!/[\\/]|\.json$/i.test(name)) {
    path = join(TARGETS_DIR, `${name}.json`);
    if (!existsSync(path)) {
      const shipped = readdirSync(TARGETS_DIR).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5));
      throw new CliError(`--target-set: no target set named '${name}' (shipped: ${shipped.join(', ')}; or give a file)`);
    }
  }
  const set = log.keep(path, parseTargetSet(readInput(path), path)).data;
  if (set === null) throw new CliError(`${path}: not a target set`);
  return { set, path };
}

/** Whether a target set file is one of the shipped sets of data/targets (its sources are cited documents). */
export function isShippedTargetSet(path: string): boolean {
  return resolve(path).startsWith(TARGETS_DIR + sep);
}

export interface TargetRunInput {
  wards: Ward[];
  wardIndex: WardIndex;
  assignment: WardAssignment;
  cells: Cell[];
  households: HouseholdPoints;
  fibre: FibreNetwork | null;
  land: Array<Polygon | MultiPolygon> | null;
  zones: Zone[] | null;
  settings: AnalysisSettings;
  set: TargetSet;
  /** An analysis the host already ran with `settings` (reused for its technology; must not carry new sites yet). */
  base?: AnalysisResult;
  /**
   * What closing the gaps may use; null (`--no-plan`) to plan nothing. `fibreClosings`: the fibre targets' closings
   * being planned elsewhere with these fibre costs (`closeFibreGaps`: the report plans them in its fibre thread),
   * awaited only when the other gaps are to be closed.
   */
  plan: { siting: SitingConfig; exclusions: Array<Polygon | MultiPolygon>; fibreCosts: FibreCosts; fibreClosings?: Promise<readonly GapClosing[]> } | null;
}

export interface TargetRun {
  evaluations: TargetEvaluation[];
  closings: GapClosing[] | null;
  inputs: TargetInputs;
  /** The analysis of each technology the targets name. */
  analyses: Partial<Record<Technology, AnalysisResult>>;
  fibreCoverage: FibreCoverage | null;
}

/** Evaluates the set and, when asked, plans what closes each gap (see the module comment). */
export async function runTargets(input: TargetRunInput): Promise<TargetRun> {
  const { wards, wardIndex, assignment, cells, households, fibre, land, settings, plan } = input;
  const fibreCoverage = input.base?.fibreCoverage ?? (fibre === null ? null : computeFibreCoverage(households, fibre, settings.fibre));
  const analyses: Partial<Record<Technology, AnalysisResult>> = {};
  const settingsOf = (technology: Technology): AnalysisSettings => ({ ...settings, technology });
  for (const technology of technologiesOf(input.set.targets)) {
    // grid candidates of a city target go over the analysis's weak-signal zones, as `plan-sites`' do
    const reusable = input.base !== undefined && settings.technology === technology && (plan === null || input.base.zones !== null);
    // the targets read a technology's signal classes, and its speeds only for a speed target: without one, no
    // interference sums (~1 s of CPU for the 5G network of the embedded city)
    const signalOnly = !needsThroughput(input.set.targets, technology);
    analyses[technology] = reusable
      ? input.base
      : analyse({ wards, wardIndex, cells, households, assignment, fibre, ...(fibreCoverage ? { fibreCoverage } : {}), land }, settingsOf(technology), {
          zones: plan !== null,
          sumsPartner: sumsPartnerThread,
          signalOnly,
        });
  }
  const inputs = targetInputsOf({
    units: wards,
    unitOfHousehold: assignment.wardIndex,
    households,
    results: Object.fromEntries(Object.entries(analyses).map(([technology, analysis]) => [technology, analysis.coverage])),
    fibrePassed: fibreCoverage?.passed ?? null,
    zones: input.zones,
  });
  const evaluations = evaluateTargets(input.set.targets, inputs);
  if (plan === null) return { evaluations, closings: null, inputs, analyses, fibreCoverage };

  const siting: Partial<Record<Technology, SitingForTechnology>> = {};
  for (const [technology, analysis] of Object.entries(analyses) as Array<[Technology, AnalysisResult]>) {
    const technologySettings = settingsOf(technology);
    siting[technology] = {
      analysis,
      settings: technologySettings,
      candidates: { grid: { spacingM: plan.siting.gridSpacingM, template: templateForAnalysis(defaultSiteTemplate(technology), technologySettings) } },
      exclusions: plan.exclusions,
      minSeparationM: plan.siting.minSeparationM,
      exact: null,
      setsPartner: coverageSetsPartnerThread,
    };
  }
  const closings = closeTargetGaps({
    evaluations,
    inputs,
    households,
    siting,
    fibre:
      fibre === null || fibreCoverage === null
        ? null
        : {
            input: { wards, wardOfHousehold: assignment.wardIndex, households, network: fibre, coverage: fibreCoverage },
            options: { ...plan.fibreCosts, maxDropM: settings.fibre.maxDropM, backbonePasses: settings.fibre.backbonePasses },
          },
    ...(plan.fibreClosings !== undefined ? { fibreClosings: await plan.fibreClosings } : {}),
  });
  return { evaluations, closings, inputs, analyses, fibreCoverage };
}
