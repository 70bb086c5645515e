/**
 * `phusong analyze`: predicted signal for every household, per-ward gap statistics, weak-signal zones.
 * Output contract (issue 3): households.csv, wards.csv, zones.geojson, summary.json, rejected.csv in --out;
 * issue 12 appends the downlink quality (SINR, throughput, servers within 6 dB) to households.csv and wards.csv
 * and adds cells.csv (what each analysed cell serves). Columns are only ever appended: tools read them by name.
 * `--dataset embedded` reads the merged city of data/ (any layer given replaces its file); `--layout 2019` reports
 * by the 2019 units and also writes wards_2025.csv, those rows rolled up to the 2025 units by the crosswalk.
 * `--provinces DIR` analyses a country province by province with bounded memory (analyze-provinces.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyse, type AnalysisResult } from '../core/analyse.ts';
import { indexWards } from '../core/assign-wards.ts';
import { isAnalysedCell } from '../core/coverage/analysed-cell.ts';
import { cellStatistics } from '../core/coverage/cell-statistics.ts';
import { TECHNOLOGIES, type AnalysisSettings, type FibreNetwork, type Technology } from '../core/model.ts';
import { PlaceEnvironment } from '../core/resolve-environment.ts';
import { canonicalOperator } from '../io/operators.ts';
import { CELL_CSV_COLUMNS, cellRow, HOUSEHOLD_CSV_COLUMNS, writeHouseholdRows } from './analysis-outputs.ts';
import { analyseProvinces, DEFAULT_PROVINCE_THREADS } from './analyze-provinces.ts';
import {
  CliError,
  CsvFile,
  LAYER_OPTIONS,
  readLayerInputs,
  RejectionLog,
  loadSettings,
  parseOptions,
  prepareOutDir,
  requireOption,
  writeCsv,
  writeJson,
  writeWardsCsv,
  round,
} from './common.ts';
import { Dataset, DATASET_OPTIONS, inputsJson, readDatasetChoice } from './dataset.ts';
import { layoutSummary, startLayoutComparison } from './layout-summary.ts';
import { releaseGarbage } from './release-garbage.ts';
import { forgetRetiredBatch } from '../core/coverage/household-batch.ts';
import { withThreadsStopped } from './run-in-thread.ts';
import { sumsPartnerAhead } from './sums-partner-thread.ts';

const OPTIONS = {
  ...LAYER_OPTIONS,
  ...DATASET_OPTIONS,
  fibre: { type: 'string' },
  technology: { type: 'string' },
  operator: { type: 'string' },
  provinces: { type: 'string' },
  threads: { type: 'string' },
} as const;

/** The layer options a run of `--provinces` does not take: each province folder gives its own files. */
const SINGLE_DATASET_OPTIONS = ['wards', 'sites', 'households', 'fibre', 'land', 'dataset', 'layout'] as const;

/** `--config` over the defaults, with `--technology` and `--operator` over both. */
function readSettings(options: { config?: string; technology?: string; operator?: string }): AnalysisSettings {
  const overrides: { technology?: Technology; operator?: string } = {};
  if (options.technology !== undefined) {
    const technology = options.technology.toUpperCase() as Technology;
    if (!TECHNOLOGIES.includes(technology)) {
      throw new CliError(`--technology must be one of ${TECHNOLOGIES.join(', ')}, got '${options.technology}'`);
    }
    overrides.technology = technology;
  }
  // spelt as the sites files are (canonicalOperator), so `viettel` and `Viettel` are one analysis
  if (options.operator !== undefined) overrides.operator = canonicalOperator(options.operator);
  return loadSettings(options.config, overrides);
}

/** `--threads N` of `--provinces`: a whole number ≥ 1, by default one per core (at most two). */
function readThreads(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PROVINCE_THREADS;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) throw new CliError(`--threads must be a whole number ≥ 1, got '${value}'`);
  return threads;
}

/**
 * An analysis without its engine and its statistics' tally, which `analyse` hands over for point queries and edits:
 * `analyze` makes none, and the engine's tiles and sums (tens of MB on a city) and the tally's lists are then
 * garbage before the outputs are written.
 */
function withoutEditState({ engine, statisticsTally, ...analysis }: AnalysisResult): Omit<AnalysisResult, 'engine' | 'statisticsTally'> {
  void engine;
  void statisticsTally;
  return analysis;
}

export async function run(argv: string[]): Promise<void> {
  // a failure of the main thread stops its worker thread (the layout comparison) too
  await withThreadsStopped((signal) => analyze(argv, signal));
}

