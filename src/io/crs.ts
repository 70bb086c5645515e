/**
 * Coordinate reference systems the department's files use, and their transformation to WGS84 longitude/latitude
 * (crs-transform.ts, through proj4): WGS84, VN-2000 geographic (EPSG:4756), VN-2000 / UTM 48N and 49N (EPSG:3405, 3406), and VN-2000
 * TM-3° with any central meridian (the provincial zones of Circular 973/2001/TT-TCĐC: scale 0.9999, false easting
 * 500 km; e.g. Hải Phòng 105°45′ = EPSG:9210, former Hải Dương 105°30′ = EPSG:9209), plus WGS84 / UTM.
 * VN-2000 ↔ WGS84 is the 7-parameter Helmert transformation of EPSG:4756 (Decision 05/2007/QĐ-BTNMT), written as
 * PROJ writes it for EPSG:4756 (position-vector `+towgs84`; `projinfo EPSG:4756 -o PROJ`).
 */

export type Datum = 'wgs84' | 'vn2000';

/** A CRS phusong can transform: geographic degrees, or Transverse Mercator metres (UTM and TM-3 are both). */
export type Crs =
  | { kind: 'geographic'; datum: Datum; name: string }
  | {
      kind: 'transverse-mercator';
      datum: Datum;
      name: string;
      /** Central meridian, degrees east. */
      lon0Deg: number;
      /** Latitude of origin, degrees. */
      lat0Deg: number;
      scale: number;
      falseEastingM: number;
      falseNorthingM: number;
      /** Seven Helmert parameters (PROJ `+towgs84`, position vector) when the file gave its own; else the datum's. */
      towgs84?: readonly number[];
    };

/** EPSG:4756's VN-2000 → WGS84 parameters as PROJ 9 writes them (metres, arc-seconds, ppm; position vector). */
export const VN2000_TOWGS84 = [
  -191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278,
] as const;

/** Scale factor and false easting of the VN-2000 provincial TM-3° zones (Circular 973/2001/TT-TCĐC). */
export const TM3_SCALE = 0.9999;
export const TM3_FALSE_EASTING_M = 500_000;

export const WGS84: Crs = { kind: 'geographic', datum: 'wgs84', name: 'WGS 84' };
export const VN2000_GEOGRAPHIC: Crs = { kind: 'geographic', datum: 'vn2000', name: 'VN-2000' };

/** Central meridians (degrees) of the VN-2000 TM-3 zones that have an EPSG code. */
const TM3_EPSG: Record<number, number> = {
  5896: 102, 5897: 105, 5898: 108, 5899: 107.75,
  9205: 103, 9206: 104, 9207: 104.5, 9208: 104.75, 9209: 105.5, 9210: 105.75, 9211: 106,
  9212: 106.25, 9213: 106.5, 9214: 107, 9215: 107.25, 9216: 107.5, 9217: 108.25, 9218: 108.5,
};

/** Central meridian written as degrees and minutes, as Vietnamese documents name the zones: 105°45′. */
export function formatMeridian(lon0Deg: number): string {
  const degrees = Math.floor(lon0Deg);
  const minutes = Math.round((lon0Deg - degrees) * 60);
  return minutes === 0 ? `${degrees}°` : `${degrees}°${String(minutes).padStart(2, '0')}′`;
}

/** VN-2000 TM-3° zone with central meridian `lon0Deg` (k = 0.9999, false easting 500 km). */
export function vn2000Tm3(lon0Deg: number): Crs {
  return {
    kind: 'transverse-mercator',
    datum: 'vn2000',
    name: `VN-2000 / TM-3 ${formatMeridian(lon0Deg)}`,
    lon0Deg,
    lat0Deg: 0,
    scale: TM3_SCALE,
    falseEastingM: TM3_FALSE_EASTING_M,
    falseNorthingM: 0,
  };
}

/** UTM zone `zone` north (central meridian 6·zone − 183°, k = 0.9996) on the given datum. */
export function utmNorth(zone: number, datum: Datum): Crs {
  return {
    kind: 'transverse-mercator',
    datum,
    name: `${datum === 'vn2000' ? 'VN-2000' : 'WGS 84'} / UTM ${zone}N`,
    lon0Deg: 6 * zone - 183,
    lat0Deg: 0,
    scale: 0.9996,
    falseEastingM: 500_000,
    falseNorthingM: 0,
  };
}

/** The CRS of an EPSG code phusong supports, or null. */
export function crsFromEpsg(code: number): Crs | null {
  if (code === 4326) return WGS84;
  if (code === 4756) return VN2000_GEOGRAPHIC;
  if (code === 3405 || code === 3406) return utmNorth(code - 3357, 'vn2000');
  if (code >= 32601 && code <= 32660) return utmNorth(code - 32600, 'wgs84');
  const meridian = TM3_EPSG[code];
  return meridian === undefined ? null : vn2000Tm3(meridian);
}

/** The EPSG code of a CRS when it is exactly one phusong knows (for .prj and report labels), else null. */
export function epsgOf(crs: Crs): number | null {
  if (crs.kind === 'geographic') return crs.datum === 'wgs84' ? 4326 : 4756;
  if (crs.towgs84 !== undefined || crs.lat0Deg !== 0 || crs.falseNorthingM !== 0 || crs.falseEastingM !== 500_000) return null;
  if (crs.scale === 0.9996 && Number.isInteger((crs.lon0Deg + 183) / 6)) {
    const zone = (crs.lon0Deg + 183) / 6;
    if (crs.datum === 'wgs84') return 32600 + zone;
    if (zone === 48 || zone === 49) return 3357 + zone;
    return null;
  }
  if (crs.scale !== TM3_SCALE || crs.datum !== 'vn2000') return null;
  for (const [code, meridian] of Object.entries(TM3_EPSG)) if (meridian === crs.lon0Deg) return Number(code);
  return null;
}

/** The proj4 definition string of a CRS (the same string PROJ accepts, so the reference values use it too). */
export function proj4Definition(crs: Crs): string {
  const datum =
    crs.datum === 'wgs84'
      ? '+datum=WGS84'
      : `+ellps=WGS84 +towgs84=${((crs.kind === 'transverse-mercator' && crs.towgs84) || VN2000_TOWGS84).join(',')}`;
  if (crs.kind === 'geographic') return `+proj=longlat ${datum} +no_defs`;
  return (
    `+proj=tmerc +lat_0=${crs.lat0Deg} +lon_0=${crs.lon0Deg} +k=${crs.scale} +x_0=${crs.falseEastingM} ` +
    `+y_0=${crs.falseNorthingM} ${datum} +units=m +no_defs`
  );
}

export function isProjected(crs: Crs): boolean {
  return crs.kind === 'transverse-mercator';
}

/** Converts coordinates of one CRS to WGS84 longitude/latitude and back. */
export interface CrsTransform {
  crs: Crs;
  /** [lon, lat] in WGS84 degrees, or null when the point cannot be transformed or lies outside the CRS's area. */
  toWgs84(x: number, y: number): [number, number] | null;
  /** [x, y] in the CRS (easting, northing in metres; or lon, lat in degrees). */
  fromWgs84(lon: number, lat: number): [number, number];
}
