import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vn2000Tm3 } from '../../src/io/crs.ts';
import { withProjectedColumns, type Table } from '../../src/io/export-table.ts';

/** PROJ's VN-2000 / TM-3 105°45′ coordinates of places in Hải Phòng (tests/fixtures/crs/make-proj-reference.sh). */
const reference = JSON.parse(readFileSync('tests/fixtures/crs/proj-reference.json', 'utf8')).crs.find(
  (entry: { spec: string }) => entry.spec === 'EPSG:9210',
).points.slice(0, 6) as Array<{ place: string; lon: number; lat: number; x: number; y: number }>;

describe('withProjectedColumns', () => {
  it('adds VN-2000 easting and northing after lon/lat, to the millimetre of what PROJ gives', () => {
    const table: Table = {
      name: 'sites',
      columns: ['site_id', 'lon', 'lat', 'operator'],
      rows: [...reference.map((point) => [point.place, point.lon, point.lat, 'Viettel']), ['no position', null, null, 'VNPT']],
    };
    const projected = withProjectedColumns(table, vn2000Tm3(105.75));
    expect(projected.columns).toEqual(['site_id', 'lon', 'lat', 'vn2000_easting_m', 'vn2000_northing_m', 'operator']);
    reference.forEach((point, i) => {
      const row = projected.rows[i];
      expect(row.slice(0, 3)).toEqual([point.place, point.lon, point.lat]);
      expect(Math.abs((row[3] as number) - point.x)).toBeLessThanOrEqual(0.0005);
      expect(Math.abs((row[4] as number) - point.y)).toBeLessThanOrEqual(0.0005);
      expect(row[5]).toBe('Viettel');
    });
    expect(projected.rows.at(-1)).toEqual(['no position', null, null, null, null, 'VNPT']);
  });
});
