/**
 * `phusong analyze`: predicted signal for every household, per-ward gap statistics, weak-signal zones.
 * Output contract (issue 3): households.csv, wards.csv, zones.geojson, summary.json, rejected.csv in --out;
 * issue 12 appends the downlink quality (SINR, throughput, servers within 6 dB) to households.csv and wards.csv
 * and adds cells.csv (what each analysed cell serves). Columns are only ever appended: tools read them by name.
 * `--dataset embedded` reads the merged city of data/ (any layer given replaces its file); `--layout 2019` reports
 * by the 2019 units and also writes wards_2025.csv, those rows rolled up to the 2025 units by the crosswalk.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyse } from '../core/analyse.ts';
import { indexWards } from '../core/assign-wards.ts';
import { isAnalysedCell } from '../core/coverage/analysed-cell.ts';
import { cellStatistics } from '../core/coverage/cell-statistics.ts';
import type { CoverageResult } from '../core/coverage/coverage-result.ts';
import type { FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import { TECHNOLOGIES, SIGNAL_CLASSES, type Cell, type FibreNetwork, type HouseholdPoints, type Technology, type Ward } from '../core/model.ts';
import { canonicalOperator } from '../io/operators.ts';
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
import { layoutSummary } from './layout-summary.ts';

const OPTIONS = {
  ...LAYER_OPTIONS,
  ...DATASET_OPTIONS,
  fibre: { type: 'string' },
  technology: { type: 'string' },
  operator: { type: 'string' },
} as const;

/** The columns of households.csv (issue 3 contract, the downlink quality of issue 12 appended). */
const HOUSEHOLD_CSV_COLUMNS = [
  'household_id', 'ward_id', 'count', 'best_site_id', 'rsrp_dbm', 'signal_class', 'fibre_distance_m', 'fibre_passed',
  'sinr_db', 'throughput_mbps', 'servers_within_6db',
];

/** What households.csv is written from. */
interface HouseholdsCsvInput {
  households: HouseholdPoints;
  wards: readonly Ward[];
  cells: readonly Cell[];
  /** Ward index per household point, −1 outside every ward. */
  wardOfHousehold: Int32Array;
  coverage: CoverageResult;
  fibreCoverage: FibreCoverage | null;
}

/**
 * Streams households.csv, one row per household point, field by field (CsvFile: no row arrays, no string of the
 * whole file): RSRP rounded to 0.01 dB and fibre distance to 0.1 m (empty when none), ward and best site empty
 * when none; SINR and throughput to 0.01, the three quality columns empty without a server above the interference
 * cut-off or for a 2G/3G analysis.
 */
function writeHouseholdsCsv(path: string, { households, wards, cells, wardOfHousehold, coverage, fibreCoverage }: HouseholdsCsvInput): void {
  const file = new CsvFile(path, HOUSEHOLD_CSV_COLUMNS);
  for (let i = 0; i < households.length; i++) {
    const ward = wardOfHousehold[i];
    const best = coverage.bestCell[i];
    const rsrp = coverage.rsrpDbm[i];
    const distance = fibreCoverage ? fibreCoverage.distanceM[i] : Infinity;
    file.text(households.ids[i]);
    if (ward === -1) file.empty();
    else file.text(wards[ward].id);
    file.number(households.count[i]);
    if (best === -1) file.empty();
    else file.text(cells[best].siteId);
    if (Number.isFinite(rsrp)) file.fixed(rsrp, 2);
    else file.empty();
    file.text(SIGNAL_CLASSES[coverage.signalClass[i]]);
    if (Number.isFinite(distance)) file.fixed(distance, 1);
    else file.empty();
    file.boolean(fibreCoverage !== null && fibreCoverage.passed[i] === 1);
    const sinr = coverage.sinrDb[i];
    if (Number.isNaN(sinr)) {
      file.empty();
      file.empty();
      file.empty();
    } else {
      file.fixed(sinr, 2);
      file.fixed(coverage.throughputMbps[i], 2);
      file.number(coverage.serversWithin6Db[i]);
    }
    file.endRow();
  }
  file.close();
}

export async function run(argv: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(argv, OPTIONS);
  const log = new RejectionLog();
  const dataset = new Dataset(readDatasetChoice(options), options, log, readLayerInputs(options));
  for (const layer of ['wards', 'sites', 'households'] as const) dataset.require(layer);
  const outDir = requireOption(options, 'out');

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
  const settings = loadSettings(options.config, overrides);

  const wards = await dataset.wards();
  const cells = await dataset.sites();
  const households = await dataset.households();
  const fibre: FibreNetwork | null = await dataset.fibre();
  const land = await dataset.land();
  const layout = await dataset.layout();
  prepareOutDir(outDir);
  const parsed = performance.now();

  // households whose ward ids are of the other layout are located through the crosswalk (dataset.assign)
  const wardIndex = indexWards(wards);
  const located = await dataset.assign(households, wardIndex);
  const assigned = performance.now();
  const analysis = analyse({ wards, wardIndex, cells, households, assignment: located, fibre, land }, settings, { zones: true, now: () => performance.now() });
  const { assignment, coverage, fibreCoverage, statistics } = analysis;
  const zones = analysis.zones ?? { type: 'FeatureCollection', features: [] };
  const zoned = performance.now();
  const layoutJson = layout === null ? null : layoutSummary(layout, wards, households, located, statistics.wards);
  const compared = performance.now();

  writeHouseholdsCsv(join(outDir, 'households.csv'), { households, wards, cells, wardOfHousehold: assignment.wardIndex, coverage, fibreCoverage });
  writeWardsCsv(join(outDir, 'wards.csv'), statistics.wards);
  const served = cellStatistics(cells.length, households, coverage);
  const orEmpty = (value: number | null): number | string => (value === null ? '' : round(value, 2));
  writeCsv(
    join(outDir, 'cells.csv'),
    ['cell_id', 'site_id', 'operator', 'technology', 'band_mhz', 'households_served', 'median_rsrp_dbm', 'median_sinr_db', 'median_throughput_mbps'],
    cells.flatMap((cell, c) => {
      if (!isAnalysedCell(cell, settings)) return [];
      const { households: servedHouseholds, medianRsrpDbm, medianSinrDb, medianThroughputMbps } = served[c];
      return [[cell.cellId, cell.siteId, cell.operator, cell.technology, cell.bandMhz, servedHouseholds, orEmpty(medianRsrpDbm), orEmpty(medianSinrDb), orEmpty(medianThroughputMbps)]];
    }),
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
      analysedCells: analysis.analysedCells,
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
      assignWards: round(assigned - parsed, 1),
      analyse: round(analysis.timingsMs.coverage + analysis.timingsMs.statistics, 1),
      zones: round(analysis.timingsMs.zones, 1),
      layout: round(compared - zoned, 1),
      write: round(written - compared, 1),
      total: round(written - started, 1),
    },
  });
  log.summarise(outDir);
}
