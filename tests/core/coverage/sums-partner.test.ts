/**
 * The interference sums on two threads (sums-partner.ts): however the stripes of block rows are dealt between the
 * host and its partner, and whether or not the partner finishes, every household's SINR, throughput and overlap
 * count are the very numbers of one thread's run (compared bit for bit; the one-thread run is checked against a
 * brute force in downlink-quality.test.ts). A real thread is tested in tests/cli/sums-partner-thread.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { forgetRetiredBatch, tableBytesPlaced } from '../../../src/core/coverage/household-batch.ts';
import { tileLayoutsMade } from '../../../src/core/coverage/household-tiles.ts';
import type { CoverageResult } from '../../../src/core/coverage/coverage-result.ts';
import type { NextStripe, Servers } from '../../../src/core/coverage/interference-sums.ts';
import { linkTableValuesBuilt } from '../../../src/core/coverage/link-tables.ts';
import { partnerInput, SharedSumsHost, sharedSumsMemory, warmSumsShare, type SumsPartner } from '../../../src/core/coverage/sums-partner.ts';
import { STALL_MS } from '../../../src/core/partner-control.ts';
import { DEFAULT_SETTINGS, type Cell, type HouseholdPoints } from '../../../src/core/model.ts';
import { PlaceEnvironment, RESOLVED_PLACE } from '../../../src/core/resolve-environment.ts';
import { runSteps } from '../../../src/core/steps.ts';
import { randomCity } from '../../helpers/random-city.ts';

const WARD_INDEX = indexWards([]);

/** How a test partner shares the best-server pass: the tiles of each side, and whether the partner settles all of its own. */
interface TileShare {
  host: NextStripe;
  partner: NextStripe;
  /** The partner fails after settling this many of its tiles. */
  failAfter?: number;
}

/**
 * A partner in this thread: a second engine on the partner's input settling the tiles `tiles.partner` gives it
 * (when the host first asks for them) and summing the stripes `partnerStripes` gives it.
 */
class InProcessPartner implements SumsPartner {
  sums: { coChannelMw: Float64Array; overlap: Uint16Array } | null = null;
  /** Households the partner summed (non-zero sums). */
  summed = 0;
  stops = 0;
  waits = 0;
  readonly nextTile: NextStripe;
  readonly tileServers: Servers;
  /** The tiles the partner settled, once the host has asked. */
  private settledTiles: Set<number> | null = null;

  constructor(
    private readonly engine: CoverageEngine,
    readonly nextStripe: NextStripe,
    private readonly partnerStripes: NextStripe,
    private readonly outcome: 'done' | 'failed',
    private readonly tiles: TileShare = { host: stripesWhere(() => true), partner: stripesWhere(() => false) },
  ) {
    this.nextTile = tiles.host;
    // room for the test cities' households
    this.tileServers = { bestCell: new Int32Array(1 << 16), bestRsrpDbm: new Float64Array(1 << 16) };
  }

  tileSettled(t: number): boolean {
    if (this.settledTiles === null) {
      const settled = new Set<number>();
      const { failAfter = Infinity } = this.tiles;
      this.engine.settlePartnerTiles(this.tileServers, () => (settled.size < failAfter ? this.tiles.partner() : Infinity), (tile) => settled.add(tile));
      this.settledTiles = settled;
    }
    return this.settledTiles.has(t);
  }

  waitForTile(): 'pending' | 'failed' {
    return 'failed';
  }

  start(servers: Servers): void {
    this.sums = runSteps(this.engine.interferenceStripeSteps(servers, this.partnerStripes));
    this.summed = this.sums?.coChannelMw.filter((mw) => mw > 0).length ?? 0;
  }

  wait(): 'done' | 'failed' {
    this.waits++;
    return this.outcome;
  }

  stop(): void {
    this.stops++;
  }

  addInto(coChannelMw: Float64Array, overlap: Uint16Array): void {
    const sums = this.sums as NonNullable<InProcessPartner['sums']>;
    for (let h = 0; h < coChannelMw.length; h++) {
      coChannelMw[h] += sums.coChannelMw[h];
      overlap[h] += sums.overlap[h];
    }
  }
}

/** The stripes `pick` keeps, in order: 0, 1, 2, … filtered. */
function stripesWhere(pick: (stripe: number) => boolean): NextStripe {
  let next = 0;
  return () => {
    while (!pick(next) && next < 1 << 20) next++;
    return next++;
  };
}

function runWith(cells: Cell[], points: HouseholdPoints, partner: (input: ReturnType<typeof partnerInput>) => SumsPartner | null): CoverageResult {
  const place = new PlaceEnvironment(points, WARD_INDEX);
  return new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS, sumsPartner: () => partner(partnerInput(cells, points, DEFAULT_SETTINGS, place)) }).run();
}

