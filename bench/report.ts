/**
 * Producing the city report (issue 10, target ≤ 10 s for the city PDF): `npm run bench:report`.
 * - the CLI end to end (`phusong report` on the embedded dataset, the 114 units of 2025, with fibre and the land
 *   mask, PDF; 3 runs), wall and CPU time of the child process, and the CPU time of its main thread alone (read
 *   from /proc while it runs): the fibre part runs in a worker thread meanwhile, so the main thread's CPU time is
 *   what bounds the wall time on an idle 2-core machine;
 * - the same for `phusong report --dataset embedded`, the command a planner runs: the same files (sites and
 *   households from their binary forms) with the default target set, whose gaps it plans (new sites, fibre), 3 runs;
 * - in process, the report alone from the pipeline's outputs: model + document, then PDF (charts with vega,
 *   maps, layout) and XLSX (median of 3 runs), with the PDF's size and page count.
 * There is no naive baseline to compare with: nothing else in the project makes a report. Wall times on the
 * shared 2-core machine depend on the other work running; the CPU times show the cost itself.
 * Writes bench/out/report.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { analyse } from '../src/core/analyse.ts';
import { fibreStatistics } from '../src/core/fibre/fibre-statistics.ts';
import { DEFAULT_FIBRE_COSTS, planFibreExtensionsToTargets } from '../src/core/fibre/plan-fibre-extension.ts';
import { DEFAULT_SETTINGS } from '../src/core/model.ts';
import { DEFAULT_ORGANISATION } from '../src/core/organisation.ts';
import { buildReport } from '../src/core/report/build-report.ts';
import { reportDocument } from '../src/core/report/report-document.ts';
import { REPORT_SECTIONS } from '../src/core/report/report-model.ts';
import type { ImportResult } from '../src/io/import-result.ts';
import { parseFibre } from '../src/io/parse-fibre.ts';
import { parseHouseholds } from '../src/io/parse-households.ts';
import { parseSites } from '../src/io/parse-sites.ts';
import { parseWards } from '../src/io/parse-wards.ts';
import { parseZones } from '../src/io/parse-zones.ts';
import { loadReportFonts } from '../src/io/report/report-fonts.ts';
import { reportToPdf } from '../src/io/report/report-pdf.ts';
import { reportToXlsx } from '../src/io/report/report-xlsx.ts';

const RUNS = 3;
const log = (message: string): void => void process.stderr.write(`· ${message}\n`);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values: number[]): string => `${(Math.min(...values) / 1000).toFixed(2)}–${(Math.max(...values) / 1000).toFixed(2)} s`;

function load<T>(path: string, parse: (text: string, file: string) => ImportResult<T>): T {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return parse(bytes.toString('utf8'), path).data;
}

const WARDS = 'data/hp2025_wards_polygons.geojson';
const LAND = 'data/hp2025_land.geojson';
const inputs = ['--wards', WARDS, '--sites', 'data/sites.csv', '--households', 'data/households.csv.gz', '--fibre', 'data/fibre.geojson', '--land', LAND];
const outDir = mkdtempSync(join(tmpdir(), 'phusong-bench-report-'));

/** CPU seconds (user + system) of thread `tid` of process `pid` so far, NaN once it is gone (or without /proc). */
function threadCpuS(pid: number, tid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of USER_HZ = 100
  } catch {
    return NaN;
  }
}

/** One `phusong report ARGS` run: wall and CPU time (ms) of the process, CPU time of its main thread (last sample, every 20 ms). */
async function cliRun(args: string[]): Promise<{ wallMs: number; cpuMs: number; mainThreadCpuMs: number }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S', 'node', 'scripts/phusong.mjs', 'report', ...args]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let node = NaN;
  let mainThreadS = NaN;
  const sampler = setInterval(() => {
    // the node process is /usr/bin/time's child; its main thread's id is its process id
    if (Number.isNaN(node)) node = Number(spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split('\n')[0] || NaN);
    const cpuS = threadCpuS(node, node);
    if (!Number.isNaN(cpuS)) mainThreadS = cpuS;
  }, 20);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  if (status !== 0) throw new Error(`phusong report failed: ${stderr}`);
  const [user, system] = stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wallMs, cpuMs: (user + system) * 1000, mainThreadCpuMs: mainThreadS * 1000 };
}

const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
log(`CLI end to end, ${RUNS} runs`);
const cli: Array<{ wallMs: number; cpuMs: number; mainThreadCpuMs: number }> = [];
const loads: string[] = [loadAverage()];
for (let run = 0; run < RUNS; run++) {
  cli.push(await cliRun([...inputs, '--out', join(outDir, 'city.pdf')]));
  loads.push(loadAverage());
}
const pagesOf = (pdf: string): number => Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)?.[1] ?? NaN);
const pages = pagesOf(join(outDir, 'city.pdf'));
// the command a planner runs: the embedded dataset with its default target set, whose gaps are planned (sites, fibre)
log(`CLI end to end, --dataset embedded (targets planned), ${RUNS} runs`);
const embedded: Array<{ wallMs: number; cpuMs: number; mainThreadCpuMs: number }> = [];
for (let run = 0; run < RUNS; run++) embedded.push(await cliRun(['--dataset', 'embedded', '--out', join(outDir, 'embedded.pdf')]));
const embeddedPages = pagesOf(join(outDir, 'embedded.pdf'));

