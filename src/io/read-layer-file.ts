/**
 * One entry point for every input file of every layer: recognises the format from the content, then the name
 * (sniff-format.ts, the detection the app's text imports use too), reads it into what the layer parsers validate
 * — a table (CSV text or a workbook sheet) or features in WGS84 (GeoJSON, KML/KMZ, Shapefile) — and runs the
 * layer's parser, so the same validation and rejection report apply whatever the format. Coordinates in VN-2000
 * or UTM are converted (CRS from the .prj, the GeoJSON `crs`, or the user's choice); a column map renames headers
 * first; unknown headers, a guessed encoding or sheet, and text in legacy Vietnamese encodings are reported as
 * notes. Takes bytes, never File or fetch, so it runs in Node too.
 */
import type { Geometry, Position } from 'geojson';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../core/model.ts';
import { normalizeKeyword } from '../core/normalize-keyword.ts';
import type { Zone } from '../core/targets/zone-membership.ts';
import { CONVERSION_PROBLEM, readGeoJsonRoot, type ConversionProblem } from './check-geojson.ts';
import { epsgOf, WGS84, type Crs } from './crs.ts';
import { coordinateTransform } from './crs-transform.ts';
import { crsFromWkt, parseCrsSpec } from './crs-spec.ts';
import { guessProjected, looksProjected, projectedGuessParams } from './guess-crs.ts';
import { finishImport, type ImportIssue, type ImportResult } from './import-result.ts';
import { IssueLog } from './issue-log.ts';
import { KML_STYLE_PROPERTIES } from './kml-style-properties.ts';
import { applyColumnMap, type ColumnMap, type FeatureSource, type LayerSource, type SheetTable, type TableOptions, type TableSource } from './layer-source.ts';
import { utf8Pieces } from './text-pieces.ts';
import { detectLegacyVietnamese } from './legacy-vietnamese.ts';
import { OPENCELLID_COLUMNS } from './opencellid.ts';
import { FIBRE_PROPERTIES, parseFibre } from './parse-fibre.ts';
import { HOUSEHOLD_COLUMNS, parseHouseholds } from './parse-households.ts';
import { parseSiteRows, parseSites, SITE_COLUMNS, type SiteRows } from './parse-sites.ts';
import { parseWards, WARD_PROPERTIES } from './parse-wards.ts';
import { parseZones, ZONE_PROPERTIES } from './parse-zones.ts';
import { findColumn, LAT_ALIASES, LON_ALIASES, parseDecimal, previewCsv } from './read-csv.ts';
import type { ShapefileResult } from './read-shapefile.ts';
import { openWorkbook, readSheet } from './read-xlsx.ts';
import { isZip } from './safe-zip.ts';
import { sniffFormat, type InputFile, type InputFormat } from './sniff-format.ts';
import { expandFieldName } from './export-shapefile.ts';

/**
 * The layers a file can hold. `candidates` is `plan-sites`' candidate file: a sites file read with the radio
 * fields each row gives (the template fills the rest).
 */
export type LayerName = 'wards' | 'sites' | 'households' | 'fibre' | 'zones' | 'candidates';
export const LAYER_NAMES: readonly LayerName[] = ['wards', 'sites', 'households', 'fibre', 'zones', 'candidates'];

/** The layers read as sites files (same columns, OpenCelliD exports, KML Placemark names as site ids). */
const isSitesLayer = (layer: LayerName): boolean => layer === 'sites' || layer === 'candidates';

export interface LayerData {
  wards: Ward[];
  sites: Cell[];
  households: HouseholdPoints;
  fibre: FibreNetwork;
  zones: Zone[];
  candidates: SiteRows;
}

export interface ReadLayerOptions {
  /** The workbook sheet to read; by default the only (or first) visible sheet with data. */
  sheet?: string;
  /** The CRS of files that carry none (CSV/XLSX coordinates, a Shapefile without .prj, GeoJSON without `crs`). */
  crs?: Crs;
  /** Layer field → the file's header, applied before validation. */
  columnMap?: ColumnMap;
}

/** An import with what was read besides the format: the sheet (of a workbook) and the CRS the coordinates were in. */
export type LayerImport<T> = ImportResult<T> & {
  sheet: string | null;
  /** Every sheet of a workbook (visible ones), for a picker; empty for other formats. */
  sheets: string[];
  /** Name of the CRS the coordinates were converted from, null for WGS84. */
  crs: string | null;
};

