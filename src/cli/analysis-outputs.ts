/**
 * The rows `analyze` writes, shared by its two modes (one dataset; a country province by province): households.csv
 * (issue 3 contract, the downlink quality of issue 12 appended) and cells.csv (issue 12). Columns are only ever
 * appended: tools read them by name.
 */
import type { CellServed } from '../core/coverage/cell-statistics.ts';
import type { CoverageResult } from '../core/coverage/coverage-result.ts';
import type { FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import { SIGNAL_CLASSES, type Cell, type HouseholdPoints, type Ward } from '../core/model.ts';
import { textCell } from '../io/csv-writer.ts';
import { round, type CsvFile } from './common.ts';

/** The columns of households.csv (issue 3 contract, the downlink quality of issue 12 appended). */
export const HOUSEHOLD_CSV_COLUMNS = [
  'household_id', 'ward_id', 'count', 'best_site_id', 'rsrp_dbm', 'signal_class', 'fibre_distance_m', 'fibre_passed',
  'sinr_db', 'throughput_mbps', 'servers_within_6db',
];

/** The columns of cells.csv (issue 12): what each analysed cell serves. */
export const CELL_CSV_COLUMNS = [
  'cell_id', 'site_id', 'operator', 'technology', 'band_mhz', 'households_served', 'median_rsrp_dbm', 'median_sinr_db', 'median_throughput_mbps',
];

/** What households.csv rows are written from. */
export interface HouseholdRowsInput {
  households: HouseholdPoints;
  wards: readonly Ward[];
  cells: readonly Cell[];
  /** Ward index per household point, −1 outside every ward. */
  wardOfHousehold: Int32Array;
  coverage: CoverageResult;
  fibreCoverage: FibreCoverage | null;
}

/**
 * Streams the households.csv rows, one per household point, field by field into `file` (CsvFile: no row arrays,
 * no string of the whole file): RSRP rounded to 0.01 dB and fibre distance to 0.1 m (empty when none), ward and
 * best site empty when none; SINR and throughput to 0.01, the three quality columns empty without a server above
 * the interference cut-off or for a 2G/3G analysis.
 */
export function writeHouseholdRows(file: CsvFile, { households, wards, cells, wardOfHousehold, coverage, fibreCoverage }: HouseholdRowsInput): void {
  // the ward, site and class cells repeat in every row: made once each
  const wardCells = wards.map((ward) => textCell(ward.id));
  const siteCells = cells.map((cell) => textCell(cell.siteId));
  const classCells = SIGNAL_CLASSES.map(textCell);
  for (let i = 0; i < households.length; i++) {
    const ward = wardOfHousehold[i];
    const best = coverage.bestCell[i];
    const rsrp = coverage.rsrpDbm[i];
    const distance = fibreCoverage ? fibreCoverage.distanceM[i] : Infinity;
    file.text(households.ids.at(i)!);
    if (ward === -1) file.empty();
    else file.prepared(wardCells[ward]);
    file.number(households.count[i]);
    if (best === -1) file.empty();
    else file.prepared(siteCells[best]);
    if (Number.isFinite(rsrp)) file.fixed(rsrp, 2);
    else file.empty();
    file.prepared(classCells[coverage.signalClass[i]]);
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
}

/** One cells.csv row: the cell and what it serves, medians to 0.01 (empty when it serves none). */
export function cellRow(cell: Cell, served: CellServed): Array<string | number> {
  const orEmpty = (value: number | null): number | string => (value === null ? '' : round(value, 2));
  const { households, medianRsrpDbm, medianSinrDb, medianThroughputMbps } = served;
  return [cell.cellId, cell.siteId, cell.operator, cell.technology, cell.bandMhz, households, orEmpty(medianRsrpDbm), orEmpty(medianSinrDb), orEmpty(medianThroughputMbps)];
}
