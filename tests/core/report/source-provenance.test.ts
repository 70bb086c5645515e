/**
 * What the report says of its sources: the kind column of the sources table and the methodology's provenance notes,
 * with data/'s approximate zones told apart from real, synthetic and user-supplied layers (they were "not stated" in
 * the CLI's report and "real" in the app's; the app's side: tests/ui/report-sources.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { sourceProvenance } from '../../../src/core/report/report-inputs.ts';
import type { DataSource, ReportModel } from '../../../src/core/report/report-model.ts';
import { sourcesTable } from '../../../src/core/report/report-tables.ts';

const SOURCES: DataSource[] = [
  { layer: 'wards', name: 'hp2025_wards_polygons.geojson', date: null, synthetic: false },
  { layer: 'sites', name: 'sites.csv', date: null, synthetic: true },
  { layer: 'households', name: 'ho_gia_dinh.csv', date: null, synthetic: null },
  { layer: 'zones', name: 'hp2025_zones.geojson', date: null, synthetic: null, approximate: true },
];

describe('report sources', () => {
  it('labels each source by its kind: real, synthetic, not stated, approximate', () => {
    const table = sourcesTable({ options: { language: 'en' }, sources: SOURCES } as unknown as ReportModel);
    expect(table.rows.map((row) => row[3])).toEqual([
      'Real',
      'SYNTHETIC (generated, not real data)',
      'Not stated',
      'APPROXIMATE (outlines read off general maps)',
    ]);
  });

  it('notes the approximate zones once, and not as a user file', () => {
    const notes = sourceProvenance(SOURCES, 'en');
    expect(notes.filter((note) => note.includes('approximate outlines'))).toHaveLength(1);
    expect(notes.filter((note) => note.startsWith('File '))).toEqual([expect.stringContaining('ho_gia_dinh.csv')]);
    expect(notes.some((note) => note.includes('sites.csv') && note.includes('SYNTHETIC'))).toBe(true);
    expect(sourceProvenance(SOURCES.slice(0, 3), 'en').some((note) => note.includes('approximate outlines'))).toBe(false);
  });

});
