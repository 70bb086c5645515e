import { describe, expect, it } from 'vitest';
import type { WardStats } from '../../src/core/coverage/coverage-result.ts';
import { toCsv } from '../../src/io/export-table.ts';
import { wardStatisticsTable } from '../../src/io/export-ward-table.ts';

/** A ward's statistics from its class counts, the percentages computed here by hand. */
function stats(wardId: string, good: number, fair: number, weak: number, none: number, fibreHouseholds: number): WardStats {
  const households = good + fair + weak + none;
  const pct = (part: number) => (households > 0 ? (part * 100) / households : 0);
  return {
    wardIndex: 0, wardId, wardName: wardId, households, good, fair, weak, none, weakPct: pct(weak + none), fibreHouseholds, fibrePct: pct(fibreHouseholds),
    medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: null, speedOkPct: null,
  };
}

describe('wardStatisticsTable', () => {
  it('writes the wards.csv columns with percentages rounded to 0.01', () => {
    // 1 weak + 2 none of 7 households: 3/7 × 100 = 42.857… → 42.86; fibre 5/7 × 100 = 71.428… → 71.43
    const ward: WardStats = {
      wardIndex: 0, wardId: '11296', wardName: 'Phường "Quán" Toan', households: 7, good: 3, fair: 1, weak: 1, none: 2,
      weakPct: (3 * 100) / 7, fibreHouseholds: 5, fibrePct: (5 * 100) / 7,
      // issue 12: 4 of 7 households at speed → 57.142… → 57.14; medians rounded to 0.01
      medianSinrDb: 7.12345, medianThroughputMbps: 41.006, speedOkHouseholds: 4, speedOkPct: (4 * 100) / 7,
    };
    const table = wardStatisticsTable([ward]);
    // the issue 3 contract, then issue 12's columns at the end, written out (not the module's own constant)
    expect(table.columns).toEqual([
      'ward_id', 'ward_name', 'households', 'good', 'fair', 'weak', 'none', 'weak_pct', 'fibre_households', 'fibre_pct',
      'median_sinr_db', 'median_throughput_mbps', 'speed_ok_households', 'speed_ok_pct',
    ]);
    expect(table.rows).toEqual([['11296', 'Phường "Quán" Toan', 7, 3, 1, 1, 2, 42.86, 5, 71.43, 7.12, 41.01, 4, 57.14]]);
    expect(toCsv(table, { bom: true })).toBe(
      '\uFEFFward_id,ward_name,households,good,fair,weak,none,weak_pct,fibre_households,fibre_pct,' +
        'median_sinr_db,median_throughput_mbps,speed_ok_households,speed_ok_pct\r\n' +
        '11296,"Phường ""Quán"" Toan",7,3,1,1,2,42.86,5,71.43,7.12,41.01,4,57.14\r\n',
    );
  });

  it('leaves the quality columns empty where they are not modelled (2G/3G)', () => {
    const csv = toCsv(wardStatisticsTable([stats('A', 1, 0, 0, 0, 0)]), { newline: '\n' });
    expect(csv.split('\n')[1]).toBe('A,A,1,1,0,0,0,0,0,0,,,,');
  });

  it('keeps the wards in the order given, and rounds thirds, sixths and whole percentages as a reader expects', () => {
    const rows = wardStatisticsTable([stats('A', 2, 0, 1, 0, 3), stats('B', 5, 0, 0, 1, 0), stats('C', 0, 0, 0, 0, 0), stats('D', 0, 0, 0, 8, 8)]).rows;
    expect(rows.map((row) => [row[0], row[7], row[9]])).toEqual([
      ['A', 33.33, 100], // 1/3 → 33.333…, 3/3
      ['B', 16.67, 0], // 1/6 → 16.666…
      ['C', 0, 0], // no households: 0, not NaN
      ['D', 100, 100],
    ]);
  });
});
