/**
 * The report's charts as Vega-Lite specifications (plain JSON, rendered to SVG by vega in src/io/report, in the
 * browser and in Node alike). Colours step in lightness as well as hue and every series is labelled, so the
 * charts read in black and white.
 */
import { formatPercent } from './report-format.ts';
import { reportText } from './report-i18n.ts';
import type { ReportLanguage, ReportModel, UnitRow } from './report-model.ts';

/** A Vega-Lite top-level specification (JSON). */
export type VegaLiteSpec = Record<string, unknown>;

export interface ChartFigure {
  id: 'weak-share' | 'fibre-by-unit' | 'speed-by-unit' | 'districts' | 'before-after';
  caption: string;
  spec: VegaLiteSpec;
}

/** Chart width in points: the A4 text width (595 − 2 × 45 pt margins) less the axis labels. */
const WIDTH = 330;
const ROW = 13;
const FONT = 'Noto Sans';

/** Signal classes from light to dark: distinct in grey as well as in colour. */
export const SIGNAL_CLASS_COLOURS = { good: '#e5f0dc', fair: '#9ecae1', weak: '#e6550d', none: '#2b0a0a' } as const;

/** Thousands and decimal separators of the axis labels in the report's language. */
const NUMBER_LOCALE: Record<ReportLanguage, { decimal: string; thousands: string; grouping: number[]; currency: [string, string] }> = {
  vi: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' đ'] },
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['VND ', ''] },
};

const base = (language: ReportLanguage) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: 'white',
  padding: 4,
  config: {
    locale: { number: NUMBER_LOCALE[language] },
    font: FONT,
    view: { stroke: null },
    axis: { labelFontSize: 7.5, titleFontSize: 8, labelColor: '#000000', titleColor: '#000000', gridColor: '#dddddd', labelLimit: 150 },
    legend: { labelFontSize: 7.5, titleFontSize: 8, labelLimit: 200 },
    text: { fontSize: 7.5 },
  },
});

/**
 * Bar labels: the unit's name, with its former district (or code) where two units of the chart share a name
 * (Hải Phòng has two Xã An Hoà), so no two bars merge.
 */
function barLabels(units: ReadonlyArray<Pick<UnitRow, 'unitId' | 'name'> & { formerDistricts?: string[] }>): Map<string, string> {
  const named = new Map<string, number>();
  for (const unit of units) named.set(unit.name, (named.get(unit.name) ?? 0) + 1);
  return new Map(units.map((unit) => [unit.unitId, named.get(unit.name)! > 1 ? `${unit.name} (${unit.formerDistricts?.[0] ?? unit.unitId})` : unit.name]));
}

/** Weak/none share by unit, the worst `count` sorted, with the scope's average as a labelled rule. */
function weakShareChart(model: ReportModel, count: number): ChartFigure | null {
  const language = model.options.language;
  const worst = [...model.units].filter((unit) => unit.weakOrNone > 0).sort((a, b) => b.weakPct - a.weakPct || a.unitId.localeCompare(b.unitId)).slice(0, count);
  if (worst.length === 0) return null;
  const average = model.totals.weakPct;
  const label = reportText(language, 'axisWeakPct');
  const labels = barLabels(worst);
  return {
    id: 'weak-share',
    caption: reportText(language, 'chartWeakShare', { count: worst.length }),
    spec: {
      ...base(language),
      width: WIDTH,
      height: worst.length * ROW,
      layer: [
        {
          data: { values: worst.map((unit) => ({ unit: labels.get(unit.unitId), pct: round2(unit.weakPct) })) },
          mark: { type: 'bar', color: '#7f7f7f', stroke: '#000000', strokeWidth: 0.4 },
          encoding: {
            y: { field: 'unit', type: 'nominal', sort: '-x', title: null },
            x: { field: 'pct', type: 'quantitative', title: label },
          },
        },
        {
          data: { values: [{ pct: round2(average), text: reportText(language, 'chartAverage', { pct: formatPercent(average, language, 1) }) }] },
          layer: [
            { mark: { type: 'rule', color: '#000000', strokeDash: [4, 2], strokeWidth: 1 }, encoding: { x: { field: 'pct', type: 'quantitative' } } },
            {
              mark: { type: 'text', align: 'left', dx: 3, baseline: 'bottom', y: 0, dy: -2, fontWeight: 'bold' },
              encoding: { x: { field: 'pct', type: 'quantitative' }, text: { field: 'text' } },
            },
          ],
        },
      ],
    },
  };
}

/** A share (%) per unit, the lowest `count` units sorted, with labelled reference rules (different dashes). */
function lowestShareChart(
  model: ReportModel,
  chart: { id: ChartFigure['id']; share: (unit: UnitRow) => number | null; count: number; colour: string; axis: string; caption: (count: number) => string },
  rules: ReadonlyArray<{ pct: number; text: string }>,
): ChartFigure | null {
  const language = model.options.language;
  const lowest = model.units
    .filter((unit) => unit.households > 0 && chart.share(unit) !== null)
    .sort((a, b) => chart.share(a)! - chart.share(b)! || a.unitId.localeCompare(b.unitId))
    .slice(0, chart.count);
  if (lowest.length === 0) return null;
  const dashes = [[6, 3], [2, 2], []];
  const labels = barLabels(lowest);
  return {
    id: chart.id,
    caption: chart.caption(lowest.length),
    spec: {
      ...base(language),
      width: WIDTH,
      height: lowest.length * ROW,
      layer: [
        {
          data: { values: lowest.map((unit) => ({ unit: labels.get(unit.unitId), pct: round2(chart.share(unit)!) })) },
          mark: { type: 'bar', color: chart.colour, stroke: '#000000', strokeWidth: 0.4 },
          encoding: {
            y: { field: 'unit', type: 'nominal', sort: 'x', title: null },
            x: { field: 'pct', type: 'quantitative', title: chart.axis, scale: { domain: [0, 100] } },
          },
        },
        ...rules.map((rule, i) => ({
          data: { values: [{ pct: round2(rule.pct), text: rule.text }] },
          layer: [
            { mark: { type: 'rule', color: '#000000', strokeWidth: 1, strokeDash: dashes[i % dashes.length] }, encoding: { x: { field: 'pct', type: 'quantitative' } } },
            {
              mark: { type: 'text', align: 'center', baseline: 'bottom', y: 0, dy: -2, fontWeight: 'bold' },
              encoding: { x: { field: 'pct', type: 'quantitative' }, text: { field: 'text' } },
            },
          ],
        })),
      ],
    },
  };
}

