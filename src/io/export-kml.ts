/**
 * KML 2.2 export for Google Earth and QGIS (sites with every radio field of their cells, and any other layer):
 * styled placemarks (class colours as Style elements), each with its name, its fields in ExtendedData (so they
 * come back as columns on import) and a description table for the balloon. All text is data: Google Earth renders
 * a description as HTML, so every value is escaped as HTML inside the table and the whole description again as
 * XML; names and field values are XML-escaped, and characters XML 1.0 cannot carry are replaced. A site id such as
 * `</name><script>` shows as written and never becomes markup.
 */
import type { Geometry, Position } from 'geojson';
import { escapeXml } from '../core/escape-xml.ts';
import type { Cell } from '../core/model.ts';
import { RADIO_FIELD_KEYS, RADIO_FIELDS } from '../core/radio-fields.ts';

export interface KmlSite {
  siteId: string;
  lon: number;
  lat: number;
  cells: readonly Cell[];
  /** Extra per-site fields (households gained, decision, comment…), shown in order after the RF fields. */
  data?: Readonly<Record<string, string | number>>;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `escapeHtml('<img src=x>') === '&lt;img src=x&gt;'`; safe in HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

/** How a class of placemarks is drawn; colours as CSS hex `#rrggbb`. */
export interface KmlStyle {
  /** Outline or line colour. */
  lineColour: string;
  lineWidth?: number;
  /** Polygon fill (none when absent) and its opacity 0…1. */
  fillColour?: string;
  fillOpacity?: number;
  /** Point icon tint (the line colour when absent). */
  iconColour?: string;
}

export type KmlFieldValue = string | number | boolean | null;

export interface KmlPlacemark {
  name: string;
  /** Id of a style in the document's `styles`. */
  style?: string;
  /** Fields in order: ExtendedData and the description table. */
  fields: ReadonlyArray<readonly [string, KmlFieldValue]>;
  geometry: Geometry;
}

export interface KmlDocument {
  name: string;
  styles?: Readonly<Record<string, KmlStyle>>;
  placemarks: readonly KmlPlacemark[];
}

/** KML colour aabbggrr from `#rrggbb` and an opacity. */
export function kmlColour(hex: string, opacity = 1): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  const [r, g, b] = match ? [match[1], match[2], match[3]] : ['80', '80', '80'];
  const alpha = Math.round(Math.min(1, Math.max(0, opacity)) * 255).toString(16).padStart(2, '0');
  return `${alpha}${b}${g}${r}`.toLowerCase();
}

