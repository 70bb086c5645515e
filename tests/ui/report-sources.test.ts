/** The app's report sources (report-sources.ts): the embedded zones are approximate, a user's file is not stated. */
import { describe, expect, it } from 'vitest';
import { reportSources } from '../../src/ui/report/report-sources.ts';
import type { ReportEntry } from '../../src/ui/use-dataset.ts';

describe('reportSources', () => {
  it("the embedded zones are approximate, a user's zones file is not stated", () => {
    const entry = (id: number, layer: string, file: string, embedded: boolean) =>
      ({ id, embedded, report: { layer, file, status: 'ok' } }) as unknown as ReportEntry;
    const embedded = reportSources([entry(1, 'wards', 'hp2025_wards_polygons.geojson', true), entry(2, 'zones', 'hp2025_zones.geojson', true)]);
    expect(embedded.map(({ layer, synthetic, approximate }) => [layer, synthetic, approximate ?? false])).toEqual([
      ['wards', false, false],
      ['zones', false, true],
    ]);
    expect(reportSources([entry(3, 'zones', 'khu_cong_nghiep.geojson', false)])[0]).toMatchObject({ synthetic: null });
    expect(reportSources([entry(3, 'zones', 'khu_cong_nghiep.geojson', false)])[0].approximate).toBeUndefined();
  });
});
