/**
 * `npm run bench:browser` (also the second half of `npm run bench`): the app in Debian's Chromium on the production
 * build and the embedded dataset (issue 14's browser rows), offline, with playwright-core:
 * - start: wards painted (as the page marks it: the wards reply committed), wards on screen (the first frame after
 *   Leaflet drew them, measured from outside), all layers loaded (ms from navigation start), all layers on screen
 *   (the frame after the last drawing on the map's canvases: the page marks "all layers loaded" when the last
 *   reply is committed, before the map takes and draws it), over several fresh page loads, with the page's main
 *   thread's long tasks around the wards' first drawing (the reason printed when the row misses);
 * - the 4G analysis: click on "run" → result drawn (the first frame after the panel shows it), over several runs;
 *   and the first analysis of fresh pages whose analysis tab was opened and left 3 s after the layers (the worker's
 *   idle work done: its preparation, then the run the tab offers, computed ahead);
 * - renderer memory growth per analysis re-run: JS heap of the page and of the engine worker after a forced
 *   garbage collection (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage), first re-run to last;
 * - adding the proposed site, the first edit after the analyses: its click → the first frame after its result is
 *   shown (the panel's `data-update-ms` changes);
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
import { atMost, BenchTable, type Target } from './bench-table.ts';

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
const table = new BenchTable();
const log = (message: string): void => void process.stderr.write(`· ${message}\n`);
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const range = (values: number[], unit: string, digits = 0): string =>
  values.length === 0 ? '—' : `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)} ${unit}`;
const record = (label: string, value: string, target?: Target, measured: readonly number[] = []): void => table.row(label, value, target, measured);
const median = (values: number[]): number => percentile(values, 50);

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
const chromiumVersion = browser.version();
results.chromium = chromiumVersion;

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

/**
 * A page load's start, ms from navigation: when the page's HTML and first script came, when the engine worker
 * started, and when each data file was requested and arrived (fetched by the page or by the worker).
 */
interface StartTimings {
  /** The page's HTML arrived; its first script was requested, and arrived. */
  documentMs: number;
  scriptRequestedMs: number;
  scriptMs: number;
  startedMs: number;
  requestedMs: Record<string, number>;
  arrivedMs: Record<string, number>;
}

/** `StartTimings` from the resource timing of the page and its engine worker, on the page's clock (each has its own time origin). */
async function startTimings(page: Page): Promise<StartTimings> {
  const timing = (): { origin: number; entries: Array<[string, number, number]> } => ({
    origin: performance.timeOrigin,
    entries: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => [entry.name, entry.fetchStart, entry.responseEnd] as [string, number, number]),
  });
  const inPage = await page.evaluate(timing);
  const documentMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd);
  const scripts = inPage.entries.filter(([url]) => url.endsWith('.js'));
  const first = scripts.reduce((earliest, entry) => (entry[1] < earliest[1] ? entry : earliest), scripts[0] ?? ['', NaN, NaN]);
  const worker = page.workers().find((candidate) => candidate.url().includes('engine'));
  const inWorker = worker === undefined ? null : await worker.evaluate(timing);
  const requestedMs: Record<string, number> = {};
  const arrivedMs: Record<string, number> = {};
  for (const { origin, entries } of inWorker === null ? [inPage] : [inPage, inWorker]) {
    for (const [url, start, end] of entries) {
      // the build's content hash dropped: "households.bin-CcN7UYaZ.gz" → "households.bin.gz"
      const file = new URL(url).pathname.split('/').pop()!.replace(/-[\w-]{8}(?=\.\w+$)/, '');
      if (/\.(js|css|woff2?)$/.test(file)) continue;
      requestedMs[file] = origin + start - inPage.origin;
      arrivedMs[file] = origin + end - inPage.origin;
    }
  }
  return { documentMs, scriptRequestedMs: first[1], scriptMs: first[2], startedMs: inWorker === null ? NaN : inWorker.origin - inPage.origin, requestedMs, arrivedMs };
}

/** The median over the loads of a figure (NaN where a load lacks it), whole ms. */
const medianOf = (loads: StartTimings[], figure: (load: StartTimings) => number | undefined): number =>
  Math.round(median(loads.map((load) => figure(load) ?? NaN)));

