/** Ward statistics on a hand-worked table: sums of household counts per class, percentages, outside row. */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { applyWardStatisticsDelta, wardStatistics, WardStatisticsTally } from '../../../src/core/coverage/ward-statistics.ts';
import type { CoverageResult } from '../../../src/core/coverage/coverage-result.ts';
import type { HouseholdPoints, Ward } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

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
    technology: '3G',
    operator: null,
    bestCell: new Int32Array(table.length),
    rsrpDbm: new Float32Array(table.length),
    signalClass: Uint8Array.from(table.map((row) => row[2])),
    sinrDb: new Float32Array(table.length).fill(NaN),
    throughputMbps: new Float32Array(table.length).fill(NaN),
    serversWithin6Db: new Uint8Array(table.length),
  };
  const wardOf = Int32Array.from(table.map((row) => row[0]));
  const passed = Uint8Array.from(table.map((row) => row[3]));

  it('sums counts per ward and class, with weak_pct and fibre_pct', () => {
    const { wards } = wardStatistics([ward('A', 'Phường A'), ward('B', 'Xã B'), ward('C', 'Xã C')], wardOf, households, coverage, passed, null);
    // A: 50 households; weak + none = 7 → 14 %; fibre 43 → 86 %
    expect(wards[0]).toEqual({
      wardIndex: 0, wardId: 'A', wardName: 'Phường A', households: 50, good: 40, fair: 3, weak: 1, none: 6,
      weakPct: 14, fibreHouseholds: 43, fibrePct: 86,
      // a 3G analysis: no downlink quality
      medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: null, speedOkPct: null,
    });
    expect(wards[1]).toMatchObject({ households: 2, none: 2, weakPct: 100, fibreHouseholds: 0, fibrePct: 0 });
    // a ward without households has no gap, not NaN
    expect(wards[2]).toMatchObject({ households: 0, weakPct: 0, fibrePct: 0 });
  });

  it('keeps households outside every ward in the total and in their own row', () => {
    const { total, outside } = wardStatistics([ward('A', 'A'), ward('B', 'B'), ward('C', 'C')], wardOf, households, coverage, passed, null);
    expect(outside).toEqual({ households: 5, good: 0, fair: 0, weak: 0, none: 5 });
    // 57 households; weak + none = 1 + 6 + 2 + 5 = 14 → 24.561 %; fibre 48 → 84.211 %
    expect(total.households).toBe(57);
    expect(total.weakPct).toBeCloseTo(24.5614, 3);
    expect(total.fibreHouseholds).toBe(48);
    expect(total.fibrePct).toBeCloseTo(84.2105, 3);
  });

  it('counts no fibre without a fibre layer', () => {
    const { total } = wardStatistics([ward('A', 'A'), ward('B', 'B')], wardOf, households, coverage, null, null);
    expect(total.fibreHouseholds).toBe(0);
  });

  it('moves edited households between classes and gives only the ward rows that changed', () => {
    const wards = [ward('A', 'A'), ward('B', 'B'), ward('C', 'C')];
    const tally = new WardStatisticsTally(wards, wardOf, households, coverage, passed, null);
    // an edit: A's 40 good households lose their server (none), the outside point gains (none → fair)
    const saved = coverage.signalClass.slice();
    coverage.signalClass[0] = 3;
    coverage.signalClass[5] = 1;
    const rows = tally.update([0, 5, 4]);
    // point 4 (B) is listed as changed but kept its class: B's row did not change
    expect(rows).toEqual([-1, 0]);
    const delta = tally.delta(rows);
    // A: good 0, none 6 + 40 = 46 → weak % (1 + 46) / 50 = 94
    expect(delta.wards).toEqual([
      {
        wardIndex: 0, wardId: 'A', wardName: 'A', households: 50, good: 0, fair: 3, weak: 1, none: 46, weakPct: 94, fibreHouseholds: 43, fibrePct: 86,
        medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: null, speedOkPct: null,
      },
    ]);
    expect(delta.outside).toEqual({ households: 5, good: 0, fair: 5, weak: 0, none: 0 });
    // city: weak + none = 1 + 46 + 2 + 0 = 49 of 57
    expect(delta.total).toMatchObject({ households: 57, good: 0, fair: 8, weak: 1, none: 48 });
    expect(delta.total.weakPct).toBeCloseTo((49 * 100) / 57, 10);
    const edited = coverage.signalClass.slice();
    coverage.signalClass.set(saved);
    const before = wardStatistics(wards, wardOf, households, coverage, passed, null);
    const after = applyWardStatisticsDelta(before, delta);
    expect(after.wards[1]).toBe(before.wards[1]);
    expect(after.wards[0].none).toBe(46);
    coverage.signalClass.set(edited);
    expect(after).toEqual(wardStatistics(wards, wardOf, households, coverage, passed, null));
    coverage.signalClass.set(saved);
  });
});

