/**
 * `analyze --operator`: the operator is matched as the engine matches it (case, diacritics and punctuation
 * folded), so any spelling of one operator gives one summary. Fixture as in analyze.test.ts: the 4G cell S1 and
 * the 2G cell S2 are Viettel's; a 4G analysis of Viettel analyses exactly one cell. Runs `main` in-process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliOk, tempDir } from './run-cli.ts';

const FIXTURE = 'tests/fixtures/cli/analyze';

/** summary.json of `analyze --operator NAME`, without its timings (they differ run to run). */
async function summaryFor(operator: string): Promise<Record<string, unknown>> {
  const out = tempDir('phusong-operator');
  await runCliOk([
    'analyze',
    '--wards', `${FIXTURE}/wards.geojson`,
    '--sites', `${FIXTURE}/sites.csv`,
    '--households', `${FIXTURE}/households.csv`,
    '--operator', operator,
    '--out', out,
  ]);
  const { timingsMs: _timings, ...summary } = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  return summary;
}

describe('phusong analyze --operator', () => {
  it('gives the same summary for viettel, Viettel and VIETTEL, with the one 4G Viettel cell analysed', async () => {
    const lower = await summaryFor('viettel');
    expect(lower.counts).toMatchObject({ cells: 2, analysedCells: 1 });
    expect(lower.settings).toMatchObject({ technology: '4G', operator: 'Viettel' });
    // S1 serves h1–h3 (good, fair, weak: 40 + 3 + 1 households), exactly as without an operator filter
    expect(lower.totals).toMatchObject({ good: 40, fair: 3, weak: 1 });
    expect(await summaryFor('Viettel')).toEqual(lower);
    expect(await summaryFor('VIETTEL')).toEqual(lower);
  });

  it('analyses no cell for an operator without cells', async () => {
    const summary = await summaryFor('MobiFone');
    expect(summary.counts).toMatchObject({ analysedCells: 0 });
    expect(summary.totals).toMatchObject({ good: 0, fair: 0, weak: 0 });
  });
});
