/**
 * `npm run bench` (then bench/browser.ts): city-scale figures for issues 3 and 14 on the seeded city of
 * bench/generate-city.ts.
 * - ward assignment (index + locate), full analysis (CoverageEngine.run + ward statistics), weak-signal zones;
 * - the 4G run's best-server pass and interference sums against an RSRP-only run of the same cells, and the
 *   SINR change when the interference cut-off moves from N − 10 dB to N − 20 dB;
 * - recomputation after one 3-sector site moves (median and p95 over 50 seeded moves, after the preparation the app's
 *   worker makes in idle time), checked against a full rerun, and what the worker computes to reply to each move
 *   (changed households and ward rows) against the full copy;
 * - the naive Turf baseline's sample also counts each household's interference terms (co-channel cells above the
 *   cut-off), which the 4G/RSRP-only ratio's reason quotes;
 * - the compiled CLI end to end (`analyze`) on the seeded city's files in a temp dir and on the embedded merged city
 *   (the README's command): wall and CPU time, peak RSS via /usr/bin/time -v or the child's maxRSS, and the stage
 *   times the CLI writes into summary.json (parse, ward assignment, analysis, zones, write);
 * - the naive Turf baseline on a household sample, scaled to the city, and the ratio to the engine.
 * Prints a table and writes bench/out/results.json. Targets: analysis ≤ 0.5 s (issue 14; 1 s in issue 3), move
 * ≤ 50 ms, CLI ≤ 2 s and ≤ 300 MiB (issue 14), engine ≥ 100× the naive way. bench/HISTORY.md keeps the figures
 * of every step.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bearing as turfBearing, booleanPointInPolygon, distance as turfDistance, point as turfPoint } from '@turf/turf';
import { DEFAULT_SETTINGS, type Cell } from '../src/core/model.ts';
import { assignWards, indexWards } from '../src/core/assign-wards.ts';
import { CoverageEngine } from '../src/core/coverage/coverage-engine.ts';
import { copyCoverage, coverageDelta } from '../src/core/coverage/coverage-result.ts';
import { partnerInput } from '../src/core/coverage/sums-partner.ts';
import { speedTargetMbps } from '../src/core/coverage/speed-statistics.ts';
import { wardStatistics, WardStatisticsTally } from '../src/core/coverage/ward-statistics.ts';
import { computeWeakZones, type SignalSource } from '../src/core/coverage/weak-zones.ts';
import { isCoChannel } from '../src/core/coverage/co-channel.ts';
import { interferenceCutoffDbm } from '../src/core/coverage/link-quality.ts';
import { prepareCell, rsrpAtDbm } from '../src/core/link-budget.ts';
import { PlaceEnvironment, resolveEnvironment } from '../src/core/resolve-environment.ts';
import { layerInLocalityOrder } from '../src/core/locality-order.ts';
import { DEFAULT_CITY, generateCity, mulberry32, writeCity } from './generate-city.ts';
import { prepareEditsAsTheWorker, seededSiteMoves, timePasses } from './engine-timing.ts';
import { buildCli, cliBuildState } from '../scripts/cli-build.mjs';
import { runAnalyze, stagesWhy, timeAvailable, type CliRun } from './cli-run.ts';
import { atLeast, atMost, BenchTable, formatNumber, type Target } from './bench-table.ts';
import { sumsPartnerThread } from '../src/cli/sums-partner-thread.ts';

const MOVES = 50;
const NAIVE_SAMPLE = 200;
const OUT_DIR = 'bench/out';

const settings = DEFAULT_SETTINGS;
const speedTarget = speedTargetMbps(settings);
const results: Record<string, number | string | boolean | null> = {};
const table = new BenchTable();
const record = (key: string, label: string, value: number, unit: string, target?: Target): void => {
  results[key] = Number(value.toFixed(unit === 'ms' ? 1 : 3));
  table.row(label, `${formatNumber(value)} ${unit}`, target, [value]);
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};
const log = (message: string): void => void process.stderr.write(`· ${message}\n`);

// ---- the city
log('generating the seeded city');
const [city, generateMs] = time(() => generateCity(DEFAULT_CITY));
const { wards, cells, land } = city;
// the household layer as the app's worker keeps it: in locality order (core/locality-order.ts; the CLI's files
// below are the city as generated)
const [{ households }, localityMs] = time(() => layerInLocalityOrder(city.households));
results.seed = DEFAULT_CITY.seed;
results.householdPoints = households.length;
results.cells = cells.length;
results.wards = wards.length;
record('generateMs', 'generate city (not a target)', generateMs, 'ms');
record('localityOrderMs', 'households put in locality order, as the worker loads them', localityMs, 'ms');

// ---- load / index: ward assignment
log('assigning wards');
const [wardIndex, indexMs] = time(() => indexWards(wards));
const [assignment, assignMs] = time(() => assignWards(households, wardIndex));
record('wardIndexMs', 'index ward polygons (flatbush)', indexMs, 'ms');
record('assignWardsMs', `assign ${households.length.toLocaleString('en-US')} households to wards`, assignMs, 'ms');
results.outsideWards = assignment.outsideCount;

// ---- full analysis
log('full analysis');
// the household density grid behind the environments is built lazily, inside the timed engine build
const place = new PlaceEnvironment(households, wardIndex);
const [engine, engineBuildMs] = time(() => new CoverageEngine({ place, cells, households, settings }));
const [coverage, runMs] = time(() => engine.run());
const [statistics, statisticsMs] = time(() => wardStatistics(wards, assignment.wardIndex, households, coverage, null, speedTarget));
record('engineBuildMs', 'engine build (cells prepared, households tiled)', engineBuildMs, 'ms');
record('runMs', 'CoverageEngine.run (best server, all points)', runMs, 'ms');
record('wardStatisticsMs', 'ward statistics', statisticsMs, 'ms');
const analysisMs = engineBuildMs + runMs + statisticsMs;
// why the analysis misses its 0.5 s: the figures of the passes measured below
const analysisWhy = (): string =>
  `the RSRP-only run alone (the same cells, no interference) takes ${formatNumber(rsrpOnlyMs)} ms; ` +
  `the 4G run adds its interference sums, ${formatNumber(passes.sumsMs)} ms on one thread (every co-channel cell above the cut-off, summed exactly)`;
record('analysisMs', 'full analysis after loading', analysisMs, 'ms', atMost(500, 'ms', analysisWhy));
// the CLI's: the interference sums shared with a partner thread (started from the sources here: tsx compiles them
// in the thread first, which the CLI's compiled thread does not)
log('full analysis, sums on both cores');
const [shared, sharedRunMs] = time(() => new CoverageEngine({ place, cells, households, settings, sumsPartner: () => sumsPartnerThread(partnerInput(cells, households, settings, place)) }).run());
const bothCoresSame = (['bestCell', 'rsrpDbm', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const).every((key) =>
  Buffer.from(shared[key].buffer).equals(Buffer.from(coverage[key].buffer)),
);
results.bothCoresSameResult = bothCoresSame;
record(
  'analysisBothCoresMs',
  `full analysis after loading, sums on both cores (the CLI’s; results ${bothCoresSame ? 'identical' : 'DIFFERENT'})`,
  sharedRunMs + statisticsMs,
  'ms',
  atMost(500, 'ms', analysisWhy),
);
const { total } = statistics;
results.householdsGood = total.good;
results.householdsFair = total.fair;
results.householdsWeak = total.weak;
results.householdsNone = total.none;
results.weakPct = Number(total.weakPct.toFixed(2));

// ---- downlink quality (issue 12): the 4G run's two passes against an RSRP-only run, and the cut-off's effect
log('best-server and interference passes');
const passes = timePasses(new CoverageEngine({ place, cells, households, settings }));
// the same cells relabelled 3G: the same path loss and reach, the best server down to the weak floor, no sums
const asRsrpOnly = { ...settings, technology: '3G' as const };
const rsrpOnlyCells = cells.map((cell) => (cell.technology === settings.technology ? { ...cell, technology: '3G' as const } : cell));
const [, rsrpOnlyMs] = time(() => new CoverageEngine({ place, cells: rsrpOnlyCells, households, settings: asRsrpOnly }).run());
record('rsrpOnlyRunMs', 'RSRP-only run (same cells as 3G: weak floor, no sums)', rsrpOnlyMs, 'ms');
record('bestServerPassMs', '4G best-server pass (floor at the cut-off N − 10 dB)', passes.bestServerMs, 'ms');
record('interferencePassMs', '4G interference sums (SINR, throughput, overlap)', passes.sumsMs, 'ms');
record('interferencePassCpuMs', '4G interference sums: CPU time of the thread', passes.sumsCpuMs, 'ms');
record(
  'qualityCostRatio',
  '4G run with quality / RSRP-only run',
  (passes.bestServerMs + passes.sumsMs) / rsrpOnlyMs,
  '×',
  atMost(2, '×', () =>
    `the interference sums alone take ${formatNumber(passes.sumsMs / rsrpOnlyMs)}× the RSRP-only run's time: a household's sum holds ` +
      `${formatNumber(interferersPerHousehold)} co-channel cells above the cut-off (the naive sample's mean), ` +
      `${formatNumber((interferersPerHousehold * households.length) / 1e6)} M terms for the city, ` +
      `${formatNumber((passes.sumsCpuMs * 1e6) / (interferersPerHousehold * households.length))} ns of the sums' CPU time per term`,
  ),
);
// the cut-off: interferers below N − 10 dB are left out; N − 20 dB keeps ten times weaker ones
log('cut-off N − 20 dB against N − 10 dB');
const [deeper, deeperMs] = time(() => new CoverageEngine({ place, cells, households, settings: { ...settings, interferenceCutoffDb: 20 } }).run());
record('cutoff20RunMs', '4G run with the cut-off at N − 20 dB', deeperMs, 'ms');
const sinrShifts: number[] = [];
let speedFlips = 0;
for (let h = 0; h < households.length; h++) {
  if (Number.isNaN(passes.result.sinrDb[h])) continue;
  sinrShifts.push(Math.abs(deeper.sinrDb[h] - passes.result.sinrDb[h]));
  if (speedTarget !== null && passes.result.throughputMbps[h] >= speedTarget !== deeper.throughputMbps[h] >= speedTarget) speedFlips += households.count[h];
}
record('cutoffSinrShiftMaxDb', 'cut-off N − 10 vs N − 20: largest SINR change', sinrShifts.reduce((max, shift) => Math.max(max, shift), 0), 'dB');
record('cutoffSinrShiftP999Db', 'cut-off N − 10 vs N − 20: SINR change, p99.9', percentile(sinrShifts, 99.9), 'dB');
results.cutoffSpeedFlipHouseholds = speedFlips;

// ---- weak-signal zones (district polygons as the land mask)
log('weak-signal zones');
let signalEvaluations = 0;
const countingEngine: SignalSource = {
  bestServerAt(lon, lat) {
    signalEvaluations++;
    return engine.bestServerAt(lon, lat);
  },
};
const [zones, zonesMs] = time(() =>
  computeWeakZones({ wards, land, households, wardOfHousehold: assignment.wardIndex, coverage, engine: countingEngine }, settings),
);
record('zonesMs', `weak-signal zones (${settings.zoneGridM} m grid)`, zonesMs, 'ms');
const zoneHouseholds = zones.features.reduce((sum, zone) => sum + zone.properties.households, 0);
results.zones = zones.features.length;
results.zoneAreaKm2 = Number(zones.features.reduce((sum, zone) => sum + zone.properties.area_km2, 0).toFixed(2));
results.zoneHouseholds = zoneHouseholds;
results.zoneSignalEvaluations = signalEvaluations;

// ---- one 3-sector site moves
log(`${MOVES} site moves`);
const [, editsAheadMs] = time(() => prepareEditsAsTheWorker(engine, { place, cells, households, settings }));
record('editsAheadMs', "a drag's preparation in the worker's idle time (edit tables placed, edit path warmed up)", editsAheadMs, 'ms');
const random = mulberry32(DEFAULT_CITY.seed + 1);
const current: Cell[] = cells.map((cell) => ({ ...cell }));
const moveMs: number[] = [];
const moveChanged: number[] = [];
let changedTotal = 0;
// what the worker sends the app per edit: the changed households and ward rows (a delta), against what it sent
// before (copies of the three result arrays and every ward row)
const tally = new WardStatisticsTally(wards, assignment.wardIndex, households, coverage, null, speedTarget);
const deltaReplyMs: number[] = [];
const fullReplyMs: number[] = [];
for (const { sectors, moved } of seededSiteMoves(cells, random, MOVES)) {
  const start = performance.now();
  // as the worker moves a dragged site: its sectors in one edit
  const changed = engine.updateCells(sectors.map((cellIndex, k) => ({ cellIndex, cell: moved[k] })));
  moveMs.push(performance.now() - start);
  moveChanged.push(changed.length);
  changedTotal += changed.length;
  const result = engine.result ?? coverage;
  const [, deltaMs] = time(() => {
    const delta = coverageDelta(result, changed);
    return tally.delta(tally.update(delta.changed));
  });
  deltaReplyMs.push(deltaMs);
  const [, fullMs] = time(() => [copyCoverage(result), wardStatistics(wards, assignment.wardIndex, households, result, null, speedTarget)]);
  fullReplyMs.push(fullMs);
  sectors.forEach((index, k) => (current[index] = moved[k]));
}
// a slow move is one that changes many households: the slowest twentieth against the others
const moveWhy = (): string => {
  const slowest = percentile(moveMs, 95);
  const changedWhere = (slow: boolean): number[] => moveChanged.filter((_, k) => moveMs[k] >= slowest === slow);
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return (
    `the moves at or over the p95 changed ${formatNumber(mean(changedWhere(true)))} households on average, the others ` +
    `${formatNumber(mean(changedWhere(false)))}; the whole-city run it replaces takes ${formatNumber(runMs)} ms`
  );
};
record('moveMedianMs', 'move one 3-sector site: median', percentile(moveMs, 50), 'ms', atMost(50, 'ms', moveWhy));
record('moveP95Ms', 'move one 3-sector site: p95', percentile(moveMs, 95), 'ms', atMost(50, 'ms', moveWhy));
results.moveChangedHouseholdsMean = Math.round(changedTotal / MOVES);
record('editReplyDeltaMs', 'worker reply per move: changed households + rows', percentile(deltaReplyMs, 50), 'ms');
record('editReplyFullMs', 'worker reply per move, as before: 3 arrays + all rows', percentile(fullReplyMs, 50), 'ms');
record('editReplyRatio', 'edit reply: before / now (medians)', percentile(fullReplyMs, 50) / percentile(deltaReplyMs, 50), '×');

// the incrementally updated result must equal a full rerun on the moved cells
log('checking the moves against a full rerun');
const rerun = new CoverageEngine({ place, cells: current, households, settings }).run();
const updated = engine.result ?? coverage;
let mismatches = 0;
for (let h = 0; h < households.length; h++) {
  if (rerun.signalClass[h] !== updated.signalClass[h] || Math.abs(rerun.rsrpDbm[h] - updated.rsrpDbm[h]) > 1e-3) mismatches++;
}
results.movesEqualFullRerun = mismatches === 0;
// the statistics kept in step by the deltas must be those of the rerun
results.tallyEqualsFullRerun = JSON.stringify(tally.result()) === JSON.stringify(wardStatistics(wards, assignment.wardIndex, households, rerun, null, speedTarget));
results.moveMismatchedHouseholds = mismatches;

// ---- naive Turf baseline on a sample
log(`naive Turf baseline on ${NAIVE_SAMPLE} households`);
const wardFeatures = wards.map((ward) => ({ type: 'Feature' as const, properties: {}, geometry: ward.geometry }));
// the cells as they are after the moves, like the rerun the sample is compared with
const analysed = current
  .map((cell, index) => ({ cell, index }))
  .filter(({ cell }) => cell.technology === settings.technology && (settings.operator === null || cell.operator === settings.operator));
const prepared = analysed.map(({ cell, index }) =>
  prepareCell(cell, index, resolveEnvironment(cell, place), { handsetHeightM: settings.handsetHeightM, los3gpp: settings.los3gpp }),
);
const sitePoints = analysed.map(({ cell }) => turfPoint([cell.lon, cell.lat]));
const sample = Array.from({ length: NAIVE_SAMPLE }, () => Math.floor(random() * households.length));
let naiveRsrpDisagreements = 0;
let naiveWardDisagreements = 0;
// the terms of each sample household's interference sum, counted the naive way: the co-channel cells of its best
// server at or above the cut-off (what the engine's sums must evaluate exactly, whatever their method)
const cutoffDbm = interferenceCutoffDbm('4G', settings);
const naiveRsrp = new Float64Array(prepared.length);
let naiveInterferers = 0;
let naiveWithServer = 0;
const naiveStart = performance.now();
for (const h of sample) {
  const here = turfPoint([households.lon[h], households.lat[h]]);
  let wardOfSample = -1;
  for (let w = 0; w < wardFeatures.length; w++) if (booleanPointInPolygon(here, wardFeatures[w])) wardOfSample = w;
  let best = -Infinity;
  let server = -1;
  for (let c = 0; c < prepared.length; c++) {
    const distanceM = turfDistance(sitePoints[c], here, { units: 'meters' });
    naiveRsrp[c] = rsrpAtDbm(prepared[c], distanceM, turfBearing(sitePoints[c], here));
    if (naiveRsrp[c] > best) [best, server] = [naiveRsrp[c], c];
  }
  if (best >= cutoffDbm) {
    naiveWithServer++;
    for (let c = 0; c < prepared.length; c++) {
      if (c !== server && naiveRsrp[c] >= cutoffDbm && isCoChannel(analysed[c].cell, analysed[server].cell)) naiveInterferers++;
    }
  }
  // the engine tracks the best server only down to the weak floor: compare above it
  const engineRsrp = rerun.rsrpDbm[h];
  const naiveAboveFloor = best >= settings.thresholdsDbm.weak;
  if (naiveAboveFloor && !(Math.abs(best - engineRsrp) <= 0.5)) naiveRsrpDisagreements++;
  if (wardOfSample !== -1 && wardOfSample !== assignment.wardIndex[h] && !wardIndex.locate(households.lon[h], households.lat[h]).overlaps) {
    naiveWardDisagreements++;
  }
}
const naiveSampleMs = performance.now() - naiveStart;
const naiveCityMs = (naiveSampleMs / NAIVE_SAMPLE) * households.length;
record('naiveSampleMs', `naive Turf, ${NAIVE_SAMPLE} households (sample)`, naiveSampleMs, 'ms');
record('naiveCityMs', 'naive Turf scaled to the city', naiveCityMs, 'ms');
const interferersPerHousehold = naiveInterferers / Math.max(1, naiveWithServer);
record('interferersPerHousehold', 'co-channel cells above the cut-off per household (naive sample, mean)', interferersPerHousehold, '');
const engineCityMs = assignMs + analysisMs;
record(
  'speedup',
  'engine speed-up (naive / (assign + analysis))',
  naiveCityMs / engineCityMs,
  '×',
  atLeast(100, '×', () => `the naive way took ${formatNumber(naiveSampleMs / NAIVE_SAMPLE)} ms a household on the sample, the engine's assignment and analysis ${formatNumber(engineCityMs)} ms for ${households.length.toLocaleString('en-US')}`),
);
results.naiveRsrpDisagreements = naiveRsrpDisagreements;
results.naiveWardDisagreements = naiveWardDisagreements;

// ---- the CLI end to end: the seeded city, and the embedded merged city (the README's command)
function recordCli(key: string, label: string, run: CliRun, peakWhy: () => string): void {
  results[`${key}ExitCode`] = run.status;
  if (run.status !== 0 || run.stagesMs === null) {
    // the time -v report follows the command's own stderr: keep the command's first lines
    results[`${key}Error`] = run.stderr.split('\n').filter((line) => line.trim() !== '').slice(0, 4).join(' | ');
    table.row(label, `failed (exit ${run.status})`, String(results[`${key}Error`]).slice(0, 160));
    return;
  }
  record(`${key}Ms`, `${label}: end to end (wall)`, run.wallMs, 'ms', atMost(2000, 'ms', () => stagesWhy(run, 2000)));
  record(`${key}CpuMs`, `${label}: CPU time (user + system)`, run.cpuMs, 'ms');
  record(`${key}PeakMiB`, `${label}: peak memory (${timeAvailable ? '/usr/bin/time -v' : 'child maxRSS'})`, run.peakMiB, 'MiB', atMost(300, 'MiB', peakWhy));
  const { parse, assignWards, analyse, zones, write, total } = run.stagesMs;
  record(`${key}ParseMs`, `${label}: parse`, parse, 'ms');
  record(`${key}AssignMs`, `${label}: ward assignment`, assignWards, 'ms');
  record(`${key}AnalyseMs`, `${label}: analysis`, analyse, 'ms');
  record(`${key}ZonesMs`, `${label}: zones`, zones, 'ms');
  record(`${key}WriteMs`, `${label}: write`, write, 'ms');
  record(`${key}StartMs`, `${label}: start-up and exit (wall − stages)`, run.wallMs - total, 'ms');
}

// the compiled CLI, as `npm install` leaves it (rebuilt when src/ is newer, so the figures are today's code's)
if (cliBuildState() !== 'fresh') await buildCli();
log('CLI end to end: the seeded city');
const workDir = mkdtempSync(join(tmpdir(), 'phusong-bench-'));
const inputs = writeCity(city, workDir);
const seeded = runAnalyze(['--wards', inputs.wards, '--sites', inputs.sites, '--households', inputs.households], join(workDir, 'out'));
// the peak is not split by stage in a run (bench/HISTORY.md step 19 measured where it falls)
recordCli('cli', `CLI analyze, seeded city`, seeded, () => 'the high-water mark of the whole run (bench/HISTORY.md step 19: it falls in the analysis)');
log('CLI end to end: the embedded merged city');
const embedded = runAnalyze(
  [
    '--wards', 'data/hp2025_wards_polygons.geojson', '--sites', 'data/sites.csv', '--households', 'data/households.csv.gz',
    '--fibre', 'data/fibre.geojson', '--land', 'data/hp2025_land.geojson',
  ],
  join(workDir, 'out-embedded'),
);
recordCli(
  'cliEmbedded',
  'CLI analyze, embedded city (README)',
  embedded,
  () => `${formatNumber(embedded.peakMiB - seeded.peakMiB)} MiB over the seeded city's run, whose input has no fibre, land or 2019 layout`,
);
rmSync(workDir, { recursive: true, force: true });

// ---- report
table.print(
  `phusong bench — seed ${DEFAULT_CITY.seed}: ${households.length.toLocaleString('en-US')} household points, ` +
    `${cells.length.toLocaleString('en-US')} cells, ${wards.length} wards`,
);
process.stdout.write(
  `households good/fair/weak/none: ${total.good}/${total.fair}/${total.weak}/${total.none} (weak_pct ${total.weakPct.toFixed(2)} %); ` +
    `${zones.features.length} zones, ${results.zoneAreaKm2} km², ${zoneHouseholds} households, ${signalEvaluations} signal evaluations\n` +
    `moves equal a full rerun: ${mismatches === 0 ? 'yes' : `no (${mismatches} households differ)`}, ward statistics kept by deltas too: ${results.tallyEqualsFullRerun ? 'yes' : 'no'}; ` +
    `naive vs engine on the sample: ${naiveRsrpDisagreements} RSRP (> 0.5 dB, above the weak floor), ${naiveWardDisagreements} ward differences; CLI exit codes ${seeded.status}, ${embedded.status}\n` +
    `cut-off N − 20 dB instead of N − 10 dB: ${speedFlips} households change side of the ${speedTarget} Mb/s target\n`,
);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`written ${join(OUT_DIR, 'results.json')}\n`);
