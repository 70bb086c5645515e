import { describe, expect, it } from 'vitest';
import type { Ward } from '../../src/core/model.ts';
import { buildWardRows, filterWardRows, sortWardRows, WARD_COLUMNS, wardColumns } from '../../src/ui/ward-rows.ts';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
function ward(id: string, name: string, district: string | null, households2019: number | null): Ward {
  return { id, name, district, type: 'Phường', environment: null, population2019: null, households2019, geometry: square };
}

const wards = [
  ward('1', 'Phường Đằng Hải', 'Quận Hải An', 9000),
  ward('2', 'Phường Dư Hàng', 'Quận Lê Chân', 5000),
  ward('3', 'Xã An Lư', 'Thủy Nguyên', null),
  ward('4', 'Phường Cát Bi', 'Quận Hải An', 7000),
];
const collator = new Intl.Collator('vi', { sensitivity: 'base' });

describe('ward rows', () => {
  it('carries households from the points, or null before households are loaded', () => {
    const rows = buildWardRows(wards, Float64Array.from([10, 20, 30, 40]));
    expect(rows.map((row) => row.households)).toEqual([10, 20, 30, 40]);
    expect(buildWardRows(wards, null)[0].households).toBeNull();
  });

  it('searches name and district without diacritics', () => {
    const rows = buildWardRows(wards, null);
    expect(filterWardRows(rows, 'hai an').map((row) => row.wardIndex)).toEqual([0, 3]);
    expect(filterWardRows(rows, 'dang').map((row) => row.wardIndex)).toEqual([0]);
    expect(filterWardRows(rows, '').length).toBe(4);
  });

  it('sorts names in Vietnamese order (D before Đ)', () => {
    const rows = buildWardRows(wards, null);
    const names = sortWardRows(rows, { key: 'name', descending: false }, collator).map((row) => row.name);
    expect(names).toEqual(['Phường Cát Bi', 'Phường Dư Hàng', 'Phường Đằng Hải', 'Xã An Lư']);
  });

  it('sorts numbers numerically with empty values last in both directions', () => {
    const rows = buildWardRows(wards, null);
    const ascending = sortWardRows(rows, { key: 'households2019', descending: false }, collator);
    expect(ascending.map((row) => row.households2019)).toEqual([5000, 7000, 9000, null]);
    const descending = sortWardRows(rows, { key: 'households2019', descending: true }, collator);
    expect(descending.map((row) => row.households2019)).toEqual([9000, 7000, 5000, null]);
  });

  it('breaks ties by ward order and leaves the input unsorted', () => {
    const rows = buildWardRows(wards, null);
    const byDistrict = sortWardRows(rows, { key: 'district', descending: false }, collator);
    expect(byDistrict.map((row) => row.wardIndex)).toEqual([0, 3, 1, 2]);
    expect(rows.map((row) => row.wardIndex)).toEqual([0, 1, 2, 3]);
  });

  it('shows and searches the former districts of 2025 units, which have none of their own', () => {
    const units2025 = [ward('11311', 'Phường Hồng Bàng', null, 20000), ward('11383', 'Phường Lê Chân', null, 50000)];
    const former: Record<string, string> = { '11311': 'Quận Hồng Bàng', '11383': 'Quận Lê Chân, Quận Ngô Quyền' };
    const rows = buildWardRows(units2025, null, (unit) => former[unit.id]);
    expect(rows.map((row) => row.district)).toEqual(['Quận Hồng Bàng', 'Quận Lê Chân, Quận Ngô Quyền']);
    expect(filterWardRows(rows, 'ngo quyen').map((row) => row.wardIndex)).toEqual([1]);
    expect(wardColumns(units2025).find((column) => column.key === 'district')?.label).toBe('wardColumnFormerDistrict');
    // a unit's own district comes first, and a 2019 layout keeps the column's name
    expect(buildWardRows(wards, null, () => 'Quận Khác')[0].district).toBe('Quận Hải An');
    expect(wardColumns(wards)).toBe(WARD_COLUMNS);
  });

  it('leaves out the type when every name begins with it, or no unit has one', () => {
    const keys = (units: readonly Ward[]) => wardColumns(units).map((column) => column.key);
    const typed = (name: string, type: string | null): Ward => ({ ...ward(name, name, 'Quận Hải An', null), type });
    expect(keys([typed('Phường Lê Chân', 'Phường'), typed('Đặc khu Bạch Long Vĩ', 'Đặc khu'), typed('xã An Lư', 'Xã')])).toEqual([
      'name',
      'district',
      'households',
      'households2019',
    ]);
    expect(keys([typed('Lê Chân', null), typed('An Lư', null)])).not.toContain('type');
    // one name without its type ('Phường' is not a word of 'Phườngx'), or a type the name does not carry: the column stays
    expect(keys([typed('Phường Lê Chân', 'Phường'), typed('Phườngx', 'Phường')])).toContain('type');
    expect(keys([typed('Phường Lê Chân', 'Phường'), typed('Thị trấn Núi Đèo', 'Xã')])).toContain('type');
    // the 2025 units' district column is still named "former district(s)"
    expect(wardColumns([{ ...typed('Phường Lê Chân', 'Phường'), district: null }]).map((column) => column.label)).toContain('wardColumnFormerDistrict');
  });

  it('has a column for every sortable field', () => {
    expect(WARD_COLUMNS.map((column) => column.key)).toEqual(['name', 'district', 'type', 'households', 'households2019']);
  });
});
