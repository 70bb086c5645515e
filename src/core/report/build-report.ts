/**
 * Builds the report model from the pipeline's outputs: ward statistics (the rows of `wards.csv`), weak zones
 * (`zones.geojson`), fibre statistics and extension plans (`fibre-plan`), automatic siting (`plan-sites`),
 * reviewed operator proposals and, when the targets evaluator has run, the target set's rows. Nothing is
 * recomputed: every figure is a sum or a share of those outputs, so the report equals them by construction
 * (the tests check it against the CLI's own files).
 */
import type { Cell, Ward } from '../model.ts';
import { isAnalysedCell } from '../coverage/analysed-cell.ts';
import type { WardStats } from '../coverage/coverage-result.ts';
import { speedTargetMbps } from '../coverage/speed-statistics.ts';
import { percentOf, type CoverageTotals, type WardStatisticsResult } from '../coverage/ward-statistics.ts';
import type { WeakZones } from '../coverage/weak-zones.ts';
import { householdsNeeded, type FibreStatistics } from '../fibre/fibre-statistics.ts';
import type { FibrePlan } from '../fibre/plan-fibre-extension.ts';
import { choosePathLossModel } from '../propagation/choose-model.ts';
import type { ProposalEvaluation } from '../siting/evaluate-proposals.ts';
import type { ChosenSite, NewSitesGoal, NewSitesPlan } from '../siting/select-new-sites.ts';
import {
  WORST_UNITS,
  type BeforeAfterRow,
  type DataSource,
  type DistrictRow,
  type FibreExtensionRow,
  type FibreReport,
  type FibreTargetRow,
  type MethodologyReport,
  type ReportModel,
  type ReportOptions,
  type SignalCounts,
  type SiteRow,
  type SitesReport,
  type TargetRow,
  type TargetSetInfo,
  type SpeedReport,
  type UnitRow,
  type ZoneRow,
} from './report-model.ts';

export interface ReportInput {
  options: ReportOptions;
  softwareVersion: string;
  sources: DataSource[];
  /** The units of the chosen layout, in the order of `statistics.wards`. */
  wards: Ward[];
  /** Every cell of the sites layer (the analysed ones are counted per band and model for the methodology). */
  cells: readonly Cell[];
  householdPoints: number;
  settings: ReportModel['methodology']['settings'];
  /** `wardStatistics` of the existing network (with the fibre passed array when a fibre layer is loaded). */
  statistics: WardStatisticsResult;
  zones: WeakZones | null;
  /**
   * Fibre reach and the extension plans run to close its targets: `plans` holds one plan per target the
   * scope does not meet yet (scope `city` for a city report, `ward` for a units report).
   */
  fibre: { statistics: FibreStatistics; targetsPct: readonly number[]; plans: readonly FibrePlan[] } | null;
  /** Automatic siting and the ward statistics after its sites. */
  siting: { goal: NewSitesGoal; plan: Pick<NewSitesPlan, 'method' | 'target'>; sites: readonly ChosenSite[]; after: WardStatisticsResult } | null;
  /** Operator proposals evaluated against the existing network, with the engineer's decisions by site id. */
  proposals: { evaluations: readonly ProposalEvaluation[]; decisions: ReadonlyMap<string, 'approved' | 'rejected'> } | null;
  /** The evaluated target set (issue 9), or null when none was evaluated. */
  targets: { set: TargetSetInfo; rows: TargetRow[] } | null;
  /**
   * Former district(s) of each unit, most households first (from the 2025 crosswalk); units not listed fall
   * back to the ward's own `district` (the 2019 layout's district, abolished in 2025).
   */
  formerDistricts?: Readonly<Record<string, readonly string[]>>;
  provenance: string[];
  /** Settings outside `AnalysisSettings` (fibre costs, siting), printed in the methodology as JSON. */
  extraSettings?: Record<string, unknown>;
}

