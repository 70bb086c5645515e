/**
 * `phusong analyze`: predicted signal for every household, per-ward gap statistics, weak-signal zones.
 * Output contract (issue 3): households.csv, wards.csv, zones.geojson, summary.json, rejected.csv in --out.
 * `--dataset embedded` reads the merged city of data/ (any layer given replaces its file); `--layout 2019` reports
 * by the 2019 units and also writes wards_2025.csv, those rows rolled up to the 2025 units by the crosswalk.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyse } from '../core/analyse.ts';
import { indexWards } from '../core/assign-wards.ts';
import { TECHNOLOGIES, SIGNAL_CLASSES, type Technology, type FibreNetwork } from '../core/model.ts';
import { canonicalOperator } from '../io/operators.ts';
import {
  CliError,
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

/** Rounds for CSV output: RSRP to 0.01 dB, distances to 0.1 m, percentages to 0.01. */
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

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

  const householdRows: Array<Array<string | number | boolean>> = new Array(households.length);
  for (let i = 0; i < households.length; i++) {
    const ward = assignment.wardIndex[i];
    const best = coverage.bestCell[i];
    const rsrp = coverage.rsrpDbm[i];
    const distance = fibreCoverage ? fibreCoverage.distanceM[i] : Infinity;
    householdRows[i] = [
      households.ids[i],
      ward === -1 ? '' : wards[ward].id,
      households.count[i],
      best === -1 ? '' : cells[best].siteId,
      Number.isFinite(rsrp) ? round(rsrp, 2) : '',
      SIGNAL_CLASSES[coverage.signalClass[i]],
      Number.isFinite(distance) ? round(distance, 1) : '',
      fibreCoverage ? fibreCoverage.passed[i] === 1 : false,
    ];
  }
  writeCsv(
    join(outDir, 'households.csv'),
    ['household_id', 'ward_id', 'count', 'best_site_id', 'rsrp_dbm', 'signal_class', 'fibre_distance_m', 'fibre_passed'],
    householdRows,
  );
  writeWardsCsv(join(outDir, 'wards.csv'), statistics.wards);
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
