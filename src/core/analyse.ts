/**
 * One coverage analysis, the same for every host: the CLI's `analyze` and `plan-sites`, the app's worker, the
 * benchmarks. From parsed layers and settings to everything an analysis produces:
 *
 * 1. ward assignment: the wards' index (`indexWards`) and the ward of every household (`assignWards`), unless the
 *    host already keeps them (the worker locates households once, when they are loaded);
 * 2. best server, RSRP and signal class of every household (`CoverageEngine`, kept for point queries and
 *    incremental cell edits), the environment of cells that give none from the household density around their
 *    site (`PlaceEnvironment` of these same households and the wards' index);
 * 3. fibre reach (`fibreCoverageSteps`), when a fibre network is given and its reach is not;
 * 4. ward statistics (`WardStatisticsTally`): households per class, weak %, fibre % per ward;
 * 5. weak-signal zones (`weakZoneSteps`), when asked for.
 * Steps 3 and 5 need the signal, not the SINR: with `whileSumming` they run inside step 2, between the best
 * servers and the interference sums (`CoverageEngine.runSteps`' interlude), while the engine's sums partner sums.
 *
 * Progress and cancellation: `analysisSteps` yields `{ stage, fraction }` at checkpoints (steps.ts); `analyse`
 * runs it straight through, the worker runs it in slices so it can read a cancel message between them.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { assignWards, indexWards, type WardAssignment, type WardIndex } from './assign-wards.ts';
import { isAnalysedCell } from './coverage/analysed-cell.ts';
import { CoverageEngine } from './coverage/coverage-engine.ts';
import type { CoverageResult, ServedSignal } from './coverage/coverage-result.ts';
import { partnerInput, type PartnerInput, type SumsPartner } from './coverage/sums-partner.ts';
import { speedTargetMbps } from './coverage/speed-statistics.ts';
import { WardStatisticsTally, type WardStatisticsResult } from './coverage/ward-statistics.ts';
import { weakZoneSteps, type WeakZones } from './coverage/weak-zones.ts';
import { fibreCoverageSteps, type FibreCoverage } from './fibre/fibre-coverage.ts';
import type { AnalysisSettings, Cell, FibreNetwork, HouseholdPoints, Ward } from './model.ts';
import { PlaceEnvironment } from './resolve-environment.ts';
import { inStage, runSteps, scaled, type StageProgress, type Steps } from './steps.ts';

export interface AnalysisInput {
  wards: Ward[];
  /** `indexWards(wards)`, when the host keeps it; built otherwise. */
  wardIndex?: WardIndex;
  cells: Cell[];
  households: HouseholdPoints;
  /** `assignWards(households, wardIndex)`, when the host keeps it; computed otherwise. */
  assignment?: WardAssignment;
  /** The fibre network, or null for an analysis without fibre (fibre counts are then 0). */
  fibre: FibreNetwork | null;
  /** The fibre coverage of these households and network with `settings.fibre`, when the host keeps it. */
  fibreCoverage?: FibreCoverage;
  /**
   * Else the steps that finish it, when the host has it under way (`fibreCoverageSteps`, maybe part done while it
   * was idle): run where the analysis would compute it.
   */
  fibreCoverageSteps?: Steps<FibreCoverage>;
  /** Land mask for the zones; null = the ward polygons are the land. */
  land: Array<Polygon | MultiPolygon> | null;
  /**
   * `new PlaceEnvironment(households, wardIndex)`, when the host keeps it (it gave a sums partner started ahead
   * of the analysis the cells' environments, `partnerInput`); built otherwise.
   */
  place?: PlaceEnvironment;
}

