/**
 * The report's tables, with headers in the report's language and raw values (numbers stay numbers for the
 * XLSX; the PDF and HTML format them per column kind with `formatCell`). Percentages are rounded to 0.01 as in
 * the CLI's CSV outputs, lengths to 0.1 m, coordinates to 6 decimals.
 */
import { formatNumber } from './report-format.ts';
import { reportText, reportTextOr, type ReportTextKey } from './report-i18n.ts';
import type { ReportLanguage, ReportModel, TargetRow, UnitRow } from './report-model.ts';
import type { TargetScope } from '../targets/target-set.ts';
import { scopeText } from './report-targets.ts';

/** How a column's values print: integers with thousands separators, decimals with a fixed count. */
export type ColumnKind = 'text' | 'integer' | 'decimal';

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  /** Decimals for 'decimal' columns. */
  decimals: number;
}

export type CellValue = string | number | null;

export interface ReportTable {
  id: string;
  /** Worksheet name (≤ 31 characters). */
  sheetName: string;
  title: string;
  columns: ReportColumn[];
  rows: CellValue[][];
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** A cell as the PDF and HTML print it: numbers in the language's style, null as an en dash. */
export function formatCell(value: CellValue, column: ReportColumn, language: ReportLanguage): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  return formatNumber(value, language, column.kind === 'decimal' ? column.decimals : 0);
}

type ColumnDef = [ReportTextKey, ColumnKind, number?];

function table(
  language: ReportLanguage,
  id: string,
  sheet: ReportTextKey,
  title: string,
  columns: ColumnDef[],
  rows: CellValue[][],
  values: Record<string, string | number> = {},
): ReportTable {
  return {
    id,
    sheetName: reportText(language, sheet, values).slice(0, 31),
    title,
    columns: columns.map(([key, kind, decimals]) => ({ header: reportText(language, key), kind, decimals: decimals ?? 0 })),
    rows,
  };
}

const UNIT_COLUMNS: ColumnDef[] = [
  ['colUnitId', 'text'],
  ['colUnit', 'text'],
  ['colFormerDistrict', 'text'],
  ['colHouseholds', 'integer'],
  ['colGood', 'integer'],
  ['colFair', 'integer'],
  ['colWeak', 'integer'],
  ['colNone', 'integer'],
  ['colWeakOrNone', 'integer'],
  ['colWeakPct', 'decimal', 2],
];

function unitValues(unit: UnitRow): CellValue[] {
  return [unit.unitId, unit.name, unit.formerDistricts.join(', '), unit.households, unit.good, unit.fair, unit.weak, unit.none, unit.weakOrNone, round(unit.weakPct, 2)];
}

/**
 * Every unit of the scope with its signal classes (and fibre when loaded, and the speed columns when modelled
 * and `withSpeed`): the `wards.csv` figures. The printed pages leave the speed out (15 columns do not fit A4
 * portrait; the speed part of the coverage section has its own table), the workbook has it.
 */
export function unitsTable(model: ReportModel, withSpeed = true): ReportTable {
  const language = model.options.language;
  const fibre = model.fibre !== null;
  const speed = withSpeed && model.speed !== null;
  const columns: ColumnDef[] = [...UNIT_COLUMNS, ...(fibre ? ([['colFibrePassed', 'integer'], ['colFibrePct', 'decimal', 2]] as ColumnDef[]) : []), ...(speed ? SPEED_COLUMNS : [])];
  const rows = model.units.map((unit) => [
    ...unitValues(unit),
    ...(fibre ? [unit.fibrePassed, round(unit.fibrePct ?? 0, 2)] : []),
    ...(speed ? speedValues(unit) : []),
  ]);
  return table(language, 'units', 'sheet_units', reportText(language, 'colUnits'), columns, rows);
}

/** The speed columns of a unit (median Mb/s, households at the target and their share), rounded as wards.csv's. */
const SPEED_COLUMNS: ColumnDef[] = [['colMedianMbps', 'decimal', 2], ['colSpeedOk', 'integer'], ['colSpeedOkPct', 'decimal', 2]];

function speedValues(unit: UnitRow): CellValue[] {
  return [unit.medianThroughputMbps === null ? null : round(unit.medianThroughputMbps, 2), unit.speedOkHouseholds, unit.speedOkPct === null ? null : round(unit.speedOkPct, 2)];
}

