/**
 * Table downloads as the planner reads them (localise-table.ts): the App provides the units shown (names and
 * former districts) once; panels call `csv`/`xlsx` with the table as io/ builds it.
 */
import { createContext, useContext, useMemo } from 'react';
import type { Table } from '../../io/export-table.ts';
import { useI18n } from '../i18n-context.ts';
import { downloadCsv, downloadXlsx } from './analysis-exports.ts';
import { tableForPlanner, type UnitLabel } from './localise-table.ts';

/** Unit code → name and former district(s) of the layout shown. */
export const ExportUnitsContext = createContext<ReadonlyMap<string, UnitLabel>>(new Map());

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
