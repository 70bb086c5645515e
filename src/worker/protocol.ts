/**
 * The typed protocol between the app and the engine worker, in the style of maplibre's `actor_messages.ts`:
 * one map from request name to its request and response types. Every message envelope below is derived
 * from `EngineRequests`, so adding a request is one entry here plus its handler in `engine.worker.ts`.
 *
 * Typed arrays travel as transferred buffers: the worker copies what it keeps and transfers the copy.
 */
import type { PackedHouseholds } from './packed-strings.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { COVERAGE_ARRAYS, type CoverageDelta, type CoverageResult } from '../core/coverage/coverage-result.ts';
import type { CellServed } from '../core/coverage/cell-statistics.ts';
import type { RsrpHeatmap } from '../core/coverage/rsrp-heatmap.ts';
import type { WardStatisticsDelta, WardStatisticsResult } from '../core/coverage/ward-statistics.ts';
import type { WeakZones } from '../core/coverage/weak-zones.ts';
import type { FibreStatistics } from '../core/fibre/fibre-statistics.ts';
import type { FibreCosts, FibreExtension, FibrePlan, FibrePlanScope } from '../core/fibre/plan-fibre-extension.ts';
import type { NewSitesGoal, NewSitesPlan } from '../core/siting/select-new-sites.ts';
import type { ProposalEvaluation } from '../core/siting/evaluate-proposals.ts';
import type { AnalysisSettings, Cell, FibreNetwork, SignalThresholdsDbm, Technology, Ward } from '../core/model.ts';
import type { GapClosing } from '../core/targets/close-gaps.ts';
import type { TargetEvaluation } from '../core/targets/evaluate-targets.ts';
import type { Target, TargetSet } from '../core/targets/target-set.ts';
import type { Zone } from '../core/targets/zone-membership.ts';
import type { DataSource, ReportOptions } from '../core/report/report-model.ts';
import type { ImportResult } from '../io/import-result.ts';
import type { LayerFileInspection } from '../io/inspect-layer-file.ts';
import type { ReportFontBytes } from '../io/report/report-fonts.ts';

/**
 * The layers a file can replace; `land` is the land mask (the embedded dataset's outline of both former
 * provinces), `zones` planning zones (industrial parks, ports…) drawn over the map.
 */
export type LayerKind = 'wards' | 'sites' | 'households' | 'fibre' | 'land' | 'zones';
export const IMPORTABLE_LAYERS = ['wards', 'sites', 'households', 'fibre', 'zones', 'land'] as const satisfies readonly LayerKind[];
export type ImportableLayer = (typeof IMPORTABLE_LAYERS)[number];

/**
 * Reference layers beside the dataset: the 2019 layout's units and the 2019 → 2025 crosswalk (the layout switch).
 * (The zones layer the zone-scoped targets read is the importable `zones` layer above.)
 */
export type ReferenceLayer = 'units2019' | 'crosswalk';

/**
 * An import's report: the `ImportResult` without its (large) data; `format` says how issue indices read. A user's
 * import (readLayerFile) also says which sheet was read, the CRS converted from and the column map applied.
 */
export type ImportReport = Omit<ImportResult<unknown>, 'data'> & {
  layer: LayerKind | ReferenceLayer;
  sheet?: string | null;
  crs?: string | null;
  columnMap?: Readonly<Record<string, string>> | null;
};

/** Where every household point lies, recomputed whenever households or wards change. */
export interface HouseholdAssignment {
  /** Ward index per household point, -1 outside every ward. */
  wardOfHousehold: Int32Array;
  /** Households (sum of `count`) per ward, in the order of the wards array. */
  householdsPerWard: Float64Array;
  /** Households (sum of `count`) outside every ward. */
  outsideHouseholds: number;
  /** Household points inside two or more ward polygons (resolved by the smallest-area rule). */
  overlapPoints: number;
  /** Points whose file-given `ward_id` matched no ward (located by polygon instead). */
  unknownWardIdPoints: number;
}

/** The committed data a fresh worker is given when the old one had to be terminated (a cancel a message cannot do, a crash). */
export interface DatasetSnapshot {
  wards: Ward[];
  land: Array<Polygon | MultiPolygon> | null;
  cells: Cell[];
  /** Packed as a load's reply sends them (`packHouseholds`): a structured clone keeps no class, so no `JoinedIds`. */
  households: PackedHouseholds | null;
  fibre: FibreNetwork | null;
  /** The zones layer (drawn on the map, read by zone-scoped targets). */
  zones: Zone[] | null;
}

