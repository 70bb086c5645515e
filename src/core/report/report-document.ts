/**
 * The report as a document: page 1 for the director, then one section per ticked content section, each a list
 * of blocks (text, key figures, tables, maps, charts), all in the report's language. The PDF and HTML writers
 * render the same blocks, so the printed pages match; the XLSX workbook takes `workbook` (every table in full).
 */
import { formatDate, formatNumber, formatPercent, formatVndBillions } from './report-format.ts';
import { reportText } from './report-i18n.ts';
import { reportCharts, type VegaLiteSpec } from './report-charts.ts';
import { reportMap } from './report-maps.ts';
import { REPORT_SECTIONS, WORST_UNITS, type ReportModel, type ReportSection } from './report-model.ts';
import {
  beforeAfterTable,
  districtsTable,
  fibreExtensionTables,
  fibreTargetsTable,
  modelUseTable,
  sitesTable,
  sourcesTable,
  targetsReadingTable,
  targetsSourcesText,
  targetsTable,
  speedUnitsTable,
  unitsTable,
  worstUnitsTable,
  zonesTable,
  type ReportTable,
} from './report-tables.ts';

export type ReportBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; note?: boolean }
  | { kind: 'facts'; rows: Array<{ label: string; value: string }> }
  /** `maxRows`: the PDF/HTML print that many rows and a note that the rest is in the workbook. */
  | { kind: 'table'; table: ReportTable; maxRows: number | null }
  | { kind: 'map'; id: string; svg: string; caption: string }
  | { kind: 'chart'; id: string; spec: VegaLiteSpec; caption: string }
  | { kind: 'code'; text: string };

export interface ReportDocumentSection {
  id: ReportSection;
  title: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  language: ReportModel['options']['language'];
  title: string;
  organisation: string;
  /** Page 1 after the title block (scope, date, key figures, sources). */
  cover: ReportBlock[];
  /** The ticked sections after page 1 (summary is page 1 itself), each on a new page, listed in the contents. */
  sections: ReportDocumentSection[];
  /** Every table in full, one worksheet each, the "about" sheet first. */
  workbook: ReportTable[];
  /** Text of the page footer ("organisation · title"). */
  footer: string;
}

/** Rows the PDF prints of long tables (the workbook has them all). */
const PDF_ROWS = { zones: 30, extensions: 25, sites: 60 } as const;

/** Scopes with at most this many units print the full units table (the city's is in the workbook). */
const FULL_UNITS_TABLE = 40;

/**
 * Lays the model out as a document.
 *
 * @example
 * const laidOut = reportDocument(buildReport(input));
 * laidOut.sections.map((section) => section.title); // ['Phủ sóng di động', 'Vùng sóng yếu', …]
 */
export function reportDocument(model: ReportModel): ReportDocument {
  const language = model.options.language;
  const t = (key: Parameters<typeof reportText>[1], values?: Record<string, string | number>): string => reportText(language, key, values);
  const title = model.options.title ?? t('title');
  const ticked = new Set(model.options.sections);

  const scopeText =
    model.options.scope.kind === 'city'
      ? t('scopeCity', { units: model.units.length })
      : t('scopeUnits', { units: model.units.length, names: model.units.map((unit) => unit.name).join(', ') });
  const layoutText = t(model.options.layout === '2025' ? 'layout2025' : model.options.layout === '2019' ? 'layout2019' : 'layoutFile');

  const cover: ReportBlock[] = [
    {
      kind: 'facts',
      rows: [
        { label: t('organisationLabel'), value: model.options.organisation },
        { label: t('dateLabel'), value: formatDate(model.options.date, language) },
        { label: t('scopeLabel'), value: `${scopeText} (${layoutText})` },
      ],
    },
  ];
  if (ticked.has('summary')) cover.push({ kind: 'heading', text: t('keyFigures') }, { kind: 'facts', rows: keyFigures(model) });
  if (ticked.has('summary') && model.targets.status === 'available') {
    cover.push({ kind: 'table', table: targetsReadingTable(model)!, maxRows: null }, { kind: 'paragraph', text: targetsSourcesText(model)! });
  }
  const sources = sourcesTable(model);
  cover.push({ kind: 'heading', text: t('sourcesTitle') }, { kind: 'table', table: sources, maxRows: null });

  const sections: ReportDocumentSection[] = [];
  for (const id of REPORT_SECTIONS) {
    if (id === 'summary' || !ticked.has(id)) continue;
    sections.push({ id, title: t(`section_${id}`), blocks: sectionBlocks(model, id) });
  }

  const about: ReportTable = {
    id: 'about',
    sheetName: t('sheet_info'),
    title,
    columns: [
      { header: t('colField'), kind: 'text', decimals: 0 },
      { header: t('colValue'), kind: 'text', decimals: 0 },
    ],
    rows: [
      [t('title').split(':')[0], title],
      ...cover.flatMap((block) => (block.kind === 'facts' ? block.rows.map((row) => [row.label, row.value]) : [])),
      [t('softwareLabel'), `phusong ${model.softwareVersion}`],
    ],
  };
  const workbook = [
    about,
    unitsTable(model),
    worstUnitsTable(model),
    speedUnitsTable(model, model.units.length),
    districtsTable(model),
    zonesTable(model),
    fibreTargetsTable(model),
    ...fibreExtensionTables(model),
    sitesTable(model),
    beforeAfterTable(model),
    targetsTable(model),
    modelUseTable(model),
    sources,
  ].filter((entry): entry is ReportTable => entry !== null);

  return { language, title, organisation: model.options.organisation, cover, sections, workbook, footer: `${model.options.organisation} · ${title}` };
}

