/**
 * The `phusong analyze` contract, end to end through the real command, on a fixture whose answers were
 * worked out by hand (tests/fixtures/cli/analyze):
 * - one 4G omni FSPL cell S1 at (106.025, 20.025), 1800 MHz, height 1.5 m (= handset, so 3D = 2D distance),
 *   EIRP = −15 dBm + 0 dBi − 0 dB; a 2G cell S2 at the same place that the 4G analysis must ignore;
 * - households placed with WGS84 metres-per-degree at 100 m, 500 m, 1500 m north and 4000 m east;
 *   FSPL(d) = 20·log10(d_km) + 20·log10(1800) + 32.4478 → RSRP −92.55, −106.53, −116.08, −124.59 dBm;
 * - a distribution cable 150 m east of the cell, north–south, so h1–h3 are 150 m from fibre (passed at 200 m);
 * - downlink quality (docs/models.md): one 4G cell, so SINR = RSRP − N with N = −174 + 10·log10(15 000) + 7
 *   = −125.2391 dBm: 32.6859, 18.7065, 9.1640, 0.6447 dB; efficiency 0.6·log2(1 + SINR) capped at 4.4 bit/s/Hz
 *   → 4.4, 3.740078, 1.925574, 0.666630; × 20 MHz (1800 MHz default) × 2 layers → 176, 149.60, 77.02, 26.67 Mb/s.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliOk, spawnCli, tempDir } from './run-cli.ts';

const FIXTURE = 'tests/fixtures/cli/analyze';
const CLI = ['analyze'];

function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

function firstLine(path: string): string {
  return readFileSync(path, 'utf8').split('\n')[0];
}

describe('phusong analyze', () => {
  const out = tempDir('phusong-analyze');
  // the end-to-end case: the real command in its own process, as a user runs it
  beforeAll(() => {
    const run = spawnCli([
      ...CLI,
      '--wards', `${FIXTURE}/wards.geojson`,
      '--sites', `${FIXTURE}/sites.csv`,
      '--households', `${FIXTURE}/households.csv`,
      '--fibre', `${FIXTURE}/fibre.geojson`,
      '--out', out,
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`warning: ${FIXTURE}/households.csv: 1 row(s) or feature(s) rejected, see ${join(out, 'rejected.csv')}\n`);
  });

  it('writes households.csv with the exact columns and hand-computed values', () => {
    // issue 3's columns, then issue 12's appended
    expect(firstLine(join(out, 'households.csv'))).toBe(
      'household_id,ward_id,count,best_site_id,rsrp_dbm,signal_class,fibre_distance_m,fibre_passed,sinr_db,throughput_mbps,servers_within_6db',
    );
    const rows = Object.fromEntries(readCsv(join(out, 'households.csv')).map((row) => [row.household_id, row]));
    expect(Object.keys(rows).sort()).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    const expected: Record<string, [string, string, number, string]> = {
      h1: ['W1', '40', -92.5532, 'good'],
      h2: ['W1', '3', -106.5326, 'fair'],
      h3: ['W1', '1', -116.0751, 'weak'],
    };
    for (const [id, [ward, count, rsrp, signalClass]] of Object.entries(expected)) {
      expect(rows[id].ward_id).toBe(ward);
      expect(rows[id].count).toBe(count);
      expect(rows[id].best_site_id).toBe('S1');
      expect(Number(rows[id].rsrp_dbm)).toBeCloseTo(rsrp, 1);
      expect(rows[id].signal_class).toBe(signalClass);
      expect(Number(rows[id].fibre_distance_m)).toBeCloseTo(150, 0);
      expect(rows[id].fibre_passed).toBe('true');
    }
    // h4 is below the weak floor: class none, still served above the interference cut-off (−135.24 dBm)
    expect(rows.h4.ward_id).toBe('W2');
    expect(rows.h4.signal_class).toBe('none');
    expect(rows.h4.best_site_id).toBe('S1');
    expect(Number(rows.h4.rsrp_dbm)).toBeCloseTo(-124.5944, 1);
    expect(rows.h4.fibre_passed).toBe('false');
    // h5 lies outside every ward: kept, with an empty ward_id; 114 km away (−153.7 dBm) it has no server
    expect(rows.h5.ward_id).toBe('');
    expect(rows.h5.signal_class).toBe('none');
    expect([rows.h5.best_site_id, rows.h5.rsrp_dbm, rows.h5.sinr_db, rows.h5.throughput_mbps, rows.h5.servers_within_6db]).toEqual(['', '', '', '', '']);
  });

  it('appends SINR, throughput and servers within 6 dB to households.csv, worked by hand', () => {
    const rows = Object.fromEntries(readCsv(join(out, 'households.csv')).map((row) => [row.household_id, row]));
    const expected: Record<string, [number, number | null]> = { h1: [32.6859, 176], h2: [18.7065, 149.6031], h3: [9.164, 77.023], h4: [0.6447, null] };
    for (const [id, [sinr, throughput]] of Object.entries(expected)) {
      expect(Number(rows[id].sinr_db)).toBeCloseTo(sinr, 1);
      if (throughput !== null) expect(Number(rows[id].throughput_mbps)).toBeCloseTo(throughput, 1);
      expect(rows[id].servers_within_6db).toBe('1');
    }
    // h4 (−124.59 dBm, class none) has a SINR but no service: no throughput (the curve would give 26.67 Mb/s)
    expect(rows.h4.throughput_mbps).toBe('');
  });

  it('writes cells.csv: what each analysed cell serves, with household-weighted medians', () => {
    expect(firstLine(join(out, 'cells.csv'))).toBe(
      'cell_id,site_id,operator,technology,band_mhz,households_served,median_rsrp_dbm,median_sinr_db,median_throughput_mbps',
    );
    // only the analysed 4G cell; it serves h1–h4: 40 + 3 + 1 + 2 = 46 households, the median is h1's (40 of 46)
    const cells = readCsv(join(out, 'cells.csv'));
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ cell_id: 'S1-1', site_id: 'S1', operator: 'Viettel', technology: '4G', band_mhz: '1800', households_served: '46' });
    expect(Number(cells[0].median_rsrp_dbm)).toBeCloseTo(-92.55, 1);
    expect(Number(cells[0].median_sinr_db)).toBeCloseTo(32.69, 1);
    expect(Number(cells[0].median_throughput_mbps)).toBe(176);
  });

  it('writes wards.csv with the exact columns and per-ward sums in households', () => {
    expect(firstLine(join(out, 'wards.csv'))).toBe(
      'ward_id,ward_name,households,good,fair,weak,none,weak_pct,fibre_households,fibre_pct,' +
        'median_sinr_db,median_throughput_mbps,speed_ok_households,speed_ok_pct',
    );
    const wards = readCsv(join(out, 'wards.csv'));
    expect(wards).toEqual([
      // W1: 40 good + 3 fair + 1 weak; weak_pct = 1/44 = 2.27 %; all 44 within 150 m of fibre; SINR 9.16 (1),
      // 18.71 (3), 32.69 (40): half of 44 is reached at 32.69 dB, 176 Mb/s; all three at or above 40 Mb/s
      {
        ward_id: 'W1', ward_name: 'Phường Một', households: '44', good: '40', fair: '3', weak: '1', none: '0', weak_pct: '2.27', fibre_households: '44', fibre_pct: '100',
        median_sinr_db: '32.69', median_throughput_mbps: '176', speed_ok_households: '44', speed_ok_pct: '100',
      },
      // W2: h4 alone, 0.64 dB, of class none: no service, 0 Mb/s in the ward's speed columns
      {
        ward_id: 'W2', ward_name: 'Xã Hai', households: '2', good: '0', fair: '0', weak: '0', none: '2', weak_pct: '100', fibre_households: '0', fibre_pct: '0',
        median_sinr_db: '0.64', median_throughput_mbps: '0', speed_ok_households: '0', speed_ok_pct: '0',
      },
    ]);
  });

  it('reports the rejected row and the households outside every ward', () => {
    expect(readCsv(join(out, 'rejected.csv'))).toEqual([
      { file: `${FIXTURE}/households.csv`, row: '7', reason: expect.stringMatching(/lon/i) },
    ]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.outsideWards.points).toBe(1);
    expect(summary.outsideWards.households).toBe(5);
    expect(summary.totals.households).toBe(51);
    expect(summary.settings.technology).toBe('4G');
    const zones = JSON.parse(readFileSync(join(out, 'zones.geojson'), 'utf8'));
    expect(zones.type).toBe('FeatureCollection');
    expect(zones.features.length).toBeGreaterThan(0);
  });

  it('leaves fibre_distance_m empty and fibre_passed false without a fibre file', async () => {
    const noFibre = tempDir('phusong-analyze');
    await runCliOk([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--sites', `${FIXTURE}/sites.csv`,
      '--households', `${FIXTURE}/households.csv`, '--out', noFibre]);
    for (const row of readCsv(join(noFibre, 'households.csv'))) {
      expect(row.fibre_distance_m).toBe('');
      expect(row.fibre_passed).toBe('false');
    }
  });

  it('draws weak-signal zones only over the --land mask', async () => {
    const withLand = tempDir('phusong-analyze');
    await runCliOk([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--sites', `${FIXTURE}/sites.csv`,
      '--households', `${FIXTURE}/households.csv`, '--land', `${FIXTURE}/land.geojson`, '--out', withLand]);
    const everywhere = JSON.parse(readFileSync(join(out, 'zones.geojson'), 'utf8'));
    const landOnly = JSON.parse(readFileSync(join(withLand, 'zones.geojson'), 'utf8'));
    // without a mask the ward polygons are the land and W2 (all none) is a zone; the mask is W1 alone
    expect(everywhere.features.some((zone: { properties: { ward_ids: string[] } }) => zone.properties.ward_ids.includes('W2'))).toBe(true);
    expect(landOnly.features.length).toBeGreaterThan(0);
    for (const zone of landOnly.features) expect(zone.properties.ward_ids).toEqual(['W1']);
  });

  it('analyses another technology on request (the 2G Okumura-Hata cell serves h4)', async () => {
    const twoG = tempDir('phusong-analyze');
    await runCliOk([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--sites', `${FIXTURE}/sites.csv`,
      '--households', `${FIXTURE}/households.csv`, '--technology', '2G', '--out', twoG]);
    const rows = Object.fromEntries(readCsv(join(twoG, 'households.csv')).map((row) => [row.household_id, row]));
    expect(rows.h4.best_site_id).toBe('S2');
  });

  it('rejects a site row whose model is unknown into rejected.csv, with the accepted values, and keeps the others', async () => {
    const dir = tempDir('phusong-analyze');
    const sites = join(dir, 'sites.csv');
    const [header, s1, s2] = readFileSync(`${FIXTURE}/sites.csv`, 'utf8').trim().split('\n');
    writeFileSync(sites, [header, s1, s2.replace('okumura-hata', 'no-such-model')].join('\n'));
    const run = await runCliOk([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--sites', sites,
      '--households', `${FIXTURE}/households.csv`, '--technology', '2G', '--out', dir]);
    expect(run.stderr).toContain(`warning: ${sites}: 1 row(s) or feature(s) rejected`);
    expect(readCsv(join(dir, 'rejected.csv'))).toContainEqual({
      file: sites, row: '3', reason: expect.stringContaining('“no-such-model” is not a recognised value (accepted: fspl, okumura-hata, cost231-hata, 3gpp-uma, 3gpp-umi, 3gpp-rma)'),
    });
    // without S2 no 2G cell is left: nothing is served, rather than S2 analysed with a model nobody asked for
    const rows = readCsv(join(dir, 'households.csv'));
    expect(rows.every((row) => row.best_site_id === '')).toBe(true);
  });

  it('exits 2 with one line naming the file when an input is missing or has no valid rows', async () => {
    const dir = tempDir('phusong-analyze');
    const missing = await runCli([...CLI, '--wards', 'nope.geojson', '--sites', `${FIXTURE}/sites.csv`,
      '--households', `${FIXTURE}/households.csv`, '--out', dir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error: nope.geojson: no such file\n');

    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'household_id,lon,lat\nx,abc,def\n');
    const invalid = await runCli([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--sites', `${FIXTURE}/sites.csv`,
      '--households', empty, '--out', dir]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(new RegExp(`^error: ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+\n$`));
    expect(invalid.stderr.split('\n').length).toBe(2);
  });

  it('exits 2 on a missing required option or a bad --technology', async () => {
    const noOut = await runCli([...CLI, '--wards', `${FIXTURE}/wards.geojson`]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/^error: missing required option --sites\n$/);
    const badTech = await runCli([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--sites', `${FIXTURE}/sites.csv`,
      '--households', `${FIXTURE}/households.csv`, '--technology', '6G', '--out', tempDir('x')]);
    expect(badTech.status).toBe(2);
    // node's parser explains an option value that looks like an option over several lines: we print one
    const dashValue = await runCli([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--operator', '-5']);
    expect(dashValue.status).toBe(2);
    expect(dashValue.stderr).toMatch(/^error: [^\n]*--operator[^\n]*\n$/);
  });
});
