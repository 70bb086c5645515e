/**
 * The app's side of the engine worker: typed requests with progress callbacks and cancel.
 *
 * Cancelling rejects every pending request with `CancelledError` at once. What happens in the worker depends on
 * the request running there (the oldest pending one, since the worker takes them in order):
 * - one of the `STEPPED_REQUESTS` (analysis, fibre plan, siting) runs in slices and reads messages between them:
 *   a cancel message stops it at its next checkpoint and skips the requests queued behind it. The worker keeps
 *   its dataset and its previous analysis. Should it not confirm within `CANCEL_GRACE_MS` (a long step without
 *   checkpoints, e.g. the exact solver), it is replaced as below. Requests made while a cancel is unconfirmed
 *   (run again at once) are held here and sent once the worker confirms, or to the worker that replaces it: they
 *   are never lost with a terminated worker;
 * - any other (parsing a file: synchronous, it could read the message only once done) is stopped by terminating
 *   the worker; a fresh worker is started and the committed dataset restored into it (`snapshot()`).
 *
 * One request can also be withdrawn alone (its `signal` aborted: an evaluation no panel shows any more): it is
 * rejected at once, and the worker skips it if queued or stops it at its next checkpoint if it is a stepped request
 * running (a request without checkpoints runs to its end, its answer dropped); the others go on.
 */
import { CancelledError } from '../core/cancelled-error.ts';
import {
  STEPPED_REQUESTS,
  type DatasetSnapshot,
  type FromWorker,
  type ProgressStage,
  type RequestName,
  type RequestOf,
  type ResponseOf,
  type ToWorker,
} from './protocol.ts';

export { CancelledError };

export type ProgressListener = (stage: ProgressStage, fraction: number) => void;

export interface RequestOptions {
  /** Buffers handed over to the worker (they become unusable here). */
  transfer?: Transferable[];
  onProgress?: ProgressListener;
  /** Aborting it withdraws this request alone (see the module comment). */
  signal?: AbortSignal;
}

/** How long a cancelled stepped request may take to confirm before its worker is replaced, ms. */
export const CANCEL_GRACE_MS = 2000;

interface Pending {
  name: RequestName;
  /** Withdrawn (already rejected): the worker's answer, when it comes, is dropped. */
  withdrawn?: boolean;
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
   * Called once a fresh worker has replaced a terminated one (a cancel a message could not do, a crash): it holds
   * the committed dataset but nothing computed on it (no analysis), so whatever the app kept from the old worker
   * must be dropped.
   */
  onRestart?: () => void;
}

