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
  type RadioFields,
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
import { type FeatureSource, type LayerSource, type SheetTable, type TableOptions } from './layer-source.ts';
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

/** Column (and GeoJSON property) names per field, in priority order; the first is the documented name. */
export const SITE_COLUMNS: Readonly<Record<SiteField, readonly string[]>> = {
  siteId: ['site_id', 'id', 'cell'],
  cellId: ['cell_id'],
  lon: LON_ALIASES,
  lat: LAT_ALIASES,
  operator: ['operator'],
  technology: ['technology'],
  status: ['status'],
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

/** One row or feature's fields as text (trimmed, '' when absent) and the column each came from. */
type FieldReader = (field: SiteField) => { column: string; text: string };

/**
 * Reads the fields of one row or feature into a cell without its `cellId`, with the fields it got by
 * default; logs every problem and returns null when the row is rejected. Position comes from `lonLat`.
 */
function readCell(
  read: FieldReader,
  place: number,
  lonLat: Float64Array,
  decimalComma: boolean,
  log: IssueLog,
): { cell: Omit<Cell, 'cellId'>; defaults: DefaultedField[]; given: Set<RadioFieldKey> } | null {
  let valid = true;
  const required = (field: SiteField): string => {
    const { column, text } = read(field);
    if (text === '') {
      log.reject(place, 'missing-value', column);
      valid = false;
    }
    return text;
  };
  /** A number in its range (whole when the field says so), undefined when empty, NaN when rejected. */
  const readNumber = (key: RadioFieldKey, range: readonly [number, number], integer: boolean): number | undefined => {
    const { column, text } = read(key);
    if (text === '') return undefined;
    const value = parseDecimal(text, decimalComma);
    const [min, max] = range;
    if (Number.isNaN(value)) log.reject(place, 'not-a-number', column, { value: text });
    else if (integer && !Number.isInteger(value)) log.reject(place, 'not-an-integer', column, { value: text });
    else if (value < min || value > max) log.reject(place, 'out-of-range', column, { value: text, min, max });
    else return value;
    valid = false;
    return NaN;
  };
  /**
   * An enumerated field: its keyword's value, undefined when empty, null when unknown. An unknown value is
   * rejected with the accepted ones: a value typed wrong must never silently change the result.
   */
  const readKeyword = <T>(field: SiteField, keywords: ReadonlyMap<string, T>, documented: readonly string[]): T | null | undefined => {
    const { column, text } = read(field);
    if (text === '') return undefined;
    const value = keywords.get(normalizeKeyword(text));
    if (value !== undefined) return value;
    log.reject(place, 'unknown-value', column, { value: text, allowed: documented.join(', ') });
    valid = false;
    return null;
  };

  const siteId = required('siteId');
  const operatorText = required('operator');
  const technology = required('technology') === '' ? undefined : readKeyword('technology', TECHNOLOGY_KEYWORDS, TECHNOLOGIES);
  const given: Partial<Record<RadioFieldKey, string | number>> = {};
  for (const key of RADIO_FIELD_KEYS) {
    const field = RADIO_FIELDS[key];
    const value =
      field.kind === 'number'
        ? readNumber(key, field.range, field.integer)
        : readKeyword(key, RADIO_KEYWORDS[key as KeywordRadioField], field.values);
    if (value !== undefined && value !== null) given[key] = value;
  }
  // an unknown status (e.g. "decommissioned") must not be analysed as existing
  const status = readKeyword('status', STATUS_KEYWORDS, SITE_STATUSES);
  if (!valid || technology === undefined || technology === null || status === null) return null;

  const defaulted: DefaultedField[] = [];
  if (status === undefined) defaulted.push([read('status').column, 'existing']);
  const radio: Record<string, string | number | null> = defaultRadioFields(technology);
  for (const key of RADIO_FIELD_KEYS) {
    const value = given[key];
    if (value !== undefined) radio[key] = value;
    // a field with a technology default got it (not null); an omni cell never uses its beamwidth: no note
    else if (radio[key] !== null && !(key === 'beamwidthDeg' && given.azimuthDeg === undefined)) {
      defaulted.push([RADIO_FIELDS[key].column, `${radio[key]} (${technology})`]);
    }
  }
  const cell = {
    siteId,
    lon: lonLat[0],
    lat: lonLat[1],
    operator: canonicalOperator(operatorText),
    technology,
    ...(radio as RadioFields),
    status: status ?? 'existing',
  };
  return { cell, defaults: defaulted, given: new Set(Object.keys(given) as RadioFieldKey[]) };
}

/**
 * Gives each cell its id and rejects repeats: the file's `cell_id`, else `<site_id>-<k>` for the k-th row
 * of that site in the file (counting every row of the site, kept or not, so fixing one row renames none).
 */
class CellCollector {
  readonly cells: Cell[] = [];
  /** The radio fields each kept cell's row gave, by cell id. */
  readonly given = new Map<string, Set<RadioFieldKey>>();
  private readonly placeOfCellId = new Map<string, number>();
  private readonly rowsOfSite = new Map<string, number>();

  /** Counts a row of `siteId`; call for every row that names a site, before validating it. */
  countSiteRow(siteId: string): number {
    const k = (this.rowsOfSite.get(siteId) ?? 0) + 1;
    this.rowsOfSite.set(siteId, k);
    return k;
  }

  /** Keeps the cell, or rejects it when its id is taken; the defaults it got are counted only when kept. */
  add(cell: Cell, read: { defaults: readonly DefaultedField[]; given?: Set<RadioFieldKey> }, place: number, column: string, log: IssueLog): void {
    const first = this.placeOfCellId.get(cell.cellId);
    if (first !== undefined) {
      log.reject(place, 'duplicate-id', column, { value: cell.cellId, first });
      return;
    }
    this.placeOfCellId.set(cell.cellId, place);
    this.cells.push(cell);
    this.given.set(cell.cellId, read.given ?? new Set());
    log.countDefaults(read.defaults);
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
  const result = parseSiteRows(source, file, options);
  return { ...result, data: result.data.cells };
}

/**
 * `parseSites` with the radio fields each kept cell's row gave: a candidate file for `plan-sites` (the template
 * fills the fields a row leaves empty, docs/siting.md). An OpenCelliD export gives none.
 */
export function parseSiteRows(source: LayerSource, file: string, options: TableOptions = {}): ImportResult<SiteRows> {
  if (typeof source === 'string') {
    return sniffTextFormat(file, source) === 'geojson' ? parseSitesGeoJson(source, file) : parseSitesCsv(source, file, options);
  }
  return source.kind === 'features' ? parseSitesGeoJson(source, file) : parseSitesCsv(source, file, options);
}

function parseSitesCsv(source: string | SheetTable, file: string, options: TableOptions): ImportResult<SiteRows> {
  const log = new IssueLog(file, 'row', typeof source === 'string' ? undefined : source.sheet);
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
        if (parsed !== null) collector.add(parsed.cell, parsed, row, 'cell', log);
      };
      if (headerless) visit(header, headerRow, null);
      return visit;
    }

    const indices = {} as Record<SiteField, number>;
    for (const field of Object.keys(SITE_COLUMNS) as SiteField[]) indices[field] = findColumn(header, SITE_COLUMNS[field]);
    for (const field of ['siteId', 'lon', 'lat', 'operator', 'technology'] as const) {
      if (indices[field] === -1) {
        const params = { allowed: SITE_COLUMNS[field].join(', '), value: header.join(', ') };
        log.failFile('missing-column', params, SITE_COLUMNS[field][0]);
      }
    }
    if (log.failed) return null;

    const columnOf = (field: SiteField): string => (indices[field] === -1 ? SITE_COLUMNS[field][0] : header[indices[field]]);
    return (record, row, quoteProblem) => {
      rowsRead++;
      if (rejectMalformedRow(record, row, quoteProblem, header.length, delimiter, log)) return;
      const field: FieldReader = (name) => {
        const index = indices[name];
        return { column: columnOf(name), text: index === -1 ? '' : (record[index] ?? '').trim() };
      };
      const siteId = field('siteId').text;
      const k = siteId === '' ? 0 : collector.countSiteRow(siteId);
      const columns = { lon: columnOf('lon'), lat: columnOf('lat') };
      const located = readCoordinates(field('lon').text, field('lat').text, row, columns, decimalComma, log, lonLat, transform);
      const parsed = readCell(field, row, lonLat, decimalComma, log);
      if (parsed === null || !located) return;
      const cellId = field('cellId').text;
      const cell = { cellId: cellId === '' ? `${siteId}-${k}` : cellId, ...parsed.cell };
      collector.add(cell, parsed, row, columnOf('cellId'), log);
    };
  });
  return log.finish({ cells: collector.cells, given: collector.given }, rowsRead, collector.cells.length);
}

