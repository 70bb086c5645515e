/**
 * Sites layer: one row or feature per cell (sector), from CSV, GeoJSON Points or an OpenCelliD export
 * (docs/data-formats.md "Sites"). The radio columns, their ranges and defaults come from the radio-field table
 * (`RADIO_FIELDS`); empty RF fields are filled from RF_DEFAULTS per technology, with one note per column and file.
 */
import {
  PATH_LOSS_MODELS,
  SITE_STATUSES,
  TECHNOLOGIES,
  type Cell,
  type PathLossModelName,
  type SiteStatus,
  type Technology,
} from '../core/model.ts';
import {
  defaultRadioFields,
  RADIO_FIELD_KEYS,
  RADIO_FIELDS,
  type KeywordRadioField,
  type RadioFieldKey,
} from '../core/radio-fields.ts';
import { checkFeature, propertiesOf, PropertyReader, readFeatures } from './check-geojson.ts';
import type { ImportResult } from './import-result.ts';
import { IssueLog, type DefaultedField } from './issue-log.ts';
import { normalizeKeyword } from '../core/normalize-keyword.ts';
import {
  isHeaderlessOpenCellIdRow,
  isOpenCellIdHeader,
  locateOpenCellIdColumns,
  OPENCELLID_COLUMNS,
  readOpenCellIdRow,
} from './opencellid.ts';
import { canonicalOperator } from './operators.ts';
import { sniffTextFormat } from './sniff-text-format.ts';
import { ENVIRONMENT_KEYWORDS } from './parse-environment.ts';
import { type FeatureSource, type LayerSource, sheetOf, type TableOptions, type TableSource } from './layer-source.ts';
import {
  findColumn,
  LAT_ALIASES,
  LON_ALIASES,
  parseDecimal,
  readCoordinates,
  readTable,
  rejectMalformedRow,
  type CsvRowVisitor,
} from './read-csv.ts';

/** Column (and GeoJSON property) names of each radio field: the documented one first, then its aliases. */
const RADIO_COLUMNS = {} as Record<RadioFieldKey, readonly string[]>;
for (const key of RADIO_FIELD_KEYS) RADIO_COLUMNS[key] = [RADIO_FIELDS[key].column, ...RADIO_FIELDS[key].aliases];

/**
 * Column (and GeoJSON property) names per field, in priority order; the first is the documented name, and the
 * Vietnamese headers of the department's and the operators' spreadsheets follow (compared folded: `findColumn`).
 */
export const SITE_COLUMNS: Readonly<Record<SiteField, readonly string[]>> = {
  siteId: ['site_id', 'id', 'cell', 'mã trạm', 'mã site'],
  cellId: ['cell_id', 'mã cell'],
  lon: LON_ALIASES,
  lat: LAT_ALIASES,
  operator: ['operator', 'nhà mạng', 'nhà khai thác', 'doanh nghiệp'],
  technology: ['technology', 'công nghệ'],
  status: ['status', 'trạng thái'],
  ...RADIO_COLUMNS,
};

type SiteField = 'siteId' | 'cellId' | 'lon' | 'lat' | 'operator' | 'technology' | 'status' | RadioFieldKey;

/** Technology names accepted (folded by normalizeKeyword): generations and radio names. */
const TECHNOLOGY_KEYWORDS = new Map<string, Technology>([
  ['2g', '2G'], ['gsm', '2G'],
  ['3g', '3G'], ['umts', '3G'], ['wcdma', '3G'],
  ['4g', '4G'], ['lte', '4G'],
  ['5g', '5G'], ['nr', '5G'], ['5gnr', '5G'],
]);

/** Model names accepted, folded: the documented names and their common spellings. */
const MODEL_KEYWORDS = new Map<string, PathLossModelName>([
  ...PATH_LOSS_MODELS.map((model) => [normalizeKeyword(model), model] as const),
  ['hata', 'okumura-hata'],
  ['cost231', 'cost231-hata'],
  ['uma', '3gpp-uma'],
  ['umi', '3gpp-umi'],
  ['rma', '3gpp-rma'],
]);

/** Status names accepted, folded: English and Vietnamese (hiện có, quy hoạch, đề xuất). */
const STATUS_KEYWORDS = new Map<string, SiteStatus>([
  ...SITE_STATUSES.map((status) => [status, status] as const),
  ['hienco', 'existing'],
  ['quyhoach', 'planned'],
  ['dexuat', 'proposed'],
]);

