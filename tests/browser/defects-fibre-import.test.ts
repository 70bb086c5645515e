/**
 * Issue 11, fibre planning and imports at 1440×900 on the production build: each `it` reproduces one defect (its
 * number in the name) and passes once it is fixed: a selected extension on the map (#7), the wards that cannot
 * reach the target and English plurals (#8), households and points counted apart in an import note (#9).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapZoom, openApp, type AppSession } from './app-session.ts';

let session: AppSession;
let page: Page;

describe('issue 11: fibre and import defects (Chromium, 1440×900)', () => {
  beforeAll(async () => {
    session = await openApp();
    page = session.page;
    await page.click('[data-tab=fibre]');
    await page.waitForSelector('.fibre-panel[data-reach=true]', { timeout: 60_000 });
    await page.click('[data-action=plan-fibre]');
    await page.waitForSelector('.fibre-panel[data-planned=true]', { timeout: 90_000 });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('#7 zooms the map to a selected extension and opens its card when its line is clicked', async () => {
    const zoomBefore = await mapZoom(page);
    const row = page.locator('.extension-row').first();
    const id = (await row.getAttribute('data-extension-id'))!;
    await row.click();
    await expect.poll(() => mapZoom(page), { timeout: 5_000 }).toBeGreaterThan(zoomBefore + 1);
    await page.waitForTimeout(500);
    // the map is centred on the selected cable: a click there opens its card
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.locator('.leaflet-popup-content .extension-card');
    await card.waitFor({ timeout: 5_000 });
    expect(await card.locator('.feature-card-title').textContent()).toContain(id);
    await page.locator('.leaflet-popup-close-button').click();
  });

  it('#8 names the wards that cannot reach the target, and says "1 ward" in English', async () => {
    // a unit in central Hải Phòng, and one at sea with no households: the plan cannot reach the target there
    const square = (west: number, south: number, side: number) => [[[west, south], [west + side, south], [west + side, south + side], [west, south + side], [west, south]]];
    const wards = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { ward_id: 'A1', name: 'Phường Trung Tâm', type: 'Phường' }, geometry: { type: 'Polygon', coordinates: square(106.67, 20.84, 0.02) } },
        { type: 'Feature', properties: { ward_id: 'B1', name: 'Xã Ngoài Khơi', type: 'Xã' }, geometry: { type: 'Polygon', coordinates: square(107.3, 20.3, 0.02) } },
      ],
    };
    await page.click('[data-tab=import]');
    await page.setInputFiles('input[data-layer=wards]', { name: 'two-units.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(wards)) });
    await page.locator('.report-card[data-report-file="two-units.geojson"]').waitFor({ timeout: 30_000 });
    await page.click('[data-tab=fibre]');
    await page.waitForSelector('.fibre-panel[data-reach=true]', { timeout: 60_000 });
    await page.click('[data-action=plan-fibre]');
    await page.waitForSelector('.fibre-panel[data-planned=true]', { timeout: 90_000 });
    const unreachable = page.locator('[data-testid=fibre-unreachable]');
    await unreachable.waitFor({ timeout: 5_000 });
    expect(await unreachable.locator('li').allTextContents()).toEqual([expect.stringContaining('Xã Ngoài Khơi')]);
    await page.click('[data-language=en]');
    const text = (await unreachable.textContent()) ?? '';
    expect(text).toMatch(/\b1 ward\b/);
    expect(await page.locator('.fibre-panel').textContent()).not.toMatch(/(^|[^\d.,])1 (wards|cables|households|sites|nodes|zones)\b/);
    await page.click('[data-language=vi]');
  });

  it('#9 counts points and households apart in the note on households outside every ward', async () => {
    await page.click('[data-tab=import]');
    // two points inside Hải Phòng, six of three households each far out at sea
    const rows = ['household_id,lon,lat,count', 'IN1,106.68,20.86,2', 'IN2,106.69,20.85,1'];
    for (let k = 0; k < 6; k++) rows.push(`OUT${k},108.${k},19.5,3`);
    await page.setInputFiles('input[data-layer=households]', { name: 'outside.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    const report = page.locator('.report-card[data-report-file="outside.csv"]');
    await report.waitFor({ timeout: 30_000 });
    const text = (await report.textContent()) ?? '';
    expect(text).toMatch(/6 điểm/);
    expect(text).toMatch(/18 hộ/);
    expect(text).not.toMatch(/18 điểm/);
  });

  it('made no page error', () => {
    expect(session.errors).toEqual([]);
  });
});
