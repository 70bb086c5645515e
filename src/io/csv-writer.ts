/**
 * CSV writing field by field into a sink, in chunks: no array per row and no string of the whole file, so the
 * CLI streams 600,000 household rows to disk as it formats them. The output is papaparse's `unparse` with its
 * defaults and a header (the writer phusong used before, byte for byte; tests/io/csv-writer.test.ts compares
 * them): comma-delimited, a field quoted when it holds a quote (doubled), CR, LF, a BOM or a comma, or starts or
 * ends with a space; every row as wide as the header (papaparse wrote a row without cells, and a table without rows,
 * with a blank line, which readers skip or read as a one-field row; here they are a row of empty cells and the
 * header alone). Text cells pass through `neutraliseFormula` first
 * (spreadsheet-safe.ts); numbers and booleans are written as they print (`String(value)`).
 */
import { neutraliseFormula } from './spreadsheet-safe.ts';

export type CsvValue = string | number | boolean | null | undefined;

/** Bytes collected before the sink is called (a row may take the chunk past it). */
const CHUNK_BYTES = 1 << 16;

/** Characters that make papaparse quote a field (its BAD_DELIMITERS and the comma), besides edge spaces. */
const NEEDS_QUOTES = /[\r\n"\uFEFF,]/;

const COMMA = 44;
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
  private readonly encoder = new TextEncoder();

  /** `columns`: the header, at least one. */
  constructor(
    private readonly sink: (chunk: Uint8Array) => void,
    columns: readonly string[],
    options: CsvWriterOptions = {},
  ) {
    this.newline = options.newline ?? '\r\n';
    this.width = columns.length;
    if (options.bom) this.bytes('\uFEFF');
    this.row(columns);
  }

  /** A text cell: neutralised if it starts like a formula, quoted if needed. */
  text(value: string): this {
    return this.prepared(textCell(value));
  }

  /**
   * A text cell already made by `textCell`: a table that repeats a few values in every row (ward ids, site ids,
   * signal classes in 600,000 household rows) makes each cell once rather than testing it again in every row.
   */
  prepared(cell: PreparedCell): this {
    this.separate();
    this.bytes(cell);
    return this;
  }

  /** A number as `String(value)` prints it (NaN and ±Infinity as words, like papaparse). */
  number(value: number): this {
    this.separate();
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) this.integer(value);
    else this.bytes(String(value));
    return this;
  }

  /**
   * A number rounded to `decimals` places, printed as `String(Number(value.toFixed(decimals)))` would print it
   * (trailing zeros dropped, "-0" as "0"), without the intermediate number (`fixedNearest`).
   */
  fixed(value: number, decimals: number): this {
    this.separate();
    const nearest = fixedNearest(value, decimals);
    if (nearest === undefined) this.bytes(fixedText(value, decimals));
    else this.scaledInteger(nearest, decimals);
    return this;
  }

  boolean(value: boolean): this {
    this.separate();
    this.bytes(value ? 'true' : 'false');
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
    this.bytes(this.newline);
    this.fieldsInRow = 0;
    if (this.used >= CHUNK_BYTES) this.flush();
    return this;
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

  /** `text` as UTF-8: ASCII byte by byte, the rest by the encoder (a lone surrogate as U+FFFD, as a file write does). */
  private bytes(text: string): void {
    // at most 3 bytes per UTF-16 unit
    this.room(3 * text.length);
    const chunk = this.chunk;
    let at = this.used;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        at += this.encoder.encodeInto(text.slice(i), chunk.subarray(at)).written;
        break;
      }
      chunk[at++] = code;
    }
    this.used = at;
  }

  /** An integer of magnitude below 2^31, as `String` prints it. */
  private integer(value: number): void {
    this.room(11);
    if (value < 0) this.chunk[this.used++] = MINUS;
    this.digits(Math.abs(value), 1);
  }

  /** `nearest` / 10^decimals as `String` prints that decimal: "-12.3" for (−1230, 2), "0" for (−0, 2). */
  private scaledInteger(nearest: number, decimals: number): void {
    this.room(12 + decimals);
    if (nearest === 0) {
      this.chunk[this.used++] = ZERO;
      return;
    }
    if (nearest < 0) this.chunk[this.used++] = MINUS;
    const magnitude = Math.abs(nearest) | 0;
    const scale = POWERS_OF_TEN[decimals];
    let fraction = magnitude % scale;
    this.digits(((magnitude - fraction) / scale) | 0, 1);
    if (fraction === 0) return;
    let places = decimals;
    while (fraction % 10 === 0) {
      fraction = (fraction / 10) | 0;
      places--;
    }
    this.chunk[this.used++] = POINT;
    this.digits(fraction, places);
  }

  /** A whole number 0 ≤ value < 2^31 in decimal, left-padded with zeros to `width` digits. */
  private digits(value: number, width: number): void {
    let count = 1;
    while (count < 10 && value >= POWERS_OF_TEN[count]) count++;
    if (count < width) count = width;
    const chunk = this.chunk;
    let at = this.used + count;
    this.used = at;
    // int32 arithmetic (a double's % is a library call)
    let rest = value | 0;
    for (let k = 0; k < count; k++) {
      const tenth = (rest / 10) | 0;
      chunk[--at] = ZERO + rest - tenth * 10;
      rest = tenth;
    }
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

/** A text cell as the writer writes it (`textCell`), for `CsvWriter.prepared`. */
export type PreparedCell = string & { readonly __preparedCell: unique symbol };

/** A text cell as written: neutralised if it starts like a formula (spreadsheet-safe.ts), quoted if needed. */
export function textCell(value: string): PreparedCell {
  const text = neutraliseFormula(value) as string;
  const quoted = NEEDS_QUOTES.test(text) || text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32;
  return (quoted ? `"${text.replace(/"/g, '""')}"` : text) as PreparedCell;
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
