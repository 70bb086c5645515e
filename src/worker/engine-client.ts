/**
 * The app's side of the engine worker: typed requests with progress callbacks and cancel.
 *
 * Parsers and the engine run synchronously inside the worker, so a cancel message could only be read after the
 * work it should stop. Cancelling therefore terminates the worker, rejects every pending request with
 * `CancelledError`, starts a fresh worker and restores the committed dataset into it (`snapshot()`).
 */
import { CancelledError } from '../core/cancelled-error.ts';
import type { DatasetSnapshot, FromWorker, ProgressStage, RequestName, RequestOf, ResponseOf, ToWorker } from './protocol.ts';

export { CancelledError };

export type ProgressListener = (stage: ProgressStage, fraction: number) => void;

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressListener;
}

export interface EngineClientOptions {
  /** Starts a worker (the app passes `new Worker(new URL('./engine.worker.ts', import.meta.url), …)`). */
  createWorker: () => Worker;
  /** The dataset the app has committed, given to a worker that replaces a terminated one. */
  snapshot: () => DatasetSnapshot;
  /**
   * Called once a fresh worker has replaced a terminated one (cancel or crash): it holds the committed dataset
   * but nothing computed on it (no analysis), so whatever the app kept from the old worker must be dropped.
   */
  onRestart?: () => void;
}

export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: EngineClientOptions) {
    this.worker = this.start();
  }

  /** Sends a request; `transfer` lists buffers handed over to the worker (they become unusable here). */
  request<N extends RequestName>(
    name: N,
    payload: RequestOf<N>,
    options: { transfer?: Transferable[]; onProgress?: ProgressListener } = {},
  ): Promise<ResponseOf<N>> {
    const id = this.nextId++;
    return new Promise<ResponseOf<N>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, onProgress: options.onProgress });
      this.worker.postMessage({ id, name, payload } as ToWorker, options.transfer ?? []);
    });
  }

  /** Whether any request is still running or queued. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Stops everything in flight (see the module comment); committed data stays as it was. */
  cancel(): void {
    this.restart(new CancelledError());
  }

  /** Terminates the worker for good. */
  dispose(): void {
    this.worker.terminate();
    this.failAll(new CancelledError());
  }

  private start(): Worker {
    const worker = this.options.createWorker();
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    worker.onerror = (event) => {
      // a crash inside the worker: fail what was asked and carry on with a fresh worker and the committed data
      event.preventDefault();
      this.restart(new Error(event.message || 'worker error'));
    };
    return worker;
  }

  /** Terminates the worker, fails what was asked with `error`, starts a fresh one with the committed data. */
  private restart(error: Error): void {
    this.worker.terminate();
    this.failAll(error);
    this.worker = this.start();
    this.request('restore', this.options.snapshot()).catch(() => undefined);
    this.options.onRestart?.();
  }

  private receive(message: FromWorker): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    if (message.kind === 'progress') {
      pending.onProgress?.(message.stage, message.fraction);
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'done') pending.resolve(message.payload as never);
    else pending.reject(new Error(message.message));
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(error);
  }
}
