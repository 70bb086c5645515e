/**
 * The embedded synthetic dataset: the generator reproduces the committed files byte for byte, and the files keep
 * the promises of data/SOURCES.md, checked on the committed files themselves with code independent of the
 * generator (turf point-in-polygon, plain CSV splitting, the app's own parsers and fibre coverage).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { area as turfArea, booleanPointInPolygon, bbox as turfBbox, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexWards } from '../../src/core/assign-wards.ts';
import { computeFibreCoverage } from '../../src/core/fibre/fibre-coverage.ts';
import { DEFAULT_SETTINGS, type HouseholdIds, type Ward } from '../../src/core/model.ts';
import { idsArray } from '../../src/core/household-ids.ts';
import { decodeLayerBinary, fnv1a } from '../../src/io/layer-binary.ts';
import { parseWards } from '../../src/io/parse-wards.ts';
import { BINARY_FILES, GENERATED_FILES, generateData, type GeneratedData } from '../../scripts/generate-data.ts';
import { readMergedCity } from '../../scripts/generate/geography.ts';
import { distanceM, pointToSegmentM } from '../../scripts/generate/geometry.ts';
import { minimumSpanningTree } from '../../scripts/generate/minimum-spanning-tree.ts';
import { CENTRAL_URBAN_ZONES, FIVE_G_DISTRICTS, FIVE_G_ZONES, GAP_WARD_IDS, HILL_WARD_IDS } from '../../scripts/generate/places.ts';
import { apportion } from '../../scripts/generate/random.ts';
import * as embedded from '../helpers/embedded-city.ts';

const committed = (name: string): Buffer => readFileSync(`data/${name}`);

/** Rows of a CSV without quoted fields (all our generated files), header first. */
function splitCsv(text: string): string[][] {
  return text.trimEnd().split('\n').map((line) => line.split(','));
}

function columnsOf(header: string[]): Record<string, number> {
  return Object.fromEntries(header.map((name, i) => [name, i]));
}

