/**
 * Households layer: points from CSV or GeoJSON into flat typed arrays (docs/data-formats.md "Households").
 * The CSV path reads papaparse's arrays by column index, without an object per row: 600,000 rows are
 * the normal case.
 */
import type { HouseholdPoints } from '../core/model.ts';
import { checkFeature, PropertyReader, readFeatures } from './check-geojson.ts';
import type { ImportResult } from './import-result.ts';
import { findFirstOccurrences } from './find-duplicates.ts';
import { withoutIds } from '../core/household-ids.ts';
import { ID_UNITS_EXPECTED, JoinedIdsBuilder } from './joined-ids-builder.ts';
import { IssueLog } from './issue-log.ts';
import { type FeatureSource, type LayerSource, sheetOf, type TableOptions, type TableSource } from './layer-source.ts';
import { sniffTextFormat } from './sniff-text-format.ts';
import { checkLonLat } from './check-position.ts';
import {
  type CsvLineVisitor,
  type CsvRowVisitor,
  findColumn,
  LAT_ALIASES,
  LON_ALIASES,
  parseDecimal,
  parsePlainDecimal,
  readCoordinates,
  readTable,
  recordBound,
  rejectMalformedRow,
} from './read-csv.ts';

/** Column (and GeoJSON property) names per field, in priority order, Vietnamese headers after the documented one. */
export const HOUSEHOLD_COLUMNS = {
  id: ['household_id', 'id', 'mã hộ'],
  lon: LON_ALIASES,
  lat: LAT_ALIASES,
  count: ['count', 'số hộ'],
  wardId: ['ward_id', 'mã đơn vị', 'mã xã'],
} as const;

/** Largest `count` accepted at one point: far above any building, well below a typo like 1e9. */
const MAX_HOUSEHOLDS_PER_POINT = 100_000;

const DEFAULTED_COUNT = 1;
const DEFAULTED_ID = 2;

/**
 * Fills flat arrays of household points, then rejects repeated ids (the first occurrence is kept).
 * Ids are checked in one pass at the end, in typed arrays (find-duplicates.ts) rather than a Set grown row
 * by row, which costs a fifth of a second on 600,000 rows. They are kept as one text (`JoinedIds`), not a string
 * apiece.
 */
class HouseholdCollector {
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly count: Uint32Array;
  private readonly places: Int32Array;
  /** Per point: DEFAULTED_COUNT | DEFAULTED_ID, counted into notes for the points finally kept. */
  private readonly defaulted: Uint8Array;
  private readonly ids: JoinedIdsBuilder;
  private readonly wardIds: (string | null)[];
  /**
   * One string per distinct ward id: 600,000 points share a few hundred ward ids, and keeping one copy
   * per row would hand the garbage collector 600,000 strings to promote.
   */
  private readonly sharedWardIds = new Map<string, string>();
  private length = 0;

  /**
   * A point without an id gets `idPrefix` + its place: `row-7` (CSV), `feature-6` (GeoJSON). `idUnits` is the
   * code units the ids are expected to take in all.
   */
  constructor(
    capacity: number,
    idUnits: number,
    private readonly idPrefix: 'row-' | 'feature-',
  ) {
    this.defaulted = new Uint8Array(capacity);
    this.lon = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.count = new Uint32Array(capacity);
    this.places = new Int32Array(capacity);
    this.ids = new JoinedIdsBuilder(capacity, idUnits);
    // sized once: arrays grown by push leave their earlier copies (megabytes on a city) to the collector
    this.wardIds = new Array<string | null>(capacity);
  }

  /**
   * `count` 0 = empty in the file, kept as 1; the id is `idText` from `idStart` to `idEnd` (the whole string by
   * default: a CSV line's id is read where it lies in the file's text), or null = none in the file, generated
   * from the place.
   */
  add(place: number, lon: number, lat: number, count: number, wardId: string | null, idText: string | null, idStart = 0, idEnd = idText?.length ?? 0): void {
    const k = this.length++;
    this.defaulted[k] = (count === 0 ? DEFAULTED_COUNT : 0) | (idText === null ? DEFAULTED_ID : 0);
    this.lon[k] = lon;
    this.lat[k] = lat;
    this.count[k] = count === 0 ? 1 : count;
    this.places[k] = place;
    if (idText === null) this.ids.add(`${this.idPrefix}${place}`);
    else this.ids.add(idText, idStart, idEnd);
    this.wardIds[k] = wardId === null ? null : this.share(wardId);
  }

  private share(wardId: string): string {
    const shared = this.sharedWardIds.get(wardId);
    if (shared !== undefined) return shared;
    this.sharedWardIds.set(wardId, wardId);
    return wardId;
  }

