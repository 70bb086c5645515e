/**
 * The CLI's partner thread for a siting's coverage sets (src/cli/coverage-sets-partner-thread.ts): the sets measured
 * with a real worker thread are one thread's, the thread having measured part of them.
 */
import { describe, expect, it } from 'vitest';
import { coverageSetsPartnerThread } from '../../src/cli/coverage-sets-partner-thread.ts';
import { buildCoverageSets, type ChunkSets, type CoverageSetsPartner } from '../../src/core/siting/coverage-sets.ts';
import { sharedControl } from '../../src/core/partner-control.ts';
import { sitingTown } from '../helpers/siting-town.ts';

describe('coverageSetsPartnerThread', () => {
  it('measures part of the candidates in a worker thread, with the sets of one thread', () => {
    const town = sitingTown();
    const alone = buildCoverageSets(town);
    let fromThread: ReadonlyMap<number, ChunkSets> = new Map();
    const shared = buildCoverageSets({
      ...town,
      partner: (input) => {
        const control = sharedControl();
        const thread = coverageSetsPartnerThread(input, control) as CoverageSetsPartner;
        // the host starts once the thread works (its start, compiling the sources through tsx, takes longer than this town)
        for (let ms = 0; Atomics.load(control, 0) === 0 && ms < 60_000; ms += 10) Atomics.wait(control, 0, 0, 10);
        return {
          nextChunk: () => thread.nextChunk(),
          finish: () => (fromThread = thread.finish()),
          stop: () => thread.stop(),
        };
      },
    });
    expect(fromThread.size).toBeGreaterThan(0);
    expect(Array.from(shared.offsets)).toEqual(Array.from(alone.offsets));
    expect(Buffer.from(shared.elements.buffer, shared.elements.byteOffset, shared.elements.byteLength).equals(Buffer.from(alone.elements.buffer, alone.elements.byteOffset, alone.elements.byteLength))).toBe(true);
  }, 120_000);
});
