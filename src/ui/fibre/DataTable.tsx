/**
 * A sortable, searchable, virtualised table of ward rows described by columns whose kind says how values print
 * (the fibre reach and before/after tables, and the analysis statistics). Text sorts with the language's
 * collation, numbers numerically, ties keep the ward order; clicking a row selects the ward.
 */
import { filterDataRows, formatDataCell, isNumericColumn, sortDataRows, type DataColumn, type DataRow } from '../data-rows.ts';
import { useI18n } from '../i18n-context.ts';
import { SortableTable, type SortableTableProps } from '../SortableTable.tsx';

const ROW_HEIGHT_PX = 30;

/** The shared table's props but for what the columns' kinds decide (filtering, sorting, cell text, alignment). */
type DataTableProps = Omit<
  SortableTableProps<DataRow, DataColumn>,
  'className' | 'filterRows' | 'sortRows' | 'isNumeric' | 'cellText' | 'rowHeightPx'
>;

export function DataTable(props: DataTableProps) {
  const { language } = useI18n();
  return (
    <SortableTable
      {...props}
      className="ward-table statistics-table"
      filterRows={filterDataRows}
      sortRows={sortDataRows}
      isNumeric={isNumericColumn}
      cellText={(row, column) => formatDataCell(row[column.key], column.kind, language)}
      rowHeightPx={ROW_HEIGHT_PX}
    />
  );
}
