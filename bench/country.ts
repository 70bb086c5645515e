/**
 * `npm run bench:country` (issue 14's country row: 27 M households, 120 k cells, 3,321 units, CLI end to end,
 * target ≤ 60 s and ≤ 8 GiB): the seeded synthetic country of bench/generate-country.ts written to a temp folder
 * (removed afterwards unless --keep), then `phusong analyze --provinces` on it as a user runs it (the compiled CLI in
 * a child process):
 * - generation time (not a target), the files' size;
 * - the CLI end to end: wall and CPU time, peak RSS (/usr/bin/time -v), the stage split of summary.json (parse, ward
 *   assignment, analysis, zones, write, start-up), the largest province and its neighbouring cells;
 * - the naive Turf baseline: a seeded sample of households spread over the country, each located among every unit
 *   (booleanPointInPolygon) and given the best RSRP over every analysed cell of the country (turf distance and
 *   bearing, the same link budget), extrapolated to every household and compared with the CLI's assignment and
 *   analysis time; its RSRPs are checked against the CLI's households.csv.
 *
 *   npm run bench:country                        # the full country (27 M households): minutes, ~1.5 GB of files
 *   npm run bench:country -- --scale 0.02        # 2 % of the households and sites, same geography
 *   options: --seed N, --provinces N (the first N), --sample N (naive baseline households), --keep,
 *            --threads N (the CLI's province threads; default 2, 1: the main thread only)
 *
 * Prints a table with the machine's load average and writes bench/out/country.json. bench/HISTORY.md keeps the figures.
 */
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { bearing as turfBearing, booleanPointInPolygon, distance as turfDistance, point as turfPoint } from '@turf/turf';
import { isAnalysedCell } from '../src/core/coverage/analysed-cell.ts';
import { prepareCell, rsrpAtDbm } from '../src/core/link-budget.ts';
import { DEFAULT_SETTINGS } from '../src/core/model.ts';
import { buildCli, cliBuildState } from '../scripts/cli-build.mjs';
import { atLeast, atMost, BenchTable, formatNumber, type Target } from './bench-table.ts';
import { runAnalyze, timeAvailable } from './cli-run.ts';
import { COUNTRY, DEFAULT_COUNTRY, writeCountry } from './generate-country.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    seed: { type: 'string' },
    provinces: { type: 'string' },
    sample: { type: 'string' },
    keep: { type: 'boolean' },
    threads: { type: 'string' },
  },
});
const scale = values.scale === undefined ? 1 : Number(values.scale);
const seed = values.seed === undefined ? DEFAULT_COUNTRY.seed : Number(values.seed);
const provinceCount = values.provinces === undefined ? COUNTRY.provinces : Number(values.provinces);
const naiveSample = values.sample === undefined ? 40 : Number(values.sample);
if (!(scale > 0 && scale <= 1) || !Number.isInteger(provinceCount) || provinceCount < 1 || provinceCount > COUNTRY.provinces) {
  throw new Error('--scale must be in (0, 1] and --provinces in 1…34');
}

const settings = DEFAULT_SETTINGS;
const results: Record<string, number | string | boolean | null> = {};
const table = new BenchTable();
const record = (key: string, label: string, value: number, unit: string, target?: Target | string): void => {
  results[key] = Number(value.toFixed(unit === 'ms' ? 1 : 3));
  table.row(label, `${formatNumber(value)} ${unit}`, target, [value]);
};
const log = (message: string): void => void process.stderr.write(`· ${message}\n`);
const load = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');

results.loadAverageAtStart = load();
results.seed = seed;
results.scale = scale;
const workDir = mkdtempSync(join(tmpdir(), 'phusong-country-'));
const provincesDir = join(workDir, 'provinces');
const outDir = join(workDir, 'out');

// ---- the country
log(`generating the synthetic country (scale ${scale}, ${provinceCount} provinces) in ${provincesDir}`);
const generateStart = performance.now();
const country = writeCountry(provincesDir, { seed, scale, provinces: provinceCount });
record('generateMs', 'generate and write the country (not a target)', performance.now() - generateStart, 'ms');
const bytes = readdirSync(provincesDir, { recursive: true })
  .map((name) => join(provincesDir, String(name)))
  .reduce((sum, path) => sum + (statSync(path).isFile() ? statSync(path).size : 0), 0);