/** Fibre passed by unit, the lowest `count`, with one rule per target. */
function fibreChart(model: ReportModel, count: number): ChartFigure | null {
  if (!model.fibre) return null;
  const language = model.options.language;
  return lowestShareChart(
    model,
    { id: 'fibre-by-unit', share: (unit) => unit.fibrePct, count, colour: '#9ecae1', axis: reportText(language, 'axisFibrePct'), caption: (n) => reportText(language, 'chartFibre', { count: n }) },
    model.fibre.targets.map((target) => ({ pct: target.targetPct, text: formatPercent(target.targetPct, language, 0) })),
  );
}

/** Households at the speed target by unit, the lowest `count`, with the scope's share as a rule. */
function speedChart(model: ReportModel, count: number): ChartFigure | null {
  const speed = model.speed;
  if (!speed) return null;
  const language = model.options.language;
  const values = { technology: speed.technology, target: speed.targetMbps };
  return lowestShareChart(
    model,
    {
      id: 'speed-by-unit',
      share: (unit) => unit.speedOkPct,
      count,
      colour: '#c6dbef',
      axis: reportText(language, 'axisSpeedOkPct', values),
      caption: (n) => reportText(language, 'chartSpeed', { ...values, count: n }),
    },
    [{ pct: speed.speedOkPct, text: reportText(language, 'chartScope', { pct: formatPercent(speed.speedOkPct, language, 1) }) }],
  );
}

/** Households by signal class per former district, stacked from good to none. */
function districtsChart(model: ReportModel): ChartFigure | null {
  if (!model.districts || model.districts.length === 0) return null;
  const language = model.options.language;
  const classes = ['good', 'fair', 'weak', 'none'] as const;
  const names = classes.map((name) => reportText(language, `class_${name}`));
  const values = model.districts.flatMap((district) =>
    classes.map((name, order) => ({ district: district.district, signal: names[order], order, households: district[name] })),
  );
  return {
    id: 'districts',
    caption: reportText(language, 'chartDistricts'),
    spec: {
      ...base(language),
      width: WIDTH,
      height: model.districts.length * (ROW + 2),
      data: { values },
      mark: { type: 'bar', stroke: '#000000', strokeWidth: 0.3 },
      encoding: {
        y: { field: 'district', type: 'nominal', title: null, sort: null },
        x: { field: 'households', type: 'quantitative', stack: 'zero', title: reportText(language, 'axisHouseholds') },
        color: {
          field: 'signal',
          type: 'nominal',
          title: null,
          scale: { domain: names, range: classes.map((name) => SIGNAL_CLASS_COLOURS[name]) },
          legend: { orient: 'bottom', direction: 'horizontal' },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}

/** Weak/none households before and after the new sites, for the units the plan changes most. */
function beforeAfterChart(model: ReportModel, count: number): ChartFigure | null {
  const rows = model.sites?.beforeAfter.slice(0, count) ?? [];
  if (rows.length === 0) return null;
  const language = model.options.language;
  const before = reportText(language, 'colBefore');
  const after = reportText(language, 'colAfter');
  const labels = barLabels(rows);
  return {
    id: 'before-after',
    caption: reportText(language, 'chartBeforeAfter', { count: rows.length }),
    spec: {
      ...base(language),
      width: WIDTH,
      height: rows.length * (ROW + 6),
      data: {
        values: rows.flatMap((row) => [
          { unit: labels.get(row.unitId), when: before, households: row.before },
          { unit: labels.get(row.unitId), when: after, households: row.after },
        ]),
      },
      mark: { type: 'bar', stroke: '#000000', strokeWidth: 0.4 },
      encoding: {
        y: { field: 'unit', type: 'nominal', title: null, sort: null },
        yOffset: { field: 'when', type: 'nominal', sort: [before, after] },
        x: { field: 'households', type: 'quantitative', title: reportText(language, 'axisHouseholds') },
        color: {
          field: 'when',
          type: 'nominal',
          title: null,
          scale: { domain: [before, after], range: ['#3f3f3f', '#d9d9d9'] },
          legend: { orient: 'bottom', direction: 'horizontal' },
        },
      },
    },
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The charts of a section (empty when the data for them is missing); `speed` is the coverage section's speed part. */
export function reportCharts(model: ReportModel, section: 'coverage' | 'speed' | 'fibre' | 'sites'): ChartFigure[] {
  const charts =
    section === 'coverage'
      ? [weakShareChart(model, 20), districtsChart(model)]
      : section === 'speed'
        ? [speedChart(model, 20)]
      : section === 'fibre'
        ? [fibreChart(model, 30)]
        : [beforeAfterChart(model, 15)];
  return charts.filter((chart): chart is ChartFigure => chart !== null);
}
