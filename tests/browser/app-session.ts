/**
 * One app page for a browser test file, as a new user at 1440×900 sees it: the production build (dist/, or the
 * build named by PHUSONG_DIST, e.g. an older build to show a defect) served on 127.0.0.1 with its
 * Content-Security-Policy, Debian's Chromium, every non-local request aborted, page errors and console errors
 * collected. Helpers for what several files do: run the analysis, find a map pixel clear of cells and cables,
 * download a file, read a Vietnamese number.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { serveDirectory, type StaticServer } from './static-server.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
export const VIEWPORT = { width: 1440, height: 900 } as const;
/** Screenshots kept as artifacts (gitignored). */
export const SCREENSHOT_DIR = `${ROOT}tests/browser/screenshots`;

export interface AppSession {
  page: Page;
  /** Uncaught page errors and console errors of the app (blocked off-machine requests excepted). */
  errors: string[];
  close(): Promise<void>;
}

/** Opens the app and waits until every embedded layer is loaded. */
export async function openApp(): Promise<AppSession> {
  const dist = process.env.PHUSONG_DIST ?? `${ROOT}dist`;
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/index.html is missing: run \`npm run build\` first`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const server: StaticServer = await serveDirectory(dist);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    return route.abort();
  });
  await exposeMap(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url;
    if (message.text().startsWith('Failed to load resource') && !source.startsWith(server.url)) return;
    errors.push(`${message.text()} (${source})`);
  });
  await page.goto(server.url);
  await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
  return {
    page,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Keeps the app's Leaflet map as `window.phusongMap`, for tests that look at or steer the view (`setMapView`…). */
export async function exposeMap(context: BrowserContext): Promise<void> {
  // the UMD build sets window.L first
  await context.addInitScript(() => {
    let leaflet: unknown;
    Object.defineProperty(window, 'L', {
      configurable: true,
      get: () => leaflet,
      set(value: { Map: { addInitHook(hook: () => void): void } }) {
        leaflet = value;
        value.Map.addInitHook(function (this: unknown) {
          (window as unknown as { phusongMap: unknown }).phusongMap = this;
        });
      },
    });
  });
}

/** The app's map as `exposeMap` keeps it (only what the tests call). */
interface TestMap {
  setView(centre: [number, number], zoom: number, options: { animate: boolean }): void;
  fitBounds(bounds: [[number, number], [number, number]], options: { animate: boolean }): void;
  latLngToContainerPoint(latLng: [number, number]): { x: number; y: number };
  getZoom(): number;
  getSize(): { x: number; y: number };
}

/** Moves the map to a centre and zoom at once, and waits for the canvases to redraw. */
export async function setMapView(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(({ lon, lat, zoom }) => void (window as unknown as { phusongMap: TestMap }).phusongMap.setView([lat, lon], zoom, { animate: false }), { lon, lat, zoom });
  await page.waitForTimeout(500);
}

/** Screen (page) pixel of a point on the map. */
export async function screenPointOf(page: Page, lon: number, lat: number): Promise<[number, number]> {
  return page.evaluate(({ lon, lat }) => {
    const map = (window as unknown as { phusongMap: TestMap }).phusongMap;
    const point = map.latLngToContainerPoint([lat, lon]);
    const box = document.querySelector('.map')!.getBoundingClientRect();
    return [box.left + point.x, box.top + point.y] as [number, number];
  }, { lon, lat });
}

/** The map's zoom. */
export function mapZoom(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { phusongMap: TestMap }).phusongMap.getZoom());
}

/** The analysis panel once a run has ended: its result shown and its weak-signal zones outlined (they come after). */
export const ANALYSIS_COMPLETE = '.analysis-panel[data-analysed=true]:not([data-zones-status=outlining])';

/** Opens the analysis tab and runs the 4G analysis (all operators) unless a result is shown. */
export async function runAnalysis(page: Page): Promise<void> {
  await page.click('[data-tab=analysis]');
  if ((await page.getAttribute('.analysis-panel', 'data-analysed')) !== 'true') await page.click('[data-action=run-analysis]');
  await page.waitForSelector(ANALYSIS_COMPLETE, { timeout: 120_000 });
}

/**
 * Runs the analysis again from its tab and waits until it has ended: its result replaced the previous one (a new
 * `data-analysis-generation`; two runs may take the same whole milliseconds), its zones are outlined and the button
 * is free again.
 */
export async function rerunAnalysis(page: Page, timeoutMs: number): Promise<void> {
  await page.click('[data-tab=analysis]');
  const before = await page.getAttribute('.analysis-panel', 'data-analysis-generation');
  await page.click('[data-action=run-analysis]');
  await page.waitForFunction(
    (previous) =>
      document.querySelector('.analysis-panel')?.getAttribute('data-analysis-generation') !== previous &&
      document.querySelector('.analysis-panel')?.getAttribute('data-zones-status') !== 'outlining' &&
      document.querySelector('[data-action=run-analysis]')?.hasAttribute('disabled') === false,
    before,
    { timeout: timeoutMs },
  );
}

/** Clicks `selector` and returns the file it downloads. */
export async function download(page: Page, selector: string): Promise<{ download: Download; bytes: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { download: event, bytes: readFileSync(await event.path()) };
}

/** Vietnamese locale number ("12.345" or "12,5") → number. */
export function readVietnameseNumber(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.').replace(/[^\d.-]/g, ''));
}

/**
 * A screen point of the map where `wantedCanvas` is painted and neither the cells canvas (within `cellClearPx`)
 * nor the vector canvas of ward outlines nor the cables' canvas (within `vectorClearPx`) is, away from the map's
 * edges; null when there is none.
 */
export function clearMapPoint(
  page: Page,
  wantedCanvas: string,
  { cellClearPx = 14, vectorClearPx = 6 }: { cellClearPx?: number; vectorClearPx?: number } = {},
): Promise<[number, number] | null> {
  return page.evaluate(
    ({ wantedCanvas, cellClearPx, vectorClearPx }) => {
      const read = (selector: string) => {
        const canvas = document.querySelector(selector) as HTMLCanvasElement | null;
        if (canvas === null || canvas.width === 0) return null;
        const box = canvas.getBoundingClientRect();
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        return (x: number, y: number) => {
          const px = Math.round(((x - box.left) * canvas.width) / box.width);
          const py = Math.round(((y - box.top) * canvas.height) / box.height);
          if (px < 0 || py < 0 || px >= canvas.width || py >= canvas.height) return 0;
          return data[(py * canvas.width + px) * 4 + 3];
        };
      };
      const wanted = read(wantedCanvas);
      const cells = read('.leaflet-cells-pane canvas');
      const vector = read('.leaflet-overlay-pane canvas');
      const cables = read('.leaflet-fibre-pane canvas');
      const map = document.querySelector('.map')!.getBoundingClientRect();
      if (wanted === null) return null;
      const clear = (alpha: ((x: number, y: number) => number) | null, x: number, y: number, radius: number) => {
        if (alpha === null) return true;
        for (let dy = -radius; dy <= radius; dy += 2) for (let dx = -radius; dx <= radius; dx += 2) if (alpha(x + dx, y + dy) > 0) return false;
        return true;
      };
      for (let y = map.top + 140; y < map.bottom - 200; y += 5) {
        for (let x = map.left + 120; x < map.right - 120; x += 5) {
          if (wanted(x, y) > 0 && clear(cells, x, y, cellClearPx) && clear(vector, x, y, vectorClearPx) && clear(cables, x, y, vectorClearPx)) return [x, y] as [number, number];
        }
      }
      return null;
    },
    { wantedCanvas, cellClearPx, vectorClearPx },
  );
}
