/**
 * Synthetic household points: for every ward exactly its 2019 census household count, on land, grouped the
 * way people live in Hải Phòng —
 * - apartment blocks (khu tập thể, chung cư): one point per building, 10–60 households, in estates of 3–12;
 * - shophouses (nhà ống) along a street grid: points of 1–3 households a few metres off the street lines;
 * - villages (thôn, xóm): dense elliptic clusters strung along a village road, points of 1–2 households;
 * - scattered homes along the roads between villages: points of 1–2 households.
 * How much of each a ward gets depends on its profile (ward-profile.ts).
 */
import type { HouseholdPoints } from '../../src/core/model.ts';
import { offsetM, round6, ruler } from './geometry.ts';
import { minimumSpanningTree } from './minimum-spanning-tree.ts';
import { apportion, gaussian, logNormal, pickWeighted, randomBetween, randomInteger, type Random } from './random.ts';
import type { WardLand } from './ward-land.ts';
import { profileOfWard, type WardProfile } from './ward-profile.ts';

interface ProfileParameters {
  /** Share of the ward's households in apartment buildings. */
  apartmentShare: number;
  /** Share in shophouses on the street grid of the built-up centre. */
  gridShare: number;
  /** Share in homes scattered along the roads; the remainder lives in villages. */
  scatteredShare: number;
  /** Household density of the built-up centre, per km² (sets its radius); Infinity = the whole ward is built up. */
  centreDensityPerKm2: number;
  /** Spacing of the street grid, metres. */
  streetSpacingM: number;
}

const PROFILE_PARAMETERS: Readonly<Record<WardProfile, ProfileParameters>> = {
  core: { apartmentShare: 0.4, gridShare: 0.6, scatteredShare: 0, centreDensityPerKm2: Infinity, streetSpacingM: 45 },
  urban: { apartmentShare: 0.2, gridShare: 0.6, scatteredShare: 0.03, centreDensityPerKm2: 7000, streetSpacingM: 55 },
  town: { apartmentShare: 0.04, gridShare: 0.42, scatteredShare: 0.06, centreDensityPerKm2: 4500, streetSpacingM: 60 },
  rural: { apartmentShare: 0, gridShare: 0, scatteredShare: 0.06, centreDensityPerKm2: 4500, streetSpacingM: 60 },
};

/** Mean households per village (a thôn of the Red River delta has a few hundred). */
const HOUSEHOLDS_PER_VILLAGE = 260;
const MAX_VILLAGES_PER_WARD = 16;
/** Household density inside a village, per km² (house plots of ~300 m² with gardens and lanes). */
const VILLAGE_DENSITY_PER_KM2 = 2800;
/** Smallest radius of a built-up centre, metres. */
const MIN_CENTRE_RADIUS_M = 250;
/** Draws before a point that keeps falling outside its ward or in water is placed anywhere on the ward's land. */
const PLACEMENT_ATTEMPTS = 40;

/** Cumulative probabilities of a point's count being 1, 2, 3 … households. */
const SHOPHOUSE_COUNTS = [0.05, 0.3, 1];
const VILLAGE_COUNTS = [0.04, 1];
const SCATTERED_COUNTS = [0.3, 1];

/** Origin of the street-grid frames: the city centre (Nhà hát Lớn, approximate). */
const GRID_ORIGIN: readonly [number, number] = [106.684, 20.8585];

export interface GeneratedHouseholds {
  /** The points, each with its ward id (GSO code) and ids H000001, H000002, … */
  points: HouseholdPoints;
  /** Index into the wards of each point. */
  wardOfPoint: Int32Array;
}

