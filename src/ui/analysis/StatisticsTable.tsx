/**
 * The ward table with the analysis statistics (households, good, fair, weak, none, weak %, fibre %): sortable by
 * every column, searchable without diacritics, virtualised. Clicking a row selects the ward.
 */
import { useMemo } from 'react';
import type { WardStats } from '../../core/coverage/coverage-result.ts';
import type { Ward } from '../../core/model.ts';
import { formatCount, formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { SortableTable } from '../SortableTable.tsx';
import {
  STATISTICS_COLUMNS,
  buildStatisticsRows,
  filterStatisticsRows,
  sortStatisticsRows,
  type StatisticsColumn,
  type StatisticsRow,
} from './statistics-rows.ts';

const ROW_HEIGHT_PX = 30;

interface StatisticsTableProps {
  wards: readonly Ward[];
  stats: readonly WardStats[];
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
  /** Fixed height of the rows area (the analysis panel scrolls as a whole). */
  bodyHeightPx?: number;
}

const isNumeric = (column: StatisticsColumn) => column.kind !== 'text';

export function StatisticsTable({ wards, stats, selectedWard, onSelect, bodyHeightPx }: StatisticsTableProps) {
  const { language, t } = useI18n();
  const rows = useMemo(() => buildStatisticsRows(wards, stats), [wards, stats]);

  const cellText = (row: StatisticsRow, column: StatisticsColumn): string => {
    const value = row[column.key];
    if (typeof value === 'string') return value;
    return column.kind === 'percent' ? formatDecimal(value, language, 1) : formatCount(value, language);
  };

  return (
    <SortableTable
      className="ward-table statistics-table"
      rows={rows}
      columns={STATISTICS_COLUMNS}
      initialSort={{ key: 'weakPct', descending: true }}
      filterRows={filterStatisticsRows}
      sortRows={sortStatisticsRows}
      isNumeric={isNumeric}
      cellText={cellText}
      selectedWard={selectedWard}
      onSelect={onSelect}
      rowHeightPx={ROW_HEIGHT_PX}
      bodyHeightPx={bodyHeightPx}
      countShown
      emptyText={t('wardNoMatch')}
    />
  );
}
