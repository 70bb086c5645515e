/**
 * The streaming CSV writer against papaparse's `unparse` (an independent RFC 4180 writer, the one phusong used
 * before, with `neutraliseFormula` applied to every cell first): the same bytes for hand-picked edge cases and
 * for seeded random tables, whatever the chunking; `CsvWriter.fixed` against `String(Number(x.toFixed(d)))`.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { COMMA, csvText, CsvWriter, EncodedCells, maxTextCellBytes, putTextCellIn, type CsvValue } from '../../src/io/csv-writer.ts';
import { isFormulaStartCode, neutraliseFormula } from '../../src/io/spreadsheet-safe.ts';
import { mulberry32 } from '../../scripts/generate/random.ts';

/** The writer phusong used before csv-writer.ts (export-table.ts's `toCsv` up to 1e912d4). */
function papaCsv(columns: string[], rows: CsvValue[][], newline: '\r\n' | '\n', bom: boolean): string {
  const body = Papa.unparse(
    { fields: columns, data: rows.map((row) => row.map((value) => neutraliseFormula(value ?? ''))) },
    { newline, escapeFormulae: false },
  );
  return (bom ? '\uFEFF' : '') + body + newline;
}

/** Text pieces that exercise quoting, formula neutralisation and Vietnamese letters. */
const PIECES = ['', ' ', 'a', 'Phường', 'Lê Chân', ',', '"', '""', '\n', '\r', '\r\n', '\t', '=', '+', '-', '@', '\uFEFF', "'", '1', '-12', 'x y', ';'];