/** Generates the household points of every ward (see the module comment); deterministic for a given `random`. */
export function generateHouseholds(wardLand: WardLand, random: Random): GeneratedHouseholds {
  const lon: number[] = [];
  const lat: number[] = [];
  const count: number[] = [];
  const ward: number[] = [];
  const gridAngleOfDistrict = new Map<string | null, number>();
  wardLand.wards.forEach((w, wardIndex) => {
    if (!gridAngleOfDistrict.has(w.district)) gridAngleOfDistrict.set(w.district, random() * 90);
    const settler = new WardSettler(wardLand, wardIndex, gridAngleOfDistrict.get(w.district) ?? 0, random);
    settler.settle((x, y, households) => {
      lon.push(x);
      lat.push(y);
      count.push(households);
      ward.push(wardIndex);
    });
  });
  const length = lon.length;
  const digits = Math.max(6, String(length).length);
  return {
    points: {
      length,
      ids: Array.from({ length }, (_, k) => `H${String(k + 1).padStart(digits, '0')}`),
      lon: Float64Array.from(lon),
      lat: Float64Array.from(lat),
      count: Uint32Array.from(count),
      wardId: ward.map((w) => wardLand.wards[w].id),
    },
    wardOfPoint: Int32Array.from(ward),
  };
}

type Emit = (lon: number, lat: number, households: number) => void;
type Sampler = () => [number, number];

/** An ellipse on the ground: a village, or one lobe of a town centre. */
interface Ellipse {
  lon: number;
  lat: number;
  majorM: number;
  minorM: number;
  /** Direction of the major axis, degrees counter-clockwise from east. */
  axisDeg: number;
}

/** Settles one ward's households; every point is accepted by `wardLand.accepts` after rounding. */
class WardSettler {
  private readonly parameters: ProfileParameters;
  private readonly profile: WardProfile;
  private readonly households: number;
  /** Middle of the built-up centre once planned (villages keep away from it, roads lead to it). */
  private centreLonLat: [number, number] | null = null;

  constructor(
    private readonly wardLand: WardLand,
    private readonly wardIndex: number,
    private readonly gridAngleDeg: number,
    private readonly random: Random,
  ) {
    const ward = wardLand.wards[wardIndex];
    this.profile = profileOfWard(ward, wardLand.landAreaKm2[wardIndex]);
    this.parameters = PROFILE_PARAMETERS[this.profile];
    this.households = ward.households2019 ?? 0;
  }

  settle(emit: Emit): void {
    if (this.households === 0) return;
    const { apartmentShare, gridShare, scatteredShare } = this.parameters;
    const centre = this.planCentre();
    const inApartments = centre === null ? 0 : this.placeApartments(Math.round(this.households * apartmentShare), centre, emit);
    const villageShare = 1 - apartmentShare - gridShare - scatteredShare;
    const [inGrid, scattered, inVillages] = apportion(this.households - inApartments, [gridShare, scatteredShare, villageShare]);
    if (centre !== null) this.fill(inGrid, SHOPHOUSE_COUNTS, () => this.snapToStreet(centre()), emit);
    const villages = this.planVillages(inVillages);
    const villageHouseholds = villages.length === 0 ? [] : apportion(inVillages, villages.map(() => logNormal(this.random, 0, 0.5)));
    villages.forEach((village, v) => this.fill(villageHouseholds[v], VILLAGE_COUNTS, () => this.pointInVillage(village), emit));
    this.fill(scattered, SCATTERED_COUNTS, this.roadSampler(villages), emit);
  }