/** Field aliases per layer, the first of each being the documented name (what a column map names). */
export const LAYER_FIELDS: Record<LayerName, Record<string, readonly string[]>> = {
  wards: WARD_PROPERTIES,
  sites: SITE_COLUMNS,
  households: HOUSEHOLD_COLUMNS,
  fibre: FIBRE_PROPERTIES,
  zones: ZONE_PROPERTIES,
  candidates: SITE_COLUMNS,
};

/** Geometry types each layer takes (null: points from a table's coordinate columns also do). */
const GEOMETRY_LAYERS: Partial<Record<LayerName, string>> = {
  wards: 'Polygon, MultiPolygon',
  fibre: 'LineString, MultiLineString, Point',
  zones: 'Polygon, MultiPolygon',
};

/** The documented field names of a layer, e.g. site_id, cell_id, lon, lat… */
export function layerFieldNames(layer: LayerName): string[] {
  return [...new Set(Object.values(LAYER_FIELDS[layer]).map((aliases) => aliases[0]))];
}

/**
 * Checks a column map given for a layer: an object of documented field names to header names (non-empty text).
 * Returns the reason it is wrong, or null. (A header absent from the file is only noted at import.)
 */
export function checkColumnMap(layer: LayerName, map: unknown): string | null {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return `the map for ${layer} must be an object of field: header`;
  const fields = layerFieldNames(layer);
  for (const [field, header] of Object.entries(map)) {
    if (!fields.includes(field)) return `${layer}: unknown field '${field}' (fields: ${fields.join(', ')})`;
    if (typeof header !== 'string' || header.trim() === '') return `${layer}.${field}: the header must be non-empty text`;
  }
  return null;
}

/** Text of a CSV/GeoJSON file: UTF-8, or Windows-1258 (noted by the caller) when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1258' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1258(bytes), encoding: 'windows-1258' };
  }
}

/** Text of a file in Windows-1258, its combining tone marks composed (NFC) as UTF-8 Vietnamese writes them. */
function decodeWindows1258(bytes: Uint8Array): string {
  return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
}

const NAME_OF_FORMAT: Record<InputFormat, string> = {
  csv: 'CSV', geojson: 'GeoJSON', xlsx: 'Excel (.xlsx)', xls: 'Excel 97–2003 (.xls)', kml: 'KML', kmz: 'KMZ', shapefile: 'Shapefile',
};

/** Sample sizes for the checks that need only the start of a file (encoding, CRS guess, unused columns). */
const SAMPLE_ROWS = 200;

/**
 * Reads one layer from a file (or a Shapefile's files) in any supported format. Never throws: a file that
 * cannot be read is a failed import whose first issue says why.
 */
