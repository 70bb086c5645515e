import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../src/io/issue-log.ts';
import { describeIssue } from '../../src/io/issue-messages.ts';
import { detectDelimiter, findColumn, parseDecimal, previewCsv, readCsv, type QuoteProblem } from '../../src/io/read-csv.ts';

describe('detectDelimiter', () => {
  it('counts delimiters in the header line only, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5\n')).toBe(',');
    expect(detectDelimiter('a;b;c\r\n1,5;2,5;3\r\n')).toBe(';');
    expect(detectDelimiter('"a;b;c",d,e\n')).toBe(',');
    expect(detectDelimiter('\n\na\tb\n')).toBe('\t');
    expect(detectDelimiter('lon\n')).toBe(',');
  });
});

describe('parseDecimal', () => {
  it('reads plain decimals and trims blanks', () => {
    expect(parseDecimal('106.6881', false)).toBe(106.6881);
    expect(parseDecimal(' -3 ', false)).toBe(-3);
    expect(parseDecimal('1e3', false)).toBe(1000);
    expect(parseDecimal('.5', false)).toBe(0.5);
  });

  it('rejects what Number() would wrongly accept: empty, blanks, hex/binary/octal, Infinity', () => {
    for (const text of ['', '   ', '0x10', '0b1', '0o7', 'Infinity', '-Infinity', '1e', 'abc', '1,5']) {
      expect(parseDecimal(text, false), text).toBeNaN();
    }
  });

  it('reads one decimal comma only when asked (";" files)', () => {
    expect(parseDecimal('20,8449', true)).toBe(20.8449);
    expect(parseDecimal('1.234,5', true)).toBeNaN();
    expect(parseDecimal('20.8449', true)).toBe(20.8449);
  });
});

describe('findColumn', () => {
  it('matches aliases case-insensitively, the first alias present winning', () => {
    expect(findColumn(['ID', 'Longitude', 'LAT'], ['lon', 'lng', 'long', 'longitude', 'x'])).toBe(1);
    expect(findColumn(['id', 'site_id'], ['site_id', 'id', 'cell'])).toBe(1);
    expect(findColumn(['a'], ['b'])).toBe(-1);
  });
});

describe('readCsv', () => {
  it('gives spreadsheet row numbers, skipping blank lines and multi-line quoted cells without renumbering', () => {
    const rows: Array<[number, string[]]> = [];
    const log = new IssueLog('t.csv', 'row');
    readCsv('\uFEFFname,note\r\nA,"two\r\nlines"\r\n\r\nB,x\r\n', log, () => (record, row) => rows.push([row, record]));
    // a spreadsheet shows the quoted two-line cell in one row (2); the blank line is row 3
    expect(rows).toEqual([
      [2, ['A', 'two\r\nlines']],
      [4, ['B', 'x']],
    ]);
  });

  it('names a picture saved under a .csv name as a picture, in both languages, and a ZIP as a possible workbook', () => {
    const messages = (text: string) => {
      const log = new IssueLog('anh.csv', 'row');
      readCsv(text, log, () => () => undefined);
      const [issue] = log.finish(null, 0, 0).issues;
      return [describeIssue(issue, 'vi'), describeIssue(issue, 'en')];
    };
    // the first bytes of a PNG (89 50 4E 47 0D 0A 1A 0A, then a NUL-led chunk length) decoded as UTF-8
    const [vi, en] = messages('\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR');
    expect(vi).toContain('ảnh PNG');
    expect(en).toContain('a PNG picture');
    expect(en).not.toContain('Excel');
    expect(messages('PK\u0003\u0004\u0014\u0000\u0006\u0000')[1]).toContain('Excel workbook?');
    expect(messages('\u0000\u0001\u0002abc')[0]).toContain('nội dung nhị phân');
  });

  it('numbers from the header row when blank lines precede it', () => {
    let headerRow = 0;
    const rows: number[] = [];
    readCsv('\n\nid\nz\n', new IssueLog('t.csv', 'row'), ({ row }) => {
      headerRow = row;
      return (_, dataRow) => rows.push(dataRow);
    });
    expect([headerRow, rows]).toEqual([3, [4]]);
  });
});