function randomValue(random: () => number): CsvValue {
  const kind = Math.floor(random() * 9);
  if (kind === 0) return null;
  // whole numbers of every size, past 2^31 too
  if (kind === 8) return Math.round((random() - 0.5) * 10 ** Math.floor(random() * 13));
  if (kind === 1) return random() < 0.5;
  if (kind === 2) return Math.round((random() - 0.7) * 2e5) / 100;
  if (kind === 3) return [0, -0, NaN, Infinity, -Infinity, 1e-7, 1e21, -5e-324, Number.MAX_VALUE][Math.floor(random() * 9)];
  const length = Math.floor(random() * 4);
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

describe('CsvWriter', () => {
  it('writes the same bytes as papaparse for the edge cases', () => {
    const columns = ['id', 'name', 'value'];
    const rows: CsvValue[][] = [
      [' leading', 'trailing ', -0],
      ['=1+1', '@SUM(A1)', -95.25],
      ['say "hi"', 'a,b', true],
      ['line\nbreak', 'cr\rhere', false],
      ['\uFEFFbom', '-12', NaN],
      [null, undefined, Infinity],
      ['short row'],
      ['extra', 'cells', 1, 'dropped', 2],
    ];
    for (const newline of ['\r\n', '\n'] as const) {
      for (const bom of [false, true]) {
        expect(csvText(columns, rows, { newline, bom })).toBe(papaCsv(columns, rows, newline, bom));
      }
    }
  });

  it('writes a row without cells as empty cells and no rows as the header alone, where papaparse wrote a blank line', () => {
    expect(csvText(['a', 'b'], [[]], { newline: '\n' })).toBe('a,b\n,\n');
    expect(papaCsv(['a', 'b'], [[]], '\n', false)).toBe('a,b\n\n');
    expect(csvText(['a', 'b'], [], { newline: '\n' })).toBe('a,b\n');
    expect(papaCsv(['a', 'b'], [], '\n', false)).toBe('a,b\n\n');
  });

  it('writes the same bytes as papaparse for seeded random tables, in chunks that join to the whole', () => {
    const random = mulberry32(14);
    for (let table = 0; table < 40; table++) {
      const width = 1 + Math.floor(random() * 6);
      const columns = Array.from({ length: width }, (_, i) => `col_${i}`);
      const rows = Array.from({ length: Math.floor(random() * 3000) }, () => Array.from({ length: width }, () => randomValue(random)));
      // UTF-8 chunks, decoded as they come (a character's bytes may straddle two chunks)
      const decoder = new TextDecoder();
      const chunks: string[] = [];
      const sizes: number[] = [];
      const writer = new CsvWriter((chunk) => {
        sizes.push(chunk.length);
        chunks.push(decoder.decode(chunk, { stream: true }));
      }, columns, { newline: '\n' });
      for (const row of rows) writer.row(row);
      writer.end();
      const expected = papaCsv(columns, rows, '\n', false);
      expect(chunks.join('')).toBe(expected);
      // large tables arrive in several bounded chunks, not one string
      if (expected.length > 3 * 65536) expect(sizes.length).toBeGreaterThan(2);
      for (const size of sizes) expect(size).toBeLessThan(65536 + 4096);
    }
  });

  it('writes cells field by field as the row method does', () => {
    const chunks: string[] = [];
    const writer = new CsvWriter((chunk) => chunks.push(new TextDecoder().decode(chunk)), ['a', 'b', 'c', 'd', 'e'], { newline: '\n' });
    writer.text('=x').number(-95.5).fixed(-95.104, 2).empty().boolean(true).endRow();
    writer.end();
    expect(chunks.join('')).toBe(papaCsv(['a', 'b', 'c', 'd', 'e'], [['=x', -95.5, -95.1, null, true]], '\n', false));
  });
});

describe('a row encoded by its caller (CsvWriter.rowSpace)', () => {
  /** Seeded texts of PIECES, every kind of cell: plain, quoted, marked as text, Vietnamese, empty. */
  function seededTexts(seed: number, count: number): string[] {
    const random = mulberry32(seed);
    return Array.from({ length: count }, () => {
      let text = '';
      for (let i = Math.floor(random() * 4); i > 0; i--) text += PIECES[Math.floor(random() * PIECES.length)];
      return random() < 0.5 ? `HP-${Math.floor(random() * 1e6)}${text}` : text;
    });
  }

  /** The CSV the writer's own `text` makes of one column of `texts`. */
  function textColumn(texts: readonly string[]): string {
    return csvText(['id', 'ward'], texts.map((text) => [text, text]), { newline: '\n' });
  }

  it('writes cells read where they lie in a joined text (putTextCellIn) and encoded once (EncodedCells) as `text` writes them', () => {
    const texts = seededTexts(102, 5_000);
    const joined = texts.join('');
    const cells = new EncodedCells(texts);
    const decoder = new TextDecoder();
    let written = '';
    const writer = new CsvWriter((chunk) => (written += decoder.decode(chunk, { stream: true })), ['id', 'ward'], { newline: '\n' });
    let start = 0;
    texts.forEach((text, k) => {
      const end = start + text.length;
      const chunk = writer.rowSpace(maxTextCellBytes(text.length) + 1 + cells.maxBytes);
      let at = putTextCellIn(chunk, writer.position, joined, start, end);
      chunk[at++] = COMMA;
      writer.endRowAt(cells.put(chunk, at, k));
      start = end;
    });
    writer.end();
    // most texts are plain ids copied where they lie, the rest go the writer's usual way: both kinds are here
    expect(texts.filter((text) => /^HP-\d+$/.test(text)).length).toBeGreaterThan(500);
    expect(texts.filter((text) => textColumn([text]) !== `id,ward\n${text},${text}\n`).length).toBeGreaterThan(1_000);
    expect(written).toBe(textColumn(texts));
  });

  it('reserves room enough for the longest cells: thousands of quotes, Vietnamese letters and lone surrogates', () => {
    const random = mulberry32(1020);
    const units = ['"', 'ư', '\uD800', '=', 'a'];
    const texts = Array.from({ length: 300 }, () => {
      const length = 200 + Math.floor(random() * 3000);
      let text = units[Math.floor(random() * 4)];
      while (text.length < length) text += units[Math.floor(random() * units.length)];
      return text;
    });
    const decoder = new TextDecoder();
    let written = '';
    const writer = new CsvWriter((chunk) => (written += decoder.decode(chunk, { stream: true })), ['id'], { newline: '\n' });
    const joined = texts.join('');
    let start = 0;
    for (const text of texts) {
      const chunk = writer.rowSpace(maxTextCellBytes(text.length));
      writer.endRowAt(putTextCellIn(chunk, writer.position, joined, start, (start += text.length)));
    }
    writer.end();
    expect(written).toBe(csvText(['id'], texts.map((text) => [text]), { newline: '\n' }));
  });

  it('tells the first character of a formula as OWASP lists them, for every UTF-16 code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (isFormulaStartCode(code) !== '=+-@\t\r'.includes(String.fromCharCode(code))) differing.push(code);
    expect(differing).toEqual([]);
  });
});