/** Page 1's handful of numbers: weak/no signal and where, fibre vs each target and its cost, sites, targets. */
function keyFigures(model: ReportModel): Array<{ label: string; value: string }> {
  const language = model.options.language;
  const t = (key: Parameters<typeof reportText>[1], values?: Record<string, string | number>): string => reportText(language, key, values);
  const count = (value: number): string => formatNumber(value, language, 0);
  const technology = model.methodology.technology;
  const rows: Array<{ label: string; value: string }> = [];
  let households = count(model.totals.households);
  if (model.outsideHouseholds > 0) households += ` (${t('factOutside', { count: count(model.outsideHouseholds) })})`;
  rows.push({ label: t('factHouseholds'), value: households });
  rows.push({
    label: t('factWeak', { technology }),
    value: t('factWeakValue', { count: count(model.totals.weakOrNone), pct: formatPercent(model.totals.weakPct, language, 1), none: count(model.totals.none) }),
  });
  if (model.worstUnits.length > 0) {
    const where = model.worstUnits.slice(0, 5).map((unit) => {
      const district = unit.formerDistricts.length > 0 ? ` (${unit.formerDistricts.join(', ')})` : '';
      return `${unit.name}${district}: ${count(unit.weakOrNone)}`;
    });
    rows.push({ label: t('factWhere'), value: where.join('; ') });
  }
  if (model.fibre) {
    rows.push({ label: t('factFibre'), value: `${count(model.fibre.passed)} (${formatPercent(model.fibre.pct, language, 1)})` });
    for (const target of model.fibre.targets) {
      let value: string;
      if (target.met) value = t('factFibreMet');
      else if (target.plan) {
        value = t('factFibreShort', {
          count: count(target.shortfall),
          km: formatNumber(target.plan.extensionM / 1000, language, 1),
          cost: formatVndBillions(target.plan.costVnd, language),
        });
        if (!target.plan.reached) value += `; ${t('factFibreUnreached', { pct: formatPercent(target.plan.pctAfter, language, 2) })}`;
      } else value = t('factFibreShortNoPlan', { count: count(target.shortfall) });
      rows.push({ label: t('factFibreTarget', { target: target.targetPct }), value });
    }
  }
  if (model.sites?.plan) {
    const automatic = model.sites.sites.filter((site) => site.source === 'automatic');
    rows.push({
      label: t('factSites'),
      value: t('factSitesValue', {
        sites: count(automatic.length),
        lifted: count(model.sites.plan.weakOrNoneBefore - model.sites.plan.weakOrNoneAfter),
        after: count(model.sites.plan.weakOrNoneAfter),
      }),
    });
  }
  if (model.targets.status === 'available') {
    const met = model.targets.rows.filter((row) => row.status === 'met').length;
    rows.push({ label: t('factTargets', { name: model.targets.set.name }), value: t('factTargetsValue', { met, total: model.targets.rows.length }) });
  } else rows.push({ label: t('section_targets'), value: t('factTargetsNone') });
  return rows;
}

