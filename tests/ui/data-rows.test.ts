import { describe, expect, it } from 'vitest';
import { filterDataRows, formatDataCell, isNumericColumn, sortDataRows, type DataRow } from '../../src/ui/data-rows.ts';

const collator = new Intl.Collator('vi', { sensitivity: 'base' });

describe('data rows', () => {
  it('prints each column kind (vi: "." groups thousands, "," is the decimal mark)', () => {
    // 12 345 m = 12,345 km → two decimals "12,35"; 98,76 % → one decimal "98,8"
    expect(formatDataCell(12_345, 'km', 'vi')).toBe('12,35');
    expect(formatDataCell(98.76, 'percent', 'vi')).toBe('98,8');
    expect(formatDataCell(598_917, 'count', 'vi')).toBe('598.917');
    expect(formatDataCell(598_917, 'count', 'en')).toBe('598,917');
    expect(formatDataCell('Phường Cát Bi', 'text', 'vi')).toBe('Phường Cát Bi');
    expect(formatDataCell(null, 'count', 'vi')).toBe('');
    expect(isNumericColumn({ key: 'costVnd', label: 'fibreCostVnd', kind: 'count', width: 1 })).toBe(true);
    expect(isNumericColumn({ key: 'name', label: 'wardColumnName', kind: 'text', width: 1 })).toBe(false);
  });

  it('sorts missing values as empty text and keeps ward order for ties', () => {
    const rows: DataRow[] = [
      { wardIndex: 0, searchText: 'b', name: 'Phường Đằng Hải', costVnd: null },
      { wardIndex: 1, searchText: 'a', name: 'Phường Dư Hàng', costVnd: 5 },
      { wardIndex: 2, searchText: 'c', name: 'Phường Dư Hàng', costVnd: 5 },
    ];
    // Vietnamese collation: "Dư" < "Đằng" (Đ after D)
    expect(sortDataRows(rows, { key: 'name', descending: false }, collator).map((row) => row.wardIndex)).toEqual([1, 2, 0]);
    expect(sortDataRows(rows, { key: 'name', descending: true }, collator).map((row) => row.wardIndex)).toEqual([0, 1, 2]);
    // null compares as "" against "5": first ascending, last descending (the tie 1, 2 stays in ward order)
    expect(sortDataRows(rows, { key: 'costVnd', descending: false }, collator).map((row) => row.wardIndex)).toEqual([0, 1, 2]);
    expect(sortDataRows(rows, { key: 'costVnd', descending: true }, collator).map((row) => row.wardIndex)).toEqual([1, 2, 0]);
    expect(filterDataRows(rows, 'A C').map((row) => row.wardIndex)).toEqual([]);
    expect(filterDataRows(rows, 'c').map((row) => row.wardIndex)).toEqual([2]);
  });
});
