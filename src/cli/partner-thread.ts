/**
 * The thread of a partner: a second thread that shares one computation with the main one (core/partner-control.ts;
 * the interference sums: sums-partner-thread.ts, a siting's coverage sets: coverage-sets-partner-thread.ts). The
 * partner only speeds the work up: when it fails, the host does its share and the results are the same, so its
 * failure is not an error of the command. It is told on stderr all the same, because the run takes longer.
 */
import { CancelledError } from '../core/cancelled-error.ts';
import { PartnerState, stateOf } from '../core/partner-control.ts';
import { runInThread, type RunInThreadOptions } from './run-in-thread.ts';

type PartnerJob = 'interferenceShare' | 'coverageSetsShare';

/**
 * Starts job `job` in a thread sharing `control` with the host, and returns what stops it; `until` (the command's
 * signal, `withThreadsStopped`) stops it too, when the command ends before its host has. A thread that failed is
 * not stopped: it ends by itself, and its error (on stderr, named by `work`) is not replaced by the stop's
 * cancellation.
 */
export function startPartnerThread<N extends PartnerJob>(
  job: N,
  input: Parameters<typeof runInThread<N>>[1],
  control: Int32Array,
  work: string,
  options: Pick<RunInThreadOptions<never>, 'transfer' | 'resourceLimits'> & { until?: AbortSignal } = {},
): () => void {
  const { until, ...threadOptions } = options;
  const stop = new AbortController();
  void runInThread(job, input, { ...threadOptions, signal: stop.signal, unref: true }).catch((error: unknown) => {
    if (!(error instanceof CancelledError)) process.stderr.write(partnerFailureNote(work, error));
  });
  const stopUnlessFailed = (): void => {
    if (stateOf(control) !== PartnerState.FAILED) stop.abort();
  };
  until?.addEventListener('abort', stopUnlessFailed, { once: true });
  return stopUnlessFailed;
}

/** What stderr says when the partner thread of `work` fails (an error of its own, not a stop by the host). */
export function partnerFailureNote(work: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `note: the second thread of ${work} failed (${reason}); the main thread did its share: same results, more time\n`;
}