function expectSameQuality(actual: CoverageResult, expected: CoverageResult): void {
  expect(Buffer.from(actual.sinrDb.buffer).equals(Buffer.from(expected.sinrDb.buffer))).toBe(true);
  expect(Buffer.from(actual.throughputMbps.buffer).equals(Buffer.from(expected.throughputMbps.buffer))).toBe(true);
  expect(Buffer.from(actual.serversWithin6Db.buffer).equals(Buffer.from(expected.serversWithin6Db.buffer))).toBe(true);
  expect(Array.from(actual.bestCell)).toEqual(Array.from(expected.bestCell));
}

describe('interference sums shared by stripes of block rows', () => {
  // an 18 km square: 36 rows of 500 m blocks, 9 stripes
  const { cells, points } = randomCity(31, 2500, 60);
  const alone = runWith(cells, points, () => null);

  it('a partner summing the odd stripes and the host the even ones give one thread’s numbers', () => {
    let partner: InProcessPartner | null = null;
    const shared = runWith(cells, points, (input) => {
      const engine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
      partner = new InProcessPartner(engine, stripesWhere((s) => s % 2 === 0), stripesWhere((s) => s % 2 === 1), 'done');
      return partner;
    });
    // both did part of the work
    const withQuality = alone.sinrDb.filter((sinr) => !Number.isNaN(sinr)).length;
    const summed = (partner as InProcessPartner | null)?.summed ?? 0;
    expect(summed).toBeGreaterThan(withQuality / 4);
    expect(summed).toBeLessThan((3 * withQuality) / 4);
    expectSameQuality(shared, alone);
    expect((partner as InProcessPartner | null)?.stops).toBe(1);
  });

  it('a partner settling the odd tiles of the best-server pass and the host the even ones give one thread’s numbers', () => {
    let partner: InProcessPartner | null = null;
    const shared = runWith(cells, points, (input) => {
      const engine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
      const tiles = { host: stripesWhere((t) => t % 2 === 0), partner: stripesWhere((t) => t % 2 === 1) };
      partner = new InProcessPartner(engine, stripesWhere((s) => s % 2 === 0), stripesWhere((s) => s % 2 === 1), 'done', tiles);
      return partner;
    });
    const fromPartner = (partner as InProcessPartner | null)?.tileServers.bestCell.filter((c) => c !== 0).length ?? 0;
    expect(fromPartner).toBeGreaterThan(points.length / 4);
    expect(Array.from(shared.rsrpDbm)).toEqual(Array.from(alone.rsrpDbm));
    expectSameQuality(shared, alone);
  });

  it('a partner that fails during the best-server pass leaves the host to settle its tiles, with the same numbers', () => {
    const shared = runWith(cells, points, (input) => {
      const engine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
      const tiles = { host: stripesWhere((t) => t % 3 === 0), partner: stripesWhere((t) => t % 3 !== 0), failAfter: 5 };
      return new InProcessPartner(engine, stripesWhere(() => true), stripesWhere(() => false), 'failed', tiles);
    });
    expect(Array.from(shared.rsrpDbm)).toEqual(Array.from(alone.rsrpDbm));
    expectSameQuality(shared, alone);
  });

  it('does not wait for a partner that took no stripe (still starting when they ran out)', () => {
    let partner: InProcessPartner | null = null;
    const shared = runWith(cells, points, (input) => {
      const engine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
      // 'failed' if asked: a wait would make the host sum everything twice
      partner = new InProcessPartner(engine, stripesWhere(() => true), stripesWhere(() => false), 'failed');
      return partner;
    });
    expectSameQuality(shared, alone);
    expect((partner as InProcessPartner | null)?.waits).toBe(0);
    expect((partner as InProcessPartner | null)?.stops).toBe(1);
  });

  it('stops the partner when the run is cancelled before the sums (while finding the best servers)', () => {
    const place = new PlaceEnvironment(points, WARD_INDEX);
    const input = partnerInput(cells, points, DEFAULT_SETTINGS, place);
    const partnerEngine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
    const partner = new InProcessPartner(partnerEngine, stripesWhere(() => true), stripesWhere(() => false), 'done');
    const steps = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS, sumsPartner: () => partner }).runSteps();
    for (let k = 0; k < 3; k++) expect(steps.next().done).toBe(false);
    steps.return(undefined as never);
    expect(partner.sums).toBeNull();
    expect(partner.stops).toBe(1);
    // a run cancelled before its first step never starts one (nothing would stop it)
    let starts = 0;
    const unstarted = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS, sumsPartner: () => (starts++, partner) }).runSteps();
    unstarted.return(undefined as never);
    expect(starts).toBe(0);
  });

  it('stops the partner when the run is cancelled while summing', () => {
    const place = new PlaceEnvironment(points, WARD_INDEX);
    const input = partnerInput(cells, points, DEFAULT_SETTINGS, place);
    const partnerEngine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
    const partner = new InProcessPartner(partnerEngine, stripesWhere((s) => s % 2 === 0), stripesWhere((s) => s % 2 === 1), 'done');
    const steps = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS, sumsPartner: () => partner }).runSteps();
    // the run's steps until the partner has its servers, then a cancel (runStepsAsync returns the steps)
    while (partner.sums === null) expect(steps.next().done).toBe(false);
    expect(partner.stops).toBe(0);
    steps.return(undefined as never);
    expect(partner.stops).toBe(1);
  });

  it('a partner that took stripes and failed leaves the host to sum everything, with the same numbers', () => {
    const shared = runWith(cells, points, (input) => {
      const engine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
      return new InProcessPartner(engine, stripesWhere((s) => s < 3), stripesWhere((s) => s >= 3), 'failed');
    });
    expectSameQuality(shared, alone);
  });

  it('an edit after a shared run gives a full rerun’s numbers', () => {
    const place = new PlaceEnvironment(points, WARD_INDEX);
    const input = partnerInput(cells, points, DEFAULT_SETTINGS, place);
    const partnerEngine = new CoverageEngine({ ...input, place: { at: () => { throw new Error('resolved by the host'); } } });
    const partner = new InProcessPartner(partnerEngine, stripesWhere((s) => s % 3 !== 1), stripesWhere((s) => s % 3 === 1), 'done');
    const engine = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS, sumsPartner: () => partner });
    engine.run();
    const moved = { ...cells[5], lon: cells[5].lon + 0.01 };
    engine.updateCells([{ cellIndex: 5, cell: moved }]);
    const rerun = runWith(cells.map((cell, c) => (c === 5 ? moved : cell)), points, () => null);
    expectSameQuality(engine.result as CoverageResult, rerun);
  });
});

