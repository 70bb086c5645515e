/**
 * A printable map as an SVG string, from geometries alone (no basemap, no network): filled and hatched areas,
 * lines, point markers with ids, unit names placed without overlap, and under the frame a legend strip with
 * every class (fill + pattern + label, so the map reads in black and white), a scale bar, a north arrow and the
 * data date. Units are PDF points when the SVG is drawn at its size. All text is XML-escaped.
 */
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { escapeXml } from '../../escape-xml.ts';
import { fitProjection, frameHeightFor, scaleBarLength, type LonLatBox, type MapProjection } from './map-projection.ts';
import { placeLabels, type Box, type LabelRequest } from './place-labels.ts';

/** Hatching drawn over the fill colour, so classes differ in print without colour. */
export type FillPattern = 'none' | 'hatch' | 'hatch-dense' | 'cross' | 'dots';

export interface AreaStyle {
  fill: string;
  pattern: FillPattern;
  /** Pattern line colour (default dark grey). */
  ink?: string;
  stroke: string;
  strokeWidth: number;
}

export interface LineStyle {
  stroke: string;
  strokeWidth: number;
  dash?: string;
}

export type LegendEntry =
  | { kind: 'area'; label: string; style: AreaStyle }
  | { kind: 'line'; label: string; style: LineStyle }
  | { kind: 'marker'; label: string; marker: 'triangle' | 'circle' };

export interface MapSpec {
  /** Prefix of the SVG's element ids, unique per map: several maps share one HTML page. */
  id: string;
  /** Width and height of the map frame; the legend strip is added below it. */
  width: number;
  height: number;
  /** What the frame fits. */
  box: LonLatBox;
  /**
   * Units lying far from the others (Bạch Long Vĩ, 130 km offshore), left out of `box`: drawn at their own scale in
   * a small frame in the corner of the map where it hides least (fitted with them, the city took a third of the frame).
   */
  inset?: LonLatBox | null;
  areas: Array<{ geometry: Polygon | MultiPolygon; style: AreaStyle }>;
  lines: Array<{ geometry: LineString; style: LineStyle }>;
  points: Array<{ lon: number; lat: number; id: string; marker: 'triangle' | 'circle' }>;
  /** Names at each polygon's pole of inaccessibility, highest priority placed first. */
  labels: Array<{ geometry: Polygon | MultiPolygon; text: string; priority: number }>;
  labelFontSize: number;
  legendTitle: string;
  legend: LegendEntry[];
  /** Letter on the north arrow ("B" for Bắc, "N"). */
  northLetter: string;
  /** e.g. "Dữ liệu: 01/12/2026". */
  caption: string;
  /** Accessible title of the SVG. */
  title: string;
}

const FONT = "font-family=\"Noto Sans, DejaVu Sans, Arial, sans-serif\"";
/** Room between the frame and the mapped area (the north arrow sits in it). */
export const MAP_PADDING = 20;
const LEGEND_ROW = 13;