/** A style id usable as an XML id and URL fragment. */
const styleId = (id: string): string => `s-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function styleXml(id: string, style: KmlStyle): string {
  const parts = [`<Style id="${styleId(id)}">`];
  parts.push(`<IconStyle><color>${kmlColour(style.iconColour ?? style.lineColour)}</color></IconStyle>`);
  parts.push(`<LineStyle><color>${kmlColour(style.lineColour)}</color><width>${style.lineWidth ?? 2}</width></LineStyle>`);
  parts.push(
    style.fillColour === undefined
      ? '<PolyStyle><fill>0</fill></PolyStyle>'
      : `<PolyStyle><color>${kmlColour(style.fillColour, style.fillOpacity ?? 0.5)}</color></PolyStyle>`,
  );
  parts.push('</Style>');
  return parts.join('');
}

const coordinates = (positions: readonly Position[]): string =>
  `<coordinates>${positions.map((position) => `${position[0]},${position[1]},0`).join(' ')}</coordinates>`;

function polygonXml(rings: readonly Position[][]): string {
  const [outer, ...holes] = rings;
  return (
    `<Polygon><outerBoundaryIs><LinearRing>${coordinates(outer)}</LinearRing></outerBoundaryIs>` +
    holes.map((hole) => `<innerBoundaryIs><LinearRing>${coordinates(hole)}</LinearRing></innerBoundaryIs>`).join('') +
    '</Polygon>'
  );
}

function geometryXml(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString><tessellate>1</tessellate>${coordinates(geometry.coordinates)}</LineString>`;
    case 'Polygon':
      return polygonXml(geometry.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${geometry.coordinates.map((point) => `<Point>${coordinates([point])}</Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${geometry.coordinates.map((line) => geometryXml({ type: 'LineString', coordinates: line })).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map(polygonXml).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${geometry.geometries.map(geometryXml).join('')}</MultiGeometry>`;
  }
}

const fieldText = (value: KmlFieldValue): string => (value === null ? '' : String(value));

/** The balloon's table: one row per field, every name and value HTML-escaped (the caller XML-escapes the whole). */
function descriptionTable(fields: KmlPlacemark['fields']): string {
  const rows = fields.map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(fieldText(value))}</td></tr>`);
  return `<table>${rows.join('')}</table>`;
}

/**
 * A KML document: styles first, then one Placemark per entry (name, style, description table, ExtendedData,
 * geometry in longitude,latitude order).
 *
 * @example toKml({ name: 'Vùng sóng yếu', styles: { weak: { lineColour: '#d7301f', fillColour: '#d7301f' } },
 *   placemarks: [{ name: 'Z1', style: 'weak', fields: [['households', 120]], geometry }] })
 */
export function toKml(document: KmlDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${escapeXml(document.name)}</name>`,
  ];
  for (const [id, style] of Object.entries(document.styles ?? {})) lines.push(styleXml(id, style));
  for (const placemark of document.placemarks) {
    lines.push(
      '<Placemark>',
      `<name>${escapeXml(placemark.name)}</name>`,
      ...(placemark.style === undefined ? [] : [`<styleUrl>#${styleId(placemark.style)}</styleUrl>`]),
      `<description>${escapeXml(descriptionTable(placemark.fields))}</description>`,
      '<ExtendedData>',
      ...placemark.fields.map(([name, value]) => `<Data name="${escapeXml(name)}"><value>${escapeXml(fieldText(value))}</value></Data>`),
      '</ExtendedData>',
      geometryXml(placemark.geometry),
      '</Placemark>',
    );
  }
  lines.push('</Document>', '</kml>', '');
  return lines.join('\n');
}

/**
 * Per-site fields from its cells: operator, technology, status, the number of cells, then every radio field
 * (`RADIO_FIELDS`; the optional ones where a cell has a value). Values shared by every cell are written once,
 * sector values joined by "/"; azimuths always per sector ("omni" for none).
 */
function siteFields(site: KmlSite): Array<[string, string]> {
  const join = (values: Array<string | number | null>): string => {
    const texts = values.map((value) => (value === null ? '' : String(value)));
    return texts.every((text) => text === texts[0]) ? texts[0] : texts.join(' / ');
  };
  const { cells } = site;
  const fields: Array<[string, string]> = [
    ['operator', join(cells.map((cell) => cell.operator))],
    ['technology', join(cells.map((cell) => cell.technology))],
    ['status', join(cells.map((cell) => cell.status))],
    ['cells', String(cells.length)],
  ];
  for (const key of RADIO_FIELD_KEYS) {
    const { column, optional } = RADIO_FIELDS[key];
    if (key === 'azimuthDeg') fields.push([column, cells.map((cell) => (cell.azimuthDeg === null ? 'omni' : String(cell.azimuthDeg))).join(' / ')]);
    else if (!optional || cells.some((cell) => cell[key] !== null)) fields.push([column, join(cells.map((cell) => cell[key]))]);
  }
  for (const [name, value] of Object.entries(site.data ?? {})) fields.push([name, String(value)]);
  return fields;
}

/** Site marker colours by status (ColorBrewer "Paired": blue existing, green planned, orange proposed). */
export const SITE_STATUS_STYLES: Readonly<Record<Cell['status'], KmlStyle>> = {
  existing: { lineColour: '#1f78b4' },
  planned: { lineColour: '#33a02c' },
  proposed: { lineColour: '#ff7f00' },
};

/**
 * The sites as a KML document (UTF-8 text), one Placemark per site styled by its status (the first cell's).
 *
 * @example sitesToKml([{ siteId: 'NEW-001', lon: 106.68, lat: 20.86, cells, data: { households_gained: 412 } }], 'Trạm mới')
 */
export function sitesToKml(sites: readonly KmlSite[], documentName: string): string {
  return toKml({
    name: documentName,
    styles: SITE_STATUS_STYLES,
    placemarks: sites.map((site) => ({
      name: site.siteId,
      style: site.cells[0]?.status,
      fields: siteFields(site),
      geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
    })),
  });
}