export interface AnalysisOptions {
  /** Also outline the weak-signal zones (slower than the household analysis itself). */
  zones: boolean;
  /** The host's clock in milliseconds (`performance.now`), for `timingsMs`; the core has none of its own. */
  now?: () => number;
  /**
   * 4G/5G: starts a partner summing half of the interference in another thread (sums-partner.ts), or gives null
   * (too small to be worth a thread). The results are the same with or without.
   */
  sumsPartner?: (input: PartnerInput) => SumsPartner | null;
  /**
   * 4G/5G: the signal classes only (`CoverageEngineInput.signalOnly`: no interference sums, so no SINR or speed
   * statistics), for a host that reads nothing else of the analysis (a target set's other technologies).
   */
  signalOnly?: boolean;
  /**
   * 4G/5G with a sums partner: what runs inside the engine's run while the partner sums (`CoverageEngine.runSteps`'
   * interlude) rather than after it. 'all': the fibre reach and the zones (when asked), faster on two cores than
   * after the run, but the zones' grids and the sums' working sets are then in memory at once (+10 MiB on the seeded
   * city). 'fibre': the fibre reach alone (the CLI, held to a memory bound on a city without fibre, keeps the zones
   * apart). Default: none. (The app asks for no zones here: it outlines them after showing the result.)
   */
  whileSumming?: 'all' | 'fibre';
  /** False when the caller makes no cell edit on the result's engine (`CoverageEngineInput.editable`). */
  editable?: boolean;
}

/** Stages reported in the progress, in order ('assign' only when the assignment is computed here). */
export type AnalysisStage = 'assign' | 'analyse' | 'statistics' | 'zones';

export interface AnalysisResult {
  wardIndex: WardIndex;
  assignment: WardAssignment;
  /** Environment of the cells that give none (the households' density, explicit ward environments), as the engine used it. */
  place: PlaceEnvironment;
  /** The engine behind `coverage`: point queries and incremental cell edits update `coverage` in place. */
  engine: CoverageEngine;
  coverage: CoverageResult;
  fibreCoverage: FibreCoverage | null;
  statistics: WardStatisticsResult;
  /** The tally behind `statistics`: cell edits of `engine` keep it in step (`WardStatisticsTally.update`). */
  statisticsTally: WardStatisticsTally;
  zones: WeakZones | null;
  /** Cells of the analysed layer (technology and, when set, operator: `isAnalysedCell`). */
  analysedCells: number;
  /**
   * Time of each stage, ms (0 without a clock): locating households, preparing cells and finding every best
   * server, fibre reach and statistics, zones.
   */
  timingsMs: { assignWards: number; coverage: number; statistics: number; zones: number };
}

/**
 * Runs the whole analysis straight through (see the module comment).
 *
 * @example
 * const result = analyse({ wards, cells, households, fibre, land: null }, settings, { zones: true });
 * result.statistics.total.weakPct; // 3.2
 */
export function analyse(input: AnalysisInput, settings: AnalysisSettings, options: AnalysisOptions): AnalysisResult {
  return runSteps(analysisSteps(input, settings, options));
}

/**
 * `analyse` as steps (steps.ts): its progress and cancellation hooks. `runSteps(analysisSteps(…), onProgress,
 * isCancelled)` reports `{ stage, fraction }` and polls `isCancelled` at every checkpoint; the worker drives the
 * same steps with `runStepsAsync`.
 */
