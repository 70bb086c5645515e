/**
 * `phusong analyze --provinces DIR --out DIR`: a country analysed province by province, so that memory holds one
 * province's households at a time (docs/country.md).
 *
 * DIR holds one folder per province (read in name order), each with `wards.*`, `sites.*` and `households.*` in
 * any format `analyze` reads (`.gz` too) and optionally `land.*`. First every province's sites are read (cells are
 * small: 120 k for Vietnam) and each analysed cell's reach is computed (cell-reach.ts: beyond it a cell neither
 * serves nor interferes). Then, province by province: its wards, land and households are read; the cells of the
 * other provinces whose reach touches the province's bounding box (wards, land and households) join its own, so a
 * household near a border sees the cells across it; the one analysis pipeline (core/analyse.ts) runs; the
 * province's rows are appended to households.csv, wards.csv and zones.geojson; and the province is dropped before
 * the next. cells.csv and summary.json's totals are over the whole country (region-tally.ts: a border cell serves
 * households of two provinces), rejected.csv lists every province's rejections.
 *
 * Each province's rows are those a single `analyze` of that province's files with those neighbouring cells added
 * to its sites gives (tests/cli/analyze-provinces.test.ts), and those of one run over the whole country when every
 * cell gives its environment (a cell without one takes it from the households around its site, and across a border
 * those are the analysed province's only).
 *
 * Provinces are independent once the cells and their reach are known, so they run on `threads` worker threads
 * (default 2, one per core; 1 runs them in the main thread): each thread takes the next province (`provinceOrder`)
 * from a counter they share, writes its rows to part files and sends back what the country-wide outputs need (its
 * households' kept values as transferred typed arrays, province-analysis.ts); the main thread joins the parts in
 * province order, so the outputs are byte for byte those of one thread. The threads start before the sites are
 * read and read their first provinces' layers meanwhile (`startProvinceThreads`).
 */
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serialize, setFlagsFromString } from 'node:v8';
import { MessageChannel } from 'node:worker_threads';
import { CancelledError } from '../core/cancelled-error.ts';
import { isAnalysedCell } from '../core/coverage/analysed-cell.ts';
import { cellReachM } from '../core/coverage/cell-reach.ts';
import { RegionTally } from '../core/coverage/region-tally.ts';
import type { AnalysisSettings } from '../core/model.ts';
import { wardStatisticsTable } from '../io/export-ward-table.ts';
import { CELL_CSV_COLUMNS, cellRow, HOUSEHOLD_CSV_COLUMNS } from './analysis-outputs.ts';
import { CliError, CsvFile, readLayerInputs, RejectionLog, round, writeJson, type LayerInputs } from './common.ts';
import { csvHeaderLine, JoinedFile } from './joined-file.ts';
import { analyseProvince, provinceParts, type CountryCell, type ProvinceFiles, type ProvinceResult } from './province-analysis.ts';
import { runInThread } from './run-in-thread.ts';

export type { ProvinceFiles } from './province-analysis.ts';

/** The input options of every layer file (`--crs`, `--sheet`, `--map`), as given: each thread reads them again. */
export interface InputOptions {
  crs?: string[];
  sheet?: string[];
  map?: string;
}

export interface ProvincesRun {
  provincesDir: string;
  outDir: string;
  settings: AnalysisSettings;
  inputOptions: InputOptions;
  /** Worker threads the provinces run on; 1: in the main thread, one after the other. */
  threads: number;
  /** When the command started (performance.now()), for the total time. */
  started: number;
  /** Aborted when the command ends, however it ends: the province threads stop with it. */
  signal?: AbortSignal;
}

/** Threads by default: one per core, at most two (each holds a province: ~1 GiB for the largest synthetic one). */
export const DEFAULT_PROVINCE_THREADS = Math.min(2, availableParallelism());

/** Files that belong to a Shapefile's `.shp` rather than being a layer file themselves. */
const SHAPEFILE_COMPANION = /\.(dbf|prj|cpg|shx|sbn|sbx|qix|xml)$/i;

