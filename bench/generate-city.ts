/**
 * Seeded city-scale generator for the benchmark: the 223 real wards of Hải Phòng, one household point per census
 * household (598,917 in 2019) clustered inside each ward, and 4,000 three-sector 4G sites (12,000 cells) of mixed
 * path-loss models, denser where people live. Same seed → same city, so runs compare (flatbush `bench.js`).
 *
 * Run alone to write the city as CLI inputs: `node --import tsx bench/generate-city.ts --out DIR [--seed N]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import inside from 'point-in-polygon-hao';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Cell, HouseholdPoints, PathLossModelName, Ward } from '../src/core/model.ts';
import { RF_DEFAULTS } from '../src/core/rf-defaults.ts';

export const WARDS_PATH = 'data/hp_wards_polygons.geojson';
export const DISTRICTS_PATH = 'data/hp_districts_polygons.geojson';

export interface City {
  wards: Ward[];
  /** District polygons: the land mask (ward polygons reach into the sea). */
  land: Array<Polygon | MultiPolygon>;
  cells: Cell[];
  households: HouseholdPoints;
}

export interface CityOptions {
  seed: number;
  /** Three-sector sites; 12,000 cells at the default 4,000. */
  sites: number;
  /** Scale on the census household counts (1 = one point per 2019 household). */
  householdScale: number;
}

export const DEFAULT_CITY: CityOptions = { seed: 20240601, sites: 4000, householdScale: 1 };

/** mulberry32: a small, fast, seedable 32-bit generator (Tommy Ettinger, public domain). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Metres per degree at Hải Phòng's latitude (20.85° N), WGS84 series; enough for placing synthetic points. */
const M_PER_DEG_LAT = 110_733;
const M_PER_DEG_LON = 104_100;

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

export function readLand(path = DISTRICTS_PATH): Array<Polygon | MultiPolygon> {
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  return collection.features.map((feature) => feature.geometry);
}