  /**
   * Rejects repeated ids and returns the kept points, compacted. `columns` name the id and count in the
   * report (the CSV header as written; the documented names for GeoJSON).
   */
  finish(log: IssueLog, columns: { id: string; count: string }): HouseholdPoints {
    // the capacity is an upper bound (recordBound): no holes past the last point
    this.wardIds.length = this.length;
    const ids = this.ids.finish();
    const firstOccurrence = findFirstOccurrences(ids);
    const repeated: number[] = [];
    let kept = 0;
    let defaultedCounts = 0;
    let generatedIds = 0;
    for (let k = 0; k < this.length; k++) {
      const first = firstOccurrence[k];
      if (first !== -1) {
        log.reject(this.places[k], 'duplicate-id', columns.id, { value: ids.at(k)!, first: this.places[first] });
        repeated.push(k);
        continue;
      }
      if (this.defaulted[k] & DEFAULTED_COUNT) defaultedCounts++;
      if (this.defaulted[k] & DEFAULTED_ID) generatedIds++;
      if (kept !== k) {
        this.lon[kept] = this.lon[k];
        this.lat[kept] = this.lat[k];
        this.count[kept] = this.count[k];
        this.wardIds[kept] = this.wardIds[k];
      }
      kept++;
    }
    this.wardIds.length = kept;
    const placeName = this.idPrefix === 'row-' ? 'row number' : 'feature index';
    if (generatedIds > 0) log.countDefault(columns.id, `${this.idPrefix}<${placeName}>`, generatedIds);
    if (defaultedCounts > 0) log.countDefault(columns.count, 1, defaultedCounts);
    return {
      length: kept,
      ids: withoutIds(ids, repeated),
      // views, not copies: the capacity is only a little above the points kept, and a copy is fresh memory to touch
      lon: this.lon.subarray(0, kept),
      lat: this.lat.subarray(0, kept),
      count: this.count.subarray(0, kept),
      wardId: this.wardIds,
    };
  }
}

/**
 * Reads a `count` cell: a whole number 1…MAX_HOUSEHOLDS_PER_POINT; 0 when empty (the point counts 1, noted
 * once per file); −1 when the row must be rejected. A written count of 0 is rejected rather than kept: a
 * point without households is not a household point, and listing it lets the planner fix or drop it knowingly.
 */
function readCount(text: string, place: number, column: string, decimalComma: boolean, log: IssueLog): number {
  if (text === '' || text.trim() === '') return 0;
  const value = parseDecimal(text, decimalComma);
  if (Number.isNaN(value)) log.reject(place, 'not-a-number', column, { value: text });
  else if (!Number.isInteger(value)) log.reject(place, 'not-an-integer', column, { value: text });
  else if (value < 1 || value > MAX_HOUSEHOLDS_PER_POINT) {
    log.reject(place, 'out-of-range', column, { value: text, min: 1, max: MAX_HOUSEHOLDS_PER_POINT });
  } else return value;
  return -1;
}

/**
 * Whether trimming the text from `start` to `end` (a cell) would leave it as it is, for sure: it is empty, or it
 * begins and ends with a character that is not white space (else the record visitor trims it).
 */
function isTrimmed(text: string, start: number, end: number): boolean {
  return start === end || (isSurelyNotSpace(text.charCodeAt(start)) && isSurelyNotSpace(text.charCodeAt(end - 1)));
}

/** Printable ASCII and the letters of U+00A1…U+167F: none of them is white space that `String.trim` removes. */
function isSurelyNotSpace(code: number): boolean {
  return (code > 32 && code < 127) || (code > 160 && code < 0x1680);
}

/** A ward id cell: trimmed, empty = null (the point is located in the ward polygons). */
function readWardId(text: string | undefined): string | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Parses a households file, CSV or GeoJSON (told apart by `sniffTextFormat`: a leading '{'/'[' or the name), a
 * workbook sheet or converted features (read-layer-file.ts); `options` rename columns and give the CRS of table
 * coordinates. Never throws.
 * Without an id the point gets `row-<row>` (CSV, sheet) or `feature-<index>` (GeoJSON), noted once per file.
 */
export function parseHouseholds(source: LayerSource, file: string, options: TableOptions = {}): ImportResult<HouseholdPoints> {
  if (typeof source === 'string') {
    return sniffTextFormat(file, source) === 'geojson' ? parseHouseholdsGeoJson(source, file) : parseHouseholdsCsv(source, file, options);
  }
  return source.kind === 'features' ? parseHouseholdsGeoJson(source, file) : parseHouseholdsCsv(source, file, options);
}

function emptyPoints(): HouseholdPoints {
  return { length: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0), count: new Uint32Array(0), wardId: [] };
}