export type LoadRequest = {
  layer: LayerKind;
  /** File name shown in reports. */
  file: string;
} & (
  | {
      /** The file's bytes, gzip or plain UTF-8 (gzip is recognised by its magic bytes). */
      bytes: ArrayBuffer;
    }
  | {
      /**
       * Where the worker downloads the file itself (same origin): a large embedded file, whose bytes the page's
       * main thread then never reads. The download begins when the request arrives, not when its turn comes.
       */
      url: string;
    }
);

export type LoadResponse =
  | { layer: 'wards'; report: ImportReport; wards: Ward[]; assignment: HouseholdAssignment | null }
  | { layer: 'land'; report: ImportReport; land: Array<Polygon | MultiPolygon> }
  | { layer: 'sites'; report: ImportReport; cells: Cell[] }
  | { layer: 'households'; report: ImportReport; households: PackedHouseholds; assignment: HouseholdAssignment }
  | { layer: 'fibre'; report: ImportReport; fibre: FibreNetwork }
  | { layer: 'zones'; report: ImportReport; zones: Zone[] };

/** One file of a user's import, as bytes (a Shapefile is several: .shp, .dbf, .prj, .cpg). */
export interface ImportFile {
  name: string;
  /** The file's bytes, gzip or plain (gzip is recognised by its magic bytes). */
  bytes: ArrayBuffer;
}

/** What the user chose for a file: the workbook sheet, the CRS of coordinates it does not place, a column map. */
export interface ImportChoices {
  sheet?: string;
  /** A CRS spec (`vn2000-tm3:105.75`, `EPSG:3405`…: src/io/crs-spec.ts). */
  crs?: string;
  /** Layer field → the file's header. */
  columnMap?: Record<string, string>;
}

/** A first look at a file before importing it (the sheets, header, first rows, CRS), src/io/inspect-layer-file.ts. */
export interface InspectRequest {
  files: ImportFile[];
  sheet?: string;
}

/** A user's file(s) read into a layer through readLayerFile (every format, CRS, sheet, column map). */
export interface ImportLayerRequest {
  layer: ImportableLayer;
  files: ImportFile[];
  choices: ImportChoices;
}

export interface AnalyseRequest {
  settings: AnalysisSettings;
  /** Also outline weak-signal zones (slower than the household analysis itself). */
  zones: boolean;
}

export interface AnalyseResponse {
  coverage: CoverageResult;
  statistics: WardStatisticsResult;
  zones: WeakZones | null;
  /** Per household point, 1 = passed by fibre; null without a fibre layer. */
  fibrePassed: Uint8Array | null;
  /** Its stages' times in the worker, ms (for an analysis computed ahead, from its start in idle time to its end). */
  timingsMs: { analyse: number; statistics: number; zones: number };
  /** The request's own time in the worker, ms. */
  workerMs: number;
  /** How much of it idle time had computed before the request (`expectAnalysis`). */
  computedAhead: 'none' | 'part' | 'whole';
}

/** The weak-signal zones of the last analysis (`analysisZones`), outlined after its reply. */
export interface AnalysisZonesResponse {
  zones: WeakZones | null;
  /** The worker's time outlining them, ms (the analysis' own zones stage when it outlined them itself). */
  timingMs: number;
}

/**
 * After a cell edit: the households whose result changed, with their new best cell, RSRP and class (the app
 * applies them to its copy of the result, `applyCoverageDelta`), and the ward rows that changed with the
 * refreshed totals (`applyWardStatisticsDelta`).
 */
export interface CellChangeResponse extends CoverageDelta {
  cellIndex: number;
  statistics: WardStatisticsDelta;
}

/**
 * The strongest analysed cell at a point (a map click), with the cell itself for the popup, and the downlink
 * quality there (`CoverageEngine.qualityAt`).
 */
export interface BestServerResponse {
  /** Index into the analysed cells, -1 when no cell clears the weak floor there. */
  cellIndex: number;
  /** RSRP of that cell in dBm; -Infinity when none. */
  rsrpDbm: number;
  cell: Cell | null;
  /** SINR (dB) and modelled single-user throughput (Mb/s); null for 2G/3G or a server below the interference cut-off. */
  sinrDb: number | null;
  throughputMbps: number | null;
  /** Co-channel cells within 6 dB of the server, the server included (0 without SINR). */
  serversWithin6Db: number;
}

/** Households passed by the fibre network, per ward, against the targets (issue 4). */
export interface FibreReachRequest {
  fibre: AnalysisSettings['fibre'];
  /** e.g. [80, 90]. */
  targetsPct: number[];
}