/** A city-wide fibre plan's figures for the report (or summed over the scope's units for a units report). */
function planFigures(plan: FibrePlan, unitIndexes: readonly number[] | null) {
  if (unitIndexes === null) {
    const { totals } = plan;
    return {
      households: totals.households,
      passedAfter: totals.passedAfter,
      extensionM: totals.extensionM,
      cableCostVnd: totals.cableCostVnd,
      connectionCostVnd: totals.connectionCostVnd,
      costVnd: totals.costVnd,
      householdsGained: totals.householdsGained,
      extensions: totals.extensions,
    };
  }
  const rows = unitIndexes.map((w) => plan.wards[w]);
  const sum = (pick: (row: (typeof rows)[number]) => number): number => rows.reduce((total, row) => total + pick(row), 0);
  const extensionM = sum((row) => row.extensionM);
  const costVnd = sum((row) => row.costVnd);
  const cableCostVnd = Math.round(extensionM * plan.options.costPerMetreVnd);
  const unitIds = new Set(unitIndexes.map((w) => plan.wards[w].wardId));
  return {
    households: sum((row) => row.households),
    passedAfter: sum((row) => row.passedAfter),
    extensionM,
    cableCostVnd,
    connectionCostVnd: costVnd - cableCostVnd,
    costVnd,
    householdsGained: sum((row) => row.passedAfter - row.passedBefore),
    extensions: plan.extensions.filter((extension) => extension.wardId !== null && unitIds.has(extension.wardId)).length,
  };
}

function signalCounts(row: Pick<CoverageTotals, 'households' | 'good' | 'fair' | 'weak' | 'none'>): SignalCounts {
  const weakOrNone = row.weak + row.none;
  return {
    households: row.households,
    good: row.good,
    fair: row.fair,
    weak: row.weak,
    none: row.none,
    weakOrNone,
    weakPct: percentOf(weakOrNone, row.households),
  };
}

/** Indexes of the scope's units in `wards`; throws on an id that is not a unit (the caller validates input). */
function scopeIndexes(wards: readonly Ward[], options: ReportOptions): number[] {
  if (options.scope.kind === 'city') return wards.map((_, w) => w);
  const indexOf = new Map(wards.map((ward, w) => [ward.id, w]));
  return options.scope.unitIds.map((id) => {
    const w = indexOf.get(id);
    if (w === undefined) throw new Error(`report scope: no unit with id '${id}' in the ward layer`);
    return w;
  });
}

/** Sorts by a numeric key, largest first, ties by unit id so the order never depends on input order. */
function byLargest<T extends { unitId: string | null }>(key: (row: T) => number): (a: T, b: T) => number {
  return (a, b) => key(b) - key(a) || (a.unitId ?? '').localeCompare(b.unitId ?? '');
}

/**
 * Makes the report model. Pure: the inputs are not changed, geometry is shared by reference.
 *
 * @example
 * const model = buildReport({ options, statistics: wardStatistics(...), zones, fibre: null, siting: null, ... });
 * model.totals.weakOrNone; // the households weak or none: weak + none of `wards.csv`'s totals
 */
export function buildReport(input: ReportInput): ReportModel {
  const { options, wards, statistics } = input;
  const indexes = scopeIndexes(wards, options);
  const isCity = options.scope.kind === 'city';
  const inScope = new Set(indexes.map((w) => wards[w].id));

  const units: UnitRow[] = indexes.map((w) => {
    const row = statistics.wards[w];
    return {
      unitId: row.wardId,
      name: row.wardName,
      formerDistricts: formerDistrictsOf(input, wards[w]),
      ...signalCounts(row),
      fibrePassed: input.fibre ? input.fibre.statistics.wards[w].passed : null,
      fibrePct: input.fibre ? input.fibre.statistics.wards[w].fibrePct : null,
      medianThroughputMbps: row.medianThroughputMbps,
      speedOkHouseholds: row.speedOkHouseholds,
      speedOkPct: row.speedOkPct,
    };
  });

  const scopeTotals = isCity ? statistics.total : sumCounts(units);
  const fibreReach = input.fibre
    ? isCity
      ? input.fibre.statistics.city
      : { households: scopeTotals.households, passed: units.reduce((sum, unit) => sum + (unit.fibrePassed ?? 0), 0) }
    : null;
  const totals = {
    ...signalCounts(scopeTotals),
    fibrePassed: fibreReach ? fibreReach.passed : null,
    fibrePct: fibreReach ? percentOf(fibreReach.passed, fibreReach.households) : null,
  };

  const worstUnits = units
    .filter((unit) => unit.weakOrNone > 0)
    .sort(byLargest((unit) => unit.weakOrNone))
    .slice(0, WORST_UNITS);

  const dates = input.sources.map((source) => source.date).filter((date): date is string => date !== null);
  return {
    options,
    softwareVersion: input.softwareVersion,
    dataDate: dates.length > 0 ? dates.reduce((latest, date) => (date > latest ? date : latest)) : null,
    sources: input.sources,
    units,
    totals,
    outsideHouseholds: isCity ? statistics.outside.households : 0,
    worstUnits,
    districts: districtRows(units),
    zones: input.zones ? zoneRows(input.zones, inScope, wards) : null,
    fibre: input.fibre ? fibreReport(input, indexes, isCity, fibreReach!) : null,
    speed: speedReport(input, units, isCity),
    sites: sitesReport(input, indexes, inScope),
    targets: input.targets ? { status: 'available', set: input.targets.set, rows: input.targets.rows } : { status: 'not-available', reason: 'no-target-set' },
    geometry: {
      units: indexes.map((w) => ({ unitId: wards[w].id, name: wards[w].name, geometry: wards[w].geometry })),
      zones: (input.zones?.features ?? [])
        .filter((feature) => isCity || feature.properties.ward_ids.some((id) => inScope.has(id)))
        .map((feature) => ({ zoneId: feature.properties.zone_id, signalClass: feature.properties.signal_class, geometry: feature.geometry })),
    },
    methodology: methodology(input),
  };
}

