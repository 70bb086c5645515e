/**
 * KML 2.2 export of sites, for operators who work in Google Earth: one Placemark per site (a point, its
 * cells' RF fields in ExtendedData, a plain-text description). All text is data: every string is escaped
 * as XML and characters XML 1.0 cannot carry are replaced, so a site id such as `</name><script>` shows
 * as written and can never become markup.
 */
import { escapeXml } from '../core/escape-xml.ts';
import type { Cell } from '../core/model.ts';

export interface KmlSite {
  siteId: string;
  lon: number;
  lat: number;
  cells: readonly Cell[];
  /** Extra per-site fields (households gained, decision, comment…), shown in order after the RF fields. */
  data?: Readonly<Record<string, string | number>>;
}

/** Per-site fields from its cells: values shared by every cell once, sector values joined by "/". */
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
    ['band_mhz', join(cells.map((cell) => cell.bandMhz))],
    ['height_m', join(cells.map((cell) => cell.heightM))],
    ['azimuth_deg', cells.map((cell) => (cell.azimuthDeg === null ? 'omni' : String(cell.azimuthDeg))).join(' / ')],
    ['tilt_deg', join(cells.map((cell) => cell.tiltDeg))],
    ['rs_power_dbm', join(cells.map((cell) => cell.rsPowerDbm))],
    ['antenna_gain_dbi', join(cells.map((cell) => cell.antennaGainDbi))],
  ];
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
