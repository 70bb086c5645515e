import CheapRuler from 'cheap-ruler';
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../src/core/assign-wards.ts';
import { HouseholdDensity } from '../../src/core/household-density.ts';
import type { Environment, HouseholdPoints, Ward } from '../../src/core/model.ts';
import { environmentOfDensity, PlaceEnvironment, resolveEnvironment } from '../../src/core/resolve-environment.ts';

const LAT = 20.85;
const ruler = new CheapRuler(LAT, 'meters');

/**
 * Household points at the given offsets (metres east, north) from [lon0, lat0]; with offsets summing to 0
 * northwards their mean latitude is lat0, where the density grid takes its metres per degree.
 */
function householdsAt(lon0: number, points: Array<[eastM: number, northM: number, count: number]>, lat0 = LAT): HouseholdPoints {
  const local = new CheapRuler(lat0, 'meters');
  return {
    length: points.length,
    ids: points.map((_, k) => `H${k}`),
    lon: Float64Array.from(points, ([eastM]) => lon0 + eastM / local.kx),
    lat: Float64Array.from(points, ([, northM]) => lat0 + northM / local.ky),
    count: Uint32Array.from(points, ([, , count]) => count),
    wardId: points.map(() => null),
  };
}

/** A 0.05° square ward with its south-west corner at (lon, LAT − 0.025). */
function ward(id: string, lon: number, environment: Environment | null): Ward {
  const [south, north] = [LAT - 0.025, LAT + 0.025];
  const ring = [[lon, south], [lon + 0.05, south], [lon + 0.05, north], [lon, north], [lon, south]];
  return { id, name: id, district: null, type: 'Phường', environment, population2019: null, households2019: null, geometry: { type: 'Polygon', coordinates: [ring] } };
}

describe('environmentOfDensity', () => {
  it('is metropolitan from 3,000 households per km², urban from 1,000, suburban below, never rural', () => {
    expect(environmentOfDensity(3000)).toBe('metropolitan');
    expect(environmentOfDensity(2999.99)).toBe('urban');
    expect(environmentOfDensity(1000)).toBe('urban');
    expect(environmentOfDensity(999.99)).toBe('suburban');
    expect(environmentOfDensity(0)).toBe('suburban');
  });
});

