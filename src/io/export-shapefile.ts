/**
 * Shapefile export (.zip of .shp, .shx, .dbf, .prj and a UTF-8 .cpg) that QGIS and ArcGIS open without a
 * warning. Written here rather than with @mapbox/shp-write: its dBASE writer stores each UTF-16 code unit as one
 * byte, which destroys Vietnamese text, and cuts field names to 10 characters without keeping them unique.
 * Formats: ESRI Shapefile Technical Description (1998) and dBASE III (.dbf). One shapefile per geometry family
 * (points, lines, polygons) in the zip; coordinates in WGS84 or, on request, a VN-2000 CRS (the .prj says which).
 */
import { zipSync } from 'fflate';
import type { Geometry, Position } from 'geojson';
import { WGS84, type Crs } from './crs.ts';
import { crsTransform } from './crs-transform.ts';

export type ShapefileValue = string | number | boolean | null;

export interface ShapefileFeature {
  geometry: Geometry | null;
  properties: Readonly<Record<string, ShapefileValue>>;
}

/** Shape types (ESRI technical description, table 1). */
const SHAPE = { null: 0, point: 1, polyline: 3, polygon: 5, multipoint: 8 } as const;

type Family = 'points' | 'lines' | 'polygons';

/** dBASE field names: at most 10 characters (the 11th byte is the terminator). */
export const MAX_FIELD_NAME = 10;
/** Longest text a dBASE character field holds, in bytes (UTF-8). */
const MAX_TEXT_BYTES = 254;

/**
 * Shortened names for the long column names phusong writes (documented in docs/data-formats.md); any other
 * long name is cut to 10 characters, and a name already taken gets a number in its last characters.
 */
export const FIELD_ABBREVIATIONS: Readonly<Record<string, string>> = {
  households: 'households',
  households_2019: 'hh_2019',
  households_gained: 'hh_gained',
  passed_before: 'passed_bef',
  passed_after: 'passed_aft',
  pct_before: 'pct_before',
  pct_after: 'pct_after',
  extension_m: 'ext_m',
  rs_power_dbm: 'rs_pwr_dbm',
  antenna_gain_dbi: 'ant_gain',
  feeder_loss_db: 'feeder_db',
  beamwidth_deg: 'beamwidth',
  bandwidth_mhz: 'bw_mhz',
  azimuth_deg: 'azimuth',
  technology: 'technology',
  environment: 'environmnt',
  population_2019: 'pop_2019',
  district_name: 'district',
  signal_class: 'sig_class',
  fibre_distance_m: 'fibre_m',
  fibre_passed: 'fibre_pass',
  best_site_id: 'best_site',
  weak_households: 'weak_hh',
  weak_pct: 'weak_pct',
  none_households: 'none_hh',
  good_households: 'good_hh',
  fair_households: 'fair_hh',
  vn2000_easting_m: 'vn_east_m',
  vn2000_northing_m: 'vn_north_m',
};

const COLUMN_OF_ABBREVIATION = new Map(
  Object.entries(FIELD_ABBREVIATIONS)
    .filter(([column, field]) => column !== field)
    .map(([column, field]) => [field.toLowerCase(), column]),
);

/** The column name a field abbreviated by this writer stands for (`hh_2019` → `households_2019`), else the name. */
export function expandFieldName(field: string): string {
  return COLUMN_OF_ABBREVIATION.get(field.toLowerCase()) ?? field;
}

/**
 * dBASE field names for column names, in order: ASCII (Vietnamese letters without diacritics, đ → d, other
 * characters → _), at most 10 characters, unique ignoring case; known long names by FIELD_ABBREVIATIONS.
 *
 * @example shapefileFieldNames(['ward_id', 'households_gained', 'Tên phường']) // ['ward_id', 'hh_gained', 'Ten_phuong']
 */
export function shapefileFieldNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const ascii = (FIELD_ABBREVIATIONS[name] ?? name)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[Đđ]/g, (letter) => (letter === 'Đ' ? 'D' : 'd'))
      .replace(/[^A-Za-z0-9_]/g, '_');
    let field = ascii.slice(0, MAX_FIELD_NAME) || 'field';
    for (let k = 1; taken.has(field.toLowerCase()); k++) {
      const suffix = `_${k}`;
      field = ascii.slice(0, MAX_FIELD_NAME - suffix.length) + suffix;
    }
    taken.add(field.toLowerCase());
    return field;
  });
}

