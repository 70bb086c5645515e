/**
 * The app's import of the files the department and the operators exchange (issue 13), in a real browser, offline,
 * with the fixtures made by GDAL and LibreOffice (tests/fixtures/formats/make-fixtures.sh): a workbook with a title
 * block, two sheets and Vietnamese headers (sheet picker, column mapping with preview, rejection by sheet and row),
 * survey coordinates in VN-2000 metres (the CRS chooser pre-filled with the guessed TM-3 zone, nothing converted
 * before the user confirms), a Shapefile dropped as its .shp/.dbf/.prj/.cpg parts, a KMZ of proposals, and names
 * typed in TCVN3 fonts (the legacy-encoding warning).
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectLayerFile } from '../../src/io/inspect-layer-file.ts';
import { readLayerFile } from '../../src/io/read-layer-file.ts';
import { download, dropFiles, openApp, OUT_DIR, ROOT, type OpenApp } from './open-app.ts';
import { ANALYSIS_COMPLETE } from './app-session.ts';

const FORMATS = `${ROOT}tests/fixtures/formats`;
let app: OpenApp;
let page: Page;

function fixture(name: string): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'application/octet-stream', buffer: readFileSync(`${FORMATS}/${name}`) };
}

/**
 * The import report card of a file read into a layer, once the import has finished. The layer matters: the same
 * workbook is imported as sites and then as households, and the sites card must not stand in for the later one.
 */
async function reportOf(file: string, layer: string) {
  const card = page.locator(`.report-card[data-report-file="${file}"][data-report-layer="${layer}"]`).first();
  await card.waitFor({ timeout: 60_000 });
  const counts = await card.locator('.report-counts dd').allTextContents();
  return { card, read: counts[0], kept: counts[1], rejected: counts[2] };
}