function sectionBlocks(model: ReportModel, id: Exclude<ReportSection, 'summary'>): ReportBlock[] {
  const language = model.options.language;
  const t = (key: Parameters<typeof reportText>[1], values?: Record<string, string | number>): string => reportText(language, key, values);
  const count = (value: number): string => formatNumber(value, language, 0);
  const blocks: ReportBlock[] = [];
  const map = (mapId: 'coverage' | 'zones' | 'fibre' | 'sites'): void => {
    const figure = reportMap(model, mapId);
    if (figure) blocks.push({ kind: 'map', id: figure.id, svg: figure.svg, caption: `${figure.caption}. ${t('mapLabelsNote')}` });
  };
  const charts = (section: 'coverage' | 'speed' | 'fibre' | 'sites'): void => {
    for (const chart of reportCharts(model, section)) blocks.push({ kind: 'chart', id: chart.id, spec: chart.spec, caption: chart.caption });
  };
  const thresholds = model.methodology.thresholdsDbm;

  switch (id) {
    case 'coverage': {
      blocks.push({
        kind: 'paragraph',
        text: t('coverageLead', {
          technology: model.methodology.technology,
          good: thresholds.good,
          fair: thresholds.fair,
          weak: thresholds.weak,
          weakOrNone: count(model.totals.weakOrNone),
          pct: formatPercent(model.totals.weakPct, language, 2),
        }),
      });
      map('coverage');
      charts('coverage');
      if (model.units.length <= FULL_UNITS_TABLE) {
        const units = unitsTable(model, false);
        blocks.push({ kind: 'heading', text: units.title }, { kind: 'table', table: units, maxRows: null });
      } else blocks.push({ kind: 'heading', text: t('worstUnitsTitle') }, { kind: 'table', table: worstUnitsTable(model), maxRows: null });
      const districts = districtsTable(model);
      if (districts) blocks.push({ kind: 'heading', text: districts.title }, { kind: 'table', table: districts, maxRows: null });
      const speed = model.speed;
      if (speed) {
        blocks.push(
          { kind: 'heading', text: t('speedTitle') },
          {
            kind: 'paragraph',
            text: t('speedLead', {
              technology: speed.technology,
              median: speed.medianThroughputMbps === null ? t('speedMedianUnknown') : formatNumber(speed.medianThroughputMbps, language, 1),
              ok: count(speed.speedOkHouseholds),
              pct: formatPercent(speed.speedOkPct, language, 2),
              target: speed.targetMbps,
            }),
          },
        );
        charts('speed');
        const lowest = speedUnitsTable(model, WORST_UNITS);
        if (lowest && lowest.rows.length > 0) blocks.push({ kind: 'heading', text: lowest.title }, { kind: 'table', table: lowest, maxRows: null });
      }
      break;
    }
    case 'weakZones': {
      if (!model.zones) {
        blocks.push({ kind: 'paragraph', text: t('zonesNotComputed') });
        break;
      }
      if (model.zones.length === 0) blocks.push({ kind: 'paragraph', text: t('zonesNone') });
      else {
        blocks.push({
          kind: 'paragraph',
          text: t('zonesLead', {
            zones: count(model.zones.length),
            grid: model.methodology.settings.zoneGridM,
            households: count(model.zones.reduce((sum, zone) => sum + zone.households, 0)),
          }),
        });
      }
      map('zones');
      if (model.zones.length > 0) blocks.push({ kind: 'heading', text: t('zonesTitle') }, { kind: 'table', table: zonesTable(model)!, maxRows: PDF_ROWS.zones });
      break;
    }
    case 'fibre': {
      if (!model.fibre) {
        blocks.push({ kind: 'paragraph', text: t('fibreNone') });
        break;
      }
      blocks.push({
        kind: 'paragraph',
        text: t('fibreLead', {
          passed: count(model.fibre.passed),
          households: count(model.fibre.households),
          pct: formatPercent(model.fibre.pct, language, 2),
          drop: model.fibre.maxDropM,
        }),
      });
      map('fibre');
      charts('fibre');
      blocks.push({ kind: 'heading', text: t('fibreTargetsTitle') }, { kind: 'table', table: fibreTargetsTable(model)!, maxRows: null });
      if (model.fibre.costPerMetreVnd !== null && model.fibre.connectionCostVnd !== null) {
        blocks.push({
          kind: 'paragraph',
          note: true,
          text: t('fibreCostNote', { perMetre: count(model.fibre.costPerMetreVnd), perHousehold: count(model.fibre.connectionCostVnd) }),
        });
      }
      for (const extensions of fibreExtensionTables(model)) {
        blocks.push({ kind: 'heading', text: extensions.title }, { kind: 'table', table: extensions, maxRows: PDF_ROWS.extensions });
      }
      break;
    }
    case 'sites': {
      if (!model.sites) {
        blocks.push({ kind: 'paragraph', text: t('sitesNone') });
        break;
      }
      const plan = model.sites.plan;
      if (plan) {
        const goal = plan.goal.kind === 'count' ? t('sitesGoalCount', { count: plan.goal.count }) : t('sitesGoalTarget', { pct: formatNumber(plan.goal.pct, language, 2) });
        blocks.push({
          kind: 'paragraph',
          text: t('sitesPlanLead', { method: t(`method_${plan.method}`), goal, before: count(plan.weakOrNoneBefore), after: count(plan.weakOrNoneAfter) }),
        });
        if (plan.reachable === false) blocks.push({ kind: 'paragraph', text: t('sitesUnreachable'), note: true });
      }
      blocks.push({ kind: 'paragraph', text: t('sitesLead', { count: count(model.sites.sites.length) }) });
      map('sites');
      const sites = sitesTable(model);
      if (sites) blocks.push({ kind: 'heading', text: t('sitesTitle') }, { kind: 'table', table: sites, maxRows: PDF_ROWS.sites });
      charts('sites');
      break;
    }
    case 'targets': {
      if (model.targets.status === 'available') {
        blocks.push(
          { kind: 'paragraph', text: t('targetsLead', { name: model.targets.set.name }) },
          { kind: 'table', table: targetsReadingTable(model)!, maxRows: null },
          { kind: 'paragraph', text: targetsSourcesText(model)! },
        );
      } else blocks.push({ kind: 'paragraph', text: t('targetsNone') });
      break;
    }
    case 'methodology': {
      const m = model.methodology;
      const operator = m.operator === null ? t('methodOperatorAll') : t('methodOperatorOne', { operator: m.operator });
      blocks.push(
        { kind: 'heading', text: t('methodModels') },
        { kind: 'paragraph', text: t('methodModelsText', { technology: m.technology, operator, cells: count(m.analysedCells), points: count(m.householdPoints) }) },
        { kind: 'table', table: modelUseTable(model), maxRows: null },
        { kind: 'heading', text: t('methodThresholds') },
        {
          kind: 'paragraph',
          text: t('methodThresholdsText', {
            good: m.thresholdsDbm.good,
            fair: m.thresholdsDbm.fair,
            weak: m.thresholdsDbm.weak,
            handset: formatNumber(m.settings.handsetHeightM, language, 1),
            grid: m.settings.zoneGridM,
            drop: m.settings.fibre.maxDropM,
          }),
        },
        { kind: 'heading', text: t('methodFigures') },
        { kind: 'paragraph', text: t('methodFiguresText') },
        { kind: 'heading', text: t('methodTargets') },
      );
      if (m.targetSet) {
        blocks.push({ kind: 'paragraph', text: `${m.targetSet.name} (${m.targetSet.id})` });
        for (const source of m.targetSet.sources) blocks.push({ kind: 'paragraph', text: `• ${source}` });
      } else blocks.push({ kind: 'paragraph', text: t('factTargetsNone') });
      blocks.push({ kind: 'heading', text: t('methodProvenance') });
      for (const note of m.provenance) blocks.push({ kind: 'paragraph', text: `• ${note}` });
      blocks.push({ kind: 'table', table: sourcesTable(model), maxRows: null });
      blocks.push(
        { kind: 'heading', text: t('methodSettings') },
        { kind: 'code', text: JSON.stringify({ ...m.settings, ...m.extraSettings }, null, 2) },
        { kind: 'paragraph', text: t('methodSoftware', { version: model.softwareVersion }) },
      );
      break;
    }
  }
  return blocks;
}
