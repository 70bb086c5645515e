/**
 * Table downloads as the planner reads them (localise-table.ts): the App provides the units shown (names and
 * former districts) once (export-units.ts); panels call `csv`/`xlsx` with the table as io/ builds it.
 */
import { useContext, useMemo } from 'react';
import type { Table } from '../../io/export-table.ts';
import { useI18n } from '../i18n-context.ts';
import { downloadCsv, downloadXlsx } from './analysis-exports.ts';
import { ExportUnitsContext } from './export-units.ts';
import { tableForPlanner } from './localise-table.ts';

export function useTableExport() {
  const { language } = useI18n();
  const units = useContext(ExportUnitsContext);
  return useMemo(
    () => ({
      csv: (table: Table, baseName: string) => downloadCsv(tableForPlanner(table, units, language), baseName),
      xlsx: (table: Table, baseName: string) => downloadXlsx(tableForPlanner(table, units, language), baseName),
    }),
    [units, language],
  );
}
