/**
 * The CLI's partner for the interference sums of an analysis (core/coverage/sums-partner.ts): a worker thread
 * running job `interferenceShare`, so that a 4G/5G analysis sums on both cores. Passed to `analyse` as its
 * `sumsPartner` option by every command that analyses.
 */
import { availableParallelism } from 'node:os';
import { PARTNER_MIN_HOUSEHOLDS, SharedSumsHost, sharedSumsMemory, type PartnerInput, type SharedSumsMemory, type SumsPartner } from '../core/coverage/sums-partner.ts';
import { startPartnerThread } from './partner-thread.ts';

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
  // the thread's errors show in the memory (FAILED, or a stalled heartbeat): the host then sums its share itself
  const stop = startPartnerThread('interferenceShare', { partner: input, memory }, memory.control, SUMS_WORK, { resourceLimits: PARTNER_HEAP_LIMITS });
  return new SharedSumsHost(memory, stop);
}

/** The work of the partner, as its failure note names it. */
export const SUMS_WORK = 'the interference sums';
