/**
 * `phusong analyze` on the files as users hold them — the wards as a VN-2000 Shapefile, the sites as an Excel
 * workbook, the households in a sheet in VN-2000 TM-3 metres with Vietnamese headers — gives the same results as on
 * their GeoJSON/CSV twins (tests/fixtures/formats, made by GDAL, PROJ and LibreOffice: make-fixtures.sh).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORMATS = 'tests/fixtures/formats';
const CLI = ['scripts/phusong.mjs', 'analyze'];

function analyze(inputs: string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'phusong-formats-'));
  execFileSync('node', [...CLI, ...inputs, '--out', out], { stdio: 'pipe' });
  return out;
}

describe('phusong analyze with Shapefile, XLSX and VN-2000 inputs', () => {
  const map = join(mkdtempSync(join(tmpdir(), 'phusong-map-')), 'map.json');
  writeFileSync(map, JSON.stringify({ households: { household_id: 'Mã hộ', lon: 'X (m)', lat: 'Y (m)', count: 'Số hộ' } }));
  const twins = analyze([
    '--wards', `${FORMATS}/wards-lechan.geojson`,
    '--sites', 'tests/fixtures/io/good/sites.csv',
    '--households', `${FORMATS}/households-tm3-wgs84.csv`,
  ]);
  const users = analyze([
    '--wards', `${FORMATS}/wards-lechan-vn2000.zip`,
    '--sites', `${FORMATS}/sites-plain.xlsx`,
    '--households', `${FORMATS}/sites-title.xlsx`,
    '--sheet', 'households=Hộ gia đình',
    '--crs', 'households=vn2000-tm3:105.75',
    '--map', map,
  ]);

  it('gives the same households.csv and wards.csv as the GeoJSON/CSV twins', () => {
    expect(readFileSync(join(users, 'households.csv'), 'utf8')).toBe(readFileSync(join(twins, 'households.csv'), 'utf8'));
    expect(readFileSync(join(users, 'wards.csv'), 'utf8')).toBe(readFileSync(join(twins, 'wards.csv'), 'utf8'));
    const summary = JSON.parse(readFileSync(join(users, 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ wards: 15, cells: 6, householdPoints: 5, rejected: 0 });
  });

  it('rejects a bad --crs, --map or --sheet on one line with exit code 2', () => {
    const run = (args: string[]) => spawnSync('node', [...CLI, '--wards', `${FORMATS}/wards-lechan-vn2000.zip`, '--sites', `${FORMATS}/sites-plain.xlsx`, '--households', `${FORMATS}/households-tm3-wgs84.csv`, '--out', tmpdir(), ...args], { encoding: 'utf8' });
    const badCrs = run(['--crs', 'EPSG:2044']);
    expect(badCrs.status).toBe(2);
    expect(badCrs.stderr).toMatch(/^error: --crs: EPSG:2044 is not a CRS phusong converts/);
    writeFileSync(map, JSON.stringify({ sites: { site_code: 'Mã' } }));
    const badMap = run(['--map', map]);
    expect(badMap.status).toBe(2);
    expect(badMap.stderr).toMatch(/unknown field 'site_code' \(fields: site_id, cell_id, lon, lat/);
    const badSheet = run(['--sheet', 'sites=Nope']);
    expect(badSheet.status).toBe(2);
    expect(badSheet.stderr).toMatch(/sites-plain\.xlsx: The file cannot be read as Excel \(\.xlsx\): the workbook has no sheet 'Nope' \(sheets: Trạm BTS\)/);
  });

  it('names the sheet and the Excel row in rejected.csv', () => {
    writeFileSync(map, JSON.stringify({ sites: { site_id: 'Mã trạm', lon: 'Kinh độ', lat: 'Vĩ độ', operator: 'Nhà mạng', technology: 'Công nghệ', height_m: 'Độ cao (m)' } }));
    const out = analyze([
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
