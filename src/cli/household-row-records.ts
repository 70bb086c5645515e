/**
 * What a households.csv row prints of its household point, one fixed-size record per row over one buffer: the
 * ward, count, best cell, RSRP, SINR, throughput (32-bit words), the class, servers within 6 dB and fibre flag
 * (bytes of the seventh word) and, when the run has fibre, the fibre distance (a float64, words 8 and 9).
 *
 * Why records: a run whose households were reordered (`inLocalityOrder`) writes its rows in file order, and each
 * row's values then lie at one random place of each of ten arrays. Read row by row from there, 4 full-scale
 * provinces took 3.6–9.0 s to write instead of 2.3–3.4 s (bench/HISTORY.md step 88). Here each point's values are
 * put in the record of its file row as the points are read in turn (`inFileOrder`): one random write of 32 or 40
 * bytes per point, then the rows read in turn. (Putting the arrays back in file order one after another measured
 * the same, but a loop shared by five element types falls to V8's generic typed-array access, ~10 times slower;
 * here each access has one type.) A run in file order fills a small block of records at a time (`fill`), so that
 * one loop writes every row.
 */
import type { HouseholdRowsInput } from './analysis-outputs.ts';

/** 32-bit words of a record: ward, count, best cell, RSRP, SINR, throughput, the three bytes, then padding. */
const WARD = 0;
const COUNT = 1;
const BEST = 2;
const RSRP = 3;
const SINR = 4;
const THROUGHPUT = 5;
/** Byte offsets of the class, servers within 6 dB and fibre flag (in word 6). */
const CLASS_BYTE = 24;
const SERVERS_BYTE = 25;
const PASSED_BYTE = 26;
/** Words of a record without and with the fibre distance, a float64 at words 8 and 9 (float64 index 4). */
const WORDS = 8;
const WORDS_WITH_FIBRE = 10;
const FIBRE_DISTANCE_DOUBLE = 4;

export class HouseholdRowRecords {
  private readonly words: Int32Array;
  private readonly unsigned: Uint32Array;
  private readonly floats: Float32Array;
  private readonly bytes: Uint8Array;
  private readonly doubles: Float64Array;
  /** 32-bit words per record. */
  private readonly stride: number;

  /** @param length records held; @param withFibre whether the run has fibre (its distance and flag are kept) */
  constructor(
    length: number,
    private readonly withFibre: boolean,
  ) {
    this.stride = withFibre ? WORDS_WITH_FIBRE : WORDS;
    const buffer = new ArrayBuffer(length * this.stride * 4);
    this.words = new Int32Array(buffer);
    this.unsigned = new Uint32Array(buffer);
    this.floats = new Float32Array(buffer);
    this.bytes = new Uint8Array(buffer);
    this.doubles = new Float64Array(buffer);
  }

  /** The records of a reordered run's points in file order: point p's at record `rowOfPosition[p]`. */
  static inFileOrder(input: HouseholdRowsInput, rowOfPosition: Uint32Array): HouseholdRowRecords {
    const records = new HouseholdRowRecords(input.households.length, input.fibreCoverage !== null);
    for (let point = 0; point < rowOfPosition.length; point++) records.put(rowOfPosition[point], input, point);
    return records;
  }

  /** Records 0 … rows − 1 from points first … first + rows − 1 (a run in file order). */
  fill(input: HouseholdRowsInput, first: number, rows: number): void {
    for (let k = 0; k < rows; k++) this.put(k, input, first + k);
  }

  private put(record: number, { households, wardOfHousehold, coverage, fibreCoverage }: HouseholdRowsInput, point: number): void {
    const at = record * this.stride;
    this.words[at + WARD] = wardOfHousehold[point];
    this.unsigned[at + COUNT] = households.count[point];
    this.words[at + BEST] = coverage.bestCell[point];
    this.floats[at + RSRP] = coverage.rsrpDbm[point];
    this.floats[at + SINR] = coverage.sinrDb[point];
    this.floats[at + THROUGHPUT] = coverage.throughputMbps[point];
    const byte = at * 4;
    this.bytes[byte + CLASS_BYTE] = coverage.signalClass[point];
    this.bytes[byte + SERVERS_BYTE] = coverage.serversWithin6Db[point];
    if (fibreCoverage !== null) {
      this.bytes[byte + PASSED_BYTE] = fibreCoverage.passed[point];
      this.doubles[at / 2 + FIBRE_DISTANCE_DOUBLE] = fibreCoverage.distanceM[point];
    }
  }

  ward(record: number): number {
    return this.words[record * this.stride + WARD];
  }

  count(record: number): number {
    return this.unsigned[record * this.stride + COUNT];
  }

  bestCell(record: number): number {
    return this.words[record * this.stride + BEST];
  }

  rsrpDbm(record: number): number {
    return this.floats[record * this.stride + RSRP];
  }

  sinrDb(record: number): number {
    return this.floats[record * this.stride + SINR];
  }

  throughputMbps(record: number): number {
    return this.floats[record * this.stride + THROUGHPUT];
  }

  signalClass(record: number): number {
    return this.bytes[record * this.stride * 4 + CLASS_BYTE];
  }

  serversWithin6Db(record: number): number {
    return this.bytes[record * this.stride * 4 + SERVERS_BYTE];
  }

  /** Whether fibre passes the point (false in a run without fibre). */
  fibrePassed(record: number): boolean {
    return this.withFibre && this.bytes[record * this.stride * 4 + PASSED_BYTE] === 1;
  }

  /** Distance to the fibre, m (Infinity in a run without fibre). */
  fibreDistanceM(record: number): number {
    return this.withFibre ? this.doubles[(record * this.stride) / 2 + FIBRE_DISTANCE_DOUBLE] : Infinity;
  }
}
