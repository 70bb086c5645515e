/**
 * The app's partner for the interference sums of an analysis (core/coverage/sums-partner.ts): a worker started by
 * the engine worker, so that a 4G/5G analysis sums on two cores. Shared memory needs a cross-origin isolated page
 * (the server's Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers, docs/security.md); without
 * it, or on one core, the engine worker sums alone, with the same results.
 *
 * A partner that had its servers is kept for the next analysis when the run ends (it finishes the stripe in hand
 * and takes no other): a re-run then neither loads the worker's modules again nor rebuilds the link-budget tables
 * its engine keeps (process-wide, as the engine worker's). One that failed, stalled or was still preparing (a run
 * cancelled before its sums) is terminated.
 */
import { PARTNER_MIN_HOUSEHOLDS, SharedSumsHost, sharedSumsMemory, type PartnerInput, type SumsPartner } from '../core/coverage/sums-partner.ts';
import type { ToSumsPartner } from './sums-partner.worker.ts';

/** The partner worker waiting for the next analysis, if any. */
let idleWorker: Worker | null = null;

/** Starts a partner for an analysis of `input`, or null where it cannot or should not (see the module comment). */
export function sumsPartnerWorker(input: PartnerInput): SumsPartner | null {
  if (!partnerWanted(input.households.length)) return null;
  const memory = sharedSumsMemory(input.households.length);
  const worker = idleWorker ?? partnerThread();
  idleWorker = null;
  worker.postMessage({ partner: input, memory } satisfies ToSumsPartner);
  return new SharedSumsHost(memory, (idle) => {
    if (idle && idleWorker === null) idleWorker = worker;
    else worker.terminate();
  });
}

/**
 * Starts the partner ahead of the first analysis of `input`, and has it build that analysis' link tables (~0.9 s of
 * CPU on the merged city), household tiles and sums' memory meanwhile (warm-up.ts): the analysis' partner then joins
 * the best-server pass at once instead of after them. Nothing where no partner would be started, or one waits already.
 */
export function warmSumsPartner(input: PartnerInput): void {
  if (!partnerWanted(input.households.length) || idleWorker !== null) return;
  idleWorker = partnerThread();
  idleWorker.postMessage({ warm: input } satisfies ToSumsPartner);
}

function partnerWanted(householdCount: number): boolean {
  return globalThis.crossOriginIsolated && navigator.hardwareConcurrency >= 2 && householdCount >= PARTNER_MIN_HOUSEHOLDS;
}

function partnerThread(): Worker {
  return new Worker(new URL('./sums-partner.worker.ts', import.meta.url), { type: 'module', name: 'phusong-sums' });
}