describe('wardStatistics: downlink quality (4G)', () => {
  // points: ward, count, SINR dB (NaN: no server above the cut-off), throughput Mb/s (NaN: none)
  const table: Array<[number, number, number, number]> = [
    [0, 3, 2, 30], // A: 3 households, 2 dB, 30 Mb/s
    [0, 1, 10, 80], // A: 1, 10 dB, 80 Mb/s
    [0, 2, -12, 0], // A: 2, −12 dB (below SINR_MIN): 0 Mb/s
    [0, 4, NaN, NaN], // A: 4 without a server: no SINR, 0 Mb/s in the statistics
    [1, 5, 20, 120], // B: 5, 20 dB, 120 Mb/s
    [1, 5, 6, 40], //  B: 5, 6 dB, exactly the 40 Mb/s target
    [-1, 2, 15, 90], // outside: 2, 15 dB, 90 Mb/s
  ];
  const households: HouseholdPoints = {
    length: table.length,
    ids: table.map((_, i) => `h${i}`),
    lon: new Float64Array(table.length),
    lat: new Float64Array(table.length),
    count: Uint32Array.from(table.map((row) => row[1])),
    wardId: table.map(() => null),
  };
  const coverage = (): CoverageResult => ({
    technology: '4G',
    operator: null,
    bestCell: Int32Array.from(table, (row) => (Number.isNaN(row[2]) ? -1 : 0)),
    rsrpDbm: new Float32Array(table.length),
    signalClass: new Uint8Array(table.length),
    sinrDb: Float32Array.from(table, (row) => row[2]),
    throughputMbps: Float32Array.from(table, (row) => row[3]),
    serversWithin6Db: new Uint8Array(table.length),
  });
  const wardOf = Int32Array.from(table, (row) => row[0]);
  const wards = [ward('A', 'A'), ward('B', 'B'), ward('C', 'C')];

  it('gives household-weighted medians and the households at the speed target', () => {
    const { wards: rows, total } = wardStatistics(wards, wardOf, households, coverage(), null, 40);
    // A, SINR of the 6 households that have one, sorted: −12 −12 2 2 2 10; half of 6 is 3, reached at 2 dB
    // A, throughput of all 10: 0 ×2, 0 ×4 (no server), 30 ×3, 80 ×1; half of 10 is 5, reached at 0 Mb/s
    expect(rows[0]).toMatchObject({ households: 10, medianSinrDb: 2, medianThroughputMbps: 0, speedOkHouseholds: 1, speedOkPct: 10 });
    // B: 6 dB ×5, 20 dB ×5: half of 10 is 5, reached at 6 dB (the lower median); 40 Mb/s counts as at speed
    expect(rows[1]).toMatchObject({ households: 10, medianSinrDb: 6, medianThroughputMbps: 40, speedOkHouseholds: 10, speedOkPct: 100 });
    // C has no households: no median, 0 %
    expect(rows[2]).toMatchObject({ households: 0, medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: 0, speedOkPct: 0 });
    // city, 22 households: SINR of 18: −12 ×2, 2 ×3, 6 ×5, 10, 15 ×2, 20 ×5 → half 9, reached at 6 dB (2 + 3 + 5 = 10)
    // throughput of 22: 0 ×6, 30 ×3, 40 ×5, 80, 90 ×2, 120 ×5 → half 11, reached at 40 (6 + 3 + 5 = 14); at speed
    // 1 + 10 + 2 = 13 → 59.09 %
    expect(total).toMatchObject({ households: 22, medianSinrDb: 6, medianThroughputMbps: 40, speedOkHouseholds: 13 });
    expect(total.speedOkPct).toBeCloseTo((13 * 100) / 22, 10);
  });

  it.each([false, true])('keeps the speed counts and medians in step with edited households (medians set up ahead: %s)', (ahead) => {
    const result = coverage();
    const tally = new WardStatisticsTally(wards, wardOf, households, result, null, 40);
    if (ahead) tally.prepareForEdits();
    // an edit lifts A's households without a server to 12 dB, 60 Mb/s
    result.sinrDb[3] = 12;
    result.throughputMbps[3] = 60;
    const delta = tally.delta(tally.update([3]));
    // A: SINR −12 ×2, 2 ×3, 10, 12 ×4 → half 5, reached at 2 dB; throughput 0 ×2, 30 ×3, 60 ×4, 80 → half 5, at 30
    expect(delta.wards).toHaveLength(1);
    expect(delta.wards[0]).toMatchObject({ medianSinrDb: 2, medianThroughputMbps: 30, speedOkHouseholds: 5, speedOkPct: 50 });
    const full = wardStatistics(wards, wardOf, households, result, null, 40);
    expect(delta.total).toEqual(full.total);
    expect(delta.wards[0]).toEqual(full.wards[0]);
    // a second edit: B's 20 dB households lose their server
    result.sinrDb[4] = NaN;
    result.throughputMbps[4] = NaN;
    const second = tally.delta(tally.update([4]));
    // B: SINR 6 ×5 → 6; throughput 0 ×5, 40 ×5 → half 5, reached at 0
    expect(second.wards[0]).toMatchObject({ wardIndex: 1, medianSinrDb: 6, medianThroughputMbps: 0, speedOkHouseholds: 5 });
    const fullAfter = wardStatistics(wards, wardOf, households, result, null, 40);
    expect(second.total).toEqual(fullAfter.total);
    expect(second.wards[0]).toEqual(fullAfter.wards[1]);
  });

  it('keeps every ward median equal to a fresh count over many random edits', () => {
    const random = mulberry32(7);
    const n = 4000;
    const manyWards = Array.from({ length: 12 }, (_, w) => ward(`W${w}`, `W${w}`));
    // wards of very different sizes, a few households outside every ward
    const wardOfMany = Int32Array.from({ length: n }, () => (random() < 0.03 ? -1 : Math.floor(12 * random() ** 2)));
    const many: HouseholdPoints = {
      length: n,
      ids: Array.from({ length: n }, (_, i) => `h${i}`),
      lon: new Float64Array(n),
      lat: new Float64Array(n),
      count: Uint32Array.from({ length: n }, () => 1 + Math.floor(random() * 4)),
      wardId: Array.from({ length: n }, () => null),
    };
    // SINR and throughput spread over a range (several values per bucket of the running medians), some SINR on
    // whole decibels (ties), throughput capped (many households share the cap) or none
    const draw = (h: number, result: CoverageResult): void => {
      const served = random() > 0.1;
      const sinr = random() * 30 - 7.5;
      result.sinrDb[h] = served ? (random() < 0.3 ? Math.round(sinr) : sinr) : NaN;
      result.throughputMbps[h] = served ? Math.min(176, random() * 300) : NaN;
    };
    for (const ahead of [false, true]) {
      const result: CoverageResult = {
        technology: '4G',
        operator: null,
        bestCell: new Int32Array(n),
        rsrpDbm: new Float32Array(n),
        signalClass: new Uint8Array(n),
        sinrDb: new Float32Array(n),
        throughputMbps: new Float32Array(n),
        serversWithin6Db: new Uint8Array(n),
      };
      for (let h = 0; h < n; h++) draw(h, result);
      const tally = new WardStatisticsTally(manyWards, wardOfMany, many, result, null, 100);
      if (ahead) tally.prepareForEdits();
      let statistics = tally.result();
      for (let edit = 0; edit < 40; edit++) {
        const changed = Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * n));
        for (const h of changed) draw(h, result);
        statistics = applyWardStatisticsDelta(statistics, tally.delta(tally.update(changed)));
        expect(statistics).toEqual(wardStatistics(manyWards, wardOfMany, many, result, null, 100));
      }
    }
  });
});
