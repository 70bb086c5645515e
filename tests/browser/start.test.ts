/**
 * The app's start on the embedded dataset (issue 14): the synthetic layers come from their compact binary forms
 * (data/*.bin.gz), and a damaged binary form is replaced by the text file with a notice saying so, never a crash
 * and never other data: the import reports are the text files' in both cases. The code the wards' first paint does
 * not need is loaded after it (docs/architecture.md, the start).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, ROOT, type OpenApp } from './open-app.ts';

/** The import reports' counts (read, kept, rejected) of the embedded synthetic layers, by file. */
async function reportCounts(app: OpenApp): Promise<Record<string, string[]>> {
  await app.page.click('[data-tab=import]');
  const counts: Record<string, string[]> = {};
  for (const file of ['households.csv.gz', 'sites.csv', 'fibre.geojson']) {
    const card = app.page.locator(`.report-card[data-report-file="${file}"]`);
    await card.waitFor();
    counts[file] = (await card.locator('.report-counts dd').allTextContents()).slice(0, 3);
  }
  return counts;
}

/** The app opened with the requests matching `pattern` answered by `handler` (a page route set before it loads). */
async function openWithRoute(pattern: RegExp, handler: (route: Route) => unknown): Promise<OpenApp> {
  const app = await openApp();
  try {
    await app.context.route(pattern, handler);
    await app.page.goto(app.server.url);
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Records as `window.firstWards`, at the first drawing on the wards' canvas (Leaflet's overlay pane, where the wards
 * come first), what the page-side function `snapshot` (its source) returns. Set before the page loads.
 */
async function recordAtFirstWards(app: OpenApp, snapshot: string): Promise<void> {
  await app.context.addInitScript(`{
    const stroke = CanvasRenderingContext2D.prototype.stroke;
    CanvasRenderingContext2D.prototype.stroke = function (...args) {
      if (window.firstWards === undefined && this.canvas.closest('.leaflet-overlay-pane') !== null) window.firstWards = (${snapshot})();
      return stroke.apply(this, args);
    };
  }`);
}

function allLoaded(app: OpenApp): Promise<unknown> {
  return app.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
}

/** The app loaded with the chunks matching `chunk` failing as if offline (the browser keeps them failed for the page). */
async function openWithChunkLost(chunk: RegExp): Promise<OpenApp> {
  const app = await openWithRoute(chunk, (route) => route.abort('internetdisconnected'));
  await allLoaded(app);
  return app;
}

/**
 * The notices of an app whose households' binary form could not be used, once all is loaded: they name the binary
 * form and the text file read instead; the caller checks the reason.
 */
async function householdsFallbackNotice(app: OpenApp): Promise<string> {
  await allLoaded(app);
  const notice = app.page.locator('.notice');
  await notice.first().waitFor();
  const text = (await notice.allTextContents()).join(' ');
  expect(text).toContain('households.bin.gz');
  expect(text).toContain('households.csv.gz');
  return text;
}

describe('start on the embedded dataset', () => {
  let app: OpenApp;
  const requested: string[] = [];
  /** Each embedded data file's referrer: the page's URL, or the engine worker's script for what it downloads itself. */
  const referrers = new Map<string, Promise<string | undefined>>();
  beforeAll(async () => {
    app = await openApp();
    app.page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      requested.push(path);
      if (/\.(gz|geojson|csv)$/.test(path)) referrers.set(path.split('/').pop()!, request.allHeaders().then((headers) => headers.referer));
    });
    await app.page.goto(app.server.url);
    await allLoaded(app);
  });
  afterAll(() => app?.close());

  it('reads the binary forms, not the text files, and reports the text files as parsed (532,614 households)', async () => {
    expect(requested.some((path) => /households\.bin-[^/]*\.gz$/.test(path))).toBe(true);
    expect(requested.some((path) => /households\.csv-[^/]*\.gz$/.test(path))).toBe(false);
    expect(requested.some((path) => /sites-[^/]*\.csv$/.test(path))).toBe(false);
    expect(requested.some((path) => /fibre-[^/]*\.geojson$/.test(path))).toBe(false);
    const counts = await reportCounts(app);
    expect(counts['households.csv.gz']).toEqual(['532.614', '532.614', '0']);
    expect((await app.page.locator('.notice').allTextContents()).filter((text) => text.includes('bin.gz'))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it("downloads the households' binary form in the engine worker, so that the page's main thread never reads it; the other files in the page", async () => {
    // once: named to the worker first (prefetch), the download is the one its load request takes
    expect(requested.filter((path) => /households\.bin-[^/]*\.gz$/.test(path))).toHaveLength(1);
    const byFile = await Promise.all([...referrers].map(async ([file, referrer]) => ({ file, referrer: new URL((await referrer) ?? '').pathname })));
    const households = byFile.filter(({ file }) => /^households\.bin-/.test(file));
    expect(households.map(({ referrer }) => referrer)).toEqual([expect.stringMatching(/\/engine\.worker-[^/]*\.js$/)]);
    const others = byFile.filter(({ file }) => /^(hp2025_wards_polygons|hp2025_land|sites\.bin|fibre\.bin|hp2025_zones)-/.test(file));
    expect(others).toHaveLength(5);
    for (const { referrer } of others) expect(referrer).not.toMatch(/worker/);
  });

  it('loads only what paints the wards before them: the other panels, the map tools, the imports and the offline basemap come after', async () => {
    // the page's scripts requested before the wards were shown (the engine worker's script is the worker's own)
    const early = await app.page.evaluate(() => {
      const wardsMs = Number(document.querySelector('.app')?.getAttribute('data-wards-visible-ms'));
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => entry.startTime < wardsMs && /\.js$/.test(entry.name) && !entry.name.includes('.worker-'))
        .map((entry) => ({ name: entry.name.split('/').pop() ?? '', bytes: entry.decodedBodySize }));
    });
    // (the open tab's panel, the targets, is asked for with the first render)
    const later = /^(AnalysisPanel|FibrePanel|SitingPanel|ReportPanel|ImportDialog|MapTools|CursorReadout|pmtiles-basemap|import-inputs|read-layer-file)-/;
    expect(early.map(({ name }) => name).filter((name) => later.test(name))).toEqual([]);
    // React, Leaflet and the app's shell: 1.2 MB when everything was one chunk; proj4 alone would add 107 kB
    expect(early.reduce((total, { bytes }) => total + bytes, 0)).toBeLessThan(750_000);
    // and they do come after: the side panel shows its tab
    await app.page.locator('.side-panel .tab-body > *').first().waitFor();
  });

  it("starts the engine worker with a script that holds no proj4 and no unzip (they load with a user's first import)", () => {
    const worker = readdirSync(`${ROOT}dist/assets`).filter((name) => /^engine\.worker-.*\.js$/.test(name));
    expect(worker).toHaveLength(1);
    const script = readFileSync(`${ROOT}dist/assets/${worker[0]}`, 'utf8');
    // proj4's WKT reader and EPSG:4326 definition; fflate's error for a damaged ZIP (all three were in it before)
    for (const marker of ['PROJCS', 'EPSG:4326', 'invalid zip']) expect(script.includes(marker), marker).toBe(false);
    expect(script.length).toBeLessThan(400_000);
  });

  it('falls back to the text file when a binary form is damaged, says so, and loads the same data', async () => {
    const normal = await reportCounts(app);
    // a binary form whose payload does not match its hash (as a truncated or corrupted download would be)
    const header = Buffer.from([0x50, 0x48, 0x53, 0x42, 1, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    const damaged = await openWithRoute(/households\.bin-[^/]*\.gz$/, (route) => route.fulfill({ status: 200, contentType: 'application/gzip', body: gzipSync(header) }));
    try {
      expect(await householdsFallbackNotice(damaged)).toMatch(/checksum/);
      expect(await reportCounts(damaged)).toEqual(normal);
      expect(damaged.pageErrors).toEqual([]);
    } finally {
      await damaged.close();
    }
  });

  it('falls back to the text file when the worker cannot download a binary form, says why, and loads the same data', async () => {
    const normal = await reportCounts(app);
    const missing = await openWithRoute(/households\.bin-[^/]*\.gz$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
    try {
      expect(await householdsFallbackNotice(missing)).toContain('HTTP 404');
      expect(await reportCounts(missing)).toEqual(normal);
      expect(missing.pageErrors).toEqual([]);
    } finally {
      await missing.close();
    }
  });

  it("asks for the app's code only once the wards are on screen (its compilation held the frame that shows them)", async () => {
    const app = await openApp();
    try {
      await recordAtFirstWards(app, '() => performance.now()');
      await app.page.goto(app.server.url);
      await app.page.locator('.side-panel .tab-body > *').first().waitFor();
      const { drawnMs, requestedMs } = await app.page.evaluate(() => ({
        drawnMs: (window as unknown as { firstWards?: number }).firstWards,
        requestedMs: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => /\/render-app-[^/]*\.js$/.test(entry.name))?.startTime,
      }));
      expect(drawnMs).toBeGreaterThan(0);
      expect(requestedMs).toBeGreaterThan(drawnMs!);
    } finally {
      await app.close();
    }
  });

  it("draws the first wards in the app's frame: the map keeps its place, size and view when the app takes it", async () => {
    const app = await openApp({ width: 1366, height: 768 });
    try {
      // the map's box, zoom and position at the first drawing on the wards' canvas
      await recordAtFirstWards(
        app,
        `() => {
          const map = document.querySelector('.map');
          const box = map.getBoundingClientRect();
          return {
            box: [box.x, box.y, box.width, box.height],
            zoom: map.dataset.zoom,
            pane: map.querySelector('.leaflet-map-pane').style.transform,
            header: document.querySelector('.app-header') !== null,
          };
        }`,
      );
      await app.page.goto(app.server.url);
      await app.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
      const [first, after] = await app.page.evaluate(() => {
        const map = document.querySelector<HTMLElement>('.map')!;
        const box = map.getBoundingClientRect();
        const now = { box: [box.x, box.y, box.width, box.height], zoom: map.dataset.zoom, pane: map.querySelector<HTMLElement>('.leaflet-map-pane')!.style.transform, header: true };
        return [(window as unknown as { firstWards: typeof now }).firstWards, now];
      });
      // drawn over the whole page, the wards were fitted at zoom 10.5, then the app shrank the map and fitted them at 10
      expect(first.header).toBe(true);
      expect(first.box).toEqual(after.box);
      expect(first.box[1]).toBeGreaterThan(0);
      expect(first.zoom).toBe(after.zoom);
      expect(first.pane).toBe(after.pane);
      expect(await app.page.locator('.first-paint-frame').count()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it("draws every embedded layer as its reply comes, before the app's code runs, and the app keeps them (each drawn once)", async () => {
    const app = await openApp();
    try {
      // the drawings of each layer's canvas: one clear each (canvas-overlay.ts clears a canvas before it draws)
      await app.context.addInitScript(`{
        window.drawings = {};
        const clear = CanvasRenderingContext2D.prototype.clearRect;
        CanvasRenderingContext2D.prototype.clearRect = function (...args) {
          const pane = this.canvas.closest('.leaflet-households-pane, .leaflet-cells-pane, .leaflet-fibre-pane');
          if (pane !== null) {
            const name = pane.className.replace(/.*leaflet-(\\w+)-pane.*/, '$1');
            window.drawings[name] = (window.drawings[name] ?? 0) + 1;
          }
          return clear.apply(this, args);
        };
      }`);
      const drawings = () => app.page.evaluate(() => ({ ...(window as unknown as { drawings: Record<string, number> }).drawings }));
      // the app's code is held back until the three layers are drawn (or 20 s): the first paint must draw them alone
      let beforeApp: Record<string, number> = {};
      await app.context.route(/\/render-app-[^/]*\.js$/, async (route) => {
        for (let waited = 0; waited < 20_000 && Object.keys(beforeApp).length < 3; waited += 100) {
          beforeApp = await drawings();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await route.continue();
      });
      await app.page.goto(app.server.url);
      await allLoaded(app);
      await app.page.waitForTimeout(1000);
      expect(beforeApp).toEqual({ households: 1, cells: 1, fibre: 1 });
      expect(await drawings()).toEqual({ households: 1, cells: 1, fibre: 1 });
    } finally {
      await app.close();
    }
  });

  it("requests the basemap's tiles with the wards, before the app's code, and keeps them when the app takes the map", async () => {
    const app = await openApp();
    try {
      const requests: string[] = [];
      app.page.on('request', (request) => requests.push(request.url()));
      await app.page.goto(app.server.url);
      await app.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
      const tiles = requests.filter((url) => url.startsWith('https://tile.openstreetmap.org/'));
      const appCode = requests.findIndex((url) => /\/render-app-[^/]*\.js$/.test(url));
      expect(tiles.length).toBeGreaterThan(0);
      expect(appCode).toBeGreaterThan(0);
      // the first paint adds the basemap (it was the app's map view, ~0.6 s later)
      expect(requests.indexOf(tiles[0])).toBeLessThan(appCode);
      // the app's map keeps that layer: no tile is asked for twice
      expect(new Set(tiles).size).toBe(tiles.length);
      // offline, the land fill stands in for the tiles and the notice says why
      await app.page.locator('.map.land-fill').waitFor();
      await app.page.locator('.map-notice[role=status]').waitFor();
    } finally {
      await app.close();
    }
  });

  it("runs the app's code when the wards' reply does not come (3 s after start at the latest)", async () => {
    // the wards' file is never answered: the first paint waits for ever, the app must not
    const stalled = await openWithRoute(/hp2025_wards_polygons-[^/]*\.geojson$/, () => undefined);
    try {
      await stalled.page.locator('.side-panel .tab-body > *').first().waitFor({ timeout: 30_000 });
      expect(stalled.pageErrors).toEqual([]);
    } finally {
      await stalled.close();
    }
  });

  it("says so in the tab, and keeps the app, when a panel's code cannot be loaded; its button reloads the page", async () => {
    const reportChunk = /\/ReportPanel-[^/]*\.js$/;
    const offline = await openWithChunkLost(reportChunk);
    try {
      await offline.page.click('[data-tab=report]');
      const failure = offline.page.locator('.tab-body [role=alert]');
      await failure.waitFor();
      expect(await failure.textContent()).toMatch(/Could not load this part of the app|Không tải được phần này của ứng dụng/);
      // the rest of the app is still there: another tab opens
      await offline.page.click('[data-tab=layers]');
      await offline.page.locator('.tab-body > *').first().waitFor();
      expect(await offline.page.locator('.tab-body [role=alert]').count()).toBe(0);
      // back online, the button reloads the page, and the panel opens
      await offline.page.click('[data-tab=report]');
      await offline.context.unroute(reportChunk);
      await Promise.all([offline.page.waitForEvent('load'), failure.locator('button').click()]);
      await allLoaded(offline);
      await offline.page.click('[data-tab=report]');
      await offline.page.locator('.tab-body .report-field[data-field=layout]').waitFor();
      expect(await offline.page.locator('.tab-body [role=alert]').count()).toBe(0);
      // the failed chunk was told in its tab, never thrown at the page
      expect(offline.pageErrors).toEqual([]);
    } finally {
      await offline.close();
    }
  });

  it('names the files in a notice when the import rules cannot be loaded', async () => {
    const offline = await openWithChunkLost(/\/import-inputs-[^/]*\.js$/);
    try {
      await offline.page.click('[data-tab=import]');
      const sites = { name: 'sites-offline.csv', mimeType: 'text/csv', buffer: Buffer.from('site_id,lon,lat\nS1,106.68,20.86\n') };
      await offline.page.setInputFiles('input[data-layer=sites]', sites);
      const notice = offline.page.locator('.notice').filter({ hasText: 'sites-offline.csv' });
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/Could not import sites-offline\.csv|Không nhập được sites-offline\.csv/);
      expect(offline.pageErrors).toEqual([]);
    } finally {
      await offline.close();
    }
  });
});
