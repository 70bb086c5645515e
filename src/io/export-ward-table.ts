/**
 * The ward statistics as an export table with the columns of the CLI's `wards.csv` (issue 3 contract), so a CSV
 * or XLSX saved from the app reads like the CLI's output. Percentages are rounded to 0.01.
 */
import type { WardStats } from '../core/coverage/coverage-result.ts';
import type { Table } from './export-table.ts';

const WARD_TABLE_COLUMNS = ['ward_id', 'ward_name', 'households', 'good', 'fair', 'weak', 'none', 'weak_pct', 'fibre_households', 'fibre_pct'];

/** Rounds a percentage to two decimals (12.3456 → 12.35). */
function roundPct(pct: number): number {
  return Math.round(pct * 100) / 100;
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
    ]),
  };
}
