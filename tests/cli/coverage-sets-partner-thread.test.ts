/**
 * The CLI's partner thread for a siting's coverage sets (src/cli/coverage-sets-partner-thread.ts): the sets measured
 * with a real worker thread are one thread's, the thread having measured part of them.
 */
import { describe, expect, it, vi } from 'vitest';
import { coverageSetsPartnerThread, SETS_WORK } from '../../src/cli/coverage-sets-partner-thread.ts';
import { partnerFailureNote } from '../../src/cli/partner-thread.ts';
import { buildCoverageSets, type ChunkSets, type CoverageSets, type CoverageSetsPartner } from '../../src/core/siting/coverage-sets.ts';
import { PartnerState, sharedControl, stateOf } from '../../src/core/partner-control.ts';
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
    expectSameSets(shared, alone);
  }, 120_000);

  it('says on stderr when the thread fails, and the host alone gives the same sets', async () => {
    const town = sitingTown();
    const alone = buildCoverageSets(town);
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text) => (written.push(String(text)), true));
    let note = '';
    try {
      const shared = buildCoverageSets({
        ...town,
        partner: (input) => {
          // a partner is given every cell's environment resolved (withResolvedEnvironments): one left to resolve fails it
          const unresolved = { ...input, candidates: input.candidates.map((candidate) => ({ ...candidate, cells: candidate.cells.map((cell) => ({ ...cell, environment: null })) })) };
          const control = sharedControl();
          const thread = coverageSetsPartnerThread(unresolved, control) as CoverageSetsPartner;
          // the host runs once the thread has failed (it would otherwise be done before the thread had started)
          for (let ms = 0; stateOf(control) !== PartnerState.FAILED && ms < 60_000; ms += 10) Atomics.wait(control, 0, stateOf(control), 10);
          return thread;
        },
      });
      expectSameSets(shared, alone);
      note = partnerFailureNote(SETS_WORK, new Error('a partner thread resolves no environment: the host resolves every analysed cell’s'));
      for (let ms = 0; !written.includes(note) && ms < 30_000; ms += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      spy.mockRestore();
    }
    expect(written.filter((text) => text.startsWith('note: the second thread'))).toEqual([note]);
  }, 120_000);
});

function expectSameSets(shared: CoverageSets, alone: CoverageSets): void {
  expect(Array.from(shared.offsets)).toEqual(Array.from(alone.offsets));
  expect(Buffer.from(shared.elements.buffer, shared.elements.byteOffset, shared.elements.byteLength).equals(Buffer.from(alone.elements.buffer, alone.elements.byteOffset, alone.elements.byteLength))).toBe(true);
}