describe('SharedSumsHost: the partner thread as the host sees it in shared memory', () => {
  const servers: Servers = { bestCell: Int32Array.from([0, 1, -1]), bestRsrpDbm: Float64Array.from([-70, -80, -Infinity]) };

  it('hands over the servers and a shared stripe counter, and adds the partner’s sums when it is done', () => {
    const memory = sharedSumsMemory(3);
    let stopped = 0;
    const idle: boolean[] = [];
    const host = new SharedSumsHost(memory, (finished) => (stopped++, idle.push(finished)));
    host.start(servers);
    expect(Array.from(memory.bestCell)).toEqual([0, 1, -1]);
    expect(Array.from(memory.bestRsrpDbm)).toEqual([-70, -80, -Infinity]);
    expect(memory.control[0]).toBe(1);
    // the counter is the memory's: a partner's take moves the host's next stripe on
    expect(host.nextStripe()).toBe(0);
    expect(Atomics.add(memory.control, 2, 1)).toBe(1);
    expect(host.nextStripe()).toBe(2);
    expect(host.wait(1)).toBe('pending');
    memory.coChannelMw.set([0, 2.5e-9, 0]);
    memory.overlap.set([0, 2, 0]);
    Atomics.store(memory.control, 0, 2);
    expect(host.wait(1)).toBe('done');
    const coChannelMw = Float64Array.from([1e-9, 0, 0]);
    const overlap = Uint16Array.from([1, 0, 0]);
    host.addInto(coChannelMw, overlap);
    expect(Array.from(coChannelMw)).toEqual([1e-9, 2.5e-9, 0]);
    expect(Array.from(overlap)).toEqual([1, 2, 0]);
    expect(stopped).toBe(0);
    host.stop();
    host.stop();
    expect(stopped).toBe(1);
    // its share done, the partner's thread is idle: a host may keep it for the next analysis
    expect(idle).toEqual([true]);
  });

  it('shares a tile counter, reads the tiles the partner flags, and gives it up in the tile pass when it fails or stalls', () => {
    let nowMs = 0;
    const memory = sharedSumsMemory(3);
    let stopped = 0;
    const host = new SharedSumsHost(memory, () => stopped++, () => nowMs);
    // the partner's take (its own counter word) and the host's: each tile once
    expect(Atomics.add(memory.tileControl, 0, 1)).toBe(0);
    expect(host.nextTile()).toBe(1);
    expect(host.tileSettled(0)).toBe(false);
    Atomics.store(memory.tileSettled, 0, 1);
    expect(host.tileSettled(0)).toBe(true);
    expect(host.tileServers.bestCell).toBe(memory.bestCell);
    expect(host.waitForTile(1)).toBe('pending');
    nowMs = STALL_MS + 1;
    expect(host.waitForTile(1)).toBe('failed');
    expect(stopped).toBe(1);
    // stopped: no tile is taken any more
    host.stop();
    expect(Atomics.add(memory.tileControl, 0, 1)).toBeGreaterThan(1 << 29);

    const failed = sharedSumsMemory(3);
    const failedHost = new SharedSumsHost(failed, () => undefined);
    Atomics.store(failed.control, 0, 3);
    expect(failedHost.waitForTile(1000)).toBe('failed');
  });

  it('gives a failed partner up at once, and a silent one after STALL_MS, stopping it once', () => {
    const failed = sharedSumsMemory(3);
    let stopped = 0;
    const idle: boolean[] = [];
    const host = new SharedSumsHost(failed, (finished) => (stopped++, idle.push(finished)));
    Atomics.store(failed.control, 0, 3);
    host.start(servers);
    // a partner that failed while preparing stays failed
    expect(failed.control[0]).toBe(3);
    expect(host.wait(1)).toBe('failed');
    expect(host.wait(1)).toBe('failed');
    expect(stopped).toBe(1);

    let nowMs = 0;
    const silent = sharedSumsMemory(3);
    let silentStopped = 0;
    const waiting = new SharedSumsHost(silent, (finished) => (silentStopped++, idle.push(finished)), () => nowMs);
    waiting.start(servers);
    nowMs = STALL_MS - 1;
    Atomics.add(silent.control, 1, 1);
    expect(waiting.wait(1)).toBe('pending');
    // the heartbeat moved at STALL_MS − 1: the partner has STALL_MS from then
    nowMs = 2 * STALL_MS - 2;
    expect(waiting.wait(1)).toBe('pending');
    nowMs = 2 * STALL_MS;
    expect(waiting.wait(1)).toBe('failed');
    expect(silentStopped).toBe(1);
    // neither may serve another analysis: a failed or silent thread is stopped, not kept
    expect(idle).toEqual([false, false]);
  });

  it('keeps a partner that had its servers when stopped, its stripes exhausted; stops one still preparing', () => {
    const summing = sharedSumsMemory(3);
    const kept: boolean[] = [];
    const host = new SharedSumsHost(summing, (idle) => kept.push(idle));
    host.start(servers);
    expect(host.nextStripe()).toBe(0);
    // stopped while the partner sums (a cancel, or a host that did not wait for a partner that took nothing)
    host.stop();
    expect(kept).toEqual([true]);
    // the partner takes no further stripe: it ends with the one in hand and serves the next analysis
    expect(Atomics.add(summing.control, 2, 1)).toBeGreaterThan(1_000_000);

    const preparing = sharedSumsMemory(3);
    const stopped: boolean[] = [];
    new SharedSumsHost(preparing, (idle) => stopped.push(idle)).stop();
    // it would wait for servers that never come
    expect(stopped).toEqual([false]);
  });
});

