import { describe, expect, it } from 'vitest';
import { indexWards } from '../../src/core/assign-wards.ts';
import type { Environment, Ward } from '../../src/core/model.ts';
import { environmentOfWard, resolveEnvironment } from '../../src/core/resolve-environment.ts';

/** A 0.01° square ward with its south-west corner at (lon, lat). */
function ward(
  id: string,
  lon: number,
  lat: number,
  type: string | null,
  district: string | null,
  environment: Environment | null = null,
): Ward {
  const ring = [
    [lon, lat],
    [lon + 0.01, lat],
    [lon + 0.01, lat + 0.01],
    [lon, lat + 0.01],
    [lon, lat],
  ];
  const geometry = { type: 'Polygon' as const, coordinates: [ring] };
  return { id, name: id, district, type, environment, population2019: null, households2019: null, geometry };
}

const WARDS: Ward[] = [
  ward('cat-dai', 106.0, 20.0, 'Phường', 'Quận Lê Chân'),
  ward('kien-an', 106.1, 20.0, 'Phường', 'Quận Kiến An'),
  ward('nui-deo', 106.2, 20.0, 'Thị trấn', 'Huyện Thuỷ Nguyên'),
  ward('dai-ban', 106.3, 20.0, 'Xã', 'Huyện An Dương'),
  ward('given', 106.4, 20.0, 'Xã', 'Huyện Cát Hải', 'urban'),
  ward('untyped', 106.5, 20.0, null, null),
];
const INDEX = indexWards(WARDS);
const site = (lon: number, environment: Environment | null = null) => ({ lon: lon + 0.005, lat: 20.005, environment });

describe('environmentOfWard', () => {
  it('maps Phường in the central quận to metropolitan, other Phường to urban, Thị trấn and Xã to suburban', () => {
    expect(environmentOfWard(WARDS[0])).toBe('metropolitan');
    expect(environmentOfWard(WARDS[1])).toBe('urban');
    expect(environmentOfWard(WARDS[2])).toBe('suburban');
    expect(environmentOfWard(WARDS[3])).toBe('suburban');
  });

  it('recognises all three central quận with or without the "Quận" prefix, any case or diacritics', () => {
    for (const district of ['Quận Hồng Bàng', 'Ngô Quyền', 'QUẬN LÊ CHÂN', 'quan ngo quyen', 'Hong Bang']) {
      expect(environmentOfWard({ type: 'Phường', district, environment: null })).toBe('metropolitan');
    }
    expect(environmentOfWard({ type: 'phuong', district: 'Quận Hải An', environment: null })).toBe('urban');
    expect(environmentOfWard({ type: 'Phường', district: null, environment: null })).toBe('urban');
  });

  it('prefers the ward’s own environment, and falls back to urban for a missing or unknown type', () => {
    expect(environmentOfWard(WARDS[4])).toBe('urban');
    expect(environmentOfWard(WARDS[5])).toBe('urban');
    expect(environmentOfWard({ type: 'Khu kinh tế', district: 'Quận Lê Chân', environment: null })).toBe('urban');
    expect(environmentOfWard({ type: 'thi tran', district: null, environment: null })).toBe('suburban');
    expect(environmentOfWard({ type: 'XÃ', district: null, environment: null })).toBe('suburban');
  });
});

describe('resolveEnvironment', () => {
  it('uses the cell’s own environment first', () => {
    expect(resolveEnvironment(site(106.0, 'rural'), INDEX)).toBe('rural');
  });

  it('else the environment of the ward containing the site', () => {
    expect(resolveEnvironment(site(106.0), INDEX)).toBe('metropolitan');
    expect(resolveEnvironment(site(106.1), INDEX)).toBe('urban');
    expect(resolveEnvironment(site(106.2), INDEX)).toBe('suburban');
    expect(resolveEnvironment(site(106.3), INDEX)).toBe('suburban');
    expect(resolveEnvironment(site(106.4), INDEX)).toBe('urban');
    expect(resolveEnvironment(site(106.5), INDEX)).toBe('urban');
  });

  it('is rural outside every ward', () => {
    expect(resolveEnvironment({ lon: 107.5, lat: 20.5, environment: null }, INDEX)).toBe('rural');
    expect(resolveEnvironment({ lon: 106.0, lat: 20.0, environment: null }, indexWards([]))).toBe('rural');
  });
});
