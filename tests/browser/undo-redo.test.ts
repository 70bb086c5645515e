/**
 * Issue 11, undo/redo of a session's edits in the production build (Chromium, 1440×900): a cell's power and tilt
 * edited, a what-if site placed, dragged, a second one placed and deleted, an operator's proposal approved; then
 * every edit undone one by one (the header's button and Ctrl+Z) and redone (Ctrl+Shift+Z, Ctrl+Y). After each
 * step the statistics must be exactly those of the state it returns to, the map's result layer the same pixels,
 * and the ward table export byte for byte the same.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ROOT, SCREENSHOT_DIR, download, openApp, runAnalysis, screenPointOf, setMapView, type AppSession } from './app-session.ts';

const HEADER = 'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status';
const PROPOSALS = [HEADER, ...[0, 120, 240].map((azimuth, k) => `VT-A,VT-A-${k + 1},106.62597,20.64554,Viettel,4G,1800,30,${azimuth},65,15.2,17,2,,,proposed`)].join('\n');

let session: AppSession;
let page: Page;
/** The view every snapshot of the map is taken at. */
let view: { lon: number; lat: number };

/** Where the undo history stands (the header group's attributes). */
async function depth(): Promise<{ past: number; future: number }> {
  await page.waitForSelector('.undo-redo[data-busy=false]');
  return { past: Number(await page.getAttribute('.undo-redo', 'data-past')), future: Number(await page.getAttribute('.undo-redo', 'data-future')) };
}

/** Waits until the history holds `past` edits to undo (a step or an edit has been applied). */
async function waitForDepth(past: number): Promise<void> {
  await page.waitForFunction((wanted) => {
    const group = document.querySelector('.undo-redo');
    return group?.getAttribute('data-busy') === 'false' && group.getAttribute('data-past') === String(wanted);
  }, past, { timeout: 30_000 });
}

/**
 * What the user sees of the result: the analysis tab's totals (every class, weak %, fibre %), the what-if
 * households moved out, the result layer's pixels at a fixed view, the what-if markers and the decisions.
 */
async function state(): Promise<Record<string, unknown>> {
  await page.click('[data-tab=siting]');
  const movedOut = await page.getAttribute('.siting-panel', 'data-moved-out');
  const decisions = await page.locator('.proposal-list li').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-site-id')}:${item.getAttribute('data-decision')}`));
  await page.click('[data-tab=analysis]');
  const totals = await page.locator('[data-testid=analysis-totals]').innerText();
  const weak = await page.getAttribute('.analysis-panel', 'data-weak-households');
  await setMapView(page, view.lon, view.lat, 12);
  const pixels = await page.evaluate(() => {
    const canvas = document.querySelector('.leaflet-analysis-points-pane canvas') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    // a position-weighted checksum: a point of another colour or place changes it
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum = (sum * 31 + data[i] * (1 + (i % 977))) % 2_147_483_647;
    return sum;
  });
  const markers = await page.locator('.proposed-site-icon').evaluateAll((icons) =>
    icons.map((icon) => `${icon.getAttribute('data-site-id')}@${(icon as HTMLElement).style.transform}`).sort(),
  );
  return { totals, weak, movedOut, decisions, pixels, markers };
}

/** The ward table exported as CSV (every ward row of the statistics). */
async function wardsCsv(): Promise<string> {
  await page.click('[data-tab=analysis]');
  return (await download(page, '[data-export=wards-csv]')).bytes.toString('utf8');
}

/** Places a what-if site by clicking the map at a point. */
async function placeSite(lon: number, lat: number): Promise<void> {
  await setMapView(page, lon, lat, 14);
  await page.click('[data-tab=siting]');
  await page.click('[data-action=add-site]');
  const [x, y] = await screenPointOf(page, lon, lat);
  await page.mouse.click(x, y);
}

