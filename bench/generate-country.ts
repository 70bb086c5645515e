/**
 * Seeded country-scale generator for `npm run bench:country` (issue 14): a SYNTHETIC Vietnam of 34 provinces,
 * 3,321 units (communes and wards), ~27 M household points and ~120 k cells, written as one folder per province
 * (wards.geojson, sites.csv, households.csv) for `phusong analyze --provinces DIR`. Nothing here is real data:
 * the provinces are rectangles in two columns of 17 rows laid along an S-shaped spine over Vietnam's extent
 * (8.7–23.3° N), the units a grid in each, the people drawn around seeded town centres and villages.
 *
 * Scale of the real country (2025, 34 provinces, 3,321 commune-level units; ~27 M households by the 2019 census'
 * 26.9 M); `scale` multiplies households and sites (units and geography stay), so tests and development run the
 * same country small. Each province has its own random stream (seed and province number), so a run of the first N
 * provinces generates them exactly as the full run does. Same seed and scale → the same files, byte for byte.
 *
 * Mix of sites (3 sectors each): 4G as the city generator's (bench/generate-city.ts: the model and band by the
 * unit's type), 5G at 3,500 MHz in towns, 3G at 2,100 MHz and 2G at 900 MHz; operators by market share (Viettel,
 * VNPT, MobiFone, Vietnamobile). Every cell gives its environment (metropolitan/urban near town centres, suburban
 * elsewhere: never rural, which would give a 4G cell 50–100 km of reach), as a national dataset's clutter class would.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Cell, Environment, Technology, Ward } from '../src/core/model.ts';
import { apportion, gaussian, logNormal, mulberry32, pickWeighted, type Random } from '../scripts/generate/random.ts';
import { round6 } from '../scripts/generate/geometry.ts';
import { sitesCsv } from '../scripts/generate/write-csv.ts';
import { chooseSiteModel, sectorsOfSite } from './generate-city.ts';

/** The real country's counts the full scale reproduces. */
export const COUNTRY = { provinces: 34, units: 3321, households: 27_000_000, sites: 40_000 } as const;

export interface CountryOptions {
  seed: number;
  /** Multiplies households and sites (1 = the country; 0.01 for development). */
  scale: number;
  /** Generate only the first N provinces (north to south), as the full run generates them. */
  provinces?: number;
}

export const DEFAULT_COUNTRY: CountryOptions = { seed: 20251201, scale: 1 };

/** One province as planned: its rectangle, counts and town centres. */
export interface ProvincePlan {
  id: string;
  /** [west, south, east, north], degrees. */
  box: [number, number, number, number];
  households: number;
  units: number;
  sites: number;
  /** A metropolis (the Hà Nội-like and the Hồ Chí Minh-like province): bigger, denser towns. */
  metropolis: boolean;
}

/** What was written. */
export interface CountryWritten {
  dir: string;
  provinces: ProvincePlan[];
  households: number;
  cells: Cell[];
  wards: Ward[];
  /** A seeded sample of household points (for the naive baseline): id, position, province. */
  sample: Array<{ id: string; lon: number; lat: number; province: number }>;
}

const ROWS = 17;
const NORTH = 23.3;
const SOUTH = 8.7;
/** Half the width of a row of two provinces, degrees of longitude (~95 km per province). */
const HALF_ROW_DEG = 0.9;
/** The spine's longitude by latitude (north to south): the S of Vietnam, roughly. */
const SPINE: Array<[number, number]> = [
  [23.3, 105.2], [21.0, 105.8], [19.0, 105.6], [17.0, 106.6], [15.0, 108.2], [12.5, 108.6], [10.8, 106.7], [8.7, 105.2],
];
/** Provinces (row, column) standing for the two metropolises. */
const METROPOLISES = ['1,0', '15,1'];
/** Metres per degree, for spreads (cheap-ruler at 16° N; the spreads are rough by nature). */
const M_PER_DEG_LAT = 110_700;
const M_PER_DEG_LON = 106_900;
const OPERATORS = ['Viettel', 'VNPT', 'MobiFone', 'Vietnamobile'];
const OPERATOR_SHARES = [0.45, 0.25, 0.22, 0.08];
/** Households per village and their spread (m), as in the city generator's communes. */
const VILLAGE_HOUSEHOLDS = 350;
const VILLAGE_SPREAD_M = 380;
const SAMPLE_SIZE = 200;

