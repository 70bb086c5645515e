/**
 * The `phusong fibre-plan` contract, end to end through the real command, on a fixture worked out by hand
 * (tests/fixtures/cli/fibre-plan). Positions: metres east/north of (106.6° E, 20.85° N) placed with the WGS84
 * metres-per-degree series (tests/core/fibre/fibre-fixture.ts).
 * - Fibre: distribution cable D1 along y = 0 from x = −3000 to 3000 m; backbone B1 along y = 1500 (does not pass);
 *   access node N1 at (2000, 0), capacity 8, used 8 (full); a Polygon feature (rejected).
 * - Wards: W1 = x ∈ [−3000, 0], W2 = x ∈ [0, 3000] (y ∈ [−1000, 2000]); W3 far east, no households.
 * - Households (count): W1: h1 (−2000, 50) ×18 passed; h2 (−1000, 400) ×2; h3 (−1500, 1400) ×5 (100 m from the
 *   backbone only). W2: h4 (1000, 100) ×6 passed; h5 (1500, 600) ×3; h6 (2500, 300) ×1; h7 (2000, 150) ×1,
 *   within reach of D1 and N1 but N1 is full → not passed, no cable for it. h8 far outside every ward ×4;
 *   h9 has lon "abc" (row 10, rejected).
 * Before: W1 18/25 = 72 %, W2 6/11 = 54.55 %, city 24/40 = 60 %.
 * A spur to a single point d metres from the cable is d − 198 m long (200 m drop, 1 % planning margin);
 * cost = length × 40,000 + households × 800,000 VND.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { metresOf } from '../core/fibre/fibre-fixture.ts';
import { runCli, runCliOk, spawnCli, tempDir } from './run-cli.ts';

const FIXTURE = 'tests/fixtures/cli/fibre-plan';
const CLI = ['fibre-plan'];
const INPUTS = ['--wards', `${FIXTURE}/wards.geojson`, '--households', `${FIXTURE}/households.csv`, '--fibre', `${FIXTURE}/fibre.geojson`];

function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

async function runPlan(...extra: string[]): Promise<string> {
  const out = tempDir('phusong-fibre-plan');
  await runCliOk([...CLI, ...INPUTS, ...extra, '--out', out]);
  return out;
}

function readJson(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** [eastM, northM] of a GeoJSON position in the fixture frame. */
const metres = (position: number[]): number[] => metresOf(position);

