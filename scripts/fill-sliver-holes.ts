/**
 * Fills the interior holes of a unit layer that hold no other unit. The 2025 units were dissolved from the
 * generalised 2019 polygons, whose neighbours leave sliver gaps; a gap surrounded by one new unit became a hole in
 * it, which draws as a stray outline along an abolished boundary and leaves a point there outside every unit. A
 * hole that holds another unit's polygon (an enclave) is kept. Idempotent: a filled file comes out unchanged.
 *
 *   node --import tsx scripts/fill-sliver-holes.ts data/hp2025_wards_polygons.geojson   # in place
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import inside from 'point-in-polygon-hao';
import { outerRingBox, polygonsOf } from './generate/geometry.ts';

export interface FilledLayer {
  collection: FeatureCollection<Polygon | MultiPolygon>;
  /** Holes removed, and their area in km² (shoelace on local metres at each hole's latitude). */
  filled: number;
  filledKm2: number;
}

/** Area of a ring in km², local metres at its first vertex's latitude (WGS84 mean radius). */
function ringAreaKm2(ring: Position[]): number {
  const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
  const kx = metresPerDegree * Math.cos((ring[0][1] * Math.PI) / 180);
  let twice = 0;
  for (let i = 1; i < ring.length; i++) twice += ring[i - 1][0] * kx * ring[i][1] * metresPerDegree - ring[i][0] * kx * ring[i - 1][1] * metresPerDegree;
  return Math.abs(twice) / 2 / 1e6;
}

/** The layer with every hole that no other polygon part reaches into removed (see the module comment). */
export function fillSliverHoles(collection: FeatureCollection<Polygon | MultiPolygon>): FilledLayer {
  const parts = collection.features.flatMap((feature, f) => polygonsOf(feature.geometry).map((polygon, p) => ({ f, p, outer: polygon[0], box: outerRingBox([polygon]) })));
  let filled = 0;
  let filledKm2 = 0;
  const holdsAnotherPart = (hole: Position[], f: number, p: number): boolean => {
    const [west, south, east, north] = outerRingBox([[hole]]);
    return parts.some(
      (part) =>
        !(part.f === f && part.p === p) &&
        part.box[0] <= east && part.box[2] >= west && part.box[1] <= north && part.box[3] >= south &&
        part.outer.some((vertex) => inside(vertex, [hole]) === true),
    );
  };
  const features = collection.features.map((feature, f) => {
    const polygons = polygonsOf(feature.geometry).map((polygon, p) => {
      const [outer, ...holes] = polygon;
      const kept = holes.filter((hole) => {
        if (holdsAnotherPart(hole, f, p)) return true;
        filled++;
        filledKm2 += ringAreaKm2(hole);
        return false;
      });
      return [outer, ...kept];
    });
    const geometry: Polygon | MultiPolygon =
      feature.geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
    return { ...feature, geometry };
  });
  return { collection: { ...collection, features }, filled, filledKm2 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  if (path === undefined) throw new Error('usage: fill-sliver-holes.ts FILE.geojson');
  const { collection, filled, filledKm2 } = fillSliverHoles(JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>);
  writeFileSync(path, JSON.stringify(collection));
  process.stdout.write(`${path}: ${filled} holes filled, ${filledKm2.toFixed(2)} km²\n`);
}