/** Generates the benchmark city from the real wards (see the module comment). */
export function generateCity(options: CityOptions = DEFAULT_CITY, wards: Ward[] = readWards(), land = readLand()): City {
  const random = mulberry32(options.seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const polygonsOf = (ward: Ward): Position[][][] =>
    ward.geometry.type === 'Polygon' ? [ward.geometry.coordinates] : ward.geometry.coordinates;
  const boxes = wards.map((ward) => {
    let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    for (const polygon of polygonsOf(ward)) {
      for (const [x, y] of polygon[0]) {
        west = Math.min(west, x); east = Math.max(east, x); south = Math.min(south, y); north = Math.max(north, y);
      }
    }
    return [west, south, east, north];
  });
  const isInWard = (w: number, lon: number, lat: number): boolean =>
    polygonsOf(wards[w]).some((polygon) => inside([lon, lat], polygon) !== false);
  const randomPointIn = (w: number): [number, number] => {
    const [west, south, east, north] = boxes[w];
    for (;;) {
      const lon = west + random() * (east - west);
      const lat = south + random() * (north - south);
      if (isInWard(w, lon, lat)) return [lon, lat];
    }
  };

  // households: clusters (villages, urban blocks) inside each ward, tighter in phường than in xã
  const counts = wards.map((ward) => Math.round((ward.households2019 ?? 0) * options.householdScale));
  const total = counts.reduce((sum, n) => sum + n, 0);
  const lon = new Float64Array(total);
  const lat = new Float64Array(total);
  const wardOfPoint = new Int32Array(total);
  let next = 0;
  wards.forEach((ward, w) => {
    const n = counts[w];
    if (n === 0) return;
    const centres = Array.from({ length: Math.max(1, Math.round(n / 350)) }, () => randomPointIn(w));
    const spreadM = ward.type === 'Phường' ? 220 : ward.type === 'Thị trấn' ? 300 : 380;
    for (let k = 0; k < n; k++) {
      const [cx, cy] = centres[Math.floor(random() * centres.length)];
      let x = cx;
      let y = cy;
      for (let attempt = 0; attempt < 20; attempt++) {
        const tx = cx + (gaussian() * spreadM) / M_PER_DEG_LON;
        const ty = cy + (gaussian() * spreadM) / M_PER_DEG_LAT;
        if (isInWard(w, tx, ty)) {
          x = tx;
          y = ty;
          break;
        }
      }
      lon[next] = x;
      lat[next] = y;
      wardOfPoint[next++] = w;
    }
  });
  const households: HouseholdPoints = {
    length: total,
    ids: Array.from({ length: total }, (_, k) => `H${k + 1}`),
    lon,
    lat,
    count: new Uint32Array(total).fill(1),
    wardId: new Array<string | null>(total).fill(null),
  };

  // sites: three in four near households (density-weighted), one in four anywhere on a ward's land
  const areas = boxes.map(([west, south, east, north]) => (east - west) * (north - south));
  const areaTotal = areas.reduce((sum, a) => sum + a, 0);
  const pickWardByArea = (): number => {
    let r = random() * areaTotal;
    for (let w = 0; w < areas.length; w++) if ((r -= areas[w]) <= 0) return w;
    return areas.length - 1;
  };
  const operators = ['Viettel', 'VNPT', 'MobiFone', 'Vietnamobile'];
  const defaults = RF_DEFAULTS['4G'];
  const cells: Cell[] = [];
  for (let s = 0; s < options.sites; s++) {
    let siteLon: number;
    let siteLat: number;
    let w: number;
    if (random() < 0.75) {
      const h = Math.floor(random() * total);
      w = wardOfPoint[h];
      siteLon = lon[h] + (gaussian() * 150) / M_PER_DEG_LON;
      siteLat = lat[h] + (gaussian() * 150) / M_PER_DEG_LAT;
    } else {
      w = pickWardByArea();
      [siteLon, siteLat] = randomPointIn(w);
    }
    const { model, bandMhz, heightM } = chooseSiteModel(wards[w].type, random);
    const siteId = `S${String(s + 1).padStart(4, '0')}`;
    const azimuth0 = Math.floor(random() * 120);
    const tiltDeg = random() < 0.5 ? 2 + Math.floor(random() * 7) : null;
    const operator = operators[Math.floor(random() * operators.length)];
    for (let sector = 0; sector < 3; sector++) {
      cells.push({
        cellId: `${siteId}-${sector + 1}`,
        siteId,
        lon: round6(siteLon),
        lat: round6(siteLat),
        operator,
        technology: '4G',
        bandMhz,
        heightM,
        azimuthDeg: azimuth0 + sector * 120,
        beamwidthDeg: defaults.beamwidthDeg,
        tiltDeg,
        rsPowerDbm: model === 'fspl' ? -10 : defaults.rsPowerDbm,
        antennaGainDbi: model === 'fspl' ? 5 : defaults.antennaGainDbi,
        feederLossDb: defaults.feederLossDb,
        model,
        environment: null,
        status: 'existing',
      });
    }
  }
  return { wards, land, cells, households };
}

/**
 * Mix of models by ward type: phường mostly COST-231 and 3GPP UMa/UMi (UMi as 12 m street cells), thị trấn
 * Hata-family, xã 3GPP RMa and Okumura-Hata at 900 MHz; 1 % low-power FSPL small cells (indoor/short-range).
 */
function chooseSiteModel(
  type: string | null,
  random: () => number,
): { model: PathLossModelName; bandMhz: number; heightM: number } {
  const r = random();
  if (r < 0.01) return { model: 'fspl', bandMhz: 2600, heightM: 8 };
  if (type === 'Phường') {
    if (r < 0.45) return { model: 'cost231-hata', bandMhz: 1800, heightM: 30 };
    if (r < 0.75) return { model: '3gpp-uma', bandMhz: 2100, heightM: 25 };
    if (r < 0.92) return { model: '3gpp-umi', bandMhz: 2600, heightM: 12 };
    return { model: 'okumura-hata', bandMhz: 900, heightM: 30 };
  }
  if (type === 'Thị trấn') {
    if (r < 0.5) return { model: 'cost231-hata', bandMhz: 1800, heightM: 30 };
    if (r < 0.8) return { model: 'okumura-hata', bandMhz: 900, heightM: 35 };
    return { model: '3gpp-rma', bandMhz: 1800, heightM: 35 };
  }
  if (r < 0.45) return { model: '3gpp-rma', bandMhz: 1800, heightM: 35 };
  if (r < 0.8) return { model: 'okumura-hata', bandMhz: 900, heightM: 40 };
  return { model: 'cost231-hata', bandMhz: 1800, heightM: 35 };
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** The cells as a sites CSV in the import format (one row per sector; empty tilt = no vertical pattern). */
export function sitesCsv(cells: Cell[]): string {
  const header =
    'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,tilt_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status';
  const rows = cells.map((c) =>
    [
      c.siteId, c.cellId, c.lon, c.lat, c.operator, c.technology, c.bandMhz, c.heightM, c.azimuthDeg ?? '',
      c.beamwidthDeg, c.tiltDeg ?? '', c.rsPowerDbm, c.antennaGainDbi, c.feederLossDb, c.model ?? '',
      c.environment ?? '', c.status,
    ].join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

/** The household points as a households CSV in the import format (no ward_id: the CLI locates them). */
export function householdsCsv(households: HouseholdPoints): string {
  const lines = ['household_id,lon,lat,count'];
  for (let k = 0; k < households.length; k++) {
    lines.push(`${households.ids[k]},${households.lon[k].toFixed(6)},${households.lat[k].toFixed(6)},${households.count[k]}`);
  }
  return lines.join('\n') + '\n';
}

/** Writes sites.csv and households.csv for the city into `dir`; the wards file is the embedded one. */
export function writeCity(city: City, dir: string): { sites: string; households: string; wards: string } {
  mkdirSync(dir, { recursive: true });
  const sites = join(dir, 'sites.csv');
  const households = join(dir, 'households.csv');
  writeFileSync(sites, sitesCsv(city.cells));
  writeFileSync(households, householdsCsv(city.households));
  return { sites, households, wards: WARDS_PATH };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string' } } });
  const city = generateCity({ ...DEFAULT_CITY, seed: values.seed === undefined ? DEFAULT_CITY.seed : Number(values.seed) });
  const written = writeCity(city, values.out ?? 'bench/out/city');
  process.stdout.write(`${city.households.length} household points, ${city.cells.length} cells → ${written.sites}, ${written.households}\n`);
}
