/**
 * A nested worker of the engine worker: the partner of an analysis' interference sums (core/coverage/sums-partner.ts),
 * started by `sumsPartnerWorker`: one message per analysis, its input and the shared memory. The worker is kept
 * between analyses when it finished its share, so each message builds a new engine on the tables of the last.
 */
import { serveSumsShare, type PartnerInput, type SharedSumsMemory } from '../core/coverage/sums-partner.ts';

self.onmessage = (event: MessageEvent<{ partner: PartnerInput; memory: SharedSumsMemory }>) => {
  // an error marks the memory FAILED first: the host then sums every stripe itself
  serveSumsShare(event.data.partner, event.data.memory);
};
