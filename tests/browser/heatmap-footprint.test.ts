/**
 * Issues 11 and 12 in the production build at 1440×900: the RSRP heat map (a canvas over land, its legend in dBm at
 * the signal-class thresholds, labelled as a model prediction, refreshed after an edit, its opacity) and a cell's
 * footprint on click (its served households outlined on the map, its medians in the card).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SCREENSHOT_DIR, openApp, runAnalysis, screenPointOf, setMapView, type AppSession } from './app-session.ts';
import { paintedPixels } from './painted-pixels.ts';

let session: AppSession;
let page: Page;

beforeAll(async () => {
  session = await openApp();
  page = session.page;
  // offline: the basemap warning would cover the top of the map (and the popups opened there)
  const notice = page.locator('.map-notice button');
  if ((await notice.count()) > 0) await notice.click();
  await runAnalysis(page);
}, 240_000);

afterAll(async () => {
  await session?.close();
});

/** The heat map canvas's colour at a page point (RGBA), or null off the canvas. */
function heatmapPixel(x: number, y: number): Promise<number[] | null> {
  return page.evaluate(
    ({ x, y }) => {
      const canvas = document.querySelector('.leaflet-analysis-heatmap-pane canvas') as HTMLCanvasElement | null;
      if (canvas === null) return null;
      const box = canvas.getBoundingClientRect();
      const px = Math.round(((x - box.left) * canvas.width) / box.width);
      const py = Math.round(((y - box.top) * canvas.height) / box.height);
      return Array.from(canvas.getContext('2d')!.getImageData(px, py, 1, 1).data);
    },
    { x, y },
  );
}