export async function readLayerFile<L extends LayerName>(
  layer: L,
  files: readonly InputFile[],
  options: ReadLayerOptions = {},
): Promise<LayerImport<LayerData[L]>> {
  const shp = files.find((file) => /\.shp$/i.test(file.name));
  const file = (shp ?? files[0])?.name ?? '';
  const detected = sniffFormat(files);
  const format = typeof detected === 'string' ? detected : null;
  const log = new IssueLog(file, format === 'csv' || format === 'xlsx' ? 'row' : 'feature');
  const context: ReadContext = { layer, options, log, format, sheet: null, sheets: [], crs: null };
  const fail = (detail: string, code: 'file-unparseable' | 'invalid-prj' = 'file-unparseable') => {
    if (code === 'invalid-prj') log.failFile('invalid-prj', { detail });
    else log.failFile('file-unparseable', { format: format === null ? 'a supported format' : NAME_OF_FORMAT[format], detail });
    return failed<L>(context);
  };
  if (typeof detected !== 'string') return fail(detected.error);

  let source: LayerSource;
  switch (detected) {
    case 'xls':
      return fail('an Excel 97–2003 workbook (.xls), which phusong does not read: open it in Excel or LibreOffice, save it as .xlsx (Excel Workbook) or CSV UTF-8, and import that');
    case 'csv': {
      // UTF-8 is read a piece at a time, never decoded whole (text-pieces.ts)
      const pieces = utf8Pieces(files[0].bytes);
      if (pieces === null) log.noteFile('encoding-guessed', undefined, { value: 'Windows-1258' });
      if (GEOMETRY_LAYERS[layer] !== undefined) return needsGeometry(context);
      source = pieces ?? decodeWindows1258(files[0].bytes);
      break;
    }
    case 'geojson': {
      const { text, encoding } = decodeText(files[0].bytes);
      if (encoding !== 'utf-8') log.noteFile('encoding-guessed', undefined, { value: 'Windows-1258' });
      const features = geoJsonFeatures(text, context);
      if (features === null) return failed(context);
      source = features;
      break;
    }
    case 'xlsx': {
      const table = await workbookTable(files[0].bytes, context);
      if (typeof table === 'string') return fail(table);
      if (GEOMETRY_LAYERS[layer] !== undefined) return needsGeometry(context);
      source = table;
      break;
    }
    case 'kml':
    case 'kmz': {
      // the XML and Shapefile packages load with the first file that needs them (~25 ms of every CLI start)
      const { readKml, readKmz } = await import('./read-kml.ts');
      const reading = detected === 'kml' ? readKml(files[0].bytes) : readKmz(files[0].bytes);
      if (!reading.ok) return fail(reading.error);
      if (isSitesLayer(layer)) nameAsSiteId(reading.features, log);
      source = { kind: 'features', features: reading.features };
      break;
    }
    case 'shapefile': {
      const { readShapefiles, readShapefileZip } = await import('./read-shapefile.ts');
      const reading: ShapefileResult =
        files.length === 1 && isZip(files[0].bytes) ? readShapefileZip(files[0].bytes) : readShapefiles(files);
      if (!reading.ok) return fail(reading.error);
      if (reading.encodingGuessed && reading.encoding === 'windows-1258') log.noteFile('encoding-guessed', undefined, { value: 'Windows-1258' });
      if (reading.deleted > 0) log.noteFile('deleted-records', undefined, { count: reading.deleted });
      let crs: Crs | undefined = options.crs;
      if (reading.prj !== null) {
        const fromPrj = crsFromWkt(reading.prj);
        if (!fromPrj.ok) return fail(fromPrj.error, 'invalid-prj');
        crs = fromPrj.crs;
      }
      // fields abbreviated by phusong's own Shapefile export come back under their column names
      for (const feature of reading.features) feature.properties = expandFieldNames(feature.properties);
      const converted = convertFeatures(reading.features, crs, context);
      if (converted === null) return failed(context);
      source = converted;
      break;
    }
  }
  return parseLayer(source, context);
}

interface ReadContext {
  layer: LayerName;
  options: ReadLayerOptions;
  log: IssueLog;
  format: InputFormat | null;
  sheet: string | null;
  sheets: string[];
  crs: Crs | null;
}

function emptyData(layer: LayerName): LayerData[LayerName] {
  switch (layer) {
    case 'households':
      return { length: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0), count: new Uint32Array(0), wardId: [] };
    case 'fibre':
      return { routes: [], nodes: [] };
    case 'candidates':
      return { cells: [], given: new Map() };
    default:
      return [];
  }
}

function needsGeometry<L extends LayerName>(context: ReadContext): LayerImport<LayerData[L]> {
  context.log.failFile('needs-geometry', { allowed: GEOMETRY_LAYERS[context.layer] ?? '', format: NAME_OF_FORMAT[context.format ?? 'csv'] });
  return failed<L>(context);
}

/** The import of a file that could not be read (the reason is already logged). */
function failed<L extends LayerName>(context: ReadContext): LayerImport<LayerData[L]> {
  const result = context.log.finish(emptyData(context.layer), 0, 0) as ImportResult<LayerData[L]>;
  return finish(context, { ...result, issues: onSheet(result.issues, context) });
}

/** Issues of the reading itself placed on the sheet read, like the parser's. */
function onSheet(issues: ImportIssue[], context: ReadContext): ImportIssue[] {
  const sheet = context.sheet;
  return sheet === null ? issues : issues.map((issue) => ({ ...issue, sheet }));
}

/** The parser's result with what was read: the file's format (not the parser's csv/geojson), sheet and CRS. */
function finish<T>(context: ReadContext, result: ImportResult<T>): LayerImport<T> {
  const crs = context.crs === null || (context.crs.kind === 'geographic' && context.crs.datum === 'wgs84') ? null : context.crs;
  return { ...result, format: context.format, sheet: context.sheet, sheets: context.sheets, crs: crs === null ? null : crsLabel(crs) };
}

/** A CRS as reports name it: its name and, when it has one, its EPSG code ("VN-2000 / UTM 48N (EPSG:3405)"). */
export function crsLabel(crs: Crs): string {
  const epsg = epsgOf(crs);
  return epsg === null ? crs.name : `${crs.name} (EPSG:${epsg})`;
}