/** Accepted spellings of the enumerated radio fields, folded. */
const RADIO_KEYWORDS: Readonly<Record<KeywordRadioField, ReadonlyMap<string, string>>> = {
  model: MODEL_KEYWORDS,
  environment: ENVIRONMENT_KEYWORDS,
};

/**
 * One row or feature's fields: each one's text (trimmed, '' when absent) and the column it came from, which only a
 * message reads. The CSV reader is one object per file that a row points at its record: no object per field read.
 */
interface FieldReader {
  text(field: SiteField): string;
  column(field: SiteField): string;
}

/** A cell read from its row, with the fields it got by default and the radio fields its row gave (bit k: `RADIO_FIELD_KEYS[k]`). */
interface ReadCell {
  cell: Cell;
  defaults: DefaultedField[];
  givenMask: number;
}

/** Each technology's radio defaults (`defaultRadioFields`), and the note of each field it fills, made once. */
const RADIO_DEFAULTS = new Map(
  TECHNOLOGIES.map((technology) => {
    const values = defaultRadioFields(technology) as unknown as Record<RadioFieldKey, string | number | null>;
    const notes = new Map(RADIO_FIELD_KEYS.map((key) => [key, [RADIO_FIELDS[key].column, `${values[key]} (${technology})`] as const]));
    return [technology, { values, notes }] as const;
  }),
);

/** Position of the azimuth in `RADIO_FIELD_KEYS` (an omni cell's beamwidth is no default). */
const AZIMUTH = RADIO_FIELD_KEYS.indexOf('azimuthDeg');

/** `field`'s text, its absence rejected (logged). */
function requiredText(read: FieldReader, field: SiteField, place: number, log: IssueLog): string {
  const text = read.text(field);
  if (text === '') log.reject(place, 'missing-value', read.column(field));
  return text;
}

/** A number in its range (whole when the field says so), undefined when empty, NaN when rejected (logged). */
function readNumber(read: FieldReader, key: RadioFieldKey, place: number, decimalComma: boolean, log: IssueLog): number | undefined {
  const text = read.text(key);
  if (text === '') return undefined;
  const field = RADIO_FIELDS[key] as { range: readonly [number, number]; integer: boolean };
  const value = parseDecimal(text, decimalComma);
  const [min, max] = field.range;
  if (Number.isNaN(value)) log.reject(place, 'not-a-number', read.column(key), { value: text });
  else if (field.integer && !Number.isInteger(value)) log.reject(place, 'not-an-integer', read.column(key), { value: text });
  else if (value < min || value > max) log.reject(place, 'out-of-range', read.column(key), { value: text, min, max });
  else return value;
  return NaN;
}

/**
 * An enumerated field: its keyword's value, undefined when empty, null when unknown. An unknown value is rejected
 * (logged) with the accepted ones: a value typed wrong must never silently change the result.
 */
function readKeyword<T>(
  read: FieldReader,
  field: SiteField,
  keywords: ReadonlyMap<string, T>,
  documented: readonly string[],
  place: number,
  log: IssueLog,
): T | null | undefined {
  const text = read.text(field);
  if (text === '') return undefined;
  const value = keywords.get(normalizeKeyword(text));
  if (value !== undefined) return value;
  log.reject(place, 'unknown-value', read.column(field), { value: text, allowed: documented.join(', ') });
  return null;
}

/**
 * Reads the fields of one row or feature into the cell `cellId`, with the fields it got by default; logs every
 * problem and returns null when the row is rejected. Position comes from `lonLat`.
 */
