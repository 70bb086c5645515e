/**
 * The extent to open the map on: the bounding box of the wards without the few whose centres lie far out
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
 * Union of the boxes whose centres lie within the `trim`…(1 − trim) quantiles of all centres on both axes
 * (nearest-rank quantiles); null for no boxes. With trim 0 it is the union of all boxes.
 */
export function mainExtent(boxes: readonly BoundingBox[], trim = 0.02): BoundingBox | null {
  if (boxes.length === 0) return null;
  const centreLon = boxes.map((box) => (box[0] + box[2]) / 2);
  const centreLat = boxes.map((box) => (box[1] + box[3]) / 2);
  const range = (values: number[]): [number, number] => {
    const sorted = values.slice().sort((a, b) => a - b);
    const low = Math.floor(trim * (sorted.length - 1));
    const high = Math.ceil((1 - trim) * (sorted.length - 1));
    return [sorted[low], sorted[high]];
  };
  const [lonLow, lonHigh] = range(centreLon);
  const [latLow, latHigh] = range(centreLat);
  const extent: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  boxes.forEach((box, i) => {
    if (centreLon[i] < lonLow || centreLon[i] > lonHigh || centreLat[i] < latLow || centreLat[i] > latHigh) return;
    extent[0] = Math.min(extent[0], box[0]);
    extent[1] = Math.min(extent[1], box[1]);
    extent[2] = Math.max(extent[2], box[2]);
    extent[3] = Math.max(extent[3], box[3]);
  });
  return extent;
}
