/**
 * Sites layer: one row or feature per cell (sector), from CSV, GeoJSON Points or an OpenCelliD export
 * (docs/data-formats.md "Sites"). Empty RF fields are filled from RF_DEFAULTS per technology, with one
 * note per column and file.
 */
import {
  ENVIRONMENTS,
  PATH_LOSS_MODELS,
  SITE_STATUSES,
  type Cell,
  type PathLossModelName,
  type SiteStatus,
  type Technology,
} from '../core/model.ts';
import { RF_DEFAULTS, type RfDefaults } from '../core/rf-defaults.ts';
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
import { ENVIRONMENT_KEYWORDS } from './parse-environment.ts';
import { coordinateTransform, type FeatureSource, type LayerSource, type SheetTable, type TableOptions } from './layer-source.ts';
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

/** Column (and GeoJSON property) names per field, in priority order; the first is the documented name. */
export const SITE_COLUMNS = {
  siteId: ['site_id', 'id', 'cell'],
  cellId: ['cell_id'],
  lon: LON_ALIASES,
  lat: LAT_ALIASES,
  operator: ['operator'],
  technology: ['technology'],
  bandMhz: ['band_mhz'],
  heightM: ['height_m'],
  azimuthDeg: ['azimuth_deg'],
  beamwidthDeg: ['beamwidth_deg'],
  tiltDeg: ['tilt_deg'],
  rsPowerDbm: ['rs_power_dbm'],
  antennaGainDbi: ['antenna_gain_dbi'],
  feederLossDb: ['feeder_loss_db'],
  model: ['model'],
  environment: ['environment'],
  status: ['status'],
} as const;

type SiteField = keyof typeof SITE_COLUMNS;

/** Accepted ranges of the numeric fields (inclusive); outside them the row is rejected. */
export const SITE_RANGES = {
  bandMhz: [30, 100_000],
  heightM: [1, 1000],
  azimuthDeg: [0, 360],
  beamwidthDeg: [1, 360],
  tiltDeg: [-90, 90],
  rsPowerDbm: [-50, 70],
  antennaGainDbi: [-20, 40],
  feederLossDb: [0, 30],
} as const satisfies Partial<Record<SiteField, readonly [number, number]>>;

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

/** RF fields filled from RF_DEFAULTS when empty, with the column each is read from. */
const DEFAULTED_FIELDS: ReadonlyArray<[SiteField & keyof RfDefaults, string]> = [
  ['bandMhz', 'band_mhz'],
  ['heightM', 'height_m'],
  ['beamwidthDeg', 'beamwidth_deg'],
  ['rsPowerDbm', 'rs_power_dbm'],
  ['antennaGainDbi', 'antenna_gain_dbi'],
  ['feederLossDb', 'feeder_loss_db'],
];

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
): { cell: Omit<Cell, 'cellId'>; defaults: DefaultedField[] } | null {
  let valid = true;
  const required = (field: SiteField): string => {
    const { column, text } = read(field);
    if (text === '') {
      log.reject(place, 'missing-value', column);
      valid = false;
    }
    return text;
  };
  /** A number in its range, undefined when empty, NaN when rejected. */
  const readNumber = (field: keyof typeof SITE_RANGES): number | undefined => {
    const { column, text } = read(field);
    if (text === '') return undefined;
    const value = parseDecimal(text, decimalComma);
    const [min, max] = SITE_RANGES[field];
    if (Number.isNaN(value)) log.reject(place, 'not-a-number', column, { value: text });
    else if (value < min || value > max) log.reject(place, 'out-of-range', column, { value: text, min, max });
    else return value;
    valid = false;
    return NaN;
  };

  const siteId = required('siteId');
  const operatorText = required('operator');
  const technologyText = required('technology');
  const technology = TECHNOLOGY_KEYWORDS.get(normalizeKeyword(technologyText));
  if (technologyText !== '' && technology === undefined) {
    log.reject(place, 'unknown-value', read('technology').column, { value: technologyText, allowed: '2G, 3G, 4G, 5G' });
    valid = false;
  }
  const statusField = read('status');
  let status: SiteStatus = 'existing';
  if (statusField.text !== '') {
    const known = STATUS_KEYWORDS.get(normalizeKeyword(statusField.text));
    if (known === undefined) {
      // an unknown status (e.g. "decommissioned") must not be analysed as existing
      log.reject(place, 'unknown-value', statusField.column, { value: statusField.text, allowed: SITE_STATUSES.join(', ') });
      valid = false;
    } else status = known;
  }
  const numbers = {
    bandMhz: readNumber('bandMhz'),
    heightM: readNumber('heightM'),
    azimuthDeg: readNumber('azimuthDeg'),
    beamwidthDeg: readNumber('beamwidthDeg'),
    tiltDeg: readNumber('tiltDeg'),
    rsPowerDbm: readNumber('rsPowerDbm'),
    antennaGainDbi: readNumber('antennaGainDbi'),
    feederLossDb: readNumber('feederLossDb'),
  };
  if (!valid || technology === undefined) return null;

  const model = readOptionalKeyword(read('model'), MODEL_KEYWORDS, PATH_LOSS_MODELS, place, log);
  const environment = readOptionalKeyword(read('environment'), ENVIRONMENT_KEYWORDS, ENVIRONMENTS, place, log);
  const defaulted: DefaultedField[] = [];
  if (statusField.text === '') defaulted.push([statusField.column, 'existing']);

  const defaults = RF_DEFAULTS[technology];
  const azimuthDeg = numbers.azimuthDeg ?? null;
  const filled = { ...defaults };
  for (const [field, column] of DEFAULTED_FIELDS) {
    const value = numbers[field];
    if (value !== undefined) filled[field] = value;
    // an omni cell has no horizontal pattern: its beamwidth is never used, so not worth a note
    else if (!(field === 'beamwidthDeg' && azimuthDeg === null)) defaulted.push([column, `${defaults[field]} (${technology})`]);
  }
  const cell = {
    siteId,
    lon: lonLat[0],
    lat: lonLat[1],
    operator: canonicalOperator(operatorText),
    technology,
    ...filled,
    azimuthDeg,
    tiltDeg: numbers.tiltDeg ?? null,
    model,
    environment,
    status,
  };
  return { cell, defaults: defaulted };
}