async function analyze(argv: string[], signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const options = parseOptions(argv, OPTIONS);
  if (options.provinces !== undefined) {
    const given = SINGLE_DATASET_OPTIONS.find((name) => options[name] !== undefined);
    if (given !== undefined) throw new CliError(`--provinces reads each province's own files: drop --${given}`);
    const outDir = prepareOutDir(requireOption(options, 'out'));
    await analyseProvinces({ provincesDir: options.provinces, outDir, settings: readSettings(options), inputOptions: options, threads: readThreads(options.threads), started, signal });
    return;
  }
  if (options.threads !== undefined) throw new CliError('--threads is for --provinces (the provinces run on that many threads)');
  const log = new RejectionLog();
  const dataset = new Dataset(readDatasetChoice(options), options, log, readLayerInputs(options));
  for (const layer of ['wards', 'sites', 'households'] as const) dataset.require(layer);
  const outDir = requireOption(options, 'out');

  const settings = readSettings(options);

  const wards = await dataset.wards();
  const cells = await dataset.sites();
  const households = await dataset.households();
  const fibre: FibreNetwork | null = await dataset.fibre();
  const land = await dataset.land();
  const layout = await dataset.layout();
  // the layout's grouping comparison needs nothing of the analysis: a thread computes it meanwhile
  const comparison = layout === null ? null : startLayoutComparison(layout, households, signal);
  prepareOutDir(outDir);
  // the parse's garbage goes before the analysis and its partner thread add their arrays (timed with the parse)
  releaseGarbage();
  const parsed = performance.now();

  const wardIndex = indexWards(wards);
  // the sums partner needs the cells' environments, not the ward assignment: started before it
  const place = new PlaceEnvironment(households, wardIndex);
  const partner = sumsPartnerAhead(cells, households, settings, place, signal);
  const partnerStarted = performance.now();
  // households whose ward ids are of the other layout are located through the crosswalk (dataset.assign)
  const located = await dataset.assign(households, wardIndex);
  const assigned = performance.now();
  const analysis = withoutEditState(
    analyse(
      { wards, wardIndex, place, cells, households, assignment: located, fibre, land },
      settings,
      // the fibre reach (~1 s on the merged city) while the partner sums; the zones after, apart from the sums' memory
      { zones: true, now: () => performance.now(), sumsPartner: () => partner, editable: false, whileSumming: 'fibre' },
    ),
  );
  // the sums' WebAssembly memory, kept for a next analysis this process does not run
  forgetRetiredBatch();
  const { assignment, coverage, fibreCoverage, statistics, analysedCells, timingsMs } = analysis;
  const zones = analysis.zones ?? { type: 'FeatureCollection', features: [] };
  const zoned = performance.now();
  const layoutJson = layout === null || comparison === null ? null : layoutSummary(layout, wards, await comparison, located, statistics.wards);
  const compared = performance.now();

  const householdsCsv = new CsvFile(join(outDir, 'households.csv'), HOUSEHOLD_CSV_COLUMNS);
  writeHouseholdRows(householdsCsv, { households, wards, cells, wardOfHousehold: assignment.wardIndex, coverage, fibreCoverage });
  householdsCsv.close();
  writeWardsCsv(join(outDir, 'wards.csv'), statistics.wards);
  const served = cellStatistics(cells.length, households, coverage);
  writeCsv(
    join(outDir, 'cells.csv'),
    CELL_CSV_COLUMNS,
    cells.flatMap((cell, c) => (isAnalysedCell(cell, settings) ? [cellRow(cell, served[c])] : [])),
  );
  writeFileSync(join(outDir, 'zones.geojson'), JSON.stringify(zones) + '\n');
  if (layoutJson?.rolledUp) writeWardsCsv(join(outDir, 'wards_2025.csv'), layoutJson.rolledUp.wards);
  log.write(outDir);
  const written = performance.now();

  writeJson(join(outDir, 'summary.json'), {
    inputs: inputsJson(dataset, ['wards', 'sites', 'households', 'fibre', 'land']),
    settings,
    counts: {
      wards: wards.length,
      cells: cells.length,
      analysedCells,
      householdPoints: households.length,
      rejected: log.issues.length,
      zones: zones.features.length,
    },
    totals: statistics.total,
    outsideWards: { points: assignment.outsideCount, ...statistics.outside },
    overlappingWardPoints: assignment.overlapCount,
    unknownWardIdPoints: assignment.unknownWardIdCount,
    fibre: fibreCoverage ? { fullNodes: fibreCoverage.fullNodes.length } : null,
    layout: layoutJson?.json ?? null,
    timingsMs: {
      parse: round(parsed - started, 1),
      assignWards: round(assigned - partnerStarted, 1),
      analyse: round(partnerStarted - parsed + timingsMs.coverage + timingsMs.statistics, 1),
      zones: round(timingsMs.zones, 1),
      layout: round(compared - zoned, 1),
      write: round(written - compared, 1),
      total: round(written - started, 1),
    },
  });
  log.summarise(outDir);
}
