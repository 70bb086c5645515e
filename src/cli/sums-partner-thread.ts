/**
 * The CLI's partner for the interference sums of an analysis (core/coverage/sums-partner.ts): a worker thread
 * running job `interferenceShare`, so that a 4G/5G analysis sums on both cores. Passed to `analyse` as its
 * `sumsPartner` option by every command that analyses.
 */
import { availableParallelism } from 'node:os';
import { isOfdmTechnology } from '../core/coverage/link-quality.ts';
import { PARTNER_MIN_HOUSEHOLDS, partnerInput, SharedSumsHost, sharedSumsMemory, type PartnerInput, type SharedSumsMemory, type SumsPartner } from '../core/coverage/sums-partner.ts';
import type { AnalysisSettings, Cell, HouseholdPoints } from '../core/model.ts';
import type { PlaceEnvironment } from '../core/resolve-environment.ts';
import { startPartnerThread } from './partner-thread.ts';

/**
 * The partner's young generation: it allocates few short-lived objects (its work is in typed arrays), and V8's
 * default (two 16 MB semi-spaces, grown to while it prepares the cells) was a third of its memory.
 */
const PARTNER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Starts a partner thread for an analysis of `input`, or null when it has fewer than `minHouseholds` households
 * or the machine has one core. The memory the two share may be given (a test watching the thread); `until`, the
 * command's signal, stops the thread when the command ends, if the analysis has not.
 */
export function sumsPartnerThread(
  input: PartnerInput,
  minHouseholds = PARTNER_MIN_HOUSEHOLDS,
  memory: SharedSumsMemory = sharedSumsMemory(input.households.length),
  until?: AbortSignal,
): SumsPartner | null {
  // one core: the two would take turns
  if (input.households.length < minHouseholds || availableParallelism() < 2) return null;
  // the thread's errors show in the memory (FAILED, or a stalled heartbeat): the host then sums its share itself
  const stop = startPartnerThread('interferenceShare', { partner: input, memory }, memory.control, SUMS_WORK, { resourceLimits: PARTNER_HEAP_LIMITS, until });
  return new SharedSumsHost(memory, stop);
}

/**
 * `sumsPartnerThread` for an analysis not begun yet, by a host with other work first (the ward assignment): the
 * thread's start and its own preparation (its tiles and tables) run meanwhile, and it joins the host's best-server
 * pass from its start. Null where the analysis sums no interference (2G/3G) or `sumsPartnerThread` starts none.
 * The analysis must be given the same `place` (`AnalysisInput.place`) and stops the partner when its sums end;
 * `until`, the command's signal, stops it however the command ends before (a failed assignment).
 */
export function sumsPartnerAhead(cells: readonly Cell[], households: HouseholdPoints, settings: AnalysisSettings, place: PlaceEnvironment, until: AbortSignal): SumsPartner | null {
  if (!isOfdmTechnology(settings.technology)) return null;
  const input = partnerInput(cells, households, settings, place);
  return sumsPartnerThread(input, PARTNER_MIN_HOUSEHOLDS, sharedSumsMemory(input.households.length), until);
}

/** The work of the partner, as its failure note names it. */
export const SUMS_WORK = 'the interference sums';
