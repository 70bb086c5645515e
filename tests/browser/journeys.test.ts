/**
 * Issue 11, "done when": the three user journeys end to end in one browser session of the production build
 * (Chromium, 1440×900, offline), without a page error or a console error:
 *   (a) an engineer reviews a coverage gap and edits a cell: runs the 4G analysis, opens the unit with most weak
 *       households, raises the power and lowers the tilt of the 4G cell nearest it, and sees the statistics change;
 *   (b) an operator's proposal file is imported and decided on, with the proposed sites on the map;
 *   (c) a planner produces the exports: the ward table as CSV and XLSX, and the report (PDF, Excel) from the
 *       Report tab; each download non-empty and of its type.
 * Screenshots of every step are kept in tests/browser/artifacts/journeys/ (gitignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, openApp, readVietnameseNumber, runAnalysis, setMapView, type AppSession } from './app-session.ts';

const ARTIFACTS = `${ROOT}tests/browser/artifacts/journeys`;
/** A journey step can wait for the worker (analysis, report) for minutes on a loaded machine. */
const JOURNEY_TIMEOUT_MS = 400_000;

let session: AppSession;
let page: Page;
let step = 0;

/** Keeps a screenshot of the page as the user sees it at this step (numbered in order). */
async function snap(name: string): Promise<void> {
  step += 1;
  await page.screenshot({ path: `${ARTIFACTS}/${String(step).padStart(2, '0')}-${name}.png` });
}

/** Clicks `selector` and returns the downloaded file's suggested name and bytes. */
async function download(selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.click(selector)]);
  return { name: event.suggestedFilename(), bytes: readFileSync(await event.path()) };
}

