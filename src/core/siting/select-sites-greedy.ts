/**
 * Lazy greedy site selection on coverage sets (weighted maximum coverage and its target version).
 *
 * Greedy picks, again and again, the candidate that lifts the most not-yet-lifted households. Coverage is
 * monotone submodular, so:
 * - with a number of sites k, the greedy households ≥ (1 − 1/e) ≈ 63.2 % of the best k sites' (Nemhauser,
 *   Wolsey & Fisher 1978; Feige 1998 shows no polynomial algorithm does better unless P = NP);
 * - with a target of households, greedy needs at most H(d) ≤ 1 + ln d times the fewest sites that reach it,
 *   d the largest set (Chvátal 1979 for set cover; Wolsey 1982 for the submodular target version, up to the
 *   last partial step).
 * Lazy evaluation (Minoux 1978; "CELF", Leskovec et al. 2007): a candidate's marginal gain never grows as
 * sites are added, so a gain computed in an earlier round is an upper bound; the heap's top is recomputed
 * and taken only when it is still on top after recomputation. Same picks as the plain greedy with ties to
 * the lower candidate index, far fewer evaluations.
 */
import TinyQueue from 'tinyqueue';
import type { CoverageSets } from './coverage-sets.ts';

/** What to reach: a number of new sites, or a weight (households lifted) to reach with as few as possible. */
export type SitingGoal = { kind: 'count'; count: number } | { kind: 'weight'; weight: number };

export interface SitingPick {
  /** Index into the candidates. */
  candidate: number;
  /** Households newly lifted by this pick, given the picks before it (its marginal gain). */
  gain: number;
}

export interface GreedyResult {
  /** In pick order; gains are non-increasing. */
  picks: SitingPick[];
  /** Households lifted by all picks together (= the sum of the gains). */
  coveredWeight: number;
  /**
   * Count goal only: an upper bound on the best k sites' households, the smallest of
   * greedy / (1 − 1/e) and, by submodularity, f(S) + the k largest marginal gains w.r.t. S for S = ∅ and
   * S = the greedy picks (Leskovec et al. 2007, eq. 3). null for a weight goal.
   */
  upperBound: number | null;
  /** Marginal-gain evaluations made (the lazy greedy's work; plain greedy makes about k × candidates). */
  evaluations: number;
}

/** 1 − 1/e, the greedy's guarantee for maximum coverage with k sets. */
export const GREEDY_GUARANTEE = 1 - 1 / Math.E;

interface HeapEntry {
  candidate: number;
  gain: number;
  /** Number of picks when `gain` was computed: current when equal to the picks so far. */
  round: number;
}

const compareEntries = (a: HeapEntry, b: HeapEntry): number => b.gain - a.gain || a.candidate - b.candidate;

/**
 * Greedy picks towards the goal; stops early when no candidate adds anything (the remaining households are
 * out of every candidate's reach).
 *
 * @example
 * const { picks } = selectSitesGreedy(sets, { kind: 'count', count: 10 });
 * picks[0]; // { candidate: 412, gain: 1830 }
 */
export function selectSitesGreedy(sets: CoverageSets, goal: SitingGoal): GreedyResult {
  checkGoal(goal);
  const covered = new Uint8Array(sets.weight.length);
  const gainOf = (c: number): number => {
    let gain = 0;
    for (let k = sets.offsets[c]; k < sets.offsets[c + 1]; k++) {
      const e = sets.elements[k];
      if (covered[e] === 0) gain += sets.weight[e];
    }
    return gain;
  };

  const initial: HeapEntry[] = [];
  for (let c = 0; c < sets.candidateCount; c++) {
    const gain = gainOf(c);
    if (gain > 0) initial.push({ candidate: c, gain, round: 0 });
  }
  let evaluations = sets.candidateCount;
  const emptySetBound = sumOfLargest(initial.map((entry) => entry.gain), goal.kind === 'count' ? goal.count : 0);
  const heap = new TinyQueue(initial, compareEntries);

  const picks: SitingPick[] = [];
  let coveredWeight = 0;
  const done = (): boolean => (goal.kind === 'count' ? picks.length >= goal.count : coveredWeight >= goal.weight);
  while (!done() && heap.length > 0) {
    const top = heap.pop() as HeapEntry;
    if (top.round !== picks.length) {
      // stale: recompute; it goes back in, and is taken only if it still beats every other bound
      top.gain = gainOf(top.candidate);
      top.round = picks.length;
      evaluations++;
      if (top.gain > 0) heap.push(top);
      continue;
    }
    picks.push({ candidate: top.candidate, gain: top.gain });
    coveredWeight += top.gain;
    for (let k = sets.offsets[top.candidate]; k < sets.offsets[top.candidate + 1]; k++) covered[sets.elements[k]] = 1;
  }

  let upperBound: number | null = null;
  if (goal.kind === 'count') {
    const finalGains: number[] = [];
    for (let c = 0; c < sets.candidateCount; c++) finalGains.push(gainOf(c));
    evaluations += sets.candidateCount;
    upperBound = Math.min(
      emptySetBound,
      coveredWeight + sumOfLargest(finalGains, goal.count),
      coveredWeight / GREEDY_GUARANTEE,
    );
  }
  return { picks, coveredWeight, upperBound, evaluations };
}

/** Orders a given set of candidates greedily (largest marginal gain first, ties to the lower index) with each one's gain. */
export function orderPicks(sets: CoverageSets, given: readonly number[]): SitingPick[] {
  const chosen = [...given].sort((a, b) => a - b);
  const subset = {
    ...sets,
    candidateCount: chosen.length,
    offsets: new Uint32Array(chosen.length + 1),
    elements: new Uint32Array(chosen.reduce((n, c) => n + sets.offsets[c + 1] - sets.offsets[c], 0)),
  };
  chosen.forEach((c, i) => {
    subset.elements.set(sets.elements.subarray(sets.offsets[c], sets.offsets[c + 1]), subset.offsets[i]);
    subset.offsets[i + 1] = subset.offsets[i] + sets.offsets[c + 1] - sets.offsets[c];
  });
  const ordered = selectSitesGreedy(subset, { kind: 'count', count: chosen.length }).picks;
  const taken = new Set(ordered.map((pick) => pick.candidate));
  // a chosen site that adds nothing after the others still belongs to the answer, with gain 0
  chosen.forEach((_, i) => {
    if (!taken.has(i)) ordered.push({ candidate: i, gain: 0 });
  });
  return ordered.map((pick) => ({ candidate: chosen[pick.candidate], gain: pick.gain }));
}

/** Total weight the candidates can lift together (the most any goal can reach). */
export function coverableWeight(sets: CoverageSets): number {
  const seen = new Uint8Array(sets.weight.length);
  let sum = 0;
  for (let k = 0; k < sets.elements.length; k++) {
    const e = sets.elements[k];
    if (seen[e] === 0) {
      seen[e] = 1;
      sum += sets.weight[e];
    }
  }
  return sum;
}

function sumOfLargest(values: number[], k: number): number {
  return [...values].sort((a, b) => b - a).slice(0, k).reduce((sum, value) => sum + value, 0);
}

function checkGoal(goal: SitingGoal): void {
  if (goal.kind === 'count' && !(Number.isInteger(goal.count) && goal.count >= 0)) {
    throw new RangeError(`goal.count must be a whole number ≥ 0, got ${goal.count}`);
  }
  if (goal.kind === 'weight' && !(goal.weight >= 0)) throw new RangeError(`goal.weight must be ≥ 0, got ${goal.weight}`);
}
