/**
 * Crosswalk against point in polygon on hand-built layouts: old units A (west) and B (east) both go to new unit X
 * by the crosswalk, C to Y; the new polygons are drawn so that part of B lies in Y and a sliver of A in none.
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { crosswalkVersusPolygons } from '../../../src/core/layouts/crosswalk-vs-polygons.ts';
import type { HouseholdPoints, Ward } from '../../../src/core/model.ts';

const box = (west: number, south: number, east: number, north: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});
const ward = (id: string, geometry: Polygon): Ward => ({ id, name: id, district: null, type: null, environment: null, population2019: null, households2019: null, geometry });

const OLD = [ward('A', box(0, 0, 1, 1)), ward('B', box(1, 0, 2, 1)), ward('C', box(2, 0, 3, 1))];
// X covers A but its western tenth, and the west half of B; Y the east half of B and C
const NEW = [ward('X', box(0.1, 0, 1.5, 1)), ward('Y', box(1.5, 0, 3, 1))];
const CROSSWALK = { newIdOfOldId: new Map([['A', 'X'], ['B', 'X'], ['C', 'Y']]) };

describe('crosswalkVersusPolygons', () => {
  it('counts per unit both ways and the households that move (ward ids of the file ignored)', () => {
    // [lon, households, ward id in the file]
    const points: Array<[number, number, string]> = [[0.05, 3, 'Y'], [0.5, 10, 'Y'], [1.2, 5, 'Y'], [1.8, 7, 'X'], [2.5, 2, 'X']];
    const households: HouseholdPoints = {
      length: points.length,
      ids: points.map((_, i) => `h${i}`),
      lon: Float64Array.from(points, (p) => p[0]),
      lat: Float64Array.from(points, () => 0.5),
      count: Uint32Array.from(points, (p) => p[1]),
      wardId: points.map((p) => p[2]),
    };
    const comparison = crosswalkVersusPolygons(households, indexWards(OLD), indexWards(NEW), CROSSWALK);
    // crosswalk: X = 3 + 10 + 5 + 7, Y = 2; polygons: X = 10 + 5, Y = 7 + 2, 3 in no unit
    expect([...comparison.byCrosswalk]).toEqual([25, 2]);
    expect([...comparison.byPolygon]).toEqual([15, 9]);
    expect(comparison.outsideByPolygon).toBe(3);
    expect(comparison.movedHouseholds).toBe(10);
    expect(comparison.flows).toEqual([
      { fromUnit: 0, toUnit: 1, households: 7 },
      { fromUnit: 0, toUnit: -1, households: 3 },
    ]);
    expect(comparison.differingUnits).toEqual([0, 1]);
  });
});