describe('a cell\'s footprint on click (issue 12)', () => {
  /**
   * The CLI's cells.csv row of the 4G cell serving the most households, for the same embedded data and default 4G
   * settings as the app's run, and its row of data/sites.csv (where to click).
   */
  let cliRow: Record<string, string>;
  let siteRow: Record<string, string>;

  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'phusong-footprint-'));
    const run = spawnSync(
      process.execPath,
      ['scripts/phusong.mjs', 'analyze', '--wards', 'data/hp2025_wards_polygons.geojson', '--sites', 'data/sites.csv', '--households', 'data/households.csv.gz', '--fibre', 'data/fibre.geojson', '--land', 'data/hp2025_land.geojson', '--out', out],
      { cwd: ROOT, encoding: 'utf8', timeout: 600_000 },
    );
    if (run.status !== 0) throw new Error(`phusong analyze failed: ${run.stderr}`);
    const [header, ...lines] = readFileSync(join(out, 'cells.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = header.split(',');
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
    rmSync(out, { recursive: true, force: true });
    cliRow = rows.filter((r) => r.technology === '4G').sort((a, b) => Number(b.households_served) - Number(a.households_served))[0];
    const site = SITE_ROWS.find((r) => r.cell_id === cliRow.cell_id);
    if (site === undefined) throw new Error(`${cliRow.cell_id} is not in data/sites.csv`);
    siteRow = site;
  }, 600_000);

  it('rings the households a clicked cell serves and gives the medians of the CLI\'s cells.csv in its card', async () => {
    const cell = siteRow;
    await setMapView(page, Number(cell.lon), Number(cell.lat), 16);
    const [x, y] = await screenPointOf(page, Number(cell.lon), Number(cell.lat));
    const radians = (Number(cell.azimuth_deg) * Math.PI) / 180;
    await page.mouse.click(x + 14 * Math.sin(radians), y - 14 * Math.cos(radians));
    await page.locator('.leaflet-popup-content').waitFor();
    const chooser = page.locator(`.leaflet-popup-content .cell-chooser [data-cell-id="${cell.cell_id}"]`);
    // the popup of stacked sectors is tall: its chooser may sit under the header, so the button gets the click event itself
    if ((await chooser.count()) > 0 && !((await chooser.getAttribute('class')) ?? '').includes('active')) await chooser.dispatchEvent('click');
    const card = page.locator('.leaflet-popup-content .footprint-card');
    await card.waitFor({ timeout: 30_000 });
    const served = Number(await card.getAttribute('data-households'));
    expect(await page.locator('.leaflet-popup-content .feature-card-title').first().textContent()).toBe(`Cell ${cell.cell_id}`);
    console.log(`footprint of ${cell.cell_id}: app ${served} households, CLI cells.csv ${cliRow.households_served}`);
    expect(served).toBe(Number(cliRow.households_served));
    expect(served).toBeGreaterThan(0);
    // cells.csv writes 1 decimal (dBm, dB) and 1–2 for Mb/s: the app's medians round to the same
    expect(Number(await card.getAttribute('data-median-rsrp-dbm'))).toBeCloseTo(Number(cliRow.median_rsrp_dbm), 1);
    expect(Number(await card.getAttribute('data-median-sinr-db'))).toBeCloseTo(Number(cliRow.median_sinr_db), 1);
    expect(Number(await card.getAttribute('data-median-throughput-mbps'))).toBeCloseTo(Number(cliRow.median_throughput_mbps), 1);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Hộ được phục vụ');
    expect(text).toContain('RSRP trung vị');
    expect(text).toContain('SINR trung vị');
    expect(text).toContain('Tốc độ trung vị');
    // the rings are drawn: the footprint canvas is painted in the ring colour
    await page.waitForTimeout(300);
    expect(await paintedPixels(page, '.leaflet-analysis-footprint-pane canvas')).toBeGreaterThan(100);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/cell-footprint.png` });
    // closing the card takes the rings away (the tall popup's close button may sit under the header)
    await page.locator('.leaflet-popup-close-button').dispatchEvent('click');
    await expect.poll(() => page.locator('.leaflet-analysis-footprint-pane canvas').count()).toBe(0);
  });
});

describe('RSRP heat map (issue 11)', () => {
  it('draws a colour grid over land with a legend in dBm at the class thresholds, labelled as a prediction', async () => {
    await setMapView(page, 106.65, 20.85, 10);
    await page.check('[data-analysis-layer=heatmap]');
    await page.waitForSelector('[data-heatmap-status=shown]', { timeout: 120_000 });
    await page.waitForTimeout(300);
    const painted = await paintedPixels(page, '.leaflet-analysis-heatmap-pane canvas');
    expect(painted).toBeGreaterThan(50_000);

    const legend = page.locator('[data-testid=heatmap-legend]');
    const text = (await legend.textContent()) ?? '';
    expect(text).toContain('dBm');
    expect(text).toContain('dự báo theo mô hình');
    // the ticks are the Settings' thresholds (defaults −100, −110, −120 dBm) and the ramp's ends, 15 dB above and 10 below
    // (numbers written as in the signal legend, with a hyphen-minus)
    const ticks = await legend.locator('[data-heatmap-tick]').allTextContents();
    expect(ticks).toEqual(['≥ -85', '-100', '-110', '-120', '≤ -130']);
    // the ticks sit left to right in falling order along the bar
    const lefts = await legend.locator('[data-heatmap-tick]').evaluateAll((spans) => spans.map((span) => span.getBoundingClientRect().left));
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('Bản đồ nhiệt RSRP: dự báo theo mô hình');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/heatmap-city.png` });
  });

  it('is strong green next to a site and follows the opacity slider', async () => {
    // the city centre at street zoom: some heat map pixel is the ramp's dark green (≥ −85 dBm) or the good green
    await setMapView(page, 106.6822, 20.8561, 14);
    const map = await page.locator('.map').boundingBox();
    if (map === null) throw new Error('no map');
    let green = 0;
    for (let y = map.y + 100; y < map.y + map.height - 100; y += 20) {
      for (let x = map.x + 100; x < map.x + map.width - 100; x += 20) {
        const rgba = await heatmapPixel(x, y);
        if (rgba !== null && rgba[3] === 255 && rgba[1] > rgba[0] + 40) green++;
      }
    }
    expect(green).toBeGreaterThan(20);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/heatmap-street.png` });
    await page.locator('[data-heatmap-opacity]').fill('30');
    expect(await page.$eval('.leaflet-analysis-heatmap-pane', (pane) => (pane as HTMLElement).style.opacity)).toBe('0.3');
  });

  it('is refreshed after a cell edit: the edited footprints alone are evaluated again, and a weak spot turns green', async () => {
    await page.locator('[data-heatmap-opacity]').fill('70');
    const full = readCells(await page.locator('[data-heatmap-status=shown]').textContent());
    expect(full).toBeGreaterThan(100_000);
    // the weakest heat map pixel over the whole city (most red: green minus red lowest), below about −115 dBm
    await setMapView(page, 106.65, 20.85, 10);
    const red = await page.evaluate(() => {
      const canvas = document.querySelector('.leaflet-analysis-heatmap-pane canvas') as HTMLCanvasElement;
      const box = canvas.getBoundingClientRect();
      const map = document.querySelector('.map')!.getBoundingClientRect();
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let weakest: { x: number; y: number; greenMinusRed: number } | null = null;
      for (let y = map.top + 120; y < map.bottom - 180; y += 3) {
        for (let x = map.left + 60; x < map.right - 60; x += 3) {
          const p = (Math.round(((y - box.top) * canvas.height) / box.height) * canvas.width + Math.round(((x - box.left) * canvas.width) / box.width)) * 4;
          if (data[p + 3] !== 255) continue;
          const greenMinusRed = data[p + 1] - data[p];
          if (weakest === null || greenMinusRed < weakest.greenMinusRed) weakest = { x, y, greenMinusRed };
        }
      }
      if (weakest === null || weakest.greenMinusRed >= 0) return null;
      const point = (window as unknown as { phusongMap: { containerPointToLatLng(p: [number, number]): { lat: number; lng: number } } }).phusongMap.containerPointToLatLng([weakest.x - map.left, weakest.y - map.top]);
      return { x: weakest.x, y: weakest.y, lon: point.lng, lat: point.lat };
    });
    expect(red).not.toBeNull();
    if (red === null) return;
    const cellId = FIRST_4G_CELL;
    await page.fill('.cell-finder input', cellId);
    await page.click('.cell-finder button');
    const editor = page.locator(`.cell-editor[data-cell-id="${cellId}"]`);
    await editor.waitFor();
    await editor.locator('input[name=lon]').fill(red.lon.toFixed(6));
    await editor.locator('input[name=lat]').fill(red.lat.toFixed(6));
    await editor.locator('input[name=heightM]').fill('45');
    await editor.locator('input[name=azimuthDeg]').fill('');
    await editor.locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.analysis-panel')?.getAttribute('data-update-ms') !== null);
    await page.waitForFunction(
      (full) => {
        const status = document.querySelector('[data-heatmap-status=shown]')?.textContent ?? '';
        const cells = Number(/· ([\d.]+) ô/.exec(status)?.[1].replace(/\./g, ''));
        return cells > 0 && cells < full;
      },
      full,
      { timeout: 30_000 },
    );
    const refreshed = readCells(await page.locator('[data-heatmap-status=shown]').textContent());
    console.log(`heat map: ${full} grid cells at the first request, ${refreshed} after moving ${cellId}`);
    await page.waitForTimeout(300);
    const after = await heatmapPixel(red.x, red.y);
    expect(after?.[3]).toBe(255);
    // green now: the site stands there
    expect((after?.[1] ?? 0) - (after?.[0] ?? 0)).toBeGreaterThan(40);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/heatmap-after-edit.png` });
  });
});

/** The grid cells of the heat map status line ("Lưới 100 m · 134.666 ô …"). */
function readCells(status: string | null): number {
  return Number(/· ([\d.]+) ô/.exec(status ?? '')?.[1].replace(/\./g, ''));
}

/** The rows of the embedded data/sites.csv (no quoted fields in it). */
const SITE_ROWS = (() => {
  const [header, ...lines] = readFileSync(`${ROOT}data/sites.csv`, 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
})();
/** The first 4G cell of the embedded sites (the one the edit test moves). */
const FIRST_4G_CELL = (() => {
  const row = SITE_ROWS.find((r) => r.technology === '4G');
  if (row === undefined) throw new Error('no 4G cell in data/sites.csv');
  return row.cell_id;
})();
