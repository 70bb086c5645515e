/**
 * GeoJSON reading and checking shared by every layer: the file must be a FeatureCollection (or one Feature, or a
 * bare array of Features, read as their FeatureCollection with a note) in WGS84 or converted to it; each feature is
 * checked for the layer's geometry types, then semantically (positions in range and not swapped, enough
 * positions, closed rings), then structurally with geojson-validation. A feature that fails any check is
 * rejected with the first problem found; the rest are kept.
 */
import gjv from 'geojson-validation';
import type { Geometry } from 'geojson';
import { normalizeKeyword } from '../core/normalize-keyword.ts';
import { checkLonLat } from './check-position.ts';
import type { IssueCode } from './import-result.ts';
import type { IssueLog, IssueParams } from './issue-log.ts';
import { describeJsonError, readJson } from './read-json.ts';
import type { FeatureSource } from './layer-source.ts';

export type AcceptedGeometry = 'Point' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

/** A feature that passed `checkFeature`: its geometry is one of the accepted types, with valid positions. */
export interface CheckedFeature {
  index: number;
  /** The feature's `id` member as a string, or null. */
  id: string | null;
  properties: Record<string, unknown>;
  geometry: Geometry;
}

/** Names that mean WGS84 longitude/latitude in a legacy `crs` member (RFC 7946 dropped `crs`: WGS84 is implied). */
const WGS84_CRS = /(CRS84|CRS:84|EPSG::?4326)$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Set on a converted feature (read-layer-file.ts) whose coordinates could not be taken to WGS84 from the file's
 * CRS: checkFeature rejects it with this problem rather than look at positions still in the file's CRS.
 */
export const CONVERSION_PROBLEM = Symbol('phusong.conversionProblem');

export interface ConversionProblem {
  code: IssueCode;
  params: IssueParams;
}

/** A GeoJSON text's features and the name its legacy `crs` member gives (null without one). */
export interface GeoJsonRoot {
  features: unknown[];
  crsName: string | null;
}

/**
 * Parses a GeoJSON text down to its features, or logs one whole-file failure and returns null: empty, not JSON,
 * not a FeatureCollection (or one Feature), or a `crs` member naming a system `knownCrs` refuses. A bare array is
 * taken as the features of a FeatureCollection, with a whole-file note.
 */
export function readGeoJsonRoot(text: string, log: IssueLog, knownCrs: (name: string) => boolean): GeoJsonRoot | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    log.failFile('file-empty');
    return null;
  }
  const read = readJson(body);
  if (!read.ok) {
    log.failFile('file-unparseable', { format: 'GeoJSON', detail: describeJsonError(read, 'en'), detailVi: describeJsonError(read, 'vi') });
    return null;
  }
  const json = read.value;
  if (Array.isArray(json)) {
    // some tools write the features array alone: it can only mean a FeatureCollection of them
    log.noteFile('feature-array-root', undefined, { count: json.length });
    return { features: json, crsName: null };
  }
  if (!isRecord(json)) {
    log.failFile('invalid-geojson', { detail: `the file must hold a FeatureCollection object, not ${json === null ? 'null' : `a ${typeof json}`}` });
    return null;
  }
  const crsName = isRecord(json.crs) && isRecord(json.crs.properties) ? json.crs.properties.name : undefined;
  if (typeof crsName === 'string' && !knownCrs(crsName.trim())) {
    log.failFile('unsupported-crs', { value: crsName });
    return null;
  }
  const root = (features: unknown[]): GeoJsonRoot => ({ features, crsName: typeof crsName === 'string' ? crsName.trim() : null });
  if (json.type === 'Feature') return root([json]);
  if (json.type !== 'FeatureCollection') {
    log.failFile('invalid-geojson', {
      detail: `the file must hold a FeatureCollection, not ${JSON.stringify(json.type ?? null)}`,
    });
    return null;
  }
  if (!Array.isArray(json.features)) {
    log.failFile('invalid-geojson', { detail: 'the FeatureCollection has no "features" array' });
    return null;
  }
  return root(json.features);
}

/**
 * The features to check: converted features (KML, Shapefile, GeoJSON read by read-layer-file.ts) as they are;
 * a text parsed by `readGeoJsonRoot`, which must be in WGS84 (a `crs` member naming anything else fails the file:
 * only read-layer-file.ts converts). Null when the file failed (logged).
 */
export function readFeatures(source: string | FeatureSource, log: IssueLog): unknown[] | null {
  if (typeof source !== 'string') return source.features;
  return readGeoJsonRoot(source, log, (name) => WGS84_CRS.test(name))?.features ?? null;
}

interface GeometryProblem {
  code: IssueCode;
  params?: IssueParams;
}

/** A position must be an array of at least two finite numbers, [lon, lat] in range and not swapped. */
function checkPosition(position: unknown): GeometryProblem | null {
  if (!Array.isArray(position) || position.length < 2) {
    return { code: 'invalid-geojson', params: { detail: `position ${JSON.stringify(position)} is not [longitude, latitude]` } };
  }
  const [lon, lat] = position;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return { code: 'invalid-geojson', params: { detail: `position ${JSON.stringify(position)} must hold numbers` } };
  }
  const problem = checkLonLat(lon, lat);
  return problem === null ? null : { code: problem, params: { lon, lat } };
}