/** Runs the layer's parser and merges the reading notes into its result. */
function parseLayer<L extends LayerName>(source: LayerSource, context: ReadContext): LayerImport<LayerData[L]> {
  const { layer, options, log } = context;
  const tableOptions: TableOptions = { columnMap: options.columnMap };
  if (typeof source === 'string' || source.kind !== 'features') {
    const sample = tableSample(source, options.columnMap);
    noteColumns(sample.header, sample.originalHeader, context);
    noteLegacyEncoding(sample.texts, log);
    if (options.crs !== undefined) {
      tableOptions.transform = coordinateTransform(options.crs);
      context.crs = options.crs;
    } else {
      const projected = sample.coordinates.filter(([x, y]) => looksProjected(x, y));
      if (projected.length > 0 && projected.length * 2 >= sample.coordinates.length) {
        const [x, y] = projected[0];
        log.failFile('crs-required', { value: `${x}, ${y}`, ...projectedGuessParams(guessProjected(projected)) });
        return failed<L>(context);
      }
    }
  } else {
    const keys = new Set<string>();
    const texts: string[] = [];
    for (const feature of source.features.slice(0, SAMPLE_ROWS * 5)) {
      for (const [key, value] of Object.entries(propertiesOf(feature))) {
        if (!KML_STYLE_PROPERTIES.has(key.toLowerCase())) keys.add(key);
        if (typeof value === 'string') texts.push(value);
      }
    }
    noteColumns([...keys], null, context);
    noteLegacyEncoding(texts, log);
  }
  const file = log.file;
  const parsed = runParser(layer, source, file, tableOptions);
  const reading = log.finish(null, 0, 0);
  // the reading log's own 'file-empty' (nothing was read through it) is not an issue of the file
  const notes = reading.issues.filter((issue) => issue.code !== 'file-empty');
  const issues: ImportIssue[] = [...parsed.issues, ...onSheet(notes, context)];
  const result = finishImport(parsed.file, parsed.format, parsed.data, parsed.read, parsed.kept, issues) as ImportResult<LayerData[L]>;
  return finish(context, result);
}

function runParser(layer: LayerName, source: LayerSource, file: string, options: TableOptions): ImportResult<LayerData[LayerName]> {
  const features = typeof source === 'string' || source.kind === 'features' ? source : null;
  switch (layer) {
    case 'sites':
      return parseSites(source, file, options);
    case 'candidates':
      return parseSiteRows(source, file, options);
    case 'households':
      return parseHouseholds(source, file, options);
    case 'wards':
      return parseWards(features ?? '', file);
    case 'fibre':
      return parseFibre(features ?? '', file);
    case 'zones':
      return parseZones(features ?? '', file);
  }
}

/** The header (mapped and as written), some text and the coordinate pairs of a table's first rows. */
function tableSample(
  source: TableSource,
  map: ColumnMap | undefined,
): { header: string[]; originalHeader: string[]; texts: string[]; coordinates: Array<[number, number]> } {
  let originalHeader: string[] = [];
  let rows: string[][] = [];
  if (typeof source === 'string' || source.kind === 'pieces') {
    // (pieces skip a BOM themselves)
    const body = typeof source === 'string' && source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    [originalHeader = [], ...rows] = previewCsv(body, SAMPLE_ROWS + 1).map((record) => record.map((cell) => cell.trim()));
  } else {
    originalHeader = source.header.cells;
    rows = source.rows.slice(0, SAMPLE_ROWS).map((row) => row.cells);
  }
  const header = applyColumnMap(originalHeader, map);
  const lon = findColumn(header, LON_ALIASES);
  const lat = findColumn(header, LAT_ALIASES);
  const coordinates: Array<[number, number]> = [];
  if (lon !== -1 && lat !== -1) {
    for (const row of rows) {
      const x = parseDecimal(row[lon] ?? '', true);
      const y = parseDecimal(row[lat] ?? '', true);
      if (Number.isFinite(x) && Number.isFinite(y)) coordinates.push([x, y]);
    }
  }
  return { header, originalHeader, texts: [...originalHeader, ...rows.flat()], coordinates };
}

