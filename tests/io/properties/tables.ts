/**
 * Generated layer tables and their CSV files. A table spec lists the columns (each with an arbitrary of cell
 * texts, mostly valid, sometimes junk) and says under which id a kept row is found; `csvFile` writes a table as
 * a CSV the way spreadsheets and scripts do (any of the three delimiters, LF/CRLF/CR, a BOM or not, blank lines,
 * quoted cells with line breaks) and computes each row's spreadsheet number from the records it writes.
 */
import fc from 'fast-check';
import type { GeneratedEntry, GeneratedFile } from './harness.ts';

export interface ColumnSpec {
  name: string;
  /** Cell texts as written in the file (untrimmed). */
  cell: fc.Arbitrary<string>;
}

export interface TableSpec {
  columns: ColumnSpec[];
  /** The id a kept row is found under, from its cells (by column name) and its place. */
  keptId: (cells: Readonly<Record<string, string>>, place: number) => string;
}

export interface TableRow {
  cells: Record<string, string>;
}

/** Texts that break naive parsers: quotes, delimiters, line breaks, formulae, markup, bidi and zero-width marks. */
export const NASTY_TEXTS = [
  '', ' ', '"', '""', '","', ',', ';', '\t', '\n', '\r\n', '\r', 'a"b', '"quoted"', '=1+2', '@SUM(A1)', '-', '+',
  'NaN', 'Infinity', '-Infinity', '0x1F', '1e400', '-0', '1,5', '١٢٣', 'Phường Lê Lợi', 'ĐƯỜNG', '<img src=x onerror=alert(1)>',
  '\u202Eevil\u202C', 'zero\u200Bwidth', '\uFEFF', 'x'.repeat(300),
];

/**
 * Junk cell text: one of the nasty texts or any short Unicode string. Never NUL: a NUL makes the whole CSV
 * binary by design (an .xlsx saved under a .csv name), a case of its own in read-csv.test.ts.
 */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_TEXTS),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }).map((text) => text.replace(/\u0000/g, '')),
);

/** Mostly `valid`, sometimes junk (1 in `odds + 1`): rows are often kept, often rejected. */
export function mostly(valid: fc.Arbitrary<string>, odds = 15): fc.Arbitrary<string> {
  return fc.oneof({ weight: odds, arbitrary: valid }, { weight: 1, arbitrary: junkText });
}

/** A decimal as a CSV writer prints it, with up to `digits` decimals, optionally padded with blanks. */
export function decimalText(min: number, max: number, digits = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: digits }), fc.constantFrom('', ' '))
    .map(([value, decimals, pad]) => `${pad}${value.toFixed(decimals)}${pad}`);
}

/** An id from a small pool (so that repeats happen) or a fresh text; never blank once trimmed. */
export function idText(prefix: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(`${prefix}1`, `${prefix}2`) },
    { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }).map((text) => `${prefix}${text}`) },
  );
}

/** Rows of a table spec, 0–`maxRows` of them. */
export function tableRows(spec: TableSpec, maxRows = 12): fc.Arbitrary<TableRow[]> {
  const row = fc.tuple(...spec.columns.map((column) => column.cell)).map((texts) => ({
    cells: Object.fromEntries(spec.columns.map((column, i) => [column.name, texts[i]])),
  }));
  return fc.array(row, { maxLength: maxRows });
}

interface CsvLayout {
  delimiter: ',' | ';' | '\t';
  newline: '\n' | '\r\n' | '\r';
  bom: boolean;
  /** Blank records before the header (they shift every row number). */
  leadingBlanks: number;
  /** Quote every cell, not only those that need it. */
  quoteAll: boolean;
  /** Column order: a permutation of the spec's columns. */
  order: number[];
  /** Blank records after each data row (by row index, cycled). */
  blanksAfter: number[];
  finalNewline: boolean;
}

function csvLayout(columnCount: number): fc.Arbitrary<CsvLayout> {
  const indices = Array.from({ length: columnCount }, (_, i) => i);
  return fc.record({
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
    newline: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
    bom: fc.boolean(),
    leadingBlanks: fc.nat({ max: 2 }),
    quoteAll: fc.boolean(),
    order: fc.shuffledSubarray(indices, { minLength: columnCount, maxLength: columnCount }),
    blanksAfter: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 4 }),
    finalNewline: fc.boolean(),
  });
}

/** RFC 4180 field: quoted when it holds the delimiter, a quote or a line break (or always), quotes doubled. */
function field(text: string, delimiter: string, quoteAll: boolean): string {
  const needs = quoteAll || text.includes(delimiter) || /["\r\n]/.test(text);
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV file of the spec's table. Entries hold each data row's spreadsheet number: records are counted from 1,
 * blank ones included; a row whose cells are all blank is a blank record, not a data row.
 */
export function csvFile(spec: TableSpec, name: string, maxRows = 12): fc.Arbitrary<GeneratedFile> {
  return fc.tuple(tableRows(spec, maxRows), csvLayout(spec.columns.length)).map(([rows, layout]) => {
    const columns = layout.order.map((i) => spec.columns[i].name);
    const records: string[] = [];
    const entries: GeneratedEntry[] = [];
    for (let i = 0; i < layout.leadingBlanks; i++) records.push('');
    records.push(columns.join(layout.delimiter));
    rows.forEach((row, i) => {
      const texts = columns.map((column) => row.cells[column]);
      records.push(texts.map((text) => field(text, layout.delimiter, layout.quoteAll)).join(layout.delimiter));
      const place = records.length;
      // a record of blank cells is a blank line to a spreadsheet and to the parser alike
      if (texts.some((text) => text.trim() !== '')) entries.push({ place, id: spec.keptId(row.cells, place) });
      for (let b = 0; b < layout.blanksAfter[i % layout.blanksAfter.length]; b++) records.push('');
    });
    const text = (layout.bom ? '\uFEFF' : '') + records.join(layout.newline) + (layout.finalNewline ? layout.newline : '');
    return { name, content: text, entries };
  });
}
