import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { assignWards, indexWards } from '../../src/core/assign-wards.ts';
import type { HouseholdPoints, Ward } from '../../src/core/model.ts';

function square(minLon: number, minLat: number, size: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[[minLon, minLat], [minLon + size, minLat], [minLon + size, minLat + size], [minLon, minLat + size], [minLon, minLat]]],
  };
}

function ward(id: string, geometry: Polygon | MultiPolygon): Ward {
  return { id, name: id, district: null, type: null, environment: null, population2019: null, households2019: null, geometry };
}

function households(points: Array<[number, number, string | null]>): HouseholdPoints {
  return {
    length: points.length,
    ids: points.map((_, i) => `h${i}`),
    lon: Float64Array.from(points.map((p) => p[0])),
    lat: Float64Array.from(points.map((p) => p[1])),
    count: Uint32Array.from(points.map(() => 1)),
    wardId: points.map((p) => p[2]),
  };
}

describe('assignWards', () => {
  // A: 0.1° square; B: 0.02° square overlapping A's north-east corner; C: a two-part MultiPolygon with a hole
  const withHole: Polygon = {
    type: 'Polygon',
    coordinates: [
      [[107, 20], [107.1, 20], [107.1, 20.1], [107, 20.1], [107, 20]],
      [[107.04, 20.04], [107.06, 20.04], [107.06, 20.06], [107.04, 20.06], [107.04, 20.04]],
    ],
  };
  const wards = [
    ward('A', square(106, 20, 0.1)),
    ward('B', square(106.09, 20.09, 0.02)),
    ward('C', { type: 'MultiPolygon', coordinates: [withHole.coordinates, square(107.2, 20, 0.01).coordinates] }),
  ];
  const index = indexWards(wards);

  it('locates points by polygon, resolving overlaps to the smaller ward', () => {
    const result = assignWards(
      households([
        [106.05, 20.05, null], // inside A only
        [106.095, 20.095, null], // inside A and B: B is smaller
        [106.105, 20.105, null], // inside B only
        [107.205, 20.005, null], // second part of C
        [107.05, 20.05, null], // in C's hole: outside every ward
        [105, 19, null], // far away
      ]),
      index,
    );
    expect(Array.from(result.wardIndex)).toEqual([0, 1, 1, 2, -1, -1]);
    expect(result.outsideCount).toBe(2);
    expect(result.overlapCount).toBe(1);
  });

  it('keeps a known ward_id from the file and locates points whose ward_id is unknown', () => {
    const result = assignWards(
      households([
        [106.05, 20.05, 'C'], // the file says C: trusted even though the point lies in A
        [106.05, 20.05, 'Z'], // unknown id: located by polygon instead
      ]),
      index,
    );
    expect(Array.from(result.wardIndex)).toEqual([2, 0]);
    expect(result.unknownWardIdCount).toBe(1);
  });

  it('works with no wards at all', () => {
    const result = assignWards(households([[106, 20, null]]), indexWards([]));
    expect(Array.from(result.wardIndex)).toEqual([-1]);
    expect(result.outsideCount).toBe(1);
  });
});
