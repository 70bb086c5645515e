/**
 * Issue 11, the offline street basemap in the production build at 1440×900, offline: a small PMTiles archive of
 * vector tiles in the Protomaps layers (written by tests/helpers/pmtiles-archive.ts) opened from the Settings tab's
 * file picker is drawn as the basemap (its land and water colours on the tiles), with the ODbL attribution, no
 * offline warning and no request off the machine; closing it brings back the app without a basemap.
 */
import { namedFlavor } from '@protomaps/basemaps';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vectorBasemapArchive } from '../helpers/pmtiles-archive.ts';
import { SCREENSHOT_DIR, openApp, setMapView, type AppSession } from './app-session.ts';

let session: AppSession;
let page: Page;

beforeAll(async () => {
  session = await openApp();
  page = session.page;
}, 240_000);

afterAll(async () => {
  await session?.close();
});

/** Pixels of the basemap's tile canvases within `tolerance` of each colour (#rrggbb), summed over the tiles. */
function tileColourCounts(colours: readonly string[], tolerance = 6): Promise<number[]> {
  return page.evaluate(
    ({ colours, tolerance }) => {
      const rgb = colours.map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));
      const counts = colours.map(() => 0);
      for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.leaflet-tile-pane canvas.leaflet-tile')) {
        if (canvas.width === 0) continue;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 16) {
          rgb.forEach(([r, g, b], k) => {
            if (data[i + 3] === 255 && Math.abs(data[i] - r) <= tolerance && Math.abs(data[i + 1] - g) <= tolerance && Math.abs(data[i + 2] - b) <= tolerance) counts[k]++;
          });
        }
      }
      return counts;
    },
    { colours, tolerance },
  );
}

describe('offline basemap from a local .pmtiles file (issue 11)', () => {
  it('draws the archive\'s vector tiles with the ODbL attribution, offline', async () => {
    const flavor = namedFlavor('light');
    const archive = vectorBasemapArchive([106.3, 20.6, 107.0, 21.1], 8, 12);
    await page.click('[data-tab=settings]');
    await page.setInputFiles('[data-basemap-file]', { name: 'haiphong.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from(archive) });
    await page.waitForSelector('[data-local-basemap=open]', { timeout: 30_000 });
    expect(await page.locator('[data-local-basemap-info]').textContent()).toMatch(/haiphong\.pmtiles.*vector.*8–12/);
    await setMapView(page, 106.65, 20.85, 11);
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile-loaded').length >= 4, null, { timeout: 30_000 });
    await page.waitForTimeout(500);
    const [earth, water] = await tileColourCounts([flavor.earth, flavor.water]);
    console.log(`basemap tiles: ${earth} land and ${water} water pixels sampled (colours ${flavor.earth}, ${flavor.water})`);
    expect(earth).toBeGreaterThan(1000);
    expect(water).toBeGreaterThan(1000);
    const attribution = (await page.locator('.leaflet-control-attribution').textContent()) ?? '';
    expect(attribution).toContain('OpenStreetMap contributors');
    expect(attribution).toContain('ODbL');
    // the file replaces the online basemap: no tile server is asked, no offline warning
    expect(await page.locator('.map-notice').count()).toBe(0);
    expect(await page.locator('.leaflet-tile-pane img').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-basemap.png` });
    expect(session.errors).toEqual([]);
  });

  it('is dropped on request: the app works on without it', async () => {
    await page.click('[data-local-basemap=open] button.link-button');
    await page.waitForSelector('[data-local-basemap=none]');
    expect(await page.locator('.leaflet-tile-pane canvas.leaflet-tile').count()).toBe(0);
    // the online basemap of the settings is back (its own OSM attribution), the archive's Protomaps credit gone
    expect(await page.locator('.leaflet-control-attribution').textContent()).not.toContain('Protomaps');
  });

  it('says why a file that is not a PMTiles archive cannot be opened', async () => {
    await page.setInputFiles('[data-basemap-file]', { name: 'not-a-map.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from('hello, not tiles') });
    await page.waitForSelector('[data-local-basemap=failed]', { timeout: 30_000 });
    expect(await page.locator('[data-local-basemap=failed] .field-error').textContent()).toContain('not-a-map.pmtiles');
    expect(session.errors).toEqual([]);
  });
});
