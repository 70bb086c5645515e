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

/** Grid cells per ward (about): few candidates per cell, and a grid of a few thousand cells for a city. */
const GRID_CELLS_PER_WARD = 16;
const MAX_GRID_SIDE = 512;

/**
 * Indexes ward polygons for point lookup.
 * Overlap rule (the generalised boundaries overlap slightly): a point inside several polygons belongs to
 * the ward with the smallest area, the more specific outline (equal areas: the first ward); documented in
 * docs/architecture.md.
 *
 * A point's candidates are the wards whose bounding box holds it, as a flatbush search of the point finds them; a
 * search per point allocated its arrays and walked the tree again (~0.1 s of a 600,000-household city), so the
 * searches are made once per cell of a grid over the wards (flatbush finds the boxes meeting each cell), and a
 * point reads its cell's list, testing each box as the search would.
 */
export function indexWards(wards: Ward[]): WardIndex {
  const polygons: Position[][][][] = [];
  const areas = new Float64Array(wards.length);
  const boxes = new Float64Array(4 * wards.length);
  const index = new Flatbush(Math.max(wards.length, 1));
  for (let i = 0; i < wards.length; i++) {
    const geometry = wards[i].geometry;
    const box = turfBbox(geometry);
    boxes.set(box.slice(0, 4), 4 * i);
    index.add(box[0], box[1], box[2], box[3]);
    polygons.push(geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
    areas[i] = turfArea(geometry);
  }
  if (wards.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const grid = candidateGrid(index, wards.length);

  const point: [number, number] = [0, 0];
  return {
    wards,
    locate(lon, lat) {
      let best = -1;
      let hits = 0;
      const cell = grid.cellOf(lon, lat);
      if (cell === -1) return { wardIndex: best, overlaps: false };
      point[0] = lon;
      point[1] = lat;
      // boxes first, then the exact test; `inside` returns 0 on the boundary, counted as inside
      for (let k = grid.start[cell]; k < grid.start[cell + 1]; k++) {
        const candidate = grid.wards[k];
        const b = 4 * candidate;
        if (lon < boxes[b] || lat < boxes[b + 1] || lon > boxes[b + 2] || lat > boxes[b + 3]) continue;
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

/** The wards whose box meets each cell of a grid over all the boxes, ascending, in compressed rows. */
interface CandidateGrid {
  start: Uint32Array;
  wards: Uint32Array;
  /** The cell holding [lon, lat], or -1 outside the grid (outside every box, or not a number). */
  cellOf(lon: number, lat: number): number;
}

function candidateGrid(index: Flatbush, wardCount: number): CandidateGrid {
  const { minX, minY, maxX, maxY } = index;
  const side = wardCount === 0 ? 1 : Math.min(MAX_GRID_SIDE, Math.ceil(Math.sqrt(GRID_CELLS_PER_WARD * wardCount)));
  const width = (maxX - minX) / side;
  const height = (maxY - minY) / side;
  const start = new Uint32Array(side * side + 1);
  const lists: number[][] = [];
  // each cell searched a little beyond its edges: a point that cellOf's rounding puts in a neighbouring cell still
  // finds every box holding it there (the lists are supersets; each box is tested against the point)
  const margin = 1e-6 * Math.max(width, height);
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      const x0 = minX + column * width;
      const y0 = minY + row * height;
      const found = index.search(x0 - margin, y0 - margin, x0 + width + margin, y0 + height + margin).filter((w) => w < wardCount);
      lists.push(found.sort((a, b) => a - b));
      start[row * side + column + 1] = start[row * side + column] + found.length;
    }
  }
  const wards = new Uint32Array(start[side * side]);
  lists.forEach((list, cell) => wards.set(list, start[cell]));
  return {
    start,
    wards,
    cellOf(lon, lat) {
      if (wardCount === 0 || !(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) return -1;
      const column = Math.min(side - 1, Math.floor((lon - minX) / width) || 0);
      const row = Math.min(side - 1, Math.floor((lat - minY) / height) || 0);
      return row * side + column;
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
