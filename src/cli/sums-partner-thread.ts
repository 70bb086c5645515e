/**
 * The CLI's partner for the interference sums of an analysis (core/coverage/sums-partner.ts): a worker thread
 * running job `interferenceShare`, so that a 4G/5G analysis sums on both cores. Passed to `analyse` as its
 * `sumsPartner` option by every command that analyses.
 */
import { availableParallelism } from 'node:os';
import { CancelledError } from '../core/cancelled-error.ts';
import { PartnerState, stateOf } from '../core/partner-control.ts';
import { PARTNER_MIN_HOUSEHOLDS, SharedSumsHost, sharedSumsMemory, type PartnerInput, type SharedSumsMemory, type SumsPartner } from '../core/coverage/sums-partner.ts';
import { runInThread } from './run-in-thread.ts';

/**
 * The partner's young generation: it allocates few short-lived objects (its work is in typed arrays), and V8's
 * default (two 16 MB semi-spaces, grown to while it prepares the cells) was a third of its memory.
 */
const PARTNER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Starts a partner thread for an analysis of `input`, or null when it has fewer than `minHouseholds` households
 * or the machine has one core. The memory the two share may be given (a test watching the thread).
 */
export function sumsPartnerThread(
  input: PartnerInput,
  minHouseholds = PARTNER_MIN_HOUSEHOLDS,
  memory: SharedSumsMemory = sharedSumsMemory(input.households.length),
): SumsPartner | null {
  // one core: the two would take turns
  if (input.households.length < minHouseholds || availableParallelism() < 2) return null;
  const stop = new AbortController();
  // the thread's errors show in the memory (FAILED, or a stalled heartbeat): the host then sums its share itself;
  // the results are the same, but the user is told why the run took longer
  void runInThread('interferenceShare', { partner: input, memory }, { signal: stop.signal, unref: true, resourceLimits: PARTNER_HEAP_LIMITS }).catch(
    (error: unknown) => {
      if (!(error instanceof CancelledError)) process.stderr.write(partnerFailureNote(error));
    },
  );
  // a thread that failed ends by itself, its error reported above; one stopped here reports nothing
  return new SharedSumsHost(memory, () => {
    if (stateOf(memory.control) !== PartnerState.FAILED) stop.abort();
  });
}

/** What stderr says when the partner thread fails (an error of its own, not a stop by the host). */
export function partnerFailureNote(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `note: the interference sums' second thread failed (${reason}); the main thread summed its share: same results, more time\n`;
}
