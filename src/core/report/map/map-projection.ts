/**
 * The projection of the report's maps: a local equirectangular projection fitted to the scope, with the same
 * metres per degree as cheap-ruler (WGS84 ellipsoid at the middle latitude; over Hải Phòng's 0.6° of latitude
 * the east–west scale drifts by < 0.4 %, below what a printed map shows). North is up.
 */
import CheapRuler from 'cheap-ruler';
import type { MultiPolygon, Polygon } from 'geojson';
import { boundingBoxOf } from '../../geo/main-extent.ts';

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

export interface MapProjection {
  /** Page position (x right, y down) of a lon/lat, in the SVG's units (PDF points when printed at size). */
  project(lon: number, lat: number): [number, number];
  /** Ground metres per SVG unit at the middle latitude. */
  metresPerUnit: number;
  /** The fitted frame: width and height of the drawn area (inside the padding), SVG units. */
  width: number;
  height: number;
}

/** The bounding box of polygons' outer rings (the union of `boundingBoxOf`'s); null when there is none. */
export function boxOf(geometries: ReadonlyArray<Polygon | MultiPolygon>): LonLatBox | null {
  const union: LonLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const geometry of geometries) {
    const [west, south, east, north] = boundingBoxOf(geometry);
    union[0] = Math.min(union[0], west);
    union[1] = Math.min(union[1], south);
    union[2] = Math.max(union[2], east);
    union[3] = Math.max(union[3], north);
  }
  return union[0] <= union[2] ? union : null;
}

/**
 * Fits the box into a `width` × `height` frame with `padding` on every side, keeping the ground scale equal on
 * both axes and centring the slack.
 *
 * @example
 * const projection = fitProjection([106.4, 20.6, 107.1, 21.0], 500, 400, 10);
 * projection.metresPerUnit; // ≈ 151: 72.8 km of longitude over 480 units
 */
export function fitProjection(box: LonLatBox, width: number, height: number, padding: number): MapProjection {
  const [west, south, east, north] = box;
  const ruler = new CheapRuler((south + north) / 2, 'meters');
  // a single point or a line still gets a frame of at least 1 km
  const spanXM = Math.max((east - west) * ruler.kx, 1000);
  const spanYM = Math.max((north - south) * ruler.ky, 1000);
  const unitsPerMetre = Math.min((width - 2 * padding) / spanXM, (height - 2 * padding) / spanYM);
  const centreLon = (west + east) / 2;
  const centreLat = (south + north) / 2;
  const kx = ruler.kx * unitsPerMetre;
  const ky = ruler.ky * unitsPerMetre;
  return {
    project: (lon, lat) => [width / 2 + (lon - centreLon) * kx, height / 2 - (lat - centreLat) * ky],
    metresPerUnit: 1 / unitsPerMetre,
    width,
    height,
  };
}

/**
 * The frame height that fits the box at `width` with no slack above and below, within [minHeight, maxHeight]:
 * a wide city gets a low frame instead of white bands.
 */
export function frameHeightFor(box: LonLatBox, width: number, padding: number, minHeight: number, maxHeight: number): number {
  const [west, south, east, north] = box;
  const ruler = new CheapRuler((south + north) / 2, 'meters');
  const aspect = Math.max((north - south) * ruler.ky, 1000) / Math.max((east - west) * ruler.kx, 1000);
  return Math.min(maxHeight, Math.max(minHeight, Math.round((width - 2 * padding) * aspect + 2 * padding)));
}

/**
 * The scale bar's length: the longest 1, 2 or 5 × 10ⁿ metres that fits in `maxUnits` of the map.
 *
 * @example scaleBarLength(151, 100) // { metres: 10000, units: 66.2 }
 */
export function scaleBarLength(metresPerUnit: number, maxUnits: number): { metres: number; units: number } {
  const maxMetres = metresPerUnit * maxUnits;
  let metres = 10 ** Math.floor(Math.log10(maxMetres));
  for (const step of [5, 2]) {
    if (metres * step <= maxMetres) {
      metres *= step;
      break;
    }
  }
  return { metres, units: metres / metresPerUnit };
}
