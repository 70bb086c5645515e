/**
 * Greedy and exact site selection on hand-built coverage sets with known optima, and on seeded random
 * instances checked against brute force (every subset enumerated, written independently of the code).
 */
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageSetsOf } from '../../../src/core/siting/coverage-sets.ts';
import { selectSitesExact } from '../../../src/core/siting/select-sites-exact.ts';
import {
  coverableWeight,
  GREEDY_GUARANTEE,
  orderPicks,
  selectSitesGreedy,
} from '../../../src/core/siting/select-sites-greedy.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/**
 * The classic instance where greedy is suboptimal: six households of weight 1; A = {0,1,2,3} takes half of
 * B = {0,1,4} and half of C = {2,3,5}. Two sites: greedy takes A (4), then B (+1, tie with C broken by
 * index) = 5; the best pair is B + C = 6. All six: greedy needs A, B, C = 3 sites; B + C = 2 suffice.
 */
const CLASSIC = coverageSetsOf(
  [
    [0, 1, 2, 3],
    [0, 1, 4],
    [2, 3, 5],
  ],
  [1, 1, 1, 1, 1, 1],
);

/** Deterministic pseudo-random numbers (mulberry32), so the instances are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Instance {
  members: number[][];
  weight: number[];
}

function randomInstance(seed: number): Instance {
  const next = random(seed);
  const elements = 15 + Math.floor(next() * 15);
  const candidates = 6 + Math.floor(next() * 6);
  const weight = Array.from({ length: elements }, () => 1 + Math.floor(next() * 40));
  const members = Array.from({ length: candidates }, () => {
    const list: number[] = [];
    for (let e = 0; e < elements; e++) if (next() < 0.25) list.push(e);
    return list;
  });
  return { members, weight };
}

/** Weight of the union of the chosen candidates' elements. */
function unionWeight(instance: Instance, chosen: number[]): number {
  const covered = new Set(chosen.flatMap((c) => instance.members[c]));
  return [...covered].reduce((sum, e) => sum + instance.weight[e], 0);
}

/** Best union weight over every subset of at most k candidates. */
function bruteForceBest(instance: Instance, k: number): number {
  let best = 0;
  const n = instance.members.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = [...Array(n).keys()].filter((c) => mask & (1 << c));
    if (chosen.length <= k) best = Math.max(best, unionWeight(instance, chosen));
  }
  return best;
}

/** Fewest candidates whose union reaches the target weight (Infinity when none does). */
function bruteForceFewest(instance: Instance, target: number): number {
  let fewest = Infinity;
  const n = instance.members.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const chosen = [...Array(n).keys()].filter((c) => mask & (1 << c));
    if (chosen.length < fewest && unionWeight(instance, chosen) >= target) fewest = chosen.length;
  }
  return fewest;
}

/** Plain (non-lazy) greedy: every round, every candidate's gain; ties to the lower index. */
function plainGreedy(instance: Instance, k: number): number[] {
  const chosen: number[] = [];
  for (let round = 0; round < k; round++) {
    let best = -1;
    let bestGain = 0;
    for (let c = 0; c < instance.members.length; c++) {
      const gain = unionWeight(instance, [...chosen, c]) - unionWeight(instance, chosen);
      if (gain > bestGain) {
        best = c;
        bestGain = gain;
      }
    }
    if (best === -1) break;
    chosen.push(best);
  }
  return chosen;
}

describe('selectSitesGreedy', () => {
  it('takes the big set first on the classic instance and reports each marginal gain', () => {
    const result = selectSitesGreedy(CLASSIC, { kind: 'count', count: 2 });
    expect(result.picks).toEqual([
      { candidate: 0, gain: 4 },
      { candidate: 1, gain: 1 },
    ]);
    expect(result.coveredWeight).toBe(5);
    // bounds: from ∅, 4 + 3 = 7; from {A, B}, 5 + gains (A 0, B 0, C 1) → 5 + 1 + 0 = 6; 5 / (1 − 1/e) = 7.91
    expect(result.upperBound).toBe(6);
  });

  it('needs three sites where two suffice for the whole target', () => {
    const result = selectSitesGreedy(CLASSIC, { kind: 'weight', weight: 6 });
    expect(result.picks.map((pick) => pick.candidate)).toEqual([0, 1, 2]);
    expect(result.picks.map((pick) => pick.gain)).toEqual([4, 1, 1]);
  });

  it('stops when nothing more can be lifted, short of the goal', () => {
    const sets = coverageSetsOf([[0], [0], []], [5, 7]);
    const result = selectSitesGreedy(sets, { kind: 'count', count: 3 });
    expect(result.picks).toEqual([{ candidate: 0, gain: 5 }]);
    expect(coverableWeight(sets)).toBe(5);
  });

  it('matches the plain greedy and keeps the (1 − 1/e) guarantee on 40 random instances', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const instance = randomInstance(seed);
      const sets = coverageSetsOf(instance.members, instance.weight);
      for (const k of [1, 2, 3, 4]) {
        const result = selectSitesGreedy(sets, { kind: 'count', count: k });
        expect(result.picks.map((pick) => pick.candidate)).toEqual(plainGreedy(instance, k));
        const best = bruteForceBest(instance, k);
        expect(result.coveredWeight).toBe(unionWeight(instance, result.picks.map((pick) => pick.candidate)));
        expect(result.coveredWeight).toBeGreaterThanOrEqual(GREEDY_GUARANTEE * best);
        expect(result.upperBound).toBeGreaterThanOrEqual(best);
        const gains = result.picks.map((pick) => pick.gain);
        expect(gains.reduce((a, b) => a + b, 0)).toBe(result.coveredWeight);
        for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1]);
      }
    }
  });

  it('evaluates far fewer gains than the plain greedy on a larger instance', () => {
    const next = random(7);
    const members = Array.from({ length: 400 }, () => Array.from({ length: 30 }, () => Math.floor(next() * 3000)));
    const sets = coverageSetsOf(members, Array.from({ length: 3000 }, () => 1 + Math.floor(next() * 10)));
    const result = selectSitesGreedy(sets, { kind: 'count', count: 50 });
    expect(result.picks).toHaveLength(50);
    // plain greedy: 50 rounds × 400 candidates = 20,000 evaluations
    expect(result.evaluations).toBeLessThan(20_000 / 4);
  });

  it('orders a given set of sites by marginal gain', () => {
    expect(orderPicks(CLASSIC, [2, 1])).toEqual([
      { candidate: 1, gain: 3 },
      { candidate: 2, gain: 3 },
    ]);
    expect(orderPicks(CLASSIC, [0, 1, 2])).toEqual([
      { candidate: 0, gain: 4 },
      { candidate: 1, gain: 1 },
      { candidate: 2, gain: 1 },
    ]);
  });
});