/** The data files of any load, by median arrival. */
function fetchedFiles(loads: StartTimings[]): string[] {
  const files = [...new Set(loads.flatMap((load) => Object.keys(load.arrivedMs)))];
  const arrival = (file: string): number => median(loads.map((load) => load.arrivedMs[file] ?? Infinity));
  return files.sort((a, b) => arrival(a) - arrival(b));
}

/**
 * "The page's HTML arrives at …, the engine worker starts at …; data files requested → arrived …" (medians over the
 * loads): the first `count` files that `keep` selects by name and median arrival (ms).
 */
function fetchesWhy(loads: StartTimings[], keep: (file: string, arrivedMs: number) => boolean, count = Infinity): string {
  const arrivals = fetchedFiles(loads)
    .filter((file) => keep(file, medianOf(loads, (load) => load.arrivedMs[file])))
    .slice(0, count)
    .map((file) => `${file} ${medianOf(loads, (load) => load.requestedMs[file])} → ${medianOf(loads, (load) => load.arrivedMs[file])}`);
  return (
    `the page's HTML arrives at ${medianOf(loads, (load) => load.documentMs)} ms, Chromium requests its first script at ` +
    `${medianOf(loads, (load) => load.scriptRequestedMs)} ms (arrived ${medianOf(loads, (load) => load.scriptMs)} ms), ` +
    `the engine worker starts at ${medianOf(loads, (load) => load.startedMs)} ms; data files requested → arrived (ms, medians): ${arrivals.join(', ')}`
  );
}