/** Units of the scope with the lowest share of households at the speed target (ties by id); null without speeds. */
export function speedUnitsTable(model: ReportModel, count: number): ReportTable | null {
  if (!model.speed) return null;
  const language = model.options.language;
  const lowest = model.units
    .filter((unit) => unit.households > 0 && unit.speedOkPct !== null)
    .sort((a, b) => a.speedOkPct! - b.speedOkPct! || a.unitId.localeCompare(b.unitId))
    .slice(0, count);
  const columns: ColumnDef[] = [['colUnit', 'text'], ['colFormerDistrict', 'text'], ['colHouseholds', 'integer'], ...SPEED_COLUMNS];
  const rows = lowest.map((unit) => [unit.name, unit.formerDistricts.join(', '), unit.households, ...speedValues(unit)]);
  return table(language, 'speed-units', 'sheet_speed', reportText(language, 'speedUnitsTitle'), columns, rows);
}

export function worstUnitsTable(model: ReportModel): ReportTable {
  const language = model.options.language;
  const columns: ColumnDef[] = [['colUnit', 'text'], ['colFormerDistrict', 'text'], ['colHouseholds', 'integer'], ['colWeak', 'integer'], ['colNone', 'integer'], ['colWeakOrNone', 'integer'], ['colWeakPct', 'decimal', 2]];
  const rows = model.worstUnits.map((unit) => [unit.name, unit.formerDistricts.join(', '), unit.households, unit.weak, unit.none, unit.weakOrNone, round(unit.weakPct, 2)]);
  return table(language, 'worst-units', 'sheet_worst', reportText(language, 'worstUnitsTitle'), columns, rows);
}

export function districtsTable(model: ReportModel): ReportTable | null {
  if (!model.districts) return null;
  const language = model.options.language;
  const columns: ColumnDef[] = [['colDistrict', 'text'], ['colUnitCount', 'integer'], ['colHouseholds', 'integer'], ['colGood', 'integer'], ['colFair', 'integer'], ['colWeak', 'integer'], ['colNone', 'integer'], ['colWeakPct', 'decimal', 2]];
  const rows = model.districts.map((row) => [row.district, row.units, row.households, row.good, row.fair, row.weak, row.none, round(row.weakPct, 2)]);
  return table(language, 'districts', 'sheet_districts', reportText(language, 'chartDistricts'), columns, rows);
}

export function zonesTable(model: ReportModel): ReportTable | null {
  if (!model.zones) return null;
  const language = model.options.language;
  const columns: ColumnDef[] = [['colZone', 'text'], ['colUnits', 'text'], ['colAreaKm2', 'decimal', 2], ['colHouseholds', 'integer'], ['colBestRsrp', 'decimal', 1], ['colSignalClass', 'text']];
  const rows = model.zones.map((zone) => [
    zone.zoneId,
    zone.unitNames.join(', '),
    round(zone.areaKm2, 2),
    zone.households,
    zone.bestRsrpDbm,
    reportText(language, zone.signalClass === 'weak' ? 'class_weak' : 'class_none'),
  ]);
  return table(language, 'zones', 'sheet_zones', reportText(language, 'zonesTitle'), columns, rows);
}

export function fibreTargetsTable(model: ReportModel): ReportTable | null {
  if (!model.fibre) return null;
  const language = model.options.language;
  const columns: ColumnDef[] = [
    ['colTargetPct', 'integer'],
    ['colNeeded', 'integer'],
    ['colShortfall', 'integer'],
    ['colCableKm', 'decimal', 1],
    ['colCostVnd', 'integer'],
    ['colGained', 'integer'],
    ['colPctAfter', 'decimal', 2],
    ['colReached', 'text'],
  ];
  const rows = model.fibre.targets.map((target) => [
    target.targetPct,
    target.needed,
    target.shortfall,
    target.plan ? round(target.plan.extensionM / 1000, 1) : target.met ? 0 : null,
    target.plan ? target.plan.costVnd : target.met ? 0 : null,
    target.plan ? target.plan.householdsGained : target.met ? 0 : null,
    target.plan ? round(target.plan.pctAfter, 2) : target.met ? round(model.fibre!.pct, 2) : null,
    reportText(language, target.met || target.plan?.reached ? 'yes' : 'no'),
  ]);
  return table(language, 'fibre-targets', 'sheet_fibreTargets', reportText(language, 'fibreTargetsTitle'), columns, rows);
}

