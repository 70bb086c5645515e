/**
 * Ward rows whose columns say how their values print (`DataColumn.kind`): the analysis statistics and the fibre
 * reach and plan tables. Search ignores case and diacritics; sorting puts numbers in numeric order and text in the
 * collator's (Vietnamese in 'vi': "Đ" after "D"), ties in ward order so the order is stable.
 */
import { formatCount, formatDecimal } from './format-number.ts';
import type { DictionaryKey, Language } from './i18n.ts';
import { rankBySearch } from './search-text.ts';
import type { ColumnSort } from './SortableTable.tsx';

export type DataRow = {
  /** Index into the wards array (what selection and zooming use). */
  wardIndex: number;
  /** Name and district folded by `searchTextOf`. */
  searchText: string;
  [key: string]: string | number | null;
};

export interface DataColumn {
  key: string;
  label: DictionaryKey;
  /** How values print: text, whole numbers, one-decimal percentages or quantities (Mb/s), or kilometres from metres. */
  kind: 'text' | 'count' | 'percent' | 'decimal' | 'km';
  /** Relative width in the grid. */
  width: number;
}

/** Numbers align right and sort descending first. */
export function isNumericColumn(column: DataColumn): boolean {
  return column.kind !== 'text';
}

/** A cell's text: `formatDataCell(1234.5, 'km', 'vi') === '1,23'`; missing values print empty. */
export function formatDataCell(value: string | number | null, kind: DataColumn['kind'], language: Language): string {
  if (typeof value !== 'number') return value ?? '';
  if (kind === 'percent' || kind === 'decimal') return formatDecimal(value, language, 1);
  if (kind === 'km') return formatDecimal(value / 1000, language, 2);
  return formatCount(value, language);
}

/** Rows whose name or district has every word of the query, ignoring case and diacritics, best matches first. */
export function filterDataRows<Row extends DataRow>(rows: readonly Row[], query: string): Row[] {
  return rankBySearch(rows, (row) => row.searchText, query);
}

/** Sorts a copy: numbers numerically, anything else as text by the collator; ties by ward order. */
export function sortDataRows<Row extends DataRow>(rows: readonly Row[], sort: ColumnSort<string>, collator: Intl.Collator): Row[] {
  const direction = sort.descending ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const left = a[sort.key];
    const right = b[sort.key];
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left ?? ''), String(right ?? ''));
    return order !== 0 ? direction * order : a.wardIndex - b.wardIndex;
  });
}
