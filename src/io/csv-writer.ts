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

/** Characters of text (after a chunk is written, the rest) collected before the sink is called. */
const CHUNK_CHARS = 1 << 16;

/** Characters that make papaparse quote a field (its BAD_DELIMITERS and the comma), besides edge spaces. */
const NEEDS_QUOTES = /[\r\n"\uFEFF,]/;

export interface CsvWriterOptions {
  /** RFC 4180's CRLF (the default) or LF (the CLI's files for machines). */
  newline?: '\r\n' | '\n';
  /** A UTF-8 byte-order mark first, for files meant for Excel. */
  bom?: boolean;
}

/**
 * Writes a CSV to `sink` in chunks of about 64 K characters: the header at once, then rows built with `text`,
 * `number`, `fixed` and `empty` and closed by `endRow`; `end` flushes the rest. Every line ends with the newline.
 */
export class CsvWriter {
  private buffer = '';
  private fieldsInRow = 0;
  private readonly newline: string;
  private readonly width: number;

  /** `columns`: the header, at least one. */
  constructor(
    private readonly sink: (chunk: string) => void,
    columns: readonly string[],
    options: CsvWriterOptions = {},
  ) {
    this.newline = options.newline ?? '\r\n';
    this.width = columns.length;
    if (options.bom) this.buffer = '\uFEFF';
    this.row(columns);
  }

  /** A text cell: neutralised if it starts like a formula, quoted if needed. */
  text(value: string): this {
    return this.raw(textCell(value));
  }

  /**
   * A text cell already made by `textCell`: a table that repeats a few values in every row (ward ids, site ids,
   * signal classes in 600,000 household rows) makes each cell once rather than testing it again in every row.
   */
  prepared(cell: PreparedCell): this {
    return this.raw(cell);
  }

  /** A number as `String(value)` prints it (NaN and ±Infinity as words, like papaparse). */
  number(value: number): this {
    return this.raw(String(value));
  }

  /**
   * A number rounded to `decimals` places, printed as `String(Number(value.toFixed(decimals)))` would print it
   * (trailing zeros dropped, "-0" as "0"), without the intermediate number (`formatFixed`).
   */
  fixed(value: number, decimals: number): this {
    return this.raw(formatFixed(value, decimals));
  }

  boolean(value: boolean): this {
    return this.raw(value ? 'true' : 'false');
  }

  empty(): this {
    return this.raw('');
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
    this.buffer += this.newline;
    this.fieldsInRow = 0;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
    return this;
  }

  /** Writes what is buffered. */
  end(): void {
    this.flush();
  }

  private raw(field: string): this {
    this.buffer += this.fieldsInRow++ === 0 ? field : ',' + field;
    return this;
  }

  private flush(): void {
    if (this.buffer === '') return;
    this.sink(this.buffer);
    this.buffer = '';
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

/** Above this many decimals `String` may print a rounded value in exponent form (1e-7), so `formatFixed` defers to it. */
const MAX_PLAIN_DECIMALS = 6;

/** 10^d for d = 0 … MAX_PLAIN_DECIMALS, and d zeros, for the integer path of `formatFixed`. */
const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000'];

/**
 * Largest distance of value·10^d from its nearest integer for which that integer is toFixed's. Below 2^31 the product
 * is within 2^-22 of the exact one, so a distance ≤ this leaves the exact product nearer that integer than any other;
 * nearer a half, the exact decimal decides (the string path).
 */
const SURE_ROUNDING = 0.4999;

/**
 * `String(Number(value.toFixed(decimals)))` without the intermediate number: the fixed text with trailing zeros
 * (and a bare point) dropped, "-0" as "0". Most values are printed from the nearest integer of value·10^d (exact
 * integer arithmetic, ~2.5× faster than `toFixed` on a CLI's 1.8 M numbers); values whose value·10^d lies within 10^-4
 * of a half or beyond 2^31, and more than six decimals, go through `toFixed`. Its text agrees with the reference
 * whenever it has at most 15 significant digits (a decimal that short is the shortest one naming its double, which
 * is what `String` prints) and `String` would not use an exponent; longer texts and exponent forms (|value| ≥ 10^21,
 * NaN and ±Infinity print as words) go the long way.
 *
 * @example formatFixed(-95.1049, 2) // "-95.1"
 * @example formatFixed(-0.001, 2) // "0"
 */
export function formatFixed(value: number, decimals: number): string {
  if (decimals <= MAX_PLAIN_DECIMALS && decimals >= 0) {
    const scale = POWERS_OF_TEN[decimals];
    const scaled = value * scale;
    // false for NaN, ±Infinity and magnitudes ≥ 2^31
    if (Math.abs(scaled) < 2 ** 31) {
      const nearest = Math.round(scaled);
      if (Math.abs(scaled - nearest) <= SURE_ROUNDING) return integerAsFixed(nearest, decimals);
    }
  }
  return formatFixedText(value, decimals);
}

/** `nearest` / 10^decimals printed as `String` prints that decimal: "-12.3" for (−1230, 2), "0" for (−0, 2). */
function integerAsFixed(nearest: number, decimals: number): string {
  if (nearest === 0) return '0';
  const magnitude = Math.abs(nearest);
  let fraction = magnitude % POWERS_OF_TEN[decimals];
  const text = (nearest < 0 ? '-' : '') + (magnitude - fraction) / POWERS_OF_TEN[decimals];
  if (fraction === 0) return text;
  let digits = decimals;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits--;
  }
  const fractionText = String(fraction);
  return text + '.' + ZEROS[digits - fractionText.length] + fractionText;
}

/** `formatFixed` from `toFixed`'s text. */
function formatFixedText(value: number, decimals: number): string {
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
  const chunks: string[] = [];
  const writer = new CsvWriter((chunk) => chunks.push(chunk), columns, options);
  for (const row of rows) writer.row(row);
  writer.end();
  return chunks.join('');
}
