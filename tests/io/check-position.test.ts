import { describe, expect, it } from 'vitest';
import { checkLonLat } from '../../src/io/check-position.ts';

describe('checkLonLat', () => {
  it('accepts WGS84 positions, including the edges', () => {
    expect(checkLonLat(106.6881, 20.8449)).toBeNull();
    expect(checkLonLat(-180, -90)).toBeNull();
    expect(checkLonLat(180, 90)).toBeNull();
  });

  it('calls a pair swapped when only swapping makes it valid (Hải Phòng read as lat 106.7, lon 20.8)', () => {
    expect(checkLonLat(20.8449, 106.6881)).toBe('lon-lat-swapped');
    expect(checkLonLat(-45, -170)).toBe('lon-lat-swapped');
  });

  it('reports the coordinate that is out of range otherwise', () => {
    expect(checkLonLat(206.68, 20.84)).toBe('lon-out-of-range');
    expect(checkLonLat(106.68, 95)).toBe('lat-out-of-range');
    // VN-2000 metres: swapping does not help
    expect(checkLonLat(591234.5, 2301234.8)).toBe('lat-out-of-range');
    expect(checkLonLat(20, 200)).toBe('lat-out-of-range');
  });
});
