/**
 * `phusong report --dataset embedded` on the whole embedded city, by the 488 communes of 2019: a scope of two of
 * them, the shipped target set, read back as a person reads it (pdftotext). A whole-city run: in the whole-city
 * suite (tests/whole-city.vitest.config.ts), not the unit suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text.ts';
import { runCliOk, tempDir } from './run-cli.ts';

/** Vĩnh Bảo's township and one of its communes, by their 2019 codes. */
const SCOPE_2019 = ['11824', '11827'];

describe('phusong report --dataset embedded --layout 2019', () => {
  it('reports by the 2019 units, with the targets of the set given', async () => {
    const out = tempDir('phusong-report-2019');
    const pdf = join(out, 'report.pdf');
    await runCliOk(['report', '--dataset', 'embedded', '--layout', '2019', '--scope', SCOPE_2019.join(','), '--target-set', 'hp-2020-2022', '--no-plan',
      '--sections', 'summary,coverage,targets,methodology', '--date', '2026-12-01', '--out', pdf]);
    const page1 = pdfText(pdf, 1);
    expect(page1).toContain('đơn vị hành chính năm 2019');
    const text = pdfText(pdf);
    expect(text).toContain('Thị trấn Vĩnh Bảo');
    expect(text).toContain('Huyện Vĩnh Bảo');
    const set = JSON.parse(readFileSync('data/targets/hp-2020-2022.json', 'utf8')) as { targets: Array<{ id: string; name: { vi: string } }> };
    // each target by its own name, which wraps in its column: its first three words stay on the row's first line
    for (const target of set.targets) expect(text, target.id).toContain(target.name.vi.split(' ').slice(0, 3).join(' '));
    // the synthetic layers are labelled so, the crosswalk and the approximate zones are stated
    expect(text).toMatch(/GIẢ LẬP/);
    expect(text).toMatch(/hp2025_crosswalk\.csv/);
    expect(text).toMatch(/ranh giới gần đúng/);
    // the embedded zones file is data/'s, not a user's
    expect(text).not.toMatch(/hp2025_zones\.geojson\s+do\s+người\s+dùng/);
    expect(page1).toMatch(new RegExp(`Số hộ trong phạm vi\\s+${censusHouseholds(SCOPE_2019)}\\n`));
  }, 900_000);

  it('counts the same households with the embedded files named on the command line', async () => {
    // data/households.csv.gz gives 2025 codes: named as a file, its codes once put the 11,757 households of the
    // 2025 Xã Vĩnh Bảo (11824) in the 2019 Thị trấn Vĩnh Bảo (11824), one of its six 2019 units
    const dir = tempDir('phusong-report-2019-files');
    const files = ['--wards', 'data/hp_wards_polygons.geojson', '--sites', 'data/sites.csv', '--households', 'data/households.csv.gz'];
    const options = ['--scope', SCOPE_2019.join(','), '--no-plan', '--sections', 'summary', '--date', '2026-12-01'];
    await runCliOk(['report', ...files, '--layout', '2019', ...options, '--out', join(dir, 'by-layout.pdf')]);
    expect(pdfText(join(dir, 'by-layout.pdf'), 1)).toMatch(new RegExp(`Số hộ trong phạm vi\\s+${censusHouseholds(SCOPE_2019)}\\n`));
    // without --layout the units are the ward file's, the households located by position, and the user told so
    const run = await runCliOk(['report', ...files, ...options, '--out', join(dir, 'no-layout.pdf')]);
    expect(pdfText(join(dir, 'no-layout.pdf'), 1)).toMatch(new RegExp(`Số hộ trong phạm vi\\s+${censusHouseholds(SCOPE_2019)}\\n`));
    expect(run.stderr).toMatch(/note: data\/households\.csv\.gz: Column 'ward_id': its codes are those of the 114 units of 2025/);
  }, 900_000);
});

/**
 * The 2019 census households of the given 2019 units (their polygons' `households_2019`), written as the report
 * writes them (vi): the synthetic households file places exactly that many households in each 2019 unit's polygon
 * (data/SOURCES.md; tests/cli/dataset-households-layout.test.ts counts them by Turf's point in polygon).
 */
function censusHouseholds(codes: readonly string[]): string {
  const units = (JSON.parse(readFileSync('data/hp_wards_polygons.geojson', 'utf8')) as FeatureCollection).features;
  const total = codes.reduce((sum, code) => sum + Number(units.find((unit) => String(unit.properties?.gso_code) === code)!.properties!.households_2019), 0);
  return total.toLocaleString('vi-VN').replace(/\./g, '\\.');
}
