/**
 * region-tally.ts: the country-wide medians from values kept in hundredths. Checked against `toFixed` (the
 * rounding every output uses) and against weighted medians computed by sorting, on two regions added apart.
 */
import { describe, expect, it } from 'vitest';
import { hundredths, regionRows, RegionTally } from '../../../src/core/coverage/region-tally.ts';
import type { CoverageResult } from '../../../src/core/coverage/coverage-result.ts';
import type { HouseholdPoints } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

/** Lower weighted median by sorting: the smallest value whose cumulative weight reaches half the total. */
function sortedMedian(values: number[], weights: number[]): number | null {
  const order = values.map((_, k) => k).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return null;
  let below = 0;
  for (const k of order) if ((below += weights[k]) >= total / 2) return values[k];
  return null;
}

describe('hundredths', () => {
  it('rounds as Number(value.toFixed(2)) does, halves and binary near-halves included', () => {
    const random = mulberry32(3);
    const values = [1.005, 2.675, -0.005, -1.005, 0.125, -0.125, 1.115, 1e-9, -95.1049, 123456.785];
    for (let k = 0; k < 20_000; k++) values.push((random() - 0.5) * 400, Math.round((random() - 0.5) * 40_000) / 100 + 0.005);
    for (const value of values) expect(hundredths(value) / 100, String(value)).toBe(Number(value.toFixed(2)) + 0);
  });

  it('keeps NaN and infinities apart from every number', () => {
    expect(new Set([hundredths(NaN), hundredths(-Infinity), hundredths(Infinity)]).size).toBe(1);
    expect(hundredths(NaN)).toBeLessThan(hundredths(-1e7));
  });
});

describe('RegionTally', () => {
  it('gives the medians of all regions together, to 0.01, and each cell’s households over both regions', () => {
    const random = mulberry32(8);
    const region = (n: number, cells: number): { households: HouseholdPoints; coverage: CoverageResult } => {
      const bestCell = Int32Array.from({ length: n }, () => (random() < 0.1 ? -1 : Math.floor(random() * cells)));
      const rsrpDbm = Float32Array.from(bestCell, (c) => (c === -1 ? -Infinity : -70 - random() * 60));
      const sinrDb = Float32Array.from(bestCell, (c) => (c === -1 ? NaN : -5 + random() * 30));
      const throughputMbps = Float32Array.from(sinrDb, (s) => (Number.isNaN(s) ? NaN : random() * 150));
      const count = Uint32Array.from({ length: n }, () => 1 + Math.floor(random() * 5));
      return {
        households: { length: n, ids: [], lon: new Float64Array(n), lat: new Float64Array(n), count, wardId: [] },
        coverage: { technology: '4G', operator: null, bestCell, rsrpDbm, signalClass: new Uint8Array(n), sinrDb, throughputMbps, serversWithin6Db: new Uint8Array(n) },
      };
    };
    // region 1 analyses global cells 0–3 as local 0–3; region 2 analyses global cells 2–5 as local 0–3
    const first = region(500, 4);
    const second = region(700, 4);
    const tally = new RegionTally(6, '4G');
    const totals = { households: 0, good: 0, fair: 0, weak: 0, none: 0, weakPct: 0, fibreHouseholds: 0, fibrePct: 0, medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: 0, speedOkPct: 0 };
    tally.add(regionRows(first.households, first.coverage, Int32Array.of(0, 1, 2, 3)), totals);
    tally.add(regionRows(second.households, second.coverage, Int32Array.of(2, 3, 4, 5)), totals);
    const round2 = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(2)));
    const rows = [first, second].flatMap(({ households, coverage }, r) =>
      Array.from({ length: households.length }, (_, h) => ({
        cell: coverage.bestCell[h] === -1 ? -1 : coverage.bestCell[h] + 2 * r,
        rsrp: coverage.rsrpDbm[h],
        sinr: coverage.sinrDb[h],
        throughput: Number.isNaN(coverage.throughputMbps[h]) ? 0 : coverage.throughputMbps[h],
        count: households.count[h],
      })),
    );
    const withSinr = rows.filter((row) => !Number.isNaN(row.sinr));
    const result = tally.totals();
    expect(result.medianSinrDb).toBe(round2(sortedMedian(withSinr.map((row) => row.sinr), withSinr.map((row) => row.count))));
    expect(result.medianThroughputMbps).toBe(round2(sortedMedian(rows.map((row) => row.throughput), rows.map((row) => row.count))));
    const cells = tally.cells();
    for (let c = 0; c < 6; c++) {
      const served = rows.filter((row) => row.cell === c);
      expect(cells[c].households).toBe(served.reduce((sum, row) => sum + row.count, 0));
      expect(cells[c].medianRsrpDbm).toBe(round2(sortedMedian(served.map((row) => row.rsrp), served.map((row) => row.count))));
      expect(cells[c].medianThroughputMbps).toBe(round2(sortedMedian(served.map((row) => row.throughput), served.map((row) => row.count))));
    }
    // regions come from threads in any order: the same figures
    const reversed = new RegionTally(6, '4G');
    reversed.add(regionRows(second.households, second.coverage, Int32Array.of(2, 3, 4, 5)), totals);
    reversed.add(regionRows(first.households, first.coverage, Int32Array.of(0, 1, 2, 3)), totals);
    expect(reversed.cells()).toEqual(cells);
    expect(reversed.totals()).toEqual(result);
  });

  it('takes a cell’s medians over every region it serves, three included, and leaves cells serving none empty', () => {
    const random = mulberry32(21);
    // three regions, each analysing global cell 0 (local 0) and one cell of its own; a fourth serving nobody
    const regions = [1, 2, 3].map((own) => {
      const n = 300;
      const bestCell = Int32Array.from({ length: n }, () => (random() < 0.5 ? 0 : 1));
      const rsrpDbm = Float32Array.from(bestCell, () => -60 - random() * 70);
      const sinrDb = Float32Array.from(bestCell, () => -8 + random() * 35);
      const throughputMbps = Float32Array.from(sinrDb, () => random() * 200);
      const count = Uint32Array.from({ length: n }, () => 1 + Math.floor(random() * 40));
      return {
        globalCell: Int32Array.of(0, own),
        households: { length: n, ids: [], lon: new Float64Array(n), lat: new Float64Array(n), count, wardId: [] } as HouseholdPoints,
        coverage: { technology: '4G', operator: null, bestCell, rsrpDbm, signalClass: new Uint8Array(n), sinrDb, throughputMbps, serversWithin6Db: new Uint8Array(n) } as CoverageResult,
      };
    });
    const none = { length: 2, ids: [], lon: new Float64Array(2), lat: new Float64Array(2), count: Uint32Array.of(3, 4), wardId: [] } as HouseholdPoints;
    const unserved = { technology: '4G', operator: null, bestCell: Int32Array.of(-1, -1), rsrpDbm: Float32Array.of(-Infinity, -Infinity), signalClass: new Uint8Array(2), sinrDb: Float32Array.of(NaN, NaN), throughputMbps: Float32Array.of(NaN, NaN), serversWithin6Db: new Uint8Array(2) } as CoverageResult;
    const tally = new RegionTally(5, '4G');
    const totals = { households: 0, good: 0, fair: 0, weak: 0, none: 0, weakPct: 0, fibreHouseholds: 0, fibrePct: 0, medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: 0, speedOkPct: 0 };
    tally.add(regionRows(none, unserved, Int32Array.of()), totals);
    for (const { households, coverage, globalCell } of regions) tally.add(regionRows(households, coverage, globalCell), totals);
    const cells = tally.cells();
    const round2 = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(2)));
    for (const c of [0, 1, 2, 3]) {
      const values = regions.flatMap(({ households, coverage, globalCell }) =>
        Array.from({ length: households.length }, (_, h) => h).filter((h) => globalCell[coverage.bestCell[h]] === c).map((h) => ({ sinr: coverage.sinrDb[h], count: households.count[h] })),
      );
      expect(cells[c].households).toBe(values.reduce((sum, row) => sum + row.count, 0));
      expect(cells[c].medianSinrDb).toBe(round2(sortedMedian(values.map((row) => row.sinr), values.map((row) => row.count))));
    }
    expect(cells[4]).toEqual({ households: 0, medianRsrpDbm: null, medianSinrDb: null, medianThroughputMbps: null });
  });
});

