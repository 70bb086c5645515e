/**
 * The rows `analyze` writes, shared by its two modes (one dataset; a country province by province): households.csv
 * (issue 3 contract, the downlink quality of issue 12 appended) and cells.csv (issue 12). Columns are only ever
 * appended: tools read them by name.
 */
import type { CellServed } from '../core/coverage/cell-statistics.ts';
import type { CoverageResult } from '../core/coverage/coverage-result.ts';
import type { FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import { joinIds } from '../core/household-ids.ts';
import type { FileOrder } from '../core/locality-order.ts';
import { SIGNAL_CLASSES, type Cell, type HouseholdPoints, type Ward } from '../core/model.ts';
import { COMMA, EncodedCells, MAX_NUMBER_BYTES, maxTextCellBytes, putBoolean, putFixed, putNumber, putTextCellIn } from '../io/csv-writer.ts';
import { round, type CsvFile } from './common.ts';
import { HouseholdRowRecords } from './household-row-records.ts';

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
  households: Pick<HouseholdPoints, 'length' | 'ids' | 'count'>;
  wards: readonly Ward[];
  cells: readonly Cell[];
  /** Ward index per household point, −1 outside every ward. */
  wardOfHousehold: Int32Array;
  coverage: CoverageResult;
  fibreCoverage: FibreCoverage | null;
  /** The file's order when the run reordered the households (`inLocalityOrder`): the rows are written in it. */
  fileOrder?: FileOrder;
}

/**
 * Streams the households.csv rows, one per household point, into `file` (CsvFile: no row arrays, no string of the
 * whole file), each row encoded at once into the writer's chunk (`CsvWriter.rowSpace`, csv-writer.ts): RSRP rounded
 * to 0.01 dB and fibre distance to 0.1 m (empty when none), ward and best site empty when none; SINR and throughput
 * to 0.01, the three quality columns empty without a server above the interference cut-off or for a 2G/3G analysis,
 * the throughput also for a household of class none (no service: coverage-engine.ts `serviceFloorDbm`).
 */
export function writeHouseholdRows(file: CsvFile, input: HouseholdRowsInput): void {
  const { households, wards, cells, fibreCoverage, fileOrder } = input;
  // each id written from where it lies in the ids' one text
  const { text: idText, ends: idEnds } = joinIds(fileOrder?.ids ?? households.ids);
  // the ward, site and class cells repeat in every row: encoded once each
  const wardCells = new EncodedCells(wards.map((ward) => ward.id));
  const siteCells = new EncodedCells(cells.map((cell) => cell.siteId));
  const classCells = new EncodedCells(SIGNAL_CLASSES);
  // a row but its id: the ward, site and class cells, six numbers (the count and servers whole, the fibre distance
  // to 0.1, the others to 0.01), a boolean and the commas
  const rowBytesButId = wardCells.maxBytes + siteCells.maxBytes + classCells.maxBytes + 6 * (MAX_NUMBER_BYTES + 2) + 5 + 10;
  // a reordered run's records all at once, in file order; else a block of them at a time
  const whole = fileOrder === undefined ? null : HouseholdRowRecords.inFileOrder(input, fileOrder.rowOfPosition);
  const records = whole ?? new HouseholdRowRecords(Math.min(households.length, RECORDS_PER_BLOCK), fibreCoverage !== null);
  for (let first = 0; first < households.length; first += RECORDS_PER_BLOCK) {
    const rows = Math.min(RECORDS_PER_BLOCK, households.length - first);
    if (whole === null) records.fill(input, first, rows);
    const base = whole === null ? 0 : first;
    for (let k = 0; k < rows; k++) {
      const record = base + k;
      const row = first + k;
      const idStart = row === 0 ? 0 : idEnds[row - 1];
      const chunk = file.rowSpace(rowBytesButId + maxTextCellBytes(idEnds[row] - idStart));
      let at = putTextCellIn(chunk, file.position, idText, idStart, idEnds[row]);
      chunk[at++] = COMMA;
      const ward = records.ward(record);
      if (ward !== -1) at = wardCells.put(chunk, at, ward);
      chunk[at++] = COMMA;
      at = putNumber(chunk, at, records.count(record));
      chunk[at++] = COMMA;
      const best = records.bestCell(record);
      if (best !== -1) at = siteCells.put(chunk, at, best);
      chunk[at++] = COMMA;
      const rsrp = records.rsrpDbm(record);
      if (Number.isFinite(rsrp)) at = putFixed(chunk, at, rsrp, 2);
      chunk[at++] = COMMA;
      at = classCells.put(chunk, at, records.signalClass(record));
      chunk[at++] = COMMA;
      const distance = records.fibreDistanceM(record);
      if (Number.isFinite(distance)) at = putFixed(chunk, at, distance, 1);
      chunk[at++] = COMMA;
      at = putBoolean(chunk, at, records.fibrePassed(record));
      chunk[at++] = COMMA;
      // the three quality cells are empty where there is no SINR; the throughput also below the no-signal floor
      const sinr = records.sinrDb(record);
      if (!Number.isNaN(sinr)) at = putFixed(chunk, at, sinr, 2);
      chunk[at++] = COMMA;
      const throughput = records.throughputMbps(record);
      if (!Number.isNaN(throughput)) at = putFixed(chunk, at, throughput, 2);
      chunk[at++] = COMMA;
      if (!Number.isNaN(sinr)) at = putNumber(chunk, at, records.serversWithin6Db(record));
      file.endRowAt(at);
    }
  }
}

/** Records filled at a time in a run in file order. */
const RECORDS_PER_BLOCK = 4096;

/** One cells.csv row: the cell and what it serves, medians to 0.01 (empty when it serves none). */
export function cellRow(cell: Cell, served: CellServed): Array<string | number> {
  const orEmpty = (value: number | null): number | string => (value === null ? '' : round(value, 2));
  const { households, medianRsrpDbm, medianSinrDb, medianThroughputMbps } = served;
  return [cell.cellId, cell.siteId, cell.operator, cell.technology, cell.bandMhz, households, orEmpty(medianRsrpDbm), orEmpty(medianSinrDb), orEmpty(medianThroughputMbps)];
}
