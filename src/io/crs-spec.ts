/**
 * Reading a CRS from what users write or files carry: a spec string (`EPSG:3405`, `vn2000-tm3:105.75`,
 * `vn2000-tm3:105°45'`, `vn2000-utm:48`, `wgs84-utm:48`, `vn2000`, `wgs84`) or a .prj / GeoJSON WKT
 * (ESRI WKT1, OGC WKT1 or WKT2, parsed with proj4's own wkt-parser).
 */
import parseWkt from 'wkt-parser';
import { crsFromEpsg, utmNorth, vn2000Tm3, VN2000_GEOGRAPHIC, WGS84, type Crs, type Datum } from './crs.ts';
import { parseDms } from './dms.ts';

export type CrsReading = { ok: true; crs: Crs } | { ok: false; error: string };

/** The spec forms, for messages. */
export const CRS_SPEC_FORMS =
  'wgs84, vn2000, EPSG:<code> (4326, 4756, 3405, 3406, 326xx, 5896–5899, 9205–9218), vn2000-tm3:<central meridian, e.g. 105.75 or 105°45′>, vn2000-utm:<48|49>, wgs84-utm:<zone>';

/**
 * Parses a CRS spec.
 *
 * @example parseCrsSpec('vn2000-tm3:105°45′') // VN-2000 / TM-3 105°45′ (= EPSG:9210)
 */
export function parseCrsSpec(spec: string): CrsReading {
  const text = spec.trim();
  const folded = text.toLowerCase().replace(/[\s_]/g, '');
  const fail = (): CrsReading => ({ ok: false, error: `unknown CRS '${spec}' (accepted: ${CRS_SPEC_FORMS})` });
  if (/^(wgs84|wgs1984|crs84)$/.test(folded)) return { ok: true, crs: WGS84 };
  if (/^vn-?2000$/.test(folded)) return { ok: true, crs: VN2000_GEOGRAPHIC };
  const epsg = /^epsg:+(\d+)$/.exec(folded);
  if (epsg) {
    const crs = crsFromEpsg(Number(epsg[1]));
    return crs === null ? { ok: false, error: `EPSG:${epsg[1]} is not a CRS phusong converts (accepted: ${CRS_SPEC_FORMS})` } : { ok: true, crs };
  }
  const tm3 = /^vn-?2000-?tm-?3:(.+)$/i.exec(text.replace(/[\s_]/g, ''));
  if (tm3) {
    // 105-45 is how EPSG names the zones: degrees and minutes
    const dashed = /^(\d{2,3})-(\d{1,2})$/.exec(tm3[1]);
    const meridian = dashed ? Number(dashed[1]) + Number(dashed[2]) / 60 : /^\d+(\.\d+)?$/.test(tm3[1]) ? Number(tm3[1]) : parseDms(tm3[1]);
    if (!Number.isFinite(meridian) || meridian < 100 || meridian > 118) {
      return { ok: false, error: `vn2000-tm3 needs a central meridian between 100° and 118° east, got '${tm3[1]}'` };
    }
    return { ok: true, crs: vn2000Tm3(Math.round(meridian * 1e6) / 1e6) };
  }
  const utm = /^(vn-?2000|wgs84)-?utm:(\d{1,2})n?$/.exec(folded);
  if (utm) {
    const zone = Number(utm[2]);
    if (zone < 1 || zone > 60) return { ok: false, error: `UTM zone must be 1…60, got ${zone}` };
    return { ok: true, crs: utmNorth(zone, utm[1].startsWith('vn') ? 'vn2000' : 'wgs84') };
  }
  if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|PROJECTEDCRS|GEOGRAPHICCRS)\s*\[/i.test(text)) return crsFromWkt(text);
  return fail();
}

/** proj4's wkt-parser result: the fields phusong reads. */
interface ParsedWkt {
  projName?: string;
  datumCode?: string;
  name?: string;
  title?: string;
  a?: number;
  rf?: number;
  k0?: number;
  x0?: number;
  y0?: number;
  long0?: number;
  lat0?: number;
  to_meter?: number;
  units?: string;
  datum_params?: number[];
  axis?: string;
}

