/**
 * The cursor's VN-2000 TM-3 105°45′ coordinates against PROJ: the households of tests/fixtures/formats were
 * converted by `cs2cs OGC:CRS84 EPSG:9210` (PROJ 9.1.1, make-fixtures.sh), e.g. HH-01 at 106.6912 E, 20.8431 N
 * is X (northing) 2 305 870.370 m, Y (easting) 597 756.246 m.
 */
import { describe, expect, it } from 'vitest';
import { cursorCoordinates } from '../../src/ui/map/cursor-coordinates.ts';

describe('cursorCoordinates', () => {
  it('gives PROJ’s VN-2000 TM-3 metres within 1 m, and the degrees with hemisphere letters', () => {
    const hh01 = cursorCoordinates(106.6912, 20.8431, 'vi');
    expect(Math.abs(hh01.northingM - 2305870.37)).toBeLessThan(1);
    expect(Math.abs(hh01.eastingM - 597756.246)).toBeLessThan(1);
    expect(hh01.wgs84).toBe('20,84310° B, 106,69120° Đ');
    expect(hh01.vn2000).toBe('X 2.305.870 m, Y 597.756 m');
    const hh02 = cursorCoordinates(106.6985, 20.8534, 'en');
    expect(Math.abs(hh02.northingM - 2307015.192)).toBeLessThan(1);
    expect(Math.abs(hh02.eastingM - 598509.299)).toBeLessThan(1);
    expect(hh02.wgs84).toBe('20.85340° N, 106.69850° E');
  });
});
