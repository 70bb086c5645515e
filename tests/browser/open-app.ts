/**
 * Opens the production build (dist/) in Debian's Chromium, offline: served on 127.0.0.1, every request off this
 * machine aborted and recorded, page errors and console errors collected, downloads accepted. Shared by the
 * browser tests of the formats and the map tools.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { serveDirectory, type StaticServer } from './static-server.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_DIR = `${ROOT}tests/browser/screenshots`;
const DIST = `${ROOT}dist`;
const CHROMIUM = '/usr/bin/chromium';

export interface OpenApp {
  server: StaticServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
  /** Requests off this machine (aborted); basemap tiles are expected among them. */
  blockedUrls: string[];
  close(): Promise<void>;
}

/** Starts the server and the browser and opens a page at 1440×900 (not navigated yet). */
export async function openApp(viewport = { width: 1440, height: 900 }): Promise<OpenApp> {
  if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/index.html is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await serveDirectory(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const blockedUrls: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blockedUrls.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // a blocked basemap tile is the expected offline failure; anything else is a defect
    const source = message.location().url;
    if (message.text().startsWith('Failed to load resource') && !source.startsWith(server.url)) return;
    consoleErrors.push(`${message.text()} (${source})`);
  });
  return {
    server,
    browser,
    context,
    page,
    pageErrors,
    consoleErrors,
    blockedUrls,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Clicks `selector` and returns the file it downloads. */
export async function download(page: Page, selector: string): Promise<{ download: Download; bytes: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { download: event, bytes: readFileSync(await event.path()) };
}

/** Drops files onto the map, as a user dragging them from the file manager. */
export async function dropFiles(page: Page, files: ReadonlyArray<{ name: string; bytes: Buffer }>): Promise<void> {
  await page.evaluate(
    (list) => {
      const transfer = new DataTransfer();
      for (const { name, base64 } of list) {
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        transfer.items.add(new File([bytes], name));
      }
      const target = document.querySelector('.map-area');
      target?.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    files.map(({ name, bytes }) => ({ name, base64: bytes.toString('base64') })),
  );
}
