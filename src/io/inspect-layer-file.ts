/**
 * A first look at a file before it is imported, for what the app must ask the user: which sheet of a workbook,
 * which coordinate system for coordinates in metres that the file does not name, and which column holds which
 * field when the headers are not ones phusong knows. Reads the file the way readLayerFile does (same formats,
 * same header detection, same zip-bomb limits) but validates nothing: it returns the header (a table's header row
 * or the features' property names), the first rows as text, the geometry types, the CRS the file names, and a
 * guess of the CRS of coordinates that are not degrees. Takes bytes, never File, so it runs in Node too. A CSV
 * may be given cut short (its first kilobytes): only its first rows are looked at.
 */
import type { Geometry } from 'geojson';
import { readGeoJsonRoot } from './check-geojson.ts';
import { crsFromWkt } from './crs-spec.ts';
import { guessProjected, looksProjected, type ProjectedGuess } from './guess-crs.ts';
import { IssueLog } from './issue-log.ts';
import { describeIssue } from './issue-messages.ts';
import { applyColumnMap, type ColumnMap } from './layer-source.ts';
import { detectLegacyVietnamese, type LegacyEncoding } from './legacy-vietnamese.ts';
import { crsLabel, crsOfName, decodeText, LAYER_FIELDS, type LayerName } from './read-layer-file.ts';
import { findColumn, LAT_ALIASES, LON_ALIASES, parseDecimal, readCsv } from './read-csv.ts';
import { readKml, readKmz } from './read-kml.ts';
import { readShapefiles, readShapefileZip } from './read-shapefile.ts';
import { openWorkbook, readSheet } from './read-xlsx.ts';
import { isZip } from './safe-zip.ts';
import { normalizeKeyword } from '../core/normalize-keyword.ts';
import { sniffFormat, type InputFile, type InputFormat } from './sniff-format.ts';

/** Rows kept for the preview and the CRS guess. */
const SAMPLE_ROWS = 200;

/** A guess of the coordinate system of coordinates in metres, never applied by itself (guess-crs.ts says why). */
export interface CrsGuess {
  /** The spec to offer first, e.g. `vn2000-tm3:105.75` (parseCrsSpec reads it). */
  spec: string;
  /** What the coordinates look like (medians and the likely system), worded by `describeProjectedGuess`. */
  looksLike: ProjectedGuess;
}

export interface LayerFileInspection {
  format: InputFormat | null;
  /** Why the file cannot be read at all (the import then fails with the full reason); null when it can. */
  error: string | null;
  /** Visible sheets holding data, for a picker (workbooks only). */
  sheets: string[];
  /** The sheet looked at: the one asked for, else the first with data. */
  sheet: string | null;
  /** A table's header row as written, or the features' property names in first-seen order. */
  header: string[];
  /** The first rows as text, cells in header order (features: their property values). */
  rows: string[][];
  /** Each row's number as the file shows it: the spreadsheet row (CSV, Excel) or the 0-based feature index. */
  rowNumbers: number[];
  rowKind: 'row' | 'feature';
  /** Geometry types of the features read (empty for a table). */
  geometryTypes: string[];
  /** The coordinate system the file itself names (a .prj, a GeoJSON `crs`), by name; null when it names none. */
  crs: string | null;
  /** Features of a file that names no CRS whose positions are not degrees: what they look like. */
  projected: CrsGuess | null;
  /** Text typed in TCVN3 or VNI fonts (mojibake), found in the header or the first rows. */
  legacyEncoding: LegacyEncoding | null;
}

const EMPTY: Omit<LayerFileInspection, 'format' | 'error'> = {
  sheets: [],
  sheet: null,
  header: [],
  rows: [],
  rowNumbers: [],
  rowKind: 'row',
  geometryTypes: [],
  crs: null,
  projected: null,
  legacyEncoding: null,
};

/** Every header any layer knows (its aliases), to find a sheet's header row below a title block. */
const KNOWN_HEADERS = new Set(Object.values(LAYER_FIELDS).flatMap((fields) => Object.values(fields).flat().map(normalizeKeyword)));

