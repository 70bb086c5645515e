/**
 * `npm run bench:browser` (also the second half of `npm run bench`): the app in Debian's Chromium on the production
 * build and the embedded dataset (issue 14's browser rows), offline, with playwright-core:
 * - start: wards painted (as the page marks it: the wards reply committed), wards on screen (the first frame after
 *   Leaflet drew them, measured from outside), all layers loaded (ms from navigation start), all layers on screen
 *   (the frame after the last drawing on the map's canvases: the page marks "all layers loaded" when the last
 *   reply is committed, before the map takes and draws it), over several fresh page loads;
 * - the 4G analysis: click on "run" → result drawn (the first frame after the panel shows it), over several runs;
 *   and the first analysis of fresh pages clicked 3 s after the layers (the worker's idle work done);
 * - renderer memory growth per analysis re-run: JS heap of the page and of the engine worker after a forced
 *   garbage collection (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage), first re-run to last;
 * - dragging a proposed site: each mouse move → the map and the statistics updated (median, p95). Measured from
 *   the outside: the time of each input event, of each `updateCells` request the page sends the worker, of each
 *   reply shown (the panel's `data-update-ms` changes) and of the next drawing of the analysis points canvas,
 *   then the first frame after both. An input's latency runs to the first update whose request left after it.
 *
 * Builds the app into a temp folder first (`vite build`), or takes `--dist DIR`; `--start-only` measures the start
 * rows only (to compare two builds' start), `--drag-only` the drag only (after one analysis run). Prints a table
 * and writes bench/out/browser.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { serveDirectory } from '../tests/browser/static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUT_DIR = 'bench/out';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    loads: { type: 'string', default: '3' },
    runs: { type: 'string', default: '5' },
    moves: { type: 'string', default: '60' },
    // only the start rows (wards painted, all layers loaded): for comparing two builds of the start path
    'start-only': { type: 'boolean', default: false },
    // only the drag (one analysis run before it): for comparing two builds of the drag path
    'drag-only': { type: 'boolean', default: false },
  },
});
const DRAG_ONLY = values['drag-only'];
const LOADS = DRAG_ONLY ? 0 : Number(values.loads);
const RUNS = DRAG_ONLY ? 1 : Number(values.runs);
const MOVES = Number(values.moves);
/** The first analysis of a fresh page, clicked this long after all layers are loaded, on this many pages. */
const FIRST_CLICK_AFTER_MS = 3000;
// 4, not 2: two pages a run left a 0.2 s difference within the noise (bench/HISTORY.md step 48)
const FIRST_CLICK_LOADS = 4;

const results: Record<string, number | string | number[] | Record<string, number | number[]>> = {};
const rows: Array<[string, string, string]> = [];
const log = (message: string): void => void process.stderr.write(`· ${message}\n`);
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const range = (values: number[], unit: string, digits = 0): string =>
  values.length === 0 ? '—' : `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)} ${unit}`;
const record = (label: string, value: string, target = ''): void => void rows.push([label, value, target]);