export function* analysisSteps(
  input: AnalysisInput,
  settings: AnalysisSettings,
  options: AnalysisOptions,
): Steps<AnalysisResult, StageProgress<AnalysisStage>> {
  const now = options.now ?? (() => 0);
  const { wards, cells, households } = input;
  const started = now();
  const wardIndex = input.wardIndex ?? indexWards(wards);
  let assignment = input.assignment;
  if (assignment === undefined) {
    yield { stage: 'assign', fraction: 0 };
    assignment = assignWards(households, wardIndex);
  }
  const assigned = now();

  // the environment comes from the households analysed here, so it never depends on how the wards are drawn
  const place = input.place ?? new PlaceEnvironment(households, wardIndex);
  const { sumsPartner: startPartner } = options;
  const sumsPartner = startPartner === undefined ? null : () => startPartner(partnerInput(cells, households, settings, place));
  const engine = new CoverageEngine({ place, cells, households, settings, sumsPartner, signalOnly: options.signalOnly === true, editable: options.editable !== false });
  // the fibre reach needs no signal and the zones not the SINR (`whileSumming`); timed apart from the engine
  const wardOfHousehold = assignment.wardIndex;
  let fibreCoverage = input.fibre === null ? null : (input.fibreCoverage ?? null);
  let zones: WeakZones | null = null;
  let fibreMs = 0;
  let zonesMs = 0;
  function* fibreWork(): Steps<void, StageProgress<AnalysisStage>> {
    const reaching = now();
    if (input.fibre !== null && fibreCoverage === null) {
      const reach = input.fibreCoverageSteps ?? fibreCoverageSteps(households, input.fibre, settings.fibre);
      fibreCoverage = yield* inStage('statistics', scaled(reach, 0, 0.9));
    }
    fibreMs = now() - reaching;
  }
  function* zonesWork(signal: ServedSignal): Steps<void, StageProgress<AnalysisStage>> {
    const zoning = now();
    if (options.zones) {
      zones = yield* inStage('zones', weakZoneSteps({ wards, land: input.land, households, wardOfHousehold, coverage: signal, engine }, settings));
    }
    zonesMs = now() - zoning;
  }
  const { whileSumming } = options;
  const interlude = whileSumming === undefined ? undefined : function* (signal: ServedSignal): Steps<void, StageProgress<AnalysisStage>> {
    yield* fibreWork();
    if (whileSumming === 'all') yield* zonesWork(signal);
  };
  const coverage = yield* inStage('analyse', engine.runSteps(interlude));
  const coverageMs = now() - assigned - (whileSumming === undefined ? 0 : fibreMs) - (whileSumming === 'all' ? zonesMs : 0);
  if (whileSumming === undefined) yield* fibreWork();
  if (whileSumming !== 'all') yield* zonesWork(coverage);

  yield { stage: 'statistics', fraction: 0.9 };
  const counting = now();
  const statisticsTally = tallyOf(wards, assignment, households, coverage, fibreCoverage, settings);
  const statistics = statisticsTally.result();
  const statisticsMs = now() - counting + fibreMs;

  return {
    wardIndex,
    assignment,
    place,
    engine,
    coverage,
    fibreCoverage,
    statistics,
    statisticsTally,
    zones,
    analysedCells: cells.filter((cell) => isAnalysedCell(cell, settings)).length,
    timingsMs: { assignWards: assigned - started, coverage: coverageMs, statistics: statisticsMs, zones: zonesMs },
  };
}

function tallyOf(
  wards: Ward[],
  assignment: WardAssignment,
  households: HouseholdPoints,
  coverage: CoverageResult,
  fibreCoverage: FibreCoverage | null,
  settings: AnalysisSettings,
): WardStatisticsTally {
  return new WardStatisticsTally(wards, assignment.wardIndex, households, coverage, fibreCoverage?.passed ?? null, speedTargetMbps(settings));
}

/**
 * An analysis run without a fibre network (`fibre: null`), completed with the fibre reach of the same households
 * computed elsewhere (`computeFibreCoverage` with `settings.fibre`, e.g. in a worker thread while the analysis
 * ran): the same result as `analyse` given the network, the statistics counted again with the fibre reach.
 */
export function withFibreCoverage(
  result: AnalysisResult,
  input: Pick<AnalysisInput, 'wards' | 'households'>,
  fibreCoverage: FibreCoverage,
  settings: AnalysisSettings,
): AnalysisResult {
  const statisticsTally = tallyOf(input.wards, result.assignment, input.households, result.coverage, fibreCoverage, settings);
  return { ...result, fibreCoverage, statistics: statisticsTally.result(), statisticsTally };
}
