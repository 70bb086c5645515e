/**
 * Synthetic BTS sites of Việt Nam's four mobile operators in the merged Hải Phòng, one row per cell:
 * - each operator places its sites by random sequential adsorption: candidates drawn near households (by count)
 *   and anywhere on land, kept when no site of the same operator lies within a spacing that follows household
 *   density — inter-site distance ≈ 0.45 km in the inner city to 2–5 km in rural communes, wider for the smaller
 *   operators (Viettel densest, Vietnamobile sparsest), dense in the industrial parks and ports;
 * - layers per site: 2G 900, 3G 2100, 4G 1800 (plus some 4G 900 and 2600 in the city), 5G 3500 only in the
 *   central districts, Hải Dương city, the industrial parks and the ports; three sectors about 120° apart, omni on a quarter of rural sites;
 * - gap wards (places.ts) get only sparse 2G/3G sites and no 4G/5G, so weak-signal zones remain there;
 * - RF fields from RF_DEFAULTS with band-specific antenna gains; `model` and `environment` left empty (the
 *   documented rules choose them) except for a few street-level small cells that name `3gpp-umi`.
 */
import Flatbush from 'flatbush';
import type { Cell, SiteStatus, Technology } from '../../src/core/model.ts';
import { HouseholdDensity } from '../../src/core/household-density.ts';
import { RF_DEFAULTS } from '../../src/core/rf-defaults.ts';
import { distanceM, offsetM, round6, ruler } from './geometry.ts';
import type { GeneratedHouseholds } from './households.ts';
import { FIVE_G_DISTRICTS, FIVE_G_ZONES, GAP_WARD_IDS } from './places.ts';
import { gaussian, randomInteger, type Random } from './random.ts';
import { isInZone } from './zones.ts';
import type { WardLand } from './ward-land.ts';
import { profileOfWard, type WardProfile } from './ward-profile.ts';

interface OperatorPlan {
  name: string;
  /** Prefix of its site ids. */
  code: string;
  /** Multiplier on the inter-site distance (1 = Viettel, the densest network). */
  spacingFactor: number;
  /** Share of its sites in the 5G area that carry 5G. */
  fiveGShare: number;
  /** Whether it runs 3G on a site, probability. */
  threeGShare: number;
}

/** Operators by network size (Viettel largest, Vietnamobile smallest; Vietnamobile has no 5G licence here). */
const OPERATORS: readonly OperatorPlan[] = [
  { name: 'Viettel', code: 'VTL', spacingFactor: 1, fiveGShare: 0.7, threeGShare: 0.9 },
  { name: 'VNPT', code: 'VNP', spacingFactor: 1.15, fiveGShare: 0.45, threeGShare: 0.85 },
  { name: 'MobiFone', code: 'MBF', spacingFactor: 1.2, fiveGShare: 0.4, threeGShare: 0.85 },
  { name: 'Vietnamobile', code: 'VNM', spacingFactor: 1.25, fiveGShare: 0, threeGShare: 0.7 },
];

/** Radius over which household density is averaged for the spacing rule, m, on a grid of cells this size. */
const DENSITY_RADIUS_M = 2000;
const DENSITY_CELL_M = 250;
/**
 * Viettel's inter-site distance (km) against household density (per km², averaged within 2 km), interpolated
 * log-log between these points: 0.42–0.5 km in the inner city, ~1.5 km suburban, 2.5–5 km rural.
 */
const SPACING_KM_BY_DENSITY: ReadonlyArray<readonly [number, number]> = [
  [30, 5], [100, 3.6], [300, 2.5], [800, 1.5], [2000, 0.8], [5000, 0.5], [12000, 0.42],
];
/** Inter-site distance in the industrial parks and ports, km (few households but heavy traffic). */
const INDUSTRIAL_SPACING_KM = 1;
/** Gap wards: legacy 2G/3G sites only, this many times sparser than the density rule. */
const GAP_SPACING_FACTOR = 2.2;
/** Wards with land within this distance of a gap ward's land are its fringe, metres … */
const FRINGE_DISTANCE_M = 1500;
/** … where sites are this many times sparser than the density rule (the gap's edge is not sharp). */
const FRINGE_SPACING_FACTOR = 1.5;
/**
 * Sites of one operator keep apart by the target spacing divided by this. Random sequential adsorption jams at
 * ~55 % of the plane covered by the exclusion discs, which leaves a hexagonal-equivalent spacing ~1.29 times the
 * exclusion distance (less where candidates run out before jamming, as between villages).
 */