export interface FibreReachResponse {
  statistics: FibreStatistics;
  /** Per household point, 1 = passed. */
  passed: Uint8Array;
  fullNodes: string[];
  timingMs: number;
}

export interface FibrePlanRequest {
  fibre: AnalysisSettings['fibre'];
  targetPct: number;
  scope: FibrePlanScope;
  costs: FibreCosts;
  /** Extensions kept from an earlier plan (re-planning after a deletion). */
  kept: FibreExtension[];
}

export interface FibrePlanResponse {
  plan: FibrePlan;
  timingMs: number;
}

/** Automatic siting over the last analysis (issue 5): a grid of candidates over its weak-signal zones. */
export interface PlanSitesRequest {
  goal: NewSitesGoal;
  /** Also solve the integer program with HiGHS (small instances; falls back to greedy with the reason). */
  exact: boolean;
}

export interface PlanSitesResponse {
  /** Chosen sites named NEW-001, NEW-002, … in pick order, with the template's cells (coverage sets left out). */
  plan: Omit<NewSitesPlan, 'sets' | 'weak'>;
  candidates: number;
  timingMs: number;
}

/** An operator's proposal file (sites columns), evaluated against the last analysis (issue 5). */
export interface ProposalsRequest {
  file: string;
  bytes: ArrayBuffer;
  /** Read as a sites file through readLayerFile (CSV, Excel, KML/KMZ, GeoJSON, Shapefile) with these choices. */
  choices?: ImportChoices;
}

export interface ProposalsResponse {
  report: ImportReport;
  /** The proposed cells read from the file. */
  cells: Cell[];
  /** One per proposed site, in file order. */
  evaluations: ProposalEvaluation[];
}

/** A file as bytes (gzip allowed), with its name for the reports. */
export interface NamedBytes {
  file: string;
  bytes: ArrayBuffer;
}

/** The units a statistic is reported by: the 114 units of 1 July 2025, or the 489 units of the 2019 layout (488 communes and Bạch Long Vĩ). */
export type ReportingLayout = '2025' | '2019';

/** What is shown beside a unit: its former district(s) and the crosswalk approximations its figures rest on. */
export interface UnitNote {
  formerDistricts: string[];
  /** A 2019 unit of it is split between new units (`approx_split`). */
  split: boolean;
  /** A link of it rests on an inferred 2024 merger (`approx_2024_link`). */
  uncertainLink: boolean;
}

/**
 * The two groupings of households into the 2025 units compared: by the crosswalk of the 2019 unit each household
 * lies in, and by point in polygon on the 2025 polygons (dissolved from the 2019 ones); and the grouping in use
 * (the households file's `ward_id` where it names a unit, else point in polygon) against each.
 */
export interface LayoutComparison {
  movedHouseholds: number;
  outsideByCrosswalk: number;
  outsideByPolygon: number;
  currentVsCrosswalk: number;
  currentVsPolygon: number;
  /** Households whose file `ward_id` names a unit of the layer (grouped by it, not by polygon). */
  householdsByFileId: number;
  /** Units whose households (or, with an analysis, weak/none households) differ, largest difference first. */
  units: Array<{
    unitIndex: number;
    householdsByCrosswalk: number;
    householdsByPolygon: number;
    weakByCrosswalk: number | null;
    weakByPolygon: number | null;
  }>;
}

export interface LayoutInfo {
  layout: ReportingLayout;
  /** The ward layer is the crosswalk's 2025 layout and the 2019 layout is loaded: the switch is offered. */
  available: boolean;
  /** One per unit of the current ward layer (empty when the layouts are not available). */
  notes: UnitNote[];
}

export interface LayoutFilesRequest {
  /** The 2019 layout's unit files, concatenated in order (Hải Phòng, then former Hải Dương). */
  units2019: NamedBytes[];
  crosswalk: NamedBytes;
}

export interface LayoutFilesResponse {
  reports: ImportReport[];
  info: LayoutInfo;
}

export interface SetLayoutResponse {
  info: LayoutInfo;
  wards: Ward[];
  assignment: HouseholdAssignment | null;
  /** The analysis regrouped by the new units (null without an analysis), and its zones with their units' ids. */
  statistics: WardStatisticsResult | null;
  zones: WeakZones | null;
}

