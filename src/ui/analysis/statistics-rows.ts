/**
 * Rows of the statistics ward table (issue 3): the coverage classes, weak % and fibre % per ward, searchable
 * without diacritics and sortable by any column (`data-rows.ts`). Columns are data (`STATISTICS_COLUMNS`), as in `ward-rows.ts`.
 */
import type { WardStats } from '../../core/coverage/coverage-result.ts';
import type { Ward } from '../../core/model.ts';
import type { DataColumn } from '../data-rows.ts';
import { searchTextOf } from '../search-text.ts';
import { wardLabels } from '../ward-labels.ts';

/** A type, not an interface, so that it is a `DataRow` (which has an index signature). */
export type StatisticsRow = {
  wardIndex: number;
  name: string;
  searchText: string;
  households: number;
  good: number;
  fair: number;
  weak: number;
  none: number;
  weakPct: number;
  fibrePct: number;
};

type StatisticsColumnKey = Exclude<keyof StatisticsRow, 'wardIndex' | 'searchText'>;

export type StatisticsColumn = DataColumn & { key: StatisticsColumnKey };

export const STATISTICS_COLUMNS: readonly StatisticsColumn[] = [
  { key: 'name', label: 'wardColumnName', kind: 'text', width: 2.3 },
  { key: 'households', label: 'analysisHouseholds', kind: 'count', width: 1.05 },
  { key: 'good', label: 'analysisGood', kind: 'count', width: 1 },
  { key: 'fair', label: 'analysisFair', kind: 'count', width: 0.9 },
  { key: 'weak', label: 'analysisWeak', kind: 'count', width: 0.9 },
  { key: 'none', label: 'analysisNoneClass', kind: 'count', width: 0.9 },
  { key: 'weakPct', label: 'analysisWeakPct', kind: 'percent', width: 0.95 },
  { key: 'fibrePct', label: 'analysisFibrePct', kind: 'percent', width: 1 },
];

/**
 * Joins each ward's statistics with its name and district (for search; `wardLabels`: the district is shown when
 * two wards share a name). `stats[i]` is ward i.
 */
export function buildStatisticsRows(wards: readonly Ward[], stats: readonly WardStats[]): StatisticsRow[] {
  const labels = wardLabels(wards);
  return stats.map((row) => {
    const ward = wards[row.wardIndex];
    return {
      wardIndex: row.wardIndex,
      name: labels[row.wardIndex] ?? row.wardName,
      searchText: searchTextOf(row.wardName, ward?.district),
      households: row.households,
      good: row.good,
      fair: row.fair,
      weak: row.weak,
      none: row.none,
      weakPct: row.weakPct,
      fibrePct: row.fibrePct,
    };
  });
}