function spineLon(lat: number): number {
  for (let k = 1; k < SPINE.length; k++) {
    const [lat0, lon0] = SPINE[k - 1];
    const [lat1, lon1] = SPINE[k];
    if (lat >= lat1) return lon0 + ((lat0 - lat) / (lat0 - lat1)) * (lon1 - lon0);
  }
  return SPINE[SPINE.length - 1][1];
}

/** The 34 provinces' rectangles and counts (households and sites scaled), before any is generated. */
export function planCountry(options: CountryOptions): ProvincePlan[] {
  const random = mulberry32(options.seed);
  const rowDeg = (NORTH - SOUTH) / ROWS;
  const cells = Array.from({ length: COUNTRY.provinces }, (_, p) => {
    const row = Math.floor(p / 2);
    const column = p % 2;
    const north = NORTH - row * rowDeg;
    const south = north - rowDeg;
    const centre = spineLon((north + south) / 2);
    const west = centre - HALF_ROW_DEG + column * HALF_ROW_DEG;
    const metropolis = METROPOLISES.includes(`${row},${column}`);
    return { box: [west, south, west + HALF_ROW_DEG, north] as ProvincePlan['box'], metropolis, weight: logNormal(random, 0, 0.45) * (metropolis ? 4.5 : 1) };
  });
  const weights = cells.map((cell) => cell.weight);
  const households = apportion(Math.round(COUNTRY.households * options.scale), weights);
  const units = apportion(COUNTRY.units, weights.map(Math.sqrt));
  // sites follow people and cover land: 60 % by households, 40 % by area (all provinces are one size here)
  const sites = apportion(Math.round(COUNTRY.sites * options.scale), weights.map((weight) => 0.6 * weight + 0.4 * (weights.reduce((a, b) => a + b, 0) / weights.length)));
  return cells.map((cell, p) => ({
    id: `p${String(p + 1).padStart(2, '0')}`,
    box: cell.box,
    households: households[p],
    units: units[p],
    sites: sites[p],
    metropolis: cell.metropolis,
  }));
}

/** Town centres of a province: where they are, their spread (m) and their share of its households. */
interface Town {
  lon: number;
  lat: number;
  spreadM: number;
  share: number;
}

/** Writes the country into `dir` (one folder per province, and README.txt saying it is synthetic). */
export function writeCountry(dir: string, options: CountryOptions = DEFAULT_COUNTRY): CountryWritten {
  const plans = planCountry(options).slice(0, options.provinces ?? COUNTRY.provinces);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'README.txt'),
    `SYNTHETIC country (bench/generate-country.ts, seed ${options.seed}, scale ${options.scale}): not real data.\n` +
      `One folder per province: wards.geojson, sites.csv, households.csv. phusong analyze --provinces ${dir} --out OUT\n`,
  );
  const written: CountryWritten = { dir, provinces: plans, households: 0, cells: [], wards: [], sample: [] };
  const sampleRandom = mulberry32(options.seed ^ 0x5eed);
  const totalHouseholds = plans.reduce((sum, plan) => sum + plan.households, 0);
  plans.forEach((plan, p) => {
    const random = mulberry32(options.seed + 7919 * (p + 1));
    const folder = join(dir, plan.id);
    mkdirSync(folder, { recursive: true });
    const towns = placeTowns(plan, random);
    const wards = unitGrid(plan, towns);
    writeFileSync(join(folder, 'wards.geojson'), JSON.stringify(wardsGeoJson(wards)) + '\n');
    const { lon, lat } = placeHouseholds(plan, towns, random);
    writeHouseholds(join(folder, 'households.csv'), plan.id, lon, lat);
    const cells = placeSites(plan, towns, lon, lat, random);
    writeFileSync(join(folder, 'sites.csv'), sitesCsv(cells));
    // a sample spread over the country, for the naive baseline (≈ SAMPLE_SIZE points)
    for (let h = 0; h < lon.length; h++) {
      if (sampleRandom() < SAMPLE_SIZE / totalHouseholds) written.sample.push({ id: householdId(plan.id, h), lon: lon[h], lat: lat[h], province: p });
    }
    written.households += lon.length;
    written.cells.push(...cells);
    written.wards.push(...wards);
  });
  return written;
}