/** One table per plan: the units its cables serve, costliest first. */
export function fibreExtensionTables(model: ReportModel): ReportTable[] {
  if (!model.fibre) return [];
  const language = model.options.language;
  const columns: ColumnDef[] = [['colUnit', 'text'], ['colFormerDistrict', 'text'], ['colCableM', 'decimal', 1], ['colCostVnd', 'integer'], ['colGained', 'integer'], ['colPctBefore', 'decimal', 2], ['colPctAfter', 'decimal', 2]];
  const targets = [...new Set(model.fibre.extensions.map((row) => row.targetPct))];
  return targets.map((target) => {
    const rows = model.fibre!.extensions
      .filter((row) => row.targetPct === target)
      .map((row) => [row.unitName, row.formerDistricts.join(', '), round(row.extensionM, 1), row.costVnd, row.householdsGained, round(row.pctBefore, 2), round(row.pctAfter, 2)]);
    const title = reportText(language, 'fibreExtensionsTitle', { target });
    return table(language, `fibre-extensions-${target}`, 'sheet_fibreExtensions', title, columns, rows, { target });
  });
}

export function sitesTable(model: ReportModel): ReportTable | null {
  if (!model.sites || model.sites.sites.length === 0) return null;
  const language = model.options.language;
  const withVn2000 = model.sites.sites.some((site) => site.vn2000 !== null);
  const columns: ColumnDef[] = [
    ['colSite', 'text'],
    ['colLon', 'decimal', 6],
    ['colLat', 'decimal', 6],
    ...(withVn2000 ? ([['colVn2000X', 'decimal', 2], ['colVn2000Y', 'decimal', 2]] as ColumnDef[]) : []),
    ['colOperator', 'text'],
    ['colLifted', 'integer'],
    ['colUnits', 'text'],
    ['colSource', 'text'],
    ['colDecision', 'text'],
  ];
  const rows = model.sites.sites.map((site) => [
    site.siteId,
    round(site.lon, 6),
    round(site.lat, 6),
    ...(withVn2000 ? [site.vn2000?.x ?? null, site.vn2000?.y ?? null] : []),
    site.operator,
    site.householdsLifted,
    site.unitNames.join(', '),
    reportText(language, site.source === 'automatic' ? 'source_automatic' : 'source_proposal'),
    site.decision ? reportText(language, `decision_${site.decision}`) : null,
  ]);
  return table(language, 'sites', 'sheet_sites', reportText(language, 'sitesTitle'), columns, rows);
}

export function beforeAfterTable(model: ReportModel): ReportTable | null {
  if (!model.sites || model.sites.beforeAfter.length === 0) return null;
  const language = model.options.language;
  const columns: ColumnDef[] = [['colUnitId', 'text'], ['colUnit', 'text'], ['colHouseholds', 'integer'], ['colBefore', 'integer'], ['colAfter', 'integer']];
  const rows = model.sites.beforeAfter.map((row) => [row.unitId, row.name, row.households, row.before, row.after]);
  return table(language, 'before-after', 'sheet_beforeAfter', reportText(language, 'beforeAfterTitle'), columns, rows);
}

/**
 * The targets as the director reads them (the PDF and print versions): each by its own name in the report's
 * language, else by its indicator and technology, with the scope in words; the documents they come from are cited
 * once, under the table (`targetsSourcesText`), not on every row. The workbook keeps `targetsTable`: the ids, keys
 * and sources that a spreadsheet filters on.
 */
export function targetsReadingTable(model: ReportModel): ReportTable | null {
  if (model.targets.status !== 'available') return null;
  const language = model.options.language;
  const columns: ColumnDef[] = [['colIndicator', 'text'], ['colScope', 'text'], ...TARGET_FIGURE_COLUMNS];
  const indicatorText = (indicator: string): string => reportTextOr(language, `indicator_${indicator}`, indicator);
  // the unit with the name, as the workbook's indicator column gives it: a column of its own would not fit the page
  const rows = model.targets.rows.map((row) => [
    row.name?.[language] === undefined ? `${indicatorText(row.indicator)} (${row.technology}, ${row.unit})` : `${row.name[language]} (${row.unit})`,
    scopeWords(row.scope, language),
    ...targetFigures(row, language),
  ]);
  return table(language, 'targets', 'sheet_targets', reportText(language, 'section_targets'), columns, rows);
}

