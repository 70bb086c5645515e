/**
 * CSV writing field by field into a sink, in chunks: no array per row and no string of the whole file, so the
 * CLI streams 600,000 household rows to disk as it formats them. The output is papaparse's `unparse` with its
 * defaults and a header (the writer phusong used before, byte for byte; tests/io/csv-writer.test.ts compares
 * them): comma-delimited, a field quoted when it holds a quote (doubled), CR, LF, a BOM or a comma, or starts or
 * ends with a space; every row as wide as the header (papaparse wrote a row without cells, and a table without rows,
 * with a blank line, which readers skip or read as a one-field row; here they are a row of empty cells and the
 * header alone). Text cells pass through `neutraliseFormula` first
 * (spreadsheet-safe.ts); numbers and booleans are written as they print (`String(value)`).
 *
 * The cells are encoded by the `put…` functions, each writing at a position of a byte array and returning the
 * position after. A table of millions of rows of known columns (households.csv) calls them itself, a row at a time
 * (`CsvWriter.rowSpace`): a method call per cell, each loading and storing the writer's state, made its rows ~15 %
 * slower (bench/HISTORY.md step 102).
 */
import { isFormulaStartCode, neutraliseFormula } from './spreadsheet-safe.ts';

export type CsvValue = string | number | boolean | null | undefined;

/** Bytes collected before the sink is called (a row may take the chunk past it). */
const CHUNK_BYTES = 1 << 16;