function parseHouseholdsCsv(source: TableSource, file: string, options: TableOptions): ImportResult<HouseholdPoints> {
  const log = new IssueLog(file, 'row', sheetOf(source));
  const rows = recordBound(source);
  const points = new HouseholdCollector(rows, rows * ID_UNITS_EXPECTED, 'row-');
  const columns = { id: 'household_id', count: 'count' };
  const transform = options.transform ?? null;
  let read = 0;
  readTable(source, log, options, ({ cells: header, delimiter, decimalComma }) => {
    const idIndex = findColumn(header, HOUSEHOLD_COLUMNS.id);
    const lonIndex = findColumn(header, HOUSEHOLD_COLUMNS.lon);
    const latIndex = findColumn(header, HOUSEHOLD_COLUMNS.lat);
    const countIndex = findColumn(header, HOUSEHOLD_COLUMNS.count);
    const wardIndex = findColumn(header, HOUSEHOLD_COLUMNS.wardId);
    const found = header.join(', ');
    if (lonIndex === -1) log.failFile('missing-column', { allowed: LON_ALIASES.join(', '), value: found }, 'lon');
    if (latIndex === -1) log.failFile('missing-column', { allowed: LAT_ALIASES.join(', '), value: found }, 'lat');
    if (log.failed) return null;

    const coordinateColumns = { lon: header[lonIndex], lat: header[latIndex] };
    if (idIndex !== -1) columns.id = header[idIndex];
    if (countIndex !== -1) columns.count = header[countIndex];
    const lonLat = new Float64Array(2);
    const record: CsvRowVisitor = (cells, row, quoteProblem) => {
      read++;
      if (rejectMalformedRow(cells, row, quoteProblem, header.length, delimiter, log)) return;
      const lonText = cells[lonIndex] ?? '';
      const latText = cells[latIndex] ?? '';
      const located = readCoordinates(lonText, latText, row, coordinateColumns, decimalComma, log, lonLat, transform);
      const count = countIndex === -1 ? 1 : readCount(cells[countIndex] ?? '', row, columns.count, decimalComma, log);
      if (!located || count === -1) return;
      const id = idIndex === -1 ? '' : (cells[idIndex] ?? '').trim();
      const wardId = wardIndex === -1 ? null : readWardId(cells[wardIndex]);
      points.add(row, lonLat[0], lonLat[1], count, wardId, id === '' ? null : id);
    };
    // a valid row in plain numbers and trimmed text, read where it lies; the record visitor reads the rest
    const line: CsvLineVisitor = ({ text, count: fields, starts, ends }, row) => {
      if (fields !== header.length || transform !== null) return false;
      const lon = parsePlainDecimal(text, decimalComma, starts[lonIndex], ends[lonIndex]);
      const lat = parsePlainDecimal(text, decimalComma, starts[latIndex], ends[latIndex]);
      if (lon === undefined || lat === undefined || checkLonLat(lon, lat) !== null) return false;
      let count = 1;
      if (countIndex !== -1) {
        const written = parsePlainDecimal(text, decimalComma, starts[countIndex], ends[countIndex]);
        if (written === undefined || !Number.isInteger(written) || written < 1 || written > MAX_HOUSEHOLDS_PER_POINT) return false;
        count = written;
      }
      const idStart = idIndex === -1 ? 0 : starts[idIndex];
      const idEnd = idIndex === -1 ? 0 : ends[idIndex];
      if (!isTrimmed(text, idStart, idEnd)) return false;
      let wardId: string | null = null;
      if (wardIndex !== -1) {
        if (!isTrimmed(text, starts[wardIndex], ends[wardIndex])) return false;
        if (starts[wardIndex] !== ends[wardIndex]) wardId = text.slice(starts[wardIndex], ends[wardIndex]);
      }
      read++;
      points.add(row, lon, lat, count, wardId, idStart === idEnd ? null : text, idStart, idEnd);
      return true;
    };
    return { record, line };
  });
  const kept = points.finish(log, columns);
  return log.finish(kept, read, kept.length);
}

function parseHouseholdsGeoJson(source: string | FeatureSource, file: string): ImportResult<HouseholdPoints> {
  const log = new IssueLog(file, 'feature');
  const features = readFeatures(source, log);
  if (features === null) return log.finish(emptyPoints(), 0, 0);

  const collector = new HouseholdCollector(features.length, features.length * ID_UNITS_EXPECTED, 'feature-');
  for (let index = 0; index < features.length; index++) {
    const feature = checkFeature(features[index], index, ['Point'], log);
    if (feature === null) continue;
    const properties = new PropertyReader(feature.properties);
    const countProperty = properties.find(HOUSEHOLD_COLUMNS.count);
    const count = countProperty === null ? 1 : readCount(countProperty.text, index, countProperty.key, false, log);
    if (count === -1) continue;
    const id = properties.find(HOUSEHOLD_COLUMNS.id)?.text ?? feature.id;
    const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
    const wardId = readWardId(properties.find(HOUSEHOLD_COLUMNS.wardId)?.text);
    collector.add(index, lon, lat, count, wardId, id);
  }
  const points = collector.finish(log, { id: 'household_id', count: 'count' });
  return log.finish(points, features.length, points.length);
}