record('inputMiB', 'input files (wards, sites, households)', bytes / 2 ** 20, 'MiB');
results.provinces = country.provinces.length;
results.units = country.wards.length;
results.householdPoints = country.households;
results.cells = country.cells.length;

// ---- the CLI end to end
if (cliBuildState() !== 'fresh') await buildCli();
log(`CLI analyze --provinces (load average ${load()})`);
const run = runAnalyze(['--provinces', provincesDir, ...(values.threads === undefined ? [] : ['--threads', values.threads])], outDir);
results.loadAverageAfterCli = load();
results.cliExitCode = run.status;
if (run.status !== 0 || run.stagesMs === null) {
  process.stderr.write(run.stderr);
  throw new Error(`phusong analyze --provinces exited ${run.status}`);
}
interface ProvinceSummary {
  id: string;
  householdPoints: number;
  neighbourCells: number;
  cells: number;
  rssMiB: number;
}
const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as {
  provinces: ProvinceSummary[];
  counts: { analysedCells: number; zones: number };
  totals: { weakPct: number; medianSinrDb: number | null };
};
const largest = summary.provinces.reduce((best, province) => (province.householdPoints > best.householdPoints ? province : best));
const targetsApply = scale === 1 && provinceCount === COUNTRY.provinces;
const { parse, assignWards, analyse, zones, write, total } = run.stagesMs;
// the provinces' stages overlap on the threads: the CPU time over the cores bounds the wall time from below
const cores = availableParallelism();
const wallWhy = (): string =>
  `${formatNumber(run.cpuMs)} ms of CPU on ${cores} cores is at least ${formatNumber(run.cpuMs / cores)} ms of wall; ` +
  `stages summed over the province threads, ms: parse ${formatNumber(parse)}, ward assignment ${formatNumber(assignWards)}, ` +
  `analysis ${formatNumber(analyse)}, zones ${formatNumber(zones)}, write ${formatNumber(write)}`;
record('cliMs', 'CLI analyze --provinces: end to end (wall)', run.wallMs, 'ms', targetsApply ? atMost(60_000, 'ms', wallWhy) : '(target at full scale)');
record('cliCpuMs', 'CLI: CPU time (user + system)', run.cpuMs, 'ms');
record('cliPeakMiB', `CLI: peak memory (${timeAvailable ? '/usr/bin/time -v' : 'child maxRSS'})`, run.peakMiB, 'MiB', targetsApply ? atMost(8192, 'MiB', () => `RSS after the largest province: ${formatNumber(largest.rssMiB)} MiB`) : '(target at full scale)');
record('cliParseMs', 'CLI: parse (every sites file, then each province)', parse, 'ms');
record('cliAssignMs', 'CLI: ward assignment', assignWards, 'ms');
record('cliAnalyseMs', 'CLI: analysis (coverage, SINR, statistics)', analyse, 'ms');
record('cliZonesMs', 'CLI: weak-signal zones', zones, 'ms');
record('cliWriteMs', 'CLI: write (rows, cells.csv, summary)', write, 'ms');
record('cliStartMs', 'CLI: start-up and exit (wall − stages)', run.wallMs - total, 'ms');
results.largestProvince = largest.id;
results.largestProvinceHouseholds = largest.householdPoints;
results.neighbourCellsTotal = summary.provinces.reduce((sum, province) => sum + province.neighbourCells, 0);
results.analysedCells = summary.counts.analysedCells;
results.zones = summary.counts.zones;
results.weakPct = Number(summary.totals.weakPct.toFixed(2));
results.medianSinrDb = summary.totals.medianSinrDb;
record('largestProvinceRssMiB', `CLI: RSS after the largest province (${largest.id}, ${largest.householdPoints.toLocaleString('en-US')} households)`, largest.rssMiB, 'MiB');

