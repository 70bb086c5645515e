/**
 * The ward statistics as an export table with the columns of the CLI's `wards.csv` (issue 3 contract, extended by
 * issue 12 with the downlink quality at the end), so a CSV or XLSX saved from the app reads like the CLI's output.
 * Percentages, SINR and throughput are rounded to 0.01; the quality columns are empty for 2G/3G analyses.
 */
import type { WardStats } from '../core/coverage/coverage-result.ts';
import type { Table } from './export-table.ts';

const WARD_TABLE_COLUMNS = [
  'ward_id', 'ward_name', 'households', 'good', 'fair', 'weak', 'none', 'weak_pct', 'fibre_households', 'fibre_pct',
  'median_sinr_db', 'median_throughput_mbps', 'speed_ok_households', 'speed_ok_pct',
];

/** Rounds a percentage (or dB, Mb/s) to two decimals (12.3456 → 12.35). */
function roundPct(pct: number): number {
  return Math.round(pct * 100) / 100;
}

/** Rounds to two decimals; null (not modelled, no household) stays empty. */
function roundOrEmpty(value: number | null): number | null {
  return value === null ? null : roundPct(value);
}

/**
 * One row per ward in the given order.
 *
 * @example wardStatisticsTable(statistics.wards).rows[0] // ['11296', 'Phường Quán Toan', 3276, 3100, …, 2.1, 2434, 74.3]
 */
export function wardStatisticsTable(wards: readonly WardStats[], name = 'wards'): Table {
  return {
    name,
    columns: WARD_TABLE_COLUMNS,
    rows: wards.map((ward) => [
      ward.wardId,
      ward.wardName,
      ward.households,
      ward.good,
      ward.fair,
      ward.weak,
      ward.none,
      roundPct(ward.weakPct),
      ward.fibreHouseholds,
      roundPct(ward.fibrePct),
      roundOrEmpty(ward.medianSinrDb),
      roundOrEmpty(ward.medianThroughputMbps),
      ward.speedOkHouseholds,
      roundOrEmpty(ward.speedOkPct),
    ]),
  };
}
