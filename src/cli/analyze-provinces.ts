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
 */
import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import bbox from '@turf/bbox';
import CheapRuler from 'cheap-ruler';
import type { MultiPolygon, Polygon } from 'geojson';
import { analyse } from '../core/analyse.ts';
import { isAnalysedCell } from '../core/coverage/analysed-cell.ts';
import { cellReachM } from '../core/coverage/cell-reach.ts';
import { RegionTally } from '../core/coverage/region-tally.ts';
import type { AnalysisSettings, Cell, HouseholdPoints, Ward } from '../core/model.ts';
import { wardStatisticsTable } from '../io/export-ward-table.ts';
import { CELL_CSV_COLUMNS, cellRow, HOUSEHOLD_CSV_COLUMNS, writeHouseholdRows } from './analysis-outputs.ts';
import { CliError, CsvFile, RejectionLog, round, writeJson, type LayerInputs } from './common.ts';
import { sumsPartnerThread } from './sums-partner-thread.ts';

export interface ProvincesRun {
  provincesDir: string;
  outDir: string;
  settings: AnalysisSettings;
  inputs: LayerInputs;
  /** When the command started (performance.now()), for the total time. */
  started: number;
}

/** One province folder's files. */
export interface ProvinceFiles {
  id: string;
  dir: string;
  wards: string;
  sites: string;
  households: string;
  land: string | null;
}

/** [west, south, east, north], degrees. */
type Box = [number, number, number, number];

/** Files that belong to a Shapefile's `.shp` rather than being a layer file themselves. */
const SHAPEFILE_COMPANION = /\.(dbf|prj|cpg|shx|sbn|sbx|qix|xml)$/i;

/** Margin added to every reach when choosing a province's neighbouring cells: 0.1 % and 1 m (rounding of the metric). */
const REACH_MARGIN = { factor: 1.001, m: 1 };

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

/** A cell of the country: the cell, its province and, when analysed, its reach (m). */
interface CountryCell {
  /** Index in the country's cells (province order, then file order): cells.csv's order. */
  index: number;
  cell: Cell;
  province: number;
  /** Reach at the search floor (cell-reach.ts), metres; null for a cell of another layer (never a neighbour). */
  reachM: number | null;
}

