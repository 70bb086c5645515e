/**
 * `phusong analyze` on the files as users hold them — the wards as a VN-2000 Shapefile, the sites as an Excel
 * workbook, the households in a sheet in VN-2000 TM-3 metres with Vietnamese headers — gives the same results as on
 * their GeoJSON/CSV twins (tests/fixtures/formats, made by GDAL, PROJ and LibreOffice: make-fixtures.sh).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliOk, tempDir } from './run-cli.ts';

const FORMATS = 'tests/fixtures/formats';
const CLI = ['analyze'];

async function analyze(inputs: string[]): Promise<string> {
  const out = tempDir('phusong-formats');
  await runCliOk([...CLI, ...inputs, '--out', out]);
  return out;
}

describe('phusong analyze with Shapefile, XLSX and VN-2000 inputs', () => {
  const map = join(tempDir('phusong-map'), 'map.json');

  it('gives the same households.csv and wards.csv as the GeoJSON/CSV twins', async () => {
    writeFileSync(map, JSON.stringify({ households: { household_id: 'Mã hộ', lon: 'X (m)', lat: 'Y (m)', count: 'Số hộ' } }));
    const twins = await analyze([
      '--wards', `${FORMATS}/wards-lechan.geojson`,
      '--sites', 'tests/fixtures/io/good/sites.csv',
      '--households', `${FORMATS}/households-tm3-wgs84.csv`,
    ]);
    const users = await analyze([
      '--wards', `${FORMATS}/wards-lechan-vn2000.zip`,
      '--sites', `${FORMATS}/sites-plain.xlsx`,
      '--households', `${FORMATS}/sites-title.xlsx`,
      '--sheet', 'households=Hộ gia đình',
      '--crs', 'households=vn2000-tm3:105.75',
      '--map', map,
    ]);
    expect(readFileSync(join(users, 'households.csv'), 'utf8')).toBe(readFileSync(join(twins, 'households.csv'), 'utf8'));
    expect(readFileSync(join(users, 'wards.csv'), 'utf8')).toBe(readFileSync(join(twins, 'wards.csv'), 'utf8'));
    const summary = JSON.parse(readFileSync(join(users, 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ wards: 15, cells: 6, householdPoints: 5, rejected: 0 });
  });

  it('rejects a bad --crs, --map or --sheet on one line with exit code 2', async () => {
    const out = tempDir('phusong-formats');
    const run = (args: string[]) => runCli([...CLI, '--wards', `${FORMATS}/wards-lechan-vn2000.zip`, '--sites', `${FORMATS}/sites-plain.xlsx`, '--households', `${FORMATS}/households-tm3-wgs84.csv`, '--out', out, ...args]);
    const badCrs = await run(['--crs', 'EPSG:2044']);
    expect(badCrs.status).toBe(2);
    expect(badCrs.stderr).toMatch(/^error: --crs: EPSG:2044 is not a CRS phusong converts/);
    writeFileSync(map, JSON.stringify({ sites: { site_code: 'Mã' } }));
    const badMap = await run(['--map', map]);
    expect(badMap.status).toBe(2);
    expect(badMap.stderr).toMatch(/unknown field 'site_code' \(fields: site_id, cell_id, lon, lat/);
    writeFileSync(map, '{"sites": {"site_id": "Mã"\n "lon": "X"}}');
    const brokenMap = await run(['--map', map]);
    expect(brokenMap.status).toBe(2);
    expect(brokenMap.stderr).toBe(`error: ${map}: not valid JSON: line 2, column 2: expected a comma\n`);
    const badSheet = await run(['--sheet', 'sites=Nope']);
    expect(badSheet.status).toBe(2);
    expect(badSheet.stderr).toMatch(/sites-plain\.xlsx: The file cannot be read as Excel \(\.xlsx\): the workbook has no sheet 'Nope' \(sheets: Trạm BTS\)/);
  });

  it('names the sheet and the Excel row in rejected.csv', async () => {
    writeFileSync(map, JSON.stringify({ sites: { site_id: 'Mã trạm', lon: 'Kinh độ', lat: 'Vĩ độ', operator: 'Nhà mạng', technology: 'Công nghệ', height_m: 'Độ cao (m)' } }));
    const out = await analyze([
      '--wards', `${FORMATS}/wards-vn2000-tm3.zip`,
      '--sites', `${FORMATS}/sites-title.xlsx`,
      '--households', `${FORMATS}/households-tm3-wgs84.csv`,
      '--map', map,
    ]);
    expect(readFileSync(join(out, 'rejected.csv'), 'utf8')).toBe(
      'file,row,reason\n' +
        `${FORMATS}/sites-title.xlsx,9,"Sheet 'Trạm BTS', row 9, column 'technology': “6G” is not a recognised value (accepted: 2G, 3G, 4G, 5G)."\n`,
    );
  });
});

describe('phusong analyze: notes on how a file was read', () => {
  it('prints on stderr that a bare array of features was read as a FeatureCollection, and analyses it', async () => {
    const dir = tempDir('phusong-notes');
    const collection = JSON.parse(readFileSync(`${FORMATS}/wards-lechan.geojson`, 'utf8'));
    const bare = join(dir, 'wards-bare.geojson');
    writeFileSync(bare, JSON.stringify(collection.features));
    const out = join(dir, 'out');
    const run = await runCli([...CLI, '--wards', bare, '--sites', 'tests/fixtures/io/good/sites.csv', '--households', `${FORMATS}/households-tm3-wgs84.csv`, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`note: ${bare}: The file holds a bare array of ${collection.features.length} features instead of a FeatureCollection`);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).counts.wards).toBe(collection.features.length);
  });
});