type UnitFeature = Feature<Polygon | MultiPolygon, { gso_code?: string; ward_code?: string; name: string; type: string; district?: string; households_2019: number }>;
const featuresOf = (name: string): UnitFeature[] => (JSON.parse(readFileSync(`data/${name}`, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>).features as UnitFeature[];
/** The 2019 units of both provinces, and the 2025 units, by code. */
const units2019 = [...featuresOf('hp_wards_polygons.geojson'), ...featuresOf('hd_wards_polygons.geojson')];
const unit2019ById = new Map(units2019.map((feature) => [String(feature.properties.gso_code), feature]));
const units2025 = featuresOf('hp2025_wards_polygons.geojson');
const unit2025ById = new Map(units2025.map((feature) => [String(feature.properties.ward_code), feature]));
/** The crosswalk's share-1 rows: the new unit of each old unit (read with papaparse, independently of the generator). */
const crosswalk = Papa.parse<Record<string, string>>(readFileSync('data/hp2025_crosswalk.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
const newCodeOf = new Map(crosswalk.filter((row) => row.share === '1.0' || row.share === '1').map((row) => [row.old_code, row.new_code]));
/** Bạch Long Vĩ: a district without communes, old code 318, its own 2025 unit 11948. */
const BACH_LONG_VI = { oldCode: '318', newCode: '11948' };

/** Land test by turf over the land mask (Hải Phòng's districts, former Hải Dương's outline), boxes first. */
const landFeatures = (JSON.parse(readFileSync('data/hp2025_land.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon>).features;
const landBoxes = landFeatures.map((feature) => turfBbox(feature));
function isOnLand(lon: number, lat: number): boolean {
  return landFeatures.some((feature, d) => {
    const [west, south, east, north] = landBoxes[d];
    return lon >= west && lon <= east && lat >= south && lat <= north && booleanPointInPolygon([lon, lat], feature);
  });
}

// the committed text files and their parses by the app's parsers, shared with the other test files of the worker
const householdsText = embedded.householdsText();
const householdRows = splitCsv(householdsText);
const sitesText = embedded.sitesText();
const siteRows = splitCsv(sitesText);
const fibreText = embedded.fibreText();
const city = readMergedCity();
/** assign-wards over the generating units: the 2019 units of both provinces and Bạch Long Vĩ. */
const generatingIndex = indexWards(city.units2019);

describe('npm run generate-data reproduces the committed files', () => {
  let data: GeneratedData;
  beforeAll(() => {
    data = generateData();
    // the generator also parses its three text files and encodes their binary forms: minutes on a loaded machine
  }, 300_000);

  for (const name of GENERATED_FILES.filter((file) => !file.endsWith('.gz'))) {
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

  for (const name of BINARY_FILES) {
    it(`data/${name} byte for byte (the binary form inside, then the gzip)`, () => {
      expect(gunzipSync(data.files[name]).equals(gunzipSync(committed(name)))).toBe(true);
      expect(data.files[name].equals(committed(name))).toBe(true);
    });
  }
});

describe('the compact binary forms in data/ hold what the parsers read from the committed text files', () => {
  const layers = [
    { layer: 'households', binary: 'households.bin.gz', text: 'households.csv.gz', parse: embedded.householdsImport },
    { layer: 'sites', binary: 'sites.bin.gz', text: 'sites.csv', parse: embedded.sitesImport },
    { layer: 'fibre', binary: 'fibre.bin.gz', text: 'fibre.geojson', parse: embedded.fibreImport },
  ] as const;
  for (const { layer, binary, text, parse } of layers) {
    it(`data/${binary}: the ${layer} and the import report of data/${text}, made from its current bytes`, () => {
      const decoded = decodeLayerBinary(gunzipSync(committed(binary)), layer);
      // the households' ids are joined (JoinedIds), decoded and parsed alike: compared as arrays of strings
      const idsAsArray = (result: { data: unknown }) => {
        const data = result.data as { ids?: HouseholdIds };
        return data.ids === undefined ? result : { ...result, data: { ...data, ids: idsArray(data.ids) } };
      };
      // node's deep equality (types, key order aside, every element): vitest's is slow on 532,614-element arrays
      expect(isDeepStrictEqual(idsAsArray(decoded.result), idsAsArray(parse()))).toBe(true);
      expect(decoded.source).toEqual({ file: text, bytes: committed(text).length, fnv1a: fnv1a(committed(text)) });
    });
  }
});

describe('data/households.csv.gz', () => {
  const [header, ...rows] = householdRows;
  const column = columnsOf(header);
  /** The generating unit of each row, by assign-wards over the 2019 units and Bạch Long Vĩ. */
  const unitOfRow = rows.map((row) => generatingIndex.wards[generatingIndex.locate(Number(row[column.lon]), Number(row[column.lat])).wardIndex]);

  it('has the documented columns and 450,000–600,000 points', () => {
    expect(header).toEqual(['household_id', 'lon', 'lat', 'count', 'ward_id']);
    expect(rows.length).toBeGreaterThanOrEqual(450_000);
    expect(rows.length).toBeLessThanOrEqual(600_000);
  });

  it("sums exactly to every 2025 unit's 2019 census households, 1,184,588 in all (both provinces' official totals)", () => {
    const sums = new Map<string, number>();
    for (const row of rows) sums.set(row[column.ward_id], (sums.get(row[column.ward_id]) ?? 0) + Number(row[column.count]));
    expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(units2025.map((unit) => [String(unit.properties.ward_code), unit.properties.households_2019])));
    expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(599_156 + 585_432);
  });

  it("sums exactly to every 2019 unit's census households where the 2019 polygons locate the points", () => {
    const [censusHeader, ...censusRows] = splitCsv(readFileSync('data/hp_ward_census2019.csv', 'utf8'));
    const census = columnsOf(censusHeader);
    // Hải Phòng from the census file, Hải Dương from its polygons' census columns, Bạch Long Vĩ from the
    // census district row (hp2025: 239 households)
    const expected = new Map([
      ...censusRows.filter((row) => row[census.ward_code] !== '').map((row) => [row[census.ward_code], Number(row[census.households_total])] as const),
      ...featuresOf('hd_wards_polygons.geojson').map((unit) => [String(unit.properties.gso_code), unit.properties.households_2019] as const),
      [BACH_LONG_VI.oldCode, 239] as const,
    ]);
    expect(expected.size).toBe(223 + 265 + 1);
    const sums = new Map<string, number>();
    rows.forEach((row, k) => {
      const id = unitOfRow[k]?.id ?? 'outside';
      sums.set(id, (sums.get(id) ?? 0) + Number(row[column.count]));
    });
    expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(expected));
  });

  it('has unique ids and coordinates with at most 6 decimals', () => {
    expect(new Set(rows.map((row) => row[column.household_id])).size).toBe(rows.length);
    const sixDecimals = /^\d{2,3}\.\d{1,6}$/;
    expect(rows.filter((row) => !sixDecimals.test(row[column.lon]) || !sixDecimals.test(row[column.lat]))).toEqual([]);
  });

  it('puts every point inside its 2019 unit and its 2025 unit (turf) and on land; its ward_id is the new unit of its 2019 unit', () => {
    const misplaced = rows.filter((row, k) => {
      const lon = Number(row[column.lon]);
      const lat = Number(row[column.lat]);
      const oldCode = unitOfRow[k]?.id;
      const unit2019 = oldCode === undefined ? undefined : unit2019ById.get(oldCode);
      const unit2025 = unit2025ById.get(row[column.ward_id]);
      return (
        oldCode === undefined ||
        newCodeOf.get(oldCode) !== row[column.ward_id] ||
        (oldCode !== BACH_LONG_VI.oldCode && (unit2019 === undefined || !booleanPointInPolygon([lon, lat], unit2019))) ||
        unit2025 === undefined ||
        !booleanPointInPolygon([lon, lat], unit2025) ||
        !isOnLand(lon, lat)
      );
    });
    expect(misplaced.slice(0, 5)).toEqual([]);
  }, 120_000);

  it('weights points like settlement: apartments 10–60 only in phường and thị trấn off the hills, 1–2 in the communes and the hills', () => {
    const countsByKind = new Map<string, Set<number>>();
    rows.forEach((row, k) => {
      const unit = unitOfRow[k];
      const kind = unit === undefined ? '?' : HILL_WARD_IDS.has(unit.id) ? 'hill' : (unit.type ?? '?');
      const counts = countsByKind.get(kind) ?? new Set<number>();
      counts.add(Number(row[column.count]));
      countsByKind.set(kind, counts);
    });
    expect([...(countsByKind.get('Xã') ?? [])].sort()).toEqual([1, 2]);
    // the hills of Chí Linh and Kinh Môn are villages, whatever the units' legal type
    expect([...(countsByKind.get('hill') ?? [])].sort()).toEqual([1, 2]);
    for (const type of ['Phường', 'Thị trấn']) {
      const counts = [...(countsByKind.get(type) ?? [])];
      expect(counts.every((count) => (count >= 1 && count <= 3) || (count >= 10 && count <= 60))).toBe(true);
      expect(counts.some((count) => count >= 10)).toBe(true);
    }
  });

  it('imports with no rejected row', () => {
    const result = embedded.householdsImport();
    expect(result.issues).toEqual([]);
    expect(result.data.length).toBe(rows.length);
  });
});

describe('data/sites.csv', () => {
  const [header, ...rows] = siteRows;
  const column = columnsOf(header);
  const sites = new Map<string, string[][]>();
  for (const row of rows) sites.set(row[column.site_id], [...(sites.get(row[column.site_id]) ?? []), row]);
  const wardOfSite = new Map(
    [...sites].map(([id, cells]) => [id, generatingIndex.wards[generatingIndex.locate(Number(cells[0][column.lon]), Number(cells[0][column.lat])).wardIndex]]),
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

  it('puts every site on land inside a unit of the merged city, in both former provinces', () => {
    const offLand = [...sites.values()].filter(([cell]) => !isOnLand(Number(cell[column.lon]), Number(cell[column.lat])));
    expect(offLand).toEqual([]);
    expect([...wardOfSite.values()].filter((ward) => ward === undefined)).toEqual([]);
    const inHaiDuong = [...wardOfSite.values()].filter((ward) => unit2019ById.get(ward?.id ?? '')?.properties.district?.match(/Hải Dương|Chí Linh|Huyện (Nam Sách|Kinh Môn|Kim Thành|Thanh Hà|Cẩm Giàng|Bình Giang|Gia Lộc|Tứ Kỳ|Ninh Giang|Thanh Miện)/));
    expect(inHaiDuong.length / sites.size).toBeGreaterThan(0.3);
  });

  it('has four operators, Viettel the most sites and Vietnamobile the fewest', () => {
    const siteCount = new Map<string, number>();
    for (const [cell] of sites.values()) siteCount.set(cell[column.operator], (siteCount.get(cell[column.operator]) ?? 0) + 1);
    expect([...siteCount.keys()].sort()).toEqual(['MobiFone', 'VNPT', 'Vietnamobile', 'Viettel']);
    const ranked = [...siteCount].sort((a, b) => b[1] - a[1]).map(([operator]) => operator);
    expect(ranked[0]).toBe('Viettel');
    expect(ranked[3]).toBe('Vietnamobile');
  });

  it('spaces each operator 0.4–0.8 km apart in the inner city and 2–5 km apart in the communes of both provinces', () => {
    // hexagonal-equivalent inter-site distance of n sites over an area A: d = √(2A / (√3·n)); areas by turf, of
    // the 2019 polygons (the inner city's are nearly all land, as are the communes')
    const hexSpacingKm = (areaKm2: number, n: number): number => Math.sqrt((2 * areaKm2) / (Math.sqrt(3) * n));
    const innerCity = (ward: Ward): boolean => ward.district === 'Quận Lê Chân' || ward.district === 'Quận Ngô Quyền';
    const hdDistricts = new Set(featuresOf('hd_wards_polygons.geojson').map((unit) => unit.properties.district));
    const commune = (inHaiDuong: boolean) => (ward: Ward): boolean =>
      ward.type === 'Xã' && !GAP_WARD_IDS.has(ward.id) && hdDistricts.has(ward.district ?? '') === inHaiDuong;
    for (const [select, minKm, maxKm] of [[innerCity, 0.4, 0.8], [commune(false), 2, 5], [commune(true), 2, 5]] as const) {
      const wards = new Set(city.units2019.filter(select).map((ward) => ward.id));
      const areaKm2 = units2019.filter((feature) => wards.has(String(feature.properties.gso_code))).reduce((sum, feature) => sum + turfArea(feature), 0) / 1e6;
      for (const operator of ['Viettel', 'VNPT', 'MobiFone', 'Vietnamobile']) {
        const n = [...sites].filter(([id, [cell]]) => cell[column.operator] === operator && wards.has(wardOfSite.get(id)?.id ?? '')).length;
        const spacingKm = hexSpacingKm(areaKm2, n);
        expect(spacingKm, `${operator}: ${n} sites over ${areaKm2.toFixed(1)} km²`).toBeGreaterThanOrEqual(minKm);
        expect(spacingKm, `${operator}: ${n} sites over ${areaKm2.toFixed(1)} km²`).toBeLessThanOrEqual(maxKm);
      }
    }
  });

  it('has three sectors 100–140° apart on most city sites, and omni cells only in the communes and the hills', () => {
    let sectored = 0;
    let citySites = 0;
    for (const [id, cells] of sites) {
      const ward = wardOfSite.get(id);
      const layer = cells.filter((cell) => cell[column.technology] === cells[0][column.technology] && cell[column.band_mhz] === cells[0][column.band_mhz]);
      if (layer.some((cell) => cell[column.azimuth_deg] === '')) {
        if (!id.includes('-SC')) expect(ward?.type === 'Xã' || ward?.type === 'Huyện' || HILL_WARD_IDS.has(ward?.id ?? ''), `${id} in ${ward?.name}`).toBe(true);
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

  it('has 5G (3500 MHz) only in the central districts, Đồ Sơn, Hải Dương city, the industrial parks and the ports', () => {
    const fiveG = rows.filter((row) => row[column.technology] === '5G');
    expect(fiveG.length).toBeGreaterThan(0);
    for (const row of fiveG) {
      const [lon, lat] = [Number(row[column.lon]), Number(row[column.lat])];
      const district = wardOfSite.get(row[column.site_id])?.district ?? '';
      const inZone = FIVE_G_ZONES.some((zone) => distanceM(lon, lat, zone.lon, zone.lat) <= zone.radiusM);
      expect(FIVE_G_DISTRICTS.has(district) || inZone, `${row[column.cell_id]} in ${district}`).toBe(true);
      expect(row[column.band_mhz]).toBe('3500');
    }
    // and some 5G in every industrial park of former Hải Dương named in the issue
    for (const name of ['KCN Đại An', 'KCN Nam Sách', 'KCN Phúc Điền', 'KCN Lai Vu']) {
      const zone = FIVE_G_ZONES.find((candidate) => candidate.name === name);
      if (zone === undefined) throw new Error(`no zone ${name}`);
      expect(fiveG.some((row) => distanceM(Number(row[column.lon]), Number(row[column.lat]), zone.lon, zone.lat) <= zone.radiusM), name).toBe(true);
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
    const result = embedded.sitesImport();
    expect(result.issues).toEqual([]);
    expect(result.data.length).toBe(rows.length);
  });
});

describe('data/fibre.geojson', () => {
  const imported = embedded.fibreImport();
  const network = imported.data;

  it('imports with no rejected feature; ids unique; nodes of 32–256 ports with used ≤ capacity; ward ids are 2025 codes', () => {
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
    const wardIds = new Set((JSON.parse(fibreText) as FeatureCollection).features.map((feature) => feature.properties?.ward_id));
    expect([...wardIds].filter((id) => id !== null && !unit2025ById.has(id))).toEqual([]);
  });

  it('passes 64–72 % of households city-wide (200 m drop), from under 30 % to about 100 % by unit', () => {
    const households = embedded.householdsImport().data;
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
    expect(passed / total).toBeGreaterThanOrEqual(0.64);
    expect(passed / total).toBeLessThanOrEqual(0.72);
    const shares = [...byWard.values()].map((ward) => ward.passed / ward.households);
    expect(shares.filter((share) => share >= 0.95).length).toBeGreaterThanOrEqual(5);
    expect(shares.filter((share) => share < 0.3).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe('data/hp2025_zones.geojson and data/hp2025_land.geojson', () => {
  it('has every approximate zone as a polygon with name, kind and the "import the official boundaries" label', () => {
    const result = parseWards(committed('hp2025_zones.geojson').toString('utf8'), 'hp2025_zones.geojson');
    expect(result.issues).toEqual([]);
    const features = (JSON.parse(committed('hp2025_zones.geojson').toString('utf8')) as FeatureCollection<Polygon>).features;
    const zones = [...CENTRAL_URBAN_ZONES, ...FIVE_G_ZONES];
    expect(features.map((feature) => [feature.properties?.name, feature.properties?.kind])).toEqual(zones.map((zone) => [zone.name, zone.kind]));
    for (const [z, feature] of features.entries()) {
      expect(feature.properties).toMatchObject({ approximate: true, note_en: 'approximate — import the official boundaries' });
      // the polygon holds its circle: the centre, and points at 0.99 r in eight directions
      const zone = zones[z];
      expect(booleanPointInPolygon([zone.lon, zone.lat], feature)).toBe(true);
      const kx = distanceM(0, zone.lat, 1, zone.lat);
      const ky = distanceM(zone.lon, 0, zone.lon, 1);
      for (let k = 0; k < 8; k++) {
        const angle = (k * Math.PI) / 4 + 0.1;
        const point = [zone.lon + (0.99 * zone.radiusM * Math.cos(angle)) / kx, zone.lat + (0.99 * zone.radiusM * Math.sin(angle)) / ky];
        expect(booleanPointInPolygon(point, feature), `${zone.name} ${k}`).toBe(true);
      }
      // and its area is the circle's within 1 % (a 48-gon circumscribed: n·tan(π/n)/π = 1.0014)
      expect(turfArea(feature) / (Math.PI * zone.radiusM ** 2)).toBeCloseTo(1.0014, 2);
    }
    expect(new Set(zones.map((zone) => zone.kind))).toEqual(new Set(['central_urban', 'industrial_park', 'port']));
  });

  it("is the land mask of both former provinces: Hải Phòng's 15 district polygons and former Hải Dương's outline", () => {
    const result = parseWards(committed('hp2025_land.geojson').toString('utf8'), 'hp2025_land.geojson');
    expect([result.kept, result.issues.filter((issue) => issue.severity === 'error')]).toEqual([15 + 1, []]);
    const districts = featuresOf('hp_districts_polygons.geojson');
    expect(landFeatures.slice(0, 15).map((feature) => feature.geometry)).toEqual(districts.map((feature) => feature.geometry));
    // the outline: one polygon without holes (the sliver gaps between units filled), holding every unit of
    // Hải Dương, of about the units' total area (their overlaps counted once)
    const [outline] = landFeatures.slice(15);
    expect(outline.geometry.type === 'Polygon' ? outline.geometry.coordinates.length : -1).toBe(1);
    const hd = featuresOf('hd_wards_polygons.geojson');
    expect(hd.filter((unit) => !booleanPointInPolygon(pointOnFeature(unit), outline)).map((unit) => unit.properties.name)).toEqual([]);
    const unitsKm2 = hd.reduce((sum, unit) => sum + turfArea(unit), 0) / 1e6;
    expect(turfArea(outline) / 1e6).toBeGreaterThan(unitsKm2 - 5);
    expect(turfArea(outline) / 1e6).toBeLessThan(unitsKm2 + 20);
  });
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
