/**
 * OpenCelliD CSV exports, read as they come (https://wiki.opencellid.org/wiki/Menu_map_view#Database):
 * `radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal`, with that
 * header (full database) or without it (per-country downloads). Each row is one cell; the RF fields the
 * export lacks come from the technology's defaults (RF_DEFAULTS), and every cell is taken as omni (the export has no azimuth).
 */
import type { Cell, Technology } from '../core/model.ts';
import { defaultRadioFields, DEFAULTED_RADIO_FIELDS, RADIO_FIELDS } from '../core/radio-fields.ts';
import type { DefaultedField, IssueLog } from './issue-log.ts';
import { VIETNAM_MCC, VIETNAM_OPERATORS } from './operators.ts';
import { parseDecimal, readCoordinates } from './read-csv.ts';

/** The export's columns, in the order of a headerless file. */
export const OPENCELLID_COLUMNS = [
  'radio', 'mcc', 'net', 'area', 'cell', 'unit', 'lon', 'lat', 'range', 'samples', 'changeable', 'created', 'updated',
  'averagesignal',
] as const;

/** OpenCelliD `radio` → technology. CDMA (never deployed in Việt Nam's current networks) is not supported. */
const RADIO_TECHNOLOGY: Readonly<Record<string, Technology>> = { GSM: '2G', UMTS: '3G', LTE: '4G', NR: '5G' };

/** LTE cell identity (ECI, 28 bits) = eNodeB id · 256 + local cell id (3GPP TS 36.413 §9.2.1.38). */
const LTE_CELLS_PER_ENB = 256;

/** Whether a header row is an OpenCelliD export's: it has the radio/mcc/net/area/cell columns. */
export function isOpenCellIdHeader(cells: readonly string[]): boolean {
  const folded = cells.map((cell) => cell.toLowerCase());
  return ['radio', 'mcc', 'net', 'area', 'cell'].every((column) => folded.includes(column));
}

/** Whether a first row is already data of a headerless export: a radio name, then a numeric MCC. */
export function isHeaderlessOpenCellIdRow(cells: readonly string[]): boolean {
  return cells.length >= 8 && /^(GSM|UMTS|LTE|NR|CDMA)$/i.test(cells[0]) && /^\d{3}$/.test(cells[1]);
}

/** Column positions of an OpenCelliD file, by header (or the fixed order when headerless). */
export type OpenCellIdColumns = Record<'radio' | 'mcc' | 'net' | 'area' | 'cell' | 'lon' | 'lat', number>;

export function locateOpenCellIdColumns(header: readonly string[] | null): OpenCellIdColumns {
  const folded = header === null ? [...OPENCELLID_COLUMNS] : header.map((cell) => cell.toLowerCase());
  return {
    radio: folded.indexOf('radio'),
    mcc: folded.indexOf('mcc'),
    net: folded.indexOf('net'),
    area: folded.indexOf('area'),
    cell: folded.indexOf('cell'),
    lon: folded.indexOf('lon'),
    lat: folded.indexOf('lat'),
  };
}

/** Reads a whole number ≥ 0 from a cell, or logs why not and returns −1. */
function readIdentifier(text: string, row: number, column: string, log: IssueLog): number {
  const value = parseDecimal(text, false);
  if (text.trim() === '') log.reject(row, 'missing-value', column);
  else if (Number.isNaN(value)) log.reject(row, 'not-a-number', column, { value: text });
  else if (!Number.isInteger(value) || value < 0) log.reject(row, 'not-an-integer', column, { value: text });
  else return value;
  return -1;
}

/**
 * One export row → a cell and the RF fields it got by default, or null (problems logged). Identities:
 * - cellId `<radio>-452-<mnc>-<area>-<cell>`, unique per cell;
 * - siteId: for LTE the eNodeB, `452-<mnc>-enb<cell div 256>`, so a site's sectors group together; for
 *   GSM, UMTS and NR the cell itself, `452-<mnc>-<area>-<cell>` (their cell ids do not encode the site:
 *   the NR gNB id length varies by operator).
 * Positions are OpenCelliD's estimates per cell, kept as given (sectors of one eNodeB may differ slightly).
 */
export function readOpenCellIdRow(
  record: string[],
  row: number,
  columns: OpenCellIdColumns,
  log: IssueLog,
  lonLat: Float64Array,
): { cell: Cell; defaults: DefaultedField[] } | null {
  const text = (index: number): string => (index === -1 ? '' : (record[index] ?? '').trim());
  const radio = text(columns.radio).toUpperCase();
  const technology = RADIO_TECHNOLOGY[radio] as Technology | undefined;
  if (technology === undefined) {
    if (radio === '') log.reject(row, 'missing-value', 'radio');
    else {
      const allowed = Object.keys(RADIO_TECHNOLOGY).join(', ');
      log.reject(row, 'unknown-value', 'radio', { value: text(columns.radio), allowed });
    }
  }
  const mcc = readIdentifier(text(columns.mcc), row, 'mcc', log);
  if (mcc !== -1 && mcc !== VIETNAM_MCC) {
    log.reject(row, 'unknown-value', 'mcc', { value: text(columns.mcc), allowed: String(VIETNAM_MCC) });
  }
  const net = readIdentifier(text(columns.net), row, 'net', log);
  const operator = VIETNAM_OPERATORS.get(net);
  if (net !== -1 && mcc === VIETNAM_MCC && operator === undefined) {
    const allowed = [...VIETNAM_OPERATORS].map(([mnc, name]) => `${String(mnc).padStart(2, '0')} ${name}`).join(', ');
    log.reject(row, 'unknown-value', 'net', { value: text(columns.net), allowed });
  }
  const area = readIdentifier(text(columns.area), row, 'area', log);
  const cellIdentity = readIdentifier(text(columns.cell), row, 'cell', log);
  const located = readCoordinates(text(columns.lon), text(columns.lat), row, { lon: 'lon', lat: 'lat' }, false, log, lonLat);
  const identified = mcc === VIETNAM_MCC && operator !== undefined && area !== -1 && cellIdentity !== -1;
  if (!located || technology === undefined || operator === undefined || !identified) return null;

  const mnc = String(net).padStart(2, '0');
  const siteId =
    technology === '4G'
      ? `${mcc}-${mnc}-enb${Math.floor(cellIdentity / LTE_CELLS_PER_ENB)}`
      : `${mcc}-${mnc}-${area}-${cellIdentity}`;
  const radioFields = defaultRadioFields(technology);
  const defaulted: DefaultedField[] = [
    // every cell is omni: its beamwidth is never used, so not worth a note
    ...DEFAULTED_RADIO_FIELDS.filter((key) => key !== 'beamwidthDeg').map(
      (key): DefaultedField => [RADIO_FIELDS[key].column, `${radioFields[key]} (${technology})`],
    ),
    ['azimuth_deg', 'omni'],
  ];
  const cell: Cell = {
    cellId: `${radio}-${mcc}-${mnc}-${area}-${cellIdentity}`,
    siteId,
    lon: lonLat[0],
    lat: lonLat[1],
    operator,
    technology,
    ...radioFields,
    status: 'existing',
  };
  return { cell, defaults: defaulted };
}
