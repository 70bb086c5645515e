/**
 * The engine worker's messaging: requests (protocol.ts) are decoded, handed to the `EngineSession` one at a
 * time in arrival order, and answered with transferred buffers and progress messages. Cancelling terminates
 * this worker (the client starts a new one and sends it a `restore`).
 */
import loadHighs, { type Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { decodeText } from './decode-bytes.ts';
import { EngineSession, type Progress, type Reply } from './engine-session.ts';
import type { FromWorker, RequestName, RequestOf, ResponseOf, ToWorker } from './protocol.ts';

const session = new EngineSession();

// HiGHS (WebAssembly, MIT) is loaded on the first exact siting request only
let highs: Promise<Highs> | null = null;
function loadHighsOnce(): Promise<Highs> {
  highs ??= loadHighs({ locateFile: () => highsWasmUrl });
  return highs;
}

type Handler<N extends RequestName> = (payload: RequestOf<N>, progress: Progress) => Promise<Reply<ResponseOf<N>>>;

const handlers: { [N in RequestName]: Handler<N> } = {
  load: async (payload, progress) => {
    progress('decompress', 0);
    return session.load(payload, await decodeText(payload.bytes), progress);
  },
  restore: async (snapshot) => {
    session.restore(snapshot);
    return { value: { restored: true }, transfer: [] };
  },
  analyse: async (payload, progress) => session.analyse(payload, progress),
  updateCell: async ({ cellIndex, cell }) => session.updateCell(cellIndex, cell),
  updateCells: async ({ changes }) => session.updateCells(changes),
  setCells: async ({ cells }) => {
    session.setCells(cells);
    return { value: { cells: cells.length }, transfer: [] };
  },
  addCell: async ({ cell }) => session.addCell(cell),
  removeCell: async ({ cellIndex }) => session.removeCell(cellIndex),
  bestServerAt: async ({ lon, lat }) => session.bestServerAt(lon, lat),
  fibreReach: async (payload, progress) => session.fibreReach(payload, progress),
  planFibre: async (payload, progress) => session.planFibre(payload, progress),
  planSites: async (payload, progress) => session.planSites(payload, progress, payload.exact ? await loadHighsOnce() : null),
  evaluateProposals: async ({ file, bytes }) => session.evaluateProposals(file, await decodeText(bytes)),
};

function post(message: FromWorker, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

async function handle<N extends RequestName>({ id, name, payload }: { id: number; name: N; payload: RequestOf<N> }): Promise<void> {
  const progress: Progress = (stage, fraction) => post({ id, kind: 'progress', stage, fraction });
  try {
    const { value, transfer } = await (handlers[name] as Handler<N>)(payload, progress);
    post({ id, kind: 'done', name, payload: value } as FromWorker, transfer);
  } catch (error) {
    post({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

// one request at a time, in arrival order: each waits for the previous one
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  queue = queue.then(() => handle(message));
};
