/**
 * The planner's report (issue 10) as typed data: what page 1, the sections, the tables, the maps and the charts
 * show, in numbers and names, before any language or layout is applied. `buildReport` makes it from the
 * pipeline's outputs; `reportDocument` turns it into pages of text, tables and figures; the PDF, HTML and XLSX
 * writers in src/io/report render those. Households are always sums of the points' `count`.
 */
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type { AnalysisSettings, SignalThresholdsDbm, Technology } from '../model.ts';
import type { LocalizedText, TargetScope } from '../targets/target-set.ts';

export type ReportLanguage = 'vi' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['vi', 'en'];

/** The content sections a planner can tick, in the order they are printed. */
export const REPORT_SECTIONS = ['summary', 'coverage', 'weakZones', 'fibre', 'sites', 'targets', 'methodology'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The reporting layout of the units: the 114 units of 1 July 2025, or the 2019 layout. */
export type ReportLayout = '2025' | '2019';

/** The whole city (households outside every unit included), or a selection of unit ids. */
export type ReportScope = { kind: 'city' } | { kind: 'units'; unitIds: string[] };

export interface ReportOptions {
  /** Shown on page 1 and in every page footer (configurable: other cities use the tool too). */
  organisation: string;
  /** null = the default title in the report's language. */
  title: string | null;
  /** Date of the report, ISO `YYYY-MM-DD`. */
  date: string;
  language: ReportLanguage;
  scope: ReportScope;
  /** null when the units are those of an imported ward file whose layout is not stated. */
  layout: ReportLayout | null;
  /** Sections to include, any order (printed in `REPORT_SECTIONS` order). */
  sections: readonly ReportSection[];
}

/** One input layer on page 1 and in the methodology: what it is, how old, and whether it is synthetic. */
export interface DataSource {
  layer: 'wards' | 'sites' | 'households' | 'fibre' | 'zones' | 'land' | 'targets' | 'crosswalk';
  /** File name or dataset label (text from the user: escaped wherever it is rendered). */
  name: string;
  /** Date of the data, ISO `YYYY-MM-DD`; null when unknown. */
  date: string | null;
  /** true = generated (labelled "synthetic" wherever shown); false = real; null = not stated. */
  synthetic: boolean | null;
  /**
   * Outlines drawn approximately, neither surveyed nor generated (data/'s industrial parks, ports and central urban
   * areas): labelled "approximate", with its own provenance note, whatever `synthetic` says.
   */
  approximate?: boolean;
}

/** Households by signal class; `weakOrNone` = weak + none, `weakPct` = weakOrNone / households × 100. */
export interface SignalCounts {
  households: number;
  good: number;
  fair: number;
  weak: number;
  none: number;
  weakOrNone: number;
  weakPct: number;
}

/** One unit (phường / xã / đặc khu) of the scope. */
export interface UnitRow extends SignalCounts {
  unitId: string;
  name: string;
  /** District(s) the unit's 2019 communes belonged to, most households first; [] when unknown. */
  formerDistricts: string[];
  /** Households passed by fibre and their share of the unit's households; null without a fibre layer. */
  fibrePassed: number | null;
  fibrePct: number | null;
  /**
   * Modelled downlink speed (4G/5G analyses, `wards.csv`'s speed columns): median throughput, Mb/s, and the
   * households at the speed target and their share; null for 2G/3G (throughput not modelled).
   */
  medianThroughputMbps: number | null;
  speedOkHouseholds: number | null;
  speedOkPct: number | null;
}

/**
 * The scope's modelled download speed against the speed target of its technology (settings `speedTargetMbps`:
 * 40 Mb/s for 4G, 100 Mb/s for 5G, Decision 36/QĐ-TTg as reported). The median is the city's (or the one unit's):
 * medians of several units do not combine, so a selection of units has none.
 */
export interface SpeedReport {
  technology: Technology;
  targetMbps: number;
  households: number;
  medianThroughputMbps: number | null;
  speedOkHouseholds: number;
  speedOkPct: number;
}

/** Households by signal class of the units whose main former district is `district`. */
export interface DistrictRow extends SignalCounts {
  district: string;
  units: number;
}

/** A weak-signal zone (zones.geojson) touching the scope. */
export interface ZoneRow {
  zoneId: string;
  unitIds: string[];
  unitNames: string[];
  areaKm2: number;
  /** Households of weak or none class in the zone (the whole zone, also parts outside the scope). */
  households: number;
  /** Best RSRP sampled in the zone, dBm; null when no cell reaches it. */
  bestRsrpDbm: number | null;
  signalClass: 'weak' | 'none';
}

/** What closing one fibre target takes, from the extension plan run for that target (city scope). */
export interface FibreTargetRow {
  targetPct: number;
  /** Households that must be passed for the target: ⌈target × households / 100⌉. */
  needed: number;
  /** needed − passed, ≥ 0. */
  shortfall: number;
  met: boolean;
  /** The plan that closes it; null when the target is met or no plan was run. */
  plan: {
    extensionM: number;
    cableCostVnd: number;
    connectionCostVnd: number;
    costVnd: number;
    householdsGained: number;
    pctAfter: number;
    /** Whether the plan reaches the target (ports or unreachable households may stop it short). */
    reached: boolean;
    extensions: number;
  } | null;
}

/** Extensions of one plan summed by the unit they serve. */
export interface FibreExtensionRow {
  targetPct: number;
  unitId: string | null;
  unitName: string;
  formerDistricts: string[];
  extensionM: number;
  costVnd: number;
  householdsGained: number;
  /** The unit's passed share before and after this plan, %. */
  pctBefore: number;
  pctAfter: number;
}

export interface FibreReport {
  households: number;
  passed: number;
  pct: number;
  targets: FibreTargetRow[];
  /** Per unit and plan, units with some extension, costliest first. */
  extensions: FibreExtensionRow[];
  /** Extension cables of the plans, for the fibre map (the plan of the lowest unmet target). */
  extensionLines: Array<{ targetPct: number; geometry: LineString }>;
  costPerMetreVnd: number | null;
  connectionCostVnd: number | null;
  maxDropM: number;
}

export type ProposalDecision = 'approved' | 'rejected' | 'pending';

/** A new site: chosen by automatic siting, or proposed by an operator. */
export interface SiteRow {
  siteId: string;
  source: 'automatic' | 'proposal';
  lon: number;
  lat: number;
  /**
   * Coordinates in VN-2000 (the national grid), when that issue lands; null until then.
   * Hook for the VN-2000 converter: the tables show the columns when any site carries them.
   */
  vn2000: { x: number; y: number; zone: string } | null;
  operator: string;
  /** Households newly out of weak/none thanks to this site (automatic: given the sites picked before it). */
  householdsLifted: number;
  unitIds: string[];
  unitNames: string[];
  /** Operator proposals only: the engineer's decision. */
  decision: ProposalDecision | null;
}

/** Households weak or none per unit before and after a plan (units the plan changes). */
export interface BeforeAfterRow {
  unitId: string;
  name: string;
  before: number;
  after: number;
  households: number;
}

export interface SitesReport {
  /** Automatic siting: the goal, the method and the households out of weak/none before and after. */
  plan: {
    goal: { kind: 'count'; count: number } | { kind: 'target-pct'; pct: number };
    method: 'greedy' | 'exact';
    weakOrNoneBefore: number;
    weakOrNoneAfter: number;
    /** target-pct goal: whether the candidates can reach it. */
    reachable: boolean | null;
  } | null;
  sites: SiteRow[];
  beforeAfter: BeforeAfterRow[];
}

export type TargetStatus = 'met' | 'not-met' | 'no-data' | 'needs-throughput';

/**
 * A target of the evaluated target set (the `targets.csv` row of issue 9): value, target and gap in `unit`;
 * what closes it in sites and/or cable. Values are null where not applicable or not planned.
 */
export interface TargetRow {
  targetId: string;
  /** The target's own name as its set gives it, if any (the reader's table names it so, else by its indicator). */
  name: LocalizedText | null;
  indicator: string;
  technology: string;
  /** Where the target applies (the workbook writes it as `targets.csv` does: `scopeText`). */
  scope: TargetScope;
  unit: string;
  value: number | null;
  target: number | null;
  gap: number | null;
  status: TargetStatus;
  deadline: string | null;
  toCloseSites: number | null;
  toCloseCableM: number | null;
  toCloseCostVnd: number | null;
  source: string;
}

/** A target set's identity and the documents it cites. */
export interface TargetSetInfo {
  id: string;
  name: string;
  sources: string[];
}

export type TargetsReport =
  | { status: 'available'; set: TargetSetInfo; rows: TargetRow[] }
  | { status: 'not-available'; reason: 'no-target-set' };

/** Geometry for the maps (shared with the inputs, never copied). */
export interface ReportGeometry {
  units: Array<{ unitId: string; name: string; geometry: Polygon | MultiPolygon }>;
  zones: Array<{ zoneId: string; signalClass: 'weak' | 'none'; geometry: Polygon | MultiPolygon }>;
}

export interface MethodologyReport {
  settings: AnalysisSettings;
  technology: Technology;
  operator: string | null;
  thresholdsDbm: SignalThresholdsDbm;
  /** Analysed cells per band and path-loss model (explicit in the sites file, or chosen by band). */
  modelUse: Array<{ bandMhz: number; model: string; explicit: boolean; cells: number }>;
  analysedCells: number;
  householdPoints: number;
  targetSet: TargetSetInfo | null;
  /** Free-text notes on where the data came from and what is approximate. */
  provenance: string[];
  /** Other settings (fibre costs, siting) as given to the pipeline, printed as JSON. */
  extraSettings: Record<string, unknown>;
}

export interface ReportModel {
  options: ReportOptions;
  softwareVersion: string;
  /** Most recent source date, shown on the maps; null when no source has one. */
  dataDate: string | null;
  sources: DataSource[];
  /** Units of the scope, in input order. */
  units: UnitRow[];
  /** The scope's totals; for the city, households outside every unit are included (as `analyze`'s totals). */
  totals: SignalCounts & { fibrePassed: number | null; fibrePct: number | null };
  /** City scope: households outside every unit polygon (counted in the totals, listed in no unit). */
  outsideHouseholds: number;
  /** Units with weak/none households, most first (ties by id); at most `WORST_UNITS`. */
  worstUnits: UnitRow[];
  /** null when no unit has a former district. */
  districts: DistrictRow[] | null;
  /** null when weak zones were not computed. */
  zones: ZoneRow[] | null;
  fibre: FibreReport | null;
  /** null when the analysis does not model throughput (2G/3G). */
  speed: SpeedReport | null;
  sites: SitesReport | null;
  targets: TargetsReport;
  geometry: ReportGeometry;
  methodology: MethodologyReport;
}

/** Rows of the worst-units table and chart. */
export const WORST_UNITS = 20;
