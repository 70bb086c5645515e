/**
 * Table exports shared by the app and the CLI: CSV (optionally with a UTF-8 BOM so Excel shows Vietnamese
 * correctly) and XLSX (exceljs). Cells are data: nothing here is ever interpreted as HTML or a formula.
 */
import Papa from 'papaparse';

export type TableValue = string | number | boolean | null;

export interface Table {
  /** Sheet name for XLSX (≤ 31 characters, no []:*?/\). */
  name: string;
  columns: string[];
  rows: TableValue[][];
  /** Excel number format per column (e.g. '#,##0', '0.00'); absent or null = General. */
  numberFormats?: Array<string | null>;
}

/** UTF-8 byte-order mark: Excel needs it to read a CSV as UTF-8 rather than the system code page. */
export const UTF8_BOM = '\uFEFF';

/**
 * Formats a table as CSV (RFC 4180 quoting). `bom` for files meant for Excel; `escapeFormulae` prefixes
 * cells starting with = + - @ so a spreadsheet never evaluates imported text (CSV injection).
 */
export function toCsv(table: Table, options: { bom?: boolean; escapeFormulae?: boolean } = {}): string {
  const body = Papa.unparse(
    { fields: table.columns, data: table.rows.map((row) => row.map((value) => value ?? '')) },
    { newline: '\r\n', escapeFormulae: options.escapeFormulae ?? true },
  );
  return (options.bom ? UTF8_BOM : '') + body + '\r\n';
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
    // strings are written as strings, so text like "=SUM(A1)" stays text in Excel
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
