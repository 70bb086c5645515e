/**
 * The search of units (issue 11 #15) and the map tools of issue 13 in a real browser, offline: ward-table search
 * by whole words ranked exact first, on the 2025 units and on the 2019 layout where the loose search was found.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorCoordinates } from '../../src/ui/map/cursor-coordinates.ts';
import { openApp, OUT_DIR, type OpenApp } from './open-app.ts';

let app: OpenApp;
let page: Page;

async function searchWards(query: string): Promise<string[]> {
  await page.fill('.ward-table input[type=search]', query);
  return page.locator('.ward-table .grid-row > span:first-child').allTextContents();
}

describe('search and map tools in Chromium, offline', () => {
  beforeAll(async () => {
    app = await openApp();
    page = app.page;
    await page.goto(app.server.url);
    await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('searches units by whole words, exact matches first (issue 11 #15)', async () => {
    await page.click('[data-tab=wards]');
    // "hai an": Hải An itself first, then An Hải (same words, other order); not Thái Tân ("t-hai t-an")
    expect(await searchWards('hai an')).toEqual(['Phường Hải An', 'Phường An Hải']);
    expect(await searchWards('Hải An')).toEqual(['Phường Hải An', 'Phường An Hải']);
    // a word being typed matches as a prefix
    expect((await searchWards('bach long v'))[0]).toBe('Đặc khu Bạch Long Vĩ');
    // the whole name first, then the names that continue it
    const dongHai = await searchWards('dong hai');
    expect(dongHai[0]).toBe('Phường Đông Hải');
  });

  it('on the 2019 layout: "an hoa" finds the two Xã An Hoà, not Hoàng Văn Thụ; "hai an" the wards of Quận Hải An', async () => {
    // the layout switch in the header (the 2019 units and the crosswalk load after the layers)
    await page.click('[data-layout-option="2019"]:not([disabled])', { timeout: 90_000 });
    await page.waitForSelector('.layout-switch[data-layout="2019"]:not(.busy)', { timeout: 90_000 });
    await page.click('[data-tab=wards]');
    const anHoa = await searchWards('an hoa');
    expect(anHoa).toEqual(['Xã An Hoà', 'Xã An Hoà']);
    await searchWards('hai an');
    const districts = await page.locator('.ward-table .grid-row > span:nth-child(2)').allTextContents();
    // was 25 units, any with the letters "hai" and "an" anywhere in name or district
    expect(districts).toEqual(new Array(8).fill('Quận Hải An'));
  });
  it('shows a scale bar, the cursor in WGS84 and VN-2000 TM-3, and fades a layer with its opacity slider', async () => {
    expect(await page.locator('.leaflet-control-scale-line').count()).toBe(1);
    const map = page.locator('[data-testid=map]');
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const readout = page.locator('[data-testid=cursor-coordinates]');
    await readout.waitFor();
    const text = (await readout.textContent()) ?? '';
    // the map's centre in Hải Phòng, about 20.8° N, 106.7° E; its VN-2000 metres as cursorCoordinates (checked
    // against PROJ in tests/ui/cursor-coordinates.test.ts) gives them for the degrees shown
    const degrees = /WGS84 (20,\d{5})° B, (10[67],\d{5})° Đ/.exec(text);
    expect(degrees).not.toBeNull();
    const [lat, lon] = [Number(degrees![1].replace(',', '.')), Number(degrees![2].replace(',', '.'))];
    const expected = cursorCoordinates(lon, lat, 'vi');
    // the degrees shown are rounded to 1e-5° (≤ 0.6 m), so the metres shown agree within a metre
    const metres = /VN-2000 X ([\d.]+) m, Y ([\d.]+) m/.exec(text);
    expect(metres).not.toBeNull();
    expect(Math.abs(Number(metres![1].replaceAll('.', '')) - expected.northingM)).toBeLessThan(1.5);
    expect(Math.abs(Number(metres![2].replaceAll('.', '')) - expected.eastingM)).toBeLessThan(1.5);
    expect(expected.northingM).toBeGreaterThan(2_290_000);
    await page.screenshot({ path: `${OUT_DIR}/map-tools.png` });
    // leaving the map for the side panel (the map may reach the window's edge: a move past it sends no event)
    const panel = (await page.locator('.side-panel').boundingBox())!;
    await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height / 2);
    await readout.waitFor({ state: 'detached' });

    await page.click('[data-tab=layers]');
    await page.locator('[data-layer-opacity=households]').fill('40');
    expect(await page.evaluate(() => (document.querySelector('.leaflet-households-pane') as HTMLElement).style.opacity)).toBe('0.4');
    await page.locator('[data-layer-opacity=households]').fill('100');
    expect(await page.evaluate(() => (document.querySelector('.leaflet-households-pane') as HTMLElement).style.opacity)).toBe('1');
  });
});