function parseSitesGeoJson(source: string | FeatureSource, file: string): ImportResult<SiteRows> {
  const log = new IssueLog(file, 'feature');
  const features = readFeatures(source, log);
  if (features === null) return log.finish({ cells: [], given: new Map() }, 0, 0);
  const collector = new CellCollector();
  const lonLat = new Float64Array(2);
  for (let index = 0; index < features.length; index++) {
    // the site's row count includes rejected features, so read its properties before checking the geometry
    const properties = new PropertyReader(propertiesOf(features[index]));
    const field: FieldReader = (name) => {
      const found = properties.find(SITE_COLUMNS[name]);
      return found === null ? { column: SITE_COLUMNS[name][0], text: '' } : { column: found.key, text: found.text };
    };
    const siteId = field('siteId').text;
    const k = siteId === '' ? 0 : collector.countSiteRow(siteId);
    const feature = checkFeature(features[index], index, ['Point'], log);
    if (feature === null) continue;
    const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
    lonLat[0] = lon;
    lonLat[1] = lat;
    const parsed = readCell(field, index, lonLat, false, log);
    if (parsed === null) continue;
    const cellId = field('cellId').text || feature.id;
    collector.add({ cellId: cellId ?? `${siteId}-${k}`, ...parsed.cell }, parsed, index, 'cell_id', log);
  }
  return log.finish({ cells: collector.cells, given: collector.given }, features.length, collector.cells.length);
}