// ---- the naive Turf baseline on a sample
const sample = country.sample.slice(0, naiveSample);
const analysed = country.cells.filter((cell) => isAnalysedCell(cell, settings));
log(`naive Turf baseline: ${sample.length} households × ${country.wards.length} units and ${analysed.length} analysed cells`);
const options = { handsetHeightM: settings.handsetHeightM, los3gpp: settings.los3gpp };
// every generated cell gives its environment (generate-country.ts)
const prepared = analysed.map((cell, c) => prepareCell(cell, c, cell.environment ?? 'suburban', options));
const sitePoints = analysed.map((cell) => turfPoint([cell.lon, cell.lat]));
const wardFeatures = country.wards.map((ward) => ({ type: 'Feature' as const, properties: {}, geometry: ward.geometry }));
const naive = new Map<string, { rsrp: number; ward: string | null }>();
const naiveStart = performance.now();
for (const household of sample) {
  const here = turfPoint([household.lon, household.lat]);
  let ward: string | null = null;
  for (let w = 0; w < wardFeatures.length; w++) if (booleanPointInPolygon(here, wardFeatures[w])) ward = country.wards[w].id;
  let best = -Infinity;
  for (let c = 0; c < prepared.length; c++) {
    const rsrp = rsrpAtDbm(prepared[c], turfDistance(sitePoints[c], here, { units: 'meters' }), turfBearing(sitePoints[c], here));
    if (rsrp > best) best = rsrp;
  }
  naive.set(household.id, { rsrp: best, ward });
}
const naiveSampleMs = performance.now() - naiveStart;
const naiveCountryMs = (naiveSampleMs / Math.max(1, sample.length)) * country.households;
record('naiveSampleMs', `naive Turf, ${sample.length} households (sample over the country)`, naiveSampleMs, 'ms');
record('naiveCountryMs', 'naive Turf extrapolated to every household', naiveCountryMs, 'ms');
record(
  'speedup',
  'engine speed-up (naive / (CLI assignment + analysis))',
  naiveCountryMs / (assignWards + analyse),
  '×',
  atLeast(100, '×', () => `the naive way took ${formatNumber(naiveSampleMs / Math.max(1, sample.length))} ms a household on the sample, the CLI's assignment and analysis ${formatNumber(assignWards + analyse)} ms for ${country.households.toLocaleString('en-US')}`),
);
record('speedupEndToEnd', 'naive / CLI end to end (wall)', naiveCountryMs / run.wallMs, '×');

// the naive answers against the CLI's rows (above the weak floor, where the engine tracks the best server)
let rsrpDisagreements = 0;
let wardDisagreements = 0;
let found = 0;
const lines = createInterface({ input: createReadStream(join(outDir, 'households.csv')) });
for await (const line of lines) {
  const comma = line.indexOf(',');
  const expected = naive.get(line.slice(0, comma));
  if (expected === undefined) continue;
  found++;
  const [, wardId, , , rsrpText] = line.split(',');
  const engineRsrp = rsrpText === '' ? -Infinity : Number(rsrpText);
  if (expected.rsrp >= settings.thresholdsDbm.weak && !(Math.abs(expected.rsrp - engineRsrp) <= 0.5)) rsrpDisagreements++;
  if ((expected.ward ?? '') !== wardId) wardDisagreements++;
}
results.naiveHouseholdsFound = found;
results.naiveRsrpDisagreements = rsrpDisagreements;
results.naiveWardDisagreements = wardDisagreements;
results.loadAverageAtEnd = load();

// ---- report
if (values.keep) log(`kept ${workDir}`);
else rmSync(workDir, { recursive: true, force: true });
table.print(
  `phusong bench:country — SYNTHETIC country, seed ${seed}, scale ${scale}: ${country.provinces.length} provinces, ${country.wards.length.toLocaleString('en-US')} units, ` +
    `${country.households.toLocaleString('en-US')} household points, ${country.cells.length.toLocaleString('en-US')} cells (${summary.counts.analysedCells.toLocaleString('en-US')} analysed, ${settings.technology})\n` +
    `load average (1, 5, 15 min): ${results.loadAverageAtStart} at start, ${results.loadAverageAfterCli} after the CLI, ${results.loadAverageAtEnd} at the end (${cores} cores)`,
);
process.stdout.write(
  `neighbouring cells over all provinces: ${results.neighbourCellsTotal}; weak_pct ${results.weakPct} %, ${results.zones} zones; ` +
    `naive vs CLI on the sample (${found} of ${sample.length} found): ${rsrpDisagreements} RSRP (> 0.5 dB, above the weak floor), ${wardDisagreements} ward differences\n` +
    (targetsApply ? '' : `scaled run: the targets are for the full country (scale 1, 34 provinces); extrapolate with care (zones scale with area, not households)\n`),
);
mkdirSync('bench/out', { recursive: true });
writeFileSync(join('bench/out', 'country.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write('written bench/out/country.json\n');

