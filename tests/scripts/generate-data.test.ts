/**
 * The embedded synthetic dataset: the generator reproduces the committed files byte for byte, and the files keep
 * the promises of data/SOURCES.md, checked on the committed files themselves with code independent of the
 * generator (turf point-in-polygon, plain CSV splitting, the app's own parsers and fibre coverage).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { area as turfArea, booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexWards } from '../../src/core/assign-wards.ts';
import { computeFibreCoverage } from '../../src/core/fibre/fibre-coverage.ts';
import { DEFAULT_SETTINGS, type Ward } from '../../src/core/model.ts';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { generateData, SYNTHETIC_FILES, type GeneratedData } from '../../scripts/generate-data.ts';
import { readWards } from '../../scripts/generate/geography.ts';
import { distanceM, pointToSegmentM } from '../../scripts/generate/geometry.ts';
import { minimumSpanningTree } from '../../scripts/generate/minimum-spanning-tree.ts';
import { FIVE_G_DISTRICTS, GAP_WARD_IDS, INDUSTRIAL_ZONES } from '../../scripts/generate/places.ts';
import { apportion } from '../../scripts/generate/random.ts';

const committed = (name: string): Buffer => readFileSync(`data/${name}`);

/** Rows of a CSV without quoted fields (all our generated files), header first. */
function splitCsv(text: string): string[][] {
  return text.trimEnd().split('\n').map((line) => line.split(','));
}

function columnsOf(header: string[]): Record<string, number> {
  return Object.fromEntries(header.map((name, i) => [name, i]));
}

