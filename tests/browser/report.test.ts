/**
 * The report view in a real browser, offline (issue 10 "in the app"): the production build served on 127.0.0.1,
 * Debian's Chromium, every non-local request aborted. Runs the analysis of the embedded dataset, opens the report
 * view, downloads the city PDF and reads it back as a person would (poppler's pdftotext: diacritics, the
 * organisation, the sections, the city's households), then a one-unit XLSX read back with exceljs. Screenshots
 * of the view at 1440×900 go to tests/browser/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_COMPLETE } from './app-session.ts';
import { serveDirectory, type StaticServer } from './static-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = `${ROOT}dist`;
const CHROMIUM = '/usr/bin/chromium';
const OUT_DIR = `${ROOT}tests/browser/screenshots`;

let server: StaticServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function download(selector: string): Promise<{ name: string; path: string }> {
  const [event] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click(selector)]);
  return { name: event.suggestedFilename(), path: await event.path() };
}

/** Vietnamese locale number ("12.345") → number. */
function readVietnameseNumber(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.').replace(/[^\d.-]/g, ''));
}

describe('the report view in Chromium, offline', () => {
  beforeAll(async () => {
    if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/index.html is missing: run `npm run build` first');
    mkdirSync(OUT_DIR, { recursive: true });
    server = await serveDirectory(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    // every frame's print() counted on the top page instead of opening a dialog (the print test reads the count)
    await context.addInitScript(() => {
      window.print = () => {
        const top = window.top as (Window & { printCalls?: number }) | null;
        if (top !== null) top.printCalls = (top.printCalls ?? 0) + 1;
      };
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for an analysis first, then downloads the city PDF, which reads in Vietnamese with the analysis figures', async () => {
    await page.click('[data-tab=report]');
    await page.locator('[data-testid=report-needs-analysis]').waitFor();
    expect(await page.isDisabled('[data-action=report-pdf]')).toBe(true);

    // the hint's button is the way on: it opens the Analysis tab, where the run is
    await page.click('[data-testid=report-needs-analysis] [data-action=open-analysis]');
    expect(await page.getAttribute('[data-tab=analysis]', 'aria-selected')).toBe('true');
    await page.click('[data-action=run-analysis]');
    await page.waitForSelector(ANALYSIS_COMPLETE, { timeout: 120_000 });
    const households = readVietnameseNumber((await page.locator('.total .total-value').first().textContent()) ?? '');
    expect(households).toBeGreaterThan(100_000);

    await page.click('[data-tab=report]');
    await page.screenshot({ path: `${OUT_DIR}/report-view.png` });
    const pdf = await download('[data-action=report-pdf]');
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(pdf.path, `${OUT_DIR}/report-city.pdf`);
    expect(pdf.name).toMatch(/^phusong-report-\d{4}-\d{2}-\d{2}-2025-city\.pdf$/);
    expect(readFileSync(pdf.path).subarray(0, 5).toString()).toBe('%PDF-');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    const text = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Sở Khoa học và Công nghệ thành phố Hải Phòng');
    for (const title of ['Mục lục', 'Phủ sóng di động', 'Vùng sóng yếu', 'Cáp quang (FTTH)', 'Phụ lục: phương pháp']) expect(text).toContain(title);
    // the worst units carry their former district (the 2025 layout's crosswalk), which a bare ward file has not
    expect(text).toMatch(/(Huyện|Quận) [A-ZĐ]/u);
    // the city's households as the analysis panel shows them, in the Vietnamese number format
    expect(text).toContain(households.toLocaleString('vi-VN'));
    await page.locator('[data-testid=report-done]').waitFor();
    await page.screenshot({ path: `${OUT_DIR}/report-done.png` });
    console.log(`city report PDF in the page: ${await page.locator('[data-testid=report-done]').textContent()}`);
    expect(pageErrors).toEqual([]);
  }, 400_000);

  it('downloads one unit as an XLSX workbook whose sheets name the unit', async () => {
    await page.click('.report-radio:has(input[value=unit])');
    await page.fill('.report-unit-filter', 'thuy nguyen');
    const unit = page.locator('.report-unit-list input[data-unit-id]').first();
    const unitId = (await unit.getAttribute('data-unit-id')) ?? '';
    const unitName = (await page.locator('.report-unit-list .report-unit-name').first().textContent()) ?? '';
    await unit.check();
    await page.screenshot({ path: `${OUT_DIR}/report-unit.png` });
    const xlsx = await download('[data-action=report-xlsx]');
    expect(xlsx.name).toContain(`-${unitId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx.path) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    expect(cells.some((value) => value.includes(unitName))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('prints the city report: the print layout in a frame of the page, every section rendered, the print dialog opened', async () => {
    await page.click('.report-radio:has(input[value=city])');
    await page.click('[data-action=report-print]');
    await page.locator('[data-testid=report-done]').filter({ hasText: 'hộp thoại in' }).waitFor({ timeout: 120_000 });
    expect(await page.evaluate(() => (window as Window & { printCalls?: number }).printCalls)).toBe(1);
    const frame = page.frameLocator('iframe[data-print-frame=report]');
    // one chapter per ticked section after page 1, each with its title, as in the PDF
    const chapters = await frame.locator('section.chapter > h1').allTextContents();
    for (const title of ['Phủ sóng di động', 'Vùng sóng yếu', 'Cáp quang (FTTH)', 'Phụ lục: phương pháp']) expect(chapters.join('|')).toContain(title);
    expect(await frame.locator('svg').count()).toBeGreaterThan(2);
    expect(await frame.locator('table').count()).toBeGreaterThan(3);
    // the print layout as the printer gets it: the frame's document under print media, A4 wide
    const html = await frame.locator('html').evaluate((element) => element.outerHTML);
    const printed = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await printed.emulateMedia({ media: 'print' });
    await printed.setContent(html);
    await printed.screenshot({ path: `${OUT_DIR}/report-print.png` });
    await printed.close();
    await page.screenshot({ path: `${OUT_DIR}/report-printed.png` });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
