/**
 * The running weighted median against the definition worked out by sorting (the smallest value whose cumulative
 * weight reaches half of the total), after each of many changes: ties, values that leave the range the buckets
 * were cut from, values dropped (NaN) and counted again, zero weights.
 */
import { describe, expect, it } from 'vitest';
import { RunningWeightedMedian } from '../../../src/core/coverage/running-weighted-median.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

/** The lower weighted median by sorting, NaN values left out; null without weight. */
function sortedMedian(values: ArrayLike<number>, weights: ArrayLike<number>): number | null {
  const members = Array.from(values, (value, i) => ({ value, weight: weights[i] }))
    .filter(({ value }) => !Number.isNaN(value))
    .sort((a, b) => a.value - b.value);
  const total = members.reduce((sum, { weight }) => sum + weight, 0);
  let cumulative = 0;
  for (const { value, weight } of members) {
    cumulative += weight;
    if (total > 0 && cumulative >= total / 2) return value;
  }
  return null;
}

/** Member i's value, or NaN (not counted) when it is not in `group`. */
function ofGroup(values: ArrayLike<number>, groupOf: ArrayLike<number>, group: number): number[] {
  return Array.from(values, (value, i) => (groupOf[i] === group ? value : NaN));
}

describe('RunningWeightedMedian', () => {
  it('gives the weighted median of a small population by hand', () => {
    // 10 (1), 20 (1), 30 (5): half 3.5 → 30
    const running = new RunningWeightedMedian([10, 20, 30], [1, 1, 5]);
    expect(running.median()).toBe(30);
    // 30 no longer counted: 10 (1), 20 (1), half 1 → 10
    running.set(2, NaN);
    expect(running.median()).toBe(10);
    // 10 moved to 25: 20 (1), 25 (1) → 20
    running.set(0, 25);
    expect(running.median()).toBe(20);
    running.set(0, NaN);
    running.set(1, NaN);
    expect(running.median()).toBeNull();
    running.set(2, -Infinity);
    expect(running.median()).toBe(-Infinity);
  });

  it('handles a population of one value (buckets cut from a single bound)', () => {
    const values = Array.from({ length: 5000 }, () => 3);
    const weights = Array.from({ length: 5000 }, () => 1);
    const running = new RunningWeightedMedian(values, weights);
    expect(running.median()).toBe(3);
    // 2,501 of 5,000 moved to 1: the lower half now ends at 1; then back above the others
    for (let i = 0; i < 2501; i++) running.set(i, 1);
    expect(running.median()).toBe(1);
    for (let i = 0; i < 2501; i++) running.set(i, 8);
    expect(running.median()).toBe(8);
    running.set(0, 3);
    expect(running.median()).toBe(3);
  });

  it('is null for a population without weight', () => {
    expect(new RunningWeightedMedian([], []).median()).toBeNull();
    expect(new RunningWeightedMedian([1, 2], [0, 0]).median()).toBeNull();
    expect(new RunningWeightedMedian([NaN], [4]).median()).toBeNull();
  });

  it('equals the sorted median after every change of a large population', () => {
    const random = mulberry32(41);
    for (const n of [1, 7, 3000, 20_000]) {
      // few distinct values (ties, and zeros as throughput has), a tenth without a value
      const draw = (): number => (random() < 0.1 ? NaN : random() < 0.2 ? 0 : Math.round(random() * 400) / 8);
      const values = Array.from({ length: n }, draw);
      const weights = Uint32Array.from({ length: n }, () => Math.floor(random() * 5));
      const running = new RunningWeightedMedian(values, weights);
      expect(running.median()).toBe(sortedMedian(values, weights));
      for (let edit = 0; edit < 60; edit++) {
        // an edit changes a batch of members; some go far outside the first range, some to ±Infinity
        const batch = 1 + Math.floor(random() * Math.min(n, 500));
        for (let k = 0; k < batch; k++) {
          const i = Math.floor(random() * n);
          const roll = random();
          values[i] = roll < 0.05 ? -1000 - random() * 100 : roll < 0.1 ? 1000 + random() * 100 : roll < 0.12 ? Infinity : roll < 0.14 ? -Infinity : draw();
          running.set(i, values[i]);
        }
        expect(running.median()).toBe(sortedMedian(values, weights));
      }
    }
  });

  it('equals the sorted median of every group and of all after every change, values spread within buckets', () => {
    const random = mulberry32(43);
    for (const [n, groups] of [[1, 1], [50, 3], [6000, 9], [8000, 400]]) {
      // continuous values (several per bucket), a third on whole numbers (ties), a cap many share, a tenth without
      const draw = (): number => {
        const roll = random();
        return roll < 0.1 ? NaN : roll < 0.25 ? 176 : roll < 0.5 ? Math.round(random() * 40) : random() * 40;
      };
      const values = Array.from({ length: n }, draw);
      const weights = Uint32Array.from({ length: n }, () => Math.floor(random() * 5));
      // groups of unequal sizes, some perhaps empty
      const groupOf = Uint16Array.from({ length: n }, () => Math.floor(groups * random() ** 2));
      const running = new RunningWeightedMedian(values, weights, groupOf, groups);
      const check = (): void => {
        expect(running.median()).toBe(sortedMedian(values, weights));
        for (let group = 0; group < groups; group += Math.max(1, Math.floor(groups / 12))) {
          expect(running.medianOf(group)).toBe(sortedMedian(ofGroup(values, groupOf, group), weights));
        }
      };
      check();
      for (let edit = 0; edit < 40; edit++) {
        const batch = 1 + Math.floor(random() * Math.min(n, 500));
        for (let k = 0; k < batch; k++) {
          const i = Math.floor(random() * n);
          // most changes small (a drag step's), some anywhere, some out of every bucket's range
          const roll = random();
          values[i] = roll < 0.5 && !Number.isNaN(values[i]) ? values[i] + (random() - 0.5) * 0.01 : roll < 0.55 ? -1000 : roll < 0.6 ? 1e6 : draw();
          running.set(i, values[i]);
        }
        check();
      }
    }
  });
});