// ---- the production build
let dist = values.dist;
let buildDir: string | null = null;
if (dist === undefined) {
  buildDir = mkdtempSync(join(tmpdir(), 'phusong-bench-dist-'));
  dist = join(buildDir, 'dist');
  log(`building the app into ${dist}`);
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
}
if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing`);
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);

const server = await serveDirectory(dist);
// a browser server, so that its renderer processes can be found (their resident memory is read from /proc)
const browserServer = await chromium.launchServer({ executablePath: CHROMIUM });
const browser = await chromium.connect(browserServer.wsEndpoint());

/** Resident memory (MB) of the Chromium renderer processes under the browser (/proc, Linux). */
function rendererRssMb(): number {
  const root = browserServer.process().pid;
  if (root === undefined) return NaN;
  let total = 0;
  const visit = (pid: number): void => {
    let children: string[] = [];
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('--type=renderer')) {
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (rss !== null) total += Number(rss[1]) / 1024;
      }
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        children = children.concat(readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter((child) => child !== ''));
      }
    } catch {
      return;
    }
    for (const child of children) visit(Number(child));
  };
  visit(root);
  return total;
}

/** Timestamps the page records for the drag: input events, updateCells requests, updates shown, points drawn. */
interface DragTrace {
  inputs: number[];
  requests: number[];
  shown: number[];
  drawn: number[];
  frames: number[];
}

async function newPage(): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:') ? route.continue() : route.abort();
  });
  // records what the drag measurement needs (see the module comment), without touching the app's code
  await context.addInitScript(() => {
    const trace = { inputs: [] as number[], requests: [] as number[], shown: [] as number[], drawn: [] as number[], frames: [] as number[] };
    (window as unknown as { phusongTrace: typeof trace }).phusongTrace = trace;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      if ((message as { name?: string } | null)?.name === 'updateCells') trace.requests.push(performance.now());
      return (post as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
    // the wards on screen: the first drawing on the wards' canvas (Leaflet's overlay pane, where the wards come
    // first) and the frame after it; the page's own mark is set when the wards reply is committed, before that
    const start = { wardsFrameMs: NaN, wardsDrawn: false, lastDrawMs: NaN, lastDrawFrameMs: NaN };
    (window as unknown as { phusongStart: typeof start }).phusongStart = start;
    // all layers on screen: the frame after the last drawing on any of the map's canvases (read once the map has
    // drawn nothing for a second); no named functions in here: tsx would wrap them in a helper the page lacks
    const map: { drawn: ((canvas: HTMLCanvasElement) => void) | null } = { drawn: null };
    map.drawn = (canvas) => {
      if (canvas.closest('.leaflet-map-pane') === null) return;
      start.lastDrawMs = performance.now();
      requestAnimationFrame(() => (start.lastDrawFrameMs = performance.now()));
    };
    const stroke = CanvasRenderingContext2D.prototype.stroke;
    CanvasRenderingContext2D.prototype.stroke = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (!start.wardsDrawn && this.canvas.closest('.leaflet-overlay-pane') !== null) {
        start.wardsDrawn = true;
        requestAnimationFrame(() => (start.wardsFrameMs = performance.now()));
      }
      map.drawn!(this.canvas);
      return (stroke as (...a: unknown[]) => void).apply(this, args);
    } as typeof CanvasRenderingContext2D.prototype.stroke;
    const fill = CanvasRenderingContext2D.prototype.fill;
    CanvasRenderingContext2D.prototype.fill = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      map.drawn!(this.canvas);
      return (fill as (...a: unknown[]) => void).apply(this, args);
    } as typeof CanvasRenderingContext2D.prototype.fill;
    const put = CanvasRenderingContext2D.prototype.putImageData;
    CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (this.canvas.closest('.leaflet-analysis-points-pane') !== null) trace.drawn.push(performance.now());
      map.drawn!(this.canvas);
      return (put as (...a: unknown[]) => void).apply(this, args);
    } as typeof CanvasRenderingContext2D.prototype.putImageData;
    document.addEventListener('mousemove', (event) => {
      if (event.buttons !== 0) trace.inputs.push(event.timeStamp);
    }, { capture: true });
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const target = mutation.target as Element;
        if (mutation.attributeName === 'data-update-ms' && target.classList.contains('siting-panel')) {
          trace.shown.push(performance.now());
          requestAnimationFrame((frame) => trace.frames.push(frame));
        }
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-update-ms'] });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  return { page, cdp };
}

// ---- start: wards painted, all layers
const wardsMs: number[] = [];
const wardsOnScreenMs: number[] = [];
const allMs: number[] = [];
const allOnScreenMs: number[] = [];
for (let load = 0; load < LOADS; load++) {
  log(`page load ${load + 1}/${LOADS}`);
  const { page } = await newPage();
  await page.goto(server.url);
  await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
  const app = page.locator('.app');
  wardsMs.push(Number(await app.getAttribute('data-wards-visible-ms')));
  await page.waitForFunction(() => !Number.isNaN((window as unknown as { phusongStart: { wardsFrameMs: number } }).phusongStart.wardsFrameMs));
  wardsOnScreenMs.push(await page.evaluate(() => (window as unknown as { phusongStart: { wardsFrameMs: number } }).phusongStart.wardsFrameMs));
  allMs.push(Number(await app.getAttribute('data-all-loaded-ms')));
  await page.waitForFunction(() => {
    const { lastDrawMs, lastDrawFrameMs } = (window as unknown as { phusongStart: { lastDrawMs: number; lastDrawFrameMs: number } }).phusongStart;
    return performance.now() - lastDrawMs > 1000 && lastDrawFrameMs > lastDrawMs;
  }, undefined, { timeout: 60_000 });
  allOnScreenMs.push(await page.evaluate(() => (window as unknown as { phusongStart: { lastDrawFrameMs: number } }).phusongStart.lastDrawFrameMs));
  await page.context().close();
}
if (!DRAG_ONLY) {
  results.wardsPaintedMs = wardsMs;
  results.wardsOnScreenMs = wardsOnScreenMs;
  results.allLayersMs = allMs;
  results.allLayersOnScreenMs = allOnScreenMs;
  record(`wards painted (${LOADS} loads; committed)`, range(wardsMs, 'ms'), '≤ 500 ms');
  record(`wards on screen (${LOADS} loads; frame after drawn)`, range(wardsOnScreenMs, 'ms'), '≤ 500 ms');
  record(`all layers loaded (${LOADS} loads)`, range(allMs, 'ms'), '≤ 1,500 ms');
  record(`all layers on screen (${LOADS} loads; frame after the map's last drawing)`, range(allOnScreenMs, 'ms'), '≤ 1,500 ms');
}

