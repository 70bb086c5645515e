/**
 * A sortable, searchable, virtualised table of ward rows described by columns (used by the fibre panel for the
 * reach and the before/after tables). Text sorts with the language's collation, numbers numerically, ties keep
 * the ward order; clicking a row selects the ward.
 */
import { formatCount, formatDecimal } from '../format-number.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { matchesSearch } from '../search-text.ts';
import { SortableTable, type ColumnSort } from '../SortableTable.tsx';

export interface DataRow {
  wardIndex: number;
  /** Name and district folded by `foldForSearch`. */
  searchText: string;
  [key: string]: string | number | null;
}

export interface DataColumn {
  key: string;
  label: DictionaryKey;
  /** How values print: text, whole numbers, one-decimal percentages, or kilometres from metres. */
  kind: 'text' | 'count' | 'percent' | 'km';
  width: number;
}

const ROW_HEIGHT_PX = 30;

interface DataTableProps {
  rows: readonly DataRow[];
  columns: readonly DataColumn[];
  initialSort: ColumnSort<string>;
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
  bodyHeightPx: number;
  testId: string;
}

const isNumeric = (column: DataColumn) => column.kind !== 'text';

/** Rows whose name or district contains every word of the query, ignoring case and diacritics. */
function filterDataRows(rows: readonly DataRow[], query: string): DataRow[] {
  return query.trim() === '' ? rows.slice() : rows.filter((row) => matchesSearch(row.searchText, query));
}

/** Sorts a copy: numbers numerically, anything else as text by the collator; ties by ward order. */
function sortDataRows(rows: readonly DataRow[], sort: ColumnSort<string>, collator: Intl.Collator): DataRow[] {
  const direction = sort.descending ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const left = a[sort.key];
    const right = b[sort.key];
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left ?? ''), String(right ?? ''));
    return order !== 0 ? direction * order : a.wardIndex - b.wardIndex;
  });
}

export function DataTable({ rows, columns, initialSort, selectedWard, onSelect, bodyHeightPx, testId }: DataTableProps) {
  const { language } = useI18n();

  const cellText = (row: DataRow, column: DataColumn): string => {
    const value = row[column.key];
    if (typeof value !== 'number') return value ?? '';
    if (column.kind === 'percent') return formatDecimal(value, language, 1);
    if (column.kind === 'km') return formatDecimal(value / 1000, language, 2);
    return formatCount(value, language);
  };

  return (
    <SortableTable
      className="ward-table statistics-table"
      testId={testId}
      rows={rows}
      columns={columns}
      initialSort={initialSort}
      filterRows={filterDataRows}
      sortRows={sortDataRows}
      isNumeric={isNumeric}
      cellText={cellText}
      selectedWard={selectedWard}
      onSelect={onSelect}
      rowHeightPx={ROW_HEIGHT_PX}
      bodyHeightPx={bodyHeightPx}
    />
  );
}
