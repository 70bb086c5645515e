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
  /** The unit's district, else (a 2025 unit, which has none) the districts its area was in before (`formerDistricts`). */
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
  { key: 'name', label: 'wardColumnName', numeric: false, width: 3.2 },
  { key: 'district', label: 'wardColumnDistrict', numeric: false, width: 1.5 },
  { key: 'type', label: 'wardColumnType', numeric: false, width: 1.2 },
  { key: 'households', label: 'wardColumnHouseholds', numeric: true, width: 1.05 },
  { key: 'households2019', label: 'wardColumnCensus', numeric: true, width: 1.05 },
];

export interface WardSort {
  key: WardColumnKey;
  descending: boolean;
}

/**
 * The table's rows. `formerDistricts` names, for a unit without a district (a 2025 unit), the districts its area was
 * in before 1 July 2025 ('' when not known); shown and searched in the district column.
 */
export function buildWardRows(wards: readonly Ward[], householdsPerWard: Float64Array | null, formerDistricts: (ward: Ward) => string = () => ''): WardRow[] {
  return wards.map((ward, wardIndex) => {
    const district = ward.district ?? formerDistricts(ward);
    return {
      wardIndex,
      name: ward.name,
      searchText: searchTextOf(ward.name, district),
      district,
    type: ward.type ?? '',
      households: householdsPerWard === null ? null : (householdsPerWard[wardIndex] ?? 0),
      households2019: ward.households2019,
    };
  });
}

/**
 * The columns for these units: the district's named "former district(s)" when no unit has a district of its own (the
 * 2025 units), and the type left out when it tells nothing the name does not (every name begins with its type, as
 * "Phường Lê Chân" and "Đặc khu Bạch Long Vĩ" do, or no unit has one): its width goes to the names, which the
 * panel cut at ~15 characters of the 22 of the longest.
 */
export function wardColumns(wards: readonly Ward[]): readonly WardColumn[] {
  const formerDistricts = !wards.some((ward) => ward.district !== null);
  const typeInName = wards.every((ward) => ward.type === null || startsWithWord(ward.name, ward.type));
  if (!formerDistricts && !typeInName) return WARD_COLUMNS;
  return WARD_COLUMNS.filter((column) => !(typeInName && column.key === 'type')).map((column) =>
    formerDistricts && column.key === 'district' ? { ...column, label: 'wardColumnFormerDistrict' } : column,
  );
}

/** Whether `text` begins with the word(s) `prefix`, ignoring case. */
const startsWithWord = (text: string, prefix: string): boolean => text.toLocaleLowerCase('vi').startsWith(`${prefix.toLocaleLowerCase('vi')} `);

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
