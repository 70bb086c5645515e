/**
 * Positions typed in the map's search box. Reference values: DMS worked by hand (20°51′30″ = 20 + 51/60 +
 * 30/3600 = 20.858333°), and PROJ's VN-2000 TM-3 105°45′ metres of two points (`cs2cs OGC:CRS84 EPSG:9210`,
 * PROJ 9.1.1, tests/fixtures/formats/make-fixtures.sh): HH-01 106.6912 E 20.8431 N = X 2 305 870.370,
 * Y 597 756.246; HH-02 106.6985 E 20.8534 N = X 2 307 015.192, Y 598 509.299.
 */
import { describe, expect, it } from 'vitest';
import { vn2000Tm3 } from '../../src/io/crs.ts';
import { readCoordinateText } from '../../src/io/read-coordinate-text.ts';

const tm3 = vn2000Tm3(105.75);
const read = (text: string) => readCoordinateText(text, tm3);
/** 1e-5° ≈ 1 m. */
const closeTo = (position: ReturnType<typeof read>, lat: number, lon: number, toleranceDeg = 1e-6) => {
  expect(position).not.toBeNull();
  expect(Math.abs(position!.lat - lat)).toBeLessThan(toleranceDeg);
  expect(Math.abs(position!.lon - lon)).toBeLessThan(toleranceDeg);
};

describe('readCoordinateText', () => {
  it('reads decimal degrees with points or Vietnamese decimal commas, latitude first unless it cannot be one', () => {
    closeTo(read('20.8583, 106.6833'), 20.8583, 106.6833);
    closeTo(read('20,8583 106,6833'), 20.8583, 106.6833);
    closeTo(read('20.8583;106.6833'), 20.8583, 106.6833);
    closeTo(read('106.6833 20.8583'), 20.8583, 106.6833);
    expect(read('20.8583, 106.6833')?.form).toBe('degrees');
  });

  it('reads DMS pairs in the forms dms.ts reads, hemispheres giving the axes', () => {
    // 20°51′30″ = 20.858333°, 106°41′00″ = 106.683333°
    closeTo(read('20°51′30″N 106°41′00″E'), 20.858333, 106.683333);
    closeTo(read(`20°51'30"N, 106°41'E`), 20.858333, 106.683333);
    closeTo(read('106°41′00″E 20°51′30″N'), 20.858333, 106.683333);
    closeTo(read('20 51 30 B 106 41 0 Đ'), 20.858333, 106.683333);
    // the cursor readout's own WGS84 line
    closeTo(read('20,84310° B, 106,69120° Đ'), 20.8431, 106.6912);
    expect(read('20°51′30″N 106°41′00″E')?.form).toBe('dms');
  });

  it('reads VN-2000 TM-3 metres as the cursor readout writes them (X = northing) to within 1 m of PROJ', () => {
    // 1 m ≈ 9·10⁻⁶ ° of latitude, 9.6·10⁻⁶ ° of longitude here
    closeTo(read('X 2.305.870 m, Y 597.756 m'), 20.8431, 106.6912, 1e-5);
    closeTo(read('X 2,307,015 m, Y 598,509 m'), 20.8534, 106.6985, 1e-5);
    closeTo(read('x=2305870.37 y=597756.25'), 20.8431, 106.6912, 1e-6);
    // two bare numbers in either order: the larger is the northing
    closeTo(read('597756.246 2305870.370'), 20.8431, 106.6912, 1e-6);
    closeTo(read('2.305.870 597.756'), 20.8431, 106.6912, 1e-5);
    expect(read('X 2.305.870 m, Y 597.756 m')?.form).toBe('projected');
  });

  it('is null for names, single numbers, out-of-range values and contradictory hemispheres', () => {
    for (const text of ['Phường Hải An', 'VTL0001', '20.85', '95.1 200.2', '20°N 21°N', '', 'x 12 y', '1 2 3', 'X 9.999.999.999 m, Y 1 m']) {
      expect(read(text), text).toBeNull();
    }
  });
});
