/**
 * The CLI's partner for a siting's coverage sets (core/siting/coverage-sets-partner.ts): a worker thread running
 * job `coverageSetsShare`, so that the candidates of `plan-sites`, `targets` and `report` are measured on both
 * cores. Passed to the siting as its `setsPartner`.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { ChunkSets, CoverageSetsPartner, CoverageSetsPartnerInput } from '../core/siting/coverage-sets.ts';
import { sharedControl } from '../core/partner-control.ts';
import { SharedSetsHost } from '../core/siting/coverage-sets-partner.ts';
import { startPartnerThread } from './partner-thread.ts';

/** Starts a partner thread for `input`, or null on a one-core machine. The control may be given (a test watching the thread). */
export function coverageSetsPartnerThread(input: CoverageSetsPartnerInput, control: Int32Array = sharedControl()): CoverageSetsPartner | null {
  // one core: the two would take turns
  if (availableParallelism() < 2) return null;
  const { port1, port2 } = new MessageChannel();
  // the thread's errors show in the control (FAILED, or a stalled heartbeat): the host then measures its share itself
  const stop = startPartnerThread('coverageSetsShare', { partner: input, control, port: port2 }, control, SETS_WORK, { transfer: [port2] });
  return new SharedSetsHost(
    control,
    () => receiveMessageOnPort(port1)?.message as ReadonlyMap<number, ChunkSets> | undefined,
    () => {
      stop();
      port1.close();
    },
  );
}

/** The work of the partner, as its failure note names it. */
export const SETS_WORK = 'the siting’s candidates';