export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** A cancelled request the worker has not confirmed yet, and the timer that replaces the worker if it never does. */
  private unconfirmed: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  /** Requests made while a cancel is unconfirmed, in order: posted once it is confirmed or the worker replaced. */
  private held: Array<{ message: ToWorker; transfer: Transferable[] }> = [];

  constructor(private readonly options: EngineClientOptions) {
    this.worker = this.start();
  }

  /** Sends a request (see `RequestOptions`). */
  request<N extends RequestName>(
    name: N,
    payload: RequestOf<N>,
    options: RequestOptions = {},
  ): Promise<ResponseOf<N>> {
    const id = this.nextId++;
    return new Promise<ResponseOf<N>>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new CancelledError());
      this.pending.set(id, { name, resolve: resolve as (value: never) => void, reject, onProgress: options.onProgress });
      options.signal?.addEventListener('abort', () => this.withdraw(id), { once: true });
      const message = { id, name, payload } as ToWorker;
      // a worker that has not confirmed a cancel may be terminated: what it was sent would go with it
      if (this.unconfirmed !== null) this.held.push({ message, transfer: options.transfer ?? [] });
      else this.worker.postMessage(message, options.transfer ?? []);
    });
  }

  /**
   * Has the worker begin downloading `url`, which a later `load` request will name (`PrefetchMessage`): a hint,
   * dropped while a cancel is unconfirmed (the worker may be replaced).
   */
  prefetch(url: string): void {
    if (this.unconfirmed === null) this.worker.postMessage({ id: 0, name: 'prefetch', payload: { url } } satisfies ToWorker);
  }

  /** Withdraws request `id` alone (see the module comment). */
  private withdraw(id: number): void {
    const pending = this.pending.get(id);
    if (pending === undefined || pending.withdrawn === true) return;
    pending.withdrawn = true;
    pending.reject(new CancelledError());
    const held = this.held.findIndex(({ message }) => message.id === id);
    if (held >= 0) {
      // never sent: nothing to tell the worker
      this.held.splice(held, 1);
      this.pending.delete(id);
    } else this.worker.postMessage({ id, name: 'withdraw', payload: null } satisfies ToWorker);
  }

  /** Whether any request is still running or queued. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Stops everything in flight (see the module comment); committed data stays as it was. */
  cancel(): void {
    if (this.unconfirmed !== null) {
      // everything asked since the unconfirmed cancel is held here, never sent: dropping it is the whole cancel
      this.held = [];
      this.failAll(new CancelledError());
      return;
    }
    const running = Math.min(...this.pending.keys());
    const runningPending = this.pending.get(running);
    if (runningPending === undefined) return;
    if (!STEPPED_REQUESTS.has(runningPending.name)) {
      this.restart(new CancelledError());
      return;
    }
    this.worker.postMessage({ id: this.nextId++, name: 'cancel', payload: null } satisfies ToWorker);
    this.failAll(new CancelledError());
    this.clearUnconfirmed();
    this.unconfirmed = { id: running, timer: setTimeout(() => this.restart(new CancelledError()), CANCEL_GRACE_MS) };
  }

  /** Terminates the worker for good. */
  dispose(): void {
    this.clearUnconfirmed();
    this.held = [];
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

  /**
   * Terminates the worker, fails what it was sent with `error`, starts a fresh one with the committed data and
   * sends it the held requests (made after a cancel it never confirmed).
   */
  private restart(error: Error): void {
    this.clearUnconfirmed();
    this.worker.terminate();
    const held = this.held;
    this.held = [];
    const kept = new Map<number, Pending>();
    for (const { message } of held) {
      const pending = this.pending.get(message.id);
      if (pending !== undefined) kept.set(message.id, pending);
      this.pending.delete(message.id);
    }
    this.failAll(error);
    for (const [id, pending] of kept) this.pending.set(id, pending);
    this.worker = this.start();
    this.request('restore', this.options.snapshot()).catch(() => undefined);
    for (const { message, transfer } of held) this.worker.postMessage(message, transfer);
    this.options.onRestart?.();
  }

  private receive(message: FromWorker): void {
    // any final word on the cancelled request confirms the worker took the cancel (or finished first)
    if (message.kind !== 'progress' && message.id === this.unconfirmed?.id) this.confirmed();
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    if (pending.withdrawn === true) {
      if (message.kind !== 'progress') this.pending.delete(message.id);
      return;
    }
    if (message.kind === 'progress') {
      pending.onProgress?.(message.stage, message.fraction);
      return;
    }
    this.pending.delete(message.id);
    if (message.kind === 'done') pending.resolve(message.payload as never);
    else if (message.kind === 'cancelled') pending.reject(new CancelledError());
    else pending.reject(new Error(message.message));
  }

  /** The worker took the cancel: it stays, and what was asked meanwhile goes to it. */
  private confirmed(): void {
    this.clearUnconfirmed();
    const held = this.held;
    this.held = [];
    for (const { message, transfer } of held) this.worker.postMessage(message, transfer);
  }

  private clearUnconfirmed(): void {
    if (this.unconfirmed === null) return;
    clearTimeout(this.unconfirmed.timer);
    this.unconfirmed = null;
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(error);
  }
}