if (values['start-only']) {
  await finish();
  process.exit(0);
}

// ---- the analysis, re-run: time click → result drawn, heap after each run
const { page, cdp } = await newPage();
await page.goto(server.url);
await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
await page.click('[data-tab=analysis]');

interface Heaps {
  /** JS heap in use plus array buffers' backing stores, MB, of the page and of the engine worker. */
  pageMb: number;
  workerMb: number;
  /** Resident memory of the renderer processes, MB. */
  rendererMb: number;
}

/** Memory after a full garbage collection in the page and the worker. */
async function heapsAfterGc(): Promise<Heaps> {
  await cdp.send('HeapProfiler.collectGarbage');
  const pageHeap = (await cdp.send('Runtime.getHeapUsage')) as HeapUsage;
  const workerMb = await workerHeapMb();
  return { pageMb: heapMb(pageHeap), workerMb, rendererMb: rendererRssMb() };
}

/** Runtime.getHeapUsage; `backingStorageSize` (array buffers) is reported by recent Chromium only. */
interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}
const heapMb = (usage: HeapUsage): number => (usage.usedSize + (usage.backingStorageSize ?? 0)) / 1e6;

/** The engine worker's heap through the page's CDP session (Target domain, non-flat session). */
let workerSession: string | null = null;
const pendingWorker = new Map<number, (result: unknown) => void>();
let nextWorkerMessage = 1;
cdp.on('Target.receivedMessageFromTarget', (event) => {
  const message = JSON.parse(event.message) as { id?: number; result?: unknown };
  if (message.id !== undefined) pendingWorker.get(message.id)?.(message.result);
});
cdp.on('Target.attachedToTarget', (event) => {
  if (event.targetInfo.type === 'worker') workerSession = event.sessionId;
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
function sendToWorker<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  const id = nextWorkerMessage++;
  return new Promise<T>((resolve) => {
    pendingWorker.set(id, (result) => resolve(result as T));
    void cdp.send('Target.sendMessageToTarget', { sessionId: workerSession!, message: JSON.stringify({ id, method, params }) });
  });
}
async function workerHeapMb(): Promise<number> {
  if (workerSession === null) return NaN;
  await sendToWorker('HeapProfiler.collectGarbage');
  return heapMb(await sendToWorker<HeapUsage>('Runtime.getHeapUsage'));
}

/** Clicks "run" in the analysis tab and resolves with the ms to the first frame after the panel shows the result. */
function runAnalysis(on: Page): Promise<number> {
  return on.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const panel = document.querySelector('.analysis-panel')!;
        const button = document.querySelector('[data-action=run-analysis]') as HTMLButtonElement;
        // the run's generation, not its time: two runs may take the same whole milliseconds (a run of the bench
        // waited for ever once)
        const previous = panel.getAttribute('data-analysis-generation');
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (panel.getAttribute('data-analysed') !== 'true' || panel.getAttribute('data-analysis-generation') === previous) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(panel, { attributes: true });
        button.click();
      }),
  );
}

