/**
 * A nested worker of the engine worker: the partner of an analysis' interference sums (core/coverage/sums-partner.ts),
 * started by `sumsPartnerWorker`: one message per analysis, its input and the shared memory. The worker is kept
 * between analyses when it finished its share, so each message builds a new engine on the tables of the last.
 * Started by `warmSumsPartner` instead, its first message is a warm-up: the first analysis' tables, household tiles
 * and sums' memory, built ahead (warm-up.ts).
 */
import { serveSumsShare, warmSumsShare, type PartnerInput, type SharedSumsMemory } from '../core/coverage/sums-partner.ts';

export type ToSumsPartner = { warm: PartnerInput } | { partner: PartnerInput; memory: SharedSumsMemory };

self.onmessage = (event: MessageEvent<ToSumsPartner>) => {
  const message = event.data;
  if ('warm' in message) {
    try {
      warmSumsShare(message.warm);
    } catch {
      // a failed warm-up leaves the tables to the analysis, which meets the error there
    }
    return;
  }
  // an error marks the memory FAILED first: the host then sums every stripe itself
  serveSumsShare(message.partner, message.memory);
};
