/**
 * The `phusong plan-sites` contract, end to end through the real command, on a fixture worked out by hand
 * (tests/fixtures/cli/plan-sites). Positions are metres east/north of (106.05, 20.025) converted with WGS84
 * metres per degree (cheap-ruler: kx = 104,630.56 m/°, ky = 110,704.60 m/° at 20.025°N).
 *
 * Every 4G cell is an omni FSPL cell at 1.5 m (= handset height, so ground distance = 3D distance) with
 * EIRP −15 dBm (the template: rs −15 dBm, 0 dBi, 0 dB). FSPL = 20·log10(d_km) + 20·log10(1800) + 32.4478
 * = 20·log10(d_km) + 97.5533, so RSRP ≥ −110 (fair floor) ⇔ d ≤ 10^(−2.5533/20) km = 745.4 m, and
 * RSRP ≥ −120 (weak floor) ⇔ d ≤ 2,357 m.
 * - S1 (existing 4G) at x = −4,185 m; h0 (50 households) 100 m north of it: −92.55 dBm, good.
 * - g1 (10) at x = −500, g2 (10) at +500, g3 (9) at −1,600, g4 (9, ward W2) at +1,600: all beyond 2,357 m
 *   of S1 (g3 is 2,585 m away), so none. Before: 50 of 88 households out of weak/none.
 * - Candidates A (x = 0) lifts g1 + g2 = 20; B (−1,000) g1 + g3 = 19; C (+1,000) g2 + g4 = 19;
 *   D (−1,600, +300) is 100 m from the 2G site S2: dropped (min separation 250 m);
 *   E (0, −300) is inside the exclusion polygon: dropped;
 *   F (+1,700) gives its own rs_power_dbm −40 → reach 42 m, lifts nothing (g4 is 100 m away);
 *   row X has lon "abc": rejected (row 8).
 * - Greedy, 2 sites: A (20), then B (+9, tie with C broken by order) = 29 → 79 of 88.
 *   Exact: B + C = 38 → 88; greedy gap 9 households = 9/38.
 * - Target 90 %: ⌈0.9 · 88⌉ = 80 households out → 30 more: greedy A, B, C (3 sites); exact B, C (2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/io/export-table.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { runCli, runCliOk, spawnCli, tempDir } from './run-cli.ts';

const FIXTURE = 'tests/fixtures/cli/plan-sites';
const CLI = ['plan-sites'];
const INPUTS = [
  '--wards', `${FIXTURE}/wards.geojson`,
  '--sites', `${FIXTURE}/sites.csv`,
  '--households', `${FIXTURE}/households.csv`,
  '--template', `${FIXTURE}/template.json`,
];
const WITH_CANDIDATES = [...INPUTS, '--candidates', `${FIXTURE}/candidates.csv`, '--config', `${FIXTURE}/config.json`];

function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

interface PlanOutput {
  out: string;
  summary: Record<string, any>;
  sites: Record<string, string>[];
}

function readPlan(out: string): PlanOutput {
  return { out, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), sites: readCsv(join(out, 'new_sites.csv')) };
}

async function runPlan(args: string[]): Promise<PlanOutput> {
  const out = tempDir('phusong-plan-sites');
  await runCliOk([...CLI, ...args, '--out', out]);
  return readPlan(out);
}

describe('phusong plan-sites', () => {
  let greedy: PlanOutput;
  // the end-to-end case: the real command in its own process, as a user runs it
  beforeAll(() => {
    const out = tempDir('phusong-plan-sites');
    const run = spawnCli([...CLI, ...WITH_CANDIDATES, '--count', '2', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^warning: .*candidates\.csv: 1 row\(s\) or feature\(s\) rejected/);
    greedy = readPlan(out);
  });

  it('writes new_sites.csv with the sites columns plus households_gained, in pick order', () => {
    expect(readFileSync(join(greedy.out, 'new_sites.csv'), 'utf8').split('\n')[0]).toBe(
      'site_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,tilt_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status,households_gained',
    );
    expect(greedy.sites.map((row) => [row.site_id, row.households_gained])).toEqual([
      ['A', '20'],
      ['B', '9'],
    ]);
    // the template's RF fields where the candidate file gives none; new sites are planned
    expect(greedy.sites[0]).toMatchObject({ rs_power_dbm: '-15', height_m: '1.5', model: 'fspl', azimuth_deg: '', status: 'planned' });
  });

  it('writes wards.csv exactly as analyze does, after the new sites', () => {
    expect(readFileSync(join(greedy.out, 'wards.csv'), 'utf8').split('\n')[0]).toBe(
      'ward_id,ward_name,households,good,fair,weak,none,weak_pct,fibre_households,fibre_pct,' +
        'median_sinr_db,median_throughput_mbps,speed_ok_households,speed_ok_pct',
    );
    const [w1, w2] = readCsv(join(greedy.out, 'wards.csv'));
    // g1 at 500 m from A: −15 − (−6.02 + 97.55) = −106.53 dBm, fair; g3 at 600 m from B: −108.12, fair
    expect(w1).toMatchObject({ ward_id: 'W1', ward_name: 'Phường Một', households: '79', good: '50', fair: '29', weak: '0', none: '0', weak_pct: '0', fibre_households: '0', fibre_pct: '0' });
    // g4 at 1,600 m from A: −15 − (4.08 + 97.55) = −116.63 dBm, weak (not lifted, but no longer none)
    expect(w2).toMatchObject({ ward_id: 'W2', ward_name: 'Xã Hai', households: '9', good: '0', fair: '0', weak: '9', none: '0', weak_pct: '100', fibre_households: '0', fibre_pct: '0' });
    // downlink quality after the sites: A and B (operator "Planned") interfere with each other, not with Viettel's
    // S1. SINR = S / (0.5·I + N), N = −125.2391 dBm; throughput 0.6·log2(1 + SINR) × 20 MHz × 2 layers:
    // h0 (50): S1 alone, 32.69 dB, 176 Mb/s; g1 (10): A and B both 500 m away, 2.90 dB, 37.43 Mb/s (below 40);
    // g2 (10): A 500 m, B 1,500 m: 11.61 dB, 94.87; g3 (9): B 600 m, A 1,600 m: 10.47 dB, 86.46
    // → W1 medians (half of 79 reached with h0's 50) 32.69 dB, 176 Mb/s; at speed 79 − 10 = 69 → 87.34 %
    expect(Number(w1.median_sinr_db)).toBeCloseTo(32.69, 1);
    expect(Number(w1.median_throughput_mbps)).toBe(176);
    expect([w1.speed_ok_households, w1.speed_ok_pct]).toEqual(['69', '87.34']);
    // g4 (9): A 1,600 m, B 2,600 m: 4.85 dB, 48.48 Mb/s
    expect(Number(w2.median_sinr_db)).toBeCloseTo(4.85, 1);
    expect(Number(w2.median_throughput_mbps)).toBeCloseTo(48.48, 1);
    expect([w2.speed_ok_households, w2.speed_ok_pct]).toEqual(['9', '100']);
  });

  it('summarises before/after, the method, the candidates and the greedy bound', () => {
    const { summary } = greedy;
    expect(summary.method).toBe('greedy');
    expect(summary.households).toMatchObject({ total: 88, outOfWeakBefore: 50, outOfWeakAfter: 79, coverableByCandidates: 38 });
    expect(summary.households.outOfWeakPctAfter).toBeCloseTo((79 / 88) * 100, 3);
    expect(summary.remainingGap).toEqual({ weakOrNone: 9, shortOfTarget: 0 });
    expect(summary.candidates).toMatchObject({ proposed: 6, droppedInExclusion: 1, droppedNearExistingSite: 1, evaluated: 4, liftingSomeHousehold: 3 });
    expect(summary.sites[1]).toMatchObject({ pick: 2, siteId: 'B', householdsGained: 9, wards: [{ wardId: 'W1', households: 9 }] });
    // after A and B the best remaining gains are C 9, F 0: 29 + 9 = 38 bounds the best pair
    expect(summary.greedy.upperBound).toBe(38);
    expect(summary.optimalityGap).toEqual({ relative: 9 / 38, sites: null, proven: false });
  });

  it('reports the rejected candidate row like analyze', () => {
    expect(readCsv(join(greedy.out, 'rejected.csv'))).toEqual([
      { file: `${FIXTURE}/candidates.csv`, row: '8', reason: expect.stringMatching(/lon/i) },
    ]);
  });

  it('finds the optimum with --exact and reports the greedy gap', async () => {
    const exact = await runPlan([...WITH_CANDIDATES, '--count', '2', '--exact']);
    expect(exact.sites.map((row) => [row.site_id, row.households_gained])).toEqual([
      ['B', '19'],
      ['C', '19'],
    ]);
    expect(exact.summary.method).toBe('exact');
    expect(exact.summary.exact.status).toBe('optimal');
    expect(exact.summary.households.outOfWeakAfter).toBe(88);
    expect(exact.summary.greedyGap).toEqual({ households: 9, relative: 9 / 38, sites: 0 });
    expect(exact.summary.optimalityGap).toEqual({ relative: 0, sites: null, proven: true });
  });

  it('reaches a target with as few sites as it can: greedy 3, exact 2', async () => {
    const target = await runPlan([...WITH_CANDIDATES, '--target-pct', '90']);
    expect(target.summary.target).toEqual({ pct: 90, households: 80, reachable: true });
    expect(target.sites.map((row) => row.site_id)).toEqual(['A', 'B', 'C']);
    const exact = await runPlan([...WITH_CANDIDATES, '--target-pct', '90', '--exact']);
    expect(exact.sites.map((row) => row.site_id)).toEqual(['B', 'C']);
    expect(exact.summary.greedyGap).toEqual({ households: 0, relative: 0, sites: 1 });
    expect(exact.summary.households.outOfWeakAfter).toBeGreaterThanOrEqual(80);
  });

  it('places grid candidates over the weak-signal zones without a candidate file, and its output imports as sites', async () => {
    const grid = await runPlan([...INPUTS, '--target-pct', '100']);
    expect(grid.summary.candidates.source).toBe('grid');
    expect(grid.summary.households.outOfWeakAfter).toBe(88);
    expect(grid.summary.target.reachable).toBe(true);
    const gains = grid.sites.map((row) => Number(row.households_gained));
    expect(gains.reduce((a, b) => a + b, 0)).toBe(88 - 50);
    expect(grid.sites.map((row) => row.site_id)).toEqual(gains.map((_, i) => `NEW-${String(i + 1).padStart(3, '0')}`));
    const reread = parseSites(readFileSync(join(grid.out, 'new_sites.csv'), 'utf8'), 'new_sites.csv');
    expect(reread.rejected).toBe(0);
    expect(reread.data.map((cell) => [cell.lon, cell.lat, cell.rsPowerDbm, cell.status])).toEqual(
      grid.sites.map((row) => [Number(row.lon), Number(row.lat), -15, 'planned']),
    );
  });

  it('reads a GeoJSON candidate file, each feature keeping the RF fields it gives', async () => {
    const dir = tempDir('phusong-plan-sites');
    const feature = (site_id: string, lon: number, extra: Record<string, unknown> = {}) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [lon, 20.025] }, properties: { site_id, operator: 'Planned', technology: '4G', ...extra },
    });
    // C gives its own power (−40 dBm: reach 42 m) and so lifts nothing; A and B take the template's −15 dBm
    const path = join(dir, 'candidates.geojson');
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [feature('A', 106.05), feature('B', 106.04044256), feature('C', 106.05955744, { rs_power_dbm: -40 })] }));
    const result = await runPlan([...INPUTS, '--candidates', path, '--count', '3']);
    expect(result.sites.map((row) => [row.site_id, row.rs_power_dbm, row.households_gained])).toEqual([
      ['A', '-15', '20'],
      ['B', '-15', '9'],
    ]);
    expect(result.summary.candidates.liftingSomeHousehold).toBe(2);
  });

  it('reads a candidate file and exclusions in any layer format: an Excel sheet of candidates, KML exclusions', async () => {
    const dir = tempDir('phusong-plan-sites');
    // the rows of candidates.csv: F keeps its own −40 dBm, the others take the template's power
    const rows = readCsv(`${FIXTURE}/candidates.csv`).filter((row) => row.site_id !== 'X');
    const columns = ['site_id', 'lon', 'lat', 'operator', 'technology', 'rs_power_dbm'];
    const table = rows.map((row) => columns.map((column) => (column === 'lon' || column === 'lat' ? Number(row[column]) : row[column])));
    writeFileSync(join(dir, 'candidates.xlsx'), await toXlsx([{ name: 'Ứng viên', columns, rows: table }]));
    // the exclusion polygon of exclusions.geojson, as KML
    const ring = '106.04952213,20.02183843 106.05047787,20.02183843 106.05047787,20.02274174 106.04952213,20.02274174 106.04952213,20.02183843';
    writeFileSync(
      join(dir, 'exclusions.kml'),
      `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Công viên</name>` +
        `<Polygon><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`,
    );
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ siting: { exclusions: 'exclusions.kml' } }));
    const result = await runPlan([...INPUTS, '--candidates', join(dir, 'candidates.xlsx'), '--config', join(dir, 'config.json'), '--count', '2']);
    expect(result.summary.candidates).toEqual(greedy.summary.candidates);
    expect(result.sites).toEqual(greedy.sites);
  });

  it('warns when the target cannot be reached and still writes the best it can', async () => {
    const out = tempDir('phusong-plan-sites');
    // remove candidates B and C: only A (20 households) can lift anything, 70 of 88 at most
    const candidates = join(out, 'only-a.csv');
    writeFileSync(candidates, 'site_id,lon,lat,operator,technology\nA,106.05,20.025,Planned,4G\n');
    const result = await runCli([...CLI, ...INPUTS, '--candidates', candidates, '--target-pct', '100', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^warning: target 100 % not reachable/m);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.target.reachable).toBe(false);
    expect(summary.households.outOfWeakAfter).toBe(70);
    expect(summary.remainingGap).toEqual({ weakOrNone: 18, shortOfTarget: 18 });
  });

  it('exits 2 unless exactly one of --count and --target-pct is given, or when it is out of range', async () => {
    const dir = tempDir('phusong-plan-sites');
    const cases: Array<[string[], RegExp]> = [
      [[], /^error: give exactly one of --count N and --target-pct P\n$/],
      [['--count', '2', '--target-pct', '98'], /^error: give exactly one of --count N and --target-pct P\n$/],
      [['--count', '0'], /^error: --count must be a whole number ≥ 1, got '0'\n$/],
      [['--count', '2.5'], /^error: --count must be a whole number/],
      [['--target-pct', '101'], /^error: --target-pct must be a percentage in \(0, 100\], got '101'\n$/],
      [['--target-pct', 'abc'], /^error: --target-pct must be a percentage/],
    ];
    for (const [goal, message] of cases) {
      const result = await runCli([...CLI, ...INPUTS, ...goal, '--out', dir]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('exits 2 with one line naming the file for a missing input, a bad template or a bad siting config', async () => {
    const dir = tempDir('phusong-plan-sites');
    const missing = await runCli([...CLI, ...INPUTS, '--candidates', 'nope.csv', '--count', '1', '--out', dir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error: nope.csv: no such file\n');

    const template = join(dir, 'template.json');
    writeFileSync(template, '{"heightM": -3}');
    const badTemplate = await runCli([...CLI, ...INPUTS.slice(0, 6), '--template', template, '--count', '1', '--out', dir]);
    expect(badTemplate.status).toBe(2);
    expect(badTemplate.stderr).toBe(`error: ${template}: heightM: must be a number in 1…1000, got -3\n`);

    const config = join(dir, 'config.json');
    writeFileSync(config, '{"siting": {"gridSpacingM": 0}}');
    const badConfig = await runCli([...CLI, ...INPUTS, '--config', config, '--count', '1', '--out', dir]);
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toMatch(/^error: .*config\.json: siting\.gridSpacingM must be metres in \[10, 10000\], got 0\n$/);
  });
});