function checkLine(line: unknown, minPositions: number, part: 'line' | 'ring', ring: number): GeometryProblem | null {
  if (!Array.isArray(line)) {
    return { code: 'invalid-geojson', params: { detail: `a ${part} must be an array of positions` } };
  }
  for (const position of line) {
    const problem = checkPosition(position);
    if (problem !== null) return problem;
  }
  if (line.length < minPositions) {
    return { code: 'too-few-positions', params: { part, count: line.length, min: minPositions } };
  }
  if (part === 'ring') {
    const first = line[0] as number[];
    const last = line[line.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return { code: 'unclosed-ring', params: { ring, first: `${first[0]}, ${first[1]}`, last: `${last[0]}, ${last[1]}` } };
    }
  }
  return null;
}

function checkParts(
  parts: unknown,
  checkPart: (part: unknown, index: number) => GeometryProblem | null,
): GeometryProblem | null {
  if (!Array.isArray(parts) || parts.length === 0) {
    return { code: 'invalid-geojson', params: { detail: 'coordinates must be a non-empty array' } };
  }
  for (let i = 0; i < parts.length; i++) {
    const problem = checkPart(parts[i], i);
    if (problem !== null) return problem;
  }
  return null;
}

/** Rings are numbered from 1 across the whole geometry (outer rings and holes alike), as a person counts them. */
function checkPolygon(rings: unknown, firstRing: number): GeometryProblem | null {
  return checkParts(rings, (ring, i) => checkLine(ring, 4, 'ring', firstRing + i));
}

function checkCoordinates(type: AcceptedGeometry, coordinates: unknown): GeometryProblem | null {
  switch (type) {
    case 'Point':
      return checkPosition(coordinates);
    case 'LineString':
      return checkLine(coordinates, 2, 'line', 0);
    case 'MultiLineString':
      return checkParts(coordinates, (line) => checkLine(line, 2, 'line', 0));
    case 'Polygon':
      return checkPolygon(coordinates, 1);
    case 'MultiPolygon': {
      let ringsBefore = 1;
      return checkParts(coordinates, (polygon) => {
        const problem = checkPolygon(polygon, ringsBefore);
        if (Array.isArray(polygon)) ringsBefore += polygon.length;
        return problem;
      });
    }
  }
}

/**
 * Checks one feature for a layer that accepts `accepted` geometry types; logs the first problem and
 * returns null when the feature is rejected.
 */
export function checkFeature(
  feature: unknown,
  index: number,
  accepted: readonly AcceptedGeometry[],
  log: IssueLog,
): CheckedFeature | null {
  const conversion = isRecord(feature) ? (feature as { [CONVERSION_PROBLEM]?: ConversionProblem })[CONVERSION_PROBLEM] : undefined;
  if (conversion !== undefined) {
    log.reject(index, conversion.code, undefined, conversion.params);
    return null;
  }
  if (!isRecord(feature) || feature.type !== 'Feature') {
    log.reject(index, 'invalid-geojson', undefined, { detail: firstTrace(gjv.isFeature(feature, true)) ?? 'not a Feature' });
    return null;
  }
  const geometry = feature.geometry;
  if (geometry === null || geometry === undefined) {
    log.reject(index, 'missing-geometry');
    return null;
  }
  if (!isRecord(geometry) || typeof geometry.type !== 'string') {
    log.reject(index, 'invalid-geojson', undefined, { detail: 'geometry must be an object with a "type"' });
    return null;
  }
  if (!(accepted as readonly string[]).includes(geometry.type)) {
    log.reject(index, 'wrong-geometry-type', undefined, { value: geometry.type, allowed: accepted.join(', ') });
    return null;
  }
  const problem = checkCoordinates(geometry.type as AcceptedGeometry, geometry.coordinates);
  if (problem !== null) {
    log.reject(index, problem.code, undefined, problem.params);
    return null;
  }
  // structure the semantic checks do not cover: the "properties" member, bbox, stray members
  const trace = firstTrace(gjv.isFeature(feature, true));
  if (trace !== null) {
    log.reject(index, 'invalid-geojson', undefined, { detail: trace });
    return null;
  }
  const id = feature.id;
  return {
    index,
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    properties: propertiesOf(feature),
    geometry: geometry as unknown as Geometry,
  };
}

function firstTrace(trace: string[] | boolean): string | null {
  return Array.isArray(trace) && trace.length > 0 ? trace[0] : null;
}

/** The `properties` object of a raw feature, or {} when it has none (also for features yet to be checked). */
export function propertiesOf(feature: unknown): Record<string, unknown> {
  return isRecord(feature) && isRecord(feature.properties) ? feature.properties : {};
}

/**
 * Properties looked up by name folded as table headers are (`findColumn`: case, diacritics, spaces and punctuation
 * ignored, so a Shapefile's `KINH_DO` is `kinh độ`), aliases in priority order.
 */
export class PropertyReader {
  private readonly keys = new Map<string, string>();

  constructor(private readonly properties: Record<string, unknown>) {
    for (const key of Object.keys(properties)) {
      const folded = normalizeKeyword(key);
      if (!this.keys.has(folded)) this.keys.set(folded, key);
    }
  }

  /** The first alias present with a non-empty value: its key as written and its value as text. */
  find(aliases: readonly string[]): { key: string; text: string } | null {
    for (const alias of aliases) {
      const key = this.keys.get(normalizeKeyword(alias));
      if (key === undefined) continue;
      const text = propertyText(this.properties[key]);
      if (text !== '') return { key, text };
    }
    return null;
  }
}

/** A property value as text: strings trimmed, numbers and booleans as written, null/undefined empty. */
function propertyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
