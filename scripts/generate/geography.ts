/**
 * The real geography the generators build on: the 223 ward polygons with their 2019 census households, and the
 * district polygons used as the land mask (the generalised ward polygons reach into the sea and the estuaries).
 */
import { readFileSync } from 'node:fs';
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Ward } from '../../src/core/model.ts';
import { isInPolygons, outerRingBox, polygonsOf } from './geometry.ts';

export const WARDS_PATH = 'data/hp_wards_polygons.geojson';
const DISTRICTS_PATH = 'data/hp_districts_polygons.geojson';

interface WardProperties {
  gso_code: string;
  name: string;
  type: string | null;
  district: string | null;
  pop_2019: number | null;
  households_2019: number | null;
}

/** Reads the ward polygons into the data model as the embedded dataset does (id = GSO code). */
export function readWards(path = WARDS_PATH): Ward[] {
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, WardProperties>;
  return collection.features.map((feature: Feature<Polygon | MultiPolygon, WardProperties>) => ({
    id: String(feature.properties.gso_code),
    name: feature.properties.name,
    district: feature.properties.district,
    type: feature.properties.type,
    environment: null,
    population2019: feature.properties.pop_2019,
    households2019: feature.properties.households_2019,
    geometry: feature.geometry,
  }));
}

/** Reads the district polygons: the land mask. */
export function readLand(path = DISTRICTS_PATH): Array<Polygon | MultiPolygon> {
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  return collection.features.map((feature) => feature.geometry);
}

/** Point-on-land test over the land polygons, with a flatbush of their parts' boxes (Cát Hải has ~100 islands). */
export function createLandTest(land: Array<Polygon | MultiPolygon>): (lon: number, lat: number) => boolean {
  const parts: Position[][][] = land.flatMap((geometry) => polygonsOf(geometry));
  const index = new Flatbush(parts.length);
  for (const part of parts) index.add(...outerRingBox([part]));
  index.finish();
  return (lon, lat) => index.search(lon, lat, lon, lat).some((p) => isInPolygons([parts[p]], lon, lat));
}