const analysisMs: number[] = [];
const heaps: Heaps[] = [];
for (let run = 0; run < RUNS; run++) {
  log(`4G analysis ${run + 1}/${RUNS}`);
  analysisMs.push(await runAnalysis(page));
  await page.waitForTimeout(300);
  heaps.push(await heapsAfterGc());
}
if (!DRAG_ONLY) recordAnalysis();

// ---- the first analysis of a fresh page whose worker had idle time (a user looks at the map before running one):
// the fibre coverage and the link tables are then prepared (bench/HISTORY.md steps 43, 47); the runs above click at once
if (!DRAG_ONLY) {
  const firstAfterIdleMs: number[] = [];
  for (let load = 0; load < FIRST_CLICK_LOADS; load++) {
    log(`4G analysis, first click ${FIRST_CLICK_AFTER_MS} ms after the layers ${load + 1}/${FIRST_CLICK_LOADS}`);
    const fresh = await newPage();
    await fresh.page.goto(server.url);
    await fresh.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
    await fresh.page.click('[data-tab=analysis]');
    await fresh.page.waitForTimeout(FIRST_CLICK_AFTER_MS);
    firstAfterIdleMs.push(await runAnalysis(fresh.page));
    await fresh.page.context().close();
  }
  results.analysisFirstClickAfterIdleMs = firstAfterIdleMs;
  record(`4G analysis: first click, ${FIRST_CLICK_AFTER_MS / 1000} s after the layers (${FIRST_CLICK_LOADS} fresh pages)`, range(firstAfterIdleMs, 'ms'), '≤ 700 ms');
}

/** The analysis rows: click → drawn, heap and resident memory growth per re-run. */
function recordAnalysis(): void {
  results.analysisClickMs = analysisMs;
  results.heapsMb = heaps.map(({ pageMb, workerMb }) => Number((pageMb + workerMb).toFixed(1)));
  results.rendererRssMb = heaps.map(({ rendererMb }) => Number(rendererMb.toFixed(1)));
  // the first run allocates what every later run reuses: growth is counted from the first re-run
  const growth = (pick: (heap: Heaps) => number): number =>
    heaps.length < 3 ? NaN : (pick(heaps[heaps.length - 1]) - pick(heaps[1])) / (heaps.length - 2);
  const pageGrowth = growth((heap) => heap.pageMb);
  const workerGrowth = growth((heap) => heap.workerMb);
  const rendererGrowth = growth((heap) => heap.rendererMb);
  results.rendererRssGrowthMbPerRun = Number(rendererGrowth.toFixed(2));
  results.pageHeapGrowthMbPerRun = Number(pageGrowth.toFixed(2));
  results.workerHeapGrowthMbPerRun = Number(workerGrowth.toFixed(2));
  record(`4G analysis: click → result drawn (${RUNS} runs)`, range(analysisMs, 'ms'), '≤ 700 ms');
  record('renderer heap growth per re-run: page + worker', `${pageGrowth.toFixed(1)} + ${workerGrowth.toFixed(1)} MB`, '~0');
  record('renderer resident memory growth per re-run', `${rendererGrowth.toFixed(1)} MB`, '~0');
  record('after each run: page + worker heaps / renderer RSS, MB', heaps.map(({ pageMb, workerMb, rendererMb }) => `${(pageMb + workerMb).toFixed(0)}/${rendererMb.toFixed(0)}`).join(', '));
}