describe('a partner warmed up ahead of its first analysis', () => {
  it("builds the link tables, household tiles and sums' memory that analysis' engine builds: the partner's engine then builds none", () => {
    // heights drawn afresh: tables no other test of this file has built
    const { cells, points } = randomCity(47, 400, 12);
    const place = new PlaceEnvironment(points, WARD_INDEX);
    const before = linkTableValuesBuilt();
    const layoutsBefore = tileLayoutsMade();
    // the thread's sums memory of other tests' analyses would be taken over instead
    forgetRetiredBatch();
    const tableBytesBefore = tableBytesPlaced();
    warmSumsShare(partnerInput(cells, points, DEFAULT_SETTINGS, place));
    const warmed = linkTableValuesBuilt();
    expect(warmed).toBeGreaterThan(before);
    expect(tileLayoutsMade()).toBe(layoutsBefore + 1);
    // and copied into the sums' memory (its analysis then copies none: downlink-quality.test.ts)
    expect(tableBytesPlaced()).toBeGreaterThan(tableBytesBefore);
    // the analysis' input arrives as another message: other arrays, the same locations
    const input = partnerInput(cells, { ...points, lon: points.lon.slice(), lat: points.lat.slice() }, DEFAULT_SETTINGS, place);
    const engine = new CoverageEngine({ ...input, place: RESOLVED_PLACE });
    runSteps(engine.prepareSteps());
    expect(linkTableValuesBuilt()).toBe(warmed);
    expect(tileLayoutsMade()).toBe(layoutsBefore + 1);
  });
});
