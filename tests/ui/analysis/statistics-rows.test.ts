import { describe, expect, it } from 'vitest';
import type { WardStats } from '../../../src/core/coverage/coverage-result.ts';
import type { Ward } from '../../../src/core/model.ts';
import { buildStatisticsRows, statisticsColumns } from '../../../src/ui/analysis/statistics-rows.ts';
import { filterDataRows, sortDataRows } from '../../../src/ui/data-rows.ts';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
const ward = (id: string, name: string, district: string): Ward => ({
  id, name, district, type: null, environment: null, population2019: null, households2019: null, geometry: square,
});
const stats = (wardIndex: number, wardName: string, households: number, weak: number, none: number): WardStats => ({
  wardIndex, wardId: String(wardIndex), wardName, households, good: households - weak - none, fair: 0, weak, none,
  weakPct: households > 0 ? ((weak + none) * 100) / households : 0, fibreHouseholds: 0, fibrePct: 0,
  medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: null, speedOkPct: null,
});

const WARDS = [ward('1', 'Phường Đằng Hải', 'Hải An'), ward('2', 'Xã An Đồng', 'An Dương'), ward('3', 'Phường Cát Bi', 'Hải An')];
// weak % by hand: 10/200 = 5 %, 30/100 = 30 %, 0/50 = 0 %
const STATS = [stats(0, 'Phường Đằng Hải', 200, 6, 4), stats(1, 'Xã An Đồng', 100, 20, 10), stats(2, 'Phường Cát Bi', 50, 0, 0)];
const collator = new Intl.Collator('vi', { sensitivity: 'base' });

describe('statistics rows', () => {
  it('joins the statistics with the wards and carries weak %', () => {
    const rows = buildStatisticsRows(WARDS, STATS);
    expect(rows.map((row) => [row.name, row.households, row.weakPct])).toEqual([
      ['Phường Đằng Hải', 200, 5],
      ['Xã An Đồng', 100, 30],
      ['Phường Cát Bi', 50, 0],
    ]);
  });

  it('finds wards by name or district without diacritics', () => {
    const rows = buildStatisticsRows(WARDS, STATS);
    expect(filterDataRows(rows, 'dang hai').map((row) => row.wardIndex)).toEqual([0]);
    expect(filterDataRows(rows, 'hai an').map((row) => row.wardIndex)).toEqual([0, 2]);
    expect(filterDataRows(rows, '  ')).toHaveLength(3);
  });

  it('finds a 2025 unit, which has no district, by the districts its area was in', () => {
    const units = [{ ...WARDS[0], district: null }, { ...WARDS[1], district: null }];
    const former: Record<string, string> = { '1': 'Quận Hải An', '2': 'Huyện An Dương' };
    const rows = buildStatisticsRows(units, STATS.slice(0, 2), (unit) => former[unit.id]);
    expect(filterDataRows(rows, 'quan hai an').map((row) => row.wardIndex)).toEqual([0]);
    expect(filterDataRows(rows, 'an duong').map((row) => row.wardIndex)).toEqual([1]);
  });

  it('sorts by weak % descending and by name with Vietnamese collation', () => {
    const rows = buildStatisticsRows(WARDS, STATS);
    expect(sortDataRows(rows, { key: 'weakPct', descending: true }, collator).map((row) => row.weakPct)).toEqual([30, 5, 0]);
    // "Phường Cát Bi" < "Phường Đằng Hải" (Đ sorts after D, and C before it) < "Xã An Đồng"
    expect(sortDataRows(rows, { key: 'name', descending: false }, collator).map((row) => row.wardIndex)).toEqual([2, 0, 1]);
  });

  it('keeps ward order for ties, in either direction', () => {
    const rows = buildStatisticsRows(WARDS, [stats(0, 'A', 10, 0, 0), stats(1, 'B', 10, 0, 0), stats(2, 'C', 10, 0, 0)]);
    expect(sortDataRows(rows, { key: 'households', descending: true }, collator).map((row) => row.wardIndex)).toEqual([0, 1, 2]);
  });

  it('shows the speed columns only for an analysis with throughput (4G/5G)', () => {
    const keys = (stats: WardStats[]) => statisticsColumns(stats).map((column) => column.key);
    expect(keys(STATS)).toEqual(['name', 'weakPct', 'fibrePct', 'households', 'good', 'fair', 'weak', 'none']);
    const withSpeed = STATS.map((row) => ({ ...row, medianThroughputMbps: 52.5, speedOkPct: 61.2 }));
    // the target shares first (weak, speed, fibre), the median speed last
    expect(keys(withSpeed)).toEqual(['name', 'weakPct', 'speedOkPct', 'fibrePct', 'households', 'good', 'fair', 'weak', 'none', 'medianThroughputMbps']);
    expect(buildStatisticsRows(WARDS, withSpeed)[0]).toMatchObject({ medianThroughputMbps: 52.5, speedOkPct: 61.2 });
  });
});
