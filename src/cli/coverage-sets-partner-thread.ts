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
import { runInThread } from './run-in-thread.ts';

/** Starts a partner thread for `input`, or null on a one-core machine. The control may be given (a test watching the thread). */
export function coverageSetsPartnerThread(input: CoverageSetsPartnerInput, control: Int32Array = sharedControl()): CoverageSetsPartner | null {
  // one core: the two would take turns
  if (availableParallelism() < 2) return null;
  const { port1, port2 } = new MessageChannel();
  const stop = new AbortController();
  // the thread's errors show in the control (FAILED, or a stalled heartbeat): the host then measures its share itself
  void runInThread('coverageSetsShare', { partner: input, control, port: port2 }, { signal: stop.signal, unref: true, transfer: [port2] }).catch(() => undefined);
  return new SharedSetsHost(
    control,
    () => receiveMessageOnPort(port1)?.message as ReadonlyMap<number, ChunkSets> | undefined,
    () => {
      stop.abort();
      port1.close();
    },
  );
}
