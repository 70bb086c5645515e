/**
 * The CLI's partner thread for the interference sums (src/cli/sums-partner-thread.ts): an engine whose best servers
 * and sums are shared with a real worker thread gives one thread's numbers bit for bit, the thread having settled
 * part of the tiles and summed part of the stripes.
 */
import { describe, expect, it, vi } from 'vitest';
import { indexWards } from '../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../src/core/coverage/coverage-engine.ts';
import { partnerInput, sharedSumsMemory, type SumsPartner } from '../../src/core/coverage/sums-partner.ts';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { PartnerState, stateOf } from '../../src/core/partner-control.ts';
import { PlaceEnvironment } from '../../src/core/resolve-environment.ts';
import { withSharedLocations } from '../../src/cli/shared-locations.ts';
import { partnerFailureNote } from '../../src/cli/partner-thread.ts';
import { SUMS_WORK, sumsPartnerThread } from '../../src/cli/sums-partner-thread.ts';
import { randomCity } from '../helpers/random-city.ts';

describe('sumsPartnerThread', () => {
  const { cells, points } = randomCity(12, 4000, 60);
  const place = new PlaceEnvironment(points, indexWards([]));

  // the CLI's datasets give the locations in shared memory (shared-locations.ts): the thread reads them, uncopied
  it.each([
    ['plain buffers', points],
    ['shared memory', withSharedLocations(points)],
  ])('sums part of a full run in a worker thread, with the numbers of one thread (locations in %s)', (_, households) => {
    const alone = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS }).run();
    const memory = sharedSumsMemory(points.length);
    const thread = sumsPartnerThread(partnerInput(cells, households, DEFAULT_SETTINGS, place), 0, memory) as SumsPartner;
    expect(thread).not.toBeNull();
    // the host takes its first stripe once the thread has taken one (its start takes longer than this small run)
    let waited = false;
    const nextStripe = (): number => {
      for (let ms = 0; !waited && Atomics.load(memory.control, 2) === 0 && ms < 60_000; ms += 10) Atomics.wait(memory.control, 0, 1, 10);
      waited = true;
      return thread.nextStripe();
    };
    // likewise the host's first tile of the best-server pass, once the thread has taken one
    let waitedTile = false;
    const nextTile = (): number => {
      // (sleeps 10 ms while the thread's state is PREPARING, the state it settles tiles in)
      for (let ms = 0; !waitedTile && Atomics.load(memory.tileControl, 0) === 0 && ms < 60_000; ms += 10) Atomics.wait(memory.control, 0, 0, 10);
      waitedTile = true;
      return thread.nextTile();
    };
    // the households whose sums came from the thread
    let fromThread = 0;
    const partner: SumsPartner = {
      nextTile,
      tileSettled: (t) => thread.tileSettled(t),
      tileServers: thread.tileServers,
      waitForTile: (timeoutMs) => thread.waitForTile(timeoutMs),
      start: (servers) => thread.start(servers),
      nextStripe,
      wait: (timeoutMs) => thread.wait(timeoutMs),
      stop: () => thread.stop(),
      addInto: (coChannelMw, overlap) => {
        const before = coChannelMw.slice();
        thread.addInto(coChannelMw, overlap);
        fromThread = coChannelMw.filter((mw, h) => mw !== before[h]).length;
      },
    };
    const shared = new CoverageEngine({ place, cells, households, settings: DEFAULT_SETTINGS, sumsPartner: () => partner }).run();
    expect(fromThread).toBeGreaterThan(0);
    expect(memory.tileSettled.some((settled) => settled === 1)).toBe(true);
    expect(Array.from(shared.rsrpDbm)).toEqual(Array.from(alone.rsrpDbm));
    expect(Buffer.from(shared.sinrDb.buffer).equals(Buffer.from(alone.sinrDb.buffer))).toBe(true);
    expect(Buffer.from(shared.throughputMbps.buffer).equals(Buffer.from(alone.throughputMbps.buffer))).toBe(true);
    expect(Array.from(shared.serversWithin6Db)).toEqual(Array.from(alone.serversWithin6Db));
  });

  it('says on stderr when the thread fails, and the host alone gives the same numbers', async () => {
    const alone = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS }).run();
    // a partner is given every analysed cell's environment resolved (partnerInput): one left to resolve fails it
    const input = partnerInput(cells, points, DEFAULT_SETTINGS, place);
    const unresolved = { ...input, cells: input.cells.map((cell) => ({ ...cell, environment: null })) };
    const note = partnerFailureNote(SUMS_WORK, new Error('a partner thread resolves no environment: the host resolves every analysed cell’s'));
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text) => (written.push(String(text)), true));
    try {
      const memory = sharedSumsMemory(points.length);
      const thread = sumsPartnerThread(unresolved, 0, memory);
      // this small run would be over before the thread has started: the host runs once it has failed
      for (let ms = 0; stateOf(memory.control) !== PartnerState.FAILED && ms < 60_000; ms += 10) Atomics.wait(memory.control, 0, stateOf(memory.control), 10);
      const shared = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS, sumsPartner: () => thread }).run();
      expect(Buffer.from(shared.sinrDb.buffer).equals(Buffer.from(alone.sinrDb.buffer))).toBe(true);
      for (let ms = 0; !written.includes(note) && ms < 30_000; ms += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      spy.mockRestore();
    }
    expect(written.filter((text) => text.startsWith('note: the second thread'))).toEqual([note]);
  });

  it('starts no thread for a city below the threshold', () => {
    expect(sumsPartnerThread(partnerInput(cells, points, DEFAULT_SETTINGS, place))).toBeNull();
  });
});
