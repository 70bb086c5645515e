import Flatbush from 'flatbush';
import inside from 'point-in-polygon-hao';
import { area as turfArea } from '@turf/area';
import { bbox as turfBbox } from '@turf/bbox';
import type { Position } from 'geojson';
import type { HouseholdPoints, Ward } from './model.ts';

/** Household → ward lookup result; ward indices refer to the `wards` array passed in. */
export interface WardAssignment {
  /** Index into `wards` per household point, or -1 when the point lies outside every ward. */
  wardIndex: Int32Array;
  /** Household points outside every ward polygon (kept, reported, counted under no ward). */
  outsideCount: number;
  /** Points that fell in two or more ward polygons, resolved by the smallest-area rule. */
  overlapCount: number;
  /** Points whose file-given `ward_id` matched no ward; they were located by polygon instead. */
  unknownWardIdCount: number;
}

/** A spatial index over ward polygons, reusable for any point lookup (households, grid cells, sites). */
export interface WardIndex {
  wards: Ward[];
  /** Ward indices sorted so that, among overlapping polygons, the smaller ward is tested first. */
  locate(lon: number, lat: number): { wardIndex: number; overlaps: boolean };
}

/**
 * Indexes ward polygons for point lookup.
 * Overlap rule (the generalised boundaries overlap slightly): a point inside several polygons belongs to
 * the ward with the smallest area, the more specific outline; documented in docs/architecture.md.
 */
export function indexWards(wards: Ward[]): WardIndex {
  const index = new Flatbush(Math.max(wards.length, 1));
  const polygons: Position[][][][] = [];
  const areas = new Float64Array(wards.length);
  for (let i = 0; i < wards.length; i++) {
    const geometry = wards[i].geometry;
    const [minX, minY, maxX, maxY] = turfBbox(geometry);
    index.add(minX, minY, maxX, maxY);
    polygons.push(geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
    areas[i] = turfArea(geometry);
  }
  if (wards.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  const point: [number, number] = [0, 0];
  return {
    wards,
    locate(lon, lat) {
      point[0] = lon;
      point[1] = lat;
      let best = -1;
      let hits = 0;
      // bbox candidates first, then the exact test; `inside` returns 0 on the boundary, counted as inside
      for (const candidate of index.search(lon, lat, lon, lat)) {
        if (candidate >= wards.length) continue;
        const polygonsOfWard = polygons[candidate];
        for (let p = 0; p < polygonsOfWard.length; p++) {
          if (inside(point, polygonsOfWard[p]) !== false) {
            hits++;
            if (best === -1 || areas[candidate] < areas[best]) best = candidate;
            break;
          }
        }
      }
      return { wardIndex: best, overlaps: hits > 1 };
    },
  };
}

/**
 * Assigns every household point to a ward: by its `ward_id` when the file gives a known one, else by
 * point-in-polygon. Never drops a point: those outside every ward get -1 and are counted.
 */
export function assignWards(households: Pick<HouseholdPoints, 'length' | 'lon' | 'lat' | 'wardId'>, wardIndex: WardIndex): WardAssignment {
  const idToIndex = new Map<string, number>();
  wardIndex.wards.forEach((ward, i) => idToIndex.set(ward.id, i));
  const result = new Int32Array(households.length);
  let outsideCount = 0;
  let overlapCount = 0;
  let unknownWardIdCount = 0;
  for (let i = 0; i < households.length; i++) {
    const givenId = households.wardId[i];
    if (givenId !== null) {
      const given = idToIndex.get(givenId);
      if (given !== undefined) {
        result[i] = given;
        continue;
      }
      unknownWardIdCount++;
    }
    const { wardIndex: located, overlaps } = wardIndex.locate(households.lon[i], households.lat[i]);
    result[i] = located;
    if (located === -1) outsideCount++;
    if (overlaps) overlapCount++;
  }
  return { wardIndex: result, outsideCount, overlapCount, unknownWardIdCount };
}

/**
 * Locates households by their position only, whatever `ward_id` their file gives: for ids of another layout, e.g.
 * the embedded households name their 2025 unit, and some 2025 codes are also 2019 codes of another unit, so an id
 * lookup would misplace them in the 2019 layout.
 */
export function locateByPosition(households: HouseholdPoints, index: WardIndex): WardAssignment {
  return assignWards({ ...households, wardId: households.wardId.map(() => null) }, index);
}
