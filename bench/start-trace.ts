/**
 * `node --import tsx bench/start-trace.ts --dist DIR [--loads N]`: Chromium traces of the app's start (issue 14), read
 * for what wall time under load hides: each request's send, first byte and end; the engine worker's script compile
 * and top level; the page's main-thread work; when the wards are drawn on the map (not only committed). Prints one
 * block per load, times in ms from navigation start. Needs a built dist/ (`npm run build`).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveDirectory } from '../tests/browser/static-server.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, loads: { type: 'string', default: '1' }, save: { type: 'string' } } });

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args: { name?: string; data?: Record<string, unknown> };
}

const server = await serveDirectory(values.dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'loading', 'toplevel'];

for (let load = 0; load < Number(values.loads); load++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  await context.addInitScript(() => {
    // the first drawing on the wards' canvas (Leaflet's overlay pane), and the frame after it
    const marks = { wardsDrawnMs: NaN, wardsFrameMs: NaN };
    (window as unknown as { phusongStart: typeof marks }).phusongStart = marks;
    const stroke = CanvasRenderingContext2D.prototype.stroke;
    CanvasRenderingContext2D.prototype.stroke = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (Number.isNaN(marks.wardsDrawnMs) && this.canvas.closest('.leaflet-overlay-pane') !== null) {
        marks.wardsDrawnMs = performance.now();
        requestAnimationFrame(() => (marks.wardsFrameMs = performance.now()));
      }
      return (stroke as (...a: unknown[]) => void).apply(this, args);
    } as typeof CanvasRenderingContext2D.prototype.stroke;
  });
  const page = await context.newPage();
  await browser.startTracing(page, { categories });
  await page.goto(server.url);
  await page.waitForSelector('.app[data-all-loaded=true]', { timeout: 120_000 });
  await page.waitForFunction(() => !Number.isNaN((window as unknown as { phusongStart: { wardsFrameMs: number } }).phusongStart.wardsFrameMs));
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  if (values.save !== undefined) writeFileSync(`${values.save}-${load}.json`, JSON.stringify(trace));
  const app = page.locator('.app');
  const wardsMs = Number(await app.getAttribute('data-wards-visible-ms'));
  const allMs = Number(await app.getAttribute('data-all-loaded-ms'));
  const drawn = await page.evaluate(() => (window as unknown as { phusongStart: { wardsDrawnMs: number; wardsFrameMs: number } }).phusongStart);
  await context.close();

  const events = trace.traceEvents;
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, String(e.args.name));
  const mark = events.find((e) => e.name === 'phusong:wards-visible');
  if (mark === undefined) throw new Error('no phusong:wards-visible mark in the trace');
  const origin = mark.ts - wardsMs * 1000;
  const at = (ts: number): string => ((ts - origin) / 1000).toFixed(0);
  const page0 = `${mark.pid}`;

  console.log(`\n=== load ${load + 1}: wards mark ${wardsMs.toFixed(0)} ms, wards drawn ${drawn.wardsDrawnMs.toFixed(0)}, frame after ${drawn.wardsFrameMs.toFixed(0)}; all layers ${allMs.toFixed(0)} ms`);
  const requests = new Map<string, { url: string; send: number; response?: number; finish?: number }>();
  for (const e of events) {
    const data = e.args.data;
    if (data === undefined || typeof data.requestId !== 'string') continue;
    if (e.name === 'ResourceSendRequest') requests.set(data.requestId, { url: String(data.url), send: e.ts });
    const request = requests.get(data.requestId);
    if (request === undefined) continue;
    if (e.name === 'ResourceReceiveResponse') request.response ??= e.ts;
    if (e.name === 'ResourceFinish') request.finish = e.ts;
  }
  console.log('requests (send / first byte / end, ms):');
  for (const { url, send, response, finish } of [...requests.values()].sort((a, b) => a.send - b.send)) {
    const name = url.replace(/^.*\//, '').slice(0, 48);
    console.log(`  ${at(send).padStart(5)} ${(response === undefined ? '—' : at(response)).padStart(5)} ${(finish === undefined ? '—' : at(finish)).padStart(5)}  ${name}`);
  }
  const ended = (pattern: RegExp): string => {
    const request = [...requests.values()].find(({ url }) => pattern.test(url));
    return request?.finish === undefined ? '—' : at(request.finish);
  };
  const workerTids = [...threadName].filter(([key, name]) => key.startsWith(`${page0}:`) && /DedicatedWorker/.test(name)).map(([key]) => key);
  const onWorker = (name: string) => events.filter((e) => workerTids.includes(`${e.pid}:${e.tid}`) && e.name === name);
  const compile = onWorker('v8.compileModule').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  const evaluate = onWorker('v8.evaluateModule').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  const ms = (us: number | undefined): string => ((us ?? NaN) / 1000).toFixed(0);
  console.log(
    `summary: render-app end ${ended(/render-app-[^/]*\.js$/)}, wards file end ${ended(/wards_polygons[^/]*\.geojson$/)}, ` +
      `households end ${ended(/households\.bin/)}; worker compile ${compile === undefined ? '—' : `${at(compile.ts)} +${ms(compile.dur)}`}, ` +
      `top level ${evaluate === undefined ? '—' : `${at(evaluate.ts)} +${ms(evaluate.dur)}`}; wards mark ${wardsMs.toFixed(0)}, drawn ${drawn.wardsDrawnMs.toFixed(0)}, ` +
      `frame ${drawn.wardsFrameMs.toFixed(0)}; all ${allMs.toFixed(0)}`,
  );
  // what the page's main thread does between the wards' commit and their drawing
  const mainTids = [...threadName].filter(([key, name]) => key.startsWith(`${page0}:`) && /CrRendererMain/.test(name)).map(([key]) => key);
  const from = mark.ts;
  const to = origin + drawn.wardsDrawnMs * 1000;
  const byName = new Map<string, number>();
  for (const e of events) {
    if (!mainTids.includes(`${e.pid}:${e.tid}`) || e.ph !== 'X' || e.ts < from || e.ts > to) continue;
    if (!/^(Layout|UpdateLayoutTree|Paint|PrePaint|Commit|FunctionCall|RunMicrotasks|MinorGC|MajorGC|HandlePostMessage|FireAnimationFrame|v8.evaluateModule|ParseAuthorStyleSheet|RunTask)$/.test(e.name)) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  console.log(`page main, wards mark → drawn (${((to - from) / 1000).toFixed(0)} ms): ${[...byName].sort((a, b) => b[1] - a[1]).map(([name, dur]) => `${name} ${ms(dur)}`).join(', ')}`);
  // the worker's and the page's main thread: their long tasks, compile and run of scripts
  for (const [label, pattern] of [['engine worker', /DedicatedWorker/], ['page main', /CrRendererMain/]] as const) {
    const tids = [...threadName].filter(([key, name]) => key.startsWith(`${page0}:`) && pattern.test(name)).map(([key]) => key);
    const own = events.filter((e) => tids.includes(`${e.pid}:${e.tid}`) && e.ph === 'X' && (e.dur ?? 0) >= 8_000 && e.ts - origin < allMs * 1000 + 50_000);
    const top = own.filter((e) => !own.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0)));
    console.log(`${label} (${tids.length} thread(s)), tasks ≥ 8 ms [start +dur: what, inside]:`);
    for (const e of top) {
      const inner = own.filter((o) => o !== e && o.ts >= e.ts && o.ts + (o.dur ?? 0) <= e.ts + (e.dur ?? 0));
      const parts = inner.map((o) => `${o.name} ${((o.dur ?? 0) / 1000).toFixed(0)}`).slice(0, 6).join(', ');
      console.log(`  ${at(e.ts).padStart(5)} +${((e.dur ?? 0) / 1000).toFixed(0).padStart(4)}  ${e.name}${parts === '' ? '' : `: ${parts}`}`);
    }
  }
}
await browser.close();
await server.close();
