/**
 * What the engine worker holds and does, without the messaging: the committed dataset, loading a layer into it,
 * and (issue 3) the coverage analysis with incremental cell edits. Kept apart from `engine.worker.ts` so Node
 * tests exercise it directly.
 *
 * Replies never share typed arrays with the session: what is sent is a copy whose buffers can be transferred.
 */
import { assignWards, indexWards, type WardIndex } from '../core/assign-wards.ts';
import { CoverageEngine } from '../core/coverage/coverage-engine.ts';
import type { CoverageResult } from '../core/coverage/coverage-result.ts';
import { wardStatistics } from '../core/coverage/ward-statistics.ts';
import { computeWeakZones } from '../core/coverage/weak-zones.ts';
import { computeFibreCoverage, type FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import { fibreStatistics } from '../core/fibre/fibre-statistics.ts';
import { planFibreExtensions } from '../core/fibre/plan-fibre-extension.ts';
import { DEFAULT_GRID_SPACING_M, DEFAULT_MIN_SEPARATION_M, filterCandidates, generateCandidateGrid } from '../core/siting/candidate-grid.ts';
import { collectWeakHouseholds } from '../core/siting/coverage-sets.ts';
import { selectNewSites } from '../core/siting/select-new-sites.ts';
import { evaluateProposals } from '../core/siting/evaluate-proposals.ts';
import { DEFAULT_NEW_SITE_OPERATOR, cellsOfSite, defaultSiteTemplate } from '../core/siting/site-templates.ts';
import type { Highs } from 'highs';
import type { WeakZones } from '../core/coverage/weak-zones.ts';
import type { AnalysisSettings, Cell, FibreNetwork, HouseholdPoints, Ward } from '../core/model.ts';
import type { ImportIssue, ImportResult } from '../io/import-result.ts';
import { parseFibre } from '../io/parse-fibre.ts';
import { parseHouseholds } from '../io/parse-households.ts';
import { parseSites } from '../io/parse-sites.ts';
import { parseWards } from '../io/parse-wards.ts';
import {
  coverageBuffers,
  type AnalyseRequest,
  type AnalyseResponse,
  type BestServerResponse,
  type FibrePlanRequest,
  type FibrePlanResponse,
  type FibreReachRequest,
  type FibreReachResponse,
  type PlanSitesRequest,
  type ProposalsResponse,
  type PlanSitesResponse,
  type CellChangeResponse,
  type DatasetSnapshot,
  type HouseholdAssignment,
  type ImportReport,
  type LoadRequest,
  type LoadResponse,
  type ProgressStage,
} from './protocol.ts';

export type Progress = (stage: ProgressStage, fraction: number) => void;

/** A reply and the buffers to transfer with it. */
export interface Reply<T> {
  value: T;
  transfer: Transferable[];
}

/** The analysis kept for incremental edits. */
interface Analysis {
  engine: CoverageEngine;
  settings: AnalysisSettings;
  fibrePassed: Uint8Array | null;
  /** Weak-signal zones of the analysis (before any edit), where automatic siting puts its candidates. */
  zones: WeakZones | null;
}

export class EngineSession {
  private wards: Ward[] = [];
  private wardIndex: WardIndex = indexWards([]);
  private land: DatasetSnapshot['land'] = null;
  private cells: Cell[] = [];
  private households: HouseholdPoints | null = null;
  private assignment: HouseholdAssignment | null = null;
  private fibre: FibreNetwork | null = null;
  private analysis: Analysis | null = null;
  /** The last fibre coverage, reused while the households, wards, network and fibre settings stay the same. */
  private fibreCoverage: { key: readonly unknown[]; coverage: FibreCoverage } | null = null;

  /** Parses one layer's text and, unless the import failed, commits it (a failed import changes nothing). */
  load({ layer, file }: Pick<LoadRequest, 'layer' | 'file'>, text: string, progress: Progress): Reply<LoadResponse> {
    progress('parse', 0);
    const response = this.parseLayer(layer, file, text, progress);
    if (response.report.status !== 'failed' && layer !== 'land') this.analysis = null;
    return { value: response, transfer: loadBuffers(response) };
  }

  restore(snapshot: DatasetSnapshot): void {
    this.wards = snapshot.wards;
    this.wardIndex = indexWards(snapshot.wards);
    this.land = snapshot.land;
    this.cells = snapshot.cells;
    this.households = snapshot.households;
    this.fibre = snapshot.fibre;
    this.assignment = snapshot.households === null ? null : this.locateHouseholds(snapshot.households, () => undefined);
    this.analysis = null;
  }

  /** Best server for every household, ward statistics (with fibre when loaded) and, if asked, weak zones. */
  analyse(request: AnalyseRequest, progress: Progress): Reply<AnalyseResponse> {
    const { households, assignment } = this.requireHouseholds();
    const { settings } = request;
    const started = performance.now();
    const engine = new CoverageEngine({ wardIndex: this.wardIndex, cells: this.cells, households, settings });
    const coverage = engine.run((fraction) => progress('analyse', fraction));
    const analysed = performance.now();
    progress('statistics', 0);
    const fibrePassed = this.fibre === null ? null : computeFibreCoverage(households, this.fibre, settings.fibre).passed;
    const statistics = wardStatistics(this.wards, assignment.wardOfHousehold, households, coverage, fibrePassed);
    const summed = performance.now();
    const zones = request.zones
      ? computeWeakZones(
          { wards: this.wards, land: this.land, households, wardOfHousehold: assignment.wardOfHousehold, coverage, engine },
          settings,
          (fraction) => progress('zones', fraction),
        )
      : null;
    this.analysis = { engine, settings, fibrePassed, zones };
    const copy = copyCoverage(coverage);
    const passedCopy = fibrePassed?.slice() ?? null;
    return {
      value: {
        coverage: copy,
        statistics,
        zones,
        fibrePassed: passedCopy,
        timingsMs: { analyse: analysed - started, statistics: summed - analysed, zones: performance.now() - summed },
      },
      transfer: [...coverageBuffers(copy), ...(passedCopy === null ? [] : [passedCopy.buffer as ArrayBuffer])],
    };
  }

  /** Moves or edits a cell of the last analysis; only households within its old or new reach are revisited. */
  updateCell(cellIndex: number, cell: Cell): Reply<CellChangeResponse> {
    const analysis = this.requireAnalysis();
    const changed = analysis.engine.updateCell(cellIndex, cell);
    this.keepEdit(cellIndex, cell);
    return this.cellChange(cellIndex, changed);
  }

  /**
   * Replaces the sites layer with the app's edited one (a scenario opened): same file, cells edited or taken out.
   * The analysis ends (its cell indices no longer hold).
   */
  setCells(cells: Cell[]): void {
    this.cells = cells;
    this.analysis = null;
  }

  /** An edited imported cell stays edited in the layer, so the next analysis starts from it (as the app shows it). */
  private keepEdit(cellIndex: number, cell: Cell): void {
    if (cellIndex < this.cells.length) {
      this.cells = this.cells.slice();
      this.cells[cellIndex] = cell;
    }
  }

  /** Moves or edits several cells (a site's sectors), replying once; `cellIndex` of the reply is the first one. */
  updateCells(changes: ReadonlyArray<{ cellIndex: number; cell: Cell }>): Reply<CellChangeResponse> {
    const { engine } = this.requireAnalysis();
    const changed = new Set<number>();
    for (const { cellIndex, cell } of changes) {
      for (const household of engine.updateCell(cellIndex, cell)) changed.add(household);
      this.keepEdit(cellIndex, cell);
    }
    return this.cellChange(changes[0]?.cellIndex ?? -1, [...changed]);
  }

  addCell(cell: Cell): Reply<CellChangeResponse> {
    const { cellIndex, changed } = this.requireAnalysis().engine.addCell(cell);
    return this.cellChange(cellIndex, changed);
  }

  removeCell(cellIndex: number): Reply<CellChangeResponse> {
    return this.cellChange(cellIndex, this.requireAnalysis().engine.removeCell(cellIndex));
  }

  /** The strongest cell of the last analysis at a point (the engine's answer, with the cell it names). */
  bestServerAt(lon: number, lat: number): Reply<BestServerResponse> {
    const { engine } = this.requireAnalysis();
    const { cellIndex, rsrpDbm } = engine.bestServerAt(lon, lat);
    return { value: { cellIndex, rsrpDbm, cell: cellIndex >= 0 ? engine.cells[cellIndex] : null }, transfer: [] };
  }

  /** Households passed by the fibre network per ward and city-wide, with the shortfall to each target. */
  fibreReach(request: FibreReachRequest, progress: Progress): Reply<FibreReachResponse> {
    const started = performance.now();
    const { households, assignment } = this.requireHouseholds();
    const coverage = this.coverFibre(request.fibre, progress);
    const statistics = fibreStatistics(this.wards, assignment.wardOfHousehold, households, coverage.passed, request.targetsPct);
    const passed = coverage.passed.slice();
    return {
      value: { statistics, passed, fullNodes: coverage.fullNodes, timingMs: performance.now() - started },
      transfer: [passed.buffer],
    };
  }

  /** Plans fibre extensions to a target (keeping `request.kept` first), with progress. */
  planFibre(request: FibrePlanRequest, progress: Progress): Reply<FibrePlanResponse> {
    const started = performance.now();
    const { households, assignment } = this.requireHouseholds();
    const network = this.requireFibre();
    const coverage = this.coverFibre(request.fibre, progress);
    const plan = planFibreExtensions(
      { wards: this.wards, wardOfHousehold: assignment.wardOfHousehold, households, network, coverage, kept: request.kept },
      {
        targetPct: request.targetPct,
        scope: request.scope,
        maxDropM: request.fibre.maxDropM,
        backbonePasses: request.fibre.backbonePasses,
        ...request.costs,
      },
      (fraction) => progress('fibrePlan', fraction),
    );
    return { value: { plan, timingMs: performance.now() - started }, transfer: [plan.passedAfter.buffer as ArrayBuffer] };
  }

  /**
   * Chooses new sites for the analysed technology and operator (template: the technology's defaults) among grid
   * candidates over the weak-signal zones, at least the default separation from existing sites, against the
   * current result (cell edits and added sites included). Greedy always; exact too when `highs` is given.
   */
  async planSites(request: PlanSitesRequest, progress: Progress, highs: Highs | null): Promise<Reply<PlanSitesResponse>> {
    const started = performance.now();
    const { engine, settings, zones } = this.requireAnalysis();
    const { households, assignment } = this.requireHouseholds();
    const coverage = engine.result;
    if (coverage === null) throw new Error('the coverage engine has no result: run "analyse" first');
    progress('siting', 0);
    const template = { ...defaultSiteTemplate(settings.technology), operator: settings.operator ?? DEFAULT_NEW_SITE_OPERATOR };
    const points = generateCandidateGrid({
      households,
      weak: collectWeakHouseholds(households, coverage),
      zones: zones === null ? null : zones.features.map((feature) => feature.geometry),
      spacingM: DEFAULT_GRID_SPACING_M,
    });
    const candidates = filterCandidates(
      points.map((point, i) => ({ siteId: `G${i + 1}`, lon: point.lon, lat: point.lat, cells: cellsOfSite(`G${i + 1}`, point.lon, point.lat, template) })),
      { exclusions: [], existingSites: engine.cells.map((cell) => ({ lon: cell.lon, lat: cell.lat })), minSeparationM: DEFAULT_MIN_SEPARATION_M },
    ).kept;
    const plan = selectNewSites(
      {
        wardIndex: this.wardIndex,
        households,
        wardOfHousehold: assignment.wardOfHousehold,
        coverage,
        settings,
        candidates,
        goal: request.goal,
        exact: highs === null ? null : { highs },
      },
      (fraction) => progress('siting', fraction),
    );
    // grid candidates are named in pick order, as the plan-sites CLI does
    const sites = plan.sites.map((site, i) => {
      const siteId = `NEW-${String(i + 1).padStart(3, '0')}`;
      return { ...site, siteId, cells: cellsOfSite(siteId, site.lon, site.lat, template) };
    });
    // the coverage sets are the solver's working data, large and of no use to the app
    const { sets: _sets, weak: _weak, ...kept } = plan;
    return { value: { plan: { ...kept, sites }, candidates: candidates.length, timingMs: performance.now() - started }, transfer: [] };
  }

  /**
   * Reads an operator's proposal file (the sites columns; every row is taken as proposed) and evaluates each
   * proposed site alone against the current result: households it lifts out of weak/none, duplicated coverage,
   * wards served, nearest existing site. A failed parse evaluates nothing and says why in the report.
   */
  evaluateProposals(file: string, text: string): Reply<ProposalsResponse> {
    const { engine, settings } = this.requireAnalysis();
    const { households, assignment } = this.requireHouseholds();
    const coverage = engine.result;
    if (coverage === null) throw new Error('the coverage engine has no result: run "analyse" first');
    const result = parseSites(text, file);
    const report = reportOf('sites', result);
    const evaluations =
      result.status === 'failed'
        ? []
        : evaluateProposals({
            wardIndex: this.wardIndex,
            households,
            wardOfHousehold: assignment.wardOfHousehold,
            coverage,
            proposedCells: result.data,
            existingCells: this.cells,
            settings,
          });
    return { value: { report, cells: result.data, evaluations }, transfer: [] };
  }

  private coverFibre(settings: AnalysisSettings['fibre'], progress: Progress): FibreCoverage {
    const { households } = this.requireHouseholds();
    const fibre = this.requireFibre();
    const key = [households, fibre, settings.maxDropM, settings.backbonePasses];
    const cached = this.fibreCoverage;
    if (cached !== null && cached.key.every((part, i) => part === key[i])) return cached.coverage;
    progress('fibre', 0);
    const coverage = computeFibreCoverage(households, fibre, settings);
    this.fibreCoverage = { key, coverage };
    progress('fibre', 1);
    return coverage;
  }

  private requireFibre(): FibreNetwork {
    if (this.fibre === null) throw new Error('no fibre network is loaded: load a fibre file first');
    return this.fibre;
  }

  private cellChange(cellIndex: number, changed: number[]): Reply<CellChangeResponse> {
    const { engine, fibrePassed } = this.requireAnalysis();
    const { households, assignment } = this.requireHouseholds();
    const coverage = engine.result;
    if (coverage === null) throw new Error('the coverage engine has no result: run "analyse" first');
    const statistics = wardStatistics(this.wards, assignment.wardOfHousehold, households, coverage, fibrePassed);
    const copy = copyCoverage(coverage);
    const changedIndices = Int32Array.from(changed);
    return {
      value: { cellIndex, changed: changedIndices, coverage: copy, statistics },
      transfer: [...coverageBuffers(copy), changedIndices.buffer],
    };
  }

  private requireHouseholds(): { households: HouseholdPoints; assignment: HouseholdAssignment } {
    if (this.households === null || this.assignment === null) throw new Error('no households are loaded: load a households file first');
    return { households: this.households, assignment: this.assignment };
  }

  private requireAnalysis(): Analysis {
    if (this.analysis === null) throw new Error('no analysis to update: run "analyse" first');
    return this.analysis;
  }

  private parseLayer(layer: LoadRequest['layer'], file: string, text: string, progress: Progress): LoadResponse {
    switch (layer) {
      case 'wards': {
        const result = parseWards(text, file);
        if (result.status !== 'failed') {
          this.wards = result.data;
          this.wardIndex = indexWards(result.data);
          if (this.households !== null) {
            progress('assign', 0);
            this.assignment = this.locateHouseholds(this.households, progress);
          }
        }
        const assignment = this.assignment === null ? null : copyAssignment(this.assignment);
        return { layer, report: reportOf(layer, result), wards: result.data, assignment };
      }
      case 'land': {
        const result = parseWards(text, file);
        const land = result.data.map((ward) => ward.geometry);
        if (result.status !== 'failed') this.land = land;
        return { layer, report: reportOf(layer, result), land };
      }
      case 'sites': {
        const result = parseSites(text, file);
        if (result.status !== 'failed') this.cells = result.data;
        return { layer, report: reportOf(layer, result), cells: result.data };
      }
      case 'households': {
        const result = parseHouseholds(text, file);
        progress('assign', 0);
        const assignment = this.locateHouseholds(result.data, progress);
        if (result.status !== 'failed') {
          this.households = result.data;
          this.assignment = assignment;
        }
        const report = reportOf(layer, result, assignmentNotes(assignment, file));
        return { layer, report, households: copyHouseholds(result.data), assignment: copyAssignment(assignment) };
      }
      case 'fibre': {
        const result = parseFibre(text, file);
        if (result.status !== 'failed') this.fibre = result.data;
        return { layer, report: reportOf(layer, result), fibre: result.data };
      }
    }
  }

  /** Locates every household point in the current wards and sums households per ward. */
  private locateHouseholds(households: HouseholdPoints, progress: Progress): HouseholdAssignment {
    const located = assignWards(households, this.wardIndex);
    const householdsPerWard = new Float64Array(this.wards.length);
    let outsideHouseholds = 0;
    for (let i = 0; i < households.length; i++) {
      const ward = located.wardIndex[i];
      if (ward === -1) outsideHouseholds += households.count[i];
      else householdsPerWard[ward] += households.count[i];
    }
    progress('assign', 1);
    return {
      wardOfHousehold: located.wardIndex,
      householdsPerWard,
      outsideHouseholds,
      overlapPoints: located.overlapCount,
      unknownWardIdPoints: located.unknownWardIdCount,
    };
  }
}

/** Whole-file notes on where the households fell: households outside every ward, overlaps, unknown ward ids. */
function assignmentNotes(assignment: HouseholdAssignment, file: string): ImportIssue[] {
  const notes: ImportIssue[] = [];
  const note = (code: ImportIssue['code'], count: number) => {
    if (count > 0) notes.push({ file, index: null, code, params: { count }, severity: 'warning' });
  };
  note('outside-all-wards', assignment.outsideHouseholds);
  note('overlapping-wards', assignment.overlapPoints);
  note('unknown-ward', assignment.unknownWardIdPoints);
  return notes;
}

function reportOf(layer: ImportReport['layer'], result: ImportResult<unknown>, extra: ImportIssue[] = []): ImportReport {
  const { file, format, status, read, kept, rejected, issues } = result;
  return { layer, format, file, status, read, kept, rejected, issues: extra.length > 0 ? [...issues, ...extra] : issues };
}

function copyHouseholds(households: HouseholdPoints): HouseholdPoints {
  return { ...households, lon: households.lon.slice(), lat: households.lat.slice(), count: households.count.slice() };
}

function copyAssignment(assignment: HouseholdAssignment): HouseholdAssignment {
  return {
    ...assignment,
    wardOfHousehold: assignment.wardOfHousehold.slice(),
    householdsPerWard: assignment.householdsPerWard.slice(),
  };
}

function copyCoverage(coverage: CoverageResult): CoverageResult {
  return {
    ...coverage,
    bestCell: coverage.bestCell.slice(),
    rsrpDbm: coverage.rsrpDbm.slice(),
    signalClass: coverage.signalClass.slice(),
  };
}

function loadBuffers(response: LoadResponse): Transferable[] {
  const buffers: ArrayBufferLike[] = [];
  if ('assignment' in response && response.assignment !== null) {
    buffers.push(response.assignment.wardOfHousehold.buffer, response.assignment.householdsPerWard.buffer);
  }
  if (response.layer === 'households') {
    buffers.push(response.households.lon.buffer, response.households.lat.buffer, response.households.count.buffer);
  }
  return buffers as ArrayBuffer[];
}
