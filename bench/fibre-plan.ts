/**
 * Fibre figures on the embedded dataset (issue 4): `node --import tsx bench/fibre-plan.ts`.
 * - computeFibreCoverage on every household point (median of 5 runs), against a naive Turf baseline
 *   (pointToLineDistance to every route line and distance to every access node) timed on a sample and scaled;
 * - planFibreExtensions to 90 % city-wide (issue target: ≤ 5 s) and ward by ward, and to 80 % (median of 3 runs),
 *   with the plan's size and cost.
 * Reads data/hp2025_wards_polygons.geojson, data/households.csv.gz (or .csv) and data/fibre.geojson; prints a table
 * and writes bench/out/fibre-plan.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { distance as turfDistance, lineString, point as turfPoint, pointToLineDistance } from '@turf/turf';
import { assignWards, indexWards } from '../src/core/assign-wards.ts';
import { computeFibreCoverage, type FibreCoverage } from '../src/core/fibre/fibre-coverage.ts';
import { DEFAULT_FIBRE_COSTS, planFibreExtensions, type FibrePlan, type FibrePlanScope } from '../src/core/fibre/plan-fibre-extension.ts';
import { DEFAULT_SETTINGS } from '../src/core/model.ts';
import type { ImportResult } from '../src/io/import-result.ts';
import { parseFibre } from '../src/io/parse-fibre.ts';
import { parseHouseholds } from '../src/io/parse-households.ts';
import { parseWards } from '../src/io/parse-wards.ts';
import { mulberry32 } from '../scripts/generate/random.ts';

const DATA = 'data';
const OUT_DIR = 'bench/out';
const COVERAGE_RUNS = 5;
const PLAN_RUNS = 3;
const NAIVE_SAMPLE = 300;

const log = (message: string): void => void process.stderr.write(`· ${message}\n`);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timeRuns = <T>(runs: number, work: () => T): [T, number] => {
  let value = work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    value = work();
    times.push(performance.now() - start);
  }
  return [value, median(times)];
};

function load<T>(path: string, parse: (text: string, file: string) => ImportResult<T>): T {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return parse(bytes.toString('utf8'), path).data;
}

const householdsPath = [join(DATA, 'households.csv.gz'), join(DATA, 'households.csv')].find(existsSync);
const fibrePath = join(DATA, 'fibre.geojson');
if (householdsPath === undefined || !existsSync(fibrePath)) {
  process.stderr.write('bench/fibre-plan: data/households.csv(.gz) and data/fibre.geojson are needed (npm run generate-data)\n');
  process.exit(1);
}

log('loading the embedded dataset');
const wards = load(join(DATA, 'hp2025_wards_polygons.geojson'), parseWards);
const households = load(householdsPath, parseHouseholds);
const network = load(fibrePath, parseFibre);
const assignment = assignWards(households, indexWards(wards));
let householdCount = 0;
for (let h = 0; h < households.length; h++) householdCount += households.count[h];
const results: Record<string, number | string | boolean> = {
  householdPoints: households.length,
  households: householdCount,
  routes: network.routes.length,
  accessNodes: network.nodes.length,
};
const rows: Array<[string, string, string]> = [];
const record = (key: string, label: string, value: number, unit: string, target = ''): void => {
  results[key] = Number(value.toFixed(1));
  rows.push([label, `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)} ${unit}`, target]);
};

// ---- coverage
log('fibre coverage');
const [coverage, coverageMs] = timeRuns<FibreCoverage>(COVERAGE_RUNS, () =>
  computeFibreCoverage(households, network, DEFAULT_SETTINGS.fibre),
);
record('coverageMs', `computeFibreCoverage (${households.length.toLocaleString('en-US')} points)`, coverageMs, 'ms', '≪ 1,000 ms');
let passed = 0;
for (let h = 0; h < households.length; h++) passed += coverage.passed[h] * households.count[h];
results.passedPct = Number(((passed * 100) / householdCount).toFixed(2));
results.fullNodes = coverage.fullNodes.length;

// ---- naive baseline: Turf distances from a sample of points to every passing route line and node, scaled
log('naive Turf baseline on a sample');
const random = mulberry32(11);
const lines = network.routes.filter((route) => route.kind === 'distribution').flatMap((route) => route.lines.map((line) => lineString(line)));
const nodePoints = network.nodes.map((node) => turfPoint([node.lon, node.lat]));
const naiveStart = performance.now();
let disagreements = 0;
for (let s = 0; s < NAIVE_SAMPLE; s++) {
  const h = Math.floor(random() * households.length);
  const here = turfPoint([households.lon[h], households.lat[h]]);
  let nearestM = Infinity;
  for (const line of lines) nearestM = Math.min(nearestM, pointToLineDistance(here, line, { units: 'meters' }));
  for (const node of nodePoints) nearestM = Math.min(nearestM, turfDistance(here, node, { units: 'meters' }));
  // Turf's sphere differs from the ellipsoid by up to ~0.5 %: count only clear disagreements on reach
  if (nearestM < 199 && coverage.distanceM[h] > 200) disagreements++;
  if (nearestM > 201 && coverage.distanceM[h] <= 200) disagreements++;
}
const naiveMs = ((performance.now() - naiveStart) / NAIVE_SAMPLE) * households.length;
record('naiveCoverageMs', `naive Turf, scaled from ${NAIVE_SAMPLE} points`, naiveMs, 'ms');
results.speedup = Number((naiveMs / coverageMs).toFixed(0));
results.naiveReachDisagreements = disagreements;
rows.push(['speed-up over naive', `${results.speedup}×`, '']);

// ---- plans
const plan = (targetPct: number, scope: FibrePlanScope): FibrePlan =>
  planFibreExtensions(
    { wards, wardOfHousehold: assignment.wardIndex, households, network, coverage },
    { targetPct, scope, ...DEFAULT_SETTINGS.fibre, ...DEFAULT_FIBRE_COSTS },
  );
for (const [targetPct, scope] of [[90, 'city'], [90, 'ward'], [80, 'city'], [80, 'ward']] as const) {
  log(`plan ${targetPct} % ${scope}`);
  const [result, planMs] = timeRuns(PLAN_RUNS, () => plan(targetPct, scope));
  const key = `plan${targetPct}${scope === 'city' ? 'City' : 'Ward'}`;
  record(`${key}Ms`, `plan to ${targetPct} % (scope ${scope})`, planMs, 'ms', targetPct === 90 && scope === 'city' ? '≤ 5,000 ms' : '');
  const { totals } = result;
  results[`${key}Km`] = Number((totals.extensionM / 1000).toFixed(1));
  results[`${key}BillionVnd`] = Number((totals.costVnd / 1e9).toFixed(2));
  results[`${key}Extensions`] = totals.extensions;
  results[`${key}PctAfter`] = Number(totals.pctAfter.toFixed(2));
  results[`${key}UnreachableWards`] = result.unreachableWards.length;
  rows.push([
    '  → plan',
    `${totals.extensions.toLocaleString('en-US')} cables, ${(totals.extensionM / 1000).toFixed(1)} km, ` +
      `${(totals.costVnd / 1e9).toFixed(2)} bn VND, ${totals.pctBefore.toFixed(2)} → ${totals.pctAfter.toFixed(2)} %`,
    '',
  ]);
}

const width = Math.max(...rows.map(([label]) => label.length));
process.stdout.write(
  `fibre on the embedded dataset: ${households.length.toLocaleString('en-US')} points (${householdCount.toLocaleString('en-US')} households), ` +
    `${network.routes.length} routes, ${network.nodes.length} access nodes; passed ${results.passedPct} %\n`,
);
for (const [label, value, target] of rows) process.stdout.write(`${label.padEnd(width)}  ${value.padStart(14)}  ${target}\n`);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'fibre-plan.json'), JSON.stringify(results, null, 2) + '\n');