/** An optional enumerated field: empty = null; an unknown value is noted and left null (the row is kept). */
function readOptionalKeyword<T>(
  field: { column: string; text: string },
  keywords: ReadonlyMap<string, T>,
  documented: readonly string[],
  place: number,
  log: IssueLog,
): T | null {
  if (field.text === '') return null;
  const value = keywords.get(normalizeKeyword(field.text));
  if (value !== undefined) return value;
  log.note(place, 'unknown-value', field.column, { value: field.text, allowed: documented.join(', ') });
  return null;
}

/**
 * Gives each cell its id and rejects repeats: the file's `cell_id`, else `<site_id>-<k>` for the k-th row
 * of that site in the file (counting every row of the site, kept or not, so fixing one row renames none).
 */
class CellCollector {
  readonly cells: Cell[] = [];
  private readonly placeOfCellId = new Map<string, number>();
  private readonly rowsOfSite = new Map<string, number>();

  /** Counts a row of `siteId`; call for every row that names a site, before validating it. */
  countSiteRow(siteId: string): number {
    const k = (this.rowsOfSite.get(siteId) ?? 0) + 1;
    this.rowsOfSite.set(siteId, k);
    return k;
  }

  /** Keeps the cell, or rejects it when its id is taken; the defaults it got are counted only when kept. */
  add(cell: Cell, defaults: readonly DefaultedField[], place: number, column: string, log: IssueLog): void {
    const first = this.placeOfCellId.get(cell.cellId);
    if (first !== undefined) {
      log.reject(place, 'duplicate-id', column, { value: cell.cellId, first });
      return;
    }
    this.placeOfCellId.set(cell.cellId, place);
    this.cells.push(cell);
    log.countDefaults(defaults);
  }
}

/**
 * Parses a sites file: GeoJSON Points (leading '{'), an OpenCelliD export (recognised by its header, or
 * by a first row such as `LTE,452,…` when it has none), a sites CSV, a workbook sheet or converted features
 * (read-layer-file.ts). `options` rename columns and give the CRS of table coordinates. Never throws.
 */
export function parseSites(source: LayerSource, file: string, options: TableOptions = {}): ImportResult<Cell[]> {
  if (typeof source === 'string') {
    return /^\uFEFF?\s*\{/.test(source) ? parseSitesGeoJson(source, file) : parseSitesCsv(source, file, options);
  }
  return source.kind === 'features' ? parseSitesGeoJson(source, file) : parseSitesCsv(source, file, options);
}

function parseSitesCsv(source: string | SheetTable, file: string, options: TableOptions): ImportResult<Cell[]> {
  const log = new IssueLog(file, 'row', typeof source === 'string' ? undefined : source.sheet);
  const collector = new CellCollector();
  const lonLat = new Float64Array(2);
  const transform = coordinateTransform(options.crs);
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
        if (parsed !== null) collector.add(parsed.cell, parsed.defaults, row, 'cell', log);
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
      collector.add(cell, parsed.defaults, row, columnOf('cellId'), log);
    };
  });
  return log.finish(collector.cells, rowsRead, collector.cells.length);
}

function parseSitesGeoJson(source: string | FeatureSource, file: string): ImportResult<Cell[]> {
  const log = new IssueLog(file, 'feature');
  const features = readFeatures(source, log);
  if (features === null) return log.finish([], 0, 0);
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
    collector.add({ cellId: cellId ?? `${siteId}-${k}`, ...parsed.cell }, parsed.defaults, index, 'cell_id', log);
  }
  return log.finish(collector.cells, features.length, collector.cells.length);
}
