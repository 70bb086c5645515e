/**
 * The ward table with the analysis statistics (weak %, for 4G/5G % at the speed target, fibre %, households, good,
 * fair, weak, none, and for 4G/5G median Mb/s: `STATISTICS_COLUMNS`): sortable by every column, searchable without
 * diacritics, virtualised.
 * Clicking a row selects the ward.
 */
import { useContext, useMemo } from 'react';
import type { WardStats } from '../../core/coverage/coverage-result.ts';
import type { Ward } from '../../core/model.ts';
import { ExportUnitsContext } from '../export/export-units.ts';
import { formerDistrictsOf } from '../ward-labels.ts';
import { DataTable } from '../fibre/DataTable.tsx';
import { useI18n } from '../i18n-context.ts';
import { buildStatisticsRows, statisticsColumns } from './statistics-rows.ts';

interface StatisticsTableProps {
  wards: readonly Ward[];
  stats: readonly WardStats[];
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
  /** Fixed height of the rows area (the analysis panel scrolls as a whole). */
  bodyHeightPx?: number;
}

export function StatisticsTable({ wards, stats, selectedWard, onSelect, bodyHeightPx }: StatisticsTableProps) {
  const { t } = useI18n();
  const units = useContext(ExportUnitsContext);
  const rows = useMemo(() => buildStatisticsRows(wards, stats, (ward) => formerDistrictsOf(units, ward.id)), [wards, stats, units]);
  const columns = useMemo(() => statisticsColumns(stats), [stats]);
  return (
    <DataTable
      rows={rows}
      columns={columns}
      initialSort={{ key: 'weakPct', descending: true }}
      selectedWard={selectedWard}
      onSelect={onSelect}
      bodyHeightPx={bodyHeightPx}
      countShown
      emptyText={t('wardNoMatch')}
    />
  );
}
