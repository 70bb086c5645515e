/**
 * `--dataset embedded` and `--layout` (issue 9, "Done when"): `analyze --dataset embedded` writes the 114 units of
 * 2025 under their official codes, whose households sum to the households file's total; `--layout 2019` writes
 * the 2019 units, whose rows rolled up by the crosswalk (computed here from the CSV, independently of the code)
 * are the 114 rows; every household has the same best site, RSRP and class in both runs; `targets --target-set
 * hp-2020-2022` gives every target a row whose value is that of analyze's outputs. Also: a layer given on
 * the command line replaces the embedded one; bad values of the options exit 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectEqual } from '../helpers/expect-equal.ts';
import { runCli, runCliOk, tempDir } from './run-cli.ts';

type Row = Record<string, string>;
const parse = (text: string): Row[] => Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
const readCsv = (path: string): Row[] => parse(readFileSync(path, 'utf8'));
/**
 * The named columns of each row of a CSV of 532,614 households, joined by commas: split by hand, which is exact
 * on a file without quotes (checked), where papaparse takes seconds.
 */
function plainColumns(text: string, names: readonly string[]): string[] {
  expect(text).not.toContain('"');
  const [header, ...rows] = text.trimEnd().split('\n');
  const at = names.map((name) => header.split(',').indexOf(name));
  expect(at).not.toContain(-1);
  return rows.map((row) => {
    const cells = row.split(',');
    return at.map((i) => cells[i]).join(',');
  });
}
const gsoCodes = (file: string): string[] =>
  (JSON.parse(readFileSync(`data/${file}`, 'utf8')) as { features: Array<{ properties: { gso_code: string } }> }).features.map((f) => String(f.properties.gso_code));

const COUNTED = ['households', 'good', 'fair', 'weak', 'none', 'fibre_households'] as const;