describe('readCsv of files longer than its chunks', () => {
  /** Records and quoting problems as papaparse reads the whole text at once (how readCsv read every file before). */
  function unchunked(text: string): Array<[string[], QuoteProblem | null]> {
    const records: Array<[string[], QuoteProblem | null]> = [];
    Papa.parse<string[]>(text, {
      delimiter: ',',
      skipEmptyLines: false,
      step({ data, errors }) {
        if (data.every((cell) => cell.trim() === '')) return;
        const missing = errors.some((error) => error.code === 'MissingQuotes');
        records.push([data, missing ? 'unclosed-quote' : errors.some((error) => error.type === 'Quotes') ? 'bad-quotes' : null]);
      },
    });
    return records;
  }

  function chunked(text: string): Array<[string[], QuoteProblem | null]> {
    const records: Array<[string[], QuoteProblem | null]> = [];
    readCsv(text, new IssueLog('t.csv', 'row'), ({ cells }) => {
      records.push([cells, null]);
      return (record, _, quoteProblem) => records.push([record, quoteProblem]);
    });
    return records;
  }

  /** ~`rows` rows of three cells, every 50th a quoted cell of 2,000 characters with line breaks and quotes in it. */
  function table(rows: number, lineBreak: string): string {
    const lines = ['id,note,n'];
    for (let i = 0; i < rows; i++) {
      const note = i % 50 === 7 ? `"${`he said ""${i}""${lineBreak}`.repeat(150).slice(0, 2000)}"` : `note ${i}`;
      lines.push(`H${i},${note},${i % 10}`);
      if (i % 500 === 3) lines.push('');
    }
    return lines.join(lineBreak) + lineBreak;
  }

  it('reads the same records, line breaks and quoting problems as papaparse does unchunked', () => {
    const cell70k = `"${'x\r\n'.repeat(40_000)}"`;
    const texts = {
      crlf: table(20_000, '\r\n'),
      lf: table(20_000, '\n'),
      cr: table(20_000, '\r'),
      // one quoted cell longer than any chunk: it spans a chunk boundary whatever the chunk size
      'long cell': `id,note\r\nA,${cell70k}\r\nB,b\r\n`,
      // papaparse guesses CR-LF from the first chunk, CR alone from the first MiB, which it reads unchunked
      'mixed breaks': `${'id,n\r\n' + 'a,1\r\n'.repeat(20_000)}${'b,2\r'.repeat(60_000)}`,
      'unclosed quote at the end': `${table(20_000, '\n')}Z,"never closed\n${'more,text\n'.repeat(10_000)}`,
      'bad quotes across the file': table(20_000, '\n').replace(/note (\d*)3,/g, '"no"te $13",'),
    };
    for (const [name, text] of Object.entries(texts)) {
      const expected = unchunked(text);
      expect(text.length, name).toBeGreaterThan(100_000);
      expect(expected.length, name).toBeGreaterThan(2);
      expect(chunked(text), name).toEqual(expected);
    }
    // the cases do hold what they are meant to test
    expect(unchunked(texts['unclosed quote at the end']).at(-1)?.[1]).toBe('unclosed-quote');
    expect(unchunked(texts['bad quotes across the file']).filter(([, problem]) => problem === 'bad-quotes').length).toBeGreaterThan(100);
    expect(unchunked(texts['long cell'])[1][0][1].length).toBe(120_000);
  });
});

describe('parseDecimal against Number()', () => {
  it('gives the very double Number() gives, for plain decimals of 1 to 17 digits', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let n = 0; n < 20000; n++) {
      const digits = 1 + Math.floor(random() * 17);
      let text = '';
      for (let d = 0; d < digits; d++) text += Math.floor(random() * 10);
      const point = Math.floor(random() * (digits + 1));
      const decimal = `${random() < 0.3 ? '-' : ''}${text.slice(0, point)}.${text.slice(point)}`;
      expect(parseDecimal(decimal, false), decimal).toBe(Number(decimal));
      expect(parseDecimal(decimal.replace('.', ','), true), decimal).toBe(Number(decimal));
    }
  });
});

describe('previewCsv', () => {
  /** papaparse's preview of the whole text, as the import's sample was read before. */
  const wholePreview = (body: string, records: number): string[][] =>
    Papa.parse<string[]>(body, { delimiter: detectDelimiter(body), preview: records, skipEmptyLines: 'greedy' }).data;

  it("gives papaparse's preview of the whole text: long texts, blank lines, CRLF, ';', quoted line breaks at the start's end", () => {
    const rows = (count: number, width: number, at = (i: number) => `r${i}`): string[] =>
      Array.from({ length: count }, (_, i) => `${at(i)},106.${i},20.${i},${'x'.repeat(width)}`);
    const texts = [
      // short rows: the first 2^18 characters hold the preview
      ['id,lon,lat,note', ...rows(40_000, 3)].join('\n'),
      ['id;lon;lat;note', '', ...rows(40_000, 3).map((row) => row.replaceAll(',', ';'))].join('\r\n'),
      // rows of 2,000 characters: 201 of them are more than the start
      ['id,lon,lat,note', ...rows(400, 2_000)].join('\n'),
      // a quoted cell holding line breaks across the start's end
      ['id,lon,lat,note', ...rows(1_500, 120), `"long\n${'y'.repeat(1 << 18)}\nend",1,2,3`, ...rows(500, 3)].join('\n'),
      // a short text
      ['id,lon,lat', 'a,1,2', '', 'b,3,4'].join('\n'),
    ];
    for (const text of texts) {
      // 1,502: the header, the 1,500 rows and the quoted record, cut short in the start
      for (const records of [1, 201, 1_501, 1_502, 3_000]) expect(previewCsv(text, records)).toEqual(wholePreview(text, records));
    }
  });
});