/** Looks at a file (or a Shapefile's parts); `sheet` picks a workbook's sheet. Never throws. */
export async function inspectLayerFile(files: readonly InputFile[], options: { sheet?: string } = {}): Promise<LayerFileInspection> {
  const detected = sniffFormat(files);
  if (typeof detected !== 'string') return { ...EMPTY, format: null, error: detected.error };
  const format = detected;
  const fail = (error: string): LayerFileInspection => ({ ...EMPTY, format, error });
  switch (format) {
    case 'xls':
      return fail('an Excel 97–2003 workbook (.xls)');
    case 'csv': {
      const log = new IssueLog(files[0].name, 'row');
      let header: string[] = [];
      const rows: string[][] = [];
      const rowNumbers: number[] = [];
      readCsv(decodeText(files[0].bytes).text, log, (found) => {
        header = found.cells;
        return (record, row) => {
          if (rows.length >= SAMPLE_ROWS) return;
          rows.push(record.map((cell) => cell.trim()));
          rowNumbers.push(row);
        };
      });
      // an empty or binary file (a picture saved as .csv): no question to ask, the import reports why
      if (log.failed) return fail(describeIssue(log.finish(null, 0, 0).issues[0], 'en'));
      return withLegacy({ ...EMPTY, format, error: null, header, rows, rowNumbers });
    }
    case 'xlsx': {
      const opened = await openWorkbook(files[0].bytes);
      if (!opened.ok) return fail(opened.error);
      const sheets = opened.sheets.filter((sheet) => !sheet.hidden && sheet.rowsWithData > 0).map((sheet) => sheet.name);
      const wanted = options.sheet?.trim().toLowerCase();
      const sheet = wanted === undefined ? sheets[0] : opened.sheets.find((candidate) => candidate.name.trim().toLowerCase() === wanted)?.name;
      if (sheet === undefined) return { ...fail(wanted === undefined ? 'the workbook has no sheet with data' : `the workbook has no sheet '${options.sheet}'`), sheets };
      const table = readSheet(opened.workbook, sheet, (cell) => KNOWN_HEADERS.has(normalizeKeyword(cell)));
      const rows = (table?.rows ?? []).slice(0, SAMPLE_ROWS);
      return withLegacy({
        ...EMPTY,
        format,
        error: null,
        sheets,
        sheet,
        header: table?.header.cells ?? [],
        rows: rows.map((row) => row.cells),
        rowNumbers: rows.map((row) => row.row),
      });
    }
    case 'geojson': {
      const log = new IssueLog(files[0].name, 'feature');
      const root = readGeoJsonRoot(decodeText(files[0].bytes).text, log, (name) => crsOfName(name) !== null);
      if (root === null) return fail('not a readable GeoJSON file');
      const named = root.crsName === null ? null : crsOfName(root.crsName);
      return featureInspection(format, root.features, named === null ? null : crsLabel(named));
    }
    case 'kml':
    case 'kmz': {
      const reading = format === 'kml' ? readKml(files[0].bytes) : readKmz(files[0].bytes);
      return reading.ok ? featureInspection(format, reading.features, null) : fail(reading.error);
    }
    case 'shapefile': {
      const reading = files.length === 1 && isZip(files[0].bytes) ? readShapefileZip(files[0].bytes) : readShapefiles(files);
      if (!reading.ok) return fail(reading.error);
      const crs = reading.prj === null ? null : crsFromWkt(reading.prj);
      if (crs !== null && !crs.ok) return fail(crs.error);
      return featureInspection(format, reading.features, crs === null ? null : crsLabel(crs.crs));
    }
  }
}

function featureInspection(format: InputFormat, features: unknown[], crs: string | null): LayerFileInspection {
  const header: string[] = [];
  const seen = new Set<string>();
  const geometryTypes = new Set<string>();
  const positions: Array<[number, number]> = [];
  for (const feature of features) {
    const { geometry, properties } = (feature ?? {}) as { geometry?: Geometry | null; properties?: Record<string, unknown> | null };
    if (geometry?.type !== undefined) geometryTypes.add(geometry.type);
    if (positions.length < SAMPLE_ROWS) {
      const position = firstPosition(geometry ?? null);
      if (position !== null) positions.push(position);
    }
    for (const key of Object.keys(properties ?? {})) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  }
  const sample = features.slice(0, SAMPLE_ROWS);
  const rows = sample.map((feature) => {
    const properties = ((feature as { properties?: Record<string, unknown> | null })?.properties ?? {}) as Record<string, unknown>;
    return header.map((key) => textOf(properties[key]));
  });
  const projected = positions.filter(([x, y]) => looksProjected(x, y));
  const guess = crs === null && projected.length > 0 && projected.length * 2 >= positions.length ? crsGuess(projected) : null;
  return withLegacy({
    ...EMPTY,
    format,
    error: null,
    header,
    rows,
    rowNumbers: sample.map((_, index) => index),
    rowKind: 'feature',
    geometryTypes: [...geometryTypes],
    crs,
    projected: guess,
  });
}

