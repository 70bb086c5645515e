/**
 * The lower weighted median by hand (the smallest value whose cumulative weight reaches half of the total), and
 * against the plain median of the values repeated by their weights.
 */
import { describe, expect, it } from 'vitest';
import { speedStatistics, speedTargetMbps } from '../../../src/core/coverage/speed-statistics.ts';
import { groupedWeightedMedians, weightedMedian } from '../../../src/core/coverage/weighted-median.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

const median = (values: number[], weights: number[]): number | null =>
  weightedMedian(Float64Array.from(values), Float64Array.from(weights), values.length);

describe('weightedMedian', () => {
  it('is the smallest value whose cumulative weight reaches half', () => {
    // 1, 2, 3, 4 with unit weights: half = 2, reached at 2 (the lower median, not 2.5)
    expect(median([4, 1, 3, 2], [1, 1, 1, 1])).toBe(2);
    // 10 (1), 20 (1), 30 (5): half 3.5; cumulative 1, 2, 7 → 30
    expect(median([10, 20, 30], [1, 1, 5])).toBe(30);
    // 10 (3), 20 (3): half 3, reached at 10 exactly
    expect(median([20, 10], [3, 3])).toBe(10);
    // 10 (3), 20 (4): half 3.5, cumulative 3 at 10 → 20
    expect(median([20, 10], [4, 3])).toBe(20);
    // repeated values and a zero weight
    expect(median([5, 5, 7, 9, 1], [2, 0, 1, 1, 1])).toBe(5);
    expect(median([-12, 2, 2], [2, 1, 1])).toBe(-12);
    expect(median([7], [3])).toBe(7);
  });

  it('is null without weight', () => {
    expect(median([], [])).toBeNull();
    expect(median([1, 2], [0, 0])).toBeNull();
  });

  it('equals the lower median of the values repeated by their weights', () => {
    const random = mulberry32(17);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 40);
      const values = Array.from({ length: n }, () => Math.round(random() * 50) / 2);
      const weights = Array.from({ length: n }, () => Math.floor(random() * 6));
      const expanded = values.flatMap((value, k) => Array.from({ length: weights[k] }, () => value)).sort((a, b) => a - b);
      const expected = expanded.length === 0 ? null : expanded[Math.ceil(expanded.length / 2) - 1];
      expect(median(values, weights)).toBe(expected);
    }
  });
});

describe('speedStatistics', () => {
  it('averages and counts households at the target, 0 Mb/s without a server', () => {
    // 3 households at 30 Mb/s, 1 at 80, 2 without a server (NaN → 0), 4 at 40 (the target)
    const throughput = Float32Array.of(30, 80, NaN, 40);
    const count = Uint32Array.of(3, 1, 2, 4);
    const stats = speedStatistics(throughput, count, 40);
    // (90 + 80 + 0 + 160) / 10 = 33 Mb/s; at speed 1 + 4 = 5 → 50 %; median: 0 ×2, 30 ×3, 40 ×4, 80 → half 5 → 30
    expect(stats).toEqual({ households: 10, averageMbps: 33, medianMbps: 30, atSpeedHouseholds: 5, atSpeedPct: 50 });
    // a subset: points 1 and 3 only → (80 + 160) / 5 = 48 Mb/s, all at speed
    expect(speedStatistics(throughput, count, 40, [1, 3])).toMatchObject({ households: 5, averageMbps: 48, atSpeedPct: 100 });
    expect(speedStatistics(throughput, count, 40, [])).toMatchObject({ households: 0, averageMbps: null, medianMbps: null, atSpeedPct: 0 });
  });

  it('takes the target of the analysed technology', () => {
    expect(speedTargetMbps({ ...DEFAULT_SETTINGS, technology: '4G' })).toBe(40);
    expect(speedTargetMbps({ ...DEFAULT_SETTINGS, technology: '5G' })).toBe(100);
    expect(speedTargetMbps({ ...DEFAULT_SETTINGS, technology: '3G' })).toBeNull();
  });
});

/** The lower weighted median by sorting (the reference): NaN left out, null without weight. */
function sortedMedian(values: number[], weights: number[]): number | null {
  const pairs = values.map((value, k) => [value, weights[k]] as const).filter(([value]) => !Number.isNaN(value));
  pairs.sort((a, b) => a[0] - b[0] || 0);
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0)) return null;
  let below = 0;
  for (const [value, weight] of pairs) {
    below += weight;
    if (below >= total / 2) return value;
  }
  return null;
}

describe('groupedWeightedMedians', () => {
  /** Every group's median and the whole's, grouped and by sorting each. */
  function both(groupValues: number[][], groupWeights: number[][]) {
    const groupStart = [0];
    for (const group of groupValues) groupStart.push(groupStart[groupStart.length - 1] + group.length);
    const grouped = groupedWeightedMedians(Float64Array.from(groupValues.flat()), Float64Array.from(groupWeights.flat()), groupStart, groupValues.length);
    const sorted = { groups: groupValues.map((values, g) => sortedMedian(values, groupWeights[g])), whole: sortedMedian(groupValues.flat(), groupWeights.flat()) };
    return { grouped, sorted };
  }

  it('gives each group and the whole the median by sorting, on random populations with ties, shared ends, NaN and ±∞', () => {
    const random = mulberry32(20261206);
    for (let trial = 0; trial < 300; trial++) {
      const groups = 1 + Math.floor(random() * 30);
      const cap = 100 + Math.floor(random() * 50);
      const spread = random() < 0.5 ? 1 : 1e-6;
      const draw = (): number => {
        const u = random();
        if (u < 0.1) return NaN;
        if (u < 0.25) return 0;
        if (u < 0.45) return cap;
        if (u < 0.46) return random() < 0.5 ? Infinity : -Infinity;
        // interior values, many repeated (rounded), some negative, some within a hair of each other or of an end
        return random() < 0.5 ? Math.round((random() * cap - 20) * 4) / 4 : cap * (1 - spread * random());
      };
      const groupValues = Array.from({ length: groups }, () => Array.from({ length: Math.floor(random() * 200) }, draw));
      const groupWeights = groupValues.map((values) => values.map(() => Math.floor(random() * 5)));
      const { grouped, sorted } = both(groupValues, groupWeights);
      expect(grouped).toEqual(sorted);
    }
  });

  it('handles one value for all, no finite value, no weight and empty groups', () => {
    expect(both([[3, 3], [3]], [[1, 2], [4]]).grouped).toEqual({ groups: [3, 3], whole: 3 });
    expect(both([[NaN], [Infinity, Infinity], []], [[1], [1, 1], []]).grouped).toEqual({ groups: [null, Infinity, null], whole: Infinity });
    // −∞ (1), 5 (1), 7 (1): half 1.5 of the whole is reached at 5; half 1 of the first group at −∞
    expect(both([[-Infinity, 5], [7]], [[1, 1], [1]]).grouped).toEqual({ groups: [-Infinity, 7], whole: 5 });
    expect(both([[1, 2], [9]], [[0, 0], [0]]).grouped).toEqual({ groups: [null, null], whole: null });
  });

  it('selects in the middle bucket when a group straddles it (hand-worked)', () => {
    // values 0 … 255 with unit weights in one group: half = 128, reached at 127 (the lower median)
    const values = Array.from({ length: 256 }, (_, k) => k);
    expect(both([values], [values.map(() => 1)]).grouped).toEqual({ groups: [127], whole: 127 });
  });
});