/** Runs the country (see the module comment). */
export async function analyseProvinces({ provincesDir, outDir, settings, inputs, started }: ProvincesRun): Promise<void> {
  const provinces = listProvinces(provincesDir);
  const log = new RejectionLog();

  // every province's cells, with their reach (cells sharing a model, band, height and power share it)
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
  const cellsRead = performance.now();

  const householdsCsv = new CsvFile(join(outDir, 'households.csv'), HOUSEHOLD_CSV_COLUMNS);
  const wardsCsv = new CsvFile(join(outDir, 'wards.csv'), wardStatisticsTable([]).columns);
  const zones = new GeoJsonFeatureFile(join(outDir, 'zones.geojson'));
  const tally = new RegionTally(country.length, settings.technology);
  const timings = { parse: cellsRead - started, assignWards: 0, analyse: 0, zones: 0, write: 0 };
  const counts = { wards: 0, cells: 0, analysedCells: 0, householdPoints: 0, zones: 0 };
  const outside = { points: 0, households: 0, good: 0, fair: 0, weak: 0, none: 0 };
  const located = { overlappingWardPoints: 0, unknownWardIdPoints: 0 };
  const perProvince: Array<Record<string, unknown>> = [];
  let neighboursWithoutEnvironment = 0;

  for (let p = 0; p < provinces.length; p++) {
    const files = provinces[p];
    const stageStart = performance.now();
    const wards: Ward[] = (await log.loadLayer(files.wards, 'wards', inputs)).data;
    const households: HouseholdPoints = (await log.loadLayer(files.households, 'households', inputs)).data;
    const land = files.land === null ? null : await log.loadPolygons(files.land, inputs);
    const box = provinceBox(wards, households, land);
    const own = country.filter((entry) => entry.province === p);
    const neighbours = country.filter((entry) => entry.province !== p && entry.reachM !== null && reachesBox(entry.cell, entry.reachM, box));
    neighboursWithoutEnvironment += neighbours.filter((entry) => entry.cell.environment === null).length;
    const cells = [...own, ...neighbours].map((entry) => entry.cell);
    const globalCell = Int32Array.from([...own, ...neighbours], (entry) => entry.index);
    const parsed = performance.now();

    const analysis = analyse({ wards, cells, households, fibre: null, land }, settings, { zones: true, now: () => performance.now(), sumsPartner: sumsPartnerThread });
    const { assignment, coverage, statistics } = analysis;
    const analysed = performance.now();

    writeHouseholdRows(householdsCsv, { households, wards, cells, wardOfHousehold: assignment.wardIndex, coverage, fibreCoverage: null });
    for (const row of wardStatisticsTable(statistics.wards).rows) wardsCsv.row(row);
    for (const zone of analysis.zones?.features ?? []) {
      // zone ids restart in every province: prefixed with the province's folder name, they stay unique
      zones.add({ ...zone, properties: { ...zone.properties, zone_id: `${files.id}-${zone.properties.zone_id}` } });
    }
    tally.add(households, coverage, globalCell, statistics.total);
    const written = performance.now();

    timings.parse += parsed - stageStart;
    timings.assignWards += analysis.timingsMs.assignWards;
    timings.analyse += analysis.timingsMs.coverage + analysis.timingsMs.statistics;
    timings.zones += analysis.timingsMs.zones;
    timings.write += written - analysed;
    counts.wards += wards.length;
    counts.cells += own.length;
    counts.householdPoints += households.length;
    counts.zones += analysis.zones?.features.length ?? 0;
    outside.points += assignment.outsideCount;
    for (const key of ['households', 'good', 'fair', 'weak', 'none'] as const) outside[key] += statistics.outside[key];
    located.overlappingWardPoints += assignment.overlapCount;
    located.unknownWardIdPoints += assignment.unknownWardIdCount;
    perProvince.push({
      id: files.id,
      wards: wards.length,
      householdPoints: households.length,
      cells: own.length,
      neighbourCells: neighbours.length,
      analysedCells: analysis.analysedCells,
      totals: statistics.total,
      timingsMs: {
        parse: round(parsed - stageStart, 1),
        assignWards: round(analysis.timingsMs.assignWards, 1),
        analyse: round(analysis.timingsMs.coverage + analysis.timingsMs.statistics, 1),
        zones: round(analysis.timingsMs.zones, 1),
        write: round(written - analysed, 1),
      },
      rssMiB: round(process.memoryUsage().rss / 2 ** 20, 1),
    });
  }

  householdsCsv.close();
  wardsCsv.close();
  zones.close();
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
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
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

/** The bounding box of a province's wards, households and land: every point its analysis evaluates lies in it. */
export function provinceBox(wards: readonly Ward[], households: HouseholdPoints, land: Array<Polygon | MultiPolygon> | null): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const extend = ([west, south, east, north]: readonly number[]): void => {
    box[0] = Math.min(box[0], west);
    box[1] = Math.min(box[1], south);
    box[2] = Math.max(box[2], east);
    box[3] = Math.max(box[3], north);
  };
  for (const ward of wards) extend(bbox(ward.geometry));
  for (const polygon of land ?? []) extend(bbox(polygon));
  for (let h = 0; h < households.length; h++) extend([households.lon[h], households.lat[h], households.lon[h], households.lat[h]]);
  return box;
}

/**
 * Whether a cell's reach touches the box: the distance from its site to the nearest point of the box, measured as
 * the engine measures (cheap-ruler around the cell), is within its reach and the margin.
 */
export function reachesBox(cell: Pick<Cell, 'lon' | 'lat'>, reachM: number, [west, south, east, north]: Box): boolean {
  const nearest: [number, number] = [Math.min(Math.max(cell.lon, west), east), Math.min(Math.max(cell.lat, south), north)];
  return new CheapRuler(cell.lat, 'meters').distance([cell.lon, cell.lat], nearest) <= reachM * REACH_MARGIN.factor + REACH_MARGIN.m;
}

/** A GeoJSON FeatureCollection written feature by feature (the zones of every province, one file). */
class GeoJsonFeatureFile {
  private readonly fd: number;
  private first = true;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, '{"type":"FeatureCollection","features":[');
  }

  add(feature: unknown): void {
    writeSync(this.fd, (this.first ? '' : ',') + JSON.stringify(feature));
    this.first = false;
  }

  close(): void {
    writeSync(this.fd, ']}\n');
    closeSync(this.fd);
  }
}