function readCell(
  read: FieldReader,
  cellId: string,
  place: number,
  lonLat: Float64Array,
  decimalComma: boolean,
  log: IssueLog,
): ReadCell | null {
  const siteId = requiredText(read, 'siteId', place, log);
  const operatorText = requiredText(read, 'operator', place, log);
  const technology = requiredText(read, 'technology', place, log) === '' ? undefined : readKeyword(read, 'technology', TECHNOLOGY_KEYWORDS, TECHNOLOGIES, place, log);
  let valid = siteId !== '' && operatorText !== '';
  const given: Array<string | number | undefined> = [];
  let givenMask = 0;
  for (let k = 0; k < RADIO_FIELD_KEYS.length; k++) {
    const key = RADIO_FIELD_KEYS[k];
    const field = RADIO_FIELDS[key];
    const value =
      field.kind === 'number'
        ? readNumber(read, key, place, decimalComma, log)
        : readKeyword<string>(read, key, RADIO_KEYWORDS[key as KeywordRadioField], field.values, place, log);
    if (value === null || Number.isNaN(value)) valid = false;
    else if (value !== undefined) givenMask |= 1 << k;
    given.push(value ?? undefined);
  }
  // an unknown status (e.g. "decommissioned") must not be analysed as existing
  const status = readKeyword(read, 'status', STATUS_KEYWORDS, SITE_STATUSES, place, log);
  if (!valid || technology === undefined || technology === null || status === null) return null;

  const defaulted: DefaultedField[] = [];
  if (status === undefined) defaulted.push([read.column('status'), 'existing']);
  const { values, notes } = RADIO_DEFAULTS.get(technology)!;
  // the properties in Cell's order, as the writers and saved scenarios list them
  const cell: Record<string, string | number | null> = { cellId, siteId, lon: lonLat[0], lat: lonLat[1], operator: canonicalOperator(operatorText), technology };
  for (let k = 0; k < RADIO_FIELD_KEYS.length; k++) {
    const key = RADIO_FIELD_KEYS[k];
    const value = given[k];
    cell[key] = value ?? values[key];
    // a field with a technology default got it (not null); an omni cell never uses its beamwidth: no note
    if (value === undefined && values[key] !== null && !(key === 'beamwidthDeg' && given[AZIMUTH] === undefined)) defaulted.push(notes.get(key)!);
  }
  cell.status = status ?? 'existing';
  return { cell: cell as unknown as Cell, defaults: defaulted, givenMask };
}

/**
 * Gives each cell its id and rejects repeats: the file's `cell_id`, else `<site_id>-<k>` for the k-th row
 * of that site in the file (counting every row of the site, kept or not, so fixing one row renames none).
 */
class CellCollector {
  readonly cells: Cell[] = [];
  /** The radio fields each kept cell's row gave, as `ReadCell.givenMask`. */
  private readonly givenMasks: number[] = [];
  private readonly placeOfCellId = new Map<string, number>();
  private readonly rowsOfSite = new Map<string, number>();

  /** Counts a row of `siteId`; call for every row that names a site, before validating it. */
  countSiteRow(siteId: string): number {
    const k = (this.rowsOfSite.get(siteId) ?? 0) + 1;
    this.rowsOfSite.set(siteId, k);
    return k;
  }

  /** Keeps the cell, or rejects it when its id is taken; the defaults it got are counted only when kept. */
  add(read: ReadCell, place: number, column: string, log: IssueLog): void {
    const { cell } = read;
    const first = this.placeOfCellId.get(cell.cellId);
    if (first !== undefined) {
      log.reject(place, 'duplicate-id', column, { value: cell.cellId, first });
      return;
    }
    this.placeOfCellId.set(cell.cellId, place);
    this.cells.push(cell);
    this.givenMasks.push(read.givenMask);
    log.countDefaults(read.defaults);
  }

  /** The kept cells and, by cell id, the radio fields each one's row gave. */
  rows(): SiteRows {
    const given = new Map<string, Set<RadioFieldKey>>();
    this.cells.forEach((cell, c) => given.set(cell.cellId, new Set(RADIO_FIELD_KEYS.filter((_, k) => (this.givenMasks[c] & (1 << k)) !== 0))));
    return { cells: this.cells, given };
  }
}

/** A sites file's kept cells and, by cell id, the radio fields each one's own row or feature gave (a valid value, not empty). */
export interface SiteRows {
  cells: Cell[];
  given: Map<string, Set<RadioFieldKey>>;
}

/**
 * Parses a sites file: GeoJSON Points (starting with '{' or '[', or named `.geojson`/`.json`: `sniffTextFormat`),
 * an OpenCelliD export (recognised by its header, or by a first row such as `LTE,452,…` when it has none), a sites
 * CSV, a workbook sheet or converted features (read-layer-file.ts). `options` rename columns and give the CRS of
 * table coordinates. Never throws.
 */
export function parseSites(source: LayerSource, file: string, options: TableOptions = {}): ImportResult<Cell[]> {
  const result = parseSiteFile(source, file, options);
  return { ...result, data: result.data.cells };
}

/**
 * `parseSites` with the radio fields each kept cell's row gave: a candidate file for `plan-sites` (the template
 * fills the fields a row leaves empty, docs/siting.md). An OpenCelliD export gives none.
 */
export function parseSiteRows(source: LayerSource, file: string, options: TableOptions = {}): ImportResult<SiteRows> {
  const result = parseSiteFile(source, file, options);
  return { ...result, data: result.data.rows() };
}

/** The file's kept cells in their collector, which `parseSites` and `parseSiteRows` each read as they need. */
function parseSiteFile(source: LayerSource, file: string, options: TableOptions): ImportResult<CellCollector> {
  if (typeof source === 'string') {
    return sniffTextFormat(file, source) === 'geojson' ? parseSitesGeoJson(source, file) : parseSitesCsv(source, file, options);
  }
  return source.kind === 'features' ? parseSitesGeoJson(source, file) : parseSitesCsv(source, file, options);
}

