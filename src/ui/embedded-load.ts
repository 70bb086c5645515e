/**
 * The embedded dataset's start: the engine worker, the downloads and the loads sent to the worker, begun by
 * main.tsx before the app's code is even downloaded (`startEmbeddedLoad`), and taken over by the first
 * `useDataset` (`takeEmbeddedLoad`), which commits the replies in order as they come.
 *
 * Each file goes to the worker as soon as it is downloaded and the ones before it were sent, never waiting for the
 * page: the worker reads the layers in EMBEDDED_FILES order (wards first) while the page renders and draws what it
 * has. A file marked `downloadedByWorker` (the households) goes as its URL, and the worker downloads it. A layer's
 * compact binary form (io/layer-binary.ts) is read when data/ has one; when it cannot be downloaded or the worker
 * refuses it (damaged, of another version), the text file is read instead (the load says why when the worker
 * downloaded or refused it).
 */
import { CancelledError, EngineClient } from '../worker/engine-client.ts';
import type { DatasetSnapshot, LoadResponse, ProgressStage } from '../worker/protocol.ts';
import { EMBEDDED_FILES, locateEmbeddedBinary, locateEmbeddedFile, type EmbeddedFile } from './embedded-dataset.ts';

export function createEngineWorker(): Worker {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'phusong-engine' });
}

/** A file of data/ the build does not hold (not generated yet). */
export class MissingFileError extends Error {
  constructor(readonly file: string) {
    super(`${file} is not in data/`);
  }
}

/** An embedded file ready to send to the worker: its bytes, or (`downloadedByWorker`) its URL. */
type FetchedFile = {
  file: string;
  /** The layer's compact binary form rather than its text file. */
  binary: boolean;
} & ({ bytes: ArrayBuffer } | { url: string });

/** What became of one embedded file: the worker's reply (and, when the binary form was refused, why), or the error. */
export type EmbeddedLoad =
  | { entry: EmbeddedFile; file: string; response: LoadResponse; fallback: { text: string; reason: string } | null }
  | { entry: EmbeddedFile; error: unknown };

/** Progress of the load of one embedded file. */
export type EmbeddedProgress = (file: string, stage: ProgressStage, fraction: number) => void;

/** What the early client calls, set by the `useDataset` that takes it over (until then: nothing to restore). */
export interface ClientHooks {
  snapshot: () => DatasetSnapshot;
  onRestart: () => void;
  onProgress: EmbeddedProgress;
}