/**
 * The scope's speed (SpeedReport): the city's totals row, or the units' sums (the median of one unit only);
 * null when the analysis does not model throughput.
 */
function speedReport(input: ReportInput, units: readonly UnitRow[], isCity: boolean): SpeedReport | null {
  const targetMbps = speedTargetMbps(input.settings);
  const total = input.statistics.total;
  if (targetMbps === null || total.speedOkHouseholds === null) return null;
  if (isCity) {
    return { technology: input.settings.technology, targetMbps, households: total.households, medianThroughputMbps: total.medianThroughputMbps, speedOkHouseholds: total.speedOkHouseholds, speedOkPct: total.speedOkPct ?? 0 };
  }
  const households = units.reduce((sum, unit) => sum + unit.households, 0);
  const speedOkHouseholds = units.reduce((sum, unit) => sum + (unit.speedOkHouseholds ?? 0), 0);
  return {
    technology: input.settings.technology,
    targetMbps,
    households,
    medianThroughputMbps: units.length === 1 ? units[0].medianThroughputMbps : null,
    speedOkHouseholds,
    speedOkPct: percentOf(speedOkHouseholds, households),
  };
}

/** The unit's former district(s): from the crosswalk when given, else the ward's own district. */
function formerDistrictsOf(input: ReportInput, ward: Ward): string[] {
  const listed = input.formerDistricts?.[ward.id];
  if (listed) return [...listed];
  return ward.district !== null && ward.district !== '' ? [ward.district] : [];
}

function sumCounts(rows: readonly SignalCounts[]): Pick<CoverageTotals, 'households' | 'good' | 'fair' | 'weak' | 'none'> {
  const total = { households: 0, good: 0, fair: 0, weak: 0, none: 0 };
  for (const row of rows) {
    total.households += row.households;
    total.good += row.good;
    total.fair += row.fair;
    total.weak += row.weak;
    total.none += row.none;
  }
  return total;
}

/** Units grouped by their main (first) former district, districts by name; null when no unit has one. */
function districtRows(units: readonly UnitRow[]): DistrictRow[] | null {
  const groups = new Map<string, UnitRow[]>();
  for (const unit of units) {
    const district = unit.formerDistricts[0];
    if (district === undefined) continue;
    const group = groups.get(district);
    if (group) group.push(unit);
    else groups.set(district, [unit]);
  }
  if (groups.size === 0) return null;
  return [...groups]
    .map(([district, members]) => ({ district, units: members.length, ...signalCounts(sumCounts(members)) }))
    .sort((a, b) => a.district.localeCompare(b.district, 'vi'));
}

/** Zones touching the scope, as `zones.geojson` orders them (most households first). */
function zoneRows(zones: WeakZones, inScope: ReadonlySet<string>, wards: readonly Ward[]): ZoneRow[] {
  const nameOf = new Map(wards.map((ward) => [ward.id, ward.name]));
  return zones.features
    .filter((feature) => feature.properties.ward_ids.some((id) => inScope.has(id)))
    .map(({ properties }) => ({
      zoneId: properties.zone_id,
      unitIds: properties.ward_ids,
      unitNames: properties.ward_ids.map((id) => nameOf.get(id) ?? id),
      areaKm2: properties.area_km2,
      households: properties.households,
      bestRsrpDbm: properties.best_rsrp_dbm,
      signalClass: properties.signal_class,
    }));
}

