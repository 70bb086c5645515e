/**
 * The report as a PDF (A4 portrait): page 1 for the director, a table of contents for reports with three or more
 * sections, one section per chapter starting on a new page, page numbers in the footer, maps and charts embedded
 * as vectors (svg-to-pdfkit), text in the embedded Noto Sans so Vietnamese diacritics print everywhere. Text
 * wraps and tables break across pages with their header repeated, so nothing is cut off. pdfkit runs in Node and
 * in the browser (its browser build), so the CLI and the app make the same file.
 */
import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { reportText } from '../../core/report/report-i18n.ts';
import type { ReportBlock, ReportDocument } from '../../core/report/report-document.ts';
import { formatCell, type ReportTable } from '../../core/report/report-tables.ts';
import { formatNumber } from '../../core/report/report-format.ts';
import { renderDocumentCharts } from './render-charts.ts';
import type { ReportFonts } from './report-fonts.ts';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 48, bottom: 56, left: 45, right: 45 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = 'Sans';
const BOLD = 'Sans-Bold';
const SIZE = { title: 19, section: 15, heading: 10.5, body: 9, table: 7.5, caption: 7.5, footer: 7.5 };
const CELL_PAD = 3;
/** Smallest scale a figure is shrunk to so it fits the rest of a page (text stays ≥ 5 pt). */
const MIN_FIGURE_SCALE = 0.7;

/** Section start pages (0-based) for the contents and the outline. */
interface SectionMark {
  title: string;
  page: number;
  destination: string;
}

/** Options the host may set; the defaults suit the CLI. */
export interface PdfOptions {
  /** Called with 0…1 while charts render and pages are laid out. */
  onProgress?: (fraction: number) => void;
}

/**
 * Writes the document as PDF bytes. Charts are rendered to SVG first (vega), then every block is laid out.
 *
 * @example
 * const bytes = await reportToPdf(reportDocument(model), loadReportFonts({ regular, bold }));
 */
export async function reportToPdf(document: ReportDocument, fonts: ReportFonts, options: PdfOptions = {}): Promise<Uint8Array> {
  const charts = await renderDocumentCharts(document, fonts, (fraction) => options.onProgress?.(fraction / 2));
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: document.language === 'vi' ? 'vi-VN' : 'en-GB',
    displayTitle: true,
    // the default font is the embedded one: pdfkit's browser build carries no standard fonts (Helvetica…);
    // pdfkit takes an opened fontkit face here at run time, its typings say only a name
    font: asPdfFontSource(fonts.faces.regular) as string,
    info: { Title: document.title, Author: document.organisation, Creator: 'phusong', Producer: 'phusong (pdfkit)' },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(FONT, asPdfFontSource(fonts.faces.regular));
  doc.registerFont(BOLD, asPdfFontSource(fonts.faces.bold));
  const layout = new PdfLayout(doc, charts, document.language, fonts);

  layout.cover(document);
  const withContents = document.sections.length >= 3;
  // the contents page follows the cover, however many pages the cover took (a long target table overflows it)
  if (withContents) doc.addPage();
  const contentsPage = doc.bufferedPageRange().count - 1;
  const marks: SectionMark[] = [];
  document.sections.forEach((section, i) => {
    doc.addPage();
    const destination = `section-${section.id}`;
    doc.addNamedDestination(destination);
    marks.push({ title: section.title, page: doc.bufferedPageRange().count - 1, destination });
    doc.outline.addItem(section.title);
    layout.sectionTitle(section.title);
    for (const block of section.blocks) layout.block(block);
    options.onProgress?.(0.5 + (0.4 * (i + 1)) / document.sections.length);
  });
  if (withContents) layout.contents(marks, document, contentsPage);
  layout.footers(document);
  doc.end();
  await finished;
  options.onProgress?.(1);
  return concat(chunks);
}

/** pdfkit uses an opened fontkit face as it is (`PDFFontFactory.open`); its typings list only bytes and names. */
function asPdfFontSource(face: Font): PDFKit.Mixins.PDFFontSource {
  return face as unknown as PDFKit.Mixins.PDFFontSource;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** SVG width and height from its root element's attributes. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('report figure: the SVG has no width/height');
  return { width, height };
}

/**
 * The SVG drawn at `width` × `height`: svg-to-pdfkit takes the root's own width and height over its viewport
 * option, so they are rewritten (with a viewBox of the original size, so the content scales).
 */
function sizedSvg(svg: string, size: { width: number; height: number }, width: number, height: number): string {
  return svg.replace(/<svg[^>]*>/, (root) => {
    let sized = root.replace(/\swidth="[\d.]+"/, ` width="${width}"`).replace(/\sheight="[\d.]+"/, ` height="${height}"`);
    if (!/\sviewBox=/.test(sized)) sized = sized.replace(/^<svg/, `<svg viewBox="0 0 ${size.width} ${size.height}"`);
    return sized;
  });
}