/**
 * The province folders of `dir`, in name order, with their layer files: the first file of each folder named
 * `wards.*`, `sites.*`, `households.*` (required) and `land.*` (optional), a Shapefile by its `.shp`. A folder
 * without one is an input error.
 */
export function listProvinces(dir: string): ProvinceFiles[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new CliError(`${dir}: not a readable folder of province folders`);
  }
  const folders = names.filter((name) => statSync(join(dir, name)).isDirectory());
  if (folders.length === 0) throw new CliError(`${dir}: no province folders (one folder per province with wards, sites and households files)`);
  return folders.map((name) => {
    const folder = join(dir, name);
    const files = readdirSync(folder).sort();
    const find = (layer: string): string | null => {
      // a Shapefile's companions (.dbf, .prj, .cpg, .shx) are read beside its .shp, never as the layer's file
      const file = files.find((each) => each.toLowerCase().startsWith(`${layer}.`) && !SHAPEFILE_COMPANION.test(each));
      return file === undefined ? null : join(folder, file);
    };
    const require = (layer: string): string => {
      const file = find(layer);
      if (file === null) throw new CliError(`${folder}: no ${layer} file (${layer}.csv, ${layer}.geojson, …)`);
      return file;
    };
    return { id: name, dir: folder, wards: require('wards'), sites: require('sites'), households: require('households'), land: find('land') };
  });
}