/** Folds a name for comparison: lower case, letters and digits only. */
const fold = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The datum of a WKT: VN-2000 by name or EPSG id (ESRI writes D_Vietnam_2000, OGC Vietnam_2000, WKT2 the CRS
 * name only), WGS84 likewise; anything else is not supported (no silent datum guess: Hanoi-72, Indian 1960…).
 */
function datumOf(raw: string, parsed: ParsedWkt): Datum | null {
  const datumMatch = /DATUM\s*\[\s*"([^"]*)"/i.exec(raw);
  const names = [parsed.datumCode ?? '', datumMatch?.[1] ?? '', parsed.name ?? '', parsed.title ?? ''].map(fold);
  if (names.some((name) => /vietnam2000|vn2000|epsg4756|epsg6756/.test(name)) || /"EPSG"\s*,\s*"?(4756|6756)\b/.test(raw)) {
    return 'vn2000';
  }
  if (names.slice(0, 2).some((name) => /^(d)?wgs(19)?84$|^worldgeodeticsystem1984$|^epsg(4326|6326)$/.test(name))) return 'wgs84';
  if (/"EPSG"\s*,\s*"?(4326|6326)\b|ID\s*\[\s*"EPSG"\s*,\s*(4326|6326)\b/i.test(raw)) return 'wgs84';
  return null;
}

const RADIANS_TO_DEGREES = 180 / Math.PI;

/**
 * Reads a WKT CRS (a .prj). Supported: geographic or Transverse Mercator (UTM, TM-3, any meridian), metres,
 * on the WGS84 ellipsoid with the WGS84 or VN-2000 datum. A TOWGS84 the file gives is used as given (as PROJ
 * does); a VN-2000 datum without one gets EPSG:4756's parameters.
 */
export function crsFromWkt(wkt: string): CrsReading {
  const raw = wkt.replace(/^\uFEFF/, '').trim();
  let parsed: ParsedWkt;
  try {
    parsed = parseWkt(raw) as ParsedWkt;
  } catch {
    return { ok: false, error: 'not a WKT coordinate system' };
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.projName !== 'string') {
    return { ok: false, error: 'not a WKT coordinate system' };
  }
  const label = parsed.name ?? parsed.title ?? 'unnamed';
  const datum = datumOf(raw, parsed);
  if (datum === null) return { ok: false, error: `datum of '${label}' is not WGS 84 or VN-2000` };
  if (parsed.a !== undefined && (Math.abs(parsed.a - 6378137) > 1e-3 || Math.abs((parsed.rf ?? 0) - 298.257223563) > 1e-6)) {
    return { ok: false, error: `'${label}' is not on the WGS 84 ellipsoid (a = ${parsed.a}, 1/f = ${parsed.rf})` };
  }
  const projection = fold(parsed.projName);
  if (projection === 'longlat') return { ok: true, crs: datum === 'wgs84' ? WGS84 : VN2000_GEOGRAPHIC };
  if (!/^(transversemercator|tmerc|etmerc|gausskruger)$/.test(projection)) {
    return { ok: false, error: `projection '${parsed.projName}' of '${label}' is not Transverse Mercator (UTM/TM-3)` };
  }
  if (parsed.to_meter !== undefined && Math.abs(parsed.to_meter - 1) > 1e-12) {
    return { ok: false, error: `'${label}' is not in metres (unit: ${parsed.units ?? parsed.to_meter})` };
  }
  const towgs84 = parsed.datum_params;
  const crs: Crs = {
    kind: 'transverse-mercator',
    datum,
    name: label,
    lon0Deg: roundDegrees((parsed.long0 ?? 0) * RADIANS_TO_DEGREES),
    lat0Deg: roundDegrees((parsed.lat0 ?? 0) * RADIANS_TO_DEGREES),
    scale: parsed.k0 ?? 1,
    falseEastingM: parsed.x0 ?? 0,
    falseNorthingM: parsed.y0 ?? 0,
  };
  if (datum === 'vn2000' && Array.isArray(towgs84) && towgs84.length === 7) crs.towgs84 = towgs84;
  return { ok: true, crs };
}

/** Radians → degrees leaves 105.75000000000001; parameters are written to far fewer decimals. */
function roundDegrees(degrees: number): number {
  return Math.round(degrees * 1e9) / 1e9;
}
