/**
 * The `phusong targets` contract (issue 9), end to end through the real command, on a fixture worked out by hand
 * (tests/fixtures/cli/targets). Metres north are converted with ky = 110,704.60 m/° at 20.025° N (cheap-ruler).
 *
 * Every cell is an omni FSPL cell at 1.5 m with EIRP −15 dBm. FSPL = 20·log10(d_km) + 20·log10(f_MHz) + 32.4478.
 * - 4G S1 (1800 MHz) at (106.01, 20.025): h0 (50 households) 100 m north: −92.55 dBm, good; f1 (30) 500 m north:
 *   −15 − (97.553 − 6.021) = −106.53 dBm, fair. Everything else is > 20 km away: none.
 * - 5G S5 (3500 MHz) at (106.58, 20.05): h5 (20) 300 m north: −15 − (103.329 − 10.458) = −107.87 dBm, fair;
 *   everything else is > 20 km away: none.
 * - g1 (10) at (106.2, 20.05) in W1; g4 (9) at (106.4, 20.05) in W2. W1 = h0, f1, g1 (90 households, 3 persons per
 *   household by its census 300/100); W2 = g4, h5 (29, 4 persons per household: 400/100). City 119 households.
 * - Fibre: distribution cable along 20.025 from 106.005 to 106.015: h0 (100 m) is passed (drop 200 m), f1 (500 m)
 *   is not; everything else is far. Zones: an industrial park holding g4 and h5, a port holding nobody.
 *
 * Targets, by hand:
 * - weak-4g (weak ≤ 0 %, city): weak/none 10 + 9 + 20 = 39 of 119 = 32.7731 %, gap 32.7731. Closing: g1, g4 and h5
 *   are > 20 km apart, no new site reaches two of them: 3 sites.
 * - cov-4g-w2 (4G ≥ 50 %, units W2 and W9): W2 has 0 of 29 covered, 0 %, gap 50; W9 is unknown. Closing: ⌈14.5⌉ =
 *   15 households needed: one site at h5 (20) suffices: 1 site.
 * - pop-5g (5G persons ≥ 99 %, city): persons h0 150, f1 90, g1 30 (W1, ×3), g4 36, h5 80 (W2, ×4) = 386; covered 80:
 *   20.7254 %, gap 78.2746. Per unit: W1 0 %, W2 80/116 = 68.9655 %. Closing: ⌈0.99 · 386⌉ = 383 persons, 303 more:
 *   h0 + f1 (400 m apart, 240) + g4 (36) + g1 (30) = 306 are all needed (without g1: 276): 3 sites.
 * - ind-5g (5G ≥ 100 %, industrial parks): 20 of 29 = 68.9655 %, gap 31.0345. Closing: g4, 1 site.
 * - fibre-60 (FTTH ≥ 60 %, city): 50 of 119 = 42.0168 %, gap 17.9832. Closing: ⌈71.4⌉ = 72 passed, 22 more: the spur
 *   to f1, 500 − 198 = 302 m (200 m drop, 1 % margin), cost 302 × 40,000 + 30 × 800,000 = 36,080,000 VND.
 * - fibre-w1 (FTTH ≥ 90 %, unit W1): 50 of 90 = 55.5556 %; planned on W1's households only: ⌈0.9 × 90⌉ − 50 = 31
 *   households at least to pass, each 800,000 VND on top of the cable's 40,000 VND/m.
 * - wifi: no data. cov-4g-w1 (4G ≥ 50 %, W1): 80 of 90 = 88.8889 %, met, nothing to close.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliOk, spawnCli, tempDir } from './run-cli.ts';

const FIXTURE = 'tests/fixtures/cli/targets';
const INPUTS = [
  'targets',
  '--wards', `${FIXTURE}/wards.geojson`,
  '--sites', `${FIXTURE}/sites.csv`,
  '--households', `${FIXTURE}/households.csv`,
  '--fibre', `${FIXTURE}/fibre.geojson`,
  '--zones', `${FIXTURE}/zones.geojson`,
  '--target-set', `${FIXTURE}/set.json`,
];
const COLUMNS = 'target_id,indicator,scope,unit,value,target,gap,status,to_close_sites,to_close_cable_m,to_close_cost_vnd,source';

type Row = Record<string, string>;
const readCsv = (path: string): Row[] => Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
const pct = (part: number, whole: number): number => (100 * part) / whole;

describe('phusong targets', () => {
  let planned: string;
  let rows: Map<string, Row>;

  beforeAll(async () => {
    planned = tempDir('phusong-targets');
    await runCliOk([...INPUTS, '--out', planned]);
    rows = new Map(readCsv(join(planned, 'targets.csv')).map((row) => [row.target_id, row]));
  }, 120_000);

  it('writes targets.csv with the issue’s columns, one row per target in the set’s order', () => {
    const text = readFileSync(join(planned, 'targets.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(COLUMNS);
    expect([...rows.keys()]).toEqual(['weak-4g', 'cov-4g-w2', 'pop-5g', 'ind-5g', 'fibre-60', 'fibre-w1', 'wifi', 'cov-4g-w1']);
    expect(rows.get('weak-4g')).toMatchObject({ indicator: 'weak_signal_households', scope: 'city', unit: '%', target: '0', status: 'not_met', source: 'Kế hoạch thử 1/KH, 2026-01-02, Mục 2' });
    expect(rows.get('cov-4g-w2')!.scope).toBe('units:W2;W9');
    expect(rows.get('ind-5g')!.scope).toBe('zones:industrial_park');
  });

  it('gives each target its hand-worked value, gap and status', () => {
    const expected: Record<string, [number | null, number | null, string]> = {
      'weak-4g': [pct(39, 119), pct(39, 119), 'not_met'],
      'cov-4g-w2': [0, 50, 'not_met'],
      'pop-5g': [pct(80, 386), 99 - pct(80, 386), 'not_met'],
      'ind-5g': [pct(20, 29), 100 - pct(20, 29), 'not_met'],
      'fibre-60': [pct(50, 119), 60 - pct(50, 119), 'not_met'],
      'fibre-w1': [pct(50, 90), 90 - pct(50, 90), 'not_met'],
      wifi: [null, null, 'no_data'],
      'cov-4g-w1': [pct(80, 90), 0, 'met'],
    };
    for (const [id, [value, gap, status]] of Object.entries(expected)) {
      const row = rows.get(id)!;
      expect(row.status, id).toBe(status);
      if (value === null) expect([row.value, row.gap], id).toEqual(['', '']);
      else {
        expect(Number(row.value), id).toBeCloseTo(value, 4);
        expect(Number(row.gap), id).toBeCloseTo(gap!, 4);
      }
    }
  });

  it('says what closes each gap: new sites for coverage targets, cable and VND for the city fibre target', () => {
    const closing = (id: string) => {
      const row = rows.get(id)!;
      return [row.to_close_sites, row.to_close_cable_m, row.to_close_cost_vnd];
    };
    expect(closing('weak-4g')).toEqual(['3', '', '']);
    expect(closing('cov-4g-w2')).toEqual(['1', '', '']);
    expect(closing('pop-5g')).toEqual(['3', '', '']);
    expect(closing('ind-5g')).toEqual(['1', '', '']);
    const [sites, cableM, costVnd] = closing('fibre-60');
    expect(sites).toBe('');
    expect(Number(cableM)).toBeCloseTo(302, 0);
    expect(Math.abs(Number(costVnd) - 36_080_000)).toBeLessThan(40_000); // ± 1 m of cable
    // unit-scoped fibre: cable towards W1's households; the cost is the cable plus whole households connected
    const [w1Sites, w1CableM, w1CostVnd] = closing('fibre-w1').map(Number);
    expect(w1Sites).toBe(0);
    expect(w1CableM).toBeGreaterThan(0);
    const connected = Math.round((w1CostVnd - w1CableM * 40_000) / 800_000);
    expect(connected).toBeGreaterThanOrEqual(31);
    expect(Math.abs(w1CostVnd - w1CableM * 40_000 - connected * 800_000)).toBeLessThanOrEqual(2_000); // cable rounded to 0.1 m
    // no data, met: empty
    for (const id of ['wifi', 'cov-4g-w1']) expect(closing(id), id).toEqual(['', '', '']);

    const summary = JSON.parse(readFileSync(join(planned, 'summary.json'), 'utf8'));
    const byId = new Map(summary.targets.map((target: { id: string }) => [target.id, target]));
    expect(byId.get('weak-4g')).toMatchObject({ base: 119, achieved: 39, shortfall: 39, toClose: { kind: 'sites', reachable: true, valueAfter: 0 } });
    expect(byId.get('cov-4g-w2')).toMatchObject({ shortfall: 15, unknownUnitIds: ['W9'], toClose: { valueAfter: expect.closeTo(pct(20, 29), 6) } });
    expect(byId.get('pop-5g')).toMatchObject({ base: 386, achieved: 80, toClose: { sites: 3, reachable: true } });
    expect(byId.get('fibre-60')).toMatchObject({ toClose: { kind: 'fibre', reachable: true, valueAfter: expect.closeTo(pct(80, 119), 6) } });
    expect(byId.get('fibre-w1')).toMatchObject({ toClose: { kind: 'fibre', reachable: true, reason: null } });
    expect((byId.get('fibre-w1') as { toClose: { valueAfter: number } }).toClose.valueAfter).toBeGreaterThanOrEqual(90);
    expect(byId.get('cov-4g-w1')).toMatchObject({ toClose: { reason: 'met' } });
  });

  it('writes each target per unit in targets_by_ward.csv', () => {
    const byWard = readCsv(join(planned, 'targets_by_ward.csv'));
    expect(Object.keys(byWard[0])).toEqual(['target_id', 'ward_id', 'ward_name', 'value', 'target', 'status']);
    expect(byWard.length).toBe(8 * 2);
    const of = (id: string, ward: string) => byWard.find((row) => row.target_id === id && row.ward_id === ward)!;
    expect(Number(of('weak-4g', 'W1').value)).toBeCloseTo(pct(10, 90), 4);
    expect(of('weak-4g', 'W2')).toMatchObject({ ward_name: 'Xã Hai', value: '100', target: '0', status: 'not_met' });
    expect(of('pop-5g', 'W1')).toMatchObject({ value: '0', status: 'not_met' });
    expect(Number(of('pop-5g', 'W2').value)).toBeCloseTo(pct(80, 116), 4);
    expect(of('cov-4g-w2', 'W1')).toMatchObject({ value: '', status: 'no_data' });
    expect(of('cov-4g-w1', 'W1')).toMatchObject({ ward_name: 'Phường Một', status: 'met' });
  });

  it('leaves the closing columns empty with --no-plan, the values unchanged', async () => {
    const out = tempDir('phusong-targets-no-plan');
    await runCliOk([...INPUTS, '--no-plan', '--out', out]);
    const unplanned = readCsv(join(out, 'targets.csv'));
    for (const row of unplanned) {
      expect([row.to_close_sites, row.to_close_cable_m, row.to_close_cost_vnd], row.target_id).toEqual(['', '', '']);
      expect([row.value, row.gap, row.status]).toEqual([rows.get(row.target_id)!.value, rows.get(row.target_id)!.gap, rows.get(row.target_id)!.status]);
    }
  }, 60_000);

  it('has no data for zone targets without a zones layer', async () => {
    const out = tempDir('phusong-targets-no-zones');
    await runCliOk([...INPUTS.filter((arg, i, all) => arg !== '--zones' && all[i - 1] !== '--zones'), '--no-plan', '--out', out]);
    const row = readCsv(join(out, 'targets.csv')).find((r) => r.target_id === 'ind-5g')!;
    expect(row).toMatchObject({ value: '', gap: '', status: 'no_data' });
  }, 60_000);

  it('exits 2 on a bad target set and on a missing layer, as analyze does', async () => {
    const unknown = await runCli([...INPUTS.slice(0, -2), '--target-set', 'no-such-set', '--out', tempDir('phusong-targets-bad')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: --target-set: no target set named 'no-such-set' \(shipped: .*hp-2026-2030/);
    const missing = await runCli(['targets', '--wards', `${FIXTURE}/wards.geojson`, '--out', tempDir('phusong-targets-bad')]);
    expect(missing).toMatchObject({ status: 2, stderr: 'error: missing required option --sites\n' });
    const notJson = await runCli([...INPUTS.slice(0, -2), '--target-set', `${FIXTURE}/households.csv`, '--out', tempDir('phusong-targets-bad')]);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/households\.csv/);
  });

  it('runs as a user runs it (scripts/phusong.mjs), the default set being hp-2026-2030', () => {
    const out = tempDir('phusong-targets-spawn');
    const run = spawnCli([...INPUTS.slice(0, -2), '--no-plan', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const ids = readCsv(join(out, 'targets.csv')).map((row) => row.target_id);
    expect(ids).toEqual(['5g-population-2030', 'fibre-users-2030', 'free-wifi-2030']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.targetSet.id).toBe('hp-2026-2030');
  }, 120_000);
});
