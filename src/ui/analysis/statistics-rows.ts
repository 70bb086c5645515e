/**
 * Rows of the statistics ward table (issue 3): the coverage classes, weak % and fibre % per ward, searchable
 * without diacritics and sortable by any column. Columns are data (`STATISTICS_COLUMNS`), as in `ward-rows.ts`.
 */
import type { WardStats } from '../../core/coverage/coverage-result.ts';
import type { Ward } from '../../core/model.ts';
import type { DictionaryKey } from '../i18n.ts';
import { foldForSearch, matchesSearch } from '../search-text.ts';

export interface StatisticsRow {
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
}

export type StatisticsColumnKey = Exclude<keyof StatisticsRow, 'wardIndex' | 'searchText'>;

export interface StatisticsColumn {
  key: StatisticsColumnKey;
  label: DictionaryKey;
  /** 'count' (households), 'percent' or 'text'. */
  kind: 'text' | 'count' | 'percent';
  /** Relative width in the grid. */
  width: number;
}

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

export interface StatisticsSort {
  key: StatisticsColumnKey;
  descending: boolean;
}

/** Joins each ward's statistics with its name and district (for search). `stats[i]` is ward i. */
export function buildStatisticsRows(wards: readonly Ward[], stats: readonly WardStats[]): StatisticsRow[] {
  return stats.map((row) => {
    const ward = wards[row.wardIndex];
    return {
      wardIndex: row.wardIndex,
      name: row.wardName,
      searchText: foldForSearch(`${row.wardName} ${ward?.district ?? ''}`),
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

/** Rows whose name or district contains every word of the query, ignoring case and diacritics. */
export function filterStatisticsRows(rows: readonly StatisticsRow[], query: string): StatisticsRow[] {
  return query.trim() === '' ? rows.slice() : rows.filter((row) => matchesSearch(row.searchText, query));
}

/** Sorts a copy: names by the collator, numbers numerically; ties by ward order so the order is stable. */
export function sortStatisticsRows(rows: readonly StatisticsRow[], sort: StatisticsSort, collator: Intl.Collator): StatisticsRow[] {
  const direction = sort.descending ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const left = a[sort.key];
    const right = b[sort.key];
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left), String(right));
    return order !== 0 ? direction * order : a.wardIndex - b.wardIndex;
  });
}