/** Runs the country (see the module comment). */
export async function analyseProvinces({ provincesDir, outDir, settings, inputOptions, threads, started, signal }: ProvincesRun): Promise<void> {
  const provinces = listProvinces(provincesDir);
  const log = new RejectionLog();
  const inputs = readLayerInputs(inputOptions);
  const partsDir = join(outDir, '.province-parts');
  mkdirSync(partsDir, { recursive: true });
  // the threads start first: each reads its first province's layers while this thread reads the sites
  const provinceThreads = threads <= 1 ? null : startProvinceThreads(threads, { provinces, settings, inputOptions, partsDir }, signal);
  let country: CountryCell[];
  try {
    country = await readCountryCells(provinces, settings, log, inputs);
  } catch (error) {
    await provinceThreads?.stop();
    rmSync(partsDir, { recursive: true, force: true });
    throw error;
  }
  const cellsRead = performance.now();

  const householdsHead = csvHeaderLine(HOUSEHOLD_CSV_COLUMNS);
  const wardsHead = csvHeaderLine(wardStatisticsTable([]).columns);
  const householdsCsv = new JoinedFile(join(outDir, 'households.csv'), householdsHead);
  const wardsCsv = new JoinedFile(join(outDir, 'wards.csv'), wardsHead);
  const zones = new JoinedFile(join(outDir, 'zones.geojson'), '{"type":"FeatureCollection","features":[', ',');
  const tally = new RegionTally(country.length, settings.technology);
  const timings = { parse: cellsRead - started, assignWards: 0, analyse: 0, zones: 0, write: 0 };
  const counts = { wards: 0, cells: 0, analysedCells: 0, householdPoints: 0, zones: 0 };
  const outside = { points: 0, households: 0, good: 0, fair: 0, weak: 0, none: 0 };
  const located = { overlappingWardPoints: 0, unknownWardIdPoints: 0 };
  const perProvince: Array<Record<string, unknown>> = [];
  let neighboursWithoutEnvironment = 0;

  // the provinces' results are joined in province order, whichever thread finishes first; the tally takes them as
  // they come (its figures do not depend on the order), so little of it is left for after the last province
  const waiting = new Map<number, Omit<ProvinceResult, 'rows'>>();
  let nextToJoin = 0;
  const take = ({ rows, ...result }: ProvinceResult): void => {
    tally.add(rows, result.totals);
    waiting.set(result.province, result);
    for (let ready = waiting.get(nextToJoin); ready !== undefined; ready = waiting.get(nextToJoin)) {
      waiting.delete(nextToJoin++);
      const joinStart = performance.now();
      const parts = provinceParts(partsDir, provinces[ready.province].id);
      householdsCsv.append(parts.households, Buffer.byteLength(householdsHead));
      wardsCsv.append(parts.wards, Buffer.byteLength(wardsHead));
      zones.append(parts.zones);
      log.issues.push(...ready.issues);
      log.notes.push(...ready.notes);
      for (const stage of ['parse', 'assignWards', 'analyse', 'zones', 'write'] as const) timings[stage] += ready.timingsMs[stage];
      timings.write += performance.now() - joinStart;
      for (const key of ['wards', 'cells', 'householdPoints', 'zones'] as const) counts[key] += ready.counts[key];
      for (const key of ['points', 'households', 'good', 'fair', 'weak', 'none'] as const) outside[key] += ready.outside[key];
      located.overlappingWardPoints += ready.located.overlappingWardPoints;
      located.unknownWardIdPoints += ready.located.unknownWardIdPoints;
      neighboursWithoutEnvironment += ready.neighboursWithoutEnvironment;
      perProvince.push(ready.summary);
    }
  };
  try {
    if (provinceThreads === null) {
      for (let p = 0; p < provinces.length; p++) take(await analyseProvince(country, provinces, p, settings, inputs, partsDir, true));
    } else {
      await provinceThreads.run(country, take);
    }
  } finally {
    householdsCsv.close();
    wardsCsv.close();
    zones.close(']}\n');
    rmSync(partsDir, { recursive: true, force: true });
  }
  const closing = performance.now();
  const served = tally.cells();
  const cellsCsv = new CsvFile(join(outDir, 'cells.csv'), CELL_CSV_COLUMNS);
  country.forEach(({ cell }, c) => {
    if (isAnalysedCell(cell, settings)) cellsCsv.row(cellRow(cell, served[c]));
  });
  cellsCsv.close();
  counts.analysedCells = country.filter(({ cell }) => isAnalysedCell(cell, settings)).length;
  log.write(outDir);
  const totals = tally.totals();
  const finished = performance.now();
  timings.write += finished - closing;

  if (neighboursWithoutEnvironment > 0) {
    process.stderr.write(
      `note: ${neighboursWithoutEnvironment} neighbouring cell(s) give no environment: across a border it comes from the analysed province's households; give it in the sites files for one answer (docs/country.md)\n`,
    );
  }
  writeJson(join(outDir, 'summary.json'), {
    inputs: { provinces: provincesDir, provinceCount: provinces.length },
    settings,
    counts: { ...counts, cells: country.length, rejected: log.issues.length },
    totals,
    outsideWards: outside,
    overlappingWardPoints: located.overlappingWardPoints,
    unknownWardIdPoints: located.unknownWardIdPoints,
    fibre: null,
    layout: null,
    neighbourCellsWithoutEnvironment: neighboursWithoutEnvironment,
    provinces: perProvince,
    threads,
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
    // the stages are summed over the provinces, each timed in its thread: with two threads, up to twice the wall time
    timingsMs: {
      parse: round(timings.parse, 1),
      assignWards: round(timings.assignWards, 1),
      analyse: round(timings.analyse, 1),
      zones: round(timings.zones, 1),
      layout: 0,
      write: round(timings.write, 1),
      total: round(finished - started, 1),
    },
  });
  log.summarise(outDir);
}

/**
 * The province threads' semi-spaces (V8's young generation: 3 × this), MB. Node runs the CLI with 4 MB ones
 * (scripts/cli-build.mjs `CLI_NODE_FLAGS`: a city's `analyze` stays under 300 MiB), and that flag sizes every
 * isolate the process makes, over a thread's `resourceLimits`. With them, 4 full-scale provinces scavenged ~3,400
 * times, 3.9–4.6 s of their ~56 s of CPU; with these, ~430 times, ~2.1 s (bench/HISTORY.md step 83). The country's
 * memory has room: the threads' young generations grow by up to ~170 MB in all.
 */
const PROVINCE_SEMI_SPACE_MB = 32;

/**
 * The order the threads take the provinces in, from the sizes of their households files: the few large ones first,
 * largest first (a large province taken last would leave one thread working alone at the end), then the others in
 * province order, so that each part is joined soon after it is written. Taken all largest first, a small province
 * of low rank came near the end and every part after it waited there: ~1.9 GB of households.csv joined in the last
 * seconds of the 34-province country (bench/HISTORY.md step 83).
 */
