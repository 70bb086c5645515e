/**
 * The ward table: sortable by every column, searchable without diacritics, virtualised (only the rows in view
 * exist in the DOM). Clicking a row (or Enter/Space on it) selects the ward, which the map zooms to and highlights.
 */
import { useContext, useMemo } from 'react';
import type { Ward } from '../../core/model.ts';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { SortableTable } from '../SortableTable.tsx';
import { ExportUnitsContext } from '../export/export-units.ts';
import { formerDistrictsOf } from '../ward-labels.ts';
import { buildWardRows, filterWardRows, sortWardRows, wardColumns, type WardColumn, type WardRow } from '../ward-rows.ts';

const ROW_HEIGHT_PX = 34;

interface WardTableProps {
  wards: Ward[];
  householdsPerWard: Float64Array | null;
  outsideHouseholds: number | null;
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
}

const isNumeric = (column: WardColumn) => column.numeric;

export function WardTable({ wards, householdsPerWard, outsideHouseholds, selectedWard, onSelect }: WardTableProps) {
  const { language, t } = useI18n();
  const units = useContext(ExportUnitsContext);
  const rows = useMemo(() => buildWardRows(wards, householdsPerWard, (ward) => formerDistrictsOf(units, ward.id)), [wards, householdsPerWard, units]);
  const columns = useMemo(() => wardColumns(wards), [wards]);

  const cellText = (row: WardRow, column: WardColumn): string => {
    const value = row[column.key];
    return typeof value === 'number' || value === null ? formatCount(value, language) : value;
  };

  if (wards.length === 0) return <p className="panel-empty">{t('wardNone')}</p>;

  return (
    <SortableTable
      className="ward-table"
      rows={rows}
      columns={columns}
      initialSort={{ key: 'name', descending: false }}
      filterRows={filterWardRows}
      sortRows={sortWardRows}
      isNumeric={isNumeric}
      cellText={cellText}
      selectedWard={selectedWard}
      onSelect={onSelect}
      rowHeightPx={ROW_HEIGHT_PX}
      countShown
      meta={
        outsideHouseholds !== null &&
        outsideHouseholds > 0 && <span>{t('wardOutside', { n: formatCount(outsideHouseholds, language) })}</span>
      }
      emptyText={t('wardNoMatch')}
      keyboardSelect
    />
  );
}
