/**
 * The engine worker's messaging: requests (protocol.ts) are decoded, handed to the `EngineSession` one at a
 * time in arrival order, and answered with transferred buffers and progress messages.
 *
 * Cancelling: a cancel message stops every request sent before it, a withdraw message one request. Requests still
 * queued are skipped; the running one, when it is one of the `STEPPED_REQUESTS`, runs in slices (`runStepsAsync`)
 * and between two slices gives way to the event loop, where the message is read, then stops at its next
 * checkpoint. The session keeps its data and its previous analysis. (A request without checkpoints, e.g. parsing
 * a file, cannot read the message: the client terminates such a worker and restores the data into a new one.)
 *
 * While no request waits, the worker does the session's idle work (`workWhileIdle`).
 */
import type { Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { CancelledError } from '../core/cancelled-error.ts';
import { isLayerBinary } from '../io/layer-binary.ts';
import { runStepsAsync, type StageProgress, type Steps } from '../core/steps.ts';
import { decodeBytes, decodeText } from './decode-bytes.ts';
import { EngineSession, type Progress, type Reply, type SessionSteps } from './engine-session.ts';
import { throttledProgress } from './throttled-progress.ts';
import { sumsPartnerWorker, warmSumsPartner } from './sums-partner-worker.ts';
import type { FromWorker, ImportFile, ProgressStage, RequestName, RequestOf, ResponseOf, ToWorker } from './protocol.ts';
import { errorMessage } from '../core/error-message.ts';

/** Work between two looks at the message queue, ms: the longest a cancel waits, and ≈ 1 % overhead per pause. */
const SLICE_MS = 50;
/** At most one progress message per stage in this time, ms: a progress bar needs no more. */
const PROGRESS_MS = 50;

const session = new EngineSession(sumsPartnerWorker, warmSumsPartner);

// the report writers (PDFKit, ExcelJS, Vega: most of the worker's code) are loaded on the first report request,
// so that the worker starts reading the embedded dataset without compiling them first
let reportWriters: Promise<typeof import('./report-files.ts')> | null = null;
const loadReportWritersOnce = (): Promise<typeof import('./report-files.ts')> => (reportWriters ??= import('./report-files.ts'));

// HiGHS (WebAssembly, MIT) is loaded on the first exact siting request only, its JavaScript too (a chunk of its
// own: 170 kB the worker need not compile before it reads the first file at start)
let highs: Promise<Highs> | null = null;
function loadHighsOnce(): Promise<Highs> {
  highs ??= import('highs').then(({ default: loadHighs }) => loadHighs({ locateFile: () => highsWasmUrl }));
  return highs;
}

/** Requests with an id below this were cancelled. */
let cancelledBelow = 0;
/** Requests withdrawn one by one (`WithdrawMessage`) and not finished yet. */
const withdrawn = new Set<number>();
/** The last request answered: requests are handled in id order, so a withdrawal of an id up to it came too late. */
let answeredThrough = 0;
const isCancelled = (id: number): boolean => id < cancelledBelow || withdrawn.has(id);

// a pause is one round through the event loop (a message to ourselves: no timer clamping), so queued messages run
const channel = new MessageChannel();
let wake: (() => void) | null = null;
channel.port1.onmessage = () => wake?.();
const pause = (): Promise<void> =>
  new Promise((resolve) => {
    wake = resolve;
    channel.port2.postMessage(null);
  });

/** What a handler gets besides its payload: progress, and a runner for stepped work that stops on a cancel. */
interface Job {
  progress: Progress;
  run<T>(steps: SessionSteps<T>): Promise<Reply<T>>;
}

type Handler<N extends RequestName> = (payload: RequestOf<N>, job: Job) => Promise<Reply<ResponseOf<N>>>;

/** Downloads begun by a `prefetch` message, by URL, until a load takes them. */
const prefetched = new Map<string, Promise<ArrayBuffer>>();

/** A load by URL, with its download begun when the request arrived (`self.onmessage`), or before by a prefetch. */
type LoadByUrl = Extract<RequestOf<'load'>, { url: string }> & { download?: Promise<ArrayBuffer> };

async function download(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download failed: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** `download` begun ahead of the load that awaits it, its failure left to that load (not an unhandled rejection). */
function beginDownload(url: string): Promise<ArrayBuffer> {
  const started = download(url);
  started.catch(() => undefined);
  return started;
}

const handlers: { [N in RequestName]: Handler<N> } = {
  load: async (payload, { progress }) => {
    progress('decompress', 0);
    const bytes = await decodeBytes('url' in payload ? await ((payload as LoadByUrl).download ?? download(payload.url)) : payload.bytes);
    // an embedded layer's compact binary form (io/layer-binary.ts): typed arrays, no text to parse
    if (isLayerBinary(bytes)) return session.loadBinary(payload.layer, bytes, progress);
    return session.load(payload, new TextDecoder('utf-8').decode(bytes), progress);
  },
  inspect: async ({ files, sheet }) => ({ value: await session.inspect(await inflateFiles(files), sheet), transfer: [] }),
  importLayer: async ({ layer, files, choices }, { progress }) => {
    progress('decompress', 0);
    return session.importFiles(layer, await inflateFiles(files), choices, progress);
  },
  restore: async (snapshot) => {
    session.restore(snapshot);
    return { value: { restored: true }, transfer: [] };
  },
  analyse: (payload, job) => job.run(session.analyseSteps(payload)),
  expectAnalysis: async (payload) => {
    session.expectAnalysis(payload);
    return { value: null, transfer: [] };
  },
  analysisZones: (_payload, job) => job.run(session.analysisZonesSteps()),
  updateCell: async ({ cellIndex, cell }) => session.updateCell(cellIndex, cell),
  updateCells: async ({ changes }) => session.updateCells(changes),
  setCells: async ({ cells }) => {
    session.setCells(cells);
    return { value: { cells: cells.length }, transfer: [] };
  },
  addCell: async ({ cell }) => session.addCell(cell),
  removeCell: async ({ cellIndex }) => session.removeCell(cellIndex),
  bestServerAt: async ({ lon, lat }) => session.bestServerAt(lon, lat),
  rsrpHeatmap: (_payload, job) => job.run(session.rsrpHeatmapSteps()),
  cellFootprint: async ({ cellIndex }) => session.cellFootprint(cellIndex),
  fibreReach: async (payload, { progress }) => session.fibreReach(payload, progress),
  planFibre: (payload, job) => job.run(session.planFibreSteps(payload)),
  planSites: async (payload, job) => job.run(session.planSitesSteps(payload, payload.exact ? await loadHighsOnce() : null)),
  evaluateProposals: async ({ file, bytes, choices }) => session.evaluateProposals(await inflateFiles([{ name: file, bytes }]), choices),
  loadLayouts: async ({ units2019, crosswalk }) =>
    session.loadLayouts(
      await Promise.all(units2019.map(async ({ file, bytes }) => ({ file, text: await decodeText(bytes) }))),
      { file: crosswalk.file, text: await decodeText(crosswalk.bytes) },
    ),
  setLayout: ({ layout }, job) => job.run(session.setLayoutSteps(layout)),
  compareLayouts: async () => session.compareLayouts(),
  evaluateTargets: (payload, job) => job.run(session.evaluateTargetsSteps(payload)),
  closeTarget: (payload, job) => job.run(session.closeTargetSteps(payload)),
  report: async (payload, job) => {
    const started = performance.now();
    const { value: document } = await job.run(documentReply(session.reportSteps(payload)));
    const { writeReport } = await loadReportWritersOnce();
    const { bytes, type } = await writeReport(document, payload.format, payload.fonts, (fraction) => job.progress('report', fraction));
    return { value: { bytes, type, timingMs: performance.now() - started }, transfer: [bytes.buffer as ArrayBuffer] };
  },
};

/** A user's files as bytes for readLayerFile, gzip inflated within the tab's limit (decode-bytes.ts). */
async function inflateFiles(files: readonly ImportFile[]): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  return Promise.all(files.map(async ({ name, bytes }) => ({ name, bytes: await decodeBytes(bytes) })));
}

/** Steps that end in a value, as the reply `Job.run` expects (nothing to transfer yet). */
function* documentReply<T>(steps: Steps<T, StageProgress<ProgressStage>>): SessionSteps<T> {
  return { value: yield* steps, transfer: [] };
}

function post(message: FromWorker, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

async function handle<N extends RequestName>({ id, name, payload }: { id: number; name: N; payload: RequestOf<N> }): Promise<void> {
  const progress = throttledProgress((stage, fraction) => post({ id, kind: 'progress', stage, fraction }), () => performance.now(), PROGRESS_MS);
  const job: Job = {
    progress,
    run: (steps) =>
      runStepsAsync(steps, {
        onProgress: ({ stage, fraction }) => progress(stage, fraction),
        isCancelled: () => isCancelled(id),
        pause,
        now: () => performance.now(),
        sliceMs: SLICE_MS,
      }),
  };
  try {
    if (isCancelled(id)) throw new CancelledError();
    const { value, transfer } = await (handlers[name] as Handler<N>)(payload, job);
    post({ id, kind: 'done', name, payload: value } as FromWorker, transfer);
  } catch (error) {
    if (error instanceof CancelledError) post({ id, kind: 'cancelled' });
    else post({ id, kind: 'error', message: errorMessage(error) });
  } finally {
    withdrawn.delete(id);
    answeredThrough = id;
  }
}

/** Requests received and not answered yet. */
let waiting = 0;

/**
 * While no request waits, the session's idle work (`EngineSession.idleSteps`: the fibre coverage, and what the first
 * analysis would otherwise build at its start), in slices; it stops at its next checkpoint when a request comes, and
 * goes on from there the next time the worker is idle.
 */
async function workWhileIdle(): Promise<void> {
  const steps = waiting === 0 ? session.idleSteps() : null;
  if (steps === null) return;
  // its errors are the next request's to meet (the work is done again for it)
  await runStepsAsync(steps, { isCancelled: () => waiting > 0, pause, now: () => performance.now(), sliceMs: SLICE_MS }).catch(() => undefined);
}

// one request at a time, in arrival order: each waits for the previous one; a cancel is read at once
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.name === 'cancel') {
    cancelledBelow = Math.max(cancelledBelow, message.id);
    return;
  }
  if (message.name === 'withdraw') {
    if (message.id > answeredThrough) withdrawn.add(message.id);
    return;
  }
  if (message.name === 'prefetch') {
    // the first message the page sends: the download overlaps the loads the worker reads before it is asked for
    prefetched.set(message.payload.url, beginDownload(message.payload.url));
    return;
  }
  if (message.name === 'load' && 'url' in message.payload) {
    // begun now, so that the download overlaps the requests queued before this one
    (message.payload as LoadByUrl).download = prefetched.get(message.payload.url) ?? beginDownload(message.payload.url);
    prefetched.delete(message.payload.url);
  }
  waiting++;
  queue = queue.then(async () => {
    await handle(message);
    waiting--;
    if (waiting === 0) queue = queue.then(workWhileIdle);
  });
};
