/**
 * A table read in pieces (text-pieces.ts) against the same text read whole: the pieces join to what a whole decode
 * gives, and the CSV reader visits the same records, rows and lines either way, whatever the line breaks and where
 * the pieces cut them.
 */
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvDelimiter } from '../../src/io/read-csv.ts';
import { IssueLog } from '../../src/io/issue-log.ts';
import { countLines, utf8Pieces, wholeText, type TextPieces } from '../../src/io/text-pieces.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { readLayerFile } from '../../src/io/read-layer-file.ts';
import { mulberry32 } from '../../scripts/generate/random.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A seeded CSV of about `bytes` bytes: ids, coordinates, Vietnamese names, blank lines, lines of 40 KB. */
function seededCsv(seed: number, bytes: number, newline: string, delimiter: CsvDelimiter = ','): string {
  const random = mulberry32(seed);
  const names = ['Lê Chân', 'Ngô Quyền', 'Hồng Bàng', 'Kiến An', 'Đồ Sơn', 'Thủy Nguyên'];
  const lines = [['household_id', 'lon', 'lat', 'count', 'ward_id', 'name'].join(delimiter)];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const pick = random();
    let line: string;
    if (pick < 0.02) line = '';
    else if (pick < 0.021) line = `HH-${k}${delimiter}106.7${delimiter}20.8${delimiter}1${delimiter}31117${delimiter}${'x'.repeat(40_000)}`;
    else if (pick < 0.036) line = `HH-${k}${delimiter}not a number${delimiter}20.8${delimiter}${delimiter}${delimiter}`;
    else {
      const lon = (106.5 + random() * 0.5).toFixed(6);
      const lat = (20.7 + random() * 0.3).toFixed(6);
      line = [`HH-${k}`, lon, lat, 1 + Math.floor(random() * 4), 31000 + Math.floor(random() * 50), names[k % names.length]].join(delimiter);
    }
    lines.push(line);
    size += line.length + newline.length;
  }
  return lines.join(newline) + (random() < 0.5 ? newline : '');
}

/** Every call readCsv makes, as text: the header, each record with its row, each line a line visitor takes. */
function visits(text: string | TextPieces): string[] {
  const seen: string[] = [];
  readCsv(text, new IssueLog('t.csv', 'row'), (header) => {
    seen.push(`header ${header.row} ${header.cells.join('|')} ${header.delimiter}`);
    return {
      record: (cells, row, problem) => void seen.push(`record ${row} ${problem} ${cells.join('|')}`),
      // takes every other line, as a parser declines the lines it does not read exactly
      line: ({ text: lineText, count, starts, ends }, row) => {
        if (row % 2 === 0) return false;
        const fields: string[] = [];
        for (let k = 0; k < count; k++) fields.push(lineText.slice(starts[k], ends[k]));
        seen.push(`line ${row} ${fields.join('|')}`);
        return true;
      },
    };
  });
  return seen;
}