/** A cursor over pdfkit pages: each block starts where the previous ended, breaking pages where needed. */
class PdfLayout {
  private readonly bottom = PAGE.height - MARGIN.bottom;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly charts: ReadonlyMap<string, string>,
    private readonly language: ReportDocument['language'],
    private readonly fonts: ReportFonts,
  ) {}

  /** Width of one line of table text (fontkit, cached): the same advance widths pdfkit lays out with. */
  private tableWidth(text: string, bold: boolean): number {
    return this.fonts.measure(text, SIZE.table, bold);
  }

  private get y(): number {
    return this.doc.y;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private ensure(height: number): void {
    if (this.y + height > this.bottom) this.doc.addPage();
  }

  private text(text: string, options: { font?: string; size?: number; color?: string; gapAfter?: number; x?: number; width?: number } = {}): void {
    const doc = this.doc;
    doc.font(options.font ?? FONT).fontSize(options.size ?? SIZE.body).fillColor(options.color ?? '#000000');
    doc.text(text, options.x ?? MARGIN.left, this.y, { width: options.width ?? TEXT_WIDTH, lineGap: 1.5 });
    this.doc.y += options.gapAfter ?? 4;
  }

  cover(document: ReportDocument): void {
    const doc = this.doc;
    doc.y = MARGIN.top + 6;
    this.text(document.organisation.toLocaleUpperCase(document.language === 'vi' ? 'vi-VN' : 'en-GB'), { font: BOLD, size: 10, gapAfter: 18 });
    this.text(document.title, { font: BOLD, size: SIZE.title, gapAfter: 8 });
    doc.moveTo(MARGIN.left, this.y).lineTo(PAGE.width - MARGIN.right, this.y).lineWidth(1.2).strokeColor('#000000').stroke();
    doc.y += 10;
    for (const block of document.cover) this.block(block);
  }

  sectionTitle(title: string): void {
    this.doc.y = MARGIN.top;
    this.text(title, { font: BOLD, size: SIZE.section, gapAfter: 4 });
    this.doc.moveTo(MARGIN.left, this.y).lineTo(PAGE.width - MARGIN.right, this.y).lineWidth(0.8).strokeColor('#000000').stroke();
    this.doc.y += 8;
  }

  block(block: ReportBlock): void {
    switch (block.kind) {
      case 'heading':
        // keep a heading with at least a few lines of what follows
        this.ensure(60);
        this.doc.y += 4;
        this.text(block.text, { font: BOLD, size: SIZE.heading, gapAfter: 4 });
        return;
      case 'paragraph':
        this.text(block.text, { size: block.note ? SIZE.caption : SIZE.body, color: block.note ? '#333333' : '#000000', gapAfter: 5 });
        return;
      case 'facts':
        this.facts(block.rows);
        return;
      case 'table':
        this.table(block.table, block.maxRows);
        return;
      case 'map':
        this.figure(block.svg, block.caption);
        return;
      case 'chart':
        this.figure(this.charts.get(block.id)!, block.caption);
        return;
      case 'code':
        this.text(block.text, { size: 6.5, gapAfter: 6 });
        return;
    }
  }

  private facts(rows: ReadonlyArray<{ label: string; value: string }>): void {
    const doc = this.doc;
    const labelWidth = 150;
    const valueWidth = TEXT_WIDTH - labelWidth - 8;
    for (const row of rows) {
      doc.font(BOLD).fontSize(SIZE.body);
      const labelHeight = doc.heightOfString(row.label, { width: labelWidth, lineGap: 1.5 });
      doc.font(FONT).fontSize(SIZE.body);
      const valueHeight = doc.heightOfString(row.value, { width: valueWidth, lineGap: 1.5 });
      const height = Math.max(labelHeight, valueHeight);
      this.ensure(height + 4);
      const top = this.y;
      doc.font(BOLD).fontSize(SIZE.body).fillColor('#000000').text(row.label, MARGIN.left, top, { width: labelWidth, lineGap: 1.5 });
      doc.font(FONT).fontSize(SIZE.body).text(row.value, MARGIN.left + labelWidth + 8, top, { width: valueWidth, lineGap: 1.5 });
      doc.y = top + height + 4;
    }
    doc.y += 4;
  }

  /**
   * Column widths, values before headers (headers may wrap at spaces, values should not):
   * - minimum: never breaks a word or a number (numbers: their widest value; text: its longest word; headers:
   *   their longest word);
   * - natural: every value on one line (headers still wrapped);
   * - header: the header on one line too.
   * Columns grow from the minimum towards natural in proportion to what they lack, then towards one-line
   * headers, then text columns take what is left. A table whose minimums exceed the page narrows its text columns
   * (numbers keep their width); only when the numbers alone nearly fill it is everything scaled down.
   */
  private columnWidths(table: ReportTable, rows: ReportTable['rows'], language: ReportDocument['language']): number[] {
    const extra = 2 * CELL_PAD + 1;
    // a word with the space after it: pdfkit's line breaker measures the two together, and breaks inside a word
    // that fits only without its space ("Cần t|hêm trạm")
    const words = (text: string, bold = false): number => Math.max(0, ...text.split(/\s+/).map((word) => this.tableWidth(`${word} `, bold)));
    const minimum: number[] = [];
    const natural: number[] = [];
    const header: number[] = [];
    table.columns.forEach((column, c) => {
      const headerWord = words(column.header, true);
      const headerLine = this.tableWidth(column.header, true);
      let least = headerWord;
      let whole = headerWord;
      for (const row of rows) {
        const text = formatCell(row[c], column, language);
        const width = this.tableWidth(text, false);
        whole = Math.max(whole, width);
        least = Math.max(least, column.kind === 'text' ? words(text) : width);
      }
      minimum.push(least + extra);
      natural.push(whole + extra);
      header.push(Math.max(whole, headerLine) + extra);
    });
    const sum = (widths: number[]): number => widths.reduce((total, width) => total + width, 0);
    /** Grows `from` towards `to`, sharing `room` in proportion to each column's lack. */
    const grow = (from: number[], to: number[], room: number): number[] => {
      const lack = to.map((width, c) => Math.max(0, width - from[c]));
      const total = sum(lack);
      return total <= room ? [...to] : from.map((width, c) => width + (room * lack[c]) / total);
    };
    if (sum(minimum) > TEXT_WIDTH) {
      // too wide even at the minimum: numbers keep theirs (a cut number would be a wrong one) and the widest text
      // columns are capped at one width so that the rest fits, their long words broken (pdfkit breaks a word
      // wider than its line); narrow text columns (status, deadline) stay whole
      const isText = table.columns.map((column) => column.kind === 'text');
      const room = TEXT_WIDTH - sum(minimum.filter((_, c) => !isText[c]));
      const texts = minimum.filter((_, c) => isText[c]).sort((a, b) => a - b);
      if (texts.length === 0 || room < 24 * texts.length) return minimum.map((width) => (width * TEXT_WIDTH) / sum(minimum));
      let cap = 0;
      let below = 0;
      for (let k = 0; k < texts.length; k++) {
        // the columns from k up share what the narrower ones leave
        cap = (room - below) / (texts.length - k);
        if (cap <= texts[k]) break;
        below += texts[k];
      }
      return minimum.map((width, c) => (isText[c] ? Math.min(width, cap) : width));
    }
    let widths = grow(minimum, natural, TEXT_WIDTH - sum(minimum));
    widths = grow(widths, header, TEXT_WIDTH - sum(widths));
    const slack = TEXT_WIDTH - sum(widths);
    if (slack > 0) {
      // what is left goes to the text columns (or to all columns when there is none)
      const share = table.columns.some((column) => column.kind === 'text') ? table.columns.map((column) => column.kind === 'text') : table.columns.map(() => true);
      const shareWidth = sum(widths.filter((_, c) => share[c]));
      widths = widths.map((width, c) => (share[c] ? width + (slack * width) / shareWidth : width));
    }
    return widths;
  }

  private table(table: ReportTable, maxRows: number | null): void {
    const doc = this.doc;
    const language = this.language;
    const rows = maxRows !== null ? table.rows.slice(0, maxRows) : table.rows;
    const widths = this.columnWidths(table, rows, language);
    const lineGap = 0.5;
    doc.font(FONT).fontSize(SIZE.table);
    const oneLine = doc.heightOfString('Ág', { lineGap });
    const heightOf = (texts: string[], font: string): number => {
      doc.font(font).fontSize(SIZE.table);
      // pdfkit's wrapping is only needed for text wider than its cell
      const heights = texts.map((text, c) =>
        this.tableWidth(text, font === BOLD) <= widths[c] - 2 * CELL_PAD ? oneLine : doc.heightOfString(text, { width: widths[c] - 2 * CELL_PAD, lineGap }),
      );
      return Math.max(...heights) + 2 * CELL_PAD;
    };
    const headers = table.columns.map((column) => column.header);
    const headerHeight = heightOf(headers, BOLD);
    const drawRow = (texts: string[], font: string, height: number, shade: string | null): void => {
      const top = this.y;
      if (shade) doc.rect(MARGIN.left, top, TEXT_WIDTH, height).fill(shade);
      doc.font(font).fontSize(SIZE.table).fillColor('#000000');
      let x = MARGIN.left;
      texts.forEach((text, c) => {
        const align = table.columns[c].kind === 'text' ? 'left' : 'right';
        doc.text(text, x + CELL_PAD, top + CELL_PAD, { width: widths[c] - 2 * CELL_PAD, align, lineGap });
        x += widths[c];
      });
      doc.y = top + height;
    };
    const drawHeader = (): void => {
      drawRow(headers, BOLD, headerHeight, '#e3e3e3');
      doc.moveTo(MARGIN.left, this.y).lineTo(MARGIN.left + TEXT_WIDTH, this.y).lineWidth(0.6).strokeColor('#000000').stroke();
    };
    this.ensure(headerHeight + 20);
    drawHeader();
    rows.forEach((row, r) => {
      const texts = row.map((value, c) => formatCell(value, table.columns[c], language));
      const height = heightOf(texts, FONT);
      if (this.y + height > this.bottom) {
        doc.addPage();
        drawHeader();
      }
      drawRow(texts, FONT, height, r % 2 === 1 ? '#f4f4f4' : null);
    });
    doc.moveTo(MARGIN.left, this.y).lineTo(MARGIN.left + TEXT_WIDTH, this.y).lineWidth(0.6).strokeColor('#000000').stroke();
    doc.y += 4;
    if (rows.length < table.rows.length) {
      this.text(reportText(language, 'more', { count: formatNumber(table.rows.length - rows.length, language) }), { size: SIZE.caption, color: '#333333' });
    }
    doc.y += 6;
  }

  /** An SVG figure at its size (scaled down to the text width), with its caption under it, kept on one page. */
  private figure(svg: string, caption: string): void {
    const doc = this.doc;
    const size = svgSize(svg);
    let scale = Math.min(1, TEXT_WIDTH / size.width, (this.bottom - MARGIN.top - 40) / size.height);
    doc.font(FONT).fontSize(SIZE.caption);
    const captionHeight = doc.heightOfString(caption, { width: TEXT_WIDTH });
    // a figure that almost fits the rest of the page is drawn a little smaller rather than leaving the page half empty
    const room = this.bottom - this.y - captionHeight - 10;
    if (size.height * scale > room && size.height * scale * MIN_FIGURE_SCALE <= room) scale = room / size.height;
    const width = size.width * scale;
    const height = size.height * scale;
    this.ensure(height + captionHeight + 10);
    const top = this.y;
    SVGtoPDF(doc, sizedSvg(svg, size, width, height), MARGIN.left + (TEXT_WIDTH - width) / 2, top, {
      width,
      height,
      assumePt: true,
      fontCallback: (_family, bold) => (bold ? BOLD : FONT),
    });
    doc.y = top + height + 3;
    this.text(caption, { size: SIZE.caption, color: '#333333', gapAfter: 10 });
  }

  /** The contents on `page` (0-based, after the cover): section titles with dotted leaders to their page numbers, linked. */
  contents(marks: readonly SectionMark[], document: ReportDocument, page: number): void {
    const doc = this.doc;
    doc.switchToPage(page);
    this.sectionTitle(reportText(document.language, 'contents'));
    for (const mark of marks) {
      const top = this.y;
      const number = String(mark.page + 1);
      doc.font(FONT).fontSize(11).fillColor('#000000');
      const numberWidth = doc.widthOfString(number);
      doc.text(mark.title, MARGIN.left, top, { width: TEXT_WIDTH - numberWidth - 20, goTo: mark.destination });
      doc.text(number, PAGE.width - MARGIN.right - numberWidth, top, { lineBreak: false, goTo: mark.destination });
      doc.moveTo(MARGIN.left + doc.widthOfString(mark.title) + 6, top + 9)
        .lineTo(PAGE.width - MARGIN.right - numberWidth - 6, top + 9)
        .dash(1, { space: 2 })
        .lineWidth(0.5)
        .strokeColor('#555555')
        .stroke()
        .undash();
      doc.y = top + 20;
    }
  }

  /** "Trang n/N" and the organisation under every page (written after layout, when N is known). */
  footers(document: ReportDocument): void {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let page = start; page < start + count; page++) {
      doc.switchToPage(page);
      // the footer sits in the bottom margin: lift the margin so pdfkit does not break the page
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = PAGE.height - MARGIN.bottom + 18;
      const label = reportText(document.language, 'page', { page: page + 1, pages: count });
      doc.font(FONT).fontSize(SIZE.footer).fillColor('#333333');
      const labelWidth = doc.widthOfString(label);
      doc.moveTo(MARGIN.left, y - 5).lineTo(PAGE.width - MARGIN.right, y - 5).lineWidth(0.4).strokeColor('#777777').stroke();
      doc.text(document.footer, MARGIN.left, y, { width: TEXT_WIDTH - labelWidth - 16, lineBreak: true, height: 20 });
      doc.text(label, PAGE.width - MARGIN.right - labelWidth, y, { lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
}
