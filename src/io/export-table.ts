/**
 * Table exports shared by the app and the CLI: CSV (optionally with a UTF-8 BOM so Excel shows Vietnamese
 * correctly) and XLSX (exceljs). Cells are data: nothing here is ever interpreted as HTML or a formula
 * (see spreadsheet-safe.ts for how text that looks like a formula is written).
 */
import type { Crs } from './crs.ts';
import { crsTransform } from './crs-transform.ts';
import { csvText } from './csv-writer.ts';

type TableValue = string | number | boolean | null;

export interface Table {
  /** Sheet name for XLSX (≤ 31 characters, no []:*?/\). */
  name: string;
  columns: string[];
  rows: TableValue[][];
  /** Excel number format per column (e.g. '#,##0', '0.00'); absent or null = General. */
  numberFormats?: Array<string | null>;
}

/**
 * Formats a table as CSV (RFC 4180 quoting, csv-writer.ts): `bom` (a UTF-8 byte-order mark, which Excel needs to
 * read a CSV as UTF-8 rather than the system code page) for files meant for Excel, `newline` CRLF (RFC 4180, the
 * default) or LF (the CLI's files for machines). Text starting like a formula is neutralised
 * (`neutraliseFormula`); numbers are written as numbers.
 */
export function toCsv(table: Table, options: { bom?: boolean; newline?: '\r\n' | '\n' } = {}): string {
  return csvText(table.columns, table.rows, options);
}

/** Characters a cell shows: numbers with thousands separators and the format's decimals, text as is. */
function shownLength(value: TableValue, format: string | null | undefined): number {
  if (value === null) return 0;
  if (typeof value !== 'number') return String(value).length;
  const decimals = format ? (format.split('.')[1]?.length ?? 0) : 2;
  const digits = Math.trunc(Math.abs(value)).toString().length;
  return digits + Math.floor((digits - 1) / 3) + (decimals > 0 ? decimals + 1 : 0) + (value < 0 ? 1 : 0);
}

/**
 * Builds an XLSX workbook with one sheet per table: bold frozen header row, numbers as numbers (in the table's
 * number formats), column widths fitted to the longest header or value (8–60 characters). Resolves to the
 * file's bytes.
 */
export async function toXlsx(tables: Table[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'phusong';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    sheet.addRow(table.columns);
    sheet.getRow(1).font = { bold: true };
    // strings are written as string cells (t="s"), which a spreadsheet shows and never evaluates: text
    // like "=SUM(A1)" needs no apostrophe here, and keeps its value when read back
    for (const row of table.rows) sheet.addRow(row.map((value) => value ?? ''));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    table.columns.forEach((column, i) => {
      const format = table.numberFormats?.[i];
      const sheetColumn = sheet.getColumn(i + 1);
      if (format) sheetColumn.numFmt = format;
      const longest = table.rows.reduce((most, row) => Math.max(most, shownLength(row[i] ?? null, format)), column.length);
      sheetColumn.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * The table with two more columns after its longitude/latitude columns: `vn2000_easting_m` and
 * `vn2000_northing_m` (metres, to the millimetre) in a projected CRS, e.g. the province's VN-2000 TM-3 zone, for
 * officials who work in VN-2000. Rows without a valid position get empty cells. The WGS84 columns stay.
 */
export function withProjectedColumns(table: Table, crs: Crs, columns: { lon: string; lat: string } = { lon: 'lon', lat: 'lat' }): Table {
  const lonIndex = table.columns.indexOf(columns.lon);
  const latIndex = table.columns.indexOf(columns.lat);
  if (lonIndex === -1 || latIndex === -1) throw new Error(`table ${table.name} has no ${columns.lon}/${columns.lat} columns`);
  const transform = crsTransform(crs);
  const at = Math.max(lonIndex, latIndex) + 1;
  const insert = <T>(row: T[], values: T[]): T[] => [...row.slice(0, at), ...values, ...row.slice(at)];
  return {
    ...table,
    columns: insert(table.columns, ['vn2000_easting_m', 'vn2000_northing_m']),
    rows: table.rows.map((row) => {
      const lon = row[lonIndex];
      const lat = row[latIndex];
      if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return insert(row, [null, null]);
      const [easting, northing] = transform.fromWgs84(lon, lat);
      return insert(row, [Math.round(easting * 1000) / 1000, Math.round(northing * 1000) / 1000]);
    }),
  };
}