describe('RegionTally totals', () => {
  it('takes the medians over values that widen the range either way, and over values too far apart for a dense table', () => {
    const random = mulberry32(34);
    const totals = { households: 0, good: 0, fair: 0, weak: 0, none: 0, weakPct: 0, fibreHouseholds: 0, fibrePct: 0, medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: 0, speedOkPct: 0 };
    // per region: SINR and throughput ranges; the third's throughputs (10^7 Mb/s, a mistyped bandwidth) are 10^9 hundredths away
    const ranges = [
      { sinr: [10, 20], throughput: [50, 60] },
      { sinr: [-30, -5], throughput: [0, 10] },
      { sinr: [0, 40], throughput: [1e7, 1.1e7] },
      { sinr: [5, 15], throughput: [20, 80] },
    ];
    const tally = new RegionTally(1, '4G');
    const all = { sinr: [] as number[], throughput: [] as number[], count: [] as number[] };
    for (const { sinr, throughput } of ranges) {
      const n = 400;
      const bestCell = new Int32Array(n);
      const sinrDb = Float32Array.from({ length: n }, () => sinr[0] + random() * (sinr[1] - sinr[0]));
      const throughputMbps = Float32Array.from({ length: n }, () => throughput[0] + random() * (throughput[1] - throughput[0]));
      const count = Uint32Array.from({ length: n }, () => 1 + Math.floor(random() * 9));
      const households = { length: n, ids: [], lon: new Float64Array(n), lat: new Float64Array(n), count, wardId: [] } as HouseholdPoints;
      const coverage = { technology: '4G', operator: null, bestCell, rsrpDbm: new Float32Array(n).fill(-80), signalClass: new Uint8Array(n), sinrDb, throughputMbps, serversWithin6Db: new Uint8Array(n) } as CoverageResult;
      tally.add(regionRows(households, coverage, Int32Array.of(0)), totals);
      all.sinr.push(...sinrDb);
      all.throughput.push(...throughputMbps);
      all.count.push(...count);
      const round2 = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(2)));
      // after each region: the medians of all so far
      expect(tally.totals().medianSinrDb).toBe(round2(sortedMedian(all.sinr, all.count)));
      expect(tally.totals().medianThroughputMbps).toBe(round2(sortedMedian(all.throughput, all.count)));
    }
  });
});