describe('utf8Pieces', () => {
  it('joins to the text a whole decode gives, with the same head, quotes and line bound', () => {
    for (const [seed, newline] of [[1, '\n'], [2, '\r\n'], [3, '\r']] as const) {
      const text = seededCsv(seed, 300_000, newline) + (seed === 2 ? 'a "quoted" tail' : '');
      const bytes = encode(text);
      const pieces = utf8Pieces(bytes)!;
      const all = [...pieces.pieces()];
      if (newline !== '\r') expect(all.length).toBeGreaterThan(5);
      expect(all.join('')).toBe(text);
      // every piece but the last ends at a line feed
      for (const piece of all.slice(0, -1)) expect(piece.endsWith('\n')).toBe(true);
      expect(pieces.whole()).toBe(text);
      for (const chars of [0, 1, 4096, 100_000, 1 << 20]) expect(pieces.head(chars)).toBe(text.slice(0, chars));
      expect(pieces.hasQuote()).toBe(text.includes('"'));
      expect(pieces.lineBound()).toBe(countLines(text));
    }
  });

  it('skips a byte order mark, and a second one, as decodeText and readCsv each remove one', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const body = encode('lon,lat\n106.7,20.8\n');
    expect(utf8Pieces(new Uint8Array([...bom, ...body]))!.whole()).toBe('lon,lat\n106.7,20.8\n');
    expect(utf8Pieces(new Uint8Array([...bom, ...bom, ...body]))!.whole()).toBe('lon,lat\n106.7,20.8\n');
    // a third is text, as it is read whole
    expect(utf8Pieces(new Uint8Array([...bom, ...bom, ...bom, ...body]))!.head(1)).toBe('\ufeff');
    // one inside the text is a character of it, whichever piece it starts
    const inner = encode('a\n'.repeat(40_000) + '\ufeffb\n');
    expect(utf8Pieces(inner)!.whole()).toBe('a\n'.repeat(40_000) + '\ufeffb\n');
    expect([...utf8Pieces(inner)!.pieces()].join('')).toBe('a\n'.repeat(40_000) + '\ufeffb\n');
  });

  it('is null when any piece is not UTF-8, the first or one far in', () => {
    const text = encode(seededCsv(4, 200_000, '\n'));
    for (const at of [5, text.length - 3]) {
      const broken = text.slice();
      broken[at] = 0xff;
      expect(utf8Pieces(broken)).toBeNull();
    }
    // a multi-byte letter cut by the end of the file
    expect(utf8Pieces(new Uint8Array([...encode('a\n'.repeat(20_000)), 0xe1, 0xbb]))).toBeNull();
    expect(utf8Pieces(new Uint8Array(0))!.whole()).toBe('');
  });
});

describe('readCsv in pieces', () => {
  it('visits the same header, records, rows and lines as on the whole text', () => {
    const cases: Array<[number, string, CsvDelimiter]> = [[5, '\n', ','], [6, '\r\n', ';'], [7, '\r', '\t'], [8, '\n', ';']];
    for (const [seed, newline, delimiter] of cases) {
      const text = seededCsv(seed, 250_000, newline, delimiter);
      const whole = visits(text);
      expect(whole.length).toBeGreaterThan(1000);
      expect(visits(utf8Pieces(encode(text))!)).toEqual(whole);
    }
  });

  it('carries a line across pieces where a piece ends inside it (line feeds within the lines of a CR-only file)', () => {
    const lines = ['lon,lat,note'];
    for (let k = 0; k < 20_000; k++) lines.push(`106.${k},20.8,a\nb`);
    const text = lines.join('\r');
    const pieces = utf8Pieces(encode(text))!;
    expect([...pieces.pieces()].length).toBeGreaterThan(5);
    const whole = visits(text);
    expect(whole).toContain('record 2 null 106.0|20.8|a\nb');
    expect(visits(pieces)).toEqual(whole);
  });

  it('reports an empty or binary file as on the whole text', () => {
    for (const text of ['', ' \n\t\r\n', '\u0000\u0001PK binary']) {
      const issues = (source: string | TextPieces) => {
        const log = new IssueLog('t.csv', 'row');
        readCsv(source, log, () => null);
        return log.finish(null, 0, 0).issues;
      };
      expect(issues(utf8Pieces(encode(text))!)).toEqual(issues(text));
      expect(issues(wholeText(text))).toEqual(issues(text));
    }
  });
});

describe('a households file read in pieces', () => {
  it('keeps and rejects the same rows as its text parsed whole, rows far into the file included', async () => {
    const text = seededCsv(9, 400_000, '\r\n');
    const bytes = encode(text);
    expect(utf8Pieces(bytes)).not.toBeNull();
    const read = await readLayerFile('households', [{ name: 'households.csv', bytes }], {});
    const whole = parseHouseholds(text, 'households.csv');
    expect(read.data).toEqual(whole.data);
    expect(read.read).toBe(whole.read);
    const rejections = read.issues.filter((issue) => issue.severity === 'error');
    expect(rejections).toEqual(whole.issues.filter((issue) => issue.severity === 'error'));
    expect(Math.max(...rejections.map((issue) => issue.index ?? 0))).toBeGreaterThan(3000);
  });
});