/** Where the targets come from, each document once, and what a gap in % means: the reader's table's note. */
export function targetsSourcesText(model: ReportModel): string | null {
  if (model.targets.status !== 'available') return null;
  const language = model.options.language;
  const sources = model.targets.set.sources.filter((source) => source !== '');
  const cited = sources.length === 0 ? '' : `${reportText(language, 'targetsSources', { sources: sources.join('; ') })} `;
  return `${cited}${reportText(language, 'targetsGapNote')}`;
}

/** A target's scope in words: the whole city, how many units, or which zones. */
function scopeWords(scope: TargetScope, language: ReportLanguage): string {
  if (scope.kind === 'city') return reportText(language, 'targetScopeCity');
  if (scope.kind === 'units') return reportText(language, 'targetScopeUnits', { n: formatNumber(scope.unitIds.length, language, 0) });
  const kinds = scope.zoneKinds.map((zoneKind) => reportTextOr(language, `zoneKind_${zoneKind}`, zoneKind));
  return reportText(language, 'targetScopeZones', { kinds: kinds.join(', ') });
}

/** The columns of a target's figures, status and what closes it, shared by the reader's table and the workbook's. */
const TARGET_FIGURE_COLUMNS: ColumnDef[] = [
  ['colValue', 'decimal', 2],
  ['colTarget', 'decimal', 2],
  ['colGap', 'decimal', 2],
  ['colStatus', 'text'],
  ['colDeadline', 'text'],
  ['colToCloseSites', 'integer'],
  ['colToCloseCable', 'decimal', 1],
  ['colToCloseCost', 'integer'],
];

/** A target row's cells under `TARGET_FIGURE_COLUMNS`. */
function targetFigures(row: TargetRow, language: ReportLanguage): CellValue[] {
  return [row.value, row.target, row.gap, reportText(language, `status_${row.status}`), row.deadline, row.toCloseSites, row.toCloseCableM, row.toCloseCostVnd];
}

export function targetsTable(model: ReportModel): ReportTable | null {
  if (model.targets.status !== 'available') return null;
  const language = model.options.language;
  const columns: ColumnDef[] = [['colTargetId', 'text'], ['colIndicator', 'text'], ['colScope', 'text'], ...TARGET_FIGURE_COLUMNS, ['colSource', 'text']];
  const rows = model.targets.rows.map((row) => [
    row.targetId,
    row.unit ? `${row.indicator} (${row.unit})` : row.indicator,
    scopeText(row.scope),
    ...targetFigures(row, language),
    row.source,
  ]);
  return table(language, 'targets', 'sheet_targets', reportText(language, 'section_targets'), columns, rows);
}

export function modelUseTable(model: ReportModel): ReportTable {
  const language = model.options.language;
  const columns: ColumnDef[] = [['colBand', 'integer'], ['colModel', 'text'], ['colExplicit', 'text'], ['colCells', 'integer']];
  const rows = model.methodology.modelUse.map((row) => [row.bandMhz, row.model, reportText(language, row.explicit ? 'yes' : 'no'), row.cells]);
  return table(language, 'model-use', 'sheet_models', reportText(language, 'modelUseTitle'), columns, rows);
}

export function sourcesTable(model: ReportModel): ReportTable {
  const language = model.options.language;
  const columns: ColumnDef[] = [['sourceLayer', 'text'], ['sourceName', 'text'], ['sourceDate', 'text'], ['sourceKind', 'text']];
  const rows = model.sources.map((source) => [
    reportText(language, `layer_${source.layer}`),
    source.name,
    source.date,
    reportText(language, source.approximate === true ? 'approximate' : source.synthetic === true ? 'synthetic' : source.synthetic === false ? 'real' : 'notStated'),
  ]);
  return table(language, 'sources', 'sheet_sources', reportText(language, 'sourcesTitle'), columns, rows);
}
