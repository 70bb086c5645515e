/**
 * The measuring tool's figures against independent values: haversine lengths worked by hand on Turf's sphere
 * (R = 6 371 008.8 m), the published WGS84 geodesic (Vincenty) distance for the ellipsoid check, and the exact
 * area of a latitude–longitude quadrangle on the sphere, R²·Δλ·(sin φ₂ − sin φ₁).
 */
import { describe, expect, it } from 'vitest';
import { formatArea, formatLength, pathLengthM, perimeterM, polygonAreaM2, type LonLat } from '../../src/ui/map/measurement.ts';

const R = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

describe('pathLengthM', () => {
  it('is R·Δφ along a meridian: 0.1° of latitude = 11 119.51 m', () => {
    // R · 0.1° in radians = 6 371 008.8 × 0.00174533 = 11 119.508 m
    expect(pathLengthM([[106.7, 20.8], [106.7, 20.9]])).toBeCloseTo(11_119.508, 2);
  });

  it('sums the haversine legs of a path (hand-worked), and is 0 for one point', () => {
    const points: LonLat[] = [[106.68, 20.86], [106.72, 20.84], [106.75, 20.85]];
    const haversine = ([lon1, lat1]: LonLat, [lon2, lat2]: LonLat) => {
      const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
      return 2 * R * Math.asin(Math.sqrt(a));
    };
    const expected = haversine(points[0], points[1]) + haversine(points[1], points[2]);
    // legs of about 4.7 km and 3.3 km
    expect(expected).toBeGreaterThan(7_500);
    expect(pathLengthM(points)).toBeCloseTo(expected, 3);
    expect(pathLengthM([[106.7, 20.8]])).toBe(0);
  });

  it('is within 0.5 % of the WGS84 geodesic over 1° of longitude at 20.8° N', () => {
    // on the WGS84 ellipsoid (a = 6 378 137 m, e² = 0.006 694 38) the parallel's radius is N·cos φ with
    // N = a / √(1 − e² sin² φ): sin 20.8° = 0.355 107, N = 6 380 830 m, N·cos φ = 5 964 970 m, so 1° = 104 108.6 m;
    // the geodesic is shorter than the parallel's arc by about (Δλ·sin φ)²/24 = 2·10⁻⁶ of it
    const e2 = 0.00669437999014;
    const phi = rad(20.8);
    const parallelM = (6_378_137 / Math.sqrt(1 - e2 * Math.sin(phi) ** 2)) * Math.cos(phi) * rad(1);
    expect(parallelM).toBeCloseTo(104_108.6, 0);
    const measured = pathLengthM([[105.8, 20.8], [106.8, 20.8]]);
    expect(Math.abs(measured / parallelM - 1)).toBeLessThan(0.005);
  });
});

describe('polygonAreaM2 and perimeterM', () => {
  it('gives the area of a 0.01° quadrangle at 20.8° N as R²·Δλ·(sin φ₂ − sin φ₁) (about 1.16 km²)', () => {
    const square: LonLat[] = [[106.7, 20.8], [106.71, 20.8], [106.71, 20.81], [106.7, 20.81]];
    const exact = R * R * rad(0.01) * (Math.sin(rad(20.81)) - Math.sin(rad(20.8)));
    expect(exact).toBeGreaterThan(1_150_000);
    expect(exact).toBeLessThan(1_170_000);
    expect(Math.abs(polygonAreaM2(square) / exact - 1)).toBeLessThan(1e-4);
    // clockwise or not, the same area
    expect(polygonAreaM2([...square].reverse())).toBeCloseTo(polygonAreaM2(square), 3);
  });

  it('has no area below three points; the perimeter closes the ring', () => {
    expect(polygonAreaM2([[106.7, 20.8], [106.71, 20.8]])).toBe(0);
    const triangle: LonLat[] = [[106.7, 20.8], [106.7, 20.9], [106.8, 20.8]];
    expect(perimeterM(triangle)).toBeCloseTo(pathLengthM([...triangle, triangle[0]]), 6);
    // the two legs along the meridian and the parallel, and the closing diagonal
    expect(perimeterM(triangle)).toBeGreaterThan(11_119 + 10_400 + 15_000);
  });
});

describe('formatLength and formatArea', () => {
  it('writes metres below 1 km and km above, with the language’s decimal mark', () => {
    expect(formatLength(850.4, 'vi')).toBe('850 m');
    expect(formatLength(7.25, 'en')).toBe('7.3 m');
    expect(formatLength(12_345, 'vi')).toBe('12,35 km');
    expect(formatLength(12_345, 'en')).toBe('12.35 km');
    expect(formatLength(123_456, 'en')).toBe('123.5 km');
  });

  it('writes m² below one hectare, ha below one km², km² above', () => {
    expect(formatArea(8_400, 'vi')).toBe('8.400 m²');
    expect(formatArea(8_400, 'en')).toBe('8,400 m²');
    expect(formatArea(125_000, 'vi')).toBe('12,50 ha');
    expect(formatArea(3_420_000, 'en')).toBe('3.42 km²');
  });
});
