/**
 * Runs one core job in a Node worker thread, so a CLI command uses the machine's second core for work that does
 * not depend on what the main thread computes meanwhile (the report's fibre plans while the radio analysis runs).
 *
 * A job is a function exported by a jobs module (src/cli/thread-jobs.ts by default): `(input, emit) => result`.
 * Its input is sent to the thread by structured clone (typed arrays copied, not shared: the main thread goes on
 * using them); `emit(value, transfer?)` hands an intermediate result to the host as soon as it exists
 * (`onPartial`), the buffers listed in `transfer` moved rather than copied; the
 * result comes back the same way. An error thrown by the job becomes the same error on the host: a `CliError`
 * stays a `CliError` (exit code 2, one line), any other error is rethrown with the thread's stack (exit code 1,
 * "internal error"), as if the job had run in the main thread. Aborting `signal` terminates the thread and,
 * once it has stopped, rejects with a `CancelledError`: a command that fails before it needs the result stops its jobs with it.
 *
 * Compiled CLI: the thread runs dist-cli/thread-worker.mjs and dist-cli/thread-jobs.mjs (entries of the same
 * esbuild build, scripts/cli-build.mjs). From the TypeScript sources (tsx fallback, tests): the thread starts
 * through scripts/thread-worker.mjs, which registers tsx first, as scripts/phusong.mjs does for the main thread.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';
import { CancelledError } from '../core/cancelled-error.ts';
import { CliError } from './cli-error.ts';
import { PROJECT_ROOT } from './project-root.ts';
import type * as CliThreadJobs from './thread-jobs.ts';
import type { ThreadReply, ThreadRequest } from './thread-worker.ts';

/**
 * A job: computes its result from `input` in the thread; `emit` sends intermediate values to the host, moving the
 * buffers of `transfer` rather than copying them.
 */
export type ThreadJob<I, P, R> = (input: I, emit: (partial: P, transfer?: Transferable[]) => void) => R | Promise<R>;

/** The CLI's jobs by name (every export of thread-jobs.ts is one). */
type CliJobs = typeof CliThreadJobs;
/** What a job emits (never for a job without `emit`). */
type PartialOf<N extends keyof CliJobs> = Parameters<CliJobs[N]> extends [unknown, (partial: infer P) => void] ? P : never;

export interface RunInThreadOptions<P> {
  /** Gets each value the job emits, in order, before the result. */
  onPartial?: (partial: P) => void;
  /** Terminates the thread; once it has stopped, the promise rejects with a `CancelledError`. */
  signal?: AbortSignal;
  /** The thread does not keep the process alive (a helper whose host may finish without it). */
  unref?: boolean;
  /** Objects of the input moved to the thread rather than copied (a `MessagePort` must be). */
  transfer?: Transferable[];
  /** Limits of the thread's heap (node:worker_threads `ResourceLimits`). */
  resourceLimits?: ResourceLimits;
}

/**
 * Runs a command with a signal for the worker threads it starts (`RunInThreadOptions.signal`), aborted when the
 * command ends, however it ends: a failure of the main thread stops its threads too (a thread that has given its
 * result is not affected).
 */
export async function withThreadsStopped(command: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const threads = new AbortController();
  try {
    await command(threads.signal);
  } finally {
    threads.abort();
  }
}

/** The compiled CLI runs from dist-cli/*.mjs; the sources from src/cli/*.ts (tsx, vitest). */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const BOOTSTRAP = join(PROJECT_ROOT, 'scripts/thread-worker.mjs');

function moduleUrl(name: 'thread-worker' | 'thread-jobs'): string {
  return FROM_SOURCES ? new URL(`./${name}.ts`, import.meta.url).href : pathToFileURL(join(PROJECT_ROOT, 'dist-cli', `${name}.mjs`)).href;
}

/** The host's error for the error a job threw (see the module comment). */
function hostError(reply: Extract<ThreadReply, { kind: 'error' }>): Error {
  if (reply.cliError) return new CliError(reply.message);
  const error = new Error(reply.message);
  error.name = reply.name;
  error.stack = `${reply.stack ?? `${reply.name}: ${reply.message}`}\n    (in a worker thread)`;
  return error;
}

/**
 * Runs `job` of the CLI's jobs module (thread-jobs.ts) in a new worker thread; see the module comment.
 *
 * @example
 * const fibre = runInThread('fibreForReport', { wards, households, … }, { onPartial: (coverage) => … });
 * const { statistics, plans } = await fibre;
 */
export function runInThread<N extends keyof CliJobs>(
  job: N,
  input: Parameters<CliJobs[N]>[0],
  options?: RunInThreadOptions<PartialOf<N>>,
): Promise<Awaited<ReturnType<CliJobs[N]>>> {
  return runModuleJobInThread(moduleUrl('thread-jobs'), job, input, options as RunInThreadOptions<unknown>) as Promise<Awaited<ReturnType<CliJobs[N]>>>;
}

/**
 * `runInThread` for a job of any jobs module, given by its URL (a `.ts` module only when running from the sources).
 * The promise is marked handled: a command that fails before awaiting it does not also report its rejection.
 */
export function runModuleJobInThread(jobsUrl: string, job: string, input: unknown, options: RunInThreadOptions<unknown> = {}): Promise<unknown> {
  const request: ThreadRequest = { jobs: jobsUrl, job, input, tsx: FROM_SOURCES, entry: moduleUrl('thread-worker') };
  const result = new Promise<unknown>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new CancelledError());
    const worker = new Worker(BOOTSTRAP, { workerData: request, transferList: options.transfer, resourceLimits: options.resourceLimits });
    if (options.unref === true) worker.unref();
    let settled = false;
    let stopping = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      outcome();
    };
    // once aborted, nothing the thread does any more settles the promise
    const settle = (outcome: () => void): void => {
      if (!stopping) finish(outcome);
    };
    // rejects once the thread has stopped, not before: the caller may then remove what the thread was writing
    const abort = (): void => {
      stopping = true;
      const cancelled = (): void => finish(() => reject(new CancelledError()));
      worker.terminate().then(cancelled, cancelled);
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (reply: ThreadReply) => {
      if (reply.kind === 'partial') {
        if (!settled && !stopping) options.onPartial?.(reply.value);
      } else if (reply.kind === 'result') settle(() => resolve(reply.value));
      else settle(() => reject(hostError(reply)));
    });
    // the thread's own failures (its modules not loading, an uncaught error, running out of memory)
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('messageerror', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the worker thread of job '${job}' exited with code ${code} before its result`))));
  });
  result.catch(() => undefined);
  return result;
}
