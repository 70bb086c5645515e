import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/io/issue-messages.ts';
import { parseCrosswalk } from '../../src/io/parse-crosswalk.ts';
import { issueTuples, readFixture } from './fixtures.ts';

describe('parseCrosswalk', () => {
  it('reads the embedded crosswalk: 607 rows, the 489 old units each with one new unit, the approximations flagged', () => {
    const result = parseCrosswalk(readFileSync('data/hp2025_crosswalk.csv', 'utf8'), 'hp2025_crosswalk.csv');
    expect([result.status, result.kept, result.issues]).toEqual(['ok', 607, []]);
    expect(result.data.newIdOfOldId.size).toBe(489);
    expect(new Set(result.data.newIdOfOldId.values()).size).toBe(114);
    // data/SOURCES.md: 11470 Thị trấn Núi Đèo went into Phường Thủy Nguyên (11560); Bạch Long Vĩ (district 318) is
    // its own đặc khu (11948)
    expect([result.data.newIdOfOldId.get('11470'), result.data.newIdOfOldId.get('318')]).toEqual(['11560', '11948']);
    expect(result.data.rows[0]).toMatchObject({ oldId: '11470', newId: '11560', share: 1, oldName: 'Thị trấn Núi Đèo', oldDistrict: 'Huyện Thuỷ Nguyên', newName: 'Phường Thủy Nguyên', approximate: false });
    // 108 old units are split between new units and 19 links rest on geometry alone (5 both): 122 units
    expect(new Set(result.data.rows.filter((row) => row.approximate).map((row) => row.oldId)).size).toBe(122);
  });

  it('rejects rows without codes or with a bad share, a second share-1 row, and notes an unmapped old unit', () => {
    const result = parseCrosswalk(readFixture('bad/crosswalk-bad.csv'), 'crosswalk-bad.csv');
    expect(issueTuples(result.issues)).toEqual([
      [4, 'duplicate-id', 'old_code', 'error'],
      [5, 'unit-not-mapped', 'share', 'warning'],
      [6, 'missing-value', 'new_code', 'error'],
      [7, 'out-of-range', 'share', 'error'],
      [8, 'not-a-number', 'share', 'error'],
      [9, 'missing-value', 'share', 'error'],
    ]);
    expect([...result.data.newIdOfOldId]).toEqual([['A', 'N1'], ['B', 'N1']]);
    expect(result.data.rows.map((row) => [row.oldId, row.newId, row.share])).toEqual([['A', 'N1', 1], ['B', 'N1', 1], ['C', 'N2', 0]]);
    expect(describeIssue(result.issues[1], 'en')).toBe(
      "Row 5, column 'share': unit “C” has no row with share 1, so its households go to no new unit; give exactly one of its rows share 1.",
    );
    expect(describeIssue(result.issues[0], 'vi')).toBe("Dòng 4, cột 'old_code': mã “B” đã được dùng ở dòng 3; bản lặp này bị loại.");
  });

  it('fails without the two code columns', () => {
    const result = parseCrosswalk('old_code,name\nA,x\n', 'x.csv');
    expect([result.status, issueTuples(result.issues)]).toEqual(['failed', [[null, 'missing-column', 'new_code', 'error']]]);
  });
});
