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
  });
});
