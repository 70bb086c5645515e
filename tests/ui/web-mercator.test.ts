import { describe, expect, it } from 'vitest';
import { mercatorX, mercatorY, metresPerWorldUnit, projectPoints, projectPointsOnce } from '../../src/ui/map/web-mercator.ts';

describe('web mercator', () => {
  it('maps the origin and the antimeridian', () => {
    expect(mercatorX(0)).toBe(0.5);
    expect(mercatorX(180)).toBe(1);
    expect(mercatorX(-180)).toBe(0);
    expect(mercatorY(0)).toBeCloseTo(0.5, 15);
  });

  it('puts Hải Phòng in OSM tile 815/451 at zoom 10', () => {
    // slippy-map tile formula (OSM wiki): x = (lon + 180) / 360 · 2^z = 815.445;
    // y = (1 − asinh(tan φ) / π) / 2 · 2^z with φ = 20.86° → asinh(0.381054) = 0.372381 → 451.309
    expect(mercatorX(106.68) * 1024).toBeCloseTo(815.4453, 3);
    expect(mercatorY(20.86) * 1024).toBeCloseTo(451.3089, 3);
  });

  it('clamps the poles to the square map', () => {
    expect(mercatorY(90)).toBeCloseTo(0, 9);
    expect(mercatorY(-90)).toBeCloseTo(1, 9);
  });

  it('projects arrays like single points', () => {
    const { x, y } = projectPoints([106.68, 0], [20.86, 0]);
    expect(x[0]).toBe(mercatorX(106.68));
    expect(y[1]).toBe(mercatorY(0));
  });

  it('projects a pair of coordinate arrays once, for every layer that draws them', () => {
    const lon = Float64Array.of(106.68, 106.7);
    const lat = Float64Array.of(20.86, 20.9);
    const first = projectPointsOnce(lon, lat);
    expect(Array.from(first.x)).toEqual([mercatorX(106.68), mercatorX(106.7)]);
    expect(Array.from(first.y)).toEqual([mercatorY(20.86), mercatorY(20.9)]);
    const again = projectPointsOnce(lon, lat);
    expect(again.x).toBe(first.x);
    expect(again.y).toBe(first.y);
    // the same longitudes with other latitudes are other points
    const other = projectPointsOnce(lon, Float64Array.of(0, 0));
    expect(other.y).not.toBe(first.y);
    expect(Array.from(other.y)).toEqual([mercatorY(0), mercatorY(0)]);
  });

  it('gives the equatorial circumference per world unit at the equator', () => {
    // 2π · 6,378,137 m = 40,075,016.686 m
    expect(metresPerWorldUnit(0)).toBeCloseTo(40_075_016.686, 2);
    expect(metresPerWorldUnit(60)).toBeCloseTo(20_037_508.343, 2);
  });
});
