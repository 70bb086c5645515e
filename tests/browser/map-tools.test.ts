/**
 * The search of units (issue 11 #15) and the map tools of issue 13 in a real browser, offline: ward-table search
 * by whole words ranked exact first, on the 2025 units and on the 2019 layout where the loose search was found;
 * the scale bar, the cursor coordinates, layer opacity and visibility (the zones too); measuring a distance and an
 * area (against haversine and L'Huilier's spherical excess worked from the cursor's own coordinates); the map's
 * search box (units, a site, VN-2000 metres, DMS); the view, layers and selected unit in the page URL.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorCoordinates } from '../../src/ui/map/cursor-coordinates.ts';
import { openApp, OUT_DIR, type OpenApp } from './open-app.ts';

/** Turf's Earth radius (the measuring tool's sphere), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance by the haversine formula, metres. */
function haversineM([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

/** Area of a spherical triangle by L'Huilier's theorem: tan(E/4) = √(tan(s/2)·tan((s−a)/2)·tan((s−b)/2)·tan((s−c)/2)), m². */
function sphericalTriangleM2(p: [number, number], q: [number, number], r: [number, number]): number {
  const [a, b, c] = [haversineM(q, r), haversineM(p, r), haversineM(p, q)].map((side) => side / EARTH_RADIUS_M);
  const s = (a + b + c) / 2;
  const excess = 4 * Math.atan(Math.sqrt(Math.tan(s / 2) * Math.tan((s - a) / 2) * Math.tan((s - b) / 2) * Math.tan((s - c) / 2)));
  return excess * EARTH_RADIUS_M ** 2;
}

/** A number as the Vietnamese interface writes it ("1.234,56"). */
const vietnameseNumber = (text: string) => Number(text.replaceAll('.', '').replace(',', '.'));

/** The cursor readout's WGS84 position with the pointer at (x, y) of the page: [lon, lat]. */
async function positionAt(page: Page, x: number, y: number): Promise<[number, number]> {
  // the readout is React state: wait until it shows the new position (seconds when the page is busy drawing)
  const readout = page.locator('[data-testid=cursor-coordinates]');
  await page.mouse.move(x - 5, y - 5);
  await readout.waitFor();
  const before = await readout.textContent();
  await page.mouse.move(x, y);
  await expect.poll(() => readout.textContent(), { timeout: 10_000 }).not.toBe(before);
  const text = (await readout.textContent()) ?? '';
  const degrees = /WGS84 (\d+,\d{5})° B, (\d+,\d{5})° Đ/.exec(text);
  expect(degrees, text).not.toBeNull();
  return [vietnameseNumber(degrees![2]), vietnameseNumber(degrees![1])];
}

/** The map's centre as the cursor readout gives it, [lon, lat]. */
async function mapCentre(page: Page): Promise<[number, number]> {
  const box = (await page.locator('[data-testid=map]').boundingBox())!;
  return positionAt(page, box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Waits until the map, panning to a search hit (animated), is centred within 3e-5° (~3 m) of (lon, lat), as the
 * page URL states it once the move has ended (`#map=zoom/lat/lon`, 5 decimals).
 */
async function expectCentredOn(page: Page, lon: number, lat: number): Promise<void> {
  await expect
    .poll(async () => {
      const view = /#map=[\d.]+\/(-?[\d.]+)\/(-?[\d.]+)/.exec(await page.evaluate(() => window.location.hash));
      return view === null ? Infinity : Math.max(Math.abs(Number(view[2]) - lon), Math.abs(Number(view[1]) - lat));
    }, { timeout: 10_000 })
    .toBeLessThan(3e-5);
}

/** Purple pixels of the zones' outline (#6a1b9a, nearly opaque) on the vector canvases. */
function zonePixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.leaflet-overlay-pane canvas')) {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 150 && Math.abs(data[i] - 106) < 30 && data[i + 1] < 70 && Math.abs(data[i + 2] - 154) < 30) count++;
      }
    }
    return count;
  });
}

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
    // "hai an": Hải An itself first, then An Hải (same words, other order), then Đông Hải (formerly in Quận Hải
    // An, the former district the table shows); not Thái Tân ("t-hai t-an")
    expect(await searchWards('hai an')).toEqual(['Phường Hải An', 'Phường An Hải', 'Phường Đông Hải']);
    expect(await searchWards('Hải An')).toEqual(['Phường Hải An', 'Phường An Hải', 'Phường Đông Hải']);
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

  it('hides the zones with their toggle and fades them with their opacity slider', async () => {
    await page.click('[data-tab=layers]');
    await expect.poll(() => zonePixels(page)).toBeGreaterThan(200);
    const full = await zonePixels(page);
    await page.locator('[data-layer-opacity=zones]').fill('20');
    // at 20 % the outline is no longer nearly opaque
    await expect.poll(() => zonePixels(page)).toBeLessThan(full / 10);
    // back at full opacity (drawn again, maybe in another order among the wards: about as many pixels)
    await page.locator('[data-layer-opacity=zones]').fill('100');
    await expect.poll(() => zonePixels(page)).toBeGreaterThan(full / 2);
    await page.uncheck('[data-layer-toggle=zones]');
    await expect.poll(() => zonePixels(page)).toBe(0);
    await page.check('[data-layer-toggle=zones]');
    await expect.poll(() => zonePixels(page)).toBeGreaterThan(full / 2);
  });

  it('measures a distance live and on a double-click, within 10 m of the haversine of the points clicked', async () => {
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const points: Array<[number, number]> = [[cx - 220, cy - 40], [cx + 120, cy - 40], [cx + 120, cy + 160]];
    await page.click('[data-measure=distance]');
    const positions: Array<[number, number]> = [];
    for (const [x, y] of points.slice(0, 2)) {
      positions.push(await positionAt(page, x, y));
      await page.mouse.click(x, y);
    }
    // live: the figure follows the cursor towards the third point
    const third = await positionAt(page, points[2][0], points[2][1]);
    const expectedM = haversineM(positions[0], positions[1]) + haversineM(positions[1], third);
    const lengthM = async () => vietnameseNumber((await page.locator('[data-testid=measure-length]').textContent())!.replace(' km', '')) * 1000;
    await expect.poll(async () => Math.abs((await lengthM()) - expectedM)).toBeLessThan(10);
    await page.mouse.dblclick(points[2][0], points[2][1]);
    await expect.poll(() => page.locator('.map.measuring').count()).toBe(0);
    expect(Math.abs((await lengthM()) - expectedM)).toBeLessThan(10);
    // the clicks measured: no popup opened, no unit selected
    expect(await page.locator('.leaflet-popup').count()).toBe(0);
    expect(await page.evaluate(() => window.location.hash)).not.toMatch(/unit=/);
    await page.screenshot({ path: `${OUT_DIR}/map-measure-distance.png` });
  });

  it('measures an area (Enter finishes) within 0.1 % of the spherical excess of the triangle clicked; Esc cancels', async () => {
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const points: Array<[number, number]> = [[cx - 200, cy - 60], [cx + 140, cy - 60], [cx - 40, cy + 180]];
    await page.click('[data-measure=area]');
    const positions: Array<[number, number]> = [];
    for (const [x, y] of points) {
      positions.push(await positionAt(page, x, y));
      await page.mouse.click(x, y);
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.map.measuring').count()).toBe(0);
    const areaText = (await page.locator('[data-testid=measure-area]').textContent())!;
    expect(areaText).toMatch(/ km²$/);
    const expectedM2 = sphericalTriangleM2(positions[0], positions[1], positions[2]);
    expect(expectedM2).toBeGreaterThan(50e6);
    expect(Math.abs((vietnameseNumber(areaText.replace(' km²', '')) * 1e6) / expectedM2 - 1)).toBeLessThan(0.001);
    const perimeterText = (await page.locator('[data-testid=measure-length]').textContent())!;
    const perimeterM = haversineM(positions[0], positions[1]) + haversineM(positions[1], positions[2]) + haversineM(positions[2], positions[0]);
    // shown to 0.1 km from 100 km on: within half the last digit shown and a few metres of the pointer's rounding
    const decimals = /,(\d+) km$/.exec(perimeterText)![1].length;
    expect(Math.abs(vietnameseNumber(perimeterText.replace(' km', '')) * 1000 - perimeterM)).toBeLessThan(500 * 10 ** -decimals + 10);
    await page.screenshot({ path: `${OUT_DIR}/map-measure-area.png` });
    // a new measure, cancelled with Escape: the figure and the crosshair go
    await page.click('[data-measure=distance]');
    await page.mouse.click(cx, cy);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=measure-result]').waitFor({ state: 'detached' });
    expect(await page.locator('.map.measuring').count()).toBe(0);
  });

  it('finds units (telling the two Xã An Hoà apart), a site, VN-2000 metres and DMS in the search box, and goes there', async () => {
    const search = page.locator('[data-testid=map-search]');
    // the 2019 layout is shown (the test above switched): the two Xã An Hoà with their districts
    await search.fill('an hoa');
    const hits = page.locator('[data-search-hit=unit]');
    await expect.poll(() => hits.count()).toBe(2);
    const details = await page.locator('[data-search-hit=unit] .map-search-detail').allTextContents();
    expect(details[0]).not.toBe(details[1]);
    expect(details.every((detail) => /^Huyện /.test(detail))).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}/map-search-units.png` });
    const zoomBefore = Number(await page.locator('[data-testid=map]').getAttribute('data-zoom'));
    await hits.nth(1).click();
    await expect.poll(async () => Number(await page.locator('[data-testid=map]').getAttribute('data-zoom'))).toBeGreaterThan(zoomBefore);
    expect(await page.evaluate(() => window.location.hash)).toMatch(/unit=\d+/);

    // a site by its id: one hit for the site, before its cells; the map centres on it (sites.csv: 106.758858, 20.851503)
    await search.fill('VTL0001');
    expect(await page.locator('[data-search-hit]').first().getAttribute('data-search-hit')).toBe('site');
    await search.press('Enter');
    await expect.poll(async () => Number(await page.locator('[data-testid=map]').getAttribute('data-zoom'))).toBeGreaterThanOrEqual(16);
    await expectCentredOn(page, 106.758858, 20.851503);

    // VN-2000 TM-3 metres as the cursor readout writes them; PROJ: X 2 305 870.370, Y 597 756.246 is 106.6912 E, 20.8431 N
    await search.fill('X 2.305.870 m, Y 597.756 m');
    const position = page.locator('[data-search-hit=position]');
    expect(await position.textContent()).toMatch(/VN-2000 TM-3 105°45′ \(m\) → WGS84 20,843\d\d° B, 106,691\d\d° Đ/);
    await page.screenshot({ path: `${OUT_DIR}/map-search-vn2000.png` });
    await position.click();
    await expectCentredOn(page, 106.6912, 20.8431);

    // DMS: 20°51′30″ = 20.858333°, 106°41′00″ = 106.683333°
    await search.fill('20°51′30″N 106°41′00″E');
    await search.press('Enter');
    await expectCentredOn(page, 106.683333, 20.858333);
    await page.screenshot({ path: `${OUT_DIR}/map-search-dms.png` });
    expect(app.pageErrors).toEqual([]);
  });

  it('speaks English: the search box, a position in degrees with its VN-2000 metres, the measuring figures', async () => {
    await page.click('[data-language=en]');
    const search = page.locator('[data-testid=map-search]');
    expect(await search.getAttribute('placeholder')).toBe('Find a unit, site, cell or coordinates…');
    await search.fill('20.8431 106.6912');
    const position = page.locator('[data-search-hit=position]');
    // PROJ: 106.6912 E, 20.8431 N is X 2 305 870.370, Y 597 756.246 in VN-2000 TM-3 105°45′
    expect(await position.textContent()).toBe('Coordinates20.8431 106.6912decimal degrees → VN-2000 X 2,305,870 m, Y 597,756 m');
    await search.press('Escape');
    expect(await page.locator('[data-measure=distance]').textContent()).toBe('Measure distance');
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    await page.click('[data-measure=distance]');
    await page.mouse.click(box.x + box.width / 2 - 100, box.y + box.height / 2);
    // the figure follows the cursor (200 px at zoom 16: about 450 m)
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 10);
    await page.mouse.move(box.x + box.width / 2 + 100, box.y + box.height / 2);
    await expect.poll(() => page.locator('[data-testid=measure-result]').textContent()).toMatch(/^Length (?!0\.0 m)\d+(\.\d+)? k?m.*Click to place points; double-click or Enter to finish, Esc to cancel\./);
    await page.screenshot({ path: `${OUT_DIR}/map-measure-en.png` });
    await page.keyboard.press('Escape');
    await page.click('[data-language=vi]');
  });
});

describe('the view, layers and selected unit in the page URL', () => {
  let urlApp: OpenApp;
  let urlPage: Page;
  const loaded = () => urlPage.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
  const zoom = async () => Number(await urlPage.locator('[data-testid=map]').getAttribute('data-zoom'));
  /** The selected unit as the ward table marks it, after filtering the table by the query. */
  const selectedIn = async (query: string) => {
    await urlPage.click('[data-tab=wards]');
    await urlPage.fill('.ward-table input[type=search]', query);
    return urlPage.locator('.ward-table .grid-row.selected > span:first-child').allTextContents();
  };

  /** Each test loads the whole app once or twice (about a minute each on the loaded 2-core machine). */
  const PAGE_LOADS_TIMEOUT_MS = 300_000;

  beforeAll(async () => {
    urlApp = await openApp();
    urlPage = urlApp.page;
  });

  afterAll(async () => {
    await urlApp?.close();
  });

  it('opens a link on its view, layers and unit; Back returns to the previous unit; reload keeps the state', async () => {
    // Phường Hải An is 11413 in the 2025 layout (data/hp2025_wards_polygons.geojson)
    await urlPage.goto(`${urlApp.server.url}#map=13/20.84/106.73&layers=wards,sites,zones&unit=11413`);
    await loaded();
    await expect.poll(zoom).toBe(13);
    const [lon, lat] = await mapCentre(urlPage);
    // the centre within a pixel (zoom 13: 18 m)
    expect(Math.abs(lon - 106.73)).toBeLessThan(3e-4);
    expect(Math.abs(lat - 20.84)).toBeLessThan(3e-4);
    await urlPage.click('[data-tab=layers]');
    expect(await urlPage.isChecked('[data-layer-toggle=households]')).toBe(false);
    expect(await urlPage.isChecked('[data-layer-toggle=fibre]')).toBe(false);
    expect(await urlPage.isChecked('[data-layer-toggle=sites]')).toBe(true);
    await expect.poll(() => selectedIn('hai an')).toEqual(['Phường Hải An']);

    // another unit from the search box: a new history entry
    await urlPage.fill('[data-testid=map-search]', 'dong hai');
    await urlPage.press('[data-testid=map-search]', 'Enter');
    await expect.poll(() => urlPage.evaluate(() => window.location.hash)).toMatch(/unit=11411/);
    await expect.poll(() => selectedIn('dong hai')).toEqual(['Phường Đông Hải']);
    // a layer toggled replaces the entry (Back does not undo it)
    await urlPage.click('[data-tab=layers]');
    await urlPage.check('[data-layer-toggle=fibre]');
    await expect.poll(() => urlPage.evaluate(() => window.location.hash)).toMatch(/layers=wards,sites,fibre,zones&unit=11411/);
    await urlPage.screenshot({ path: `${OUT_DIR}/map-url-state.png` });

    await urlPage.goBack();
    await expect.poll(() => urlPage.evaluate(() => window.location.hash)).toMatch(/unit=11413$/);
    await expect.poll(() => selectedIn('hai an')).toEqual(['Phường Hải An']);
    await urlPage.goForward();
    await expect.poll(() => urlPage.evaluate(() => window.location.hash)).toMatch(/unit=11411$/);
    await expect.poll(() => selectedIn('dong hai')).toEqual(['Phường Đông Hải']);

    const hash = await urlPage.evaluate(() => window.location.hash);
    const view = /map=([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(hash)!;
    // while the page loads: the zooms the map shows and the views the page writes to the URL
    await urlApp.context.addInitScript(`{
      const zooms = []; const written = []; window.loadTrace = { zooms, written };
      const replace = history.replaceState.bind(history);
      history.replaceState = (data, unused, url) => { written.push(String(url).replace(/^[^#]*#/, '#')); return replace(data, unused, url); };
      new MutationObserver((changes) => { for (const change of changes) zooms.push(change.target.dataset.zoom); })
        .observe(document, { attributes: true, subtree: true, attributeFilter: ['data-zoom'] });
    }`);
    await urlPage.reload();
    await loaded();
    expect(await urlPage.evaluate(() => window.location.hash)).toBe(hash);
    expect(await zoom()).toBe(Number(view[1]));
    // the URL's view from the first paint on: never the city's fit over it (the app's commit of the first paint's
    // wards refitted it until the URL's restore came back), nor a centre shifted by the map's move into the app
    const trace = (await urlPage.evaluate('window.loadTrace')) as { zooms: string[]; written: string[] };
    expect(new Set(trace.zooms)).toEqual(new Set([view[1]]));
    expect(trace.written.filter((url) => !url.startsWith(`#map=${view[1]}/${view[2]}/${view[3]}&`))).toEqual([]);
    await expect.poll(() => selectedIn('dong hai')).toEqual(['Phường Đông Hải']);
    await urlPage.click('[data-tab=layers]');
    expect(await urlPage.isChecked('[data-layer-toggle=fibre]')).toBe(true);
    expect(await urlPage.isChecked('[data-layer-toggle=households]')).toBe(false);
    expect(urlApp.pageErrors).toEqual([]);
  }, PAGE_LOADS_TIMEOUT_MS);

  it('opens a link to a unit of the 2019 layout on that layout; after switching to 2025 by hand, Back returns to it', async () => {
    // Xã An Hoà of Huyện Vĩnh Bảo is 11854 among the 2019 units (data/hp_wards_polygons.geojson)
    await urlPage.goto(`${urlApp.server.url}#map=12/20.68/106.5&layout=2019&unit=11854`);
    await urlPage.reload();
    await loaded();
    await urlPage.waitForSelector('.layout-switch[data-layout="2019"]:not(.busy)', { timeout: 90_000 });
    await expect.poll(() => urlPage.evaluate(() => window.location.hash)).toMatch(/layout=2019&unit=11854$/);
    await expect.poll(() => selectedIn('an hoa')).toEqual(['Xã An Hoà']);
    expect(await urlPage.locator('.ward-table .grid-row.selected > span:nth-child(2)').textContent()).toBe('Huyện Vĩnh Bảo');
    // the layout switched back by hand: the selection goes (a new entry); Back returns to the 2019 unit
    await urlPage.click('[data-layout-option="2025"]');
    await urlPage.waitForSelector('.layout-switch[data-layout="2025"]:not(.busy)', { timeout: 90_000 });
    await expect.poll(() => urlPage.evaluate(() => window.location.hash)).not.toMatch(/layout=|unit=/);
    await urlPage.goBack();
    await urlPage.waitForSelector('.layout-switch[data-layout="2019"]:not(.busy)', { timeout: 90_000 });
    await expect.poll(() => selectedIn('an hoa')).toEqual(['Xã An Hoà']);
    expect(await urlPage.evaluate(() => window.location.hash)).toMatch(/layout=2019&unit=11854$/);
    expect(urlApp.pageErrors).toEqual([]);
  }, PAGE_LOADS_TIMEOUT_MS);

  it('ignores invalid values: the default view and layers, nothing selected, no error', async () => {
    await urlPage.goto(`${urlApp.server.url}#map=abc/95/x&layers=nonsense&unit=%00nope`);
    await urlPage.reload();
    await loaded();
    await urlPage.click('[data-tab=layers]');
    for (const layer of ['wards', 'sites', 'households', 'fibre', 'zones']) expect(await urlPage.isChecked(`[data-layer-toggle=${layer}]`)).toBe(true);
    // the page writes its own view over the invalid one once the map has settled
    await expect.poll(() => urlPage.evaluate(() => window.location.hash), { timeout: 30_000 }).toMatch(/^#map=[\d.]+\/20\.\d+\/10[67]\.\d+&layers=wards,sites,households,fibre,zones$/);
    expect(urlApp.pageErrors).toEqual([]);
  }, PAGE_LOADS_TIMEOUT_MS);
});