/** Notes headers no field of the layer reads, and mapped headers the file does not have. */
function noteColumns(header: readonly string[], originalHeader: readonly string[] | null, context: ReadContext): void {
  const { layer, options, log } = context;
  // folded as the fields' columns are found (`findColumn`)
  const known = new Set(Object.values(LAYER_FIELDS[layer]).flat().map(normalizeKeyword));
  if (isSitesLayer(layer)) for (const column of OPENCELLID_COLUMNS) known.add(normalizeKeyword(column));
  const unused = header.filter((cell) => cell.trim() !== '' && !known.has(normalizeKeyword(cell)));
  // an OpenCelliD export without a header has numbers for a header: nothing to say about it
  if (unused.length > 0 && !unused.every((cell) => /^[\d.,-]*$/.test(cell) || /^(GSM|UMTS|LTE|NR|CDMA)$/.test(cell))) {
    log.noteFile('unused-columns', undefined, { value: unused.join(', ') });
  }
  const present = new Set((originalHeader ?? header).map((cell) => cell.trim().toLowerCase()));
  for (const [field, source] of Object.entries(options.columnMap ?? {})) {
    if (!present.has(source.trim().toLowerCase()) && originalHeader !== null) log.noteFile('mapped-column-missing', field, { value: source });
  }
}

function noteLegacyEncoding(texts: string[], log: IssueLog): void {
  const encoding = detectLegacyVietnamese(texts);
  if (encoding === null) return;
  const sample = texts.find((text) => /[\u00a1-\u00ff]/.test(text)) ?? '';
  log.noteFile('legacy-encoding', undefined, { value: encoding, sample });
}

/** Reads the workbook sheet the options name (or the only/first visible one with data) as a table. */
async function workbookTable(bytes: Uint8Array, context: ReadContext): Promise<SheetTable | string> {
  const opened = await openWorkbook(bytes);
  if (!opened.ok) return opened.error;
  const visible = opened.sheets.filter((sheet) => !sheet.hidden);
  context.sheets = visible.map((sheet) => sheet.name);
  let name = context.options.sheet;
  if (name !== undefined) {
    const wanted = name.trim().toLowerCase();
    const found = opened.sheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted);
    if (found === undefined) return `the workbook has no sheet '${name}' (sheets: ${opened.sheets.map((sheet) => sheet.name).join(', ')})`;
    name = found.name;
  } else {
    const withData = visible.filter((sheet) => sheet.rowsWithData > 0);
    if (withData.length === 0) return 'the workbook has no sheet with data';
    name = withData[0].name;
    if (withData.length > 1) context.log.noteFile('sheet-chosen', undefined, { value: name, allowed: withData.map((sheet) => sheet.name).join(', ') });
  }
  context.sheet = name;
  const map = context.options.columnMap;
  const known = new Set([
    ...Object.values(LAYER_FIELDS[context.layer]).flat(),
    ...Object.values(map ?? {}).map((header) => header.trim().toLowerCase()),
  ]);
  const table = readSheet(opened.workbook, name, (cell) => known.has(cell.trim().toLowerCase()));
  return table ?? `the workbook has no sheet '${name}'`;
}

/** A CRS named by a GeoJSON `crs` member (EPSG URNs, CRS84), or null when phusong does not know it. */
export function crsOfName(name: string): Crs | null {
  const trimmed = name.trim();
  if (/CRS84$|CRS:84$/i.test(trimmed)) return WGS84;
  const epsg = /EPSG::?(\d+)$/i.exec(trimmed);
  const reading = parseCrsSpec(epsg ? `EPSG:${epsg[1]}` : trimmed);
  return reading.ok ? reading.crs : null;
}

/**
 * The features of a GeoJSON text (a bare array of them too), converted to WGS84 from its `crs` member or the
 * option's CRS, with the column map applied; null when the file failed (logged: not JSON, not a FeatureCollection,
 * a `crs` phusong does not know, coordinates that need a CRS).
 */
function geoJsonFeatures(text: string, context: ReadContext): FeatureSource | null {
  const root = readGeoJsonRoot(text, context.log, (name) => crsOfName(name) !== null);
  if (root === null) return null;
  const crs = root.crsName === null ? context.options.crs : (crsOfName(root.crsName) ?? undefined);
  return convertFeatures(root.features, crs, context);
}

function propertiesOf(feature: unknown): Record<string, unknown> {
  const properties = (feature as { properties?: unknown } | null)?.properties;
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties) ? (properties as Record<string, unknown>) : {};
}

/**
 * Converts features to WGS84 from `crs` (none given: they must already be degrees, else the file fails with a
 * guess of its CRS: null is returned and the failure logged), renaming properties by the column map. A feature
 * whose positions cannot be converted is marked for checkFeature to reject.
 */
