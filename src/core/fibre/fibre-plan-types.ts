/**
 * The vocabulary of fibre extension planning (issue 4): unit prices, options, the proposed cables and the plan's
 * figures per ward and city-wide. The planner is `planFibreExtensions` (plan-fibre-extension.ts).
 */
import type { FibreNetwork, HouseholdLocations, Ward } from '../model.ts';
import type { FibreCoverage } from './fibre-coverage.ts';

export interface FibreCosts {
  /** Installed distribution cable, VND per metre. */
  costPerMetreVnd: number;
  /** Connecting one passed household (splitter port, drop cable, ONT, labour), VND. */
  connectionCostVnd: number;
}

/**
 * Default unit prices, assumptions to be replaced by the operator's own: 40,000 VND/m sits in the middle of
 * 30,000–60,000 VND/m for aerial distribution cable strung on existing poles, materials and labour; 800,000 VND
 * per household for a splitter port, ~50 m of drop cable, an ONT and the installation visit.
 */
export const DEFAULT_FIBRE_COSTS: FibreCosts = { costPerMetreVnd: 40_000, connectionCostVnd: 800_000 };

export type FibrePlanScope = 'ward' | 'city';

export interface FibrePlanOptions extends FibreCosts {
  /** Target share of households passed, in (0, 100]. */
  targetPct: number;
  scope: FibrePlanScope;
  /** Drop distance in metres (settings.fibre.maxDropM). */
  maxDropM: number;
  /** Whether backbone routes pass households and may feed extensions (settings.fibre.backbonePasses). */
  backbonePasses: boolean;
}

/** One proposed straight cable. */
export interface FibreExtension {
  /** `ext-1`, `ext-2`, … in planning order. */
  id: string;
  /** The extension it branches from; null when it starts on the existing network. */
  parentId: string | null;
  /** Ward whose target it serves (scope city: the ward of most households it passes); null outside every ward. */
  wardId: string | null;
  /** [lon, lat] of its start (on the network or a parent extension) and end. */
  start: [number, number];
  end: [number, number];
  lengthM: number;
  /** Households it passes that nothing planned before it passes. */
  householdsGained: number;
  /** lengthM × costPerMetreVnd + householdsGained × connectionCostVnd, rounded to whole VND. */
  costVnd: number;
}

export interface FibrePlanInput {
  wards: Ward[];
  /** Ward index per household point, −1 outside every ward (from `assignWards`). */
  wardOfHousehold: Int32Array;
  households: HouseholdLocations;
  network: FibreNetwork;
  /** `computeFibreCoverage` of the existing network with the same maxDropM and backbonePasses. */
  coverage: FibreCoverage;
  /** Extensions to keep (re-planning after a deletion): applied first, in order, as part of the network. */
  kept?: FibreExtension[];
}

export interface FibreWardPlan {
  wardIndex: number;
  wardId: string;
  wardName: string;
  households: number;
  passedBefore: number;
  pctBefore: number;
  passedAfter: number;
  pctAfter: number;
  /** Length and cost of the extensions whose `wardId` is this ward. */
  extensionM: number;
  costVnd: number;
  /** Households within reach of the existing network but refused a port (full access nodes), still unpassed. */
  capacityBlocked: number;
  targetMet: boolean;
}

export interface FibrePlanTotals {
  households: number;
  passedBefore: number;
  pctBefore: number;
  passedAfter: number;
  pctAfter: number;
  extensions: number;
  extensionM: number;
  householdsGained: number;
  cableCostVnd: number;
  connectionCostVnd: number;
  costVnd: number;
}

export interface UnreachableWard {
  wardIndex: number;
  wardId: string;
  wardName: string;
  /**
   * no-households: nothing to pass; ports-full: the households still missing are within reach of the network
   * but refused a port at full access nodes (add ports, not cable); not-enough-reachable: otherwise (no
   * network to start from, or every household cable can reach is passed and still short).
   */
  reason: 'no-households' | 'ports-full' | 'not-enough-reachable';
  households: number;
  passedAfter: number;
  /** Households the target needs passed. */
  needed: number;
  /** Households refused a port (see FibreWardPlan.capacityBlocked). */
  capacityBlocked: number;
}

export interface FibrePlan {
  options: FibrePlanOptions;
  /** Kept extensions first (with gains recomputed), then the new ones. */
  extensions: FibreExtension[];
  /** Per household point: 1 = passed by the network or an extension. */
  passedAfter: Uint8Array;
  wards: FibreWardPlan[];
  /** City-wide, households outside every ward included. */
  totals: FibrePlanTotals;
  /** Scope ward: every ward with households met the target; scope city: the city met it. */
  targetMet: boolean;
  /** Scope ward: the wards that cannot reach the target; scope city: empty. */
  unreachableWards: UnreachableWard[];
}