function withLegacy(inspection: LayerFileInspection): LayerFileInspection {
  return { ...inspection, legacyEncoding: detectLegacyVietnamese([...inspection.header, ...inspection.rows.flat()]) };
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function firstPosition(geometry: Geometry | null): [number, number] | null {
  let value: unknown = geometry === null || geometry.type === 'GeometryCollection' ? null : geometry.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number' ? [value[0], value[1]] : null;
}

/**
 * The CRS to offer first for coordinate pairs in metres (either axis order): the province's VN-2000 TM-3 zone
 * (Hải Phòng's 105°45′) when the eastings look like a TM-3 zone's, VN-2000 / UTM 48N when they look like UTM.
 */
export function crsGuess(pairs: ReadonlyArray<readonly [number, number]>): CrsGuess {
  const projected = guessProjected(pairs);
  return { spec: projected.likely === 'utm' ? 'EPSG:3405' : 'vn2000-tm3:105.75', looksLike: projected };
}

/**
 * The CRS guess for a table's coordinates once the column map is applied: null when the coordinate columns are
 * not found or hold degrees (DMS included), else what the metres look like.
 */
export function tableCrsGuess(inspection: Pick<LayerFileInspection, 'header' | 'rows'>, columnMap: ColumnMap | undefined): CrsGuess | null {
  const header = applyColumnMap(inspection.header, columnMap);
  const lon = findColumn(header, LON_ALIASES);
  const lat = findColumn(header, LAT_ALIASES);
  if (lon === -1 || lat === -1) return null;
  const pairs: Array<[number, number]> = [];
  for (const row of inspection.rows) {
    const x = parseDecimal(row[lon] ?? '', true);
    const y = parseDecimal(row[lat] ?? '', true);
    if (Number.isFinite(x) && Number.isFinite(y)) pairs.push([x, y]);
  }
  const projected = pairs.filter(([x, y]) => looksProjected(x, y));
  return projected.length > 0 && projected.length * 2 >= pairs.length ? crsGuess(projected) : null;
}

/**
 * Fields a layer cannot do without, by documented name: what the column-mapping dialog must get before an
 * import can work. A table needs its coordinate columns; a KML Placemark's name stands for a missing site id.
 */
export function requiredFields(layer: LayerName, rowKind: 'row' | 'feature'): string[] {
  switch (layer) {
    case 'sites':
    case 'candidates':
      return rowKind === 'row' ? ['site_id', 'lon', 'lat', 'operator', 'technology'] : ['site_id', 'operator', 'technology'];
    case 'households':
      return rowKind === 'row' ? ['lon', 'lat'] : [];
    case 'wards':
      // without a name a unit is shown by its id: "required in spirit" (docs/data-formats.md)
      return ['name'];
    default:
      return [];
  }
}

/**
 * For each documented field of the layer, the header that feeds it once the map is applied (the map's own
 * header, else the first alias found), or null. A KML/KMZ Placemark `name` feeds a sites layer's `site_id`.
 */
export function fieldSources(layer: LayerName, header: readonly string[], columnMap: ColumnMap | undefined, format: InputFormat | null): Record<string, string | null> {
  const mapped = applyColumnMap(header, columnMap);
  const sources: Record<string, string | null> = {};
  for (const aliases of Object.values(LAYER_FIELDS[layer])) {
    const field = aliases[0];
    if (field in sources) continue;
    const index = findColumn(mapped, aliases);
    sources[field] = index === -1 ? null : header[index];
  }
  if ((layer === 'sites' || layer === 'candidates') && sources.site_id === null && (format === 'kml' || format === 'kmz')) {
    const name = header.find((cell) => cell === 'name');
    if (name !== undefined) sources.site_id = name;
  }
  return sources;
}
