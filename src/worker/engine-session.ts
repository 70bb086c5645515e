/**
 * What the engine worker holds and does, without the messaging: the committed dataset and its edits (the worker
 * owns them; the app holds only what it draws), loading a layer into it, and the analyses on it, all through the
 * core's one pipeline (`analysisSteps`, core/analyse.ts). Kept apart from `engine.worker.ts` so Node tests
 * exercise it directly.
 *
 * Long requests come as steps (core/steps.ts): `analyse`, `planFibre` and `planSites` run them straight through;
 * the worker runs the same steps in slices so that it can read a cancel message between them.
 *
 * Replies never share typed arrays with the session: what is sent is a copy whose buffers can be transferred.
 * A cell edit replies with the households it changed and the ward rows it changed, not the whole result.
 */
import type { Highs } from 'highs';
import type { MultiPolygon, Polygon } from 'geojson';
import { version } from '../../package.json';
import { analysisSteps, type AnalysisOptions, type AnalysisResult } from '../core/analyse.ts';
import { assignWards, indexWards, type WardAssignment, type WardIndex } from '../core/assign-wards.ts';
import { householdsServedBy, servedBy } from '../core/coverage/cell-statistics.ts';
import { copyCoverage, coverageDelta } from '../core/coverage/coverage-result.ts';
import { warmUpEditsSteps } from '../core/coverage/edit-warm-up.ts';
import { DEFAULT_HEATMAP_CELL_M, refreshRsrpHeatmap, rsrpHeatmapSteps, type HeatmapRegion, type RsrpHeatmap } from '../core/coverage/rsrp-heatmap.ts';
import { speedTargetMbps } from '../core/coverage/speed-statistics.ts';
import { WardStatisticsTally } from '../core/coverage/ward-statistics.ts';
import { fibreCoverageSteps, type FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import { fibreStatistics } from '../core/fibre/fibre-statistics.ts';
import { fibrePlanSteps, type FibreCosts } from '../core/fibre/plan-fibre-extension.ts';
import { DEFAULT_GRID_SPACING_M, DEFAULT_MIN_SEPARATION_M, filterCandidates } from '../core/siting/candidate-grid.ts';
import { evaluateProposals, type ProposalEvaluation } from '../core/siting/evaluate-proposals.ts';
import { assignWardsAcrossLayouts } from '../core/layouts/assign-across-layouts.ts';
import { formerDistrictsOf } from '../core/layouts/unit-layouts.ts';
import { buildReport, type ReportInput } from '../core/report/build-report.ts';
import { reportDocument, type ReportDocument } from '../core/report/report-document.ts';
import { fibreForReport, sourceProvenance } from '../core/report/report-inputs.ts';
import { targetRows, targetSetInfo } from '../core/report/report-targets.ts';
import { sitesOnAnalysis } from '../core/siting/sites-on-analysis.ts';
import { newSiteSteps } from '../core/siting/select-new-sites.ts';
import { gridCandidates, nameNewSites, templateForAnalysis } from '../core/siting/site-candidates.ts';
import { defaultSiteTemplate } from '../core/siting/site-templates.ts';
import { inStage, resumable, runSteps, type StageProgress, type Steps } from '../core/steps.ts';
import { partnerInput, type PartnerInput } from '../core/coverage/sums-partner.ts';
import { warmUpSteps } from '../core/coverage/warm-up.ts';
import { weakZoneSteps, zoneLandFor, type WeakZones } from '../core/coverage/weak-zones.ts';
import { PlaceEnvironment } from '../core/resolve-environment.ts';
import { closeGapSteps, type GapClosing, type SitingForTechnology } from '../core/targets/close-gaps.ts';
import { evaluateTargets, type TargetEvaluation, type TargetInputs } from '../core/targets/evaluate-targets.ts';
import { needsThroughput, technologiesOf } from '../core/targets/target-inputs.ts';
import { zoneMembership, type Zone } from '../core/targets/zone-membership.ts';
import { DEFAULT_SETTINGS, TECHNOLOGIES, type AnalysisSettings, type Cell, type FibreNetwork, type HouseholdPoints, type Technology, type Ward } from '../core/model.ts';
import type { ImportIssue, ImportResult } from '../io/import-result.ts';
import type { LayerFileInspection } from '../io/inspect-layer-file.ts';
import { decodeLayerBinary, LayerBinaryError } from '../io/layer-binary.ts';
import { parseCrosswalk, type Crosswalk } from '../io/parse-crosswalk.ts';
import { parseFibre } from '../io/parse-fibre.ts';
import { parseHouseholds } from '../io/parse-households.ts';
import { parseSites } from '../io/parse-sites.ts';
import { parseWards } from '../io/parse-wards.ts';
import { parseZones } from '../io/parse-zones.ts';
import type { LayerImport, ReadLayerOptions } from '../io/read-layer-file.ts';
import type { InputFile } from '../io/sniff-format.ts';
import { compareLayouts, isCrosswalkLayout, layoutReference, unitNotes, type LayoutReference } from './reporting-layouts.ts';
import { packedHouseholdBuffers, packHouseholds, unpackHouseholds } from './packed-strings.ts';
import { layerInLocalityOrder } from '../core/locality-order.ts';
import { joinedInOrder } from '../io/joined-ids-builder.ts';
import { TargetNetworks } from './target-networks.ts';
import {
  coverageBuffers,
  type AnalyseRequest,
  type AnalyseResponse,
  type AnalysisZonesResponse,
  type CloseTargetRequest,
  type CloseTargetResponse,
  type BestServerResponse,
  type CellChangeResponse,
  type CellFootprintResponse,
  type DatasetSnapshot,
  type FibrePlanRequest,
  type FibrePlanResponse,
  type FibreReachRequest,
  type FibreReachResponse,
  type HouseholdAssignment,
  type ImportChoices,
  type ImportReport,
  type LayerKind,
  type LayoutComparison,
  type LayoutFilesResponse,
  type LayoutInfo,
  type LoadRequest,
  type LoadResponse,
  type PlanSitesRequest,
  type PlanSitesResponse,
  type ProgressStage,
  type ProposalsResponse,
  type ReportRequest,
  type ReportingLayout,
  type RsrpHeatmapResponse,
  type SetLayoutResponse,
  type TargetsRequest,
  type TargetsResponse,
} from './protocol.ts';

export type Progress = (stage: ProgressStage, fraction: number) => void;

/** A long request's steps: progress by stage, then the reply. */
export type SessionSteps<T> = Steps<Reply<T>, StageProgress<ProgressStage>>;

/** A reply and the buffers to transfer with it. */
export interface Reply<T> {
  value: T;
  transfer: Transferable[];
}

/** The analysis kept for incremental edits. */
interface Analysis {
  /** Its `statisticsTally` is kept in step with the edits, touching only the households an edit changes. */
  result: AnalysisResult;
  settings: AnalysisSettings;
  /** Set once idle time has prepared its first edit (`editsAhead`). */
  editsPrepared?: true;
}

/**
 * An analysis computed ahead of its request (`EngineSession.analysisAhead`): the data and request it is for
 * (`aheadKey`), its steps (suspended while requests come), whether idle time has begun them, and their result; then
 * the steps outlining its weak-signal zones, which the app asks for right after the analysis (`analysisZones`).
 */
interface AnalysisAhead {
  key: readonly unknown[];
  requestText: string;
  steps: Steps<AnalysisResult, StageProgress<ProgressStage>>;
  begun: boolean;
  result: AnalysisResult | null;
  zones: { steps: Steps<WeakZones, StageProgress<ProgressStage>>; started: number } | null;
}

/** A layer's import, as the parsers or readLayerFile give it, before it is committed. */
type ParsedLayer =
  | { layer: 'wards'; result: ImportResult<Ward[]> }
  | { layer: 'land'; result: ImportResult<Array<Polygon | MultiPolygon>> }
  | { layer: 'sites'; result: ImportResult<Cell[]> }
  | { layer: 'households'; result: ImportResult<HouseholdPoints> }
  | { layer: 'fibre'; result: ImportResult<FibreNetwork> }
  | { layer: 'zones'; result: ImportResult<Zone[]> };

/** Households located in the wards: the core's assignment and the households (sum of counts) per ward. */
interface Located {
  assignment: WardAssignment;
  reply: HouseholdAssignment;
}

export class EngineSession {
  /**
   * @param sumsPartner starts a partner summing half of an analysis' interference in another worker (the engine
   *   worker's `sumsPartnerWorker`); none in Node tests
   * @param warmSumsPartner starts that partner ahead of the first analysis, building its link tables, household
   *   tiles and sums' memory (the engine worker's `warmSumsPartner`), once idle time has prepared the session's own
   *   (`warmUpAhead`)
   */
  constructor(
    private readonly sumsPartner?: AnalysisOptions['sumsPartner'],
    private readonly warmSumsPartner?: (input: PartnerInput) => void,
  ) {
    this.targetNetworks = new TargetNetworks(sumsPartner);
  }

  private wards: Ward[] = [];
  private wardIndex: WardIndex = indexWards([]);
  private land: DatasetSnapshot['land'] = null;
  private cells: Cell[] = [];
  private households: HouseholdPoints | null = null;
  private located: Located | null = null;
  private fibre: FibreNetwork | null = null;
  private analysis: Analysis | null = null;
  /** The last fibre coverage, reused while the households, network and fibre settings stay the same. */
  private fibreCoverage: { key: readonly unknown[]; coverage: FibreCoverage } | null = null;
  /**
   * A fibre coverage under way (`fibreReachSteps`): begun while the worker was idle (`idleSteps`) and suspended when
   * a request came, its generator kept to be resumed by the next idle time or finished by whatever needs it.
   */
  private fibreUnderway: { key: readonly unknown[]; steps: Steps<FibreCoverage> } | null = null;
  /** The fibre settings of the last analysis (idle time computes the coverage the next one will ask for). */
  private fibreSettings: AnalysisSettings['fibre'] = DEFAULT_SETTINGS.fibre;
  /**
   * The warm-up while the worker was idle before the first analysis (`warmUpAhead`): the cells and households it is
   * for, and the preparation under way (resumed by the next idle time; null once done).
   */
  private warmUp: { key: readonly unknown[]; steps: Steps<void> | null } | null = null;
  /** The analysis the app would ask for next (`expectAnalysis`), and its request's text. */
  private expected: { request: AnalyseRequest; text: string } | null = null;
  /** That analysis, computed in idle time (`analysisAhead`). */
  private ahead: AnalysisAhead | null = null;
  /** The zones of the analysis taken from `ahead`, when idle time had begun outlining them, for `analysisZones`. */
  private zonesAhead: { result: AnalysisResult; zones: NonNullable<AnalysisAhead['zones']> } | null = null;
  /** The 2019 communes' files and the crosswalk, once the app has sent them. */
  private layoutFiles: { communes2019: Ward[]; crosswalk: Crosswalk } | null = null;
  /** The 2019 layout completed for a 2025 layer (reporting-layouts.ts: `layoutReference`), kept while that layer stays. */
  private referenceCache: { base: Ward[]; reference: LayoutReference } | null = null;
  /** The layout `wards` are in; while it is 2019, the loaded 2025 layer waits in `aside` (its households located again if they changed). */
  private layout: ReportingLayout = '2025';
  private aside: { wards: Ward[]; wardIndex: WardIndex; located: Located | null } | null = null;
  private zones: Zone[] | null = null;
  private membership: { zones: Zone[]; households: HouseholdPoints; flags: Map<string, Uint8Array> } | null = null;
  private place: { households: HouseholdPoints; wardIndex: WardIndex; place: PlaceEnvironment } | null = null;
  private readonly targetNetworks: TargetNetworks;
  /** The last proposals evaluated, with the analysis they were evaluated on (the report prints them). */
  private proposals: { analysis: Analysis; evaluations: ProposalEvaluation[] } | null = null;
  /**
   * The RSRP heat map of `analysis` over `land` (the land layer, else the wards) and the footprints of the cells
   * edited since it was last sent, to evaluate again on the next request.
   */
  private heatmap: { analysis: Analysis; landSource: ReadonlyArray<unknown>; map: RsrpHeatmap | null; dirty: HeatmapRegion[] } | null = null;

  /** Parses one layer's text and, unless the import failed, commits it (a failed import changes nothing). */
  load({ layer, file }: Pick<LoadRequest, 'layer' | 'file'>, text: string, progress: Progress): Reply<LoadResponse> {
    progress('parse', 0);
    return this.commit(parseText(layer, file, text), progress);
  }

  /**
   * Reads an embedded layer's compact binary form (io/layer-binary.ts) and commits it: the same data and report as
   * its text file gives. Throws a LayerBinaryError when the bytes are damaged, of another version or another layer
   * (the app then loads the text file).
   */
  loadBinary(layer: LayerKind, bytes: Uint8Array, progress: Progress): Reply<LoadResponse> {
    if (layer !== 'households' && layer !== 'sites' && layer !== 'fibre') throw new LayerBinaryError(`the ${layer} layer has no binary form`);
    progress('parse', 0);
    // the households' arrays in shared memory where the page allows it: the reply and every sums partner share them
    return this.commit(decodeLayerBinary(bytes, layer, { shared: globalThis.crossOriginIsolated === true }), progress);
  }

  /**
   * Reads a user's file(s) in any supported format (CSV, GeoJSON, Excel, KML/KMZ, Shapefile; VN-2000 converted)
   * through readLayerFile with the user's choices, and commits the layer unless the import failed. The report
   * says which sheet was read, the CRS converted from and the column map applied.
   */
  async importFiles(layer: LayerKind, files: InputFile[], choices: ImportChoices, progress: Progress): Promise<Reply<LoadResponse>> {
    progress('parse', 0);
    const options = await readOptions(choices);
    const { readLayerFile } = await loadReaders();
    if (typeof options === 'string') return this.commit({ layer, result: failedChoice(files, options, emptyLayer(layer)) } as ParsedLayer, progress);
    const file = files.find((candidate) => /\.shp$/i.test(candidate.name))?.name ?? files[0]?.name ?? '';
    const extra = { columnMap: choices.columnMap ?? null };
    const report = (result: LayerImport<unknown>) => ({ sheet: result.sheet, crs: result.crs, ...extra });
    switch (layer) {
      case 'land': {
        const result = await readLayerFile('zones', files, options);
        return this.commit({ layer, result: { ...result, data: result.data.map((zone) => zone.geometry) } }, progress, report(result));
      }
      case 'wards':
      case 'sites':
      case 'households':
      case 'fibre':
      case 'zones': {
        const result = await readLayerFile(layer, files, options);
        return this.commit({ layer, result } as ParsedLayer, progress, report(result));
      }
    }
    throw new Error(`unknown layer in ${file}`);
  }

  /** A first look at a file before it is imported (sheets, header, first rows, CRS), for what the app must ask. */
  async inspect(files: InputFile[], sheet: string | undefined): Promise<LayerFileInspection> {
    const { inspectLayerFile } = await import('../io/inspect-layer-file.ts');
    return inspectLayerFile(files, { sheet });
  }

  restore(snapshot: DatasetSnapshot): void {
    this.wards = snapshot.wards;
    this.wardIndex = indexWards(snapshot.wards);
    this.land = snapshot.land;
    this.cells = snapshot.cells;
    this.households = snapshot.households === null ? null : unpackHouseholds(snapshot.households);
    this.fibre = snapshot.fibre;
    this.zones = snapshot.zones;
    this.layout = '2025';
    this.aside = null;
    this.located = this.households === null ? null : this.locateHouseholds(this.households, () => undefined);
    this.analysis = null;
  }

  /** Best server for every household, ward statistics (with fibre when loaded) and, if asked, weak zones. */
  analyse(request: AnalyseRequest, progress: Progress): Reply<AnalyseResponse> {
    return runSession(this.analyseSteps(request), progress);
  }

  /**
   * `analyse` as steps. The analysis replaces the previous one only once it is complete. When it is the one
   * `expectAnalysis` announced for the same data, it is taken from where idle time left it (`analysisAhead`).
   */
  *analyseSteps(request: AnalyseRequest): SessionSteps<AnalyseResponse> {
    const started = performance.now();
    const ahead = this.takeAhead(request);
    const computedAhead = ahead === null || !ahead.begun ? 'none' : ahead.result !== null ? 'whole' : 'part';
    // delegated: a cancelled request closes the steps computed ahead too, which stops their sums partner
    const result = ahead === null ? yield* this.analysisSteps(request) : (ahead.result ?? (yield* ahead.steps));
    const fibrePassed = result.fibreCoverage?.passed ?? null;
    this.analysis = { result, settings: request.settings };
    const copy = copyCoverage(result.coverage);
    const passedCopy = fibrePassed?.slice() ?? null;
    const { coverage, statistics, zones } = result.timingsMs;
    return {
      value: {
        coverage: copy,
        statistics: result.statistics,
        zones: result.zones,
        fibrePassed: passedCopy,
        timingsMs: { analyse: coverage, statistics, zones },
        workerMs: performance.now() - started,
        computedAhead,
      },
      transfer: [...coverageBuffers(copy), ...(passedCopy === null ? [] : [passedCopy.buffer as ArrayBuffer])],
    };
  }

  /** The computation of an analysis on the session's data, without committing it. */
  private *analysisSteps(request: AnalyseRequest): Steps<AnalysisResult, StageProgress<ProgressStage>> {
    const { households, located } = this.requireHouseholds();
    const { settings } = request;
    this.fibreSettings = settings.fibre;
    const cachedFibre = this.fibre === null ? null : this.cachedFibre(settings.fibre);
    // the coverage kept, else the steps to it (from where idle time left them), run inside the analysis while its
    // sums partner sums
    const fibreReach = cachedFibre !== null ? { fibreCoverage: cachedFibre } : this.fibre !== null ? { fibreCoverageSteps: this.fibreReachSteps(settings.fibre) } : {};
    return yield* analysisSteps(
      { wards: this.wards, wardIndex: this.wardIndex, cells: this.cells, households, assignment: located.assignment, fibre: this.fibre, ...fibreReach, land: this.land, place: this.placeOf(households) },
      settings,
      { zones: request.zones, now: () => performance.now(), sumsPartner: this.sumsPartner, whileSumming: 'all' },
    );
  }

  /**
   * The analysis the app's run button would ask for now (the analysis panel is open and holds no current result),
   * or null: idle time computes it ahead (`analysisAhead`), for the data loaded when it runs.
   */
  expectAnalysis(request: AnalyseRequest | null): void {
    this.expected = request === null ? null : { request, text: JSON.stringify(request) };
    if (this.ahead !== null && this.ahead.requestText !== this.expected?.text) this.dropAhead();
  }

  /**
   * The expected analysis computed while no request waits, then its weak-signal zones outlined, resumed by each idle
   * time until done; begun afresh when the data changed since. Null when none is expected, or it is done, or the
   * session holds an analysis: loading a layer ends that, and until then its edits (a drag) must not have idle time
   * spent beside them (so no other request that needs an analysis meets one computed ahead).
   */
  private analysisAhead(): Steps<void, unknown> | null {
    const expected = this.expected;
    if (expected === null || this.analysis !== null || this.households === null || this.cells.length === 0) return null;
    const key = this.aheadKey(expected.text);
    if (this.ahead !== null && !sameKey(this.ahead.key, key)) this.dropAhead();
    if (this.ahead === null) this.ahead = { key, requestText: expected.text, steps: this.analysisSteps(expected.request), begun: false, result: null, zones: null };
    const ahead = this.ahead;
    if (ahead.result !== null && ahead.result.zones !== null) return null;
    const forget = () => {
      if (this.ahead === ahead) this.ahead = null;
    };
    const outline = (result: AnalysisResult) => ({ steps: this.outlineZones(result, expected.request.settings), started: performance.now() });
    return (function* () {
      ahead.begun = true;
      try {
        const result = (ahead.result ??= yield* resumable(ahead.steps, () => undefined));
        if (result.zones !== null) return;
        const zones = (ahead.zones ??= outline(result));
        result.zones = yield* resumable(zones.steps, () => undefined);
        result.timingsMs.zones = performance.now() - zones.started;
        ahead.zones = null;
      } catch (error) {
        // a failed computation is not resumed: the request computes it again and meets the error itself
        forget();
        throw error;
      }
    })();
  }

  /** The analysis computed ahead when it is `request`'s on the data loaded now (the expectation is then met), else null. */
  private takeAhead(request: AnalyseRequest): AnalysisAhead | null {
    const ahead = this.ahead;
    this.expected = null;
    this.zonesAhead = null;
    if (ahead === null || !sameKey(ahead.key, this.aheadKey(JSON.stringify(request)))) {
      this.dropAhead();
      return null;
    }
    this.ahead = null;
    if (ahead.result !== null && ahead.zones !== null) this.zonesAhead = { result: ahead.result, zones: ahead.zones };
    return ahead;
  }

  /**
   * Ends the analysis computed ahead: its steps are closed, which stops its sums partner, before another computation
   * asks that partner for its own (the expectation stays, for idle time to begin it again).
   */
  private dropAhead(): void {
    this.ahead?.steps.return(undefined as never);
    this.ahead = null;
  }

  /** What an analysis computed ahead is valid for: the data it reads and the request's text. */
  private aheadKey(requestText: string): readonly unknown[] {
    return [this.wards, this.wardIndex, this.land, this.cells, this.households, this.located, this.fibre, requestText];
  }

  /**
   * The last analysis' weak-signal zones: outlined now when it ran without them, then kept with it (the report,
   * the siting grid and the layout switch read them). The app asks for them right after `analyse`, so the worker
   * takes this before any edit sent later and the zones are the analysis' own; its result is shown meanwhile (the
   * engine worker sums with its partner instead of outlining while the partner sums).
   */
  *analysisZonesSteps(): SessionSteps<AnalysisZonesResponse> {
    const { result, settings } = this.requireAnalysis();
    // begun in idle time with the analysis (`analysisAhead`), its outline goes on from there
    const ahead = this.zonesAhead?.result === result ? this.zonesAhead.zones : null;
    this.zonesAhead = null;
    const started = ahead?.started ?? performance.now();
    if (result.zones === null) {
      result.zones = yield* (ahead?.steps ?? this.outlineZones(result, settings));
      result.timingsMs.zones = performance.now() - started;
    }
    return { value: { zones: result.zones, timingMs: result.timingsMs.zones }, transfer: [] };
  }

  /** The weak-signal zones of `result` as it stands (cell edits included), by the current units. */
  private *outlineZones(result: AnalysisResult, settings: AnalysisSettings): Steps<WeakZones, StageProgress<ProgressStage>> {
    const { households, located } = this.requireHouseholds();
    const wardOfHousehold = located.assignment.wardIndex;
    return yield* inStage('zones', weakZoneSteps({ wards: this.wards, land: this.land, households, wardOfHousehold, coverage: result.coverage, engine: result.engine }, settings));
  }

  /** Moves or edits a cell of the last analysis; only households within its old or new reach are revisited. */
  updateCell(cellIndex: number, cell: Cell): Reply<CellChangeResponse> {
    const { engine } = this.requireAnalysis().result;
    const changed = this.withFootprints([cellIndex], () => engine.updateCell(cellIndex, cell));
    this.keepEdit(cellIndex, cell);
    return this.cellChange(cellIndex, changed);
  }

  /**
   * Runs a cell edit, keeping the footprints of the cells it changes before and after it for the heat map's next
   * refresh (`rsrpHeatmapSteps`).
   */
  private withFootprints<T>(cellIndices: readonly number[], edit: () => T): T {
    const { engine } = this.requireAnalysis().result;
    const footprints = (): HeatmapRegion[] => cellIndices.flatMap((c) => engine.footprintOf(c) ?? []);
    const before = footprints();
    const result = edit();
    this.heatmap?.dirty.push(...before, ...footprints());
    return result;
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
    const { engine } = this.requireAnalysis().result;
    const changed = this.withFootprints(
      changes.map(({ cellIndex }) => cellIndex),
      () => engine.updateCells(changes),
    );
    for (const { cellIndex, cell } of changes) this.keepEdit(cellIndex, cell);
    return this.cellChange(changes[0]?.cellIndex ?? -1, changed);
  }

  addCell(cell: Cell): Reply<CellChangeResponse> {
    const { engine } = this.requireAnalysis().result;
    const { cellIndex, changed } = engine.addCell(cell);
    const footprint = engine.footprintOf(cellIndex);
    if (footprint !== null) this.heatmap?.dirty.push(footprint);
    return this.cellChange(cellIndex, changed);
  }

  removeCell(cellIndex: number): Reply<CellChangeResponse> {
    const { engine } = this.requireAnalysis().result;
    return this.cellChange(cellIndex, this.withFootprints([cellIndex], () => engine.removeCell(cellIndex)));
  }

  /** The households cell `cellIndex` serves in the last analysis (with its edits) and their medians. */
  cellFootprint(cellIndex: number): Reply<CellFootprintResponse> {
    const { result } = this.requireAnalysis();
    const { households } = this.requireHouseholds();
    const members = householdsServedBy(result.coverage.bestCell, cellIndex);
    return { value: { cellIndex, served: servedBy(members, households, result.coverage), households: members }, transfer: [members.buffer] };
  }

  /**
   * The RSRP heat map of the last analysis and its edits, as steps: computed over the whole land the first time
   * (or when the analysis or the land changed), afterwards only within the footprints of the cells edited since.
   */
  *rsrpHeatmapSteps(): SessionSteps<RsrpHeatmapResponse> {
    const started = performance.now();
    const analysis = this.requireAnalysis();
    const { engine } = analysis.result;
    // a land layer imported, or the wards replaced (the layout switch) while there is none, means another grid
    const landSource = this.land ?? this.wards;
    let evaluatedCells: number;
    const cached = this.heatmap;
    if (cached !== null && cached.analysis === analysis && cached.landSource === landSource) {
      evaluatedCells = cached.map === null ? 0 : refreshRsrpHeatmap(cached.map, cached.dirty, engine);
      cached.dirty = [];
    } else {
      this.heatmap = null;
      const land = this.land ?? this.wards.map((ward) => ward.geometry);
      const map = yield* inStage('heatmap', rsrpHeatmapSteps(land, DEFAULT_HEATMAP_CELL_M, engine));
      this.heatmap = { analysis, landSource, map, dirty: [] };
      evaluatedCells = map === null ? 0 : map.rsrpDbm.reduce((count, value) => (Number.isNaN(value) ? count : count + 1), 0);
    }
    const map = this.heatmap?.map ?? null;
    const heatmap = map === null ? null : { grid: map.grid, rsrpDbm: map.rsrpDbm.slice() };
    return {
      value: { heatmap, evaluatedCells, timingMs: performance.now() - started },
      transfer: heatmap === null ? [] : [heatmap.rsrpDbm.buffer as ArrayBuffer],
    };
  }

  /** The strongest cell of the last analysis at a point and the downlink quality there (the engine's answer, with the cell it names). */
  bestServerAt(lon: number, lat: number): Reply<BestServerResponse> {
    const { engine } = this.requireAnalysis().result;
    const quality = engine.qualityAt(lon, lat);
    return { value: { ...quality, cell: quality.cellIndex >= 0 ? engine.cells[quality.cellIndex] : null }, transfer: [] };
  }

  /** Households passed by the fibre network per ward and city-wide, with the shortfall to each target. */
  fibreReach(request: FibreReachRequest, progress: Progress): Reply<FibreReachResponse> {
    const started = performance.now();
    const { households, located } = this.requireHouseholds();
    const coverage = runSession(this.coverFibre(request.fibre), progress);
    const statistics = fibreStatistics(this.wards, located.assignment.wardIndex, households, coverage.passed, request.targetsPct);
    const passed = coverage.passed.slice();
    return {
      value: { statistics, passed, fullNodes: coverage.fullNodes, timingMs: performance.now() - started },
      transfer: [passed.buffer],
    };
  }

  /** Plans fibre extensions to a target (keeping `request.kept` first), with progress. */
  planFibre(request: FibrePlanRequest, progress: Progress): Reply<FibrePlanResponse> {
    return runSession(this.planFibreSteps(request), progress);
  }

  /** `planFibre` as steps. */
  *planFibreSteps(request: FibrePlanRequest): SessionSteps<FibrePlanResponse> {
    const started = performance.now();
    const { households, located } = this.requireHouseholds();
    const network = this.requireFibre();
    const coverage = yield* this.coverFibre(request.fibre);
    const plan = yield* inStage(
      'fibrePlan',
      fibrePlanSteps(
        { wards: this.wards, wardOfHousehold: located.assignment.wardIndex, households, network, coverage, kept: request.kept },
        { targetPct: request.targetPct, scope: request.scope, maxDropM: request.fibre.maxDropM, backbonePasses: request.fibre.backbonePasses, ...request.costs },
      ),
    );
    return { value: { plan, timingMs: performance.now() - started }, transfer: [plan.passedAfter.buffer as ArrayBuffer] };
  }

  /**
   * Chooses new sites for the analysed technology and operator (template: the technology's defaults) among grid
   * candidates over the weak-signal zones, at least the default separation from existing sites, against the
   * current result (cell edits and added sites included). Greedy always; exact too when `highs` is given.
   */
  planSites(request: PlanSitesRequest, progress: Progress, highs: Highs | null): Reply<PlanSitesResponse> {
    return runSession(this.planSitesSteps(request, highs), progress);
  }

  /** `planSites` as steps. */
  *planSitesSteps(request: PlanSitesRequest, highs: Highs | null): SessionSteps<PlanSitesResponse> {
    const started = performance.now();
    const { result, settings } = this.requireAnalysis();
    const { households, located } = this.requireHouseholds();
    const { engine, coverage } = result;
    const template = templateForAnalysis(defaultSiteTemplate(settings.technology), settings);
    yield { stage: 'siting', fraction: 0 };
    const candidates = filterCandidates(
      gridCandidates({ households, coverage, zones: result.zones, spacingM: DEFAULT_GRID_SPACING_M, template }),
      { exclusions: [], existingSites: engine.cells.map((cell) => ({ lon: cell.lon, lat: cell.lat })), minSeparationM: DEFAULT_MIN_SEPARATION_M },
    ).kept;
    const plan = yield* inStage(
      'siting',
      newSiteSteps({
        wardIndex: this.wardIndex,
        households,
        place: result.place,
        wardOfHousehold: located.assignment.wardIndex,
        coverage,
        settings,
        candidates,
        goal: request.goal,
        exact: highs === null ? null : { highs },
      }),
    );
    // the coverage sets are the solver's working data, large and of no use to the app
    const { sets: _sets, weak: _weak, ...kept } = plan;
    return {
      value: { plan: { ...kept, sites: nameNewSites(plan.sites, template) }, candidates: candidates.length, timingMs: performance.now() - started },
      transfer: [],
    };
  }

  /**
   * Reads an operator's proposal file (the sites columns in any supported format: CSV, Excel, KML/KMZ, GeoJSON,
   * Shapefile; every row is taken as proposed) and evaluates each proposed site alone against the current result:
   * households it lifts out of weak/none, duplicated coverage, wards served, nearest existing site. A failed read
   * evaluates nothing and says why in the report.
   */
  async evaluateProposals(files: InputFile[], choices: ImportChoices = {}): Promise<Reply<ProposalsResponse>> {
    const { result: analysis, settings } = this.requireAnalysis();
    const { households, located } = this.requireHouseholds();
    const options = await readOptions(choices);
    const result: ImportResult<Cell[]> & Partial<LayerImport<Cell[]>> =
      typeof options === 'string' ? failedChoice(files, options, []) : await (await loadReaders()).readLayerFile('sites', files, options);
    const report = reportOf('sites', result, [], { sheet: result.sheet, crs: result.crs, columnMap: choices.columnMap ?? null });
    const evaluations =
      result.status === 'failed'
        ? []
        : evaluateProposals({
            wardIndex: this.wardIndex,
            households,
            place: analysis.place,
            wardOfHousehold: located.assignment.wardIndex,
            coverage: analysis.coverage,
            proposedCells: result.data,
            existingCells: this.cells,
            settings,
          });
    this.proposals = { analysis: this.requireAnalysis(), evaluations };
    return { value: { report, cells: result.data, evaluations }, transfer: [] };
  }

  /**
   * Reads the 2019 layout's units (the files in order, their units concatenated) and the 2019 → 2025 crosswalk:
   * the layout switch is offered once both are read and the ward layer is the crosswalk's 2025 layout.
   */
  loadLayouts(units2019: ReadonlyArray<{ file: string; text: string }>, crosswalk: { file: string; text: string }): Reply<LayoutFilesResponse> {
    const unitResults = units2019.map(({ file, text }) => parseWards(text, file));
    const crosswalkResult = parseCrosswalk(crosswalk.text, crosswalk.file);
    const reports = [...unitResults.map((result) => reportOf('units2019', result)), reportOf('crosswalk', crosswalkResult)];
    if (unitResults.every((result) => result.status !== 'failed') && crosswalkResult.status !== 'failed') {
      this.layoutFiles = { communes2019: unitResults.flatMap((result) => result.data), crosswalk: crosswalkResult.data };
      this.referenceCache = null;
    }
    return { value: { reports, info: this.layoutInfo() }, transfer: [] };
  }

  /**
   * The 2019 layout for the loaded 2025 layer (the communes completed with Bạch Long Vĩ from that layer, as the
   * CLI's `--layout 2019`), or null before the layout files came.
   */
  private get reference(): LayoutReference | null {
    const files = this.layoutFiles;
    const base = this.layout === '2019' ? this.aside?.wards : this.wards;
    if (files === null || base === undefined) return null;
    if (this.referenceCache?.base !== base) this.referenceCache = { base, reference: layoutReference(files.communes2019, base, files.crosswalk) };
    return this.referenceCache.reference;
  }

  /** The current layout, whether the switch is offered, and the notes of each unit. */
  private layoutInfo(): LayoutInfo {
    const base = this.layout === '2019' ? this.aside?.wards : this.wards;
    const reference = this.reference;
    const available = reference !== null && base !== undefined && isCrosswalkLayout(reference, base);
    return { layout: this.layout, available, notes: available && reference !== null ? unitNotes(this.layout, this.wards, reference) : [] };
  }

  /**
   * Reports by the 2025 or the 2019 layout: the households are grouped by the other layer's units and, when an
   * analysis exists, its statistics and zones follow (every household keeps its best server, RSRP and class; cell
   * edits go on from there). The fibre and siting requests answer by the new units from then on.
   */
  *setLayoutSteps(layout: ReportingLayout): SessionSteps<SetLayoutResponse> {
    if (layout !== this.layout) {
      const reference = this.reference;
      if (reference === null || !this.layoutInfo().available) throw new Error('the 2019 layout is available for the embedded 2025 units only');
      yield { stage: 'assign', fraction: 0 };
      if (layout === '2019') {
        this.aside = { wards: this.wards, wardIndex: this.wardIndex, located: this.located };
        this.wards = reference.units2019;
        this.wardIndex = reference.index2019;
        this.layout = layout;
        this.located = this.households === null ? null : this.locateHouseholds(this.households, () => undefined);
      } else {
        const aside = this.aside;
        if (aside === null) throw new Error('no 2025 layer to return to');
        this.wards = aside.wards;
        this.wardIndex = aside.wardIndex;
        this.aside = null;
        this.layout = layout;
        this.located = this.households === null ? null : (aside.located ?? this.locateHouseholds(this.households, () => undefined));
      }
      yield* this.regroupAnalysis();
    }
    const info = this.layoutInfo();
    const assignment = this.located === null ? null : copyAssignment(this.located.reply);
    const analysis = this.analysis;
    return {
      value: { info, wards: this.wards, assignment, statistics: analysis?.result.statistics ?? null, zones: analysis?.result.zones ?? null },
      transfer: assignment === null ? [] : [assignment.wardOfHousehold.buffer as ArrayBuffer, assignment.householdsPerWard.buffer as ArrayBuffer],
    };
  }

  /** The analysis's statistics, tally and zones by the current units (the coverage itself is unchanged). */
  private *regroupAnalysis(): Steps<void, StageProgress<ProgressStage>> {
    const analysis = this.analysis;
    if (analysis === null || this.households === null || this.located === null) return;
    const { result, settings } = analysis;
    const households = this.households;
    const wardOfHousehold = this.located.assignment.wardIndex;
    yield { stage: 'statistics', fraction: 0 };
    const tally = new WardStatisticsTally(this.wards, wardOfHousehold, households, result.coverage, result.fibreCoverage?.passed ?? null, speedTargetMbps(settings));
    const zones = result.zones === null ? null : yield* this.outlineZones(result, settings);
    this.analysis = {
      settings,
      result: { ...result, wardIndex: this.wardIndex, assignment: this.located.assignment, statistics: tally.result(), statisticsTally: tally, zones },
    };
  }

  /** The two 2025 groupings compared (reporting-layouts.ts); null unless the layouts are available. */
  compareLayouts(): Reply<LayoutComparison | null> {
    const reference = this.reference;
    const households = this.households;
    if (reference === null || households === null || !this.layoutInfo().available) return { value: null, transfer: [] };
    const units = this.aside ?? { wards: this.wards, wardIndex: this.wardIndex, located: this.located };
    const current = units.located?.assignment.wardIndex ?? assignWards(households, units.wardIndex).wardIndex;
    const classes = this.analysis?.result.coverage.signalClass ?? null;
    return { value: compareLayouts(reference, units.wards, units.wardIndex, households, current, classes), transfer: [] };
  }

  /**
   * The planner's report (issue 10) as a document, from the worker's state: the last analysis (cell edits
   * included) by the current layout, its weak-signal zones, fibre reach with a plan for each target not met (as
   * `phusong report`, core/report/report-inputs.ts), automatic siting when a goal is given (on a fresh analysis
   * of the layers, so the session's analysis keeps its cells), and the last evaluated proposals with the
   * engineer's decisions. The file itself is written by `writeReport` (report-files.ts).
   */
  *reportSteps(request: ReportRequest): Steps<ReportDocument, StageProgress<ProgressStage>> {
    const analysis = this.requireAnalysis();
    const { households, located } = this.requireHouseholds();
    const { result, settings } = analysis;
    const { options } = request;
    const scopeIds = options.scope.kind === 'city' ? null : options.scope.unitIds;
    if (scopeIds !== null) {
      const known = new Set(this.wards.map((ward) => ward.id));
      const unknown = scopeIds.filter((id) => !known.has(id));
      if (scopeIds.length === 0 || unknown.length > 0) throw new Error(`no unit with code ${unknown.join(', ')} in the ${this.layout} layout`);
    }
    const statistics = result.statisticsTally.result();
    const zones = result.zones ?? (yield* this.outlineZones(result, settings));
    let fibre: ReportInput['fibre'] = null;
    if (this.fibre !== null && options.sections.includes('fibre')) {
      const coverage = yield* this.coverFibre(settings.fibre);
      yield { stage: 'fibrePlan', fraction: 0 };
      fibre = fibreForReport(
        { wards: this.wards, wardOfHousehold: located.assignment.wardIndex, households, network: this.fibre, coverage },
        { targetsPct: request.fibreTargetsPct, scopeIds, maxDropM: settings.fibre.maxDropM, backbonePasses: settings.fibre.backbonePasses, ...request.fibreCosts },
      );
    }
    let siting: ReportInput['siting'] = null;
    if (request.sitesGoal !== null && options.sections.includes('sites')) {
      // siting adds its sites to the engine it runs on: a fresh analysis, not the session's
      const fresh = yield* analysisSteps(
        { wards: this.wards, wardIndex: this.wardIndex, cells: this.cells, households, assignment: located.assignment, fibre: null, land: this.land },
        settings,
        { zones: false, sumsPartner: this.sumsPartner },
      );
      yield { stage: 'siting', fraction: 0 };
      const template = templateForAnalysis(defaultSiteTemplate(settings.technology), settings);
      const candidates = gridCandidates({ households, coverage: fresh.coverage, zones, spacingM: DEFAULT_GRID_SPACING_M, template });
      const { plan, sites, after } = sitesOnAnalysis(fresh, {
        wards: this.wards,
        households,
        settings,
        candidates,
        gridTemplate: template,
        exclusions: [],
        minSeparationM: DEFAULT_MIN_SEPARATION_M,
        goal: request.sitesGoal,
        exact: null,
      });
      siting = { goal: request.sitesGoal, plan, sites, after };
    }
    const proposals =
      this.proposals !== null && this.proposals.analysis.result.wardIndex === this.wardIndex
        ? { evaluations: this.proposals.evaluations, decisions: new Map(request.decisions) }
        : null;
    let targets: ReportInput['targets'] = null;
    if (request.targets !== null && options.sections.includes('targets')) {
      const { set, extraCells, fibrePassed, plan } = request.targets;
      const { inputs } = yield* this.targetInputsSteps({ targets: set.targets, thresholdsDbm: settings.thresholdsDbm, extraCells, fibrePassed });
      const evaluations = evaluateTargets(set.targets, inputs);
      // what closes each gap, as `phusong report` plans it unless --no-plan
      const closings = plan ? yield* this.closingSteps(evaluations, inputs, settings.thresholdsDbm, request.fibreCosts) : null;
      targets = { set: targetSetInfo(set, options.language), rows: targetRows(evaluations, closings) };
    }
    yield { stage: 'report', fraction: 0 };
    const layout = this.reference !== null && this.layoutInfo().available ? this.layout : null;
    const formerDistricts = layout === '2025' && this.reference !== null ? formerDistrictsOf(this.reference.crosswalk, this.reference.units2019) : undefined;
    const model = buildReport({
      options: { ...options, layout },
      softwareVersion: version,
      sources: request.sources,
      wards: this.wards,
      cells: this.cells,
      householdPoints: households.length,
      settings,
      statistics,
      zones,
      fibre,
      siting,
      proposals,
      targets,
      formerDistricts,
      provenance: sourceProvenance(request.sources, options.language),
      extraSettings: { fibre: { ...settings.fibre, ...request.fibreCosts, targetsPct: request.fibreTargetsPct }, ...(request.sitesGoal === null ? {} : { siting: { gridSpacingM: DEFAULT_GRID_SPACING_M, minSeparationM: DEFAULT_MIN_SEPARATION_M } }) },
    });
    return reportDocument(model);
  }

  /**
   * Evaluates targets (core/targets/evaluate-targets.ts) by the current units on the working network: for each
   * mobile technology the targets name, every operator's cells with the app's extra cells (target-networks.ts);
   * fibre passed by the network as loaded, or by the app's fibre plan; the zones layer for zone scopes.
   */
  *evaluateTargetsSteps(request: TargetsRequest): SessionSteps<TargetsResponse> {
    const started = performance.now();
    const { inputs, technologies } = yield* this.targetInputsSteps(request);
    const evaluations = evaluateTargets(request.targets, inputs);
    return { value: { evaluations, technologies, timingMs: performance.now() - started }, transfer: [] };
  }

  /**
   * What closes one target's gap (core/targets/close-gaps.ts), on the network `evaluateTargets` judges it on:
   * new sites chosen on that technology's target network (every operator's cells and the app's extra cells), or
   * the fibre extension plan from the network as loaded (on the scope's households for a units or zones target).
   */
  *closeTargetSteps(request: CloseTargetRequest): SessionSteps<CloseTargetResponse> {
    const started = performance.now();
    const target = request.targets.find((candidate) => candidate.id === request.targetId);
    if (target === undefined) throw new Error(`no target ${request.targetId} in the set`);
    const { inputs } = yield* this.targetInputsSteps({ ...request, targets: [target] });
    const [evaluation] = evaluateTargets([target], inputs);
    const [closing] = yield* this.closingSteps([evaluation], inputs, request.thresholdsDbm, request.fibreCosts);
    const { sitingPlan, ...rest } = closing;
    // the coverage sets are the solver's working data, large and of no use to the app
    const plan = sitingPlan === null ? null : (({ sets: _sets, weak: _weak, ...kept }) => kept)(sitingPlan);
    const passed = closing.fibrePlan?.passedAfter;
    return {
      value: { evaluation, closing: { ...rest, sitingPlan: plan }, timingMs: performance.now() - started },
      transfer: passed === undefined ? [] : [passed.buffer as ArrayBuffer],
    };
  }

  /** The evaluator's inputs on the working network (see `evaluateTargetsSteps`), and the technologies analysed. */
  private *targetInputsSteps(request: TargetsRequest): Steps<{ inputs: TargetInputs; technologies: Technology[] }, StageProgress<ProgressStage>> {
    // its networks sum with the partner
    this.dropAhead();
    const { households, located } = this.requireHouseholds();
    const technologies = technologiesOf(request.targets);
    const signalClass: Partial<Record<Technology, Uint8Array>> = {};
    const throughputMbps: Partial<Record<Technology, Float32Array>> = {};
    for (const [t, technology] of technologies.entries()) {
      yield { stage: 'targets', fraction: t / technologies.length };
      // a speed target reads the modelled throughput: that network sums the interference
      const withThroughput = needsThroughput(request.targets, technology);
      const coverage = yield* this.targetNetworks.coverageSteps(
        technology,
        households,
        this.placeOf(households),
        this.cells,
        request.extraCells,
        request.thresholdsDbm,
        withThroughput,
      );
      signalClass[technology] = coverage.signalClass;
      if (withThroughput) throughputMbps[technology] = coverage.throughputMbps;
    }
    const needsFibre = request.targets.some((target) => target.indicator === 'fibre_passed_households');
    const fibrePassed =
      request.fibrePassed !== null && request.fibrePassed.length === households.length
        ? request.fibrePassed
        : needsFibre && this.fibre !== null
          ? (yield* this.coverFibre(DEFAULT_SETTINGS.fibre)).passed
          : null;
    const inputs: TargetInputs = {
      units: this.wards.map((ward) => ({ id: ward.id, name: ward.name, population2019: ward.population2019, households2019: ward.households2019 })),
      unitOfHousehold: located.assignment.wardIndex,
      count: households.count,
      signalClass,
      ...(Object.keys(throughputMbps).length > 0 ? { throughputMbps } : {}),
      fibrePassed,
      zoneMembership: this.zonesOf(households),
    };
    return { inputs, technologies };
  }

  /**
   * What closes each evaluated target's gap (close-gaps.ts), on the target networks the inputs were made on:
   * grid candidates with each technology's default template (the spacing and separation of the siting tab, over
   * the scope's weak households), the fibre planner from the network as loaded with `fibreCosts`.
   */
  private *closingSteps(
    evaluations: TargetEvaluation[],
    inputs: TargetInputs,
    thresholdsDbm: TargetsRequest['thresholdsDbm'],
    fibreCosts: FibreCosts,
  ): Steps<GapClosing[], StageProgress<ProgressStage>> {
    const { households, located } = this.requireHouseholds();
    const siting: Partial<Record<Technology, SitingForTechnology>> = {};
    for (const technology of TECHNOLOGIES) {
      const engine = inputs.signalClass[technology] === undefined ? null : this.targetNetworks.engineOf(technology);
      if (engine === null || engine.result === null) continue;
      const settings: AnalysisSettings = { ...DEFAULT_SETTINGS, technology, operator: null, thresholdsDbm };
      siting[technology] = {
        analysis: { wardIndex: this.wardIndex, assignment: located.assignment, place: this.placeOf(households), engine, coverage: engine.result, zones: null },
        settings,
        candidates: { grid: { spacingM: DEFAULT_GRID_SPACING_M, template: templateForAnalysis(defaultSiteTemplate(technology), settings) } },
        exclusions: [],
        minSeparationM: DEFAULT_MIN_SEPARATION_M,
        exact: null,
      };
    }
    const plansFibre = evaluations.some((evaluation) => evaluation.target.indicator === 'fibre_passed_households' && evaluation.status === 'not-met');
    const network = this.fibre;
    const fibre =
      network === null || !plansFibre
        ? null
        : {
            input: { wards: this.wards, wardOfHousehold: located.assignment.wardIndex, households, network, coverage: yield* this.coverFibre(DEFAULT_SETTINGS.fibre) },
            options: { ...fibreCosts, maxDropM: DEFAULT_SETTINGS.fibre.maxDropM, backbonePasses: DEFAULT_SETTINGS.fibre.backbonePasses },
          };
    return yield* inStage('targets', closeGapSteps({ evaluations, inputs, households, siting, fibre }));
  }

  /**
   * Environment of the cells that give none, from these households' density and the wards' own environments: kept
   * while both stay (its density grid took ~0.05 s of every analysis' start on the merged city).
   */
  private placeOf(households: HouseholdPoints): PlaceEnvironment {
    const wardIndex = this.wardIndex;
    if (this.place?.households !== households || this.place.wardIndex !== wardIndex) this.place = { households, wardIndex, place: new PlaceEnvironment(households, wardIndex) };
    return this.place.place;
  }

  /** Per zone kind, the household points in such a zone; null without a zones layer. */
  private zonesOf(households: HouseholdPoints): Map<string, Uint8Array> | null {
    const zones = this.zones;
    if (zones === null) return null;
    if (this.membership?.zones !== zones || this.membership.households !== households) {
      this.membership = { zones, households, flags: zoneMembership(zones, households) };
    }
    return this.membership.flags;
  }

  /** The fibre coverage for these settings, computed once while households, network and settings stay the same. */
  private *coverFibre(settings: AnalysisSettings['fibre']): Steps<FibreCoverage, StageProgress<ProgressStage>> {
    const cached = this.cachedFibre(settings);
    if (cached !== null) return cached;
    return yield* inStage('fibre', this.fibreReachSteps(settings));
  }

  /**
   * Work worth doing while no request waits, or null: the fibre coverage every analysis, fibre plan and fibre
   * target needs (~1 s on the city), for the last analysis' settings; then, before the first analysis, what it builds
   * at its start (`warmUpAhead`), then the analysis the app expects (`analysisAhead`), and after an analysis what its
   * first edit would (`editsAhead`). The worker stops iterating when a request comes; the steps under way are kept
   * (`fibreUnderway`, `warmUp`, `ahead`) and go on from there next time. The fibre first: an analysis computes it in
   * its interlude, but the rest at its start.
   */
  idleSteps(): Steps<unknown, unknown> | null {
    const fibre = this.households === null || this.fibre === null || this.cachedFibre(this.fibreSettings) !== null ? null : this.fibreReachSteps(this.fibreSettings);
    const work = [fibre, this.warmUpAhead(), this.analysisAhead(), this.editsAhead()].filter((steps) => steps !== null);
    if (work.length === 0) return null;
    return (function* () {
      for (const steps of work) yield* steps;
    })();
  }

  /**
   * After an analysis, steps setting up what its first edit (a drag's first step) would otherwise: the running
   * medians its statistics keep in step (~0.2 s on the city, `WardStatisticsTally.prepareForEdits`), the tables
   * its interference sums read, in their WebAssembly memory (`CoverageEngine.placeEditTablesSteps`), and, once per
   * worker and kind of edit path, V8's optimised code of the edit path (`warmUpEditsSteps`: moves on a small engine
   * cut from the same layers). Null when done.
   */
  private editsAhead(): Steps<void> | null {
    const analysis = this.analysis;
    const households = this.households;
    if (analysis === null || households === null || analysis.editsPrepared === true) return null;
    const { statisticsTally: tally, engine, place } = analysis.result;
    const warmUp = { place, cells: this.cells, households, settings: analysis.settings };
    return (function* () {
      yield 0;
      if (!tally.preparedForEdits) tally.prepareForEdits();
      yield* engine.placeEditTablesSteps();
      yield* warmUpEditsSteps(warmUp);
      analysis.editsPrepared = true;
    })();
  }

  /**
   * Before the first analysis, steps preparing what it builds at its start with the default settings
   * (`prepareFirstAnalysis`), resumed by each idle time until done. Null once done for these cells, or once an
   * analysis has run (it built its own; an edit's few new tables are the next run's).
   */
  private warmUpAhead(): Steps<void> | null {
    if (this.analysis !== null || this.households === null || this.cells.length === 0) {
      this.warmUp = null;
      return null;
    }
    const key = [this.cells, this.households];
    if (this.warmUp === null || !sameKey(this.warmUp.key, key)) this.warmUp = { key, steps: this.prepareFirstAnalysis(this.cells, this.households) };
    const underway = this.warmUp;
    if (underway.steps === null) return null;
    return resumable(underway.steps, () => (underway.steps = null));
  }

  /**
   * What a first analysis of `cells` over `households` with the default settings builds at its start, kept for the
   * worker (warm-up.ts): its cells' link-budget tables (~0.9 s of CPU on the merged city), the households' tiles'
   * layout and the tables in the sums' WebAssembly memory; then the sums partner is started to warm up its own in its
   * thread, and the weak zones' land mask is made here (`zoneLandFor`).
   */
  private *prepareFirstAnalysis(cells: Cell[], households: HouseholdPoints): Steps<void> {
    const place = this.placeOf(households);
    yield* warmUpSteps(cells, households, DEFAULT_SETTINGS, place);
    this.warmSumsPartner?.(partnerInput(cells, households, DEFAULT_SETTINGS, place));
    yield 1;
    zoneLandFor({ wards: this.wards, land: this.land }, DEFAULT_SETTINGS);
  }

  /**
   * Steps to the fibre coverage for these settings, resuming the one under way when it is for the same households,
   * network and settings; the coverage is remembered once done. A caller that stops closes these steps, not the
   * computation under way (`resumable`); a failed one is forgotten, so whoever asks next starts afresh.
   */
  private *fibreReachSteps(settings: AnalysisSettings['fibre']): Steps<FibreCoverage> {
    const key = this.fibreKey(settings);
    if (this.fibreUnderway === null || !sameKey(this.fibreUnderway.key, key)) {
      this.fibreUnderway = { key, steps: fibreCoverageSteps(this.requireHouseholds().households, this.requireFibre(), settings) };
    }
    const underway = this.fibreUnderway;
    const coverage = yield* resumable(underway.steps, () => {
      if (this.fibreUnderway === underway) this.fibreUnderway = null;
    });
    this.rememberFibre(settings, coverage);
    return coverage;
  }

  private fibreKey(settings: AnalysisSettings['fibre']): readonly unknown[] {
    return [this.households, this.fibre, settings.maxDropM, settings.backbonePasses];
  }

  private cachedFibre(settings: AnalysisSettings['fibre']): FibreCoverage | null {
    const cached = this.fibreCoverage;
    return cached !== null && sameKey(cached.key, this.fibreKey(settings)) ? cached.coverage : null;
  }

  private rememberFibre(settings: AnalysisSettings['fibre'], coverage: FibreCoverage): void {
    this.fibreCoverage = { key: this.fibreKey(settings), coverage };
  }

  private requireFibre(): FibreNetwork {
    if (this.fibre === null) throw new Error('no fibre network is loaded: load a fibre file first');
    return this.fibre;
  }

  /** The edit's households (their new values) and the ward rows they moved, for the app to apply. */
  private cellChange(cellIndex: number, changed: number[]): Reply<CellChangeResponse> {
    const { result } = this.requireAnalysis();
    const tally = result.statisticsTally;
    const delta = coverageDelta(result.coverage, changed);
    const statistics = tally.delta(tally.update(delta.changed));
    return { value: { cellIndex, ...delta, statistics }, transfer: [delta.changed.buffer, ...coverageBuffers(delta)] };
  }

  private requireHouseholds(): { households: HouseholdPoints; located: Located } {
    if (this.households === null || this.located === null) throw new Error('no households are loaded: load a households file first');
    return { households: this.households, located: this.located };
  }

  private requireAnalysis(): Analysis {
    if (this.analysis === null) throw new Error('no analysis to update: run "analyse" first');
    return this.analysis;
  }

  /** Commits a parsed layer unless its import failed (a failed import changes nothing) and builds the reply. */
  private commit(parsed: ParsedLayer, progress: Progress, extra: Partial<ImportReport> = {}): Reply<LoadResponse> {
    const response = this.commitLayer(parsed, progress, extra);
    if (response.report.status !== 'failed' && parsed.layer !== 'land' && parsed.layer !== 'zones') this.analysis = null;
    return { value: response, transfer: loadBuffers(response) };
  }

  private commitLayer({ layer, result }: ParsedLayer, progress: Progress, extra: Partial<ImportReport>): LoadResponse {
    const ok = result.status !== 'failed';
    switch (layer) {
      case 'wards': {
        if (ok) {
          // a ward file is the layer the layouts start from
          this.layout = '2025';
          this.aside = null;
          this.wards = result.data;
          this.wardIndex = indexWards(result.data);
          if (this.households !== null) {
            progress('assign', 0);
            this.located = this.locateHouseholds(this.households, progress);
          }
        }
        const assignment = this.located === null ? null : copyAssignment(this.located.reply);
        return { layer, report: reportOf(layer, result, [], extra), wards: result.data, assignment };
      }
      case 'land':
        if (ok) this.land = result.data;
        return { layer, report: reportOf(layer, result, [], extra), land: result.data };
      case 'sites':
        if (ok) this.cells = result.data;
        return { layer, report: reportOf(layer, result, [], extra), cells: result.data };
      case 'households': {
        // a large layer in locality order: an edit's households then lie together in memory (core/locality-order.ts);
        // its ids one text in that order, as the page gets them
        const { households: ordered, fileOrder } = layerInLocalityOrder(result.data);
        const households = fileOrder === undefined ? ordered : { ...ordered, ids: joinedInOrder(fileOrder.ids, fileOrder.rowOfPosition) };
        progress('assign', 0);
        const located = this.locateHouseholds(households, progress);
        if (ok) {
          this.households = households;
          this.located = located;
          if (this.aside !== null) this.aside.located = null;
        }
        const report = reportOf(layer, result, assignmentNotes(located.reply, result.file), extra);
        return { layer, report, households: packHouseholds(households), assignment: copyAssignment(located.reply) };
      }
      case 'fibre':
        if (ok) this.fibre = result.data;
        return { layer, report: reportOf(layer, result, [], extra), fibre: result.data };
      case 'zones':
        // drawn by the app and read by the zone-scoped targets (the analyses do not use them)
        if (ok) this.zones = result.data;
        return { layer, report: reportOf(layer, result, [], extra), zones: result.data };
    }
  }

  /** Locates every household point in the current wards and sums households per ward. */
  private locateHouseholds(households: HouseholdPoints, progress: Progress): Located {
    // in the 2019 layout, a household's 2025 code (the embedded households carry theirs) picks among its unit's
    // 2019 units by polygon, as the CLI's `--layout 2019` does (assignWardsAcrossLayouts)
    const crosswalk = this.layoutFiles?.crosswalk;
    const assignment =
      this.layout === '2019' && crosswalk !== undefined
        ? assignWardsAcrossLayouts(households, this.wardIndex, { crosswalk, wardLayer: 'old', householdIds: 'new' })
        : assignWards(households, this.wardIndex);
    const householdsPerWard = new Float64Array(this.wards.length);
    let outsideHouseholds = 0;
    for (let i = 0; i < households.length; i++) {
      const ward = assignment.wardIndex[i];
      if (ward === -1) outsideHouseholds += households.count[i];
      else householdsPerWard[ward] += households.count[i];
    }
    progress('assign', 1);
    return {
      assignment,
      reply: {
        wardOfHousehold: assignment.wardIndex,
        householdsPerWard,
        outsideHouseholds,
        overlapPoints: assignment.overlapCount,
        unknownWardIdPoints: assignment.unknownWardIdCount,
      },
    };
  }
}

/** Runs a request's steps straight through, progress by stage. */
function runSession<T>(steps: Steps<T, StageProgress<ProgressStage>>, progress: Progress): T {
  return runSteps(steps, ({ stage, fraction }) => progress(stage, fraction));
}

/** Whole-file notes on where the households fell: households outside every ward, overlaps, unknown ward ids. */
function assignmentNotes(assignment: HouseholdAssignment, file: string): ImportIssue[] {
  const notes: ImportIssue[] = [];
  const note = (code: ImportIssue['code'], count: number, params: ImportIssue['params'] = {}) => {
    if (count > 0) notes.push({ file, index: null, code, params: { count, ...params }, severity: 'warning' });
  };
  // households and the points holding them are counted apart: 6 points of 3 households are 18 households
  // an index loop: a for-of walks a typed array through its iterator, ~50 ms on the embedded city in the worker
  const { wardOfHousehold } = assignment;
  let outsidePoints = 0;
  for (let i = 0; i < wardOfHousehold.length; i++) if (wardOfHousehold[i] < 0) outsidePoints++;
  note('outside-all-wards', assignment.outsideHouseholds, { points: outsidePoints });
  note('overlapping-wards', assignment.overlapPoints);
  note('unknown-ward', assignment.unknownWardIdPoints);
  return notes;
}

function reportOf(layer: ImportReport['layer'], result: ImportResult<unknown>, notes: ImportIssue[] = [], extra: Partial<ImportReport> = {}): ImportReport {
  const { file, format, status, read, kept, rejected, issues } = result;
  return { ...extra, layer, format, file, status, read, kept, rejected, issues: notes.length > 0 ? [...issues, ...notes] : issues };
}

/** The embedded dataset's text parsed by its layer's parser (the land mask is a wards file's outlines). */
function parseText(layer: LoadRequest['layer'], file: string, text: string): ParsedLayer {
  switch (layer) {
    case 'wards':
      return { layer, result: parseWards(text, file) };
    case 'land': {
      const result = parseWards(text, file);
      return { layer, result: { ...result, data: result.data.map((ward) => ward.geometry) } };
    }
    case 'sites':
      return { layer, result: parseSites(text, file) };
    case 'households':
      return { layer, result: parseHouseholds(text, file) };
    case 'fibre':
      return { layer, result: parseFibre(text, file) };
    case 'zones':
      return { layer, result: parseZones(text, file) };
  }
}

/**
 * The readers of a user's files (every format, proj4 for VN-2000), loaded with the first import rather than with
 * the worker: the embedded layers are read by the parsers and layer-binary.ts alone, and the worker starts sooner
 * for it (docs/architecture.md, the start).
 */
const loadReaders = () => import('../io/read-layer-file.ts');

/** readLayerFile's options from the user's choices; the reason when the CRS spec is not one phusong reads. */
async function readOptions(choices: ImportChoices): Promise<ReadLayerOptions | string> {
  const options: ReadLayerOptions = { sheet: choices.sheet, columnMap: choices.columnMap };
  if (choices.crs === undefined) return options;
  const { parseCrsSpec } = await import('../io/crs-spec.ts');
  const crs = parseCrsSpec(choices.crs);
  return crs.ok ? { ...options, crs: crs.crs } : crs.error;
}

/** A failed import of files whose choices cannot be used (an unknown CRS spec): nothing is read. */
function failedChoice<T>(files: readonly InputFile[], reason: string, data: T): ImportResult<T> {
  const file = files[0]?.name ?? '';
  const issue: ImportIssue = { file, index: null, code: 'file-unparseable', params: { format: 'the chosen coordinate system', detail: reason }, severity: 'error' };
  return { file, format: null, status: 'failed', data, read: 0, kept: 0, rejected: 0, issues: [issue] };
}

function emptyLayer(layer: LayerKind): ParsedLayer['result']['data'] {
  switch (layer) {
    case 'households':
      return { length: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0), count: new Uint32Array(0), wardId: [] };
    case 'fibre':
      return { routes: [], nodes: [] };
    default:
      return [];
  }
}

function copyAssignment(assignment: HouseholdAssignment): HouseholdAssignment {
  return {
    ...assignment,
    wardOfHousehold: assignment.wardOfHousehold.slice(),
    householdsPerWard: assignment.householdsPerWard.slice(),
  };
}

function loadBuffers(response: LoadResponse): Transferable[] {
  const buffers: ArrayBufferLike[] = [];
  if ('assignment' in response && response.assignment !== null) {
    buffers.push(response.assignment.wardOfHousehold.buffer, response.assignment.householdsPerWard.buffer);
  }
  if (response.layer === 'households') {
    buffers.push(...packedHouseholdBuffers(response.households));
  }
  return buffers as ArrayBuffer[];
}

/** Whether two cache keys (`fibreKey`) hold the same objects and values. */
function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