export function provinceOrder(sizes: readonly number[]): Int32Array {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const large = (p: number): boolean => sizes[p] > total * LARGE_PROVINCE_SHARE;
  const provinces = [...sizes.keys()];
  const first = provinces.filter(large).sort((a, b) => sizes[b] - sizes[a] || a - b);
  return Int32Array.from([...first, ...provinces.filter((p) => !large(p))]);
}

/** A province holding more than this share of the country's households (by file size) is taken first. */
const LARGE_PROVINCE_SHARE = 1 / 16;

/** Every province's cells, with their reach (cells sharing a model, band, height and power share it). */
async function readCountryCells(provinces: readonly ProvinceFiles[], settings: AnalysisSettings, log: RejectionLog, inputs: LayerInputs): Promise<CountryCell[]> {
  const country: CountryCell[] = [];
  const reachOf = new Map<string, number>();
  for (let p = 0; p < provinces.length; p++) {
    for (const cell of (await log.loadLayer(provinces[p].sites, 'sites', inputs)).data) {
      let reachM: number | null = null;
      if (isAnalysedCell(cell, settings)) {
        const key = JSON.stringify([cell.model, cell.environment, cell.bandMhz, cell.heightM, cell.rsPowerDbm, cell.antennaGainDbi, cell.feederLossDb]);
        reachM = reachOf.get(key) ?? cellReachM(cell, cell.environment, settings);
        reachOf.set(key, reachM);
      }
      country.push({ index: country.length, cell, province: p, reachM });
    }
  }
  return country;
}

/** Province threads started before the country's cells are read (`startProvinceThreads`). */
interface ProvinceThreads {
  /** Sends the threads the country's cells; `take` gets each province's result as it comes. Settles once every thread has. */
  run(country: CountryCell[], take: (result: ProvinceResult) => void): Promise<void>;
  /** Stops the threads (the cells could not be read); settles once they have stopped. */
  stop(): Promise<void>;
}

/**
 * Starts `threads` worker threads (job `provincesShare`) that take the provinces in `provinceOrder` from a shared
 * counter. They read their first province's layers at once and wait for the country's cells (`run`) to analyse it:
 * reading the 34 provinces' 120,000 sites took the main thread ~1.5 s, with the other core idle. A thread's error
 * stops the others, waits until they have stopped (the part files are then removed) and is the run's error.
 */
function startProvinceThreads(
  threads: number,
  shared: { provinces: ProvinceFiles[]; settings: AnalysisSettings; inputOptions: InputOptions; partsDir: string },
  signal: AbortSignal | undefined,
): ProvinceThreads {
  const order = provinceOrder(shared.provinces.map((files) => statSync(files.households).size));
  const next = new Int32Array(new SharedArrayBuffer(4));
  // read when each thread's isolate is made; the main thread's heap is configured already
  setFlagsFromString(`--max-semi-space-size=${PROVINCE_SEMI_SPACE_MB}`);
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort(), { once: true });
  // results come only once the threads have the cells, that is after `run` has set where they go
  let take: (result: ProvinceResult) => void = () => undefined;
  const ports = Array.from({ length: Math.min(threads, shared.provinces.length) }, () => new MessageChannel());
  // every thread settled (stopped, if aborted) before the caller removes the part files they write
  const outcomes = Promise.allSettled(
    ports.map(({ port2 }) =>
      runInThread('provincesShare', { ...shared, order, next, countryPort: port2 }, { onPartial: (result) => take(result), signal: stop.signal, transfer: [port2] }).catch(
        (error: unknown) => {
          stop.abort();
          throw error;
        },
      ),
    ),
  );
  return {
    async run(country, onResult) {
      take = onResult;
      // serialized once for every thread, rather than once per thread's message
      const serialized = serialize(country);
      const cells = new SharedArrayBuffer(serialized.length);
      new Uint8Array(cells).set(serialized);
      for (const { port1 } of ports) port1.postMessage(cells);
      const failures = (await outcomes).flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      if (failures.length > 0) throw failures.find((error) => !(error instanceof CancelledError)) ?? failures[0];
    },
    async stop() {
      stop.abort();
      await outcomes;
    },
  };
}
