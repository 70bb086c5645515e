/**
 * A CSV text without quotes is read line by line (read-csv.ts `readQuoteFree`, and the households' line visitor, which
 * reads a valid row's cells where they lie); one with quotes, by papaparse. Both must read the same rows the same way.
 * Quoting the header's first cell sends a text to papaparse without changing its rows: each generated text is read
 * both ways and the results compared, rejections and their row numbers included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idsArray } from '../../src/core/household-ids.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { IssueLog } from '../../src/io/issue-log.ts';
import { readCsv } from '../../src/io/read-csv.ts';

/** Cells worth telling apart: plain and signed numbers, spaced, comma decimals, exponents, DMS, out of range, ids with spaces. */
const NUMBER_CELLS = ['106.6881', '20.8449', '+106.7', '-0.5', '106.', '.5', ' 106.69', '20.85 ', '106,69', '1e2', '0x10', '', '  ', '190', '20°51′30″N', '106°41′E', 'abc', '1234567890123456'];
const COUNT_CELLS = ['1', '40', '', ' ', '0', '1.0', '2.5', '100000', '100001', '-3', ' 7', 'x'];
const ID_CELLS = ['h1', 'h2', 'h1', 'Nhà số 5', ' h3', 'h4 ', '\u00a0h5', 'h6\u3000', '', '  ', 'row-3', 'ab', 'a', 'b', '\ud800x'];
const WARD_CELLS = ['11311', '', ' 11299', 'Phường Máy Tơ', 'W\u00a0'];

const cell = (values: string[]) => fc.constantFrom(...values);

/** A data line: the header's cells in order, sometimes one short or with extra (empty or not) cells. */
const line = (delimiter: string) =>
  fc
    .tuple(cell(ID_CELLS), cell(NUMBER_CELLS), cell(NUMBER_CELLS), cell(COUNT_CELLS), cell(WARD_CELLS), fc.constantFrom('', '', '', 'drop', 'extra', 'empty-extra', 'blank', 'delimiters'))
    .map(([id, lon, lat, count, ward, shape]) => {
      if (shape === 'blank') return '';
      if (shape === 'delimiters') return [' ', '', '', '', ''].join(delimiter);
      const cells = [id, lon, lat, count, ward];
      if (shape === 'drop') cells.pop();
      if (shape === 'extra') cells.push('surplus');
      if (shape === 'empty-extra') cells.push('', ' ');
      return cells.join(delimiter);
    });

const HEADER = ['household_id', 'lon', 'lat', 'count', 'ward_id'];

/** A households text without quotes, and the same text with its header's first cell quoted. */
const texts = fc
  .tuple(fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .chain(([delimiter, newline, leadingBlank, finalNewline]) =>
    fc.array(line(delimiter), { maxLength: 14 }).map((lines) => {
      const end = finalNewline ? newline : '';
      const before = leadingBlank ? newline : '';
      const body = lines.map((text) => newline + text).join('') + end;
      return {
        plain: before + HEADER.join(delimiter) + body,
        quoted: before + '"household_id"' + delimiter + HEADER.slice(1).join(delimiter) + body,
      };
    }),
  );

function householdsRead(text: string) {
  const result = parseHouseholds(text, 'households.csv');
  const { data, ...report } = result;
  return { ...report, ids: idsArray(data.ids), lon: [...data.lon], lat: [...data.lat], count: [...data.count], wardId: data.wardId };
}

describe('CSV without quotes, read line by line', () => {
  it('reads households as papaparse reads the same rows: points, ids, rejections and row numbers', () => {
    fc.assert(
      fc.property(texts, ({ plain, quoted }) => {
        expect(plain.includes('"')).toBe(false);
        expect(householdsRead(plain)).toEqual(householdsRead(quoted));
      }),
      { numRuns: 400 },
    );
  });

  it('reads sites (no line visitor: each line split into cells) as papaparse does', () => {
    const sitesText = (delimiter: string, newline: string, rows: string[][]) =>
      ['site_id,cell_id,lon,lat,operator,technology', ...rows.map((row) => row.join(','))].join(newline).replaceAll(',', delimiter);
    const rows = fc.array(fc.tuple(cell(ID_CELLS), cell(ID_CELLS), cell(NUMBER_CELLS), cell(NUMBER_CELLS), cell(['Viettel', 'VNPT', '']), cell(['4G', '5G', 'x'])), { maxLength: 10 });
    fc.assert(
      fc.property(fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n', '\r'), rows, (delimiter, newline, cells) => {
        const plain = sitesText(delimiter, newline, cells);
        const quoted = '"site_id"' + plain.slice('site_id'.length);
        expect(parseSites(plain, 'sites.csv')).toEqual(parseSites(quoted, 'sites.csv'));
      }),
      { numRuns: 200 },
    );
  });

  it('gives a line visitor each non-empty line\'s fields where they lie, and the record visitor the lines it declines', () => {
    const text = 'a;b;c\r\n1;2;3\r\n\r\ndecline;5\r\n;;\r\nx\ry;;z;\r\n';
    const lines: Array<[number, string[]]> = [];
    const records: Array<[number, string[]]> = [];
    readCsv(text, new IssueLog('t.csv', 'row'), () => ({
      record: (cells, row) => void records.push([row, cells]),
      line: ({ text: whole, count, starts, ends }, row) => {
        const cells = Array.from({ length: count }, (_, k) => whole.slice(starts[k], ends[k]));
        if (cells[0] === 'decline') return false;
        lines.push([row, cells]);
        return true;
      },
    }));
    // with CRLF line ends a lone CR is a character of its cell; the empty line 3 and the one after the last break are blank
    expect(lines).toEqual([
      [2, ['1', '2', '3']],
      [5, ['', '', '']],
      [6, ['x\ry', '', 'z', '']],
    ]);
    expect(records).toEqual([[4, ['decline', '5']]]);
  });

  it('gives a line of many fields whole (more than the line\'s first arrays hold)', () => {
    const wide = Array.from({ length: 40 }, (_, k) => `c${k}`);
    const seen: string[][] = [];
    readCsv(`${wide.join(',')}\n${wide.join(',')}\n`, new IssueLog('t.csv', 'row'), () => ({
      record: () => undefined,
      line: ({ text, count, starts, ends }) => seen.push(Array.from({ length: count }, (_, k) => text.slice(starts[k], ends[k]))) > 0,
    }));
    expect(seen).toEqual([wide]);
  });

  it('reads a worked example: the valid rows where they lie, the others as records, at their spreadsheet rows', () => {
    const text = ['household_id,lon,lat,count', 'h1,106.6881,20.8449,2', '', ' h2,106.69,20.85,', 'h1,106.7,20.86,1', 'h3,106.7,20.86,1,x', 'h4,106.7,20.86,1,'].join('\r\n');
    const read = householdsRead(text);
    // row 3 is blank; row 4's id is trimmed and its empty count is 1; row 5 repeats h1; row 6 has a cell past the header
    expect(read.ids).toEqual(['h1', 'h2', 'h4']);
    expect(read.count).toEqual([2, 1, 1]);
    expect(read.lon).toEqual([106.6881, 106.69, 106.7]);
    expect(read.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code])).toEqual([
      [5, 'duplicate-id'],
      [6, 'too-many-fields'],
    ]);
  });
});
