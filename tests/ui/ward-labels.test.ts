import { describe, expect, it } from 'vitest';
import type { Ward } from '../../src/core/model.ts';
import { formerDistrictsOf, wardLabels } from '../../src/ui/ward-labels.ts';

const ward = (id: string, name: string, district: string | null): Ward => ({
  id,
  name,
  district,
  type: 'Xã',
  environment: null,
  households2019: null,
  population2019: null,
  geometry: { type: 'Polygon', coordinates: [] },
});

describe('wardLabels', () => {
  it('adds the district only to names that two wards share, and the id when there is no district', () => {
    const labels = wardLabels([
      ward('11377', 'Xã An Hoà', 'Huyện An Dương'),
      ward('11689', 'Xã An Hoà', 'Huyện Vĩnh Bảo'),
      ward('11311', 'Phường Lê Chân', 'Quận Lê Chân'),
      ward('X1', 'Xã Tân Dân', null),
      ward('X2', 'Xã Tân Dân', '  '),
    ]);
    expect(labels).toEqual(['Xã An Hoà (Huyện An Dương)', 'Xã An Hoà (Huyện Vĩnh Bảo)', 'Phường Lê Chân', 'Xã Tân Dân (X1)', 'Xã Tân Dân (X2)']);
  });
});

describe('formerDistrictsOf', () => {
  it("gives a 2025 unit's former districts, '' for a unit not listed", () => {
    const units = new Map([['11602', { name: 'Phường Đông Hải', formerDistricts: 'Quận Hải An' }]]);
    expect(formerDistrictsOf(units, '11602')).toBe('Quận Hải An');
    expect(formerDistrictsOf(units, '99999')).toBe('');
  });
});
