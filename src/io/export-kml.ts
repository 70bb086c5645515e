/**
 * KML 2.2 export of sites, for operators who work in Google Earth: one Placemark per site (a point, its
 * cells' radio fields in ExtendedData, a plain-text description). All text is data: every string is escaped
 * as XML and characters XML 1.0 cannot carry are replaced, so a site id such as `</name><script>` shows
 * as written and can never become markup.
 */
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

/** Characters not allowed in XML 1.0 documents (controls other than tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for XML element content and attribute values (& < > " ') and replaces characters XML 1.0
 * cannot represent by U+FFFD.
 *
 * @example escapeXml('A & B <C>') // 'A &amp; B &lt;C&gt;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
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

/**
 * The sites as a KML document (UTF-8 text). Coordinates are written lon,lat as KML requires.
 *
 * @example sitesToKml([{ siteId: 'NEW-001', lon: 106.68, lat: 20.86, cells, data: { households_gained: 412 } }], 'Trạm mới')
 */
export function sitesToKml(sites: readonly KmlSite[], documentName: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${escapeXml(documentName)}</name>`,
  ];
  for (const site of sites) {
    const fields = siteFields(site);
    lines.push(
      '<Placemark>',
      `<name>${escapeXml(site.siteId)}</name>`,
      `<description>${escapeXml(fields.map(([name, value]) => `${name}: ${value}`).join('\n'))}</description>`,
      '<ExtendedData>',
      ...fields.map(([name, value]) => `<Data name="${escapeXml(name)}"><value>${escapeXml(value)}</value></Data>`),
      '</ExtendedData>',
      `<Point><coordinates>${site.lon},${site.lat},0</coordinates></Point>`,
      '</Placemark>',
    );
  }
  lines.push('</Document>', '</kml>', '');
  return lines.join('\n');
}