/** Characters that make papaparse quote a field (its BAD_DELIMITERS and the comma), besides edge spaces. */
const NEEDS_QUOTES = /[\r\n"\uFEFF,]/;

const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
export const COMMA = 44;
const MINUS = 45;
const POINT = 46;
const ZERO = 48;

export interface CsvWriterOptions {
  /** RFC 4180's CRLF (the default) or LF (the CLI's files for machines). */
  newline?: '\r\n' | '\n';
  /** A UTF-8 byte-order mark first, for files meant for Excel. */
  bom?: boolean;
}

/**
 * Writes a CSV to `sink` as UTF-8 in chunks of about 64 KB: the header at once, then rows built with `text`,
 * `number`, `fixed` and `empty` and closed by `endRow`; `end` flushes the rest. Every line ends with the newline.
 * The cells are encoded straight into the chunk, numbers digit by digit: no string per cell or row (a country's
 * 27 M household rows). A chunk given to the sink is reused afterwards: the sink writes or copies it at once.
 */
export class CsvWriter {
  private chunk = new Uint8Array(CHUNK_BYTES + 1024);
  private used = 0;
  private fieldsInRow = 0;
  private readonly newline: string;
  private readonly width: number;

  /** `columns`: the header, at least one. */
  constructor(
    private readonly sink: (chunk: Uint8Array) => void,
    columns: readonly string[],
    options: CsvWriterOptions = {},
  ) {
    this.newline = options.newline ?? '\r\n';
    this.width = columns.length;
    if (options.bom) {
      this.room(3);
      this.used = putText(this.chunk, this.used, '\uFEFF');
    }
    this.row(columns);
  }

  /** A text cell: neutralised if it starts like a formula, quoted if needed. */
  text(value: string): this {
    const cell = textCell(value);
    this.separate();
    this.room(3 * cell.length);
    this.used = putText(this.chunk, this.used, cell);
    return this;
  }

  /** A number as `String(value)` prints it (NaN and ±Infinity as words, like papaparse). */
  number(value: number): this {
    this.separate();
    this.room(MAX_NUMBER_BYTES);
    this.used = putNumber(this.chunk, this.used, value);
    return this;
  }

  /**
   * A number rounded to `decimals` places, printed as `String(Number(value.toFixed(decimals)))` would print it
   * (trailing zeros dropped, "-0" as "0"), without the intermediate number (`putFixed`).
   */
  fixed(value: number, decimals: number): this {
    this.separate();
    this.room(MAX_NUMBER_BYTES + decimals);
    this.used = putFixed(this.chunk, this.used, value, decimals);
    return this;
  }

  boolean(value: boolean): this {
    this.separate();
    this.room(5);
    this.used = putBoolean(this.chunk, this.used, value);
    return this;
  }

  empty(): this {
    this.separate();
    return this;
  }

  /** Any cell: text, number or boolean as above; null and undefined as an empty cell. */
  value(value: CsvValue): this {
    if (value === null || value === undefined) return this.empty();
    if (typeof value === 'number') return this.number(value);
    if (typeof value === 'boolean') return this.boolean(value);
    return this.text(value);
  }

  /** A whole row of cells (see `value`), ended: as wide as the header (missing cells empty, extra ones left out). */
  row(values: readonly CsvValue[]): this {
    for (let i = 0; i < this.width; i++) this.value(values[i]);
    return this.endRow();
  }

  endRow(): this {
    this.room(this.newline.length);
    this.used = putText(this.chunk, this.used, this.newline);
    this.fieldsInRow = 0;
    if (this.used >= CHUNK_BYTES) this.flush();
    return this;
  }

  /**
   * Room for a row of at most `maxBytes` (its newline not counted) that the caller encodes itself with the `put…`
   * functions and their commas: returns the array to write it into, from `position` on; `endRowAt` ends it. The
   * array is only valid until the next call of the writer.
   */
  rowSpace(maxBytes: number): Uint8Array {
    this.room(maxBytes + this.newline.length);
    return this.chunk;
  }

  /** Where a row begun with `rowSpace` starts. */
  get position(): number {
    return this.used;
  }

  /** Ends the row encoded into `rowSpace`'s array up to `end`. */
  endRowAt(end: number): void {
    this.used = end;
    this.endRow();
  }

  /** Writes what is buffered. */
  end(): void {
    this.flush();
  }

  /** The comma before every cell of a row but its first. */
  private separate(): void {
    if (this.fieldsInRow++ === 0) return;
    this.room(1);
    this.chunk[this.used++] = COMMA;
  }

  /** Makes room for `bytes` more: the chunk is written first when they would not fit, grown when they never would. */
  private room(bytes: number): void {
    if (this.used + bytes <= this.chunk.length) return;
    this.flush();
    if (bytes > this.chunk.length) this.chunk = new Uint8Array(bytes);
  }

  private flush(): void {
    if (this.used === 0) return;
    this.sink(this.chunk.subarray(0, this.used));
    this.used = 0;
  }
}

/** Most bytes `putNumber` and `putFixed` (plus its decimals) write: `String` of a double is at most 24 characters. */
export const MAX_NUMBER_BYTES = 25;

/**
 * Writes `text` as UTF-8 at `at` (room for 3 bytes per UTF-16 unit): ASCII byte by byte, the rest by the encoder (a
 * lone surrogate as U+FFFD, as a file write does). Returns the position after.
 */
function putText(chunk: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return at + ENCODER.encodeInto(text.slice(i), chunk.subarray(at)).written;
    chunk[at++] = code;
  }
  return at;
}

/**
 * The text cell written in `source` from `start` to `end`, as `CsvWriter.text(source.slice(start, end))` writes it
 * (room for `maxTextCellBytes` of its length): copied from where it lies when it is plain ASCII that needs no
 * quotes and no formula mark (a household id in the ids' joined text), without a string of its own.
 */
export function putTextCellIn(chunk: Uint8Array, at: number, source: string, start: number, end: number): number {
  const first = source.charCodeAt(start);
  if (start < end && first !== SPACE && !isFormulaStartCode(first) && source.charCodeAt(end - 1) !== SPACE) {
    let to = at;
    let i = start;
    for (; i < end; i++) {
      const code = source.charCodeAt(i);
      if (code >= 0x80 || code === COMMA || code === QUOTE || code === LF || code === CR) break;
      chunk[to++] = code;
    }
    if (i === end) return to;
  }
  return putText(chunk, at, textCell(source.slice(start, end)));
}

