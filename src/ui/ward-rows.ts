/**
 * Rows of the ward table: built once per data change, filtered by a diacritics-insensitive search and sorted
 * by any column. Columns are described by data (`WARD_COLUMNS`) so coverage statistics (issue 3: good, fair,
 * weak, none, weak %, fibre %) are added as entries, not as new code paths.
 */
import type { Ward } from '../core/model.ts';
import type { DictionaryKey } from './i18n.ts';
import { rankBySearch, searchTextOf } from './search-text.ts';

export interface WardRow {
  /** Index into the wards array (what selection and zooming use). */
  wardIndex: number;
  name: string;
  /** Name and district folded for search (`searchTextOf`), computed once. */
  searchText: string;
  district: string;
  type: string;
  /** Households from the household points (sum of `count`); null before households are loaded. */
  households: number | null;
  households2019: number | null;
}

type WardColumnKey = 'name' | 'district' | 'type' | 'households' | 'households2019';

export interface WardColumn {
  key: WardColumnKey;
  label: DictionaryKey;
  numeric: boolean;
  /** Relative width in the grid. */
  width: number;
}

export const WARD_COLUMNS: readonly WardColumn[] = [
  { key: 'name', label: 'wardColumnName', numeric: false, width: 2.5 },
  { key: 'district', label: 'wardColumnDistrict', numeric: false, width: 1.8 },
  { key: 'type', label: 'wardColumnType', numeric: false, width: 1.2 },
  { key: 'households', label: 'wardColumnHouseholds', numeric: true, width: 1.05 },
  { key: 'households2019', label: 'wardColumnCensus', numeric: true, width: 1.05 },
];

export interface WardSort {
  key: WardColumnKey;
  descending: boolean;
}

export function buildWardRows(wards: readonly Ward[], householdsPerWard: Float64Array | null): WardRow[] {
  return wards.map((ward, wardIndex) => ({
    wardIndex,
    name: ward.name,
    searchText: searchTextOf(ward.name, ward.district),
    district: ward.district ?? '',
    type: ward.type ?? '',
    households: householdsPerWard === null ? null : (householdsPerWard[wardIndex] ?? 0),
    households2019: ward.households2019,
  }));
}

/** Rows whose name or district has every word of the query, ignoring case and diacritics, best matches first. */
export function filterWardRows(rows: readonly WardRow[], query: string): WardRow[] {
  return rankBySearch(rows, (row) => row.searchText, query);
}

/**
 * Sorts a copy: text with Vietnamese collation (so "Đ" sorts after "D", not after "Z"), numbers numerically,
 * empty values last in either direction, ties by ward order so the result is stable.
 */
export function sortWardRows(rows: readonly WardRow[], sort: WardSort, collator: Intl.Collator): WardRow[] {
  const direction = sort.descending ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const left = a[sort.key];
    const right = b[sort.key];
    const leftEmpty = left === null || left === '';
    const rightEmpty = right === null || right === '';
    if (leftEmpty || rightEmpty) return leftEmpty === rightEmpty ? a.wardIndex - b.wardIndex : leftEmpty ? 1 : -1;
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left), String(right));
    return order !== 0 ? direction * order : a.wardIndex - b.wardIndex;
  });
}
