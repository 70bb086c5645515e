/**
 * A small real-looking dataset for end-to-end tests: the embedded wards of a few districts, the embedded
 * households inside them, and the sites and fibre within a margin of their extent. Written as files to a
 * temporary directory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import pointInPolygon from 'point-in-polygon-hao';

export interface CitySubset {
  dir: string;
  wards: string;
  sites: string;
  households: string;
  fibre: string;
  /** Ward features kept (properties as in data/hp_wards_polygons.geojson). */
  wardFeatures: Array<Feature<Geometry, { gso_code: string; name: string; district: string }>>;
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    default:
      return [];
  }
}

/** Writes the subset of the embedded data for the given districts (names as in the ward file). */
export function writeCitySubset(districts: readonly string[], marginDeg = 0.08): CitySubset {
  const dir = mkdtempSync(join(tmpdir(), 'phusong-subset-'));
  const wardsAll = JSON.parse(readFileSync('data/hp_wards_polygons.geojson', 'utf8')) as FeatureCollection<Geometry, { gso_code: string; name: string; district: string }>;
  const wardFeatures = wardsAll.features.filter((feature) => districts.includes(feature.properties.district));
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of wardFeatures.flatMap((feature) => positionsOf(feature.geometry))) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const inside = (lon: number, lat: number, margin: number): boolean => lon >= west - margin && lon <= east + margin && lat >= south - margin && lat <= north + margin;

  const wards = join(dir, 'wards.geojson');
  writeFileSync(wards, JSON.stringify({ type: 'FeatureCollection', features: wardFeatures }));

  const householdLines = gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8').split('\n');
  const header = householdLines[0].split(',');
  const lonColumn = header.indexOf('lon');
  const latColumn = header.indexOf('lat');
  const polygons = wardFeatures.flatMap((feature) =>
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates : [],
  );
  const keptHouseholds = householdLines.slice(1).filter((line) => {
    const cells = line.split(',');
    const point = [Number(cells[lonColumn]), Number(cells[latColumn])];
    return line !== '' && inside(point[0], point[1], 0) && polygons.some((polygon) => pointInPolygon(point, polygon) !== false);
  });
  const households = join(dir, 'households.csv');
  writeFileSync(households, [householdLines[0], ...keptHouseholds].join('\n') + '\n');

  const siteLines = readFileSync('data/sites.csv', 'utf8').split('\n');
  const siteHeader = siteLines[0].split(',');
  const siteLon = siteHeader.indexOf('lon');
  const siteLat = siteHeader.indexOf('lat');
  const keptSites = siteLines.slice(1).filter((line) => {
    const cells = line.split(',');
    return line !== '' && inside(Number(cells[siteLon]), Number(cells[siteLat]), marginDeg);
  });
  const sites = join(dir, 'sites.csv');
  writeFileSync(sites, [siteLines[0], ...keptSites].join('\n') + '\n');

  const fibreAll = JSON.parse(readFileSync('data/fibre.geojson', 'utf8')) as FeatureCollection;
  const fibre = join(dir, 'fibre.geojson');
  writeFileSync(
    fibre,
    JSON.stringify({
      type: 'FeatureCollection',
      features: fibreAll.features.filter((feature) => positionsOf(feature.geometry).some(([lon, lat]) => inside(lon, lat, marginDeg))),
    }),
  );
  return { dir, wards, sites, households, fibre, wardFeatures };
}
