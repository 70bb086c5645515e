/**
 * A sortable, searchable, virtualised table of ward rows described by columns whose kind says how values print
 * (the fibre reach and before/after tables, and the analysis statistics). Text sorts with the language's
 * collation, numbers numerically, ties keep the ward order; clicking a row selects the ward.
 */
import { filterDataRows, formatDataCell, isNumericColumn, sortDataRows, type DataColumn, type DataRow } from '../data-rows.ts';
import { useI18n } from '../i18n-context.ts';
import { SortableTable, type ColumnSort } from '../SortableTable.tsx';

const ROW_HEIGHT_PX = 30;

interface DataTableProps {
  rows: readonly DataRow[];
  columns: readonly DataColumn[];
  initialSort: ColumnSort<string>;
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
  /** Fixed height of the rows area; omitted = fill the parent. */
  bodyHeightPx?: number;
  testId?: string;
  /** Show "n of m wards" above the table. */
  countShown?: boolean;
  /** Shown instead of the rows when the search matches none. */
  emptyText?: string;
}

export function DataTable({ rows, columns, initialSort, selectedWard, onSelect, bodyHeightPx, testId, countShown, emptyText }: DataTableProps) {
  const { language } = useI18n();
  return (
    <SortableTable
      className="ward-table statistics-table"
      testId={testId}
      rows={rows}
      columns={columns}
      initialSort={initialSort}
      filterRows={filterDataRows}
      sortRows={sortDataRows}
      isNumeric={isNumericColumn}
      cellText={(row, column) => formatDataCell(row[column.key], column.kind, language)}
      selectedWard={selectedWard}
      onSelect={onSelect}
      rowHeightPx={ROW_HEIGHT_PX}
      bodyHeightPx={bodyHeightPx}
      countShown={countShown}
      emptyText={emptyText}
    />
  );
}