export interface TargetsRequest {
  targets: Target[];
  thresholdsDbm: SignalThresholdsDbm;
  /** Cells the app counts in the network for the targets: its proposed sites and the approved operator proposals. */
  extraCells: Cell[];
  /** Households passed by fibre with the app's fibre plan (1 = passed, per point); null = the network as loaded. */
  fibrePassed: Uint8Array | null;
}

export interface TargetsResponse {
  evaluations: TargetEvaluation[];
  /** The technologies analysed for the targets (every operator's cells of each). */
  technologies: Technology[];
  timingMs: number;
}

/** The report's files: PDF for the director, XLSX (one sheet per table), HTML with the print stylesheet. */
export type ReportFormat = 'pdf' | 'xlsx' | 'html';

/** What closes one target's gap (issue 9 "What closes it"), on the same working network as `evaluateTargets`. */
export interface CloseTargetRequest extends TargetsRequest {
  /** The target of `targets` whose gap to close. */
  targetId: string;
  /** Unit prices of the fibre extension plan. */
  fibreCosts: FibreCosts;
}

/** A closing plan as the app receives it: the siting plan without the solver's working data. */
export type TargetClosing = Omit<GapClosing, 'sitingPlan'> & { sitingPlan: Omit<NewSitesPlan, 'sets' | 'weak'> | null };

export interface CloseTargetResponse {
  /** The target evaluated again on the state the plan starts from. */
  evaluation: TargetEvaluation;
  closing: TargetClosing;
  timingMs: number;
}

/** The planner's report (issue 10) from the worker's current state: the last analysis, the fibre, the proposals. */
export interface ReportRequest {
  /** Organisation, title, date, language, scope and sections; `layout` is the worker's current layout. */
  options: Omit<ReportOptions, 'layout'>;
  format: ReportFormat;
  /** The layers on page 1 (names, dates, synthetic or not). */
  sources: DataSource[];
  /** Fibre targets from the settings (80, 90, 100 % are always added) and the plan's costs. */
  fibreTargetsPct: number[];
  fibreCosts: FibreCosts;
  /** Automatic siting for the report (as `report --sites-plan`); null leaves it out. */
  sitesGoal: NewSitesGoal | null;
  /** The engineer's decisions on the last evaluated proposals, by site id (others are pending). */
  decisions: Array<[siteId: string, decision: 'approved' | 'rejected']>;
  /** The report's fonts (Noto Sans, data/fonts/), for PDF and HTML. */
  fonts: ReportFontBytes | null;
  /**
   * The target set of the targets tab, evaluated on the app's working network as that tab does, and unless `plan`
   * is false what closes each gap (as `phusong report` does without `--no-plan`); null: none.
   */
  targets: { set: TargetSet; extraCells: Cell[]; fibrePassed: Uint8Array | null; plan: boolean } | null;
}

export interface ReportResponse {
  bytes: Uint8Array;
  /** MIME type of `bytes`. */
  type: string;
  timingMs: number;
}

/**
 * The RSRP heat map (core/coverage/rsrp-heatmap.ts) of the last analysis: computed on the first request, then
 * only the grid cells within reach of the cells edited since are evaluated again. null when there is no land.
 */
export interface RsrpHeatmapResponse {
  heatmap: RsrpHeatmap | null;
  /** Grid cells evaluated for this reply (all land cells the first time, the edited footprints after). */
  evaluatedCells: number;
  timingMs: number;
}

/** What a cell serves (core/coverage/cell-statistics.ts), as the CLI's cells.csv row has it, and where. */
export interface CellFootprintResponse {
  cellIndex: number;
  served: CellServed;
  /** Indices of the households it serves (its best-server footprint). */
  households: Uint32Array;
}