/** The legend strip's height for `entries` laid out in `columns`. */
function legendHeight(entries: number, columns: number): number {
  return 22 + Math.ceil(entries / columns) * LEGEND_ROW + 22;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * Projected path data of rings, skipping points within 0.4 units of the previous one (invisible detail). With
 * `orient`, the first ring winds one way and the others (holes) the other, so many polygons can share one path
 * under the nonzero fill rule: overlapping neighbours stay filled, holes stay open.
 */
function ringsPath(rings: Position[][], projection: MapProjection, orient: boolean, closed = true): string {
  let d = '';
  rings.forEach((ring, r) => {
    const points: number[] = [];
    let lastX = NaN;
    let lastY = NaN;
    for (const [lon, lat] of ring) {
      const [x, y] = projection.project(lon, lat);
      if (points.length > 0 && Math.abs(x - lastX) < 0.4 && Math.abs(y - lastY) < 0.4) continue;
      points.push(round1(x), round1(y));
      lastX = x;
      lastY = y;
    }
    if (points.length === 0) return;
    if (orient) {
      // shoelace sum: positive for the outer ring, negative for holes
      let twiceArea = 0;
      for (let i = 0; i < points.length; i += 2) {
        const j = (i + 2) % points.length;
        twiceArea += points[i] * points[j + 1] - points[j] * points[i + 1];
      }
      if ((twiceArea < 0) === (r === 0)) {
        const reversed: number[] = [];
        for (let i = points.length - 2; i >= 0; i -= 2) reversed.push(points[i], points[i + 1]);
        points.splice(0, points.length, ...reversed);
      }
    }
    for (let i = 0; i < points.length; i += 2) d += `${i === 0 ? 'M' : 'L'}${points[i]} ${points[i + 1]}`;
    if (closed) d += 'Z';
  });
  return d;
}

/** Appends `d` to the path of its group (insertion order kept). */
function addToGroup(groups: Map<string, { attributes: string; d: string }>, key: string, attributes: string, d: string): void {
  const group = groups.get(key);
  if (group) group.d += d;
  else groups.set(key, { attributes, d });
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** One `<pattern>` per distinct (pattern, fill, ink); returns the fill reference for a style. */
class PatternDefs {
  private readonly ids = new Map<string, string>();
  readonly defs: string[] = [];

  constructor(private readonly prefix: string) {}

  fillOf(style: AreaStyle): string {
    if (style.pattern === 'none') return escapeXml(style.fill);
    const ink = style.ink ?? '#333333';
    const key = `${style.pattern}|${style.fill}|${ink}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = `${this.prefix}-p${this.ids.size + 1}`;
      this.ids.set(key, id);
      this.defs.push(patternSvg(id, style.pattern, style.fill, ink));
    }
    return `url(#${id})`;
  }
}

function patternSvg(id: string, pattern: Exclude<FillPattern, 'none'>, fill: string, ink: string): string {
  const size = pattern === 'hatch-dense' ? 3 : pattern === 'dots' ? 4 : 5;
  const s = size;
  const diagonal = `M0 ${s}L${s} 0M${-s / 4} ${s / 4}L${s / 4} ${-s / 4}M${s - s / 4} ${s + s / 4}L${s + s / 4} ${s - s / 4}`;
  const back = `M0 0L${s} ${s}M${-s / 4} ${s - s / 4}L${s / 4} ${s + s / 4}M${s - s / 4} ${-s / 4}L${s + s / 4} ${s / 4}`;
  let marks: string;
  if (pattern === 'dots') marks = `<circle cx="${s / 2}" cy="${s / 2}" r="0.7" fill="${escapeXml(ink)}"/>`;
  else {
    const d = pattern === 'cross' ? diagonal + back : diagonal;
    marks = `<path d="${d}" stroke="${escapeXml(ink)}" stroke-width="${pattern === 'hatch-dense' ? 0.6 : 0.7}" fill="none"/>`;
  }
  return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="${s}" height="${s}"><rect width="${s}" height="${s}" fill="${escapeXml(fill)}"/>${marks}</pattern>`;
}

function markerSvg(marker: 'triangle' | 'circle', x: number, y: number, size: number): string {
  if (marker === 'circle') {
    return `<circle cx="${round1(x)}" cy="${round1(y)}" r="${size * 0.8}" fill="#ffffff" stroke="#000000" stroke-width="1.2"/>`;
  }
  const h = size * 1.8;
  return `<path d="M${round1(x)} ${round1(y - h * 0.6)}L${round1(x + h * 0.55)} ${round1(y + h * 0.4)}L${round1(x - h * 0.55)} ${round1(y + h * 0.4)}Z" fill="#000000" stroke="#ffffff" stroke-width="0.6"/>`;
}

/** Text with a white halo (drawn twice: a PDF renderer may not know `paint-order`). */
function haloText(text: string, x: number, y: number, fontSize: number, weight: 'normal' | 'bold' = 'normal'): string {
  const attributes = `x="${round1(x)}" y="${round1(y + fontSize * 0.35)}" font-size="${fontSize}" ${FONT} font-weight="${weight}" text-anchor="middle"`;
  const content = escapeXml(text);
  return `<text ${attributes} fill="#ffffff" stroke="#ffffff" stroke-width="${round1(fontSize * 0.3)}" stroke-linejoin="round">${content}</text><text ${attributes} fill="#000000">${content}</text>`;
}

/** The inset's width as a share of the frame's, its height's bounds (points), and its room to the frame's edge. */
const INSET_SHARE = 0.22;
const INSET_HEIGHT = { min: 50, max: 130 };
const INSET_MARGIN = 6;
const INSET_PADDING = 8;


/**
 * Renders the map. The legend strip lays its entries out in up to three columns under the frame, with the scale
 * bar and the caption on its last line; the north arrow sits in the frame's top-right corner, the inset (if any)
 * in another corner.
 */
export function renderMapSvg(spec: MapSpec): string {
  const projection = fitProjection(spec.box, spec.width, spec.height, MAP_PADDING);
  const patterns = new PatternDefs(spec.id);
  const clipId = `${spec.id}-frame`;
  const insetClip = `${spec.id}-inset`;
  const northBox = { left: spec.width - 34, top: 0, right: spec.width, bottom: 42 };
  const inset = spec.inset ?? null;
  const insetBox = inset === null ? null : insetPlace(spec, inset, projection);

  const body = [layers(spec.areas, spec.lines, projection, patterns)];
  body.push(markersAndLabels(spec, spec.points, spec.labels, projection, spec.width, spec.height, insetBox === null ? [northBox] : [northBox, insetBox]));
  body.push(northArrow(spec.width - 17, 6, spec.northLetter));
  if (inset !== null && insetBox !== null) body.push(insetSvg(spec, inset, insetBox, patterns, insetClip));

  const columns = Math.min(3, Math.max(1, spec.legend.length));
  const stripTop = spec.height;
  const stripHeight = legendHeight(spec.legend.length, columns);
  const legend = legendSvg(spec, patterns, stripTop, columns, projection);
  const totalHeight = spec.height + stripHeight;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${totalHeight}" viewBox="0 0 ${spec.width} ${totalHeight}" role="img">` +
    `<title>${escapeXml(spec.title)}</title>` +
    `<defs>${patterns.defs.join('')}<clipPath id="${clipId}"><rect x="0" y="0" width="${spec.width}" height="${spec.height}"/></clipPath>` +
    (insetBox !== null ? `<clipPath id="${insetClip}"><rect x="0" y="0" width="${insetBox.right - insetBox.left}" height="${insetBox.bottom - insetBox.top}"/></clipPath>` : '') +
    '</defs>' +
    `<rect x="0" y="0" width="${spec.width}" height="${totalHeight}" fill="#ffffff"/>` +
    `<g clip-path="url(#${clipId})">${body.join('')}</g>` +
    `<rect x="0.25" y="0.25" width="${spec.width - 0.5}" height="${spec.height - 0.5}" fill="none" stroke="#000000" stroke-width="0.5"/>` +
    legend +
    `</svg>`
  );
}

/** Areas and lines, one path per style: a PDF renderer draws a few long paths far faster than hundreds of short ones, each with its own pattern. */
function layers(areas: MapSpec['areas'], lines: MapSpec['lines'], projection: MapProjection, patterns: PatternDefs): string {
  const groups = new Map<string, { attributes: string; d: string }>();
  for (const area of areas) {
    const d = polygonsOf(area.geometry).map((polygon) => ringsPath(polygon, projection, true)).join('');
    if (d === '') continue;
    const attributes = `fill="${patterns.fillOf(area.style)}" fill-rule="nonzero" stroke="${escapeXml(area.style.stroke)}" stroke-width="${area.style.strokeWidth}" stroke-linejoin="round"`;
    addToGroup(groups, attributes, attributes, d);
  }
  const lineGroups = new Map<string, { attributes: string; d: string }>();
  for (const line of lines) {
    const { stroke, strokeWidth, dash } = line.style;
    const attributes = `fill="none" stroke="${escapeXml(stroke)}" stroke-width="${strokeWidth}" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
    addToGroup(lineGroups, attributes, attributes, ringsPath([line.geometry.coordinates], projection, false, false));
  }
  return [...groups.values(), ...lineGroups.values()].map((group) => `<path d="${group.d}" ${group.attributes}/>`).join('');
}

/** Point markers, then the points' ids and the units' names placed without overlap within width × height, clear of `obstacles`. */
function markersAndLabels(
  spec: MapSpec,
  points: MapSpec['points'],
  labels: MapSpec['labels'],
  projection: MapProjection,
  width: number,
  height: number,
  obstacles: readonly Box[],
): string {
  const markerSize = 4;
  const projectedPoints = points.map((point) => ({ ...point, xy: projection.project(point.lon, point.lat) }));
  const markerBoxes = projectedPoints.map(({ xy: [x, y] }) => ({ left: x - markerSize, right: x + markerSize, top: y - markerSize, bottom: y + markerSize }));
  const requests: LabelRequest[] = projectedPoints.map((point) => ({
    text: point.id,
    x: point.xy[0],
    y: point.xy[1],
    fontSize: spec.labelFontSize + 0.5,
    priority: Number.MAX_SAFE_INTEGER,
    offset: markerSize,
  }));
  for (const label of labels) {
    const anchor = labelAnchor(label.geometry, projection);
    if (anchor) requests.push({ text: label.text, x: anchor[0], y: anchor[1], fontSize: spec.labelFontSize, priority: label.priority });
  }
  const placed = placeLabels(requests, width, height, [...obstacles, ...markerBoxes]);
  const pointIds = new Set(points.map((point) => point.id));
  return (
    projectedPoints.map((point) => markerSvg(point.marker, point.xy[0], point.xy[1], markerSize)).join('') +
    placed.map((label) => haloText(label.text, label.x, label.y, label.fontSize, pointIds.has(label.text) ? 'bold' : 'normal')).join('')
  );
}

/**
 * Where the inset goes: the bottom-right, bottom-left or top-left corner (the north arrow holds the top-right),
 * whichever covers the fewest vertices of the main map's areas, the first of those on a tie.
 */
function insetPlace(spec: MapSpec, inset: LonLatBox, projection: MapProjection): Box {
  const width = Math.round(spec.width * INSET_SHARE);
  const height = frameHeightFor(inset, width, INSET_PADDING, INSET_HEIGHT.min, Math.min(INSET_HEIGHT.max, spec.height / 2));
  const right = spec.width - INSET_MARGIN;
  const bottom = spec.height - INSET_MARGIN;
  const corners: Box[] = [
    { left: right - width, top: bottom - height, right, bottom },
    { left: INSET_MARGIN, top: bottom - height, right: INSET_MARGIN + width, bottom },
    { left: INSET_MARGIN, top: INSET_MARGIN, right: INSET_MARGIN + width, bottom: INSET_MARGIN + height },
  ];
  const covered = corners.map(() => 0);
  for (const area of spec.areas) {
    for (const polygon of polygonsOf(area.geometry)) {
      for (const [lon, lat] of polygon[0] ?? []) {
        const [x, y] = projection.project(lon, lat);
        corners.forEach((corner, k) => {
          if (x >= corner.left && x <= corner.right && y >= corner.top && y <= corner.bottom) covered[k]++;
        });
      }
    }
  }
  return corners[covered.indexOf(Math.min(...covered))];
}

/**
 * The inset: a white frame over the map at `rect`, with the areas, lines, points and names within its box, clipped
 * by `clipId` (a rectangle of its size at the origin, in the defs).
 */
function insetSvg(spec: MapSpec, inset: LonLatBox, rect: Box, patterns: PatternDefs, clipId: string): string {
  const width = rect.right - rect.left;
  const height = rect.bottom - rect.top;
  const projection = fitProjection(inset, width, height, INSET_PADDING);
  const inBox = ([lon, lat]: Position): boolean => lon >= inset[0] && lon <= inset[2] && lat >= inset[1] && lat <= inset[3];
  // what has a vertex in the box (the outlying units lie wholly in it)
  const within = (geometry: Polygon | MultiPolygon | LineString): boolean =>
    geometry.type === 'LineString' ? geometry.coordinates.some(inBox) : polygonsOf(geometry).some((polygon) => (polygon[0] ?? []).some(inBox));
  const points = spec.points.filter(({ lon, lat }) => inBox([lon, lat]));
  return (
    `<g transform="translate(${round1(rect.left)} ${round1(rect.top)})">` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>` +
    `<g clip-path="url(#${clipId})">` +
    layers(
      spec.areas.filter((area) => within(area.geometry)),
      spec.lines.filter((line) => within(line.geometry)),
      projection,
      patterns,
    ) +
    markersAndLabels(spec, points, spec.labels.filter((label) => within(label.geometry)), projection, width, height, []) +
    `</g><rect x="0" y="0" width="${width}" height="${height}" fill="none" stroke="#000000" stroke-width="0.5"/></g>`
  );
}

/** Pole of inaccessibility of the polygon with the largest projected extent (1-unit precision). */
function labelAnchor(geometry: Polygon | MultiPolygon, projection: MapProjection): [number, number] | null {
  let best: { rings: number[][][]; extent: number } | null = null;
  for (const polygon of polygonsOf(geometry)) {
    const rings = polygon.map((ring) => ring.map(([lon, lat]) => projection.project(lon, lat)));
    if (!rings[0] || rings[0].length < 3) continue;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const [x, y] of rings[0]) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    const extent = (maxX - minX) * (maxY - minY);
    if (best === null || extent > best.extent) best = { rings, extent };
  }
  if (best === null) return null;
  const [x, y] = polylabel(best.rings, 1);
  return [x, y];
}

function northArrow(x: number, y: number, letter: string): string {
  return (
    `<g><path d="M${x} ${y + 8}L${x + 6} ${y + 26}L${x} ${y + 21}Z" fill="#000000"/>` +
    `<path d="M${x} ${y + 8}L${x - 6} ${y + 26}L${x} ${y + 21}Z" fill="#ffffff" stroke="#000000" stroke-width="0.6"/>` +
    `<text x="${x}" y="${y + 6}" font-size="8" ${FONT} font-weight="bold" text-anchor="middle">${escapeXml(letter)}</text></g>`
  );
}

function legendSvg(spec: MapSpec, patterns: PatternDefs, top: number, columns: number, projection: MapProjection): string {
  const parts: string[] = [`<text x="0" y="${top + 14}" font-size="8" ${FONT} font-weight="bold">${escapeXml(spec.legendTitle)}</text>`];
  const columnWidth = spec.width / columns;
  spec.legend.forEach((entry, i) => {
    const x = (i % columns) * columnWidth;
    const y = top + 22 + Math.floor(i / columns) * LEGEND_ROW;
    if (entry.kind === 'area') {
      parts.push(`<rect x="${x}" y="${y}" width="16" height="9" fill="${patterns.fillOf(entry.style)}" stroke="#333333" stroke-width="0.5"/>`);
    } else if (entry.kind === 'line') {
      parts.push(
        `<path d="M${x} ${y + 4.5}L${x + 16} ${y + 4.5}" stroke="${escapeXml(entry.style.stroke)}" stroke-width="${entry.style.strokeWidth}"${entry.style.dash ? ` stroke-dasharray="${entry.style.dash}"` : ''}/>`,
      );
    } else {
      parts.push(markerSvg(entry.marker, x + 8, y + 4.5, 3.5));
    }
    parts.push(`<text x="${x + 21}" y="${y + 7.5}" font-size="7.5" ${FONT}>${escapeXml(entry.label)}</text>`);
  });
  // scale bar (alternating black/white halves) and caption on the last line
  const rowsHeight = Math.ceil(spec.legend.length / columns) * LEGEND_ROW;
  const barY = top + 22 + rowsHeight + 6;
  const bar = scaleBarLength(projection.metresPerUnit, spec.width * 0.25);
  const half = bar.units / 2;
  const label = bar.metres >= 1000 ? `${bar.metres / 1000} km` : `${bar.metres} m`;
  parts.push(
    `<g class="scale-bar" data-metres="${bar.metres}" data-units="${round1(bar.units * 1000) / 1000}">` +
      `<rect x="0" y="${barY}" width="${round1(half * 100) / 100}" height="4" fill="#000000" stroke="#000000" stroke-width="0.5"/>` +
      `<rect x="${round1(half * 100) / 100}" y="${barY}" width="${round1(half * 100) / 100}" height="4" fill="#ffffff" stroke="#000000" stroke-width="0.5"/>` +
      `<text x="0" y="${barY + 12}" font-size="7" ${FONT}>0</text>` +
      `<text x="${round1(bar.units)}" y="${barY + 12}" font-size="7" ${FONT} text-anchor="middle">${escapeXml(label)}</text></g>`,
  );
  parts.push(`<text x="${spec.width}" y="${barY + 12}" font-size="7" ${FONT} text-anchor="end">${escapeXml(spec.caption)}</text>`);
  return parts.join('');
}