describe('HouseholdDensity', () => {
  it('counts the households of the 100 m cells whose centres lie within the radius, over those cells’ area', () => {
    // the lattice is anchored at multiples of 100 m of x = lon·kx, y = lat·ky (at the households' mean latitude):
    // a query at a cell centre sees the cells at integer offsets (i, j) with i² + j² ≤ (R / 100 m)²; for
    // R = 1,010 m that is i² + j² ≤ 102.01: the 317 points of the Gauss circle of radius 10 and (±10, ±1),
    // (±1, ±10): 325 cells, 3.25 km²
    let lat0 = LAT;
    for (let k = 0; k < 3; k++) {
      const ky = new CheapRuler(lat0, 'meters').ky;
      lat0 = ((Math.floor((LAT * ky) / 100) + 0.5) * 100) / ky;
    }
    const kx = new CheapRuler(lat0, 'meters').kx;
    const lon0 = ((Math.floor((106.7 * kx) / 100) + 0.5) * 100) / kx;
    const households = householdsAt(lon0, [
      [0, 0, 333], // the query's own cell
      [1000, 0, 50], // offset (10, 0): inside
      [0, -1000, 20], // (0, −10): inside
      [0, 1000, 30], // (0, 10): inside
      [1100, 0, 70], // (11, 0): 121 > 102.01, outside
      [720, 720, 7], // (7, 7): 98, inside
      [720, -720, 4], // (7, −7): inside
      [760, 760, 9], // (8, 8): 128, outside
      [760, -760, 6], // (8, −8): outside
    ], lat0);
    const density = new HouseholdDensity(households);
    expect(density.perKm2(lon0, lat0, 1010)).toBeCloseTo((333 + 50 + 20 + 30 + 7 + 4) / 3.25, 9);
    // nobody within 1 km of a point 30 km away
    expect(density.perKm2(lon0 + 30_000 / kx, lat0, 1000)).toBe(0);
  });

  it('agrees with a brute-force count over random points to the cells cut by the circle', () => {
    // Park–Miller minimal standard generator (products stay below 2⁵³)
    let state = 12345;
    const random = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
    const points = Array.from({ length: 5000 }, (): [number, number, number] => [(random() - 0.5) * 6000, (random() - 0.5) * 6000, 1 + Math.floor(random() * 3)]);
    const households = householdsAt(106.7, points);
    const density = new HouseholdDensity(households);
    for (const [eastM, northM] of [[0, 0], [400, -900], [-1300, 250]]) {
      const lon = 106.7 + eastM / ruler.kx;
      const lat = LAT + northM / ruler.ky;
      const within = (radiusM: number): number =>
        points.reduce((sum, [x, y, count]) => (ruler.distance([lon, lat], [106.7 + x / ruler.kx, LAT + y / ruler.ky]) <= radiusM ? sum + count : sum), 0);
      // every cell whose centre is within R lies within R + 71 m (half a diagonal), and every point within
      // R − 71 m is in such a cell: the grid count is bracketed by the exact counts of those two discs
      const areaKm2Bounds = [Math.PI * 0.929 ** 2, Math.PI * 1.071 ** 2];
      const gridHouseholds = density.perKm2(lon, lat, 1000);
      expect(gridHouseholds).toBeGreaterThanOrEqual(within(929) / areaKm2Bounds[1]);
      expect(gridHouseholds).toBeLessThanOrEqual(within(1071) / areaKm2Bounds[0]);
    }
  });
});

describe('PlaceEnvironment and resolveEnvironment', () => {
  // a dense block at x = 0, a town at x = 10 km, a village at x = 20 km; the disc of 1 km holds 2.7–3.6 km² of
  // cells (radius 1 km ± half a cell diagonal), so 11,000 households ≥ 3,055/km², 4,000 ∈ [1,111, 1,476],
  // 500 ≤ 185
  const households = householdsAt(106.5, [[0, 0, 11_000], [10_000, 0, 4_000], [20_000, 0, 500]]);
  const lonAt = (eastM: number): number => 106.5 + eastM / ruler.kx;
  const site = (eastM: number, environment: Environment | null = null) => ({ lon: lonAt(eastM), lat: LAT, environment });
  const place = new PlaceEnvironment(households, indexWards([]));

  it('takes the environment from the households within 1 km of the site', () => {
    expect(place.householdsPerKm2(lonAt(0), LAT)).toBeGreaterThanOrEqual(3055);
    expect(resolveEnvironment(site(0), place)).toBe('metropolitan');
    expect(resolveEnvironment(site(10_000), place)).toBe('urban');
    expect(resolveEnvironment(site(20_000), place)).toBe('suburban');
    // 5 km from anybody: suburban, not open area
    expect(resolveEnvironment(site(5_000), place)).toBe('suburban');
  });

  it('uses the cell’s own environment first, then a ward’s explicit one, never the ward’s type or district', () => {
    expect(resolveEnvironment(site(0, 'rural'), place)).toBe('rural');
    const wards = [ward('given', lonAt(9_000), 'rural'), ward('silent', lonAt(-2_000), null)];
    const withWards = new PlaceEnvironment(households, indexWards(wards));
    expect(resolveEnvironment(site(10_000), withWards)).toBe('rural');
    expect(resolveEnvironment(site(10_000, 'urban'), withWards)).toBe('urban');
    // a Phường without an environment of its own changes nothing: the density decides
    expect(resolveEnvironment(site(0), withWards)).toBe('metropolitan');
    expect(resolveEnvironment(site(20_000), withWards)).toBe('suburban');
  });
});