function fibreReport(
  input: ReportInput,
  indexes: readonly number[],
  isCity: boolean,
  reach: { households: number; passed: number },
): FibreReport {
  const fibre = input.fibre!;
  const planOf = new Map(fibre.plans.map((plan) => [plan.options.targetPct, plan]));
  const targets: FibreTargetRow[] = fibre.targetsPct.map((targetPct) => {
    const needed = householdsNeeded(targetPct, reach.households);
    const shortfall = Math.max(0, needed - reach.passed);
    const plan = shortfall > 0 ? planOf.get(targetPct) : undefined;
    let planRow: FibreTargetRow['plan'] = null;
    if (plan) {
      const figures = planFigures(plan, isCity ? null : indexes);
      planRow = {
        extensionM: figures.extensionM,
        cableCostVnd: figures.cableCostVnd,
        connectionCostVnd: figures.connectionCostVnd,
        costVnd: figures.costVnd,
        householdsGained: figures.householdsGained,
        pctAfter: percentOf(figures.passedAfter, figures.households),
        reached: figures.passedAfter >= householdsNeeded(targetPct, figures.households),
        extensions: figures.extensions,
      };
    }
    return { targetPct, needed, shortfall, met: shortfall === 0, plan: planRow };
  });

  const extensions: FibreExtensionRow[] = [];
  for (const plan of fibre.plans) {
    for (const w of indexes) {
      const row = plan.wards[w];
      if (row.extensionM <= 0) continue;
      extensions.push({
        targetPct: plan.options.targetPct,
        unitId: row.wardId,
        unitName: row.wardName,
        formerDistricts: formerDistrictsOf(input, input.wards[w]),
        extensionM: row.extensionM,
        costVnd: row.costVnd,
        householdsGained: row.passedAfter - row.passedBefore,
        pctBefore: row.pctBefore,
        pctAfter: row.pctAfter,
      });
    }
  }
  extensions.sort((a, b) => a.targetPct - b.targetPct || b.costVnd - a.costVnd || (a.unitId ?? '').localeCompare(b.unitId ?? ''));

  // the map shows the cables of the first plan (the lowest target not yet met)
  const firstPlan = [...fibre.plans].sort((a, b) => a.options.targetPct - b.options.targetPct)[0];
  const scopeIds = new Set(indexes.map((w) => input.wards[w].id));
  const extensionLines = firstPlan
    ? firstPlan.extensions
        .filter((extension) => isCity || (extension.wardId !== null && scopeIds.has(extension.wardId)))
        .map((extension) => ({ targetPct: firstPlan.options.targetPct, geometry: { type: 'LineString' as const, coordinates: [extension.start, extension.end] } }))
    : [];
  return {
    households: reach.households,
    passed: reach.passed,
    pct: percentOf(reach.passed, reach.households),
    targets,
    extensions,
    extensionLines,
    costPerMetreVnd: firstPlan ? firstPlan.options.costPerMetreVnd : null,
    connectionCostVnd: firstPlan ? firstPlan.options.connectionCostVnd : null,
    maxDropM: input.settings.fibre.maxDropM,
  };
}