interface FieldSpec {
  column: string;
  name: string;
  type: 'C' | 'N' | 'L';
  length: number;
  decimals: number;
}

/** What writing lost, for the caller to report: text longer than a dBASE field holds (254 bytes). */
export interface ShapefileWarnings {
  truncated: Array<{ column: string; rows: number }>;
}

const encoder = new TextEncoder();

/** Decimals needed to write a number exactly as JavaScript prints it (at most 15). */
function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return 15;
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : Math.min(15, text.length - dot - 1);
}

/** Field types and sizes from the values: numbers → N, booleans → L, anything else → C (UTF-8 bytes). */
function fieldSpecs(columns: readonly string[], rows: ReadonlyArray<Readonly<Record<string, ShapefileValue>>>): FieldSpec[] {
  const names = shapefileFieldNames(columns);
  return columns.map((column, i) => {
    let numeric = true;
    let logical = true;
    let decimals = 0;
    let digits = 1;
    let bytes = 1;
    for (const row of rows) {
      const value = row[column];
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) numeric = false;
      if (typeof value !== 'boolean') logical = false;
      if (typeof value === 'number' && Number.isFinite(value)) {
        decimals = Math.max(decimals, decimalsOf(value));
        digits = Math.max(digits, String(Math.trunc(Math.abs(value))).length + (value < 0 ? 1 : 0));
      }
      bytes = Math.max(bytes, encoder.encode(String(value)).length);
    }
    if (logical && !numeric) return { column, name: names[i], type: 'L', length: 1, decimals: 0 };
    if (numeric) {
      const length = Math.min(254, digits + (decimals > 0 ? decimals + 1 : 0));
      return { column, name: names[i], type: 'N', length: Math.max(length, 1), decimals };
    }
    return { column, name: names[i], type: 'C', length: Math.min(MAX_TEXT_BYTES, bytes), decimals: 0 };
  });
}

/** Cuts UTF-8 bytes to at most `limit` without splitting a character. */
function utf8Prefix(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.length <= limit) return bytes;
  let end = limit;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** The .dbf: dBASE III, UTF-8 text (the .cpg says so), records in order, EOF marker. */