/** Request name → request and response types. */
export interface EngineRequests {
  load: { request: LoadRequest; response: LoadResponse };
  inspect: { request: InspectRequest; response: LayerFileInspection };
  importLayer: { request: ImportLayerRequest; response: LoadResponse };
  restore: { request: DatasetSnapshot; response: { restored: true } };
  analyse: { request: AnalyseRequest; response: AnalyseResponse };
  /**
   * The analysis the run button would ask for now (the analysis panel is open without a current result), or null:
   * the worker computes it while idle, and an `analyse` request for it takes it from there.
   */
  expectAnalysis: { request: AnalyseRequest | null; response: null };
  /**
   * The last analysis' weak-signal zones, outlined now when it was run without them and kept with it (the app asks
   * right after `analyse`, so its result is shown before the zones are outlined).
   */
  analysisZones: { request: null; response: AnalysisZonesResponse };
  updateCell: { request: { cellIndex: number; cell: Cell }; response: CellChangeResponse };
  /** The app's sites layer with edits applied (a scenario opened); ends the analysis. */
  setCells: { request: { cells: Cell[] }; response: { cells: number } };
  /** Several cells at once (a site's sectors moved together): one reply, statistics computed once. */
  updateCells: { request: { changes: Array<{ cellIndex: number; cell: Cell }> }; response: CellChangeResponse };
  addCell: { request: { cell: Cell }; response: CellChangeResponse };
  removeCell: { request: { cellIndex: number }; response: CellChangeResponse };
  bestServerAt: { request: { lon: number; lat: number }; response: BestServerResponse };
  fibreReach: { request: FibreReachRequest; response: FibreReachResponse };
  planFibre: { request: FibrePlanRequest; response: FibrePlanResponse };
  planSites: { request: PlanSitesRequest; response: PlanSitesResponse };
  evaluateProposals: { request: ProposalsRequest; response: ProposalsResponse };
  loadLayouts: { request: LayoutFilesRequest; response: LayoutFilesResponse };
  setLayout: { request: { layout: ReportingLayout }; response: SetLayoutResponse };
  /** The layout comparison on demand (it locates every household twice more). */
  compareLayouts: { request: null; response: LayoutComparison | null };
  evaluateTargets: { request: TargetsRequest; response: TargetsResponse };
  closeTarget: { request: CloseTargetRequest; response: CloseTargetResponse };
  report: { request: ReportRequest; response: ReportResponse };
  /** The best-server RSRP on a grid over land for the heat map layer, of the last analysis with its edits. */
  rsrpHeatmap: { request: null; response: RsrpHeatmapResponse };
  /** A cell's footprint in the last analysis with its edits: the households it serves and their medians. */
  cellFootprint: { request: { cellIndex: number }; response: CellFootprintResponse };
}

export type RequestName = keyof EngineRequests;
export type RequestOf<N extends RequestName> = EngineRequests[N]['request'];
export type ResponseOf<N extends RequestName> = EngineRequests[N]['response'];

/** Steps reported by progress messages, shown by the progress bar. */
export type ProgressStage = 'decompress' | 'parse' | 'assign' | 'analyse' | 'statistics' | 'zones' | 'heatmap' | 'fibre' | 'fibrePlan' | 'siting' | 'targets' | 'report';

/**
 * Requests the worker runs as steps (core/steps.ts), in slices: a cancel message reaches them between two slices,
 * so cancelling them needs no new worker.
 */
export const STEPPED_REQUESTS: ReadonlySet<RequestName> = new Set<RequestName>(['analyse', 'analysisZones', 'planFibre', 'planSites', 'setLayout', 'evaluateTargets', 'closeTarget', 'report', 'rsrpHeatmap']);

/** Cancels every request sent before this message (with a smaller id): the running one at its next checkpoint. */
export interface CancelMessage {
  id: number;
  name: 'cancel';
  payload: null;
}

/**
 * Withdraws the one request `id` (the others go on): skipped if still queued, stopped at its next checkpoint if it
 * is a stepped request running; answered `cancelled` either way, unless it finished first.
 */
export interface WithdrawMessage {
  id: number;
  name: 'withdraw';
  payload: null;
}

/**
 * Begins downloading a file that a later `load` by URL will name, before the worker is free to read that request
 * (a hint: no reply; a load of another URL, or a worker restarted meanwhile, downloads as before).
 */
export interface PrefetchMessage {
  id: 0;
  name: 'prefetch';
  payload: { url: string };
}

/** App → worker. */
export type ToWorker = { [N in RequestName]: { id: number; name: N; payload: RequestOf<N> } }[RequestName] | CancelMessage | WithdrawMessage | PrefetchMessage;

/** Worker → app. */
export type FromWorker =
  | { id: number; kind: 'progress'; stage: ProgressStage; fraction: number }
  | { [N in RequestName]: { id: number; kind: 'done'; name: N; payload: ResponseOf<N> } }[RequestName]
  | { id: number; kind: 'error'; message: string }
  /** The request was stopped, or skipped, by a cancel message. */
  | { id: number; kind: 'cancelled' };

/** Buffers of a coverage result's (or a delta's) per-household arrays, for the transfer list. */
export function coverageBuffers(coverage: Pick<CoverageResult, (typeof COVERAGE_ARRAYS)[number]>): ArrayBuffer[] {
  return COVERAGE_ARRAYS.map((name) => coverage[name].buffer as ArrayBuffer);
}