type WardFeature = Feature<Polygon | MultiPolygon, { gso_code: string; name: string; type: string; district: string }>;
const wardFeatures = (JSON.parse(readFileSync('data/hp_wards_polygons.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon>)
  .features as WardFeature[];
const wardById = new Map(wardFeatures.map((feature) => [feature.properties.gso_code, feature]));
const districtFeatures = (JSON.parse(readFileSync('data/hp_districts_polygons.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon>)
  .features;

/** Land test by turf, with each district's box as a cheap first test. */
const districtBoxes = districtFeatures.map((feature) => turfBbox(feature));
function isOnLand(lon: number, lat: number): boolean {
  return districtFeatures.some((feature, d) => {
    const [west, south, east, north] = districtBoxes[d];
    return lon >= west && lon <= east && lat >= south && lat <= north && booleanPointInPolygon([lon, lat], feature);
  });
}

const householdsText = gunzipSync(committed('households.csv.gz')).toString('utf8');
const householdRows = splitCsv(householdsText);
const sitesText = committed('sites.csv').toString('utf8');
const siteRows = splitCsv(sitesText);
const fibreText = committed('fibre.geojson').toString('utf8');

describe('npm run generate-data reproduces the committed files', () => {
  let data: GeneratedData;
  beforeAll(() => {
    data = generateData();
  }, 120_000);

  for (const name of SYNTHETIC_FILES.filter((file) => !file.endsWith('.gz'))) {
    it(`data/${name} byte for byte`, () => {
      expect(data.files[name].equals(committed(name))).toBe(true);
    });
  }

  it('the households CSV inside data/households.csv.gz byte for byte', () => {
    expect(gunzipSync(data.files['households.csv.gz']).equals(Buffer.from(householdsText))).toBe(true);
  });

  it('data/households.csv.gz byte for byte (gzip level 9, no name or time stamp; same zlib)', () => {
    expect(data.files['households.csv.gz'].equals(committed('households.csv.gz'))).toBe(true);
  });
});

describe('data/households.csv.gz', () => {
  const [header, ...rows] = householdRows;
  const column = columnsOf(header);

  it('has the documented columns and 150,000–260,000 points', () => {
    expect(header).toEqual(['household_id', 'lon', 'lat', 'count', 'ward_id']);
    expect(rows.length).toBeGreaterThanOrEqual(150_000);
    expect(rows.length).toBeLessThanOrEqual(260_000);
  });

  it("sums exactly to every ward's 2019 census household count (hp_ward_census2019.csv)", () => {
    const [censusHeader, ...censusRows] = splitCsv(readFileSync('data/hp_ward_census2019.csv', 'utf8'));
    const census = columnsOf(censusHeader);
    const expected = new Map(
      censusRows.filter((row) => row[census.ward_code] !== '').map((row) => [row[census.ward_code], Number(row[census.households_total])]),
    );
    expect(expected.size).toBe(223);
    const sums = new Map<string, number>();
    for (const row of rows) sums.set(row[column.ward_id], (sums.get(row[column.ward_id]) ?? 0) + Number(row[column.count]));
    expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(expected));
  });

  it('has unique ids and coordinates with at most 6 decimals', () => {
    expect(new Set(rows.map((row) => row[column.household_id])).size).toBe(rows.length);
    const sixDecimals = /^\d{2,3}\.\d{1,6}$/;
    expect(rows.filter((row) => !sixDecimals.test(row[column.lon]) || !sixDecimals.test(row[column.lat]))).toEqual([]);
  });

  it('puts every point inside its ward polygon and on land (turf), where assign-wards locates it too', () => {
    const wardIndex = indexWards(readWards());
    const misplaced = rows.filter((row) => {
      const lon = Number(row[column.lon]);
      const lat = Number(row[column.lat]);
      const ward = wardById.get(row[column.ward_id]);
      return (
        ward === undefined ||
        !booleanPointInPolygon([lon, lat], ward) ||
        !isOnLand(lon, lat) ||
        wardIndex.wards[wardIndex.locate(lon, lat).wardIndex]?.id !== row[column.ward_id]
      );
    });
    expect(misplaced.slice(0, 5)).toEqual([]);
  }, 60_000);

  it('weights points like settlement: apartments 10–60 only in phường and thị trấn, 1–2 in the communes', () => {
    const countsByType = new Map<string, Set<number>>();
    for (const row of rows) {
      const type = wardById.get(row[column.ward_id])?.properties.type ?? '?';
      const counts = countsByType.get(type) ?? new Set<number>();
      counts.add(Number(row[column.count]));
      countsByType.set(type, counts);
    }
    expect([...(countsByType.get('Xã') ?? [])].sort()).toEqual([1, 2]);
    for (const type of ['Phường', 'Thị trấn']) {
      const counts = [...(countsByType.get(type) ?? [])];
      expect(counts.every((count) => (count >= 1 && count <= 3) || (count >= 10 && count <= 60))).toBe(true);
      expect(counts.some((count) => count >= 10)).toBe(true);
    }
  });

  it('imports with no rejected row', () => {
    const result = parseHouseholds(householdsText, 'households.csv');
    expect(result.issues).toEqual([]);
    expect(result.data.length).toBe(rows.length);
  });
});

describe('data/sites.csv', () => {
  const [header, ...rows] = siteRows;
  const column = columnsOf(header);
  const sites = new Map<string, string[][]>();
  for (const row of rows) sites.set(row[column.site_id], [...(sites.get(row[column.site_id]) ?? []), row]);
  const wardIndex = indexWards(readWards());
  const wardOfSite = new Map(
    [...sites].map(([id, cells]) => [id, wardIndex.wards[wardIndex.locate(Number(cells[0][column.lon]), Number(cells[0][column.lat])).wardIndex]]),
  );

  it('has the sites columns, unique cell ids, and one position and operator per site', () => {
    for (const name of ['site_id', 'lon', 'lat', 'operator', 'technology', 'band_mhz', 'height_m', 'azimuth_deg', 'beamwidth_deg',
      'tilt_deg', 'rs_power_dbm', 'antenna_gain_dbi', 'feeder_loss_db', 'model', 'environment', 'status']) {
      expect(column[name]).toBeTypeOf('number');
    }
    expect(new Set(rows.map((row) => row[column.cell_id])).size).toBe(rows.length);
    for (const cells of sites.values()) {
      expect(new Set(cells.map((cell) => `${cell[column.lon]} ${cell[column.lat]} ${cell[column.operator]}`)).size).toBe(1);
    }
  });

  it('puts every site on Hải Phòng land inside a ward', () => {
    const offLand = [...sites.values()].filter(([cell]) => !isOnLand(Number(cell[column.lon]), Number(cell[column.lat])));
    expect(offLand).toEqual([]);
    expect([...wardOfSite.values()].filter((ward) => ward === undefined)).toEqual([]);
  });

  it('has four operators, Viettel the most sites and Vietnamobile the fewest', () => {
    const siteCount = new Map<string, number>();
    for (const [cell] of sites.values()) siteCount.set(cell[column.operator], (siteCount.get(cell[column.operator]) ?? 0) + 1);
    expect([...siteCount.keys()].sort()).toEqual(['MobiFone', 'VNPT', 'Vietnamobile', 'Viettel']);
    const ranked = [...siteCount].sort((a, b) => b[1] - a[1]).map(([operator]) => operator);
    expect(ranked[0]).toBe('Viettel');
    expect(ranked[3]).toBe('Vietnamobile');
  });

  it('spaces each operator 0.4–0.8 km apart in the inner city and 2–5 km apart in the communes', () => {
    // hexagonal-equivalent inter-site distance of n sites over an area A: d = √(2A / (√3·n)); areas by turf, of
    // the ward polygons (the inner city's are nearly all land, as are the communes')
    const hexSpacingKm = (areaKm2: number, n: number): number => Math.sqrt((2 * areaKm2) / (Math.sqrt(3) * n));
    const innerCity = (ward: Ward): boolean => ward.district === 'Quận Lê Chân' || ward.district === 'Quận Ngô Quyền';
    const commune = (ward: Ward): boolean => ward.type === 'Xã' && !GAP_WARD_IDS.has(ward.id);
    for (const [select, minKm, maxKm] of [[innerCity, 0.4, 0.8], [commune, 2, 5]] as const) {
      const wards = new Set(readWards().filter(select).map((ward) => ward.id));
      const areaKm2 = wardFeatures.filter((feature) => wards.has(feature.properties.gso_code)).reduce((sum, feature) => sum + turfArea(feature), 0) / 1e6;
      for (const operator of ['Viettel', 'VNPT', 'MobiFone', 'Vietnamobile']) {
        const n = [...sites].filter(([id, [cell]]) => cell[column.operator] === operator && wards.has(wardOfSite.get(id)?.id ?? '')).length;
        const spacingKm = hexSpacingKm(areaKm2, n);
        expect(spacingKm, `${operator}: ${n} sites over ${areaKm2.toFixed(1)} km²`).toBeGreaterThanOrEqual(minKm);
        expect(spacingKm, `${operator}: ${n} sites over ${areaKm2.toFixed(1)} km²`).toBeLessThanOrEqual(maxKm);
      }
    }
  });

  it('has three sectors 100–140° apart on most city sites, and omni cells only in the communes', () => {
    let sectored = 0;
    let citySites = 0;
    for (const [id, cells] of sites) {
      const ward = wardOfSite.get(id);
      const layer = cells.filter((cell) => cell[column.technology] === cells[0][column.technology] && cell[column.band_mhz] === cells[0][column.band_mhz]);
      if (layer.some((cell) => cell[column.azimuth_deg] === '')) {
        if (!id.includes('-SC')) expect(ward?.type).toBe('Xã');
        continue;
      }
      if (ward?.type !== 'Phường') continue;
      citySites++;
      const azimuths = layer.map((cell) => Number(cell[column.azimuth_deg])).sort((a, b) => a - b);
      const gaps = azimuths.map((azimuth, k) => ((k + 1 < azimuths.length ? azimuths[k + 1] : azimuths[0] + 360) - azimuth));
      if (azimuths.length === 3 && gaps.every((gap) => gap >= 100 && gap <= 140)) sectored++;
    }
    expect(sectored / citySites).toBeGreaterThan(0.95);
  });

  it('has 5G (3500 MHz) only in the central districts, Đồ Sơn and the industrial zones', () => {
    const fiveG = rows.filter((row) => row[column.technology] === '5G');
    expect(fiveG.length).toBeGreaterThan(0);
    for (const row of fiveG) {
      const [lon, lat] = [Number(row[column.lon]), Number(row[column.lat])];
      const district = wardOfSite.get(row[column.site_id])?.district ?? '';
      const inZone = INDUSTRIAL_ZONES.some((zone) => distanceM(lon, lat, zone.lon, zone.lat) <= zone.radiusM);
      expect(FIVE_G_DISTRICTS.has(district) || inZone, `${row[column.cell_id]} in ${district}`).toBe(true);
      expect(row[column.band_mhz]).toBe('3500');
    }
  });

  it('leaves the gap wards without 4G and 5G', () => {
    const inGaps = rows.filter((row) => GAP_WARD_IDS.has(wardOfSite.get(row[column.site_id])?.id ?? ''));
    expect(inGaps.length).toBeGreaterThan(0);
    expect(inGaps.filter((row) => row[column.technology] === '4G' || row[column.technology] === '5G')).toEqual([]);
  });

  it('leaves model and environment empty on most cells, and is mostly existing with some planned', () => {
    const explicit = rows.filter((row) => row[column.model] !== '' || row[column.environment] !== '');
    expect(explicit.length / rows.length).toBeLessThan(0.01);
    const statuses = rows.map((row) => row[column.status]);
    const planned = statuses.filter((status) => status === 'planned').length;
    expect(statuses.filter((status) => status === 'existing').length / rows.length).toBeGreaterThan(0.9);
    expect(planned).toBeGreaterThan(0);
  });

  it('imports with no rejected row', () => {
    const result = parseSites(sitesText, 'sites.csv');
    expect(result.issues).toEqual([]);
    expect(result.data.length).toBe(rows.length);
  });
});

describe('data/fibre.geojson', () => {
  const imported = parseFibre(fibreText, 'fibre.geojson');
  const network = imported.data;

  it('imports with no rejected feature; ids unique; nodes of 32–256 ports with used ≤ capacity', () => {
    expect(imported.issues).toEqual([]);
    const ids = [...network.routes.map((route) => route.id), ...network.nodes.map((node) => node.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const node of network.nodes) {
      expect([32, 64, 128, 256]).toContain(node.capacity);
      expect(node.used).toBeGreaterThanOrEqual(0);
      expect(node.used).toBeLessThanOrEqual(node.capacity ?? 0);
    }
    const operators = new Set(network.routes.filter((route) => route.kind === 'distribution').map((route) => route.operator));
    expect([...operators].sort()).toEqual(['FPT', 'VNPT', 'Viettel']);
    expect(network.routes.some((route) => route.kind === 'backbone')).toBe(true);
  });

  it('passes 70–75 % of households city-wide (200 m drop), from under 30 % to about 100 % by ward', () => {
    const households = parseHouseholds(householdsText, 'households.csv').data;
    const coverage = computeFibreCoverage(households, network, DEFAULT_SETTINGS.fibre);
    const byWard = new Map<string | null, { households: number; passed: number }>();
    let passed = 0;
    let total = 0;
    for (let k = 0; k < households.length; k++) {
      const ward = byWard.get(households.wardId[k]) ?? { households: 0, passed: 0 };
      ward.households += households.count[k];
      ward.passed += coverage.passed[k] * households.count[k];
      byWard.set(households.wardId[k], ward);
      total += households.count[k];
      passed += coverage.passed[k] * households.count[k];
    }
    expect(passed / total).toBeGreaterThanOrEqual(0.7);
    expect(passed / total).toBeLessThanOrEqual(0.75);
    const shares = [...byWard.values()].map((ward) => ward.passed / ward.households);
    expect(shares.filter((share) => share >= 0.95).length).toBeGreaterThanOrEqual(20);
    expect(shares.filter((share) => share < 0.3).length).toBeGreaterThanOrEqual(5);
  }, 60_000);
});

describe('generator helpers (hand-worked cases)', () => {
  it('apportion splits a whole total by largest remainders', () => {
    // 10 × ⅓ = 3.33 each: floors 3+3+3 = 9, the one left goes to the first of the equal remainders
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 7 × (½, ¼, ¼) = 3.5, 1.75, 1.75: floors 3+1+1 = 5, the two left go to the remainders .75 and .75
    expect(apportion(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
  });

  it('pointToSegmentM measures to the segment, not its line', () => {
    // 1° of latitude is ≈ 110.7 km here; work in small offsets: a segment 0.001° long east–west at 20.85° N
    const [aLon, aLat, bLon, bLat] = [106.7, 20.85, 106.701, 20.85];
    const metresPerDegreeLat = distanceM(106.7, 20.85, 106.7, 20.86) / 0.01;
    // straight above the middle, 0.0003° north: the perpendicular distance
    expect(pointToSegmentM(106.7005, 20.8503, aLon, aLat, bLon, bLat)).toBeCloseTo(0.0003 * metresPerDegreeLat, 6);
    // beyond the east end: distance to that end (3-4-5 triangle in metres)
    const east = distanceM(106.701, 20.85, 106.7014, 20.85);
    const north = 0.0003 * metresPerDegreeLat;
    expect(pointToSegmentM(106.7014, 20.8503, aLon, aLat, bLon, bLat)).toBeCloseTo(Math.hypot(east, north), 6);
  });

  it('minimumSpanningTree joins each point to its nearest part of the tree', () => {
    // A at the origin, B 100 m east, C 300 m east, D 50 m north of A: MST = A–D (50), A–B (100), B–C (200)
    const origin: [number, number] = [106.7, 20.85];
    const east = (m: number): [number, number] => [origin[0] + m / distanceM(106.7, 20.85, 106.71, 20.85) * 0.01, origin[1]];
    const north = (m: number): [number, number] => [origin[0], origin[1] + m / distanceM(106.7, 20.85, 106.7, 20.86) * 0.01];
    const edges = minimumSpanningTree([origin, east(100), east(300), north(50)]);
    expect(edges.map(([a, b]) => [Math.min(a, b), Math.max(a, b)]).sort()).toEqual([[0, 1], [0, 3], [1, 2]]);
  });
});
