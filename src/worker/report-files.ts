/**
 * Writes the planner's report document as the file the app downloads: PDF (the director's copy), XLSX (one sheet
 * per table) or HTML with the print stylesheet, by the same io/report writers the CLI uses, so the app and
 * `phusong report` make the same files.
 */
import type { ReportDocument } from '../core/report/report-document.ts';
import { loadReportFonts, type ReportFontBytes } from '../io/report/report-fonts.ts';
import { reportToHtml } from '../io/report/report-html.ts';
import { reportToPdf } from '../io/report/report-pdf.ts';
import { reportToXlsx } from '../io/report/report-xlsx.ts';
import type { ReportFormat } from './protocol.ts';

const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html;charset=utf-8',
};

/** The file's bytes and MIME type; PDF and HTML need the fonts (their text and charts are set in Noto Sans). */
export async function writeReport(
  document: ReportDocument,
  format: ReportFormat,
  fontBytes: ReportFontBytes | null,
  onProgress: (fraction: number) => void,
): Promise<{ bytes: Uint8Array; type: string }> {
  if (format === 'xlsx') return { bytes: await reportToXlsx(document), type: MIME.xlsx };
  if (fontBytes === null) throw new Error('the report fonts are missing');
  const fonts = loadReportFonts(fontBytes);
  const bytes = format === 'pdf' ? await reportToPdf(document, fonts, { onProgress }) : new TextEncoder().encode(await reportToHtml(document, fonts));
  return { bytes, type: MIME[format] };
}
