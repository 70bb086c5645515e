/**
 * The report's four maps from the model: weak/none share by unit, weak-signal zones, fibre passed by unit with
 * the target breaks, and the proposed sites. Each class has its own fill and hatching and a labelled legend entry.
 */
import { formatDate, formatPercent } from './report-format.ts';
import { reportText } from './report-i18n.ts';
import type { ReportModel } from './report-model.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { boundingBoxOf, mainExtent } from '../geo/main-extent.ts';
import { boxOf, frameHeightFor, type LonLatBox } from './map/map-projection.ts';
import { MAP_PADDING, renderMapSvg, type AreaStyle, type LegendEntry, type MapSpec } from './map/render-map-svg.ts';

export interface MapFigure {
  id: 'coverage' | 'zones' | 'fibre' | 'sites';
  caption: string;
  svg: string;
}

/** Map frame in points: the A4 text width; the height follows the scope's shape, within what leaves room for the heading and legend. */
export const MAP_WIDTH = 505;
const MAP_HEIGHT = { min: 260, max: 520 };

const OUTLINE = { stroke: '#555555', strokeWidth: 0.35 };
const area = (fill: string, pattern: AreaStyle['pattern'], ink?: string): AreaStyle => ({ fill, pattern, ...(ink ? { ink } : {}), ...OUTLINE });
const PLAIN = area('#ffffff', 'none');
const NO_HOUSEHOLDS = area('#eeeeee', 'none');

/** "Quán Toan" for "Phường Quán Toan": the unit type is in the tables, the map needs the room. */
export function shortUnitName(name: string): string {
  return name.replace(/^(Phường|Xã|Thị trấn|Đặc khu|Ward|Commune|Township|Special zone)\s+/iu, '');
}

/** Weak/none share classes: breaks at 0, 2, 5 and 15 %. */
const WEAK_CLASSES: Array<{ upTo: number; style: AreaStyle; label: string }> = [
  { upTo: 0, style: PLAIN, label: '0 %' },
  { upTo: 2, style: area('#fff1e0', 'dots'), label: '> 0–2 %' },
  { upTo: 5, style: area('#fdd0a2', 'hatch'), label: '> 2–5 %' },
  { upTo: 15, style: area('#fd8d3c', 'hatch-dense'), label: '> 5–15 %' },
  { upTo: Infinity, style: area('#c23c00', 'cross', '#000000'), label: '> 15 %' },
];

/**
 * The frame's box and the inset's: units far from all others (`mainExtent`: Bạch Long Vĩ, 130 km off Hải Phòng's
 * coast) go to the inset, so that the city fills the frame; null without units.
 */
export function mapBoxes(geometries: ReadonlyArray<Polygon | MultiPolygon>): { box: LonLatBox; inset: LonLatBox | null } | null {
  const boxes = geometries.map(boundingBoxOf);
  const main = mainExtent(boxes);
  if (main === null) return null;
  const outlying = geometries.filter((_, i) => boxes[i][0] < main[0] || boxes[i][1] < main[1] || boxes[i][2] > main[2] || boxes[i][3] > main[3]);
  return { box: main, inset: boxOf(outlying) };
}

function baseSpec(model: ReportModel, id: MapFigure['id'], title: string): Omit<MapSpec, 'areas' | 'lines' | 'points' | 'legend'> | null {
  const language = model.options.language;
  const boxes = mapBoxes(model.geometry.units.map((unit) => unit.geometry));
  if (boxes === null) return null;
  const { box, inset } = boxes;
  const many = model.geometry.units.length > 40;
  return {
    id: `map-${id}`,
    width: MAP_WIDTH,
    height: frameHeightFor(box, MAP_WIDTH, MAP_PADDING, MAP_HEIGHT.min, MAP_HEIGHT.max),
    box,
    inset,
    labels: model.geometry.units.map((unit) => {
      // larger units first (by their box): their names are the ones a reader looks for
      const [west, south, east, north] = boundingBoxOf(unit.geometry);
      return { geometry: unit.geometry, text: shortUnitName(unit.name), priority: (east - west) * (north - south) };
    }),
    labelFontSize: many ? 5 : 7,
    legendTitle: reportText(language, 'legend'),
    northLetter: reportText(language, 'north'),
    caption: model.dataDate ? reportText(language, 'dataDate', { date: formatDate(model.dataDate, language) }) : reportText(language, 'dataDateUnknown'),
    title,
  };
}

function coverageMap(model: ReportModel): MapFigure | null {
  const language = model.options.language;
  const caption = reportText(language, 'mapCoverage');
  const base = baseSpec(model, 'coverage', caption);
  if (!base) return null;
  const rowOf = new Map(model.units.map((unit) => [unit.unitId, unit]));
  const areas = model.geometry.units.map((unit) => {
    const row = rowOf.get(unit.unitId)!;
    const style = row.households === 0 ? NO_HOUSEHOLDS : WEAK_CLASSES.find((entry) => row.weakPct <= entry.upTo)!.style;
    return { geometry: unit.geometry, style };
  });
  const legend: LegendEntry[] = [
    ...WEAK_CLASSES.map((entry) => ({ kind: 'area' as const, label: entry.label, style: entry.style })),
    { kind: 'area', label: reportText(language, 'legendNoHouseholds'), style: NO_HOUSEHOLDS },
  ];
  return { id: 'coverage', caption, svg: renderMapSvg({ ...base, areas, lines: [], points: [], legend }) };
}

const ZONE_WEAK = area('#fdae6b', 'hatch', '#7f2704');
const ZONE_NONE = area('#7f2704', 'cross', '#000000');