function convertFeatures(features: unknown[], crs: Crs | undefined, context: ReadContext): FeatureSource | null {
  const map = context.options.columnMap;
  if (crs === undefined) {
    const sample: Array<[number, number]> = [];
    for (const feature of features.slice(0, SAMPLE_ROWS)) {
      const position = firstPosition((feature as { geometry?: Geometry | null })?.geometry ?? null);
      if (position !== null) sample.push(position);
    }
    const projected = sample.filter(([x, y]) => looksProjected(x, y));
    if (projected.length > 0 && projected.length * 2 >= sample.length) {
      context.log.failFile('crs-required', { value: `${projected[0][0]}, ${projected[0][1]}`, ...projectedGuessParams(guessProjected(projected)) });
      return null;
    }
  } else context.crs = crs;
  const transform = coordinateTransform(crs);
  if (transform === null && map === undefined) return { kind: 'features', features };
  return {
    kind: 'features',
    features: features.map((feature) => {
      if (typeof feature !== 'object' || feature === null) return feature;
      const out: Record<string | symbol, unknown> = { ...(feature as Record<string, unknown>) };
      if (map !== undefined) out.properties = renameProperties(propertiesOf(feature), map);
      const geometry = out.geometry as Geometry | null | undefined;
      if (transform !== null && geometry) {
        const failure: { at: Position | null } = { at: null };
        const convert = (position: Position): Position => {
          if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number') return position;
          const lonLat = transform.toWgs84(position[0], position[1]);
          if (lonLat === null) {
            failure.at ??= position;
            return position;
          }
          return lonLat;
        };
        out.geometry = mapPositions(geometry, convert);
        if (failure.at !== null) {
          const [x, y] = failure.at;
          out[CONVERSION_PROBLEM] = { code: 'outside-crs-area', params: { x, y, crs: transform.crs.name } } satisfies ConversionProblem;
        }
      }
      return out;
    }),
  };
}

function expandFieldNames<T>(properties: Record<string, T>): Record<string, T> {
  const keys = Object.keys(properties);
  const present = new Set(keys.map((key) => key.toLowerCase()));
  return Object.fromEntries(
    keys.map((key) => {
      const column = expandFieldName(key);
      return [column !== key && !present.has(column) ? column : key, properties[key]];
    }),
  );
}

function renameProperties(properties: Record<string, unknown>, map: ColumnMap): Record<string, unknown> {
  const keys = Object.keys(properties);
  const renamed = applyColumnMap(keys, map);
  return Object.fromEntries(keys.map((key, i) => [renamed[i], properties[key]]));
}

/** The geometry with every position passed through `convert` (bbox dropped: it was in the old CRS). */
function mapPositions(geometry: Geometry, convert: (position: Position) => Position): Geometry {
  const deep = (value: unknown, depth: number): unknown =>
    Array.isArray(value) ? (depth === 0 ? convert(value as Position) : value.map((item) => deep(item, depth - 1))) : value;
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: deep(geometry.coordinates, 0) as Position };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: deep(geometry.coordinates, 1) as Position[] };
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: deep(geometry.coordinates, 2) as Position[][] };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: deep(geometry.coordinates, 3) as Position[][][] };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((part) => mapPositions(part, convert)) };
    default:
      return geometry;
  }
}

/** The first numeric position of a geometry, for the CRS check. */
function firstPosition(geometry: Geometry | null): [number, number] | null {
  let value: unknown = geometry === null ? null : geometry.type === 'GeometryCollection' ? null : (geometry as { coordinates?: unknown }).coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number' ? [value[0], value[1]] : null;
}

/**
 * Operators' KML proposals name each Placemark by its site: without a site id property, the Placemark's name is
 * the site id (noted once per file, as a copied field).
 */
function nameAsSiteId(features: Array<{ properties: Record<string, unknown> | null }>, log: IssueLog): void {
  const aliases = SITE_COLUMNS.siteId as readonly string[];
  for (const feature of features) {
    const properties = feature.properties ?? {};
    const has = Object.keys(properties).some((key) => aliases.includes(key.trim().toLowerCase()) && String(properties[key] ?? '').trim() !== '');
    const name = typeof properties.name === 'string' ? properties.name.trim() : '';
    if (has || name === '') continue;
    feature.properties = { ...properties, site_id: name };
    log.countCopied('site_id', 'name');
  }
}