describe('issue 11: undo and redo of edits (Chromium, 1440×900)', () => {
  beforeAll(async () => {
    session = await openApp();
    page = session.page;
    await runAnalysis(page);
    // the analysis of the embedded city takes minutes when the machine is loaded
  }, 300_000);

  afterAll(async () => {
    await session?.close();
  });

  it('undoes and redoes cell, site and decision edits, the statistics and the map returning to the same numbers exactly', async () => {
    const zones = JSON.parse((await download(page, '[data-export=zones-geojson]')).bytes.toString('utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    const centres = zones.features.slice(0, 2).map((zone) => {
      const ring = zone.geometry.type === 'Polygon' ? zone.geometry.coordinates[0] : zone.geometry.coordinates[0][0];
      return [ring.reduce((sum, [x]) => sum + x, 0) / ring.length, ring.reduce((sum, [, y]) => sum + y, 0) / ring.length];
    });
    view = { lon: centres[0][0], lat: centres[0][1] };
    expect(await depth()).toEqual({ past: 0, future: 0 });
    expect(await page.getAttribute('[data-action=undo]', 'title')).toBe('Không có thao tác nào để hoàn tác');
    await page.click('[data-tab=siting]');
    await page.setInputFiles('input[data-proposals-file]', { name: 'proposals.csv', mimeType: 'text/csv', buffer: Buffer.from(PROPOSALS) });
    await page.locator('[data-testid=proposals-report]').waitFor({ timeout: 30_000 });

    const states = [await state()];
    const csvBefore = await wardsCsv();
    const labels: string[] = [];
    const edited = async () => {
      await waitForDepth(states.length);
      labels.push((await page.getAttribute('[data-action=undo]', 'title'))!);
      states.push(await state());
    };

    // 1. the 4G cell nearest the first weak zone: power up (it then reaches into the zone), tilt changed
    const sites = readFileSync(`${ROOT}data/sites.csv`, 'utf8').split('\n').slice(1).map((line) => line.split(','));
    const near = sites
      .filter((row) => row[5] === '4G')
      .sort((a, b) => Math.hypot(+a[2] - view.lon, +a[3] - view.lat) - Math.hypot(+b[2] - view.lon, +b[3] - view.lat))[0];
    await page.click('[data-tab=analysis]');
    await page.fill('.cell-finder input', near[1]);
    await page.click('.cell-finder button');
    const editor = page.locator(`.cell-editor[data-cell-id="${near[1]}"]`);
    await editor.locator('input[name=rsPowerDbm]').fill('40');
    await editor.locator('input[name=tiltDeg]').fill('0');
    await editor.locator('button[type=submit]').click();
    await edited();
    // 2. a what-if site in the first weak zone, 3. dragged, 4. a second one in the second zone, 5. deleted
    await placeSite(centres[0][0], centres[0][1]);
    await edited();
    const marker = page.locator('.proposed-site-icon[data-site-id="P-001"]');
    const box = (await marker.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + box.width / 2 + step * 10, box.y + box.height / 2 + step * 6);
    await page.mouse.up();
    await edited();
    await placeSite(centres[1][0], centres[1][1]);
    await edited();
    await page.click('[data-tab=siting]');
    await page.click('.proposed-list li[data-site-id="P-002"] button');
    await edited();
    // 6. the operator's proposal approved
    await page.click('[data-tab=siting]');
    await page.click('.proposal-list li[data-site-id="VT-A"] [data-decide=approved]');
    await edited();
    expect(labels).toEqual([
      `Hoàn tác: sửa cell ${near[1]} (Ctrl+Z)`,
      'Hoàn tác: thêm 1 trạm (P-001) (Ctrl+Z)',
      'Hoàn tác: di chuyển trạm P-001 (Ctrl+Z)',
      'Hoàn tác: thêm 1 trạm (P-002) (Ctrl+Z)',
      'Hoàn tác: xoá 1 trạm (P-002) (Ctrl+Z)',
      'Hoàn tác: duyệt trạm VT-A (Ctrl+Z)',
    ]);
    // every edit changed what is shown (the decision only its list and marker)
    for (let k = 1; k < states.length; k++) expect(states[k], `edit ${k}: ${JSON.stringify(states[k])}`).not.toEqual(states[k - 1]);
    expect(states[1].totals).not.toBe(states[0].totals);
    expect(states[2].weak).not.toBe(states[1].weak);
    const csvEdited = await wardsCsv();
    expect(csvEdited).not.toBe(csvBefore);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/undo-after-edits.png` });

    // Ctrl+Z while typing in a field is the field's own undo, not the session's
    await page.click('[data-tab=analysis]');
    await page.locator('.cell-editor input[name=heightM]').focus();
    await page.keyboard.press('Control+z');
    expect(await depth()).toEqual({ past: 6, future: 0 });
    await page.locator('.cell-editor input[name=heightM]').blur();

    // undo every edit, alternating the button and the shortcut: each step returns to the state before the edit
    for (let k = states.length - 1; k > 0; k--) {
      if (k % 2 === 0) await page.click('[data-action=undo]');
      else await page.keyboard.press('Control+z');
      await waitForDepth(k - 1);
      expect(await state(), `after undoing edit ${k}`).toEqual(states[k - 1]);
    }
    expect(await depth()).toEqual({ past: 0, future: 6 });
    expect(await wardsCsv()).toBe(csvBefore);
    expect(await page.getAttribute('[data-action=redo]', 'title')).toBe(`Làm lại: sửa cell ${near[1]} (Ctrl+Shift+Z)`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/undo-all-undone.png` });

    // redo them all: Ctrl+Shift+Z and Ctrl+Y
    for (let k = 1; k < states.length; k++) {
      await page.keyboard.press(k % 2 === 0 ? 'Control+y' : 'Control+Shift+z');
      await waitForDepth(k);
      expect(await state(), `after redoing edit ${k}`).toEqual(states[k]);
    }
    expect(await wardsCsv()).toBe(csvEdited);

    // English tooltips name the edit too
    await page.click('[data-language=en]');
    expect(await page.getAttribute('[data-action=undo]', 'title')).toBe('Undo: approve site VT-A (Ctrl+Z)');
    await page.click('[data-action=undo]');
    await waitForDepth(5);
    expect(await page.getAttribute('[data-action=undo]', 'title')).toBe('Undo: delete 1 site (P-002) (Ctrl+Z)');
    expect(await page.getAttribute('[data-action=redo]', 'title')).toBe('Redo: approve site VT-A (Ctrl+Shift+Z)');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/undo-english.png` });
    await page.click('[data-language=vi]');
    expect(session.errors).toEqual([]);
    // a dozen snapshots of the page, each switching tabs and redrawing the map: minutes on a loaded machine
  }, 480_000);
});
