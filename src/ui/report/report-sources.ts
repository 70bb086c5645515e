/**
 * What the report says about its data, from the app's import list: one source per layer in use (the last file
 * read for it that did not fail), synthetic when it is an embedded synthetic layer, approximate for the embedded
 * zones, real when it is an embedded real one, not stated for a user's file. The file name the download gets.
 */
import type { DataSource, ReportScope } from '../../core/report/report-model.ts';
import type { ReportFormat } from '../../worker/protocol.ts';
import { EMBEDDED_FILES } from '../embedded-dataset.ts';
import type { ReportEntry } from '../use-dataset.ts';

const SOURCE_LAYERS: ReadonlySet<string> = new Set<DataSource['layer']>(['wards', 'sites', 'households', 'fibre', 'land', 'zones', 'crosswalk']);

/** The sources of the data in use, in the order of the layers' first import. */
export function reportSources(entries: readonly ReportEntry[]): DataSource[] {
  const latest = new Map<string, ReportEntry>();
  for (const entry of entries) if (entry.report.status !== 'failed' && SOURCE_LAYERS.has(entry.report.layer)) latest.set(entry.report.layer, entry);
  return [...latest.values()].map(({ report, embedded }) => {
    const file = embedded ? EMBEDDED_FILES.find((candidate) => candidate.layer === report.layer) : undefined;
    return {
      layer: report.layer as DataSource['layer'],
      name: report.file,
      date: null,
      synthetic: embedded ? (file?.synthetic ?? false) : null,
      ...(file?.approximate === true ? { approximate: true } : {}),
    };
  });
}

/**
 * `phusong-report-2025-12-02-city.pdf`, or `…-11311.xlsx` for one unit, `…-3-units.html` for a selection.
 *
 * @example reportFileName('2026-12-02', { kind: 'units', unitIds: ['11311'] }, '2025', 'pdf') // 'phusong-report-2026-12-02-2025-11311.pdf'
 */
export function reportFileName(date: string, scope: ReportScope, layout: string, format: ReportFormat): string {
  const scopePart = scope.kind === 'city' ? 'city' : scope.unitIds.length === 1 ? scope.unitIds[0].replace(/[^\w-]/g, '_') : `${scope.unitIds.length}-units`;
  return `phusong-report-${date}-${layout}-${scopePart}.${format}`;
}