  /**
   * The sampler of the built-up centre, or null for a rural commune: the whole ward's land for a core ward, else
   * one to three overlapping elliptic lobes around a central point, denser in the middle (Gaussian, cut at 2σ).
   */
  private planCentre(): Sampler | null {
    if (this.profile === 'rural') return null;
    const { centreDensityPerKm2, gridShare, apartmentShare } = this.parameters;
    if (centreDensityPerKm2 === Infinity) return () => this.wardLand.randomPoint(this.wardIndex, this.random);
    const centreHouseholds = this.households * (gridShare + apartmentShare);
    const radiusM = Math.max(MIN_CENTRE_RADIUS_M, Math.sqrt(centreHouseholds / centreDensityPerKm2 / Math.PI) * 1000);
    const [centreLon, centreLat] = this.centralLandPoint();
    this.centreLonLat = [centreLon, centreLat];
    const lobes: Ellipse[] = Array.from({ length: randomInteger(this.random, 1, 3) }, () => {
      const elongation = randomBetween(this.random, 1, 2.5);
      const shiftM = radiusM * 0.6 * this.random();
      const shiftAngle = 2 * Math.PI * this.random();
      const [lon, lat] = offsetM(centreLon, centreLat, shiftM * Math.cos(shiftAngle), shiftM * Math.sin(shiftAngle));
      return { lon, lat, majorM: radiusM * Math.sqrt(elongation), minorM: radiusM / Math.sqrt(elongation), axisDeg: this.random() * 180 };
    });
    return () => {
      const lobe = lobes[Math.floor(this.random() * lobes.length)];
      let along: number;
      let across: number;
      do {
        along = gaussian(this.random) / 2;
        across = gaussian(this.random) / 2;
      } while (along * along + across * across > 1);
      return this.ellipsePoint(lobe, along * lobe.majorM, across * lobe.minorM);
    };
  }

  /** Of a few random land points, the one nearest the middle of the ward's land: where the town centre grew. */
  private centralLandPoint(): [number, number] {
    const cells = this.wardLand.landCells[this.wardIndex];
    let sumLon = 0;
    let sumLat = 0;
    for (let c = 0; c < cells.length; c += 2) {
      sumLon += cells[c];
      sumLat += cells[c + 1];
    }
    const middle: [number, number] = [sumLon / (cells.length / 2), sumLat / (cells.length / 2)];
    let best = this.wardLand.randomPoint(this.wardIndex, this.random);
    for (let k = 0; k < 5; k++) {
      const candidate = this.wardLand.randomPoint(this.wardIndex, this.random);
      if (ruler.distance(candidate, middle) < ruler.distance(best, middle)) best = candidate;
    }
    return best;
  }

  /** Places up to `budget` households in apartment estates; returns how many it placed (the rest is < 10). */
  private placeApartments(budget: number, centre: Sampler, emit: Emit): number {
    let remaining = budget;
    while (remaining >= 10) {
      const [estateLon, estateLat] = centre();
      const buildings = randomInteger(this.random, 3, 12);
      for (let b = 0; b < buildings && remaining >= 10; b++) {
        let households = randomInteger(this.random, 10, 60);
        // never leave a remainder too small for one more building
        if (remaining - households < 10) households = remaining <= 60 ? remaining : remaining - 10;
        const [x, y] = this.place(() => offsetM(estateLon, estateLat, gaussian(this.random) * 50, gaussian(this.random) * 50));
        emit(x, y, households);
        remaining -= households;
      }
    }
    return budget - remaining;
  }

  /** Emits points of `counts`-distributed sizes from `sampler` until exactly `budget` households are placed. */
  private fill(budget: number, counts: readonly number[], sampler: Sampler, emit: Emit): void {
    let remaining = budget;
    while (remaining > 0) {
      const u = this.random();
      let households = 1;
      while (households < counts.length && u >= counts[households - 1]) households++;
      households = Math.min(households, remaining);
      const [x, y] = this.place(sampler);
      emit(x, y, households);
      remaining -= households;
    }
  }

