import { afterEach, describe, expect, it, vi } from 'vitest';
import { CANCEL_GRACE_MS, CancelledError, EngineClient } from '../../src/worker/engine-client.ts';
import type { DatasetSnapshot, FromWorker, ToWorker } from '../../src/worker/protocol.ts';

/** A worker that records what it is sent and answers only when the test says so. */
class FakeWorker {
  readonly sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;

  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const SNAPSHOT: DatasetSnapshot = { wards: [], land: null, cells: [], households: null, fibre: null, zones: null };

function setUp() {
  const workers: FakeWorker[] = [];
  let restarts = 0;
  const client = new EngineClient({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
    snapshot: () => SNAPSHOT,
    onRestart: () => restarts++,
  });
  return { client, workers, restarts: () => restarts };
}

describe('EngineClient restarts', () => {
  it('a cancel (the header bar during an import) replaces the worker, restores the data and reports the restart', async () => {
    const { client, workers, restarts } = setUp();
    const load = client.request('load', { layer: 'sites', file: 'sites.csv', bytes: new ArrayBuffer(4) });
    client.cancel();
    await expect(load).rejects.toBeInstanceOf(CancelledError);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].sent.map((message) => message.name)).toEqual(['restore']);
    expect(workers[1].sent[0].payload).toBe(SNAPSHOT);
    expect(restarts()).toBe(1);
  });

  it('a crash inside the worker is a restart too', async () => {
    const { client, workers, restarts } = setUp();
    const query = client.request('bestServerAt', { lon: 106.68, lat: 20.86 });
    workers[0].crash('out of memory');
    await expect(query).rejects.toThrow('out of memory');
    expect(workers).toHaveLength(2);
    expect(restarts()).toBe(1);
  });

  it('answered requests restart nothing', async () => {
    const { client, workers, restarts } = setUp();
    const restored = client.request('restore', SNAPSHOT);
    const id = workers[0].sent[0].id;
    workers[0].reply({ id, kind: 'done', name: 'restore', payload: { restored: true } });
    await expect(restored).resolves.toEqual({ restored: true });
    expect(workers).toHaveLength(1);
    expect(restarts()).toBe(0);
  });
});

describe('EngineClient cancels stepped work by message', () => {
  afterEach(() => vi.useRealTimers());

  it('stops a running analysis with a cancel message and keeps the worker and its data', async () => {
    vi.useFakeTimers();
    const { client, workers, restarts } = setUp();
    const analysis = client.request('analyse', { settings: {} as never, zones: true });
    const query = client.request('bestServerAt', { lon: 106.68, lat: 20.86 });
    client.cancel();
    await expect(analysis).rejects.toBeInstanceOf(CancelledError);
    await expect(query).rejects.toBeInstanceOf(CancelledError);
    // one message cancels both (every request with a smaller id), no restore is sent
    const [analyse, bestServer, cancel] = workers[0].sent;
    expect(cancel).toEqual({ id: 3, name: 'cancel', payload: null });
    expect(cancel.id).toBeGreaterThan(Math.max(analyse.id, bestServer.id));
    // the worker confirms at its next checkpoint: nothing is replaced, even after the grace period
    workers[0].reply({ id: analyse.id, kind: 'cancelled' });
    vi.advanceTimersByTime(CANCEL_GRACE_MS * 2);
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    expect(restarts()).toBe(0);
    // later requests go to the same worker
    const next = client.request('bestServerAt', { lon: 106.68, lat: 20.86 });
    const id = workers[0].sent.at(-1)!.id;
    workers[0].reply({ id, kind: 'done', name: 'bestServerAt', payload: { cellIndex: -1, rsrpDbm: -Infinity, cell: null, sinrDb: null, throughputMbps: null, serversWithin6Db: 0 } });
    await expect(next).resolves.toMatchObject({ cellIndex: -1 });
  });

  it('replaces a worker that does not confirm the cancel in time', async () => {
    vi.useFakeTimers();
    const { client, workers, restarts } = setUp();
    const plan = client.request('planFibre', { fibre: { maxDropM: 200, backbonePasses: false }, targetPct: 90, scope: 'ward', costs: { costPerMetreVnd: 1, connectionCostVnd: 1 }, kept: [] });
    client.cancel();
    await expect(plan).rejects.toBeInstanceOf(CancelledError);
    vi.advanceTimersByTime(CANCEL_GRACE_MS - 1);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].sent.map((message) => message.name)).toEqual(['restore']);
    expect(restarts()).toBe(1);
  });

  it('names a file to prefetch without a request awaiting an answer; drops the hint while a cancel is unconfirmed', async () => {
    vi.useFakeTimers();
    const { client, workers } = setUp();
    client.prefetch('https://example.org/households.bin.gz');
    expect(workers[0].sent).toEqual([{ id: 0, name: 'prefetch', payload: { url: 'https://example.org/households.bin.gz' } }]);
    expect(client.busy).toBe(false);
    const run = client.request('analyse', { settings: {} as never, zones: true });
    client.cancel();
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    client.prefetch('https://example.org/other.bin.gz');
    expect(workers[0].sent.map((message) => message.name)).toEqual(['prefetch', 'analyse', 'cancel']);
  });

  it('holds a run asked for before the cancel is confirmed, and sends it to the worker that confirms', async () => {
    vi.useFakeTimers();
    const { client, workers, restarts } = setUp();
    const first = client.request('analyse', { settings: {} as never, zones: true });
    client.cancel();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    const second = client.request('analyse', { settings: {} as never, zones: true });
    // not sent yet: the worker may still be replaced
    expect(workers[0].sent.map((message) => message.name)).toEqual(['analyse', 'cancel']);
    workers[0].reply({ id: workers[0].sent[0].id, kind: 'cancelled' });
    expect(workers[0].sent.map((message) => message.name)).toEqual(['analyse', 'cancel', 'analyse']);
    vi.advanceTimersByTime(CANCEL_GRACE_MS * 2);
    expect(workers).toHaveLength(1);
    expect(restarts()).toBe(0);
    const id = workers[0].sent[2].id;
    workers[0].reply({ id, kind: 'error', message: 'second run answered' });
    await expect(second).rejects.toThrow('second run answered');
  });

  it('a run asked for after a cancel the worker never confirms goes to its replacement, after the restore', async () => {
    vi.useFakeTimers();
    const { client, workers, restarts } = setUp();
    const first = client.request('analyse', { settings: {} as never, zones: true });
    client.cancel();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    const second = client.request('analyse', { settings: {} as never, zones: true });
    vi.advanceTimersByTime(CANCEL_GRACE_MS);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[0].sent.map((message) => message.name)).toEqual(['analyse', 'cancel']);
    expect(workers[1].sent.map((message) => message.name)).toEqual(['restore', 'analyse']);
    expect(restarts()).toBe(1);
    expect(client.busy).toBe(true);
    const id = workers[1].sent[1].id;
    workers[1].reply({ id, kind: 'error', message: 'answered by the new worker' });
    await expect(second).rejects.toThrow('answered by the new worker');
  });

  it('a second cancel drops the held run without sending it', async () => {
    vi.useFakeTimers();
    const { client, workers } = setUp();
    const first = client.request('analyse', { settings: {} as never, zones: true });
    client.cancel();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    const second = client.request('analyse', { settings: {} as never, zones: true });
    client.cancel();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    workers[0].reply({ id: workers[0].sent[0].id, kind: 'cancelled' });
    vi.advanceTimersByTime(CANCEL_GRACE_MS * 2);
    expect(workers).toHaveLength(1);
    expect(workers[0].sent.map((message) => message.name)).toEqual(['analyse', 'cancel']);
    expect(client.busy).toBe(false);
  });
});