function householdId(provinceId: string, h: number): string {
  return `${provinceId}-H${h + 1}`;
}

function placeTowns(plan: ProvincePlan, random: Random): Town[] {
  const [west, south, east, north] = plan.box;
  const inner = (low: number, high: number): number => low + (0.2 + 0.6 * random()) * (high - low);
  const count = plan.metropolis ? 2 : 1 + Math.floor(random() * 3);
  const shares = plan.metropolis ? [0.5, 0.15] : Array.from({ length: count }, (_, k) => (k === 0 ? 0.18 : 0.06));
  return shares.map((share, k) => ({
    lon: inner(west, east),
    lat: inner(south, north),
    spreadM: plan.metropolis ? (k === 0 ? 7000 : 3000) : k === 0 ? 2500 : 1200,
    share,
  }));
}

/** Distance in metres from a point to a town centre (flat, for placing synthetic points). */
function metresTo(town: Town, lon: number, lat: number): number {
  return Math.hypot((lon - town.lon) * M_PER_DEG_LON, (lat - town.lat) * M_PER_DEG_LAT);
}

/** The nearest town's distance in spreads (how urban a point is: < 1 core, < 2 town). */
function townness(towns: readonly Town[], lon: number, lat: number): number {
  return Math.min(...towns.map((town) => metresTo(town, lon, lat) / town.spreadM));
}

/** The province's units: a grid of rectangles (rows of near-square units), phường within two spreads of a town. */
function unitGrid(plan: ProvincePlan, towns: readonly Town[]): Ward[] {
  const [west, south, east, north] = plan.box;
  const rows = Math.max(1, Math.round(Math.sqrt(plan.units * (((north - south) * M_PER_DEG_LAT) / ((east - west) * M_PER_DEG_LON)))));
  const perRow = apportion(plan.units, Array.from({ length: rows }, () => 1));
  const wards: Ward[] = [];
  perRow.forEach((columns, row) => {
    const top = north - (row * (north - south)) / rows;
    const bottom = north - ((row + 1) * (north - south)) / rows;
    for (let column = 0; column < columns; column++) {
      const left = west + (column * (east - west)) / columns;
      const right = west + ((column + 1) * (east - west)) / columns;
      const urban = townness(towns, (left + right) / 2, (top + bottom) / 2) < 2;
      const number = String(wards.length + 1).padStart(3, '0');
      wards.push({
        id: `${plan.id}-${number}`,
        name: `${urban ? 'Phường' : 'Xã'} ${plan.id.toUpperCase()}-${number} (tổng hợp)`,
        district: null,
        type: urban ? 'Phường' : 'Xã',
        population2019: null,
        households2019: null,
        environment: null,
        geometry: {
          type: 'Polygon',
          coordinates: [[[round6(left), round6(bottom)], [round6(right), round6(bottom)], [round6(right), round6(top)], [round6(left), round6(top)], [round6(left), round6(bottom)]]],
        },
      });
    }
  });
  return wards;
}

function wardsGeoJson(wards: readonly Ward[]): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: wards.map(
      (ward): Feature<Polygon> => ({ type: 'Feature', properties: { ward_id: ward.id, name: ward.name, type: ward.type }, geometry: ward.geometry as Polygon }),
    ),
  };
}