function sitesReport(input: ReportInput, indexes: readonly number[], inScope: ReadonlySet<string>): SitesReport | null {
  if (input.siting === null && input.proposals === null) return null;
  const isCity = input.options.scope.kind === 'city';
  const sites: SiteRow[] = [];
  const scoped = (wards: ReadonlyArray<{ wardId: string; wardName: string; households: number }>) =>
    wards.filter((ward) => inScope.has(ward.wardId) && ward.households > 0);

  if (input.siting) {
    for (const site of input.siting.sites) {
      const wards = scoped(site.wards);
      if (wards.length === 0 && !(isCity && site.householdsGained > 0)) continue;
      sites.push({
        siteId: site.siteId,
        source: 'automatic',
        lon: site.lon,
        lat: site.lat,
        vn2000: null,
        operator: site.cells[0]?.operator ?? '',
        // the city counts every household the site lifts (as plan-sites' households_gained), also those outside every unit
        householdsLifted: isCity ? site.householdsGained : wards.reduce((sum, ward) => sum + ward.households, 0),
        unitIds: wards.map((ward) => ward.wardId),
        unitNames: wards.map((ward) => ward.wardName),
        decision: null,
      });
    }
  }
  if (input.proposals) {
    for (const evaluation of input.proposals.evaluations) {
      const wards = scoped(evaluation.wards.map((ward) => ({ ...ward, households: ward.householdsLifted })));
      // a proposal belongs to a units report when it covers any household of the scope (even one it does not lift)
      if (!isCity && !evaluation.wards.some((ward) => inScope.has(ward.wardId))) continue;
      sites.push({
        siteId: evaluation.siteId,
        source: 'proposal',
        lon: evaluation.lon,
        lat: evaluation.lat,
        vn2000: null,
        operator: evaluation.operator,
        householdsLifted: isCity ? evaluation.householdsLifted : wards.reduce((sum, ward) => sum + ward.households, 0),
        unitIds: wards.map((ward) => ward.wardId),
        unitNames: wards.map((ward) => ward.wardName),
        decision: input.proposals.decisions.get(evaluation.siteId) ?? 'pending',
      });
    }
  }

  let plan: SitesReport['plan'] = null;
  const beforeAfter: BeforeAfterRow[] = [];
  if (input.siting) {
    const before = input.statistics.wards;
    const after = input.siting.after.wards;
    const weakOrNone = (row: WardStats): number => row.weak + row.none;
    let weakOrNoneBefore = 0;
    let weakOrNoneAfter = 0;
    if (input.options.scope.kind === 'city') {
      weakOrNoneBefore = input.statistics.total.weak + input.statistics.total.none;
      weakOrNoneAfter = input.siting.after.total.weak + input.siting.after.total.none;
    }
    for (const w of indexes) {
      if (input.options.scope.kind !== 'city') {
        weakOrNoneBefore += weakOrNone(before[w]);
        weakOrNoneAfter += weakOrNone(after[w]);
      }
      if (weakOrNone(before[w]) !== weakOrNone(after[w])) {
        beforeAfter.push({ unitId: before[w].wardId, name: before[w].wardName, before: weakOrNone(before[w]), after: weakOrNone(after[w]), households: before[w].households });
      }
    }
    beforeAfter.sort(byLargest((row) => row.before - row.after));
    plan = {
      goal: input.siting.goal,
      method: input.siting.plan.method,
      weakOrNoneBefore,
      weakOrNoneAfter,
      reachable: input.siting.plan.target ? input.siting.plan.target.reachable : null,
    };
  }
  return { plan, sites, beforeAfter };
}

/** The path-loss model a cell uses: its own, else the band's (both 3GPP variants above 2 GHz, by environment). */
function modelOf(cell: Cell): { model: string; explicit: boolean } {
  if (cell.model !== null) return { model: cell.model, explicit: true };
  const urban = choosePathLossModel(cell.bandMhz, 'urban');
  const rural = choosePathLossModel(cell.bandMhz, 'rural');
  return { model: urban === rural ? urban : `${urban} / ${rural}`, explicit: false };
}

function methodology(input: ReportInput): MethodologyReport {
  const { settings } = input;
  const use = new Map<string, { bandMhz: number; model: string; explicit: boolean; cells: number }>();
  let analysedCells = 0;
  for (const cell of input.cells) {
    if (!isAnalysedCell(cell, settings)) continue;
    analysedCells++;
    const { model, explicit } = modelOf(cell);
    const key = `${cell.bandMhz}|${model}|${explicit}`;
    const entry = use.get(key);
    if (entry) entry.cells++;
    else use.set(key, { bandMhz: cell.bandMhz, model, explicit, cells: 1 });
  }
  return {
    settings,
    technology: settings.technology,
    operator: settings.operator,
    thresholdsDbm: settings.thresholdsDbm,
    modelUse: [...use.values()].sort((a, b) => a.bandMhz - b.bandMhz || a.model.localeCompare(b.model)),
    analysedCells,
    householdPoints: input.householdPoints,
    targetSet: input.targets?.set ?? null,
    provenance: input.provenance,
    extraSettings: input.extraSettings ?? {},
  };
}