// ---- dragging a proposed site
log(`dragging a proposed site (${MOVES} moves)`);
await page.click('[data-tab=layers]');
await page.uncheck('[data-layer-toggle=sites]');
await page.uncheck('[data-layer-toggle=fibre]');
await page.click('[data-tab=siting]');
await page.click('[data-action=add-site]');
const box = await page.locator('.map').boundingBox();
if (box === null) throw new Error('the map has no box');
await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
await page.locator('.proposed-site-icon').first().waitFor();
await page.waitForTimeout(500);
const markerBox = await page.locator('.proposed-site-icon').first().boundingBox();
if (markerBox === null) throw new Error('the proposed site has no marker');
await page.evaluate(() => {
  const trace = (window as unknown as { phusongTrace: DragTrace }).phusongTrace;
  for (const list of Object.values(trace)) list.length = 0;
});
const x0 = markerBox.x + markerBox.width / 2;
const y0 = markerBox.y + markerBox.height / 2;
await page.mouse.move(x0, y0);
await page.mouse.down();
// a hand's drag: a move every ~16 ms (60 Hz pointer), a circle of 60 px radius
for (let step = 1; step <= MOVES; step++) {
  const angle = (step / MOVES) * 2 * Math.PI;
  await page.mouse.move(x0 + 60 * Math.sin(angle), y0 + 60 * (1 - Math.cos(angle)));
  await page.waitForTimeout(16);
}
await page.mouse.up();
await page.waitForTimeout(1500);
const trace = await page.evaluate(() => (window as unknown as { phusongTrace: DragTrace }).phusongTrace);
const dragMs: number[] = [];
const ownDrawMs: number[] = [];
// where each input's latency goes: waiting for its request (behind the update in flight), request → reply
// shown (worker and the page applying it), shown → points drawn, → the frame after both
const parts = { waitMs: [] as number[], workerAndApplyMs: [] as number[], drawMs: [] as number[], frameMs: [] as number[] };
for (const input of trace.inputs) {
  const request = trace.requests.find((time) => time >= input);
  if (request === undefined) continue;
  const shown = trace.shown.find((time) => time >= request);
  if (shown === undefined) continue;
  const drawn = trace.drawn.find((time) => time >= shown) ?? shown;
  const frame = trace.frames.find((time) => time >= Math.max(shown, drawn)) ?? Math.max(shown, drawn);
  dragMs.push(frame - input);
  // the same with a drawing counted only before the next update is shown: an update that recolours no point
  // draws nothing (ClassedPointLayer repaints only what changed), and is complete once shown
  const nextShown = trace.shown.find((time) => time > shown) ?? Infinity;
  const ownDrawn = drawn < nextShown ? drawn : shown;
  ownDrawMs.push((trace.frames.find((time) => time >= ownDrawn) ?? ownDrawn) - input);
  parts.waitMs.push(request - input);
  parts.workerAndApplyMs.push(shown - request);
  parts.drawMs.push(Math.max(shown, drawn) - shown);
  parts.frameMs.push(frame - Math.max(shown, drawn));
}
results.dragInputs = trace.inputs.length;
results.dragUpdates = trace.shown.length;
results.dragPointDraws = trace.drawn.length;
results.dragMedianMs = Number(percentile(dragMs, 50).toFixed(1));
results.dragP95Ms = Number(percentile(dragMs, 95).toFixed(1));
record(`drag a proposed site: input → updated, median (${trace.inputs.length} inputs, ${trace.shown.length} updates)`, `${percentile(dragMs, 50).toFixed(1)} ms`);
record('drag a proposed site: input → updated, p95', `${percentile(dragMs, 95).toFixed(1)} ms`, '≤ 16 ms');
results.dragOwnDrawMedianMs = Number(percentile(ownDrawMs, 50).toFixed(1));
results.dragOwnDrawP95Ms = Number(percentile(ownDrawMs, 95).toFixed(1));
record(
  'drag: the same, a drawing counted only before the next update shown: median, p95',
  `${percentile(ownDrawMs, 50).toFixed(1)}, ${percentile(ownDrawMs, 95).toFixed(1)} ms`,
);
results.dragMs = dragMs.map((ms) => Number(ms.toFixed(1)));
results.dragParts = Object.fromEntries(Object.entries(parts).map(([part, times]) => [part, times.map((ms) => Number(ms.toFixed(1)))]));
results.dragPartsMedianMs = Object.fromEntries(Object.entries(parts).map(([part, times]) => [part, Number(percentile(times, 50).toFixed(1))]));
record(
  'drag: medians of wait for request / request → shown / → drawn / → frame',
  Object.values(parts).map((times) => percentile(times, 50).toFixed(1)).join(' / ') + ' ms',
);

await finish();

/** Closes the browser and the server, prints the table and writes bench/out/browser.json. */
async function finish(): Promise<void> {
  await browser.close();
  await browserServer.close();
  await server.close();
  if (buildDir !== null) rmSync(buildDir, { recursive: true, force: true });

  // ---- report
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  process.stdout.write('phusong browser bench — embedded dataset, production build, Chromium\n');
  for (const [label, value, target] of rows) process.stdout.write(`${label.padEnd(width)}  ${value.padStart(valueWidth)}  ${target}\n`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'browser.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`written ${join(OUT_DIR, 'browser.json')}\n`);
}