/** Timestamps the page records for the drag: input events, updateCells requests, updates shown, points drawn. */
interface DragTrace {
  /** Clicks (the one adding the proposed site), then the drag's inputs. */
  clicks: number[];
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
    const trace = { clicks: [] as number[], inputs: [] as number[], requests: [] as number[], shown: [] as number[], drawn: [] as number[], frames: [] as number[] };
    (window as unknown as { phusongTrace: typeof trace }).phusongTrace = trace;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      if ((message as { name?: string } | null)?.name === 'updateCells') trace.requests.push(performance.now());
      return (post as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
    // the wards on screen: the first drawing on the wards' canvas (Leaflet's overlay pane, where the wards come
    // first) and the frame after it; the page's own mark is set when the wards reply is committed, before that
    const start = { wardsDrawnMs: NaN, wardsFrameMs: NaN, wardsDrawn: false, lastDrawMs: NaN, lastDrawFrameMs: NaN, longTasks: [] as Array<[number, number]> };
    (window as unknown as { phusongStart: typeof start }).phusongStart = start;
    // the page's main thread's long tasks (start, end), for what holds the wards' frame
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) start.longTasks.push([entry.startTime, entry.startTime + entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
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
        start.wardsDrawnMs = performance.now();
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
    document.addEventListener('click', (event) => trace.clicks.push(event.timeStamp), { capture: true });
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
/** Per load, the page's main thread's time in long tasks in the half second before the wards' first drawing, and from it to the frame after. */
const wardsBusyBeforeMs: number[] = [];
const wardsBusyAfterMs: number[] = [];
const allMs: number[] = [];
const allOnScreenMs: number[] = [];
/** Per load, its start (see `StartTimings`). */
const loadTimings: StartTimings[] = [];
for (let load = 0; load < LOADS; load++) {
  log(`page load ${load + 1}/${LOADS}`);
  const { page } = await newPage();
  await page.goto(server.url);
  await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
  const app = page.locator('.app');
  wardsMs.push(Number(await app.getAttribute('data-wards-visible-ms')));
  await page.waitForFunction(() => !Number.isNaN((window as unknown as { phusongStart: { wardsFrameMs: number } }).phusongStart.wardsFrameMs));
  const wardsStart = await page.evaluate(() => (window as unknown as { phusongStart: { wardsDrawnMs: number; wardsFrameMs: number; longTasks: Array<[number, number]> } }).phusongStart);
  wardsOnScreenMs.push(wardsStart.wardsFrameMs);
  const busyWithin = (from: number, to: number): number =>
    wardsStart.longTasks.reduce((busy, [taskStart, taskEnd]) => busy + Math.max(0, Math.min(to, taskEnd) - Math.max(from, taskStart)), 0);
  wardsBusyBeforeMs.push(busyWithin(wardsStart.wardsDrawnMs - 500, wardsStart.wardsDrawnMs));
  wardsBusyAfterMs.push(busyWithin(wardsStart.wardsDrawnMs, wardsStart.wardsFrameMs));
  allMs.push(Number(await app.getAttribute('data-all-loaded-ms')));
  await page.waitForFunction(() => {
    const { lastDrawMs, lastDrawFrameMs } = (window as unknown as { phusongStart: { lastDrawMs: number; lastDrawFrameMs: number } }).phusongStart;
    return performance.now() - lastDrawMs > 1000 && lastDrawFrameMs > lastDrawMs;
  }, undefined, { timeout: 60_000 });
  allOnScreenMs.push(await page.evaluate(() => (window as unknown as { phusongStart: { lastDrawFrameMs: number } }).phusongStart.lastDrawFrameMs));
  loadTimings.push(await startTimings(page));
  await page.context().close();
}
if (!DRAG_ONLY) {
  results.wardsPaintedMs = wardsMs;
  results.wardsOnScreenMs = wardsOnScreenMs;
  results.wardsBusyBeforeMs = wardsBusyBeforeMs;
  results.wardsBusyAfterMs = wardsBusyAfterMs;
  results.allLayersMs = allMs;
  results.allLayersOnScreenMs = allOnScreenMs;
  results.dataFilesArrivedMs = Object.fromEntries(fetchedFiles(loadTimings).map((file) => [file, loadTimings.map((load) => load.arrivedMs[file] ?? NaN)]));
  const wardsWhy = (): string => `${fetchesWhy(loadTimings, (file) => file.includes('wards'), 1)}; the worker parses them and the page draws its reply`;
  const layersWhy = (): string => `${fetchesWhy(loadTimings, (file, ms) => !file.endsWith('.png') && ms <= median(allMs))}; each layer is parsed by the worker, then handed to the map`;
  record(`wards painted (${LOADS} loads; committed)`, range(wardsMs, 'ms'), atMost(500, 'ms', wardsWhy), wardsMs);
  const wardsOnScreenWhy = (): string =>
    `${wardsWhy()}: the page's main thread ran long tasks for ${Math.round(median(wardsBusyBeforeMs))} ms in the half second before ` +
    `the wards' first drawing (the reply's drawing among them: bench/HISTORY.md step 95) and ${Math.round(median(wardsBusyAfterMs))} ms from it to the frame after (medians)`;
  record(`wards on screen (${LOADS} loads; frame after drawn)`, range(wardsOnScreenMs, 'ms'), atMost(500, 'ms', wardsOnScreenWhy), wardsOnScreenMs);
  record(`all layers loaded (${LOADS} loads)`, range(allMs, 'ms'), atMost(1500, 'ms', layersWhy), allMs);
  record(`all layers on screen (${LOADS} loads; frame after the map's last drawing)`, range(allOnScreenMs, 'ms'), atMost(1500, 'ms', layersWhy), allOnScreenMs);
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

/**
 * One analysis: click → the first frame after the panel shows the result, and the worker's own time in it; then
 * click → the first frame after the weak-signal zones, which the app outlines after showing the result.
 */
interface AnalysisRun {
  clickMs: number;
  workerMs: number;
  zonesMs: number;
  /** How much of it the worker had computed in idle time before the click: 'none', 'part' or 'whole'. */
  computedAhead: string;
}

/** Clicks "run" in the analysis tab and resolves when the panel's result and then its zones are on screen. */
function runAnalysis(on: Page): Promise<AnalysisRun> {
  return on.evaluate(
    () =>
      new Promise<AnalysisRun>((resolve) => {
        const panel = document.querySelector('.analysis-panel')!;
        const button = document.querySelector('[data-action=run-analysis]') as HTMLButtonElement;
        // the run's generation, not its time: two runs may take the same whole milliseconds (a run of the bench
        // waited for ever once)
        const previous = panel.getAttribute('data-analysis-generation');
        const started = performance.now();
        let result: Promise<{ clickMs: number; workerMs: number; computedAhead: string }> | null = null;
        const observer = new MutationObserver(() => {
          if (panel.getAttribute('data-analysed') !== 'true' || panel.getAttribute('data-analysis-generation') === previous) return;
          if (result === null) {
            const workerMs = Number(panel.getAttribute('data-worker-ms'));
            const computedAhead = panel.getAttribute('data-computed-ahead') ?? 'none';
            result = new Promise((shown) => requestAnimationFrame(() => shown({ clickMs: performance.now() - started, workerMs, computedAhead })));
          }
          if (panel.getAttribute('data-zones-status') === 'outlining') return;
          observer.disconnect();
          const shown = result;
          requestAnimationFrame(() => {
            const zonesMs = performance.now() - started;
            void shown.then((run) => resolve({ ...run, zonesMs }));
          });
        });
        observer.observe(panel, { attributes: true });
        button.click();
      }),
  );
}

const analysisRuns: AnalysisRun[] = [];

/** Why click → result misses 0.7 s: the worker's own share of it, and how many runs idle time had begun. */
function analysisWhy(runs: AnalysisRun[]): () => string {
  const ahead = (kind: string): number => runs.filter((run) => run.computedAhead === kind).length;
  return () =>
    `the engine worker's own work (preparation, best servers, interference sums with its partner, fibre reach, statistics) ` +
    `takes ${range(runs.map((run) => run.workerMs), 'ms')} of it; messages, React and drawing ` +
    `${range(runs.map((run) => run.clickMs - run.workerMs), 'ms')}; computed ahead in idle time: whole ${ahead('whole')}, ` +
    `part ${ahead('part')}, none ${ahead('none')} of ${runs.length} runs`;
}

const heaps: Heaps[] = [];
for (let run = 0; run < RUNS; run++) {
  log(`4G analysis ${run + 1}/${RUNS}`);
  analysisRuns.push(await runAnalysis(page));
  await page.waitForTimeout(300);
  heaps.push(await heapsAfterGc());
}
if (!DRAG_ONLY) recordAnalysis();

// ---- the first analysis of a fresh page whose worker had idle time (a user looks at the map before running one):
// the fibre coverage and the link tables are then prepared (bench/HISTORY.md steps 43, 47); the runs above click at once
if (!DRAG_ONLY) {
  const firstRuns: AnalysisRun[] = [];
  for (let load = 0; load < FIRST_CLICK_LOADS; load++) {
    log(`4G analysis, first click ${FIRST_CLICK_AFTER_MS} ms after the layers ${load + 1}/${FIRST_CLICK_LOADS}`);
    const fresh = await newPage();
    await fresh.page.goto(server.url);
    await fresh.page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
    await fresh.page.click('[data-tab=analysis]');
    await fresh.page.waitForTimeout(FIRST_CLICK_AFTER_MS);
    firstRuns.push(await runAnalysis(fresh.page));
    await fresh.page.context().close();
  }
  const firstClickMs = firstRuns.map((run) => run.clickMs);
  results.analysisFirstClickAfterIdleMs = firstClickMs;
  results.analysisFirstClickWorkerMs = firstRuns.map((run) => run.workerMs);
  results.analysisFirstClickComputedAhead = firstRuns.map((run) => run.computedAhead).join(' ');
  record(
    `4G analysis: first click, ${FIRST_CLICK_AFTER_MS / 1000} s after the layers (${FIRST_CLICK_LOADS} fresh pages)`,
    range(firstClickMs, 'ms'),
    atMost(700, 'ms', analysisWhy(firstRuns)),
    firstClickMs,
  );
  const firstZonesMs = firstRuns.map((run) => run.zonesMs);
  results.analysisFirstClickZonesMs = firstZonesMs;
  record(`4G analysis: that first click → weak-signal zones drawn`, range(firstZonesMs, 'ms'), undefined, firstZonesMs);
}

/** The analysis rows: click → drawn, heap and resident memory growth per re-run. */
function recordAnalysis(): void {
  const analysisMs = analysisRuns.map((run) => run.clickMs);
  results.analysisClickMs = analysisMs;
  results.analysisWorkerMs = analysisRuns.map((run) => run.workerMs);
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
  record(`4G analysis: click → result drawn (${RUNS} runs)`, range(analysisMs, 'ms'), atMost(700, 'ms', analysisWhy(analysisRuns)), analysisMs);
  const zonesMs = analysisRuns.map((run) => run.zonesMs);
  results.analysisZonesClickMs = zonesMs;
  record(`4G analysis: click → weak-signal zones drawn (outlined after the result)`, range(zonesMs, 'ms'), undefined, zonesMs);
  // "~0": under 1 MB a run, the size of one run's transient objects left to the next collection
  const heapsWhy = (): string => `the heaps after a forced collection grow ${pageGrowth.toFixed(1)} (page) + ${workerGrowth.toFixed(1)} (worker) MB a run`;
  const aboutZero = (why: () => string): Target => ({ label: '~0 (< 1 MB a run)', met: (value) => value < 1, why });
  record('renderer heap growth per re-run: page + worker', `${pageGrowth.toFixed(1)} + ${workerGrowth.toFixed(1)} MB`, aboutZero(heapsWhy), [pageGrowth + workerGrowth]);
  record(
    'renderer resident memory growth per re-run',
    `${rendererGrowth.toFixed(1)} MB`,
    aboutZero(() => `${heapsWhy()}: the resident size follows when Chromium gives freed memory back to the system, not the app's objects`),
    [rendererGrowth],
  );
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
/** The first frame the page recorded at or after `time` (the time itself when none came: the trace ended). */
const frameAfter = (trace: DragTrace, time: number): number => trace.frames.find((frame) => frame >= time) ?? time;
const clearTrace = (): Promise<void> =>
  page.evaluate(() => {
    const trace = (window as unknown as { phusongTrace: DragTrace }).phusongTrace;
    for (const list of Object.values(trace)) list.length = 0;
  });
// the session's first edit: the click adding the site → the frame after its result is shown
await clearTrace();
await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
await page.locator('.proposed-site-icon').first().waitFor();
await page.waitForTimeout(500);
const added = await page.evaluate(() => (window as unknown as { phusongTrace: DragTrace }).phusongTrace);
const addClick = added.clicks[added.clicks.length - 1];
const addShown = added.shown.find((time) => time >= addClick);
const addMs = addShown === undefined ? NaN : frameAfter(added, addShown) - addClick;
results.addSiteMs = Number(addMs.toFixed(1));
record("add a proposed site (the first edit after the analyses): click → result shown", `${addMs.toFixed(1)} ms`);
const markerBox = await page.locator('.proposed-site-icon').first().boundingBox();
if (markerBox === null) throw new Error('the proposed site has no marker');
await clearTrace();
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
/** Per input, whether the drawing counted for it came after the next update was shown (a later update's). */
const drawnByLaterUpdate: boolean[] = [];
for (const input of trace.inputs) {
  const request = trace.requests.find((time) => time >= input);
  if (request === undefined) continue;
  const shown = trace.shown.find((time) => time >= request);
  if (shown === undefined) continue;
  const drawn = trace.drawn.find((time) => time >= shown) ?? shown;
  const frame = frameAfter(trace, Math.max(shown, drawn));
  dragMs.push(frame - input);
  // the same with a drawing counted only before the next update is shown: an update that recolours no point
  // draws nothing (ClassedPointLayer repaints only what changed), and is complete once shown
  const nextShown = trace.shown.find((time) => time > shown) ?? Infinity;
  const ownDrawn = drawn < nextShown ? drawn : shown;
  ownDrawMs.push(frameAfter(trace, ownDrawn) - input);
  drawnByLaterUpdate.push(drawn >= nextShown);
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
const dragWhy = (): string => {
  const [wait, worker, draw, frame] = Object.values(parts).map((times) => percentile(times, 50).toFixed(1));
  // the inputs at or over the p95, by their place in the drag: the first ones wait for the drag's first update
  const p95 = percentile(dragMs, 95);
  const slowest = dragMs.flatMap((ms, k) => (ms >= p95 ? [k + 1] : []));
  const slowestByLater = slowest.filter((no) => drawnByLaterUpdate[no - 1]).length;
  return (
    `per input (medians): ${wait} ms until the page sends its update, ${worker} ms for the engine's edit and its reply shown, ${draw} ms drawing the points, ${frame} ms to the next frame; ` +
    `the inputs at or over the p95 are nos. ${slowest.join(', ')} of ${dragMs.length}, ${slowestByLater} of them counting the drawing of a later update ` +
    `(theirs recoloured no point: ${drawnByLaterUpdate.filter(Boolean).length} of ${dragMs.length} inputs in all); the first input's update took ` +
    `${parts.workerAndApplyMs[0]?.toFixed(1)} ms (engine's edit and reply shown)`
  );
};
record('drag a proposed site: input → updated, p95', `${percentile(dragMs, 95).toFixed(1)} ms`, atMost(16, 'ms', dragWhy), [percentile(dragMs, 95)]);
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
  table.print(`phusong browser bench — embedded dataset, production build, Chromium ${chromiumVersion}`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'browser.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`written ${join(OUT_DIR, 'browser.json')}\n`);
}
