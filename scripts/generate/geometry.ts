/** Plane geometry for the data generators: polygons as ring lists, boxes, local metres around Hải Phòng. */
import CheapRuler from 'cheap-ruler';
import inside from 'point-in-polygon-hao';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Random } from './random.ts';

/** [west, south, east, north] in degrees. */
export type Box = [number, number, number, number];

/** Latitude of Hải Phòng's centre, where the local metres-per-degree factors are taken. */
const HAI_PHONG_LATITUDE = 20.85;

/**
 * Flat-earth ruler at 20.85° N (cheap-ruler: WGS84 ellipsoid series, error < 0.1 % within ~500 km of that
 * latitude): `ruler.kx` / `ruler.ky` are metres per degree of longitude / latitude.
 */
export const ruler = new CheapRuler(HAI_PHONG_LATITUDE, 'meters');

/** The polygons of a Polygon or MultiPolygon, each as its list of rings (outer ring first). */
export function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Bounding box of the outer rings (holes lie inside them). */
export function outerRingBox(polygons: Position[][][]): Box {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0]) {
      west = Math.min(west, x); east = Math.max(east, x); south = Math.min(south, y); north = Math.max(north, y);
    }
  }
  return [west, south, east, north];
}

/** Whether the point lies in any of the polygons (boundary counts as inside, as in assign-wards). */
export function isInPolygons(polygons: Position[][][], lon: number, lat: number): boolean {
  return polygons.some((polygon) => inside([lon, lat], polygon) !== false);
}

/** Rejection sampling: a uniform point of `box` that `accepts` takes; throws after `maxAttempts` refusals. */
export function randomPointInBox(
  box: Box,
  accepts: (lon: number, lat: number) => boolean,
  random: Random,
  maxAttempts = 1_000_000,
): [number, number] {
  const [west, south, east, north] = box;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const lon = west + random() * (east - west);
    const lat = south + random() * (north - south);
    if (accepts(lon, lat)) return [lon, lat];
  }
  throw new Error(`randomPointInBox: no accepted point in ${maxAttempts} draws over box ${box.join(',')}`);
}

/** Rounds a coordinate to 6 decimals (≈ 0.1 m), the precision of every generated file. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The point `eastM` metres east and `northM` metres north of [lon, lat] (local flat-earth offset). */
export function offsetM(lon: number, lat: number, eastM: number, northM: number): [number, number] {
  return [lon + eastM / ruler.kx, lat + northM / ruler.ky];
}

/** Ground distance in metres between two points (cheap-ruler). */
export function distanceM(lonA: number, latA: number, lonB: number, latB: number): number {
  const dx = (lonA - lonB) * ruler.kx;
  const dy = (latA - latB) * ruler.ky;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Ground distance in metres from point P to segment AB, in the local flat-earth frame. */
export function pointToSegmentM(
  lon: number, lat: number, lonA: number, latA: number, lonB: number, latB: number,
): number {
  const px = (lon - lonA) * ruler.kx;
  const py = (lat - latA) * ruler.ky;
  const bx = (lonB - lonA) * ruler.kx;
  const by = (latB - latA) * ruler.ky;
  const lengthSquared = bx * bx + by * by;
  // project P on AB and clamp to the segment's ends
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / lengthSquared));
  const dx = px - t * bx;
  const dy = py - t * by;
  return Math.sqrt(dx * dx + dy * dy);
}
