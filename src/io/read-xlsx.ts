/**
 * Excel workbooks (.xlsx) as the department and operators keep them: several sheets, a title block above the
 * table (often merged across the columns), blank rows, numbers stored as text with a Vietnamese decimal comma.
 * Read with exceljs, after the archive passed the zip-bomb checks of safe-zip.ts. Legacy .xls (Excel 97–2003,
 * BIFF) is refused with a message to save as .xlsx: the one maintained .xls parser, SheetJS, is no longer
 * published on npm (its last npm release, xlsx 0.18.5, has high-severity advisories).
 */
import type { Workbook, Worksheet, CellValue } from 'exceljs';
import type { SheetTable } from './layer-source.ts';
import { repackStored, unzipLimited } from './safe-zip.ts';

export interface SheetInfo {
  name: string;
  hidden: boolean;
  /** Rows that hold any value. */
  rowsWithData: number;
}

export type WorkbookReading = { ok: true; sheets: SheetInfo[]; workbook: Workbook } | { ok: false; error: string };

/** Opens a workbook; a damaged or oversized archive is an error (English, quoted in the import report). */
export async function openWorkbook(bytes: Uint8Array): Promise<WorkbookReading> {
  const unzipped = unzipLimited(bytes);
  if (!unzipped.ok) return unzipped;
  if (!('xl/workbook.xml' in unzipped.files)) return { ok: false, error: 'the archive is not an Excel workbook (no xl/workbook.xml)' };
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(repackStored(unzipped.files) as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, error: `damaged workbook (${(error as Error).message})` };
  }
  const sheets = workbook.worksheets.map((sheet) => {
    let rowsWithData = 0;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (rowCells(sheet, row.number).some((cell) => cell !== '')) rowsWithData++;
    });
    return { name: sheet.name, hidden: sheet.state !== 'visible', rowsWithData };
  });
  return { ok: true, sheets, workbook };
}

/** A cell value as the text Excel shows (formulas by their result, rich text joined, dates as ISO dates). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 19 : 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as CellValue);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('error' in value) return String(value.error);
  }
  return '';
}

/** The cells of one row as text, trimmed; the covered cells of a merged range are empty (the value is the first cell's). */
function rowCells(sheet: Worksheet, rowNumber: number): string[] {
  const row = sheet.getRow(rowNumber);
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const covered = cell.isMerged && cell.master !== cell;
    cells[column - 1] = covered ? '' : cellText(cell.value).trim();
  });
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
  return cells;
}

/** Rows the header is looked for in: a title block rarely runs longer. */
const HEADER_SEARCH_ROWS = 30;

/**
 * Reads one sheet as a table. The header row is, among the first non-blank rows, the one with the most cells
 * that `isKnownHeader` recognises (a layer's column names); when none is recognised, the first row with at least
 * two filled cells that is not a merged title. Rows above it (title, date, notes) and blank rows are skipped.
 */
export function readSheet(workbook: Workbook, sheetName: string, isKnownHeader: (cell: string) => boolean): SheetTable | null {
  const sheet = workbook.getWorksheet(sheetName);
  if (sheet === undefined) return null;
  const rows: Array<{ row: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = rowCells(sheet, row.number);
    if (cells.some((cell) => cell !== '')) rows.push({ row: row.number, cells });
  });
  let headerAt = -1;
  let bestScore = 0;
  const searched = rows.slice(0, HEADER_SEARCH_ROWS);
  searched.forEach(({ cells }, k) => {
    const score = cells.filter((cell) => cell !== '' && isKnownHeader(cell)).length;
    if (score > bestScore) {
      bestScore = score;
      headerAt = k;
    }
  });
  if (headerAt === -1) {
    headerAt = searched.findIndex(({ row, cells }) => cells.filter((cell) => cell !== '').length >= 2 && !isMergedTitle(sheet, row));
  }
  if (headerAt === -1) return { kind: 'table', sheet: sheetName, header: { cells: [], row: 0 }, rows: [] };
  return { kind: 'table', sheet: sheetName, header: rows[headerAt], rows: rows.slice(headerAt + 1) };
}

/** A row whose first filled cell is merged across columns: a title, not a header. */
function isMergedTitle(sheet: Worksheet, rowNumber: number): boolean {
  let merged = false;
  let seen = false;
  sheet.getRow(rowNumber).eachCell({ includeEmpty: false }, (cell) => {
    if (seen) return;
    seen = true;
    merged = cell.isMerged;
  });
  return merged;
}
