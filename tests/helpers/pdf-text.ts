/** A PDF read back as a person reads it: poppler's pdftotext (Debian poppler-utils, installed by .ci/run). */
import { spawnSync } from 'node:child_process';

/** The text of each page of a PDF (pdftotext ends every page with a form feed), read once per file. */
const pagesOfPdf = new Map<string, string[]>();

/** The PDF's text by pdftotext -layout: the whole document, or page `page` (from 1). */
export function pdfText(path: string, page?: number): string {
  let pages = pagesOfPdf.get(path);
  if (pages === undefined) {
    const result = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    if (result.error) throw new Error('pdftotext not found: install Debian poppler-utils (see .ci/run)');
    pages = result.stdout.split('\f').slice(0, -1);
    pagesOfPdf.set(path, pages);
  }
  return page === undefined ? pages.join('\f') : pages[page - 1];
}
