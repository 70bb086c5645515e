import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { area as turfArea } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { assignWards, indexWards } from '../../src/core/assign-wards.ts';
import type { HouseholdPoints, Ward } from '../../src/core/model.ts';
import { mulberry32 } from '../../scripts/generate/random.ts';

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

  it('locates as a test of every ward would: random wards, points on their box edges and corners, NaN', () => {
    const random = mulberry32(55);
    // 300 wards over ~1° × 1°: squares and irregular polygons, some with holes or two parts, many overlapping
    const wards = Array.from({ length: 300 }, (_, i): Ward => {
      const lon = 106 + random();
      const lat = 20 + random();
      const size = 0.005 + random() * 0.08;
      if (i % 3 === 0) return ward(`S${i}`, square(lon, lat, size));
      const ring = Array.from({ length: 7 }, (_, k) => {
        const angle = (k / 7) * 2 * Math.PI;
        const r = size * (0.4 + 0.6 * random());
        return [lon + r * Math.cos(angle), lat + r * Math.sin(angle)];
      });
      ring.push(ring[0]);
      if (i % 3 === 1) return ward(`P${i}`, { type: 'Polygon', coordinates: [ring, square(lon - size / 10, lat - size / 10, size / 5).coordinates[0]] });
      return ward(`M${i}`, { type: 'MultiPolygon', coordinates: [[ring], square(lon + size, lat + size, size / 3).coordinates] });
    });
    const index = indexWards(wards);
    const areas = wards.map((w) => turfArea(w.geometry));
    const points: Array<[number, number]> = Array.from({ length: 5_000 }, () => [105.95 + random() * 1.2, 19.95 + random() * 1.2]);
    for (const w of wards) {
      const coordinates = w.geometry.type === 'Polygon' ? [w.geometry.coordinates] : w.geometry.coordinates;
      const xs = coordinates.flat(2).map((p) => p[0]);
      const ys = coordinates.flat(2).map((p) => p[1]);
      const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      // box corners and edges: the searches' boundaries; the first vertex: on the polygon's boundary
      points.push([minX, minY], [maxX, maxY], [minX, (minY + maxY) / 2], [(minX + maxX) / 2, maxY], coordinates[0][0][0] as [number, number]);
    }
    points.push([NaN, 20.5], [106.5, NaN]);
    let inside = 0;
    for (const [lon, lat] of points) {
      let best = -1;
      let hits = 0;
      if (Number.isFinite(lon) && Number.isFinite(lat)) {
        wards.forEach((w, i) => {
          if (!booleanPointInPolygon([lon, lat], w.geometry)) return;
          hits++;
          if (best === -1 || areas[i] < areas[best]) best = i;
        });
      }
      if (best !== -1) inside++;
      expect(index.locate(lon, lat), `${lon}, ${lat}`).toEqual({ wardIndex: best, overlaps: hits > 1 });
    }
    // the sample is not trivial: points inside and outside, overlaps among them
    expect(inside).toBeGreaterThan(500);
    expect(inside).toBeLessThan(points.length - 500);
  });
});