function writeDbf(specs: FieldSpec[], rows: ReadonlyArray<Readonly<Record<string, ShapefileValue>>>, warnings: ShapefileWarnings): Uint8Array {
  const headerLength = 32 + 32 * specs.length + 1;
  const recordLength = 1 + specs.reduce((sum, spec) => sum + spec.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(bytes.buffer);
  const today = new Date();
  view.setUint8(0, 0x03);
  view.setUint8(1, today.getUTCFullYear() - 1900);
  view.setUint8(2, today.getUTCMonth() + 1);
  view.setUint8(3, today.getUTCDate());
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  specs.forEach((spec, i) => {
    const at = 32 + 32 * i;
    bytes.set(encoder.encode(spec.name), at);
    bytes[at + 11] = spec.type.charCodeAt(0);
    bytes[at + 16] = spec.length;
    bytes[at + 17] = spec.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  const truncated = new Map<string, number>();
  rows.forEach((row, k) => {
    let at = headerLength + k * recordLength;
    bytes[at++] = 0x20; // not deleted
    for (const spec of specs) {
      bytes.fill(0x20, at, at + spec.length);
      const value = row[spec.column];
      if (value !== null && value !== undefined) {
        let encoded: Uint8Array;
        if (spec.type === 'N') encoded = encoder.encode((value as number).toFixed(spec.decimals).padStart(spec.length, ' '));
        else if (spec.type === 'L') encoded = encoder.encode(value ? 'T' : 'F');
        else {
          const full = encoder.encode(String(value));
          encoded = utf8Prefix(full, spec.length);
          if (encoded.length < full.length) truncated.set(spec.column, (truncated.get(spec.column) ?? 0) + 1);
        }
        bytes.set(encoded.subarray(0, spec.length), at);
      }
      at += spec.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  for (const [column, count] of truncated) warnings.truncated.push({ column, rows: count });
  return bytes;
}

const familyOf = (geometry: Geometry): Family | null => {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return 'points';
    case 'LineString':
    case 'MultiLineString':
      return 'lines';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygons';
    default:
      return null;
  }
};

/** Twice the signed area of a ring (shoelace): positive when counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum;
}

/** Parts of a geometry as the .shp stores them: polygon outer rings clockwise, holes counter-clockwise. */
function partsOf(geometry: Geometry): Position[][] {
  const oriented = (ring: Position[], clockwise: boolean): Position[] => ((signedArea(ring) < 0) === clockwise ? ring : [...ring].reverse());
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
      return [geometry.coordinates];
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates.map((ring, i) => oriented(ring, i === 0));
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((polygon) => polygon.map((ring, i) => oriented(ring, i === 0)));
    default:
      return [];
  }
}

/** .shp and .shx of one geometry family. */
function writeShp(family: Family, geometries: Array<Geometry | null>): { shp: Uint8Array; shx: Uint8Array } {
  const shapeType = family === 'polygons' ? SHAPE.polygon : family === 'lines' ? SHAPE.polyline : geometries.some((g) => g?.type === 'MultiPoint') ? SHAPE.multipoint : SHAPE.point;
  const contents = geometries.map((geometry) => {
    if (geometry === null) {
      const content = new DataView(new ArrayBuffer(4));
      content.setInt32(0, SHAPE.null, true);
      return content;
    }
    const parts = partsOf(geometry);
    const points = parts.flat();
    if (shapeType === SHAPE.point) {
      const content = new DataView(new ArrayBuffer(20));
      content.setInt32(0, SHAPE.point, true);
      content.setFloat64(4, points[0][0], true);
      content.setFloat64(12, points[0][1], true);
      return content;
    }
    const multipoint = shapeType === SHAPE.multipoint;
    const partBytes = multipoint ? 0 : 4 * parts.length;
    const content = new DataView(new ArrayBuffer(4 + 32 + 4 + (multipoint ? 0 : 4) + partBytes + 16 * points.length));
    content.setInt32(0, shapeType, true);
    writeBox(content, 4, points);
    let at = 36;
    if (!multipoint) {
      content.setInt32(at, parts.length, true);
      at += 4;
    }
    content.setInt32(at, points.length, true);
    at += 4;
    if (!multipoint) {
      let start = 0;
      for (const part of parts) {
        content.setInt32(at, start, true);
        at += 4;
        start += part.length;
      }
    }
    for (const point of points) {
      content.setFloat64(at, point[0], true);
      content.setFloat64(at + 8, point[1], true);
      at += 16;
    }
    return content;
  });
  const shpLength = 100 + contents.reduce((sum, content) => sum + 8 + content.byteLength, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const all = geometries.flatMap((geometry) => (geometry === null ? [] : partsOf(geometry).flat()));
  for (const [file, length] of [[shp, shpLength], [shx, shx.length]] as const) {
    const view = new DataView(file.buffer);
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, shapeType, true);
    writeBox(view, 36, all);
  }
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((content, k) => {
    shpView.setInt32(offset, k + 1, false);
    shpView.setInt32(offset + 4, content.byteLength / 2, false);
    shp.set(new Uint8Array(content.buffer), offset + 8);
    shxView.setInt32(100 + 8 * k, offset / 2, false);
    shxView.setInt32(104 + 8 * k, content.byteLength / 2, false);
    offset += 8 + content.byteLength;
  });
  return { shp, shx };
}

/** Xmin, Ymin, Xmax, Ymax of the points at `at` (zeros when there are none). */
function writeBox(view: DataView, at: number, points: readonly Position[]): void {
  let [xmin, ymin, xmax, ymax] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    xmin = Math.min(xmin, x);
    ymin = Math.min(ymin, y);
    xmax = Math.max(xmax, x);
    ymax = Math.max(ymax, y);
  }
  const box = points.length === 0 ? [0, 0, 0, 0] : [xmin, ymin, xmax, ymax];
  box.forEach((value, i) => view.setFloat64(at + 8 * i, value, true));
}

/**
 * ESRI WKT of a CRS for the .prj, as GDAL writes it (`gdalsrsinfo -o wkt_esri`): QGIS and ArcGIS recognise
 * GCS_WGS_1984 and D_Vietnam_2000 by name and apply VN-2000's transformation from their own databases.
 */
export function esriWkt(crs: Crs): string {
  const vn = crs.datum === 'vn2000';
  const geogcs =
    `GEOGCS["${vn ? 'GCS_VN_2000' : 'GCS_WGS_1984'}",DATUM["${vn ? 'D_Vietnam_2000' : 'D_WGS_1984'}",` +
    'SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  if (crs.kind === 'geographic') return geogcs;
  const number = (value: number): string => (Number.isInteger(value) ? value.toFixed(1) : String(value));
  // the name GDAL gives EPSG's TM-3 zones (VN-2000_TM-3_105-45); others: the CRS name in ESRI's characters
  const minutes = Math.round((crs.lon0Deg % 1) * 60);
  const name =
    vn && crs.scale === 0.9999 && crs.falseEastingM === 500_000
      ? `VN-2000_TM-3_${Math.floor(crs.lon0Deg)}-${String(minutes).padStart(2, '0')}`
      : crs.name.replace(/[^A-Za-z0-9-]+/g, '_').replace(/_+$/, '');
  return (
    `PROJCS["${name}",${geogcs},PROJECTION["Transverse_Mercator"],` +
    `PARAMETER["False_Easting",${number(crs.falseEastingM)}],PARAMETER["False_Northing",${number(crs.falseNorthingM)}],` +
    `PARAMETER["Central_Meridian",${number(crs.lon0Deg)}],PARAMETER["Scale_Factor",${number(crs.scale)}],` +
    `PARAMETER["Latitude_Of_Origin",${number(crs.lat0Deg)}],UNIT["Meter",1.0]]`
  );
}

/** The geometry with its positions taken from WGS84 into `crs`. */
function project(geometry: Geometry, crs: Crs): Geometry {
  const transform = crsTransform(crs);
  const convert = (position: Position): Position => transform.fromWgs84(position[0], position[1]);
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: convert(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(convert) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((line) => line.map(convert)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(convert))) };
    default:
      return geometry;
  }
}

/**
 * Writes features (WGS84 GeoJSON geometries) as a zipped Shapefile named `name`; mixed geometry families go into
 * `name_points`, `name_lines` and `name_polygons`. `columns` gives the fields in order (default: every property
 * name, in first-seen order). Features without geometry are written as null shapes; a GeometryCollection is not
 * a shapefile shape and is written as a null shape too (counted in `warnings.nullShapes`).
 */
export function toShapefileZip(
  name: string,
  features: readonly ShapefileFeature[],
  options: { crs?: Crs; columns?: readonly string[] } = {},
): { zip: Uint8Array; fieldNames: Record<string, string>; warnings: ShapefileWarnings & { nullShapes: number } } {
  const crs = options.crs ?? WGS84;
  const columns = options.columns ?? [...new Set(features.flatMap((feature) => Object.keys(feature.properties)))];
  const warnings = { truncated: [] as ShapefileWarnings['truncated'], nullShapes: 0 };
  const groups = new Map<Family, ShapefileFeature[]>();
  for (const feature of features) {
    const family = feature.geometry === null ? null : familyOf(feature.geometry);
    if (feature.geometry !== null && family === null) warnings.nullShapes++;
    const key = family ?? 'points';
    groups.set(key, [...(groups.get(key) ?? []), family === null ? { ...feature, geometry: null } : feature]);
  }
  const specs = fieldSpecs(columns, features.map((feature) => feature.properties));
  const files: Record<string, Uint8Array> = {};
  const prj = encoder.encode(esriWkt(crs));
  for (const [family, members] of groups) {
    const base = groups.size === 1 ? name : `${name}_${family}`;
    const reprojected = members.map((feature) =>
      feature.geometry === null || (crs.kind === 'geographic' && crs.datum === 'wgs84') ? feature.geometry : project(feature.geometry, crs),
    );
    const { shp, shx } = writeShp(family, reprojected);
    files[`${base}.shp`] = shp;
    files[`${base}.shx`] = shx;
    files[`${base}.dbf`] = writeDbf(specs, members.map((feature) => feature.properties), warnings);
    files[`${base}.prj`] = prj;
    files[`${base}.cpg`] = encoder.encode('UTF-8');
  }
  return { zip: zipSync(files), fieldNames: Object.fromEntries(specs.map((spec) => [spec.column, spec.name])), warnings };
}
