/**
 * The report's workbook: one sheet per table of the document (the "about" sheet first), headers in the report's
 * language, numbers as numbers with thousands separators and fixed decimals, fitted widths, frozen headers.
 */
import type { ReportDocument } from '../../core/report/report-document.ts';
import type { ReportColumn } from '../../core/report/report-tables.ts';
import { toXlsx } from '../export-table.ts';

/** Excel number format of a column: '#,##0' for counts, '#,##0.00' for two decimals, General for text. */
function numberFormat(column: ReportColumn): string | null {
  if (column.kind === 'text') return null;
  if (column.kind === 'integer' || column.decimals === 0) return '#,##0';
  // coordinates keep their digits without separators
  return column.decimals >= 6 ? `0.${'0'.repeat(column.decimals)}` : `#,##0.${'0'.repeat(column.decimals)}`;
}

/** Writes the workbook's bytes. */
export function reportToXlsx(document: ReportDocument): Promise<Uint8Array> {
  return toXlsx(
    document.workbook.map((table) => ({
      name: table.sheetName,
      columns: table.columns.map((column) => column.header),
      rows: table.rows,
      numberFormats: table.columns.map(numberFormat),
    })),
  );
}