describe('selectSitesExact (HiGHS)', () => {
  it('finds the optimum the greedy misses on the classic instance', () => {
    const greedy = selectSitesGreedy(CLASSIC, { kind: 'count', count: 2 });
    const exact = selectSitesExact(highs, CLASSIC, { kind: 'count', count: 2 }, {
      timeLimitS: 10,
      maxNonzeros: 1000,
      start: greedy.picks.map((pick) => pick.candidate),
    });
    expect(exact.status).toBe('optimal');
    expect(exact.objective).toBe(6);
    expect(exact.gap).toBe(0);
    expect(exact.picks?.map((pick) => pick.candidate).sort()).toEqual([1, 2]);
    // the greedy's gap to the proven optimum: (6 − 5) / 6
    expect((exact.objective! - greedy.coveredWeight) / exact.objective!).toBeCloseTo(1 / 6, 12);
  });

  it('covers the classic target with two sites', () => {
    const exact = selectSitesExact(highs, CLASSIC, { kind: 'weight', weight: 6 }, { timeLimitS: 10, maxNonzeros: 1000 });
    expect(exact.status).toBe('optimal');
    expect(exact.objective).toBe(2);
    expect(exact.picks).toEqual([
      { candidate: 1, gain: 3 },
      { candidate: 2, gain: 3 },
    ]);
  });

  it('merges households covered by the same candidates before solving', () => {
    // households by the candidates covering them: {A,B}: 0,1; {A,C}: 2,3; {B}: 4; {C}: 5 → 4 merged rows;
    // terms: 3 x's in the sites row, then per merged row its x's + its y + its objective term
    const exact = selectSitesExact(highs, CLASSIC, { kind: 'count', count: 1 }, { timeLimitS: 10, maxNonzeros: 1000 });
    expect(exact.model).toEqual({ candidates: 3, elements: 4, nonzeros: 3 + (2 + 2) + (2 + 2) + (1 + 2) + (1 + 2) });
    expect(exact.objective).toBe(4);
  });

  it('matches brute force on 40 random instances, for counts and for targets', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const instance = randomInstance(seed);
      const sets = coverageSetsOf(instance.members, instance.weight);
      const k = 1 + (seed % 4);
      const count = selectSitesExact(highs, sets, { kind: 'count', count: k }, { timeLimitS: 10, maxNonzeros: 10_000 });
      expect(count.status).toBe('optimal');
      expect(count.objective).toBe(bruteForceBest(instance, k));
      expect(unionWeight(instance, count.picks!.map((pick) => pick.candidate))).toBe(count.objective);

      const target = Math.floor(coverableWeight(sets) * 0.9);
      const cover = selectSitesExact(highs, sets, { kind: 'weight', weight: target }, { timeLimitS: 10, maxNonzeros: 10_000 });
      expect(cover.status).toBe('optimal');
      expect(cover.objective).toBe(bruteForceFewest(instance, target));
      expect(unionWeight(instance, cover.picks!.map((pick) => pick.candidate))).toBeGreaterThanOrEqual(target);
    }
  });

  it('declines instances above the size limit and reports an unreachable target as infeasible', () => {
    const tooLarge = selectSitesExact(highs, CLASSIC, { kind: 'count', count: 2 }, { timeLimitS: 10, maxNonzeros: 5 });
    expect(tooLarge.status).toBe('too-large');
    expect(tooLarge.picks).toBeNull();
    const infeasible = selectSitesExact(highs, CLASSIC, { kind: 'weight', weight: 7 }, { timeLimitS: 10, maxNonzeros: 1000 });
    expect(infeasible.status).toBe('infeasible');
  });
});