describe('import of Excel, VN-2000, Shapefile, KMZ in Chromium, offline', () => {
  beforeAll(async () => {
    app = await openApp();
    page = app.page;
    await page.goto(app.server.url);
    await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
    await page.click('[data-tab=import]');
  });

  // a failed test must not leave its dialog blocking the imports of the next
  afterEach(async () => {
    const skip = page.locator('[data-import-dialog] [data-action=import-skip]');
    if ((await skip.count()) > 0) await skip.click();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('asks the sheet of a workbook with Vietnamese headers, knows its columns, then rejects row 9 of “Trạm BTS”', async () => {
    await page.setInputFiles('input[data-layer=sites]', fixture('sites-title.xlsx'));
    const dialog = page.locator('[data-import-dialog="sites-title.xlsx"]');
    await dialog.waitFor();
    expect(await dialog.locator('input[name=import-sheet]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([
      'Trạm BTS',
      'Hộ gia đình',
    ]);
    // the preview shows the rows as Excel numbers them, below the title block (row 7 is blank)
    expect(await dialog.locator('.import-preview tbody th').allTextContents()).toEqual(['5', '6', '8', '9']);
    // Mã trạm, Kinh độ, Vĩ độ, Nhà mạng, Công nghệ are the sites' own headers in Vietnamese: nothing to map
    expect(await dialog.locator('select[data-field=site_id]').count()).toBe(0);
    expect(await dialog.locator('[data-action=import-confirm]').isDisabled()).toBe(false);
    // WGS84 degrees (decimal commas, DMS): no coordinate system to ask
    expect(await dialog.locator('[data-testid=crs-chooser]').count()).toBe(0);
    await page.screenshot({ path: `${OUT_DIR}/import-column-map.png` });
    await dialog.locator('[data-action=import-confirm]').click();
    const report = await reportOf('sites-title.xlsx', 'sites');
    expect([report.read, report.kept, report.rejected]).toEqual(['4', '3', '1']);
    expect(await report.card.locator('[data-testid=report-reading]').textContent()).toContain('Trạm BTS');
    expect(await report.card.locator('.issue-row[data-issue-index="9"] .issue-place').textContent()).toBe('trang “Trạm BTS”, dòng 9');
  });

  it('offers the guessed TM-3 zone for survey X/Y in metres and converts only once confirmed', async () => {
    await page.setInputFiles('input[data-layer=households]', fixture('sites-title.xlsx'));
    const dialog = page.locator('[data-import-dialog="sites-title.xlsx"]');
    await dialog.waitFor();
    await dialog.locator('input[name=import-sheet][value="Hộ gia đình"]').click();
    await expect.poll(() => dialog.locator('.import-preview thead th').allTextContents()).toEqual(['Dòng', 'Mã hộ', 'X (m)', 'Y (m)', 'Số hộ']);
    await dialog.locator('select[data-field=lon]').selectOption('Y (m)');
    await dialog.locator('select[data-field=lat]').selectOption('X (m)');
    // the count is optional: under "other fields"
    await dialog.locator('.optional-fields summary').click();
    await dialog.locator('select[data-field=count]').selectOption('Số hộ');
    const chooser = dialog.locator('[data-testid=crs-chooser]');
    await chooser.waitFor();
    expect(await chooser.locator('select[name=import-crs]').inputValue()).toBe('vn2000-tm3:105.75');
    // the guess in Vietnamese (it was the io layer's English sentence)
    const hint = (await chooser.locator('.hint').first().textContent()) ?? '';
    expect(hint).toMatch(/Theo khoảng giá trị: mét VN-2000 \(hoành độ 59\d\.\d{3}, tung độ 2\.30\d\.\d{3}\): một múi TM-3 của VN-2000/);
    expect(hint).not.toMatch(/easting|northing|metres|zone/);
    // HH-01 is at 106.6912 E, 20.8431 N (households-tm3-wgs84.csv; cs2cs made its X/Y)
    const firstPoint = await chooser.locator('[data-testid=first-point]').textContent();
    expect(firstPoint).toMatch(/20,8431\d°, 106,6912\d°/);
    expect(firstPoint).toContain('trong phạm vi');
    // the former Hải Dương zone (central meridian 15′ west) puts the same numbers 0.25° (≈ 26 km) further west
    await chooser.locator('select[name=import-crs]').selectOption('vn2000-tm3:105.5');
    expect(await chooser.locator('[data-testid=first-point]').textContent()).toMatch(/20,8431\d°, 106,4412\d°/);
    await chooser.locator('select[name=import-crs]').selectOption('vn2000-tm3:105.75');
    await page.screenshot({ path: `${OUT_DIR}/import-crs-chooser.png` });
    await dialog.locator('[data-action=import-confirm]').click();
    const report = await reportOf('sites-title.xlsx', 'households');
    expect([report.read, report.kept, report.rejected]).toEqual(['5', '5', '0']);
    const reading = await report.card.locator('[data-testid=report-reading]').textContent();
    expect(reading).toContain('Hộ gia đình');
    expect(reading).toMatch(/EPSG:9210/);
  });

  it('remembers the column map for the same headers: the second import of the sheet has its columns', async () => {
    await page.setInputFiles('input[data-layer=households]', fixture('sites-title.xlsx'));
    const dialog = page.locator('[data-import-dialog="sites-title.xlsx"]');
    await dialog.waitFor();
    await dialog.locator('input[name=import-sheet][value="Hộ gia đình"]').click();
    await expect.poll(() => dialog.locator('select[data-field=lon]').inputValue()).toBe('Y (m)');
    expect(await dialog.locator('select[data-field=lat]').inputValue()).toBe('X (m)');
    expect(await dialog.locator('[data-action=import-confirm]').isDisabled()).toBe(false);
    await dialog.locator('[data-action=import-skip]').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('reads a VN-2000 Shapefile dropped as its parts, CRS from the .prj, without asking', async () => {
    const parts = unzipSync(readFileSync(`${FORMATS}/wards-lechan-vn2000.zip`));
    await dropFiles(
      page,
      Object.entries(parts).map(([name, bytes]) => ({ name, bytes: Buffer.from(bytes) })),
    );
    const report = await reportOf('lechan_vn2000.shp', 'wards');
    expect([report.read, report.kept, report.rejected]).toEqual(['15', '15', '0']);
    expect(await report.card.locator('[data-testid=report-reading]').textContent()).toMatch(/Shapefile.*EPSG:9210/);
    expect(await page.locator('[data-import-dialog]').count()).toBe(0);
  });

  it('says that names typed in TCVN3 fonts look garbled', async () => {
    await page.setInputFiles('input[data-layer=wards]', fixture('wards-tcvn3.zip'));
    const dialog = page.locator('[data-import-dialog="wards-tcvn3.zip"]');
    // the dialog warns before the import when it opens for another reason; the report warns in any case
    if ((await dialog.count()) > 0) {
      expect(await dialog.locator('[data-testid=legacy-encoding]').textContent()).toContain('TCVN3');
      await dialog.locator('[data-action=import-confirm]').click();
    }
    const report = await reportOf('wards-tcvn3.zip', 'wards');
    expect(await report.card.locator('[data-issue-code=legacy-encoding]').textContent()).toContain('TCVN3');
  });

  it('reads an operator’s KMZ of sites (Placemark names as site ids)', async () => {
    await page.setInputFiles('input[data-layer=sites]', fixture('proposals.kmz'));
    const report = await reportOf('proposals.kmz', 'sites');
    const csvRows = readFileSync(`${ROOT}tests/fixtures/io/good/sites.csv`, 'utf8').trim().split('\n').length - 1;
    expect(Number(report.read)).toBe(csvRows);
    expect(await report.card.locator('[data-testid=report-reading]').textContent()).toContain('KMZ');
    await page.screenshot({ path: `${OUT_DIR}/import-reports.png` });
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('export of the results for Google Earth and QGIS in Chromium, offline', () => {
  let exportApp: OpenApp;

  beforeAll(async () => {
    exportApp = await openApp();
    await exportApp.page.goto(exportApp.server.url);
    await exportApp.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
    await exportApp.page.click('[data-tab=analysis]');
    await exportApp.page.click('[data-action=run-analysis]');
    await exportApp.page.waitForSelector(ANALYSIS_COMPLETE, { timeout: 120_000 });
  });

  afterAll(async () => {
    await exportApp?.close();
  });

  it('writes the units as KMZ and as a VN-2000 Shapefile that read back as the 114 units with the CSV’s figures', async () => {
    const csv = await download(exportApp.page, '[data-export=wards-csv]');
    // the app's table export: headers in the UI language, the unit's name and former district beside its code
    const [header, ...csvRows] = Papa.parse<string[]>(csv.bytes.toString('utf8').slice(1).trim()).data;
    const [codeAt, nameAt, householdsAt] = ['Mã đơn vị', 'Tên xã, phường', 'Số hộ'].map((title) => header.indexOf(title));
    expect(Math.min(codeAt, nameAt, householdsAt)).toBeGreaterThanOrEqual(0);
    const households = new Map(csvRows.map((row) => [row[codeAt], Number(row[householdsAt])]));

    const kmz = await download(exportApp.page, '[data-export=wards-kmz]');
    expect(kmz.download.suggestedFilename()).toMatch(/^wards_4G_all_\d{4}-\d{2}-\d{2}\.kmz$/);
    const fromKmz = await readLayerFile('wards', [{ name: 'wards.kmz', bytes: kmz.bytes }]);
    expect(fromKmz.status).not.toBe('failed');
    expect(fromKmz.data.map((ward) => ward.name).sort()).toEqual(csvRows.map((row) => row[nameAt]).sort());

    const shp = await download(exportApp.page, '[data-export=wards-shp-vn2000]');
    const units = await readLayerFile('wards', [{ name: 'wards.zip', bytes: shp.bytes }]);
    expect(units.crs).toMatch(/EPSG:9210/);
    expect(units.kept).toBe(114);
    const parts = unzipSync(shp.bytes);
    const cpg = Object.keys(parts).find((name) => name.endsWith('.cpg'));
    expect(new TextDecoder().decode(parts[cpg ?? ''])).toMatch(/UTF-8/i);
    // every unit's households as written in the .dbf equals the CSV's
    const table = await inspectLayerFile([{ name: 'wards.zip', bytes: shp.bytes }]);
    const id = table.header.indexOf('ward_id');
    const count = table.header.indexOf('households');
    expect(table.rows.length).toBe(114);
    for (const row of table.rows) expect(Number(row[count]), row[id]).toBe(households.get(row[id]));
  });

  it('writes the weak-signal zones as KML styled by class, escaped', async () => {
    const kml = await download(exportApp.page, '[data-export=zones-kml]');
    const text = kml.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain('<styleUrl>#s-');
    const back = await readLayerFile('zones', [{ name: 'zones.kml', bytes: kml.bytes }]);
    expect(back.status).not.toBe('failed');
    expect(back.kept).toBeGreaterThan(0);
    await exportApp.page.locator('[data-export=zones-kml]').scrollIntoViewIfNeeded();
    await exportApp.page.screenshot({ path: `${OUT_DIR}/export-gis.png` });
    expect(exportApp.pageErrors).toEqual([]);
  });
});