describe('CsvWriter.fixed', () => {
  it('writes each rounded number as String(Number(value.toFixed(decimals))) prints it', () => {
    const random = mulberry32(85);
    const values = Array.from({ length: 20_000 }, () => (random() - 0.5) * 10 ** Math.floor(random() * 14 - 4));
    values.push(-95.105, -0.001, 0.004, -0, 1e-7, 2 ** 31 / 100, -(2 ** 31) / 100, NaN, Infinity, 1e21);
    const decoder = new TextDecoder();
    let written = '';
    const writer = new CsvWriter((chunk) => (written += decoder.decode(chunk, { stream: true })), ['value'], { newline: '\n' });
    const decimalsOf = (k: number) => k % 8;
    values.forEach((value, k) => writer.fixed(value, decimalsOf(k)).endRow());
    writer.end();
    const expected = values.map((value, k) => String(Number(value.toFixed(decimalsOf(k)))));
    expect(written).toBe(['value', ...expected, ''].join('\n'));
  });

  it('writes whole numbers at the edge of 32 bits', () => {
    const values = [2 ** 31 - 1.6, 2 ** 31 - 1.4, 2 ** 31 - 0.6, 2 ** 31 - 0.4, 2 ** 31, -(2 ** 31) + 0.4, -(2 ** 31) - 0.6];
    let written = '';
    const writer = new CsvWriter((chunk) => (written += new TextDecoder().decode(chunk)), ['value', 'rounded'], { newline: '\n' });
    for (const value of values) writer.fixed(value, 0).number(Math.round(value)).endRow();
    writer.end();
    expect(written).toBe(['value,rounded', ...values.map((value) => `${String(Number(value.toFixed(0)))},${String(Math.round(value))}`), ''].join('\n'));
  });
});

/** The cells `CsvWriter.fixed` writes for each [value, decimals], a row each. */
function fixedCells(pairs: ReadonlyArray<readonly [number, number]>): string[] {
  const decoder = new TextDecoder();
  let written = '';
  const writer = new CsvWriter((chunk) => (written += decoder.decode(chunk, { stream: true })), ['value'], { newline: '\n' });
  for (const [value, decimals] of pairs) writer.fixed(value, decimals).endRow();
  writer.end();
  return written.split('\n').slice(1, -1);
}

describe('CsvWriter.fixed against String(Number(value.toFixed(decimals)))', () => {
  const reference = (value: number, decimals: number): string => String(Number(value.toFixed(decimals)));
  /** The pairs whose cell differs from the reference, as "value decimals". */
  const differingOf = (pairs: Array<[number, number]>): string[] => {
    const cells = fixedCells(pairs);
    return pairs.filter(([value, decimals], k) => cells[k] !== reference(value, decimals)).map(([value, decimals]) => `${value} ${decimals}`);
  };

  it('prints a rounded number as String(Number(value.toFixed(decimals))) does', () => {
    const cases = [-95.1049, -95.105, -0.001, 0.004, -0, 0, 12.3, 100, 1e-7, 1e20, 1e21, 1.5e30, -1e25, NaN, Infinity, -Infinity, 123456789012.34, 0.1 + 0.2];
    const pairs = cases.flatMap((value) => [0, 1, 2, 3, 6, 7, 10].map((decimals) => [value, decimals] as [number, number]));
    const cells = fixedCells(pairs);
    pairs.forEach(([value, decimals], k) => expect(cells[k], `${value} ${decimals}`).toBe(reference(value, decimals)));
  });

  it('agrees with the reference on seeded random values of every magnitude', () => {
    const random = mulberry32(1414);
    const pairs = Array.from({ length: 50_000 }, (): [number, number] => [(random() - 0.5) * 10 ** Math.floor(random() * 30 - 8), Math.floor(random() * 9)]);
    expect(fixedCells(pairs)).toEqual(pairs.map(([value, decimals]) => reference(value, decimals)));
  });

  it('agrees with the reference where rounding is closest: halves, their neighbours and the edge of the integer path', () => {
    const random = mulberry32(2207);
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const decimals = 1 + Math.floor(random() * 6);
      const unit = 10 ** -decimals;
      // a decimal ending in 5 one place below the last kept: its double lies just above or below the half
      const half = (Math.round((random() - 0.5) * 2e6) + 0.5) * unit;
      values.push(half, half + unit * 1e-5, half - unit * 1e-5, half * (1 + 2 ** -52), half * (1 - 2 ** -52));
      // near 2^31 once scaled, either side of where the integer path stops
      values.push((2 ** 31 + (random() - 0.5) * 4) * unit, -(2 ** 31 - random() * 2) * unit);
    }
    expect(differingOf(values.flatMap((value) => [1, 2, 3, 4, 5, 6].map((d): [number, number] => [value, d])))).toEqual([]);
  });

  it('prints the typical columns (RSRP, SINR, throughput, distances) as the reference on 200,000 seeded values', () => {
    const random = mulberry32(36);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 200_000; i++) {
      const value = [-140 + random() * 100, -10 + random() * 40, random() * 600, random() * 20_000][i % 4];
      for (const decimals of [1, 2]) pairs.push([value, decimals]);
    }
    expect(differingOf(pairs)).toEqual([]);
  });
});
