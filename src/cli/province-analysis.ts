/**
 * One province of `analyze --provinces` (analyze-provinces.ts), run in the main thread or in a worker thread (job
 * `provinces`, thread-jobs.ts): its files read, the cells of the other provinces within reach added to its own,
 * the one analysis pipeline (core/analyse.ts), and its rows written to part files (households, wards, zones) that
 * the main thread joins in province order. What the country-wide outputs need of it comes back as a
 * `ProvinceResult`: the kept values of its households (`RegionRows`: typed arrays, transferred) and its counts.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import bbox from '@turf/bbox';
import CheapRuler from 'cheap-ruler';
import type { MultiPolygon, Polygon } from 'geojson';
import { analyse } from '../core/analyse.ts';
import { regionRows, type RegionRows } from '../core/coverage/region-tally.ts';
import type { CoverageTotals } from '../core/coverage/ward-statistics.ts';
import { inLocalityOrder } from '../core/locality-order.ts';
import type { AnalysisSettings, Cell, HouseholdPoints, Ward } from '../core/model.ts';
import type { ImportIssue } from '../io/import-result.ts';
import { wardStatisticsTable } from '../io/export-ward-table.ts';
import { HOUSEHOLD_CSV_COLUMNS, writeHouseholdRows } from './analysis-outputs.ts';
import { CsvFile, RejectionLog, round, type LayerInputs } from './common.ts';
import { sumsPartnerThread } from './sums-partner-thread.ts';

/** One province folder's files. */
export interface ProvinceFiles {
  id: string;
  dir: string;
  wards: string;
  sites: string;
  households: string;
  land: string | null;
}

/** A cell of the country: the cell, its province and, when analysed, its reach (m). */
export interface CountryCell {
  /** Index in the country's cells (province order, then file order): cells.csv's order. */
  index: number;
  cell: Cell;
  province: number;
  /** Reach at the search floor (cell-reach.ts), metres; null for a cell of another layer (never a neighbour). */
  reachM: number | null;
}

/** [west, south, east, north], degrees. */
type Box = [number, number, number, number];

/** Margin added to every reach when choosing a province's neighbouring cells: 0.1 % and 1 m (rounding of the metric). */
const REACH_MARGIN = { factor: 1.001, m: 1 };

/** What the main thread needs of one analysed province, besides its part files. */
export interface ProvinceResult {
  /** Index of the province (folder name order). */
  province: number;
  rows: RegionRows;
  totals: CoverageTotals;
  /** The rejections and notes of its files (`RejectionLog`), in the order read. */
  issues: ImportIssue[];
  notes: ImportIssue[];
  /** Its entry of summary.json's `provinces`. */
  summary: Record<string, unknown>;
  timingsMs: { parse: number; assignWards: number; analyse: number; zones: number; write: number };
  counts: { wards: number; cells: number; householdPoints: number; zones: number };
  outside: { points: number; households: number; good: number; fair: number; weak: number; none: number };
  located: { overlappingWardPoints: number; unknownWardIdPoints: number };
  neighboursWithoutEnvironment: number;
}

/** The part files of province `id` in `partsDir`. */
export function provinceParts(partsDir: string, id: string): { households: string; wards: string; zones: string } {
  return { households: join(partsDir, `${id}.households.csv`), wards: join(partsDir, `${id}.wards.csv`), zones: join(partsDir, `${id}.zones.json`) };
}

/**
 * Analyses province `p` of `provinces` with the cells of the country within reach (see the module comment) and
 * writes its part files to `partsDir`: households.csv and wards.csv rows under their header line, and its zones as
 * comma-separated GeoJSON features (ids prefixed with the folder name, so they stay unique). `sumsPartner`: whether
 * its interference sums may take the second core (not when provinces already run on both). `country` may still be
 * on its way (a thread started before the main thread read the sites): the province's layers are read meanwhile,
 * and the wait is not counted in its parse time.
 */