async function fetchBytes(url: string, priority: RequestPriority): Promise<ArrayBuffer> {
  const response = await fetch(url, { priority });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * The wards are fetched first; the other layers at low priority, so that the app's code and the worker's script,
 * requested at the same time, are not kept waiting for a connection (six per host over HTTP/1.1) by megabytes of
 * households.
 */
const priorityOf = (entry: EmbeddedFile): RequestPriority => (entry.layer === 'wards' ? 'high' : 'low');

/** A bundled file's absolute URL: the worker resolves a relative one against its own script's. */
const absolute = (url: string): string => new URL(url, document.baseURI).href;

/** An embedded layer's text file; rejects with MissingFileError when data/ has none of its names. */
async function fetchEmbeddedText(entry: EmbeddedFile): Promise<FetchedFile> {
  const located = locateEmbeddedFile(entry);
  if (located === null) throw new MissingFileError(entry.candidates[0]);
  if (entry.downloadedByWorker === true) return { file: located.file, url: absolute(located.url), binary: false };
  return { file: located.file, bytes: await fetchBytes(located.url, priorityOf(entry)), binary: false };
}

/**
 * What the worker downloads of a `downloadedByWorker` layer: its binary form when data/ has one, else its text file;
 * null for the other layers (and when data/ has neither).
 */
function workerDownload(entry: EmbeddedFile): Extract<FetchedFile, { url: string }> | null {
  if (entry.downloadedByWorker !== true) return null;
  const binary = locateEmbeddedBinary(entry);
  if (binary !== null) return { file: binary.file, url: absolute(binary.url), binary: true };
  const text = locateEmbeddedFile(entry);
  return text === null ? null : { file: text.file, url: absolute(text.url), binary: false };
}

/** An embedded layer's binary form when data/ has one and it downloads, else its text file. */
async function fetchEmbeddedFile(entry: EmbeddedFile): Promise<FetchedFile> {
  const byWorker = workerDownload(entry);
  if (byWorker !== null) return byWorker;
  const binary = locateEmbeddedBinary(entry);
  if (binary !== null) {
    const bytes = await fetchBytes(binary.url, priorityOf(entry)).catch(() => null);
    if (bytes !== null) return { file: binary.file, bytes, binary: true };
  }
  return fetchEmbeddedText(entry);
}

/**
 * Sends one file to the worker; a binary form it refuses (or, downloaded by the worker, that does not download) is
 * replaced by the layer's text file.
 */
async function loadEmbeddedFile(client: EngineClient, entry: EmbeddedFile, fetched: FetchedFile, onProgress: EmbeddedProgress): Promise<EmbeddedLoad> {
  const send = (source: FetchedFile) =>
    client.request(
      'load',
      'url' in source ? { layer: entry.layer, file: source.file, url: source.url } : { layer: entry.layer, file: source.file, bytes: source.bytes },
      { transfer: 'bytes' in source ? [source.bytes] : [], onProgress: (stage, fraction) => onProgress(source.file, stage, fraction) },
    );
  if (!fetched.binary) return { entry, file: fetched.file, response: await send(fetched), fallback: null };
  try {
    return { entry, file: fetched.file, response: await send(fetched), fallback: null };
  } catch (error) {
    if (error instanceof CancelledError || !(error instanceof Error)) throw error;
    const text = await fetchEmbeddedText(entry);
    return { entry, file: text.file, response: await send(text), fallback: { text: text.file, reason: error.message } };
  }
}

/**
 * Downloads every embedded file at once and sends each to the worker in EMBEDDED_FILES order as soon as it is
 * there; one promise per file, in that order, that never rejects. The files the worker downloads itself are named
 * to it first (`prefetch`): their load requests reach it only once it has read the layers before them.
 */
export function sendEmbeddedFiles(client: EngineClient, onProgress: EmbeddedProgress): Array<Promise<EmbeddedLoad>> {
  for (const entry of EMBEDDED_FILES) {
    const byWorker = workerDownload(entry);
    if (byWorker !== null) client.prefetch(byWorker.url);
  }
  const downloads = EMBEDDED_FILES.map(fetchEmbeddedFile);
  downloads.forEach((download) => download.catch(() => undefined));
  let sent: Promise<unknown> = Promise.resolve();
  return EMBEDDED_FILES.map((entry, i) => {
    const fetched = sent.then(() => downloads[i]);
    const load = fetched.then((file) => loadEmbeddedFile(client, entry, file, onProgress));
    // the next file is sent once this one was (its request posted), not once it was answered
    sent = fetched.catch(() => undefined);
    return load.catch((error: unknown): EmbeddedLoad => ({ entry, error }));
  });
}

/** The client, its hooks and the loads begun by `startEmbeddedLoad`, until a `useDataset` takes them. */
let early: { client: EngineClient; hooks: ClientHooks; loads: Array<Promise<EmbeddedLoad>> } | null = null;

/** The loads begun by `startEmbeddedLoad`: the wards' and the other layers' (in EMBEDDED_FILES order). */
export interface EarlyLoads {
  wards: Promise<EmbeddedLoad>;
  others: Array<Promise<EmbeddedLoad>>;
}

/**
 * Starts the engine worker, the embedded downloads and their loads before the app's code is loaded (main.tsx), and
 * returns the loads (for the first paint: first-paint.ts), null when already started or data/ has no wards;
 * the first `useDataset` takes them over (a later one, e.g. StrictMode's second mount in development, starts its
 * own).
 */
export function startEmbeddedLoad(): EarlyLoads | null {
  if (early !== null) return null;
  const hooks: ClientHooks = {
    snapshot: () => ({ wards: [], land: null, cells: [], households: null, fibre: null, zones: null }),
    onRestart: () => undefined,
    onProgress: () => undefined,
  };
  const client = new EngineClient({ createWorker: createEngineWorker, snapshot: () => hooks.snapshot(), onRestart: () => hooks.onRestart() });
  early = { client, hooks, loads: sendEmbeddedFiles(client, (file, stage, fraction) => hooks.onProgress(file, stage, fraction)) };
  const wards = EMBEDDED_FILES.findIndex((entry) => entry.layer === 'wards');
  if (wards === -1) return null;
  return { wards: early.loads[wards], others: early.loads.filter((_, i) => i !== wards) };
}

/** The early start, once (null when none was made or it was taken). */
export function takeEmbeddedLoad(): typeof early {
  const taken = early;
  early = null;
  return taken;
}
