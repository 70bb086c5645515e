/** Per-ward fibre reach and shortfalls, with the arithmetic worked by hand. */
import { describe, expect, it } from 'vitest';
import { fibreStatistics, householdsNeeded } from '../../../src/core/fibre/fibre-statistics.ts';
import type { Ward } from '../../../src/core/model.ts';
import { householdsAt } from './fibre-fixture.ts';

const ward = (id: string): Ward => ({
  id, name: `Phường ${id}`, district: null, type: null, environment: null, population2019: null, households2019: null,
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});

describe('householdsNeeded', () => {
  it('rounds up to whole households', () => {
    expect(householdsNeeded(90, 1234)).toBe(1111); // 1110.6 → 1111
    expect(householdsNeeded(80, 50)).toBe(40); // exactly 40
    expect(householdsNeeded(90, 10)).toBe(9);
    expect(householdsNeeded(33.3, 3)).toBe(1); // 0.999 → 1
    expect(householdsNeeded(100, 7)).toBe(7);
    expect(householdsNeeded(90, 0)).toBe(0);
  });
});

describe('fibreStatistics', () => {
  it('sums counts per ward, outside and city-wide, with shortfalls to 80 % and 90 %', () => {
    // W1: 40 + 3 + 7 = 50 households, 40 + 3 passed = 43 → 86 %; 80 % needs 40 (met), 90 % needs 45 → short 2
    // W2: 10 households, none passed → 0 %; needs 8 and 9
    // outside: 5 households passed; city: 65 households, 48 passed = 73.846 %; needs 52 and 59 → short 4 and 11
    const points = householdsAt([[0, 0, 40], [0, 0, 3], [0, 0, 7], [0, 0, 10], [0, 0, 5]]);
    const wardOf = Int32Array.from([0, 0, 0, 1, -1]);
    const passed = Uint8Array.from([1, 1, 0, 0, 1]);
    const stats = fibreStatistics([ward('W1'), ward('W2'), ward('W3')], wardOf, points, passed);
    expect(stats.targetsPct).toEqual([80, 90]);
    expect(stats.wards[0]).toEqual({ wardIndex: 0, wardId: 'W1', wardName: 'Phường W1', households: 50, passed: 43, fibrePct: 86, shortfall: [0, 2] });
    expect(stats.wards[1]).toMatchObject({ households: 10, passed: 0, fibrePct: 0, shortfall: [8, 9] });
    // a ward without households has no shortfall and 0 %
    expect(stats.wards[2]).toMatchObject({ households: 0, passed: 0, fibrePct: 0, shortfall: [0, 0] });
    expect(stats.outside).toMatchObject({ households: 5, passed: 5, fibrePct: 100 });
    expect(stats.city.households).toBe(65);
    expect(stats.city.passed).toBe(48);
    expect(stats.city.fibrePct).toBeCloseTo(73.846, 3);
    expect(stats.city.shortfall).toEqual([4, 11]);
  });

  it('takes other targets', () => {
    const points = householdsAt([[0, 0, 10]]);
    const stats = fibreStatistics([ward('W1')], Int32Array.from([0]), points, Uint8Array.from([0]), [50]);
    expect(stats.wards[0].shortfall).toEqual([5]);
  });
});
