/**
 * `phusong report --dataset embedded` on the whole embedded city, by the 488 communes of 2019: a scope of two of
 * them, the shipped target set, read back as a person reads it (pdftotext). A whole-city run: in the whole-city
 * suite (tests/whole-city.vitest.config.ts), not the unit suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text.ts';
import { runCliOk, tempDir } from './run-cli.ts';

describe('phusong report --dataset embedded --layout 2019', () => {
  it('reports by the 2019 units, with the targets of the set given', async () => {
    const out = tempDir('phusong-report-2019');
    const pdf = join(out, 'report.pdf');
    // Vĩnh Bảo's township and one of its communes, by their 2019 codes
    await runCliOk(['report', '--dataset', 'embedded', '--layout', '2019', '--scope', '11824,11827', '--target-set', 'hp-2020-2022', '--no-plan',
      '--sections', 'summary,coverage,targets,methodology', '--date', '2026-12-01', '--out', pdf]);
    const page1 = pdfText(pdf, 1);
    expect(page1).toContain('đơn vị hành chính năm 2019');
    const text = pdfText(pdf);
    expect(text).toContain('Thị trấn Vĩnh Bảo');
    expect(text).toContain('Huyện Vĩnh Bảo');
    const set = JSON.parse(readFileSync('data/targets/hp-2020-2022.json', 'utf8')) as { targets: Array<{ id: string }> };
    // ids wrap in their narrow column: their first 10 characters stay on the row's first line
    for (const target of set.targets) expect(text, target.id).toContain(target.id.slice(0, 10));
    // the synthetic layers are labelled so, the crosswalk and the approximate zones are stated
    expect(text).toMatch(/GIẢ LẬP/);
    expect(text).toMatch(/hp2025_crosswalk\.csv/);
    expect(text).toMatch(/ranh giới gần đúng/);
  }, 900_000);
});
