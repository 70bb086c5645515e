/**
 * A long households CSV read in two parts (read-csv.ts `splitCsv`, parse-households.ts `HouseholdRowsPartner`): the
 * result is the one-piece parse's, whichever thread reads the second part, and the rows keep their spreadsheet rows.
 */
import { describe, expect, it } from 'vitest';
import { householdRowsOfTail, parseHouseholds, type HouseholdRows, type HouseholdRowsPartner } from '../../src/io/parse-households.ts';
import { MIN_SPLIT_CHARS, splitCsv } from '../../src/io/read-csv.ts';

const FILE = 'households.csv';

/**
 * A CSV of more than MIN_SPLIT_CHARS characters (BOM, CRLF, a blank line), with the spreadsheet row of its bad
 * rows, made one by one: a point without id, one without count, a bad latitude and a repeated id in each half.
 */
function longCsv(): { text: string; badRows: Map<number, string>; repeatRow: number; firstRow: number; noIdRows: number[] } {
  const lines = ['household_id,lon,lat,count,ward_id'];
  const badRows = new Map<number, string>();
  const noIdRows: number[] = [];
  let repeatRow = 0;
  let firstRow = 0;
  for (let i = 0, chars = 0; chars < MIN_SPLIT_CHARS * 1.5; chars += lines[lines.length - 1].length + 2, i++) {
    const row = lines.length + 1;
    if (i === 500) lines.push('');
    else if (i % 7919 === 11) {
      lines.push(`h${i},106.${i},91.5,2,W${i % 3}`);
      badRows.set(row, 'lat-out-of-range');
    } else if (i === 31_000) {
      // the id of row `firstRow`, far into the second half
      lines.push(`h7,106.1,20.1,1,W1`);
      repeatRow = row;
    } else {
      if (i % 1000 === 3) noIdRows.push(row);
      lines.push(`${i % 1000 === 3 ? '' : `h${i}`},106.${1000 + i},20.${2000 + i},${i % 500 === 9 ? '' : (i % 40) + 1},W${i % 3}`);
    }
    if (i === 7) firstRow = row;
  }
  return { text: '\uFEFF' + lines.join('\r\n') + '\r\n', badRows, repeatRow, firstRow, noIdRows };
}

/** A partner that reads the second part as the CLI's thread does (here), and says whether it was asked. */
function readingPartner(text: string): HouseholdRowsPartner & { asked: number } {
  return {
    asked: 0,
    rowsOf() {
      this.asked++;
      return householdRowsOfTail(text, FILE, {});
    },
  };
}

describe('splitCsv', () => {
  it('cuts after the middle, at a line break, the second part numbered from its row in the whole text', () => {
    const { text } = longCsv();
    const body = text.slice(1);
    const [head, tail] = splitCsv(text)!;
    expect(head.from).toBe(body.indexOf('\r\n') + 2);
    expect(head.to).toBe(tail.from);
    expect(tail.from).toBeGreaterThan(body.length / 2);
    expect(body.slice(tail.from - 2, tail.from)).toBe('\r\n');
    expect(tail.to).toBe(body.length);
    expect(tail.row).toBe(body.slice(0, tail.from).split('\r\n').length);
    expect(tail.newline).toBe('\r\n');
  });

  it('leaves a short text, a text with quotes and one whose first line is blank in one piece', () => {
    const { text } = longCsv();
    expect(splitCsv(text.slice(0, MIN_SPLIT_CHARS - 10))).toBeNull();
    expect(splitCsv(text.replace('h12,', '"h12",'))).toBeNull();
    expect(splitCsv('\r\n' + text.slice(1))).toBeNull();
  });
});

describe('parseHouseholds with a partner reading the second half', () => {
  it('gives the one-piece result: points, ids, rejections with their rows, repeated ids across the halves, notes', () => {
    const { text, badRows, repeatRow, firstRow, noIdRows } = longCsv();
    const alone = parseHouseholds(text, FILE);
    const partner = readingPartner(text);
    const inTwo = parseHouseholds(text, FILE, {}, partner);
    expect(partner.asked).toBe(1);
    expect(inTwo).toEqual(alone);
    // the rows as built, not as the parser numbered them
    const [, tail] = splitCsv(text)!;
    expect(repeatRow).toBeGreaterThan(tail.row);
    expect([...badRows.keys()].some((row) => row >= tail.row)).toBe(true);
    const rejected = inTwo.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code]);
    expect(rejected).toEqual([...[...badRows].map(([row, code]) => [row, code]), [repeatRow, 'duplicate-id']].sort((a, b) => (a[0] as number) - (b[0] as number)));
    expect(inTwo.issues.find((issue) => issue.code === 'duplicate-id')!.params).toEqual({ value: 'h7', first: firstRow });
    expect(noIdRows.at(-1)).toBeGreaterThan(tail.row);
    expect(inTwo.data.ids.filter((id) => id.startsWith('row-'))).toEqual(noIdRows.map((row) => `row-${row}`));
  });

  it("takes the partner's rows as it read them", () => {
    const { text } = longCsv();
    const rows = householdRowsOfTail(text, FILE, {}) as HouseholdRows;
    rows.lon[0] = 107.5;
    const inTwo = parseHouseholds(text, FILE, {}, { rowsOf: () => rows });
    const alone = parseHouseholds(text, FILE);
    const first = alone.data.ids.indexOf(rows.ids[0]);
    expect(inTwo.data.lon[first]).toBe(107.5);
    expect(alone.data.lon[first]).not.toBe(107.5);
  });

  it('reads the second half itself when the partner has not, or has read another cut', () => {
    const { text } = longCsv();
    const alone = parseHouseholds(text, FILE);
    expect(parseHouseholds(text, FILE, {}, { rowsOf: () => null })).toEqual(alone);
    const other = householdRowsOfTail(text + 'h-last,106.5,20.5,1,W1\r\n', FILE, {}) as HouseholdRows;
    expect(parseHouseholds(text, FILE, {}, { rowsOf: () => other })).toEqual(alone);
  });

  it('does not ask the partner for a text with quotes', () => {
    const text = longCsv().text.replace('h12,', '"h12",');
    const partner = readingPartner(text);
    expect(parseHouseholds(text, FILE, {}, partner)).toEqual(parseHouseholds(text, FILE));
    expect(partner.asked).toBe(0);
  });
});
