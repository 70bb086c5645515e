/**
 * Where generated things may stand in each ward: inside the ward (as assign-wards would locate the point, so the
 * smaller of two overlapping outlines wins), on land (the land mask), and inside the ward's unit of the other
 * layout when one is given (the 2025 unit that took the 2019 ward). A 100 m grid of land cells per ward gives its
 * land area and fast uniform sampling even for coastal wards that are mostly sea.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { indexWards, type WardIndex } from '../../src/core/assign-wards.ts';
import type { Ward } from '../../src/core/model.ts';
import { createLandTest } from './geography.ts';
import { outerRingBox, polygonsOf, randomPointInBox, round6, ruler, type Box } from './geometry.ts';
import type { Random } from './random.ts';

/** Side of the land-sampling grid cells, metres. */
const LAND_CELL_M = 100;

export interface WardLand {
  wards: Ward[];
  wardIndex: WardIndex;
  boxes: Box[];
  isOnLand(lon: number, lat: number): boolean;
  /** Whether [lon, lat] is located in ward `w` and lies on land. */
  accepts(w: number, lon: number, lat: number): boolean;
  /** Centres of each ward's land cells, interleaved [lon0, lat0, lon1, lat1, …]. */
  landCells: Float64Array[];
  /** Land area per ward in km² (land cells × cell area). */
  landAreaKm2: Float64Array;
  /** A uniform random land point of ward `w`, rounded to 6 decimals and accepted after rounding. */
  randomPoint(w: number, random: Random): [number, number];
}

/**
 * Builds the land grids of every ward (≈ 1 s for the merged city's 489 units). `alsoInside(w, lon, lat)`, when
 * given, is one more condition on the points of ward `w`.
 */
export function mapWardLand(
  wards: Ward[],
  land: Array<Polygon | MultiPolygon>,
  alsoInside: (w: number, lon: number, lat: number) => boolean = () => true,
): WardLand {
  const wardIndex = indexWards(wards);
  const isOnLand = createLandTest(land);
  const accepts = (w: number, lon: number, lat: number): boolean =>
    isOnLand(lon, lat) && wardIndex.locate(lon, lat).wardIndex === w && alsoInside(w, lon, lat);
  const boxes = wards.map((ward) => outerRingBox(polygonsOf(ward.geometry)));
  const stepLon = LAND_CELL_M / ruler.kx;
  const stepLat = LAND_CELL_M / ruler.ky;
  const landCells = boxes.map(([west, south, east, north], w) => {
    const centres: number[] = [];
    // cells on a city-wide lattice, so neighbouring wards' grids line up
    for (let row = Math.floor(south / stepLat); (row + 0.5) * stepLat <= north; row++) {
      for (let column = Math.floor(west / stepLon); (column + 0.5) * stepLon <= east; column++) {
        const lon = (column + 0.5) * stepLon;
        const lat = (row + 0.5) * stepLat;
        if (accepts(w, lon, lat)) centres.push(lon, lat);
      }
    }
    return Float64Array.from(centres);
  });
  const landAreaKm2 = Float64Array.from(landCells, (cells) => ((cells.length / 2) * LAND_CELL_M * LAND_CELL_M) / 1e6);
  const acceptsRounded = (w: number, lon: number, lat: number): boolean => accepts(w, round6(lon), round6(lat));
  return {
    wards,
    wardIndex,
    boxes,
    isOnLand,
    accepts,
    landCells,
    landAreaKm2,
    randomPoint(w, random) {
      const cells = landCells[w];
      for (let attempt = 0; cells.length > 0 && attempt < 100; attempt++) {
        const c = 2 * Math.floor(random() * (cells.length / 2));
        const lon = round6(cells[c] + (random() - 0.5) * stepLon);
        const lat = round6(cells[c + 1] + (random() - 0.5) * stepLat);
        if (accepts(w, lon, lat)) return [lon, lat];
      }
      // a ward whose land is thinner than the grid: sample its box directly
      const [lon, lat] = randomPointInBox(boxes[w], (x, y) => acceptsRounded(w, x, y), random);
      return [round6(lon), round6(lat)];
    },
  };
}