describe('analyze --dataset embedded, by the 2025 and the 2019 layout', () => {
  const out = tempDir('phusong-embedded');
  const by2025 = join(out, '2025');
  const by2019 = join(out, '2019');
  let wards2025: Row[];
  let wards2019: Row[];

  beforeAll(async () => {
    await runCliOk(['analyze', '--dataset', 'embedded', '--out', by2025]);
    await runCliOk(['analyze', '--dataset', 'embedded', '--layout', '2019', '--out', by2019]);
    wards2025 = readCsv(join(by2025, 'wards.csv'));
    wards2019 = readCsv(join(by2019, 'wards.csv'));
  }, 900_000);

  it('writes the 114 units under the official new codes, their households summing to the households file’s', () => {
    const crosswalk = readCsv('data/hp2025_crosswalk.csv');
    const newCodes = new Set(crosswalk.map((row) => row.new_code));
    expect(wards2025.length).toBe(114);
    expect(new Set(wards2025.map((row) => row.ward_id))).toEqual(newCodes);
    const counts = plainColumns(gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8'), ['count']);
    const total = counts.reduce((sum, count) => sum + Number(count), 0);
    expect(total).toBe(1_184_588);
    expect(wards2025.reduce((sum, row) => sum + Number(row.households), 0)).toBe(total);
    const summary = JSON.parse(readFileSync(join(by2025, 'summary.json'), 'utf8'));
    expect(summary.inputs).toMatchObject({ dataset: 'embedded', layout: '2025' });
    expect(summary.inputs.households).toMatch(/data\/households\.csv\.gz$/);
    expect(summary.unknownWardIdPoints).toBe(0);
  });

  it('writes the 488 communes of 2019 and Bạch Long Vĩ, which roll up by the crosswalk to the 114 rows', () => {
    const communes = [...gsoCodes('hp_wards_polygons.geojson'), ...gsoCodes('hd_wards_polygons.geojson')];
    expect(communes.length).toBe(488);
    expect(wards2019.map((row) => row.ward_id)).toEqual([...communes, '318']);
    expect(wards2019[488].ward_name).toBe('Huyện Bạch Long Vĩ');
    // the roll-up by hand: each 2019 unit into the new unit of its share-1 row
    const newCodeOf = new Map(readCsv('data/hp2025_crosswalk.csv').filter((row) => Number(row.share) === 1).map((row) => [row.old_code, row.new_code]));
    const rolled = new Map<string, Record<string, number>>();
    for (const row of wards2019) {
      const code = newCodeOf.get(row.ward_id)!;
      const sums = rolled.get(code) ?? Object.fromEntries(COUNTED.map((column) => [column, 0]));
      for (const column of COUNTED) sums[column] += Number(row[column]);
      rolled.set(code, sums);
    }
    expect(rolled.size).toBe(114);
    for (const row of wards2025) {
      expect(rolled.get(row.ward_id), row.ward_id).toEqual(Object.fromEntries(COUNTED.map((column) => [column, Number(row[column])])));
    }
    // and the run's own roll-up file says the same, with percentages from the sums; medians do not add up across
    // units, so the rolled-up rows leave them empty
    const written = readCsv(join(by2019, 'wards_2025.csv'));
    expect(written.map((row) => row.ward_id)).toEqual(wards2025.map((row) => row.ward_id));
    written.forEach((row, i) => expect(row).toEqual({ ...wards2025[i], median_sinr_db: '', median_throughput_mbps: '' }));
    const summary = JSON.parse(readFileSync(join(by2019, 'summary.json'), 'utf8'));
    expect(summary.unknownWardIdPoints).toBe(0);
    expect(summary.layout).toMatchObject({ id: '2019', units: 489, householdWardIds: '2025', outsideTheirUnitPoints: 0, rollUp: { to: '2025', unmappedOldIds: [], unmappedHouseholds: 0 } });
  });

  it('states where point in polygon on the 2025 polygons would group households otherwise, the same in both runs', () => {
    const comparison = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).layout.crosswalkVersusPolygons;
    const differences = comparison(by2019);
    expect(differences).toEqual(comparison(by2025));
    expect(differences.movedHouseholds).toBeGreaterThan(0);
    // every household moved leaves one unit's count by crosswalk and joins another's (or none) by polygon
    const byCrosswalk = differences.differingUnits.reduce((sum: number, unit: { byCrosswalk: number }) => sum + unit.byCrosswalk, 0);
    const byPolygon = differences.differingUnits.reduce((sum: number, unit: { byPolygon: number }) => sum + unit.byPolygon, 0);
    expect(byCrosswalk - byPolygon).toBe(differences.outsideByPolygon - differences.outsideByCrosswalk);
    // the 2025 rows (the file's codes) are the crosswalk grouping
    for (const unit of differences.differingUnits) {
      expect(unit.byCrosswalk).toBe(Number(wards2025.find((row) => row.ward_id === unit.unitId)!.households));
    }
  });

  it('gives every household the same best site, RSRP and class in both runs', () => {
    const signal = (dir: string) => plainColumns(readFileSync(join(dir, 'households.csv'), 'utf8'), ['household_id', 'best_site_id', 'rsrp_dbm', 'signal_class', 'fibre_passed']);
    const a = signal(by2025);
    const b = signal(by2019);
    expect(a.length).toBe(532_614);
    expectEqual(b, a);
  });

  it('targets --target-set hp-2020-2022 gives every target a row, the values those of analyze’s own outputs (issue 9)', async () => {
    const out = tempDir('phusong-embedded-targets');
    const analysed = by2025;
    await runCliOk(['targets', '--dataset', 'embedded', '--target-set', 'hp-2020-2022', '--no-plan', '--out', join(out, 'targets')]);
    const set = JSON.parse(readFileSync('data/targets/hp-2020-2022.json', 'utf8')) as { targets: Array<{ id: string }> };
    const rows = readCsv(join(out, 'targets', 'targets.csv'));
    expect(rows.map((row) => row.target_id)).toEqual(set.targets.map((target) => target.id));
    const { totals } = JSON.parse(readFileSync(join(analysed, 'summary.json'), 'utf8'));
    const value = (id: string): number => Number(rows.find((row) => row.target_id === id)!.value);
    // 4G weak/none share, FTTH passed share and 4G good-or-fair share of analyze's city totals
    expect(value('weak-zones-cleared')).toBeCloseTo((100 * (totals.weak + totals.none)) / totals.households, 4);
    expect(value('ftth-80')).toBeCloseTo((100 * totals.fibreHouseholds) / totals.households, 4);
    expect(value('ftth-90')).toBe(value('ftth-80'));
    expect(value('4g-residential')).toBeCloseTo((100 * (totals.good + totals.fair)) / totals.households, 4);
    // the zone targets are read on the approximate zones of data/ (5G analysis): a value, not "no data"
    for (const id of ['5g-central-urban', '5g-industrial-parks']) expect(rows.find((row) => row.target_id === id)!.status).toMatch(/^(met|not_met)$/);
    // per unit, the weak share and the fibre share are wards.csv's
    const wards = readCsv(join(analysed, 'wards.csv'));
    const byWard = readCsv(join(out, 'targets', 'targets_by_ward.csv'));
    expect(byWard.length).toBe(set.targets.length * 114);
    for (const ward of wards) {
      const of = (id: string) => Number(byWard.find((row) => row.target_id === id && row.ward_id === ward.ward_id)!.value);
      expect(of('weak-zones-cleared'), ward.ward_id).toBeCloseTo(Number(ward.weak_pct), 1);
      expect(of('ftth-80'), ward.ward_id).toBeCloseTo(Number(ward.fibre_pct), 1);
    }
  }, 900_000);
});

describe('--dataset embedded with a layer given', () => {
  it('reads the given file instead of the embedded one, and only that one', async () => {
    const dir = tempDir('phusong-embedded-replace');
    const households = join(dir, 'households.csv');
    // three points of Phường Hồng Bàng (11311) by their 2025 code, one without a code in the city centre
    writeFileSync(households, 'household_id,lon,lat,count,ward_id,ghi_chu\nA,106.6830,20.8640,5,11311,\nB,106.6790,20.8620,7,11311,\nC,106.6800,20.8600,1,,\n');
    const { stderr } = await runCliOk(['analyze', '--dataset', 'embedded', '--households', households, '--out', join(dir, 'out')]);
    // the user's file has a column to map or ignore; data/'s files' extra columns are documented in data/SOURCES.md
    expect(stderr).toContain(`note: ${households}: These columns are not used by this layer: ghi_chu.`);
    expect(stderr).not.toMatch(/data\/[\w.]+: These columns are not used/);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.inputs.households).toBe(households);
    expect(summary.inputs.sites).toMatch(/data\/sites\.csv$/);
    expect(summary.counts).toMatchObject({ wards: 114, householdPoints: 3 });
    expect(summary.totals.households).toBe(13);
    const wards = readCsv(join(dir, 'out', 'wards.csv'));
    expect(Number(wards.find((row) => row.ward_id === '11311')!.households)).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it.each([
    [['--dataset', 'shared'], "--dataset must be 'embedded'"],
    [['--dataset', 'embedded', '--layout', '2020'], '--layout must be one of 2025, 2019'],
    [['--layout', '2019'], 'missing required option --wards'],
  ])('exits 2 with one line for %j', async (args, message) => {
    const result = await runCli(['analyze', ...args, '--out', tempDir('phusong-embedded-errors')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