/** The 4G cell of the embedded sites file nearest a point (plain distance in degrees, enough to pick one). */
function nearest4gCell(lon: number, lat: number): string {
  const rows = readFileSync(`${ROOT}data/sites.csv`, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const header = readFileSync(`${ROOT}data/sites.csv`, 'utf8').split('\n')[0].split(',');
  const [id, x, y, technology] = ['cell_id', 'lon', 'lat', 'technology'].map((name) => header.indexOf(name));
  const cells = rows.filter((row) => row[technology] === '4G');
  cells.sort((a, b) => Math.hypot(+a[x] - lon, +a[y] - lat) - Math.hypot(+b[x] - lon, +b[y] - lat));
  return cells[0][id];
}

function expectNoErrors(): void {
  expect(session.errors, 'page errors and console errors').toEqual([]);
}

describe('issue 11: the three user journeys end to end (Chromium, 1440×900)', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session = await openApp();
    page = session.page;
    await snap('start');
  }, JOURNEY_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
  });

  it('(a) reviews a coverage gap and edits a cell: the statistics change', async () => {
    await runAnalysis(page);
    await snap('a-analysis');
    const weakBefore = Number(await page.getAttribute('.analysis-panel', 'data-weak-households'));
    const totalsBefore = await page.locator('[data-testid=analysis-totals]').innerText();
    expect(weakBefore).toBeGreaterThan(0);

    // the unit with most weak households: sort the ward table by weak households (descending) and open the first
    await page.locator('.analysis-panel [data-column=weak]').first().click();
    const first = page.locator('.analysis-panel .grid-row').first();
    const unitWeak = readVietnameseNumber(await first.locator('[data-column=weak]').innerText());
    const unitName = await first.locator('[data-column=name]').innerText();
    expect(unitWeak).toBeGreaterThan(0);
    const zoomBefore = await page.evaluate(() => (window as unknown as { phusongMap: { getZoom(): number } }).phusongMap.getZoom());
    await first.click();
    await expect.poll(() => page.locator('.analysis-panel .grid-row.selected').count()).toBe(1);
    await page.waitForTimeout(800);
    const view = await page.evaluate(() => {
      const map = (window as unknown as { phusongMap: { getZoom(): number; getCenter(): { lng: number; lat: number } } }).phusongMap;
      return { zoom: map.getZoom(), lon: map.getCenter().lng, lat: map.getCenter().lat };
    });
    // the map went to the unit
    expect(view.zoom).toBeGreaterThan(zoomBefore);
    await snap('a-weak-unit');

    // the 4G cell nearest the unit's centre: power up, tilt down to 0°
    const cellId = nearest4gCell(view.lon, view.lat);
    await page.fill('.cell-finder input', cellId);
    await page.click('.cell-finder button');
    const editor = page.locator(`.cell-editor[data-cell-id="${cellId}"]`);
    await editor.waitFor();
    await editor.locator('input[name=rsPowerDbm]').fill('40');
    await editor.locator('input[name=tiltDeg]').fill('0');
    await snap('a-cell-editor');
    await editor.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=analysis-change]', { timeout: 60_000 });
    const weakAfter = Number(await page.getAttribute('.analysis-panel', 'data-weak-households'));
    console.log(`journey (a): ${unitName} (${unitWeak} weak), cell ${cellId} at 40 dBm / 0°: weak + none households ${weakBefore} → ${weakAfter}`);
    expect(weakAfter).toBeLessThan(weakBefore);
    expect(await page.locator('[data-testid=analysis-totals]').innerText()).not.toBe(totalsBefore);
    expect(await page.locator('[data-testid=analysis-change]').textContent()).toContain('−');
    // the edit is in the session's history, named in the Undo tooltip
    expect(await page.getAttribute('[data-action=undo]', 'title')).toBe(`Hoàn tác: sửa cell ${cellId} (Ctrl+Z)`);
    await snap('a-cell-edited');
    expectNoErrors();
  }, JOURNEY_TIMEOUT_MS);

  it('(b) imports an operator\'s proposal file and decides on it, the proposed sites on the map', async () => {
    // three sites of an operator (two of three sectors, one omni) and one row with an impossible latitude
    const header = 'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status';
    const proposals = [
      header,
      ...[0, 120, 240].map((azimuth, k) => `VT-01,VT-01-${k + 1},106.62597,20.64554,Viettel,4G,1800,30,${azimuth},65,15.2,17,2,,,proposed`),
      ...[30, 150, 270].map((azimuth, k) => `VT-02,VT-02-${k + 1},106.57315,21.00232,Viettel,4G,1800,30,${azimuth},65,15.2,17,2,,,proposed`),
      'VT-03,VT-03-1,106.45,20.80,Viettel,4G,1800,30,,360,15.2,17,2,,,proposed',
      'VT-04,VT-04-1,106.45,95.0,Viettel,4G,1800,30,,360,15.2,17,2,,,proposed',
    ].join('\n');
    await page.click('[data-tab=siting]');
    await page.setInputFiles('input[data-proposals-file]', { name: 'de-xuat-viettel.csv', mimeType: 'text/csv', buffer: Buffer.from(proposals) });
    await page.locator('[data-testid=proposals-report]').waitFor({ timeout: 60_000 });
    // three sites kept, the bad row reported with its row number
    expect(await page.locator('.proposal-list li').count()).toBe(3);
    expect(await page.locator('.proposal-issues').textContent()).toContain('dòng 9');

    // on the map at once, with their sectors, before any decision
    const markers = page.locator('.proposal-site-marker');
    await expect.poll(() => markers.count()).toBe(3);
    expect(await page.locator('.proposal-site-marker[data-site-id="VT-01"] svg path.sector').count()).toBe(3);
    await setMapView(page, 106.62597, 20.64554, 13);
    const map = (await page.locator('.map').boundingBox())!;
    const marker = (await page.locator('.proposal-site-marker[data-site-id="VT-01"]').boundingBox())!;
    expect(marker.x).toBeGreaterThan(map.x);
    expect(marker.x + marker.width).toBeLessThan(map.x + map.width);
    expect(marker.y).toBeGreaterThan(map.y);
    expect(marker.y + marker.height).toBeLessThan(map.y + map.height);
    await snap('b-proposals-on-map');

    await page.click('.proposal-list li[data-site-id="VT-01"] [data-decide=approved]');
    await page.locator('.proposal-list li[data-site-id="VT-01"] .proposal-comment').fill('Phù hợp quy hoạch; lấp vùng sóng yếu');
    await page.click('.proposal-list li[data-site-id="VT-02"] [data-decide=rejected]');
    await page.click('.proposal-list li[data-site-id="VT-03"] [data-decide=approved]');
    expect(await page.locator('.proposal-list li').evaluateAll((items) => items.map((item) => item.getAttribute('data-decision')))).toEqual(['approved', 'rejected', 'approved']);
    await expect.poll(() => page.getAttribute('.proposal-site-marker[data-site-id="VT-02"]', 'data-decision')).toBe('rejected');
    expect(await page.getAttribute('.proposal-site-marker[data-site-id="VT-01"]', 'data-decision')).toBe('approved');
    const decisions = await download('[data-export=decisions-csv]');
    expect(decisions.name).toMatch(/\.csv$/);
    const decisionsText = decisions.bytes.toString('utf8');
    expect(decisionsText).toContain('Phù hợp quy hoạch; lấp vùng sóng yếu');
    expect(decisionsText).toMatch(/VT-02[^\n]*rejected/);
    await snap('b-decided');
    expectNoErrors();
  }, JOURNEY_TIMEOUT_MS);

  it('(c) produces the exports: the ward table as CSV and XLSX, the report as PDF and Excel', async () => {
    await page.click('[data-tab=analysis]');
    const csv = await download('[data-export=wards-csv]');
    expect(csv.name).toMatch(/\.csv$/);
    // UTF-8 with a BOM (Excel reads the diacritics), a header and one row per unit
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.join('\n')).toContain('Phường');
    const xlsx = await download('[data-export=wards-xlsx]');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    // an XLSX is a zip (PK\x03\x04) holding the workbook
    expect([...xlsx.bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(xlsx.bytes.includes(Buffer.from('xl/workbook.xml'))).toBe(true);
    await snap('c-table-exports');

    await page.click('[data-tab=report]');
    await snap('c-report-tab');
    const pdf = await download('[data-action=report-pdf]');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(20_000);
    const report = await download('[data-action=report-xlsx]');
    expect(report.name).toMatch(/\.xlsx$/);
    expect([...report.bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    console.log(`journey (c): wards CSV ${csv.bytes.length} B, XLSX ${xlsx.bytes.length} B, report PDF ${pdf.bytes.length} B, report XLSX ${report.bytes.length} B`);
    await snap('c-report-downloaded');
    expectNoErrors();
  }, JOURNEY_TIMEOUT_MS);
});