function zonesMap(model: ReportModel): MapFigure | null {
  if (!model.zones) return null;
  const language = model.options.language;
  const caption = reportText(language, 'mapZones');
  const base = baseSpec(model, 'zones', caption);
  if (!base) return null;
  const areas = [
    ...model.geometry.units.map((unit) => ({ geometry: unit.geometry, style: PLAIN })),
    ...model.geometry.zones.map((zone) => ({ geometry: zone.geometry, style: { ...(zone.signalClass === 'none' ? ZONE_NONE : ZONE_WEAK), stroke: '#000000', strokeWidth: 0.3 } })),
  ];
  const legend: LegendEntry[] = [
    { kind: 'area', label: reportText(language, 'legendUnit'), style: PLAIN },
    { kind: 'area', label: reportText(language, 'legendZoneWeak'), style: ZONE_WEAK },
    { kind: 'area', label: reportText(language, 'legendZoneNone'), style: ZONE_NONE },
  ];
  return { id: 'zones', caption, svg: renderMapSvg({ ...base, areas, lines: [], points: [], legend }) };
}

/** Fibre classes with breaks at the targets: below the first, between targets, and at or above the last. */
function fibreClasses(targetsPct: number[], language: ReportModel['options']['language']) {
  const styles = [area('#c23c00', 'cross', '#000000'), area('#fdae6b', 'hatch'), area('#c6dbef', 'dots'), area('#ffffff', 'none')];
  const sorted = [...targetsPct].sort((a, b) => a - b);
  const pct = (value: number): string => formatPercent(value, language, 0);
  const classes = sorted.map((target, i) => ({
    below: target,
    label: i === 0 ? `< ${pct(target)}` : `${pct(sorted[i - 1])} – < ${pct(target)}`,
    style: styles[Math.max(0, styles.length - 1 - sorted.length + i)],
  }));
  const last = sorted[sorted.length - 1];
  classes.push({ below: Infinity, label: last >= 100 ? pct(100) : reportText(language, 'atLeast', { value: pct(last) }), style: styles[styles.length - 1] });
  return classes;
}

function fibreMap(model: ReportModel): MapFigure | null {
  if (!model.fibre) return null;
  const language = model.options.language;
  const caption = reportText(language, 'mapFibre');
  const base = baseSpec(model, 'fibre', caption);
  if (!base) return null;
  const classes = fibreClasses(model.fibre.targets.map((target) => target.targetPct), language);
  const rowOf = new Map(model.units.map((unit) => [unit.unitId, unit]));
  const areas = model.geometry.units.map((unit) => {
    const row = rowOf.get(unit.unitId)!;
    const style = row.households === 0 || row.fibrePct === null ? NO_HOUSEHOLDS : classes.find((entry) => row.fibrePct! < entry.below)!.style;
    return { geometry: unit.geometry, style };
  });
  const cable = { stroke: '#08306b', strokeWidth: 0.9 };
  const lines = model.fibre.extensionLines.map((line) => ({ geometry: line.geometry, style: cable }));
  const legend: LegendEntry[] = [
    ...classes.map((entry) => ({ kind: 'area' as const, label: entry.label, style: entry.style })),
    { kind: 'area', label: reportText(language, 'legendNoHouseholds'), style: NO_HOUSEHOLDS },
  ];
  if (lines.length > 0) legend.push({ kind: 'line', label: reportText(language, 'legendCable', { target: model.fibre.extensionLines[0].targetPct }), style: cable });
  return { id: 'fibre', caption, svg: renderMapSvg({ ...base, areas, lines, points: [], legend }) };
}

function sitesMap(model: ReportModel): MapFigure | null {
  if (!model.sites || model.sites.sites.length === 0) return null;
  const language = model.options.language;
  const caption = reportText(language, 'mapSites');
  const base = baseSpec(model, 'sites', caption);
  if (!base) return null;
  const zoneStyle = { ...area('#eeeeee', 'hatch', '#999999'), stroke: '#999999', strokeWidth: 0.3 };
  const areas = [
    ...model.geometry.units.map((unit) => ({ geometry: unit.geometry, style: PLAIN })),
    ...model.geometry.zones.map((zone) => ({ geometry: zone.geometry, style: zoneStyle })),
  ];
  const points = model.sites.sites.map((site) => ({ lon: site.lon, lat: site.lat, id: site.siteId, marker: site.source === 'automatic' ? ('triangle' as const) : ('circle' as const) }));
  const legend: LegendEntry[] = [{ kind: 'area', label: reportText(language, 'legendUnit'), style: PLAIN }];
  if (model.geometry.zones.length > 0) legend.push({ kind: 'area', label: reportText(language, 'legendZoneWeak'), style: zoneStyle });
  if (points.some((point) => point.marker === 'triangle')) legend.push({ kind: 'marker', label: reportText(language, 'legendAutomatic'), marker: 'triangle' });
  if (points.some((point) => point.marker === 'circle')) legend.push({ kind: 'marker', label: reportText(language, 'legendProposal'), marker: 'circle' });
  return { id: 'sites', caption, svg: renderMapSvg({ ...base, areas, lines: [], points, legend }) };
}

/** The map of a section, or null when its data is missing. */
export function reportMap(model: ReportModel, id: MapFigure['id']): MapFigure | null {
  switch (id) {
    case 'coverage':
      return coverageMap(model);
    case 'zones':
      return zonesMap(model);
    case 'fibre':
      return fibreMap(model);
    case 'sites':
      return sitesMap(model);
  }
}
