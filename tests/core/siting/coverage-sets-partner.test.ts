/**
 * The coverage sets on two threads (coverage-sets-partner.ts): whichever thread measures a chunk of candidates, the
 * sets are those of one thread (themselves checked against the coverage engine in coverage-sets.test.ts), also when
 * the partner fails or never starts; and the host's view of the shared control: a partner still starting is given
 * up at once, a working one waited for, a failed or silent one given up.
 */
import { describe, expect, it } from 'vitest';
import { RESOLVED_PLACE } from '../../../src/core/resolve-environment.ts';
import { withResolvedEnvironments } from '../../../src/core/coverage/analysed-cell.ts';
import {
  buildCoverageSets,
  CandidateMeasure,
  type ChunkSets,
  type CoverageSets,
  type CoverageSetsPartner,
  type CoverageSetsPartnerInput,
} from '../../../src/core/siting/coverage-sets.ts';
import { sharedControl, STALL_MS } from '../../../src/core/partner-control.ts';
import { serveSetsShare, SharedSetsHost } from '../../../src/core/siting/coverage-sets-partner.ts';
import { sitingTown } from '../../helpers/siting-town.ts';

const TOWN = sitingTown();
const ALONE = buildCoverageSets(TOWN);

function expectSameSets(sets: CoverageSets): void {
  expect(sets.candidateCount).toBe(ALONE.candidateCount);
  expect(Buffer.from(sets.offsets.buffer).equals(Buffer.from(ALONE.offsets.buffer))).toBe(true);
  expect(Buffer.from(sets.elements.buffer, sets.elements.byteOffset, sets.elements.byteLength).equals(Buffer.from(ALONE.elements.buffer, ALONE.elements.byteOffset, ALONE.elements.byteLength))).toBe(true);
}

/** The partner's input as the host builds it (its candidates' environments resolved), captured. */
function partnerInputs(): { input: CoverageSetsPartnerInput | null; starter: (input: CoverageSetsPartnerInput) => null } {
  const captured = { input: null as CoverageSetsPartnerInput | null, starter: (input: CoverageSetsPartnerInput) => ((captured.input = input), null) };
  return captured;
}

/**
 * A partner in the same thread that measures, with its own `CandidateMeasure` on the input it was given, every
 * chunk the counter gives it: it takes one before each of the host's takes where `takes(k)` says so.
 */
class InProcessPartner implements CoverageSetsPartner {
  private next = 0;
  private readonly measure: CandidateMeasure;
  readonly sets = new Map<number, ChunkSets>();
  stopped = 0;

  constructor(
    input: CoverageSetsPartnerInput,
    private readonly takes: (chunk: number) => boolean,
    private readonly delivers = true,
  ) {
    this.measure = new CandidateMeasure(input.candidates, input.lon, input.lat, RESOLVED_PLACE, input.settings);
  }

  nextChunk = (): number => {
    while (this.next < this.measure.chunkCount && this.takes(this.next)) this.sets.set(this.next, this.measure.chunk(this.next++));
    return this.next++;
  };

  finish(): ReadonlyMap<number, ChunkSets> {
    return this.delivers ? this.sets : new Map();
  }

  stop(): void {
    this.stopped++;
  }
}

describe('coverage sets with a partner', () => {
  const { input } = (() => {
    const captured = partnerInputs();
    buildCoverageSets({ ...TOWN, partner: captured.starter });
    return captured;
  })();

  it('asks for a partner with the candidates’ environments resolved and the weak households’ positions', () => {
    expect(input).not.toBeNull();
    expect(input!.candidates.every((candidate) => candidate.cells.every((cell) => cell.environment !== null))).toBe(true);
    expect(input!.candidates[5].cells).toEqual(withResolvedEnvironments(TOWN.candidates[5].cells, TOWN.settings, TOWN.place));
    expect(Array.from(input!.lon)).toEqual(Array.from(TOWN.weak.household, (h) => TOWN.households.lon[h]));
    expect(ALONE.candidateCount).toBeGreaterThan(2048);
    expect(ALONE.elements.length).toBeGreaterThan(10_000);
  });

  it('gives one thread’s sets when the partner measures every other chunk, and stops it once', () => {
    const partner = new InProcessPartner(input!, (chunk) => chunk % 2 === 0);
    expectSameSets(buildCoverageSets({ ...TOWN, partner: () => partner }));
    expect(partner.sets.size).toBeGreaterThan(10);
    expect(partner.stopped).toBe(1);
  });

  it('measures again the chunks of a partner that delivers nothing (failed, stalled)', () => {
    const partner = new InProcessPartner(input!, (chunk) => chunk % 3 !== 1, false);
    expectSameSets(buildCoverageSets({ ...TOWN, partner: () => partner }));
    expect(partner.stopped).toBe(1);
  });

  it('works alone when no partner can be started', () => {
    expectSameSets(buildCoverageSets({ ...TOWN, partner: () => null }));
  });
});

describe('SharedSetsHost: the partner thread as the host sees it', () => {
  const measure = () => {
    const captured = partnerInputs();
    buildCoverageSets({ ...TOWN, partner: captured.starter });
    return captured.input!;
  };
  const input = measure();

  it('gives up a partner still starting at once: it then measures nothing', () => {
    const control = sharedControl();
    let stopped = 0;
    const host = new SharedSetsHost(control, () => new Map([[0, { counts: new Uint32Array(), elements: new Uint32Array() }]]), () => stopped++);
    expect(host.nextChunk()).toBe(0);
    expect(host.finish().size).toBe(0);
    let posted = 0;
    serveSetsShare(input, control, () => posted++);
    expect(posted).toBe(0);
    host.stop();
    host.stop();
    expect(stopped).toBe(1);
  });

  it('receives the sets of a partner that is done; the host’s counter is then exhausted', () => {
    const control = sharedControl();
    let posted: Map<number, ChunkSets> | undefined;
    // the partner takes every chunk before the host asks (a fast thread)
    serveSetsShare(input, control, (sets) => (posted = sets));
    const host = new SharedSetsHost(control, () => posted, () => undefined);
    const measure = new CandidateMeasure(TOWN.candidates, input.lon, input.lat, TOWN.place, TOWN.settings);
    expect(host.nextChunk()).toBeGreaterThanOrEqual(measure.chunkCount);
    const sets = host.finish();
    expect(sets.size).toBe(measure.chunkCount);
    expect(Array.from(sets.get(3)!.elements)).toEqual(Array.from(measure.chunk(3).elements));
  });

  it('gives up a partner that failed, and one whose heartbeat stopped for STALL_MS', () => {
    const failed = sharedControl();
    // a cell the link budget refuses: the partner fails while measuring
    const broken = { ...input, candidates: input.candidates.map((candidate) => ({ ...candidate, cells: candidate.cells.map((cell) => ({ ...cell, bandMhz: Number.NaN })) })) };
    expect(() => serveSetsShare(broken, failed, () => undefined)).toThrow(RangeError);
    expect(new SharedSetsHost(failed, () => undefined, () => undefined).finish().size).toBe(0);

    const silent = sharedControl();
    Atomics.store(silent, 0, 1); // working, never beating again
    let nowMs = 0;
    const host = new SharedSetsHost(silent, () => undefined, () => undefined, () => (nowMs += STALL_MS / 4));
    expect(host.finish().size).toBe(0);
    expect(nowMs).toBeGreaterThan(STALL_MS);
  });
});