function parseSitesCsv(source: TableSource, file: string, options: TableOptions): ImportResult<CellCollector> {
  const log = new IssueLog(file, 'row', sheetOf(source));
  const collector = new CellCollector();
  const lonLat = new Float64Array(2);
  const transform = options.transform ?? null;
  let rowsRead = 0;

  readTable(source, log, options, ({ cells: header, delimiter, decimalComma, row: headerRow }): CsvRowVisitor | null => {
    if (isOpenCellIdHeader(header) || isHeaderlessOpenCellIdRow(header)) {
      const headerless = !isOpenCellIdHeader(header);
      const columns = locateOpenCellIdColumns(headerless ? null : header);
      const width = headerless ? OPENCELLID_COLUMNS.length : header.length;
      const visit: CsvRowVisitor = (record, row, quoteProblem) => {
        rowsRead++;
        if (rejectMalformedRow(record, row, quoteProblem, width, delimiter, log)) return;
        const parsed = readOpenCellIdRow(record, row, columns, log, lonLat);
        if (parsed !== null) collector.add({ ...parsed, givenMask: 0 }, row, 'cell', log);
      };
      if (headerless) visit(header, headerRow, null);
      return visit;
    }

    const indices = {} as Record<SiteField, number>;
    const columns = {} as Record<SiteField, string>;
    for (const field of Object.keys(SITE_COLUMNS) as SiteField[]) {
      indices[field] = findColumn(header, SITE_COLUMNS[field]);
      columns[field] = indices[field] === -1 ? SITE_COLUMNS[field][0] : header[indices[field]];
    }
    for (const field of ['siteId', 'lon', 'lat', 'operator', 'technology'] as const) {
      if (indices[field] === -1) {
        const params = { allowed: SITE_COLUMNS[field].join(', '), value: header.join(', ') };
        log.failFile('missing-column', params, SITE_COLUMNS[field][0]);
      }
    }
    if (log.failed) return null;

    let record: string[] = [];
    const read: FieldReader = {
      text: (field) => (indices[field] === -1 ? '' : (record[indices[field]] ?? '').trim()),
      column: (field) => columns[field],
    };
    const coordinateColumns = { lon: columns.lon, lat: columns.lat };
    return (fields, row, quoteProblem) => {
      rowsRead++;
      if (rejectMalformedRow(fields, row, quoteProblem, header.length, delimiter, log)) return;
      record = fields;
      const siteId = read.text('siteId');
      const k = siteId === '' ? 0 : collector.countSiteRow(siteId);
      const located = readCoordinates(read.text('lon'), read.text('lat'), row, coordinateColumns, decimalComma, log, lonLat, transform);
      const cellId = read.text('cellId');
      const parsed = readCell(read, cellId === '' ? `${siteId}-${k}` : cellId, row, lonLat, decimalComma, log);
      if (parsed !== null && located) collector.add(parsed, row, columns.cellId, log);
    };
  });
  return log.finish(collector, rowsRead, collector.cells.length);
}

function parseSitesGeoJson(source: string | FeatureSource, file: string): ImportResult<CellCollector> {
  const log = new IssueLog(file, 'feature');
  const collector = new CellCollector();
  const features = readFeatures(source, log);
  if (features === null) return log.finish(collector, 0, 0);
  const lonLat = new Float64Array(2);
  for (let index = 0; index < features.length; index++) {
    // the site's row count includes rejected features, so read its properties before checking the geometry
    const properties = new PropertyReader(propertiesOf(features[index]));
    const read: FieldReader = {
      text: (field) => properties.find(SITE_COLUMNS[field])?.text ?? '',
      column: (field) => properties.find(SITE_COLUMNS[field])?.key ?? SITE_COLUMNS[field][0],
    };
    const siteId = read.text('siteId');
    const k = siteId === '' ? 0 : collector.countSiteRow(siteId);
    const feature = checkFeature(features[index], index, ['Point'], log);
    if (feature === null) continue;
    const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
    lonLat[0] = lon;
    lonLat[1] = lat;
    const cellId = read.text('cellId') || feature.id;
    const parsed = readCell(read, cellId ?? `${siteId}-${k}`, index, lonLat, false, log);
    if (parsed !== null) collector.add(parsed, index, 'cell_id', log);
  }
  return log.finish(collector, features.length, collector.cells.length);
}