describe('phusong fibre-plan --target 80 (scope ward)', () => {
  const out = tempDir('phusong-fibre-plan');
  // the end-to-end case: the real command in its own process, as a user runs it
  beforeAll(() => {
    const run = spawnCli([...CLI, ...INPUTS, '--target', '80', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^warning: .*households\.csv: 1 row\(s\) or feature\(s\) rejected/);
  });

  it('writes wards.csv with the exact columns and the hand-worked plan', () => {
    // W1 needs ⌈0.8 × 25⌉ = 20 → 2 more: h2's spur 400 − 198 = 202 m (h3 would take 1202 m).
    //   cost 202 × 40,000 + 2 × 800,000 = 9,680,000 VND.
    // W2 needs ⌈0.8 × 11⌉ = 9 → 3 more (h7 needs a port, not cable): h5 alone, 600 − 198 = 402 m,
    //   18,480,000 VND, beats h6 (102 m, 1 household) + h5 = 23,360,000: greedy takes h6 first (more households
    //   per metre), the finisher rule then takes it back.
    // W3 has no households. (Costs carry the ~1e-4 difference between cheap-ruler and the fixture frame.)
    expect(readFileSync(join(out, 'wards.csv'), 'utf8').split('\n')[0]).toBe(
      'ward_id,ward_name,households,passed_before,pct_before,passed_after,pct_after,extension_m,cost_vnd',
    );
    const rows = readCsv(join(out, 'wards.csv'));
    expect(rows.map((row) => [row.ward_id, row.ward_name, row.households, row.passed_before, row.pct_before, row.passed_after, row.pct_after])).toEqual([
      ['W1', 'Phường Một', '25', '18', '72', '20', '80'],
      ['W2', 'Xã Hai', '11', '6', '54.55', '9', '81.82'],
      ['W3', 'Phường Ba', '0', '0', '0', '0', '0'],
    ]);
    expect(Number(rows[0].extension_m)).toBeCloseTo(202, 0);
    expect(Number(rows[0].cost_vnd)).toBeCloseTo(9_680_000, -3);
    expect(Number(rows[1].extension_m)).toBeCloseTo(402, 0);
    expect(Number(rows[1].cost_vnd)).toBeCloseTo(18_480_000, -3);
    expect(rows[2].extension_m).toBe('0');
    expect(rows[2].cost_vnd).toBe('0');
  });

  it('writes the extensions as GeoJSON LineStrings with the contract properties', () => {
    const geojson = readJson(join(out, 'extensions.geojson'));
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(2);
    const [w1, w2] = geojson.features;
    expect(w1.geometry.type).toBe('LineString');
    expect(w1.properties).toMatchObject({ extension_id: 'ext-1', parent_id: null, ward_id: 'W1', households_gained: 2 });
    expect(w1.properties.length_m).toBeCloseTo(202, 0);
    expect(w1.properties.cost_vnd).toBeCloseTo(9_680_000, -3);
    // from the cable at x = −1000 straight north to (−1000, 202)
    const [start, end] = w1.geometry.coordinates.map(metres);
    expect(start[0]).toBeCloseTo(-1000, 0);
    expect(start[1]).toBeCloseTo(0, 0);
    expect(end[0]).toBeCloseTo(-1000, 0);
    expect(end[1]).toBeCloseTo(202, 0);
    expect(w2.properties).toMatchObject({ extension_id: 'ext-2', ward_id: 'W2', households_gained: 3 });
    expect(metres(w2.geometry.coordinates[1])[1]).toBeCloseTo(402, 0);
  });

  it('writes summary.json with totals, settings, the wards that cannot reach the target and the full node', () => {
    const summary = readJson(join(out, 'summary.json'));
    expect(summary.target).toEqual({ pct: 80, scope: 'ward' });
    expect(summary.settings.fibre).toEqual({ maxDropM: 200, backbonePasses: false, costPerMetreVnd: 40000, connectionCostVnd: 800000, targetsPct: [80, 90] });
    expect(summary.totals).toMatchObject({ households: 40, passedBefore: 24, pctBefore: 60, passedAfter: 29, pctAfter: 72.5, householdsGained: 5, connectionCostVnd: 4_000_000 });
    expect(summary.totals.extensionM).toBeCloseTo(604, 0);
    expect(summary.totals.extensionKm).toBeCloseTo(0.604, 3);
    expect(summary.totals.costVnd).toBeCloseTo(28_160_000, -3);
    expect(summary.targetMet).toBe(true);
    expect(summary.wardsCannotReachTarget).toEqual([
      { wardId: 'W3', wardName: 'Phường Ba', reason: 'no-households', households: 0, passedAfter: 0, needed: 0, capacityBlocked: 0 },
    ]);
    // city: 80 % of 40 = 32, 90 % = 36: short 8 and 12 before, 3 and 7 after
    expect(summary.cityBefore.shortfall).toEqual({ '80%': 8, '90%': 12 });
    expect(summary.cityAfter.shortfall).toEqual({ '80%': 3, '90%': 7 });
    expect(summary.outsideWards).toMatchObject({ points: 1, households: 4, passed: 0 });
    expect(summary.fullNodes).toEqual(['N1']);
    expect(summary.capacityBlockedHouseholds).toBe(1);
    expect(summary.counts).toMatchObject({ wards: 3, householdPoints: 8, routes: 2, accessNodes: 1, rejected: 2, extensions: 2 });
  });

  it('lists every rejected row and feature in rejected.csv', () => {
    expect(readCsv(join(out, 'rejected.csv'))).toEqual([
      { file: `${FIXTURE}/households.csv`, row: '10', reason: expect.stringMatching(/lon/i) },
      { file: `${FIXTURE}/fibre.geojson`, row: '3', reason: expect.stringMatching(/Polygon/) },
    ]);
  });
});

describe('phusong fibre-plan, other runs', () => {
  it('scope city: the cheapest households anywhere, branching from an earlier extension', async () => {
    // City needs ⌈0.8 × 40⌉ = 32 → 8 more among h2 (2), h6 (1), h5 (3), h3 (5), h8 (4, > 10 km away).
    // After h2's spur (−1000, 0) → (−1000, 202), h3 is nearer its end: √(500² + 1198²) = 1298.15 m, so its branch
    // is 1100.15 m. Cheapest set: h2 + h6 + h3 = 202 + 102 + 1100.15 = 1404.15 m, 8 households,
    // 56,166,000 + 6,400,000 = 62,566,000 VND (h3 + h5 instead: 1302.15 + 402 m, 70,566,000).
    const out = await runPlan('--target', '80', '--scope', 'city');
    const geojson = readJson(join(out, 'extensions.geojson'));
    const byWard = geojson.features.map((feature: { properties: Record<string, unknown> }) => [feature.properties.ward_id, feature.properties.households_gained]);
    expect(byWard).toEqual([['W1', 2], ['W2', 1], ['W1', 5]]);
    expect(geojson.features[2].properties.parent_id).toBe(geojson.features[0].properties.extension_id);
    expect(geojson.features[2].properties.length_m).toBeCloseTo(1100.15, 0);
    const summary = readJson(join(out, 'summary.json'));
    expect(summary.totals.extensionM).toBeCloseTo(1404.15, 0);
    expect(summary.totals.passedAfter).toBe(32);
    expect(summary.totals.costVnd).toBeCloseTo(62_566_000, -4);
    expect(summary.targetMet).toBe(true);
    expect(summary.wardsCannotReachTarget).toEqual([]);
    const rows = readCsv(join(out, 'wards.csv'));
    expect(Number(rows[0].extension_m)).toBeCloseTo(1302.15, 0);
    expect(Number(rows[1].extension_m)).toBeCloseTo(102, 0);
  });

  it('lists a ward that cannot reach the target because its last household needs a port', async () => {
    // --target 100: W1 takes h2 and h3 (25/25); W2 can pass h5 and h6 (10/11) but h7 is refused a port.
    const out = await runPlan('--target', '100');
    const summary = readJson(join(out, 'summary.json'));
    expect(summary.targetMet).toBe(false);
    expect(summary.wardsCannotReachTarget.map((ward: { wardId: string; reason: string }) => [ward.wardId, ward.reason])).toEqual([
      ['W2', 'ports-full'],
      ['W3', 'no-households'],
    ]);
    const rows = readCsv(join(out, 'wards.csv'));
    expect(rows.map((row) => [row.ward_id, row.passed_after])).toEqual([['W1', '25'], ['W2', '10'], ['W3', '0']]);
  });

  it('takes unit prices, targets and the drop distance from --config', async () => {
    const dir = tempDir('phusong-fibre-plan');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ fibre: { maxDropM: 300, costPerMetreVnd: 50_000, connectionCostVnd: 1_000_000, targetsPct: [85] } }));
    const out = await runPlan('--target', '80', '--config', config);
    // drop 300 m: h2 is 400 m away → spur 400 − 297 = 103 m, 103 × 50,000 + 2 × 1,000,000 = 7,150,000 VND
    const rows = readCsv(join(out, 'wards.csv'));
    expect(Number(rows[0].extension_m)).toBeCloseTo(103, 0);
    expect(Number(rows[0].cost_vnd)).toBeCloseTo(7_150_000, -3);
    const summary = readJson(join(out, 'summary.json'));
    expect(summary.settings.fibre).toMatchObject({ maxDropM: 300, costPerMetreVnd: 50_000, connectionCostVnd: 1_000_000, targetsPct: [85] });
    expect(Object.keys(summary.cityBefore.shortfall)).toEqual(['85%']);
  });

  it('exits 2 with one line on a bad --target, --scope, config or a missing input', async () => {
    const out = tempDir('phusong-fibre-plan');
    for (const target of ['abc', '0', '101', '-5', '80%', '1e2', '']) {
      const bad = await runCli([...CLI, ...INPUTS, '--target', target, '--out', out]);
      expect(bad.status).toBe(2);
      // node's parseArgs itself refuses '-5' (it looks like an option): still one line, exit 2
      const expected = target === '' ? /^error: missing required option --target\n$/
        : target === '-5' ? /^error: Option '--target' argument is ambiguous\.\n$/
        : /^error: --target must be a percentage in \(0, 100\], got '.*'\n$/;
      expect(bad.stderr).toMatch(expected);
    }
    const scope = await runCli([...CLI, ...INPUTS, '--target', '80', '--scope', 'district', '--out', out]);
    expect(scope.status).toBe(2);
    expect(scope.stderr).toBe("error: --scope must be one of ward, city, got 'district'\n");
    const config = join(out, 'bad.json');
    writeFileSync(config, JSON.stringify({ fibre: { costPerMetreVnd: -1 } }));
    const badConfig = await runCli([...CLI, ...INPUTS, '--target', '80', '--config', config, '--out', out]);
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toMatch(/^error: .*bad\.json: fibre\.costPerMetreVnd must be VND in \[0, 1e9\], got -1\n$/);
    const missing = await runCli([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--households', `${FIXTURE}/households.csv`,
      '--fibre', 'nope.geojson', '--target', '80', '--out', out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error: nope.geojson: no such file\n');
    const noFibre = await runCli([...CLI, '--wards', `${FIXTURE}/wards.geojson`, '--households', `${FIXTURE}/households.csv`,
      '--target', '80', '--out', out]);
    expect(noFibre.status).toBe(2);
    expect(noFibre.stderr).toBe('error: missing required option --fibre\n');
  });
});