const EXCLUSION_RATIO = 1.25;
/** Candidate draws per operator (enough to fill the city), share of them near households. */
const CANDIDATES_PER_OPERATOR = 80_000;
const CANDIDATES_NEAR_HOUSEHOLDS = 0.7;
const CANDIDATES_PER_INDUSTRIAL_ZONE = 400;
/** Street-level small cells (4G 2600, 3GPP UMi) Viettel adds in the densest wards. */
const SMALL_CELLS = 24;

interface Layer {
  label: string;
  technology: Technology;
  bandMhz: number;
  antennaGainDbi: number;
}

const LAYERS = {
  g900: { label: 'G900', technology: '2G', bandMhz: 900, antennaGainDbi: RF_DEFAULTS['2G'].antennaGainDbi },
  u2100: { label: 'U2100', technology: '3G', bandMhz: 2100, antennaGainDbi: RF_DEFAULTS['3G'].antennaGainDbi },
  l1800: { label: 'L1800', technology: '4G', bandMhz: 1800, antennaGainDbi: RF_DEFAULTS['4G'].antennaGainDbi },
  l900: { label: 'L900', technology: '4G', bandMhz: 900, antennaGainDbi: 15 },
  l2600: { label: 'L2600', technology: '4G', bandMhz: 2600, antennaGainDbi: 18 },
  n3500: { label: 'N3500', technology: '5G', bandMhz: 3500, antennaGainDbi: RF_DEFAULTS['5G'].antennaGainDbi },
} as const satisfies Record<string, Layer>;

/** Gain of an omni antenna (collinear array), dBi. */
const OMNI_GAIN_DBI = 11;

interface Site {
  id: string;
  operator: OperatorPlan;
  lon: number;
  lat: number;
  wardIndex: number;
}

/** Generates every operator's sites and their cells; deterministic for a given `random`. */
export function generateSites(wardLand: WardLand, households: GeneratedHouseholds, random: Random): Cell[] {
  const rule: SpacingRule = { density: new HouseholdDensity(households.points, DENSITY_CELL_M), gapOfWard: classifyGaps(wardLand) };
  const sitePicker = new CandidatePicker(wardLand, households, random);
  const cells: Cell[] = [];
  for (const operator of OPERATORS) {
    const sites = placeSites(operator, wardLand, rule, sitePicker, random);
    for (const site of sites) cells.push(...cellsOfSite(site, wardLand, random));
  }
  cells.push(...smallCells(wardLand, households, random));
  return cells;
}

/** Where an operator's sites are spread: household density, industrial parks and ports, gap wards and their fringe. */
interface SpacingRule {
  density: HouseholdDensity;
  /** Per ward: 1 = gap ward, 2 = fringe of a gap, 0 = neither. */
  gapOfWard: Uint8Array;
}

/** Inter-site distance in metres for an operator at a point in ward `wardIndex`. */
function spacingM(operator: OperatorPlan, lon: number, lat: number, wardIndex: number, { density, gapOfWard }: SpacingRule): number {
  const householdsPerKm2 = density.perKm2(lon, lat, DENSITY_RADIUS_M);
  let spacingKm = interpolateLogLog(SPACING_KM_BY_DENSITY, householdsPerKm2);
  if (FIVE_G_ZONES.some((zone) => isInZone(zone, lon, lat))) {
    spacingKm = Math.min(spacingKm, INDUSTRIAL_SPACING_KM);
  }
  if (gapOfWard[wardIndex] === 1) spacingKm *= GAP_SPACING_FACTOR;
  if (gapOfWard[wardIndex] === 2) spacingKm *= FRINGE_SPACING_FACTOR;
  return spacingKm * operator.spacingFactor * 1000;
}

