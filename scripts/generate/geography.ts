/**
 * The real geography the generators build on: the 2019 unit polygons of Hải Phòng (223) and former Hải Dương
 * (265) with their 2019 census households, the 114 units of the merged city of 2025 and the crosswalk between the
 * two, and the land mask: Hải Phòng's district polygons (the generalised ward polygons reach into the sea and the
 * estuaries) and the outline of Hải Dương's ward polygons (an inland province: its units are land).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureCollection, union } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import Papa from 'papaparse';
import { fillSliverHoles } from '../fill-sliver-holes.ts';
import type { Ward } from '../../src/core/model.ts';
import { isInPolygons, outerRingBox, polygonsOf } from './geometry.ts';

export const WARDS_PATH = 'data/hp_wards_polygons.geojson';
const DISTRICTS_PATH = 'data/hp_districts_polygons.geojson';
const HD_WARDS_FILE = 'hd_wards_polygons.geojson';
const UNITS_2025_FILE = 'hp2025_wards_polygons.geojson';
const CROSSWALK_FILE = 'hp2025_crosswalk.csv';

interface WardProperties {
  gso_code: string;
  name: string;
  type: string | null;
  district?: string | null;
  pop_2019: number | null;
  households_2019: number | null;
}

/** Reads the ward polygons into the data model as the embedded dataset does (id = GSO code, or the 2025 `ward_code`). */
export function readWards(path = WARDS_PATH): Ward[] {
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, WardProperties & { ward_code?: string }>;
  return collection.features.map((feature: Feature<Polygon | MultiPolygon, WardProperties & { ward_code?: string }>) => ({
    id: String(feature.properties.gso_code ?? feature.properties.ward_code),
    name: feature.properties.name,
    district: feature.properties.district ?? null,
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

/** The merged city of 2025 as the generators see it. */
export interface MergedCity {
  /**
   * Where households are generated: the 2019 units of both provinces, then Bạch Long Vĩ (old code 318), a
   * district without communes whose polygon is its 2025 unit's.
   */
  units2019: Ward[];
  /** The 114 units of 2025 (id = new code). */
  units2025: Ward[];
  /** The new unit of each old code: the crosswalk row with `share` 1. */
  newCodeOf: ReadonlyMap<string, string>;
  /** Land mask features: Hải Phòng's 15 districts, then the outline of former Hải Dương. */
  land: Array<Feature<Polygon | MultiPolygon>>;
}

/** Reads the merged city from `dataDir` (data/SOURCES.md describes every file). */
export function readMergedCity(dataDir = 'data'): MergedCity {
  const hp = readWards(join(dataDir, 'hp_wards_polygons.geojson'));
  const hd = readWards(join(dataDir, HD_WARDS_FILE));
  const units2025 = readWards(join(dataDir, UNITS_2025_FILE));
  const newCodeOf = readCrosswalk(join(dataDir, CROSSWALK_FILE));
  const polygonCodes = new Set([...hp, ...hd].map((ward) => ward.id));
  // old units without a 2019 polygon (Bạch Long Vĩ) take the polygon of the new unit that is theirs alone
  const unitsWithoutPolygon = [...newCodeOf].filter(([oldCode]) => !polygonCodes.has(oldCode)).map(([oldCode, newCode]) => {
    const unit = units2025.find((ward) => ward.id === newCode);
    const members = [...newCodeOf.values()].filter((code) => code === newCode).length;
    if (unit === undefined || members !== 1) throw new Error(`readMergedCity: old unit ${oldCode} has no polygon of its own`);
    return { ...unit, id: oldCode, name: `Huyện ${unit.name.replace(/^Đặc khu /, '')}`, type: 'Huyện', district: `Huyện ${unit.name.replace(/^Đặc khu /, '')}` };
  });
  const districts = JSON.parse(readFileSync(join(dataDir, 'hp_districts_polygons.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  return { units2019: [...hp, ...hd, ...unitsWithoutPolygon], units2025, newCodeOf, land: [...districts.features, provinceOutline(hd)] };
}

/**
 * An inland province's land: the union of its unit polygons (turf), with the sliver gaps the generalised
 * neighbours leave between them filled (holes that hold no other part), so the land fill has no cracks.
 */
function provinceOutline(units: Ward[]): Feature<Polygon | MultiPolygon> {
  const merged = union(featureCollection(units.map((unit): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry: unit.geometry }))));
  if (merged === null) throw new Error('provinceOutline: no units to merge');
  const [outline] = fillSliverHoles(featureCollection([merged])).collection.features;
  return { type: 'Feature', properties: { gso_code: '30', name: 'Tỉnh Hải Dương (cũ)' }, geometry: outline.geometry };
}

/** The crosswalk's old code → new code over the rows with `share` 1 (exactly one per old unit). */
function readCrosswalk(path: string): Map<string, string> {
  const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const newCodeOf = new Map<string, string>();
  for (const row of rows) {
    if (Number(row.share) !== 1) continue;
    if (newCodeOf.has(row.old_code)) throw new Error(`readCrosswalk: old unit ${row.old_code} has two rows with share 1`);
    newCodeOf.set(row.old_code, row.new_code);
  }
  return newCodeOf;
}

/**
 * The land mask as GeoJSON text, one feature per line: Hải Phòng's district polygons (GPL-3.0, see
 * data/SOURCES.md) and the outline of former Hải Dương.
 */
export function landMaskGeojson(land: Array<Feature<Polygon | MultiPolygon>>): string {
  const lines = land.map((feature) => JSON.stringify({ type: 'Feature', properties: feature.properties, geometry: feature.geometry }));
  return `{"type":"FeatureCollection","name":"hp2025_land_mask","features":[\n${lines.join(',\n')}\n]}\n`;
}