export async function analyseProvince(
  country: readonly CountryCell[] | Promise<readonly CountryCell[]>,
  provinces: readonly ProvinceFiles[],
  p: number,
  settings: AnalysisSettings,
  inputs: LayerInputs,
  partsDir: string,
  sumsPartner: boolean,
): Promise<ProvinceResult> {
  const files = provinces[p];
  const log = new RejectionLog();
  const stageStart = performance.now();
  const wards: Ward[] = (await log.loadLayer(files.wards, 'wards', inputs)).data;
  // the engine reads the households tile by tile: in memory they lie as on the ground, not in the file's order
  // (core/locality-order.ts); households.csv is written in the file's
  const { households, fileOrder } = inLocalityOrder((await log.loadLayer(files.households, 'households', inputs)).data);
  const land = files.land === null ? null : await log.loadPolygons(files.land, inputs);
  const box = provinceBox(wards, households, land);
  const layersRead = performance.now();
  const countryCells = await country;
  const cellsArrived = performance.now();
  const own = countryCells.filter((entry) => entry.province === p);
  const neighbours = countryCells.filter((entry) => entry.province !== p && entry.reachM !== null && reachesBox(entry.cell, entry.reachM, box));
  const cells = [...own, ...neighbours].map((entry) => entry.cell);
  const globalCell = Int32Array.from([...own, ...neighbours], (entry) => entry.index);
  const parsed = performance.now();

  const analysis = analyse({ wards, cells, households, fibre: null, land }, settings, {
    zones: true,
    now: () => performance.now(),
    sumsPartner: sumsPartner ? sumsPartnerThread : undefined,
    editable: false,
  });
  const { assignment, coverage, statistics } = analysis;
  const analysed = performance.now();

  const parts = provinceParts(partsDir, files.id);
  const householdsCsv = new CsvFile(parts.households, HOUSEHOLD_CSV_COLUMNS);
  writeHouseholdRows(householdsCsv, { households, wards, cells, wardOfHousehold: assignment.wardIndex, coverage, fibreCoverage: null, fileOrder });
  householdsCsv.close();
  const table = wardStatisticsTable(statistics.wards);
  const wardsCsv = new CsvFile(parts.wards, table.columns);
  for (const row of table.rows) wardsCsv.row(row);
  wardsCsv.close();
  const zones = analysis.zones?.features ?? [];
  const zonesFile = openSync(parts.zones, 'w');
  zones.forEach((zone, k) => {
    const feature = { ...zone, properties: { ...zone.properties, zone_id: `${files.id}-${zone.properties.zone_id}` } };
    writeSync(zonesFile, (k === 0 ? '' : ',') + JSON.stringify(feature));
  });
  closeSync(zonesFile);
  const rows = regionRows(households, coverage, globalCell);
  const written = performance.now();

  const timingsMs = {
    parse: layersRead - stageStart + (parsed - cellsArrived),
    assignWards: analysis.timingsMs.assignWards,
    analyse: analysis.timingsMs.coverage + analysis.timingsMs.statistics,
    zones: analysis.timingsMs.zones,
    write: written - analysed,
  };
  return {
    province: p,
    rows,
    totals: statistics.total,
    issues: log.issues,
    notes: log.notes,
    summary: {
      id: files.id,
      wards: wards.length,
      householdPoints: households.length,
      cells: own.length,
      neighbourCells: neighbours.length,
      analysedCells: analysis.analysedCells,
      totals: statistics.total,
      timingsMs: Object.fromEntries(Object.entries(timingsMs).map(([stage, ms]) => [stage, round(ms, 1)])),
      rssMiB: round(process.memoryUsage().rss / 2 ** 20, 1),
      // 0: the main thread
      thread: threadId,
    },
    timingsMs,
    counts: { wards: wards.length, cells: own.length, householdPoints: households.length, zones: zones.length },
    outside: { points: assignment.outsideCount, ...statistics.outside },
    located: { overlappingWardPoints: assignment.overlapCount, unknownWardIdPoints: assignment.unknownWardIdCount },
    neighboursWithoutEnvironment: neighbours.filter((entry) => entry.cell.environment === null).length,
  };
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
