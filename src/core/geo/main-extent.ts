/**
 * The extent to open a map on (the app's, the report's): the bounding box of the wards without the few lying far from all others
 * (Hải Phòng's Bạch Long Vĩ island is 130 km offshore; fitting it would shrink the city to a corner).
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** [west, south, east, north] in degrees. */
export type BoundingBox = [number, number, number, number];

export function boundingBoxOf(geometry: Polygon | MultiPolygon): BoundingBox {
  const box: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}

/**
 * Union of the boxes but those far from all others: a box whose gap to the nearest other box is more than
 * `isolation` times the typical (median) nearest-centre distance is left out, as Bạch Long Vĩ is (~20 typical
 * spacings from Cát Hải's box); a large unit at the edge touching its neighbours (Cát Hải) has no gap and stays,
 * however far its centre lies. Distances in degrees with longitude scaled by cos(latitude). null for no boxes;
 * `Infinity` keeps all.
 */
export function mainExtent(boxes: readonly BoundingBox[], isolation = 5): BoundingBox | null {
  if (boxes.length === 0) return null;
  const centreLon = boxes.map((box) => (box[0] + box[2]) / 2);
  const centreLat = boxes.map((box) => (box[1] + box[3]) / 2);
  const lonScale = Math.cos((((Math.min(...centreLat) + Math.max(...centreLat)) / 2) * Math.PI) / 180);
  // a few hundred units: the plain O(n²) scans are instant
  const nearestOf = (distance: (i: number, j: number) => number) =>
    boxes.map((_, i) => {
      let best = Infinity;
      for (let j = 0; j < boxes.length; j++) if (j !== i) best = Math.min(best, distance(i, j));
      return best;
    });
  const nearestCentre = nearestOf((i, j) => Math.hypot((centreLon[i] - centreLon[j]) * lonScale, centreLat[i] - centreLat[j]));
  const gap = (low1: number, high1: number, low2: number, high2: number) => Math.max(0, low2 - high1, low1 - high2);
  const nearestGap = nearestOf((i, j) => Math.hypot(gap(boxes[i][0], boxes[i][2], boxes[j][0], boxes[j][2]) * lonScale, gap(boxes[i][1], boxes[i][3], boxes[j][1], boxes[j][3])));
  const typical = nearestCentre.slice().sort((a, b) => a - b)[Math.floor((nearestCentre.length - 1) / 2)];
  const extent: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  boxes.forEach((box, i) => {
    if (nearestGap[i] > isolation * typical) return;
    extent[0] = Math.min(extent[0], box[0]);
    extent[1] = Math.min(extent[1], box[1]);
    extent[2] = Math.max(extent[2], box[2]);
    extent[3] = Math.max(extent[3], box[3]);
  });
  return extent;
}