/**
 * Room `putTextCellIn` needs for a text of `length` UTF-16 units: at most 3 bytes a unit (a unit's UTF-8, or a quote
 * doubled), the formula mark and the two quotes.
 */
export function maxTextCellBytes(length: number): number {
  return 3 * length + 3;
}

/** The bytes `from` … `to` − 1 of `bytes` at `at` (an `EncodedCells`' cell). */
function putBytes(chunk: Uint8Array, at: number, bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) chunk[at++] = bytes[i];
  return at;
}

/** "true" or "false". */
export function putBoolean(chunk: Uint8Array, at: number, value: boolean): number {
  return putText(chunk, at, value ? 'true' : 'false');
}

/** A number as `String(value)` prints it (room for MAX_NUMBER_BYTES). */
export function putNumber(chunk: Uint8Array, at: number, value: number): number {
  if (!(Number.isInteger(value) && Math.abs(value) < 2 ** 31)) return putText(chunk, at, String(value));
  if (value < 0) chunk[at++] = MINUS;
  return putDigits(chunk, at, Math.abs(value), 1);
}

/**
 * `value` rounded to `decimals` places as `String(Number(value.toFixed(decimals)))` prints it (room for
 * MAX_NUMBER_BYTES + decimals): from the nearest integer of value·10^d where it is sure (`fixedNearest`), else from
 * `toFixed`'s text.
 */
export function putFixed(chunk: Uint8Array, at: number, value: number, decimals: number): number {
  const nearest = fixedNearest(value, decimals);
  return nearest === undefined ? putText(chunk, at, fixedText(value, decimals)) : putScaledInteger(chunk, at, nearest, decimals);
}

/** `nearest` / 10^decimals as `String` prints that decimal: "-12.3" for (−1230, 2), "0" for (−0, 2). */
function putScaledInteger(chunk: Uint8Array, at: number, nearest: number, decimals: number): number {
  if (nearest === 0) {
    chunk[at] = ZERO;
    return at + 1;
  }
  if (nearest < 0) chunk[at++] = MINUS;
  const magnitude = Math.abs(nearest) | 0;
  const scale = POWERS_OF_TEN[decimals];
  let fraction = magnitude % scale;
  at = putDigits(chunk, at, ((magnitude - fraction) / scale) | 0, 1);
  if (fraction === 0) return at;
  let places = decimals;
  while (fraction % 10 === 0) {
    fraction = (fraction / 10) | 0;
    places--;
  }
  chunk[at++] = POINT;
  return putDigits(chunk, at, fraction, places);
}

/** A whole number 0 ≤ value < 2^31 in decimal, left-padded with zeros to `width` digits. */
function putDigits(chunk: Uint8Array, at: number, value: number, width: number): number {
  // the usual magnitudes (RSRP, SINR, counts) compared at once
  let count = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
  while (count < 10 && value >= POWERS_OF_TEN[count]) count++;
  if (count < width) count = width;
  const end = at + count;
  // int32 arithmetic (a double's % is a library call)
  let rest = value | 0;
  for (let to = end - 1; to >= at; to--) {
    const tenth = (rest / 10) | 0;
    chunk[to] = ZERO + rest - tenth * 10;
    rest = tenth;
  }
  return end;
}

/**
 * Text cells encoded once, as `CsvWriter.text` writes them, in one byte array (`put` copies cell k): a table that
 * repeats a few values in every row (ward ids, site ids, signal classes in 600,000 household rows) tests and encodes
 * each once, not in every row.
 */
export class EncodedCells {
  private readonly bytes: Uint8Array;
  private readonly ends: Uint32Array;
  /** The longest cell, bytes. */
  readonly maxBytes: number;

  constructor(values: readonly string[]) {
    const encoded = values.map((value) => ENCODER.encode(textCell(value)));
    this.ends = new Uint32Array(values.length);
    let end = 0;
    encoded.forEach((cell, k) => (this.ends[k] = end += cell.length));
    this.bytes = new Uint8Array(end);
    encoded.forEach((cell, k) => this.bytes.set(cell, this.ends[k] - cell.length));
    this.maxBytes = encoded.reduce((most, cell) => Math.max(most, cell.length), 0);
  }