describe('EngineClient withdraws one request', () => {
  const TARGETS = { targets: [], thresholdsDbm: { good: -100, fair: -110, weak: -120 }, extraCells: [], fibrePassed: null };
  const BEST_SERVER = { cellIndex: -1, rsrpDbm: -Infinity, cell: null, sinrDb: null, throughputMbps: null, serversWithin6Db: 0 };

  it('rejects it at once and tells the worker its id; the requests after it go on, its late answer is dropped', async () => {
    const { client, workers, restarts } = setUp();
    const withdraw = new AbortController();
    const evaluation = client.request('evaluateTargets', TARGETS, { signal: withdraw.signal });
    const query = client.request('bestServerAt', { lon: 106.68, lat: 20.86 });
    const [evaluate, bestServer] = workers[0].sent;
    withdraw.abort();
    await expect(evaluation).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0].sent.at(-1)).toEqual({ id: evaluate.id, name: 'withdraw', payload: null });
    // the worker still owes its answer: the client stays busy until it comes, and drops it
    expect(client.busy).toBe(true);
    workers[0].reply({ id: evaluate.id, kind: 'cancelled' });
    workers[0].reply({ id: bestServer.id, kind: 'done', name: 'bestServerAt', payload: BEST_SERVER });
    await expect(query).resolves.toMatchObject({ cellIndex: -1 });
    expect(client.busy).toBe(false);
    expect(workers).toHaveLength(1);
    expect(restarts()).toBe(0);
  });

  it('a request withdrawn while held behind an unconfirmed cancel is never sent', async () => {
    const { client, workers } = setUp();
    const analysis = client.request('analyse', { settings: {} as never, zones: true });
    client.cancel();
    await expect(analysis).rejects.toBeInstanceOf(CancelledError);
    const withdraw = new AbortController();
    const evaluation = client.request('evaluateTargets', TARGETS, { signal: withdraw.signal });
    const query = client.request('bestServerAt', { lon: 106.68, lat: 20.86 });
    withdraw.abort();
    await expect(evaluation).rejects.toBeInstanceOf(CancelledError);
    const sentBefore = workers[0].sent.length;
    workers[0].reply({ id: workers[0].sent[0].id, kind: 'cancelled' });
    // only the query follows the confirmation, no withdraw message either
    expect(workers[0].sent.slice(sentBefore).map((message) => message.name)).toEqual(['bestServerAt']);
    workers[0].reply({ id: workers[0].sent.at(-1)!.id, kind: 'done', name: 'bestServerAt', payload: BEST_SERVER });
    await expect(query).resolves.toMatchObject({ cellIndex: -1 });
    expect(client.busy).toBe(false);
  });

  it('a request whose signal is already aborted is not sent', async () => {
    const { client, workers } = setUp();
    const withdraw = new AbortController();
    withdraw.abort();
    await expect(client.request('evaluateTargets', TARGETS, { signal: withdraw.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0].sent).toEqual([]);
  });

  it('aborting after the answer changes nothing', async () => {
    const { client, workers } = setUp();
    const withdraw = new AbortController();
    const query = client.request('bestServerAt', { lon: 106.68, lat: 20.86 }, { signal: withdraw.signal });
    workers[0].reply({ id: workers[0].sent[0].id, kind: 'done', name: 'bestServerAt', payload: BEST_SERVER });
    await expect(query).resolves.toMatchObject({ cellIndex: -1 });
    withdraw.abort();
    expect(workers[0].sent.map((message) => message.name)).toEqual(['bestServerAt']);
  });
});
