/**
 * The report as one self-contained HTML page whose print stylesheet gives the PDF's pages from the browser's print
 * dialog: A4 portrait, each section on a new page, table headers repeated on every page, figures and rows never
 * split, page numbers and the footer in the page margins (CSS paged media), the embedded Noto Sans as a web font.
 * On screen it reads as a document. Every text is escaped: names from imported files are data, never markup.
 */
import { escapeXml } from '../../core/escape-xml.ts';
import { formatNumber } from '../../core/report/report-format.ts';
import { reportText } from '../../core/report/report-i18n.ts';
import type { ReportBlock, ReportDocument } from '../../core/report/report-document.ts';
import { formatCell, type ReportTable } from '../../core/report/report-tables.ts';
import { renderDocumentCharts } from './render-charts.ts';
import { REPORT_FONT_FAMILY, type ReportFonts } from './report-fonts.ts';

/** Table text longer than this wraps; shorter text (names, districts, ids) stays on one line. */
const WRAP_FROM_CHARACTERS = 28;

/** A CSS string literal (for `content:`): quotes, backslashes and line breaks escaped. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function stylesheet(document: ReportDocument, fonts: ReportFonts): string {
  const face = (bytes: Uint8Array, weight: number): string =>
    `@font-face{font-family:${cssString(REPORT_FONT_FAMILY)};font-weight:${weight};src:url(data:font/ttf;base64,${base64(bytes)}) format("truetype")}`;
  const pageLabel = reportText(document.language, 'page', { page: '\u0001', pages: '\u0002' });
  // "Trang {page}/{pages}" → "Trang " counter(page) "/" counter(pages)
  const pageContent = pageLabel
    .split(/(\u0001|\u0002)/)
    .filter((part) => part !== '')
    .map((part) => (part === '\u0001' ? 'counter(page)' : part === '\u0002' ? 'counter(pages)' : cssString(part)))
    .join(' ');
  return [
    face(fonts.bytes.regular, 400),
    face(fonts.bytes.bold, 700),
    `@page{size:A4 portrait;margin:17mm 16mm 20mm 16mm;` +
      `@bottom-left{content:${cssString(document.footer)};font:7.5pt ${cssString(REPORT_FONT_FAMILY)},sans-serif;color:#333}` +
      `@bottom-right{content:${pageContent};font:7.5pt ${cssString(REPORT_FONT_FAMILY)},sans-serif;color:#333}}`,
    `html{font-family:${cssString(REPORT_FONT_FAMILY)},"DejaVu Sans",Arial,sans-serif;font-size:9pt;color:#000;line-height:1.35}`,
    'body{margin:0}',
    '.sheet{max-width:178mm;margin:0 auto}',
    '.organisation{font-weight:700;text-transform:uppercase;font-size:10pt;margin:0 0 14pt}',
    'h1.title{font-size:19pt;margin:0 0 6pt;padding-bottom:6pt;border-bottom:1.2pt solid #000}',
    'h1{font-size:15pt;margin:0 0 8pt;padding-bottom:3pt;border-bottom:0.8pt solid #000}',
    'h2{font-size:10.5pt;margin:10pt 0 4pt;break-after:avoid}',
    'section.chapter{break-before:page}',
    'nav.contents{break-before:page}',
    'nav.contents ol{list-style:none;padding:0;font-size:11pt}',
    'nav.contents a{color:#000;text-decoration:none}',
    'dl.facts{display:grid;grid-template-columns:150pt 1fr;gap:3pt 8pt;margin:0 0 8pt}',
    'dl.facts dt{font-weight:700}dl.facts dd{margin:0}',
    'p.note{font-size:7.5pt;color:#333}',
    'table{border-collapse:collapse;width:100%;font-size:7.5pt;margin:0 0 8pt}',
    'thead{display:table-header-group}',
    'th{background:#e3e3e3;text-align:left;border-bottom:0.6pt solid #000;padding:3pt;vertical-align:bottom}',
    'td{padding:3pt;vertical-align:top;white-space:nowrap}td.wrap{white-space:normal}',
    'tbody tr:nth-child(even){background:#f4f4f4}',
    'tbody tr:last-child td{border-bottom:0.6pt solid #000}',
    'th.number,td.number{text-align:right}',
    'tr,figure{break-inside:avoid}',
    'figure{margin:0 0 10pt;text-align:center}figure svg{max-width:100%;height:auto}',
    'figcaption{font-size:7.5pt;color:#333;text-align:left;margin-top:3pt}',
    'pre{font-family:inherit;font-size:6.5pt;white-space:pre-wrap;margin:0 0 6pt}',
    '@media screen{html{background:#e9e9e9}.sheet{background:#fff;padding:12mm 16mm;margin:8mm auto;box-shadow:0 0 4px #999}}',
    '@media print{.sheet{max-width:none}}',
    '*{-webkit-print-color-adjust:exact;print-color-adjust:exact}',
  ].join('\n');
}

function tableHtml(table: ReportTable, maxRows: number | null, language: ReportDocument['language']): string {
  const rows = maxRows !== null ? table.rows.slice(0, maxRows) : table.rows;
  const numberClass = (c: number): string => (table.columns[c].kind === 'text' ? '' : ' class="number"');
  const head = table.columns.map((column, c) => `<th${numberClass(c)}>${escapeXml(column.header)}</th>`).join('');
  // values stay on one line (names, districts) unless they are long lists; headers wrap instead
  const cell = (text: string, c: number): string =>
    `<td${table.columns[c].kind !== 'text' ? ' class="number"' : text.length > WRAP_FROM_CHARACTERS ? ' class="wrap"' : ''}>${escapeXml(text)}</td>`;
  const body = rows.map((row) => `<tr>${row.map((value, c) => cell(formatCell(value, table.columns[c], language), c)).join('')}</tr>`).join('\n');
  let html = `<table data-table="${escapeXml(table.id)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  if (rows.length < table.rows.length) {
    html += `<p class="note">${escapeXml(reportText(language, 'more', { count: formatNumber(table.rows.length - rows.length, language) }))}</p>`;
  }
  return html;
}

function blockHtml(block: ReportBlock, charts: ReadonlyMap<string, string>, language: ReportDocument['language']): string {
  switch (block.kind) {
    case 'heading':
      return `<h2>${escapeXml(block.text)}</h2>`;
    case 'paragraph':
      return `<p${block.note ? ' class="note"' : ''}>${escapeXml(block.text)}</p>`;
    case 'facts':
      return `<dl class="facts">${block.rows.map((row) => `<dt>${escapeXml(row.label)}</dt><dd>${escapeXml(row.value)}</dd>`).join('')}</dl>`;
    case 'table':
      return tableHtml(block.table, block.maxRows, language);
    case 'map':
    case 'chart': {
      // the map SVGs are built with every text escaped; vega's SVG escapes its own text
      const svg = block.kind === 'map' ? block.svg : charts.get(block.id)!;
      return `<figure data-figure="${escapeXml(block.id)}">${svg}<figcaption>${escapeXml(block.caption)}</figcaption></figure>`;
    }
    case 'code':
      return `<pre>${escapeXml(block.text)}</pre>`;
  }
}

/**
 * Writes the page. Charts are rendered with vega first (as for the PDF).
 *
 * @example
 * const html = await reportToHtml(reportDocument(model), fonts);
 */
export async function reportToHtml(document: ReportDocument, fonts: ReportFonts): Promise<string> {
  const charts = await renderDocumentCharts(document, fonts);
  const language = document.language;
  const parts: string[] = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>${escapeXml(document.title)}</title><style>${stylesheet(document, fonts)}</style></head><body><main class="sheet">`,
    `<header class="cover"><p class="organisation">${escapeXml(document.organisation)}</p><h1 class="title">${escapeXml(document.title)}</h1>`,
    ...document.cover.map((block) => blockHtml(block, charts, language)),
    '</header>',
  ];
  if (document.sections.length >= 3) {
    const items = document.sections.map((section) => `<li><a href="#section-${section.id}">${escapeXml(section.title)}</a></li>`).join('');
    parts.push(`<nav class="contents"><h1>${escapeXml(reportText(language, 'contents'))}</h1><ol>${items}</ol></nav>`);
  }
  for (const section of document.sections) {
    parts.push(`<section class="chapter" id="section-${section.id}"><h1>${escapeXml(section.title)}</h1>`);
    for (const block of section.blocks) parts.push(blockHtml(block, charts, language));
    parts.push('</section>');
  }
  parts.push('</main></body></html>');
  return parts.join('\n') + '\n';
}