/** Marks the gap wards (1) and the wards with land within FRINGE_DISTANCE_M of a gap ward's land (2). */
function classifyGaps(wardLand: WardLand): Uint8Array {
  const gapOfWard = Uint8Array.from(wardLand.wards, (ward) => (GAP_WARD_IDS.has(ward.id) ? 1 : 0));
  const gapCells: number[] = [];
  wardLand.landCells.forEach((cells, w) => {
    if (gapOfWard[w] === 1) gapCells.push(...cells);
  });
  const index = new Flatbush(Math.max(1, gapCells.length / 2));
  for (let c = 0; c < gapCells.length; c += 2) index.add(gapCells[c], gapCells[c + 1], gapCells[c], gapCells[c + 1]);
  if (gapCells.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const dLon = FRINGE_DISTANCE_M / ruler.kx;
  const dLat = FRINGE_DISTANCE_M / ruler.ky;
  wardLand.landCells.forEach((cells, w) => {
    if (gapOfWard[w] === 1 || gapCells.length === 0) return;
    for (let c = 0; c < cells.length; c += 2) {
      if (index.search(cells[c] - dLon, cells[c + 1] - dLat, cells[c] + dLon, cells[c + 1] + dLat).length > 0) {
        gapOfWard[w] = 2;
        return;
      }
    }
  });
  return gapOfWard;
}

/** y(x) through the points (x ascending), linear in log x and log y, held constant beyond the ends. */
function interpolateLogLog(points: ReadonlyArray<readonly [number, number]>, x: number): number {
  if (x <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    if (x <= x1) {
      const [x0, y0] = points[i - 1];
      const t = Math.log(x / x0) / Math.log(x1 / x0);
      return Math.exp(Math.log(y0) + t * (Math.log(y1) - Math.log(y0)));
    }
  }
  return points[points.length - 1][1];
}

/** Draws candidate site positions: near households (by count) or uniform on land (wards by land area). */
class CandidatePicker {
  private readonly cumulativeHouseholds: Float64Array;
  private readonly cumulativeLand: Float64Array;

  constructor(
    private readonly wardLand: WardLand,
    private readonly households: GeneratedHouseholds,
    private readonly random: Random,
  ) {
    this.cumulativeHouseholds = cumulative(households.points.count);
    this.cumulativeLand = cumulative(wardLand.landAreaKm2);
  }

  nearHouseholds(): [number, number] {
    const k = searchCumulative(this.cumulativeHouseholds, this.random());
    const { lon, lat } = this.households.points;
    return offsetM(lon[k], lat[k], gaussian(this.random) * 100, gaussian(this.random) * 100);
  }

  onLand(): [number, number] {
    return this.wardLand.randomPoint(searchCumulative(this.cumulativeLand, this.random()), this.random);
  }
}

function cumulative(values: ArrayLike<number>): Float64Array {
  const sums = new Float64Array(values.length);
  let total = 0;
  for (let i = 0; i < values.length; i++) sums[i] = total += values[i];
  return sums;
}

/** Index of the first cumulative sum above u·total (binary search). */
function searchCumulative(sums: Float64Array, u: number): number {
  const target = u * sums[sums.length - 1];
  let low = 0;
  let high = sums.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sums[middle] > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Random sequential adsorption of one operator's sites (see the module comment). */
function placeSites(
  operator: OperatorPlan,
  wardLand: WardLand,
  rule: SpacingRule,
  picker: CandidatePicker,
  random: Random,
): Site[] {
  const sites: Site[] = [];
  const grid = new Map<string, Site[]>();
  const bucketM = 1000;
  const keyOf = (x: number, y: number): string => `${x},${y}`;
  const tryAdd = ([rawLon, rawLat]: [number, number]): void => {
    const lon = round6(rawLon);
    const lat = round6(rawLat);
    if (!wardLand.isOnLand(lon, lat)) return;
    const wardIndex = wardLand.wardIndex.locate(lon, lat).wardIndex;
    if (wardIndex === -1) return;
    const exclusionM = spacingM(operator, lon, lat, wardIndex, rule) / EXCLUSION_RATIO;
    const bx = Math.floor((lon * ruler.kx) / bucketM);
    const by = Math.floor((lat * ruler.ky) / bucketM);
    const reach = Math.ceil(exclusionM / bucketM);
    for (let dx = -reach; dx <= reach; dx++) {
      for (let dy = -reach; dy <= reach; dy++) {
        for (const other of grid.get(keyOf(bx + dx, by + dy)) ?? []) {
          if (distanceM(lon, lat, other.lon, other.lat) < exclusionM) return;
        }
      }
    }
    const site: Site = { id: `${operator.code}${String(sites.length + 1).padStart(4, '0')}`, operator, lon, lat, wardIndex };
    sites.push(site);
    const bucket = grid.get(keyOf(bx, by));
    if (bucket === undefined) grid.set(keyOf(bx, by), [site]);
    else bucket.push(site);
  };
  // industrial parks and ports first, so their dense spacing is not pre-empted by sparse rural neighbours
  for (const zone of FIVE_G_ZONES) {
    for (let k = 0; k < CANDIDATES_PER_INDUSTRIAL_ZONE; k++) {
      const r = zone.radiusM * Math.sqrt(random());
      const angle = 2 * Math.PI * random();
      tryAdd(offsetM(zone.lon, zone.lat, r * Math.cos(angle), r * Math.sin(angle)));
    }
  }
  for (let k = 0; k < CANDIDATES_PER_OPERATOR; k++) {
    tryAdd(random() < CANDIDATES_NEAR_HOUSEHOLDS ? picker.nearHouseholds() : picker.onLand());
  }
  return sites;
}

/** Whether a site is in the 5G area: a central district, Đồ Sơn or Hải Dương city, or an industrial park or port. */
function isInFiveGArea(site: Site, wardLand: WardLand): boolean {
  const district = wardLand.wards[site.wardIndex].district;
  return (
    (district !== null && FIVE_G_DISTRICTS.has(district)) ||
    FIVE_G_ZONES.some((zone) => isInZone(zone, site.lon, site.lat))
  );
}

/** Mast height range per ward profile, m (rooftop poles in the city, towers in the countryside). */
const HEIGHT_RANGE_M: Readonly<Record<WardProfile, readonly [number, number]>> = {
  core: [20, 32],
  urban: [25, 40],
  town: [30, 42],
  rural: [30, 45],
};

/** Downtilt range per ward profile, degrees (steeper where sites are close together). */
const TILT_RANGE_DEG: Readonly<Record<WardProfile, readonly [number, number]>> = {
  core: [4, 8],
  urban: [3, 6],
  town: [2, 5],
  rural: [2, 4],
};

/** The layers a site carries (see the module comment). */
function layersOf(site: Site, profile: WardProfile, wardLand: WardLand, random: Random): Layer[] {
  const operator = site.operator;
  const threeG = random() < operator.threeGShare;
  if (GAP_WARD_IDS.has(wardLand.wards[site.wardIndex].id)) return threeG ? [LAYERS.g900, LAYERS.u2100] : [LAYERS.g900];
  const layers: Layer[] = [];
  if (random() < (profile === 'core' ? 0.75 : 0.95)) layers.push(LAYERS.g900);
  if (threeG) layers.push(LAYERS.u2100);
  layers.push(LAYERS.l1800);
  const city = profile === 'core' || profile === 'urban';
  if (city && operator.fiveGShare > 0 && random() < 0.15) layers.push(LAYERS.l900);
  if (profile === 'core' && operator.fiveGShare > 0 && random() < 0.3) layers.push(LAYERS.l2600);
  if (isInFiveGArea(site, wardLand) && random() < operator.fiveGShare) layers.push(LAYERS.n3500);
  return layers;
}

/** The cells of one site: its layers × its sectors (or one omni cell per layer). */
function cellsOfSite(site: Site, wardLand: WardLand, random: Random): Cell[] {
  const profile = profileOfWard(wardLand.wards[site.wardIndex], wardLand.landAreaKm2[site.wardIndex]);
  const layers = layersOf(site, profile, wardLand, random);
  const omni = profile === 'rural' && random() < 0.25;
  const [minHeightM, maxHeightM] = HEIGHT_RANGE_M[profile];
  const heightM = randomInteger(random, minHeightM, maxHeightM);
  const baseAzimuthDeg = randomInteger(random, 0, 119);
  const azimuthsDeg = omni ? [null] : [0, 1, 2].map((k) => (baseAzimuthDeg + 120 * k + randomInteger(random, -10, 10) + 360) % 360);
  const siteStatus: SiteStatus = random() < 0.03 ? 'planned' : 'existing';
  const [minTiltDeg, maxTiltDeg] = TILT_RANGE_DEG[profile];
  const cells: Cell[] = [];
  for (const layer of layers) {
    const defaults = RF_DEFAULTS[layer.technology];
    // a new 5G layer on an existing mast is often still being rolled out
    const status: SiteStatus = layer.technology === '5G' && siteStatus === 'existing' && random() < 0.15 ? 'planned' : siteStatus;
    azimuthsDeg.forEach((azimuthDeg, sector) => {
      const tiltDeg = azimuthDeg === null || random() < 0.1 ? null : randomInteger(random, minTiltDeg, maxTiltDeg) + (layer.technology === '5G' ? 1 : 0);
      cells.push({
        cellId: `${site.id}-${layer.label}-${sector + 1}`,
        siteId: site.id,
        lon: site.lon,
        lat: site.lat,
        operator: site.operator.name,
        technology: layer.technology,
        bandMhz: layer.bandMhz,
        heightM: layer.technology === '5G' ? heightM - 3 : heightM,
        azimuthDeg,
        beamwidthDeg: defaults.beamwidthDeg,
        tiltDeg,
        rsPowerDbm: defaults.rsPowerDbm,
        antennaGainDbi: azimuthDeg === null ? OMNI_GAIN_DBI : layer.antennaGainDbi,
        feederLossDb: defaults.feederLossDb,
        model: null,
        environment: null,
        status,
        channel: null,
        bandwidthMhz: null,
      });
    });
  }
  return cells;
}

/**
 * Viettel's street-level small cells in the densest wards: omni 4G 2600 at 10 m, 5 W over 20 MHz
 * (37 dBm − 10·log10(1200) ≈ 6.2 dBm per RE), 5 dBi, named model 3GPP UMi-Street Canyon.
 */
function smallCells(wardLand: WardLand, households: GeneratedHouseholds, random: Random): Cell[] {
  const { points, wardOfPoint } = households;
  const denseWards = wardLand.wards
    .map((ward, w) => ({ w, perKm2: (ward.households2019 ?? 0) / Math.max(wardLand.landAreaKm2[w], 0.01) }))
    .sort((a, b) => b.perKm2 - a.perKm2 || a.w - b.w)
    .slice(0, 12)
    .map(({ w }) => w);
  const inDenseWards: number[] = [];
  for (let k = 0; k < points.length; k++) if (denseWards.includes(wardOfPoint[k])) inDenseWards.push(k);
  return Array.from({ length: SMALL_CELLS }, (_, s) => {
    const k = inDenseWards[Math.floor(random() * inDenseWards.length)];
    const siteId = `VTL-SC${String(s + 1).padStart(3, '0')}`;
    return {
      cellId: `${siteId}-L2600-1`,
      siteId,
      lon: points.lon[k],
      lat: points.lat[k],
      operator: 'Viettel',
      technology: '4G' as const,
      bandMhz: 2600,
      heightM: 10,
      azimuthDeg: null,
      beamwidthDeg: RF_DEFAULTS['4G'].beamwidthDeg,
      tiltDeg: null,
      rsPowerDbm: 6.2,
      antennaGainDbi: 5,
      feederLossDb: 0,
      model: '3gpp-umi' as const,
      environment: null,
      status: 'existing' as const,
      channel: null,
      bandwidthMhz: null,
    };
  });
}
