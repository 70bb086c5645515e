/**
 * The analysis downloads: the ward table as CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly) or XLSX,
 * and the weak-signal zones as GeoJSON. File names carry the technology, the operator and the date.
 */
import type { WardStats } from '../../core/coverage/coverage-result.ts';
import type { WeakZones } from '../../core/coverage/weak-zones.ts';
import type { AnalysisSettings } from '../../core/model.ts';
import { toCsv, toXlsx, type Table } from '../../io/export-table.ts';
import { wardStatisticsTable } from '../../io/export-ward-table.ts';
import { MIME_CSV, MIME_GEOJSON, MIME_XLSX, downloadFile } from './download.ts';

/** `wards_4G_all_2026-11-23`: safe in every file system (operator names reduced to letters, digits, - and _). */
export function exportBaseName(prefix: string, settings: Pick<AnalysisSettings, 'technology' | 'operator'>, date = new Date()): string {
  // đ/Đ are letters of their own, not d with a mark: NFD leaves them
  const operator = (settings.operator ?? 'all')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${prefix}_${settings.technology}_${operator}_${date.toISOString().slice(0, 10)}`;
}

export function downloadCsv(table: Table, baseName: string): void {
  downloadFile(`${baseName}.csv`, toCsv(table, { bom: true }), MIME_CSV);
}

export async function downloadXlsx(table: Table, baseName: string): Promise<void> {
  downloadFile(`${baseName}.xlsx`, await toXlsx([table]), MIME_XLSX);
}

/** The ward table (the CLI's `wards.csv` columns) handed to `download` (the planner's CSV or XLSX, use-table-export.ts). */
export function downloadWardStatistics(
  stats: readonly WardStats[],
  settings: AnalysisSettings,
  download: (table: Table, baseName: string) => void | Promise<void>,
): Promise<void> {
  return Promise.resolve(download(wardStatisticsTable(stats), exportBaseName('wards', settings)));
}

export function downloadZones(zones: WeakZones, settings: AnalysisSettings): void {
  downloadFile(`${exportBaseName('zones', settings)}.geojson`, JSON.stringify(zones), MIME_GEOJSON);
}
