import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/io/export-table.ts';
import { tableForPlanner, withUnitColumns, type UnitLabel } from '../../../src/ui/export/localise-table.ts';

const units = new Map<string, UnitLabel>([
  ['11311', { name: 'Phường Hồng Bàng', formerDistricts: 'Quận Hồng Bàng' }],
  ['11560', { name: 'Phường Thủy Nguyên', formerDistricts: 'Huyện Thuỷ Nguyên' }],
]);

describe('app table exports for the planner', () => {
  it('adds the former district after the unit name, and the name where the table has only the code', () => {
    const wards = withUnitColumns({ name: 'w', columns: ['ward_id', 'ward_name', 'households'], rows: [['11560', 'Phường Thủy Nguyên', 12], ['99999', 'X', 1]] }, units);
    expect(wards.columns).toEqual(['ward_id', 'ward_name', 'former_district', 'households']);
    expect(wards.rows).toEqual([['11560', 'Phường Thủy Nguyên', 'Huyện Thuỷ Nguyên', 12], ['99999', 'X', '', 1]]);
    const extensions = withUnitColumns({ name: 'e', columns: ['extension_id', 'ward_id', 'length_m'], rows: [['E1', '11311', 80.5], ['E2', null, 3]], numberFormats: [null, null, '0.0'] }, units);
    expect(extensions.columns).toEqual(['extension_id', 'ward_id', 'ward_name', 'former_district', 'length_m']);
    expect(extensions.rows).toEqual([['E1', '11311', 'Phường Hồng Bàng', 'Quận Hồng Bàng', 80.5], ['E2', null, '', '', 3]]);
    expect(extensions.numberFormats).toEqual([null, null, null, null, '0.0']);
  });

  it('leaves a table without units alone and writes the headers in the UI language', () => {
    const sites = { name: 's', columns: ['site_id', 'lon'], rows: [['S1', 106.7]] };
    expect(withUnitColumns(sites, units)).toBe(sites);
    const table = { name: 'w', columns: ['ward_id', 'ward_name', 'weak_pct', 'custom'], rows: [['11311', 'Phường Hồng Bàng', 2.5, 'x']] };
    expect(tableForPlanner(table, units, 'vi').columns).toEqual(['Mã đơn vị', 'Tên xã, phường', 'Quận, huyện cũ', 'Tỷ lệ yếu/không sóng (%)', 'custom']);
    expect(tableForPlanner(table, units, 'en').columns).toEqual(['Unit code', 'Unit name', 'Former district', 'Weak or none (%)', 'custom']);
  });

  it('keeps formula-like names from an imported file neutral in the CSV', () => {
    const hostile = new Map<string, UnitLabel>([['1', { name: '=HYPERLINK("x")', formerDistricts: '+cmd' }]]);
    const csv = toCsv(tableForPlanner({ name: 'w', columns: ['ward_id', 'households'], rows: [['1', 3]] }, hostile, 'en'));
    expect(csv.split('\r\n')[1]).toBe(`1,"'=HYPERLINK(""x"")",'+cmd,3`);
  });
});