  /** A sampled point accepted in the ward on land (rounded to 6 decimals), or else any land point of the ward. */
  private place(sampler: Sampler): [number, number] {
    for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
      const [x, y] = sampler();
      const lon = round6(x);
      const lat = round6(y);
      if (this.wardLand.accepts(this.wardIndex, lon, lat)) return [lon, lat];
    }
    return this.wardLand.randomPoint(this.wardIndex, this.random);
  }

  /** Moves a point onto the nearest street of the district's grid, a few metres to one side (the house front). */
  private snapToStreet([lon, lat]: [number, number]): [number, number] {
    const spacingM = this.parameters.streetSpacingM;
    const angle = (this.gridAngleDeg * Math.PI) / 180;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const x = (lon - GRID_ORIGIN[0]) * ruler.kx;
    const y = (lat - GRID_ORIGIN[1]) * ruler.ky;
    let u = x * cos + y * sin;
    let v = -x * sin + y * cos;
    const sideM = (this.random() < 0.5 ? -1 : 1) * randomBetween(this.random, 4, 9);
    if (this.random() < 0.5) u = Math.round(u / spacingM) * spacingM + sideM;
    else v = Math.round(v / spacingM) * spacingM + sideM;
    return [GRID_ORIGIN[0] + (u * cos - v * sin) / ruler.kx, GRID_ORIGIN[1] + (u * sin + v * cos) / ruler.ky];
  }

  /** Villages spread over the ward's land (best of several candidates, farthest from those placed). */
  private planVillages(households: number): Ellipse[] {
    if (households === 0) return [];
    const n = Math.min(MAX_VILLAGES_PER_WARD, Math.max(1, Math.round(households / HOUSEHOLDS_PER_VILLAGE)));
    const placed: Array<[number, number]> = this.centreLonLat === null ? [] : [this.centreLonLat];
    const villages: Ellipse[] = [];
    for (let v = 0; v < n; v++) {
      let best = this.wardLand.randomPoint(this.wardIndex, this.random);
      let bestGapM = this.nearestM(best, placed);
      for (let k = 0; k < 8; k++) {
        const candidate = this.wardLand.randomPoint(this.wardIndex, this.random);
        const gapM = this.nearestM(candidate, placed);
        if (gapM > bestGapM) {
          best = candidate;
          bestGapM = gapM;
        }
      }
      placed.push(best);
      const radiusM = Math.sqrt(households / n / VILLAGE_DENSITY_PER_KM2 / Math.PI) * 1000;
      const elongation = randomBetween(this.random, 1, 3);
      villages.push({
        lon: best[0],
        lat: best[1],
        majorM: radiusM * Math.sqrt(elongation),
        minorM: radiusM / Math.sqrt(elongation),
        axisDeg: this.random() * 180,
      });
    }
    return villages;
  }

  private nearestM(point: [number, number], others: Array<[number, number]>): number {
    return others.reduce((nearest, other) => Math.min(nearest, ruler.distance(point, other)), Infinity);
  }

  /** A house of a village: two in five along the village road (its long axis), the rest in the cluster. */
  private pointInVillage(village: Ellipse): [number, number] {
    let along: number;
    let across: number;
    if (this.random() < 0.4) {
      along = (2 * this.random() - 1) * 1.2 * village.majorM;
      across = gaussian(this.random) * 12;
    } else {
      along = (gaussian(this.random) * village.majorM) / 2;
      across = (gaussian(this.random) * village.minorM) / 2;
    }
    return this.ellipsePoint(village, along, across);
  }

  /** The point `alongM` along the ellipse's axis and `acrossM` across it from its centre. */
  private ellipsePoint(ellipse: Ellipse, alongM: number, acrossM: number): [number, number] {
    const angle = (ellipse.axisDeg * Math.PI) / 180;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    return offsetM(ellipse.lon, ellipse.lat, alongM * cos - acrossM * sin, alongM * sin + acrossM * cos);
  }

  /** Homes along the roads joining the ward's centre and villages (their minimum spanning tree). */
  private roadSampler(villages: Ellipse[]): Sampler {
    const stops: Array<[number, number]> = villages.map((v) => [v.lon, v.lat]);
    if (this.centreLonLat !== null) stops.push(this.centreLonLat);
    const roads = minimumSpanningTree(stops).map(([a, b]) => [stops[a], stops[b]] as const);
    if (roads.length === 0) return () => this.wardLand.randomPoint(this.wardIndex, this.random);
    const lengths = roads.map(([a, b]) => ruler.distance(a, b));
    return () => {
      const [a, b] = roads[pickWeighted(this.random, lengths)];
      const t = this.random();
      const [x, y] = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      return offsetM(x, y, gaussian(this.random) * 40, gaussian(this.random) * 40);
    };
  }
}
