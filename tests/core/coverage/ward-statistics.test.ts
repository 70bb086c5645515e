/** Ward statistics on a hand-worked table: sums of household counts per class, percentages, outside row. */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { applyWardStatisticsDelta, wardStatistics, WardStatisticsTally } from '../../../src/core/coverage/ward-statistics.ts';
import type { CoverageResult } from '../../../src/core/coverage/coverage-result.ts';
import type { HouseholdPoints, Ward } from '../../../src/core/model.ts';

const box: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
const ward = (id: string, name: string): Ward => ({
  id, name, district: null, type: null, environment: null, population2019: null, households2019: null, geometry: box,
});

describe('wardStatistics', () => {
  // points: ward, count, class (0 good … 3 none), fibre passed
  const table: Array<[number, number, number, number]> = [
    [0, 40, 0, 1], // A: 40 good, passed
    [0, 3, 1, 1], //  A: 3 fair, passed
    [0, 1, 2, 0], //  A: 1 weak
    [0, 6, 3, 0], //  A: 6 none
    [1, 2, 3, 0], //  B: 2 none
    [-1, 5, 3, 1], // outside: 5 none, passed
  ];
  const households: HouseholdPoints = {
    length: table.length,
    ids: table.map((_, i) => `h${i}`),
    lon: new Float64Array(table.length),
    lat: new Float64Array(table.length),
    count: Uint32Array.from(table.map((row) => row[1])),
    wardId: table.map(() => null),
  };
  const coverage: CoverageResult = {
    technology: '4G',
    operator: null,
    bestCell: new Int32Array(table.length),
    rsrpDbm: new Float32Array(table.length),
    signalClass: Uint8Array.from(table.map((row) => row[2])),
  };
  const wardOf = Int32Array.from(table.map((row) => row[0]));
  const passed = Uint8Array.from(table.map((row) => row[3]));

  it('sums counts per ward and class, with weak_pct and fibre_pct', () => {
    const { wards } = wardStatistics([ward('A', 'Phường A'), ward('B', 'Xã B'), ward('C', 'Xã C')], wardOf, households, coverage, passed);
    // A: 50 households; weak + none = 7 → 14 %; fibre 43 → 86 %
    expect(wards[0]).toEqual({
      wardIndex: 0, wardId: 'A', wardName: 'Phường A', households: 50, good: 40, fair: 3, weak: 1, none: 6,
      weakPct: 14, fibreHouseholds: 43, fibrePct: 86,
    });
    expect(wards[1]).toMatchObject({ households: 2, none: 2, weakPct: 100, fibreHouseholds: 0, fibrePct: 0 });
    // a ward without households has no gap, not NaN
    expect(wards[2]).toMatchObject({ households: 0, weakPct: 0, fibrePct: 0 });
  });

  it('keeps households outside every ward in the total and in their own row', () => {
    const { total, outside } = wardStatistics([ward('A', 'A'), ward('B', 'B'), ward('C', 'C')], wardOf, households, coverage, passed);
    expect(outside).toEqual({ households: 5, good: 0, fair: 0, weak: 0, none: 5 });
    // 57 households; weak + none = 1 + 6 + 2 + 5 = 14 → 24.561 %; fibre 48 → 84.211 %
    expect(total.households).toBe(57);
    expect(total.weakPct).toBeCloseTo(24.5614, 3);
    expect(total.fibreHouseholds).toBe(48);
    expect(total.fibrePct).toBeCloseTo(84.2105, 3);
  });

  it('counts no fibre without a fibre layer', () => {
    const { total } = wardStatistics([ward('A', 'A'), ward('B', 'B')], wardOf, households, coverage, null);
    expect(total.fibreHouseholds).toBe(0);
  });

  it('moves edited households between classes and gives only the ward rows that changed', () => {
    const wards = [ward('A', 'A'), ward('B', 'B'), ward('C', 'C')];
    const tally = new WardStatisticsTally(wards, wardOf, households, coverage, passed);
    // an edit: A's 40 good households lose their server (none), the outside point gains (none → fair)
    const edited = coverage.signalClass.slice();
    edited[0] = 3;
    edited[5] = 1;
    const rows = tally.update([0, 5, 4], edited);
    // point 4 (B) is listed as changed but kept its class: B's row did not change
    expect(rows).toEqual([-1, 0]);
    const delta = tally.delta(rows);
    // A: good 0, none 6 + 40 = 46 → weak % (1 + 46) / 50 = 94
    expect(delta.wards).toEqual([
      { wardIndex: 0, wardId: 'A', wardName: 'A', households: 50, good: 0, fair: 3, weak: 1, none: 46, weakPct: 94, fibreHouseholds: 43, fibrePct: 86 },
    ]);
    expect(delta.outside).toEqual({ households: 5, good: 0, fair: 5, weak: 0, none: 0 });
    // city: weak + none = 1 + 46 + 2 + 0 = 49 of 57
    expect(delta.total).toMatchObject({ households: 57, good: 0, fair: 8, weak: 1, none: 48 });
    expect(delta.total.weakPct).toBeCloseTo((49 * 100) / 57, 10);
    const before = wardStatistics(wards, wardOf, households, coverage, passed);
    const after = applyWardStatisticsDelta(before, delta);
    expect(after.wards[1]).toBe(before.wards[1]);
    expect(after.wards[0].none).toBe(46);
  });
});
