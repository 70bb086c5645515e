/**
 * Seeded city-scale generator for the benchmark: the 223 real wards of Hải Phòng, one household point per census
 * household (598,917 in 2019) clustered inside each ward, and 4,000 three-sector 4G sites (12,000 cells) of mixed
 * path-loss models, denser where people live. Same seed → same city, so runs compare (flatbush `bench.js`).
 *
 * Run alone to write the city as CLI inputs: `node --import tsx bench/generate-city.ts --out DIR [--seed N]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Cell, HouseholdPoints, PathLossModelName, Ward } from '../src/core/model.ts';
import { RF_DEFAULTS } from '../src/core/rf-defaults.ts';
import { WARDS_PATH, readLand, readWards } from '../scripts/generate/geography.ts';
import { isInPolygons, outerRingBox, polygonsOf, randomPointInBox, round6 } from '../scripts/generate/geometry.ts';
import { gaussian, mulberry32 } from '../scripts/generate/random.ts';
import { householdsCsv, sitesCsv } from '../scripts/generate/write-csv.ts';

export { readLand, readWards } from '../scripts/generate/geography.ts';
export { mulberry32 } from '../scripts/generate/random.ts';

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

/** Metres per degree at Hải Phòng's latitude (20.85° N), WGS84 series; enough for placing synthetic points. */
const M_PER_DEG_LAT = 110_733;
const M_PER_DEG_LON = 104_100;

/** Generates the benchmark city from the real wards (see the module comment). */
export function generateCity(options: CityOptions = DEFAULT_CITY, wards: Ward[] = readWards(), land = readLand()): City {
  const random = mulberry32(options.seed);
  const polygons = wards.map((ward) => polygonsOf(ward.geometry));
  const boxes = polygons.map(outerRingBox);
  const isInWard = (w: number, lon: number, lat: number): boolean => isInPolygons(polygons[w], lon, lat);
  const randomPointIn = (w: number): [number, number] =>
    randomPointInBox(boxes[w], (lon, lat) => isInWard(w, lon, lat), random);

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
        const tx = cx + (gaussian(random) * spreadM) / M_PER_DEG_LON;
        const ty = cy + (gaussian(random) * spreadM) / M_PER_DEG_LAT;
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
  const cells: Cell[] = [];
  for (let s = 0; s < options.sites; s++) {
    let siteLon: number;
    let siteLat: number;
    let w: number;
    if (random() < 0.75) {
      const h = Math.floor(random() * total);
      w = wardOfPoint[h];
      siteLon = lon[h] + (gaussian(random) * 150) / M_PER_DEG_LON;
      siteLat = lat[h] + (gaussian(random) * 150) / M_PER_DEG_LAT;
    } else {
      w = pickWardByArea();
      [siteLon, siteLat] = randomPointIn(w);
    }
    const { model, bandMhz, heightM } = chooseSiteModel(wards[w].type, random);
    const siteId = `S${String(s + 1).padStart(4, '0')}`;
    const azimuth0 = Math.floor(random() * 120);
    const tiltDeg = random() < 0.5 ? 2 + Math.floor(random() * 7) : null;
    const operator = operators[Math.floor(random() * operators.length)];
    cells.push(...sectorsOfSite({ siteId, lon: siteLon, lat: siteLat, operator, technology: '4G', bandMhz, heightM, model, environment: null, azimuth0Deg: azimuth0, tiltDeg }));
  }
  return { wards, land, cells, households };
}

/** What a seeded site is drawn with; its three sectors share all of it. */
export interface SeededSite {
  siteId: string;
  lon: number;
  lat: number;
  operator: string;
  technology: Cell['technology'];
  bandMhz: number;
  heightM: number;
  model: Cell['model'];
  environment: Cell['environment'];
  /** Azimuth of the first sector; the others at +120° and +240°. */
  azimuth0Deg: number;
  tiltDeg: number | null;
}

/**
 * The three sectors of a seeded site (ids `SITE-1` … `SITE-3`) with the technology's RF defaults; FSPL small cells
 * at low power and gain. Shared by the city and country generators.
 */
export function sectorsOfSite(site: SeededSite): Cell[] {
  const defaults = RF_DEFAULTS[site.technology];
  const lowPower = site.model === 'fspl';
  return [0, 1, 2].map((sector) => ({
    cellId: `${site.siteId}-${sector + 1}`,
    siteId: site.siteId,
    lon: round6(site.lon),
    lat: round6(site.lat),
    operator: site.operator,
    technology: site.technology,
    bandMhz: site.bandMhz,
    heightM: site.heightM,
    azimuthDeg: site.azimuth0Deg + sector * 120,
    beamwidthDeg: defaults.beamwidthDeg,
    tiltDeg: site.tiltDeg,
    rsPowerDbm: lowPower ? -10 : defaults.rsPowerDbm,
    antennaGainDbi: lowPower ? 5 : defaults.antennaGainDbi,
    feederLossDb: defaults.feederLossDb,
    model: site.model,
    environment: site.environment,
    status: 'existing',
    channel: null,
    bandwidthMhz: null,
  }));
}

/**
 * Mix of models by ward type: phường mostly COST-231 and 3GPP UMa/UMi (UMi as 12 m street cells), thị trấn
 * Hata-family, xã 3GPP RMa and Okumura-Hata at 900 MHz; 1 % low-power FSPL small cells (indoor/short-range).
 */
export function chooseSiteModel(
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