  /** Writes cell `k` at `at`; returns the position after. */
  put(chunk: Uint8Array, at: number, k: number): number {
    return putBytes(chunk, at, this.bytes, k === 0 ? 0 : this.ends[k - 1], this.ends[k]);
  }
}

const ENCODER = new TextEncoder();

/** A text cell as written: neutralised if it starts like a formula (spreadsheet-safe.ts), quoted if needed. */
function textCell(value: string): string {
  const text = neutraliseFormula(value) as string;
  const quoted = NEEDS_QUOTES.test(text) || text.charCodeAt(0) === SPACE || text.charCodeAt(text.length - 1) === SPACE;
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Above this many decimals `String` may print a rounded value in exponent form (1e-7), so `fixed` defers to it. */
const MAX_PLAIN_DECIMALS = 6;

/**
 * 10^k for k = 0 … 9: the scales of `fixed`'s integer path (k ≤ MAX_PLAIN_DECIMALS), and the powers the digits of a
 * magnitude below 2^31 are counted against.
 */
const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/**
 * Largest distance of value·10^d from its nearest integer for which that integer is toFixed's. Below 2^31 the product
 * is within 2^-22 of the exact one, so a distance ≤ this leaves the exact product nearer that integer than any other;
 * nearer a half, the exact decimal decides (the string path).
 */
const SURE_ROUNDING = 0.4999;

/**
 * How `CsvWriter.fixed` prints `String(Number(value.toFixed(decimals)))` without the intermediate number: the fixed
 * text with trailing zeros (and a bare point) dropped, "-0" as "0" (−95.1049 to 2 places: "-95.1"; −0.001: "0").
 * Most values are printed from the nearest integer of value·10^d, which this returns (exact integer arithmetic, ~2.5×
 * faster than `toFixed` on a CLI's 1.8 M numbers); values whose value·10^d lies within 10^-4 of a half or beyond
 * 2^31 − 1 (the integer then stays an int32), and more than six decimals, get undefined and go through `toFixed`
 * (`fixedText`).
 */
function fixedNearest(value: number, decimals: number): number | undefined {
  if (decimals > MAX_PLAIN_DECIMALS || decimals < 0) return undefined;
  const scaled = value * POWERS_OF_TEN[decimals];
  // false for NaN, ±Infinity and magnitudes ≥ 2^31 − 1
  if (!(Math.abs(scaled) < 2 ** 31 - 1)) return undefined;
  const nearest = Math.round(scaled);
  return Math.abs(scaled - nearest) <= SURE_ROUNDING ? nearest : undefined;
}

/**
 * `fixed`'s text from `toFixed`'s. It agrees with `String(Number(text))` whenever the text has at most 15 significant
 * digits (a decimal that short is the shortest one naming its double, which is what `String` prints) and `String`
 * would not use an exponent; longer texts and exponent forms (|value| ≥ 10^21, NaN and ±Infinity print as words) go
 * the long way.
 */
function fixedText(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  if (text.length > 15 || decimals > MAX_PLAIN_DECIMALS || !(Math.abs(value) < 1e21)) return String(Number(text));
  let end = text.length;
  if (decimals > 0) {
    while (text.charCodeAt(end - 1) === 48) end--;
    if (text.charCodeAt(end - 1) === 46) end--;
  }
  const trimmed = end === text.length ? text : text.slice(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}

/** The whole CSV as one string (small tables: the app's exports); the same bytes as streaming it. */
export function csvText(columns: readonly string[], rows: readonly (readonly CsvValue[])[], options: CsvWriterOptions = {}): string {
  // the BOM is kept as a character of the text, as written
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const chunks: string[] = [];
  const writer = new CsvWriter((chunk) => chunks.push(decoder.decode(chunk, { stream: true })), columns, options);
  for (const row of rows) writer.row(row);
  writer.end();
  chunks.push(decoder.decode());
  return chunks.join('');
}