/** Households: a share around each town (normal spread), the rest in villages (clusters of ~350) over the province. */
function placeHouseholds(plan: ProvincePlan, towns: readonly Town[], random: Random): { lon: Float64Array; lat: Float64Array } {
  const [west, south, east, north] = plan.box;
  const n = plan.households;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const inside = (x: number, y: number): boolean => x >= west && x <= east && y >= south && y <= north;
  const townCounts = towns.map((town) => Math.round(n * town.share));
  const rural = Math.max(0, n - townCounts.reduce((sum, count) => sum + count, 0));
  const villages = Array.from({ length: Math.max(1, Math.ceil(rural / VILLAGE_HOUSEHOLDS)) }, () => [west + random() * (east - west), south + random() * (north - south)]);
  let h = 0;
  const around = (cx: number, cy: number, spreadM: number): void => {
    let x = cx;
    let y = cy;
    for (let attempt = 0; attempt < 20; attempt++) {
      const tx = cx + (gaussian(random) * spreadM) / M_PER_DEG_LON;
      const ty = cy + (gaussian(random) * spreadM) / M_PER_DEG_LAT;
      if (inside(tx, ty)) {
        x = tx;
        y = ty;
        break;
      }
    }
    lon[h] = round6(x);
    lat[h++] = round6(y);
  };
  towns.forEach((town, k) => {
    for (let i = 0; i < townCounts[k] && h < n; i++) around(town.lon, town.lat, town.spreadM);
  });
  while (h < n) {
    const [vx, vy] = villages[Math.floor(random() * villages.length)];
    around(vx, vy, VILLAGE_SPREAD_M);
  }
  return { lon, lat };
}

/** households.csv streamed (`household_id,lon,lat,count`, coordinates as placed: 6 decimals). */
function writeHouseholds(path: string, provinceId: string, lon: Float64Array, lat: Float64Array): void {
  const fd = openSync(path, 'w');
  let buffer = 'household_id,lon,lat,count\n';
  for (let h = 0; h < lon.length; h++) {
    buffer += `${householdId(provinceId, h)},${lon[h]},${lat[h]},1\n`;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

/** Sites: three in four near households, one in four anywhere in the province; three sectors each. */
function placeSites(plan: ProvincePlan, towns: readonly Town[], lon: Float64Array, lat: Float64Array, random: Random): Cell[] {
  const [west, south, east, north] = plan.box;
  const cells: Cell[] = [];
  for (let s = 0; s < plan.sites; s++) {
    let siteLon: number;
    let siteLat: number;
    if (random() < 0.75 && lon.length > 0) {
      const h = Math.floor(random() * lon.length);
      siteLon = Math.min(east, Math.max(west, lon[h] + (gaussian(random) * 150) / M_PER_DEG_LON));
      siteLat = Math.min(north, Math.max(south, lat[h] + (gaussian(random) * 150) / M_PER_DEG_LAT));
    } else {
      siteLon = west + random() * (east - west);
      siteLat = south + random() * (north - south);
    }
    const near = townness(towns, siteLon, siteLat);
    const environment: Environment = near < 1 ? (plan.metropolis ? 'metropolitan' : 'urban') : near < 2 ? 'urban' : 'suburban';
    const radio = chooseRadio(near < 2 ? 'Phường' : 'Xã', random);
    const siteId = `${plan.id}S${String(s + 1).padStart(5, '0')}`;
    const azimuth0 = Math.floor(random() * 120);
    const tiltDeg = random() < 0.5 ? 2 + Math.floor(random() * 7) : null;
    const operator = OPERATORS[pickWeighted(random, OPERATOR_SHARES)];
    const { technology, bandMhz, heightM, model } = radio;
    cells.push(...sectorsOfSite({ siteId, lon: siteLon, lat: siteLat, operator, technology, bandMhz, heightM, model, environment, azimuth0Deg: azimuth0, tiltDeg }));
  }
  return cells;
}

/** Technology, band, height and model of a site: 5 % 2G, 10 % 3G, 8 % 5G in towns, else 4G as in the city. */
function chooseRadio(type: 'Phường' | 'Xã', random: Random): { technology: Technology; bandMhz: number; heightM: number; model: Cell['model'] } {
  const r = random();
  if (r < 0.05) return { technology: '2G', bandMhz: 900, heightM: 30, model: null };
  if (r < 0.15) return { technology: '3G', bandMhz: 2100, heightM: 30, model: null };
  if (r < 0.23 && type === 'Phường') return { technology: '5G', bandMhz: 3500, heightM: 25, model: '3gpp-uma' };
  return { technology: '4G', ...chooseSiteModel(type, random) };
}
