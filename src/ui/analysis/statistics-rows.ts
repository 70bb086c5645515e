/**
 * Rows of the statistics ward table (issue 3): the coverage classes, weak % and fibre % per ward, and for 4G/5G the
 * median modelled throughput and the share of households at the speed target (issue 12), searchable
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
  /** Null for 2G/3G (no throughput model): the columns are then left out (`statisticsColumns`). */
  medianThroughputMbps: number | null;
  speedOkPct: number | null;
};

type StatisticsColumnKey = Exclude<keyof StatisticsRow, 'wardIndex' | 'searchText'>;

export type StatisticsColumn = DataColumn & { key: StatisticsColumnKey };

/**
 * The shares the city's targets are read on (weak signal, speed, fibre) come right after the name, then the counts:
 * the table opens sorted by the weak share, which the panel's width must show without scrolling sideways (after the
 * five counts it was out of view at 1366 px).
 */
export const STATISTICS_COLUMNS: readonly StatisticsColumn[] = [
  { key: 'name', label: 'wardColumnName', kind: 'text', width: 2.3 },
  { key: 'weakPct', label: 'analysisWeakPct', kind: 'percent', width: 0.95 },
  { key: 'speedOkPct', label: 'analysisSpeedOkPct', kind: 'percent', width: 1 },
  { key: 'fibrePct', label: 'analysisFibrePct', kind: 'percent', width: 1 },
  { key: 'households', label: 'analysisHouseholds', kind: 'count', width: 1.05 },
  { key: 'good', label: 'analysisGood', kind: 'count', width: 1 },
  { key: 'fair', label: 'analysisFair', kind: 'count', width: 0.9 },
  { key: 'weak', label: 'analysisWeak', kind: 'count', width: 0.9 },
  { key: 'none', label: 'analysisNoneClass', kind: 'count', width: 0.9 },
  { key: 'medianThroughputMbps', label: 'analysisMedianMbps', kind: 'decimal', width: 1 },
];

const SPEED_COLUMNS: ReadonlySet<StatisticsColumnKey> = new Set(['medianThroughputMbps', 'speedOkPct']);

/** The columns of an analysis: the speed columns only where it models throughput (4G/5G). */
export function statisticsColumns(stats: readonly WardStats[]): readonly StatisticsColumn[] {
  const withSpeed = stats.some((row) => row.speedOkPct !== null);
  return withSpeed ? STATISTICS_COLUMNS : STATISTICS_COLUMNS.filter((column) => !SPEED_COLUMNS.has(column.key));
}

/**
 * Joins each ward's statistics with its name and district (for search; `wardLabels`: the district is shown when
 * two wards share a name). `stats[i]` is ward i. A unit without a district (a 2025 unit) is found by the districts
 * its area was in before (`formerDistricts`, as the ward table shows them).
 */
export function buildStatisticsRows(wards: readonly Ward[], stats: readonly WardStats[], formerDistricts: (ward: Ward) => string = () => ''): StatisticsRow[] {
  const labels = wardLabels(wards);
  return stats.map((row) => {
    const ward = wards[row.wardIndex];
    return {
      wardIndex: row.wardIndex,
      name: labels[row.wardIndex] ?? row.wardName,
      searchText: searchTextOf(row.wardName, ward === undefined ? null : (ward.district ?? formerDistricts(ward))),
      households: row.households,
      good: row.good,
      fair: row.fair,
      weak: row.weak,
      none: row.none,
      weakPct: row.weakPct,
      fibrePct: row.fibrePct,
      medianThroughputMbps: row.medianThroughputMbps,
      speedOkPct: row.speedOkPct,
    };
  });
}
