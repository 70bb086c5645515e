/**
 * The worker thread's side of `runInThread` (run-in-thread.ts): imports the jobs module, runs the job asked for
 * and posts its intermediate values, then its result or its error. Started by scripts/thread-worker.mjs.
 */
import { parentPort, workerData, type Transferable } from 'node:worker_threads';
import { CliError } from './cli-error.ts';

/** What the host sends (`workerData`). */
export interface ThreadRequest {
  /** URL of the jobs module and the name of the job (one of its exports). */
  jobs: string;
  job: string;
  input: unknown;
  /** URL of this module, and whether it is TypeScript to be loaded through tsx (the bootstrap's business). */
  entry: string;
  tsx: boolean;
}

/** What the thread posts back: any number of partial values, then one result or one error. */
export type ThreadReply =
  | { kind: 'partial'; value: unknown }
  | { kind: 'result'; value: unknown }
  | { kind: 'error'; cliError: boolean; name: string; message: string; stack: string | undefined };

async function runRequest(request: ThreadRequest, post: (reply: ThreadReply, transfer?: Transferable[]) => void): Promise<void> {
  try {
    const jobs = (await import(request.jobs)) as Record<string, unknown>;
    const job = jobs[request.job];
    if (typeof job !== 'function') throw new Error(`no job '${request.job}' in ${request.jobs}`);
    const value: unknown = await job(request.input, (partial: unknown, transfer?: Transferable[]) => post({ kind: 'partial', value: partial }, transfer));
    post({ kind: 'result', value });
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    post({ kind: 'error', cliError: error instanceof CliError, name: error.name, message: error.message, stack: error.stack });
  }
}

if (parentPort !== null) {
  const port = parentPort;
  await runRequest(workerData as ThreadRequest, (reply, transfer) => port.postMessage(reply, transfer ?? []));
}
