import { describe, expect, it } from 'vitest';
import { CancelledError, EngineClient } from '../../src/worker/engine-client.ts';
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

const SNAPSHOT: DatasetSnapshot = { wards: [], land: null, cells: [], households: null, fibre: null };

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
