/** Small helpers over GeoJSON polygon coordinates (lon/lat degrees or any plane units). */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** The polygons (each a list of rings, the outer ring first) of Polygon and MultiPolygon geometries; none for null. */
export function polygonsOf(geometries: ReadonlyArray<Polygon | MultiPolygon> | null): Position[][][] {
  if (geometries === null) return [];
  return geometries.flatMap((geometry) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates));
}

/** [west, south, east, north] of a polygon's outer ring; [∞, ∞, −∞, −∞] when it is empty. */
export function boundsOf(polygon: Position[][]): [number, number, number, number] {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [x, y] of polygon[0] ?? []) {
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  return [west, south, east, north];
}

/** Shoelace signed area of a closed ring (positive = counter-clockwise with y up), in the ring's units squared. */
export function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let k = 1; k < ring.length; k++) sum += ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1];
  return sum / 2;
}