log('pipeline outputs in process (once), CPU time per stage');
const stages: Record<string, number> = {};
let stageCpu = process.cpuUsage();
/** CPU milliseconds since the previous stage ended. */
const stage = (name: string): void => {
  const used = process.cpuUsage(stageCpu);
  stages[name] = Math.round((used.user + used.system) / 1000);
  stageCpu = process.cpuUsage();
};
const wards = load(WARDS, parseWards);
const cells = load('data/sites.csv', parseSites);
const households = load('data/households.csv.gz', parseHouseholds);
const network = load('data/fibre.geojson', parseFibre);
const land = load(LAND, parseZones).map((zone) => zone.geometry);
const settings = DEFAULT_SETTINGS;
stage('parse');
// the pipeline the CLI runs (analysis, fibre reach, weak-signal zones); its own wall time per stage is kept too
const { assignment, fibreCoverage, statistics, zones, timingsMs } = analyse({ wards, cells, households, fibre: network, land }, settings, {
  zones: true,
  now: () => performance.now(),
});
stage('analysisFibreZones');
if (fibreCoverage === null) throw new Error('the analysis was given a fibre network');
const targetsPct = [80, 90, 100];
// as the report plans them (in its worker thread): one planner set-up for the three targets
const plans = planFibreExtensionsToTargets(
  { wards, wardOfHousehold: assignment.wardIndex, households, network, coverage: fibreCoverage },
  { scope: 'city', maxDropM: settings.fibre.maxDropM, backbonePasses: settings.fibre.backbonePasses, ...DEFAULT_FIBRE_COSTS },
  targetsPct,
);
stage('fibrePlans80_90_100');
const fonts = loadReportFonts({ regular: readFileSync('data/fonts/NotoSans-Regular.ttf'), bold: readFileSync('data/fonts/NotoSans-Bold.ttf') });

log(`report from the outputs, ${RUNS} runs`);
const modelMs: number[] = [];
const pdfMs: number[] = [];
const xlsxMs: number[] = [];
let pdfBytes = 0;
for (let run = 0; run < RUNS; run++) {
  let started = performance.now();
  const document = reportDocument(
    buildReport({
      options: { organisation: DEFAULT_ORGANISATION, title: null, date: '2026-12-01', language: 'vi', scope: { kind: 'city' }, layout: null, sections: [...REPORT_SECTIONS] },
      softwareVersion: 'bench',
      sources: [],
      wards,
      cells,
      householdPoints: households.length,
      settings,
      statistics,
      zones,
      fibre: { statistics: fibreStatistics(wards, assignment.wardIndex, households, fibreCoverage.passed, targetsPct), targetsPct, plans },
      siting: null,
      proposals: null,
      targets: null,
      provenance: [],
    }),
  );
  modelMs.push(performance.now() - started);
  started = performance.now();
  pdfBytes = (await reportToPdf(document, fonts)).byteLength;
  pdfMs.push(performance.now() - started);
  started = performance.now();
  await reportToXlsx(document);
  xlsxMs.push(performance.now() - started);
}

const result = {
  date: new Date().toISOString(),
  cli: {
    wallMs: cli.map((run) => Math.round(run.wallMs)),
    cpuMs: cli.map((run) => Math.round(run.cpuMs)),
    mainThreadCpuMs: cli.map((run) => Math.round(run.mainThreadCpuMs)),
    loadAverages: loads,
    pages,
  },
  cliEmbedded: {
    wallMs: embedded.map((run) => Math.round(run.wallMs)),
    cpuMs: embedded.map((run) => Math.round(run.cpuMs)),
    mainThreadCpuMs: embedded.map((run) => Math.round(run.mainThreadCpuMs)),
    pages: embeddedPages,
  },
  pipelineCpuMs: stages,
  pipelineWallMs: Object.fromEntries(Object.entries(timingsMs).map(([name, ms]) => [name, Math.round(ms)])),
  inProcess: { modelAndDocumentMs: Math.round(median(modelMs)), pdfMs: Math.round(median(pdfMs)), xlsxMs: Math.round(median(xlsxMs)), pdfBytes },
};
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/report.json', JSON.stringify(result, null, 2) + '\n');
console.log(`city report (${wards.length} units, ${statistics.total.households.toLocaleString('en-US')} households, ${pages} pages, ${(pdfBytes / 1024).toFixed(0)} KiB)`);
console.log(`  phusong report --out city.pdf (end to end): wall ${range(cli.map((run) => run.wallMs))}, CPU ${range(cli.map((run) => run.cpuMs))}, of which the main thread ${range(cli.map((run) => run.mainThreadCpuMs))}  (target ≤ 10 s; load average ${loads.join(' → ')})`);
console.log(`  phusong report --dataset embedded (the default target set, its gaps planned; ${embeddedPages} pages): wall ${range(embedded.map((run) => run.wallMs))}, CPU ${range(embedded.map((run) => run.cpuMs))}, of which the main thread ${range(embedded.map((run) => run.mainThreadCpuMs))}`);
console.log(`  pipeline CPU (once): ${Object.entries(stages).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
console.log(`  pipeline wall by stage: ${Object.entries(result.pipelineWallMs).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
console.log(`  from the outputs: model + document ${median(modelMs).toFixed(0)} ms, PDF ${median(pdfMs).toFixed(0)} ms, XLSX ${median(xlsxMs).toFixed(0)} ms (median of ${RUNS})`);
