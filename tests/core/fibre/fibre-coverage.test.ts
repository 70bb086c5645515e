/**
 * Fibre distance and the passed rule against hand-placed fixtures (see fibre-fixture.ts for the independent
 * WGS84 placement) and against Turf's spherical pointToLineDistance on random networks.
 */
import { describe, expect, it } from 'vitest';
import { lineString, point, pointToLineDistance } from '@turf/turf';
import { computeFibreCoverage, fibreCoverageSteps, NEAREST_LIMIT_M } from '../../../src/core/fibre/fibre-coverage.ts';
import { CancelledError } from '../../../src/core/cancelled-error.ts';
import { runSteps } from '../../../src/core/steps.ts';
import { householdsAt, network, nodeAt, routeAt } from './fibre-fixture.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

const SETTINGS = { maxDropM: 200, backbonePasses: false };
/**
 * The fixture frame uses the metres-per-degree of 20.85°; a point 2 km north has a 1.2e-4 smaller east–west
 * scale (tan φ · Δφ), which the code rightly applies: compare to 2e-4 relative.
 */
function expectMetres(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * 2e-4 + 0.01);
}
/** Turf's geodesic point-to-segment distance is off by ~0.1 m within a few metres of a line. */
const TURF_TOLERANCE_M = 0.1;

describe('computeFibreCoverage: distance to a distribution cable', () => {
  // a straight north–south cable from (0, 0) to (0, 2000) m
  const cable = network([routeAt('c1', [[0, 0], [0, 2000]])]);

  it('measures the perpendicular distance beside the cable and passes points within maxDropM', () => {
    // beside the cable the distance is the east offset itself: 50, 150, 199, 201, 300, 1000 m (west too)
    const points = householdsAt([[50, 500], [150, 1000], [-199, 1500], [201, 700], [-300, 100], [1000, 1999]]);
    const result = computeFibreCoverage(points, cable, SETTINGS);
    [50, 150, 199, 201, 300, 1000].forEach((expected, h) => expectMetres(result.distanceM[h], expected));
    expect(Array.from(result.passed)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(result.fullNodes).toEqual([]);
  });

  it('measures to the end point beyond the cable', () => {
    const points = householdsAt([[120, -159], [120, -161], [0, 2199]]);
    const result = computeFibreCoverage(points, cable, SETTINGS);
    // √(120² + 159²) = 199.20 m (in reach), √(120² + 161²) = 200.80 m (just out), 199 m past the northern end
    expectMetres(result.distanceM[0], 199.2008);
    expectMetres(result.distanceM[1], 200.8009);
    expectMetres(result.distanceM[2], 199);
    expect(Array.from(result.passed)).toEqual([1, 0, 1]);
  });

  it('reports the true nearest distance up to 5 km and Infinity beyond', () => {
    const points = householdsAt([[4900, 1000], [5100, 1000], [0, 9000]]);
    const result = computeFibreCoverage(points, cable, SETTINGS);
    expect(NEAREST_LIMIT_M).toBe(5000);
    expect(Math.abs(result.distanceM[0] - 4900)).toBeLessThan(1);
    expect(result.distanceM[1]).toBe(Infinity);
    expect(result.distanceM[2]).toBe(Infinity);
    expect(Array.from(result.passed)).toEqual([0, 0, 0]);
  });

  it('honours maxDropM from the settings', () => {
    const points = householdsAt([[250, 500], [350, 500]]);
    const result = computeFibreCoverage(points, cable, { maxDropM: 300, backbonePasses: false });
    expect(Array.from(result.passed)).toEqual([1, 0]);
  });

  it('lets backbone routes pass households only when backbonePasses', () => {
    const backbone = network([routeAt('b1', [[0, 0], [0, 2000]], 'backbone')]);
    const points = householdsAt([[100, 500]]);
    const off = computeFibreCoverage(points, backbone, SETTINGS);
    expect(off.passed[0]).toBe(0);
    expect(off.distanceM[0]).toBe(Infinity);
    const on = computeFibreCoverage(points, backbone, { maxDropM: 200, backbonePasses: true });
    expect(on.passed[0]).toBe(1);
    expectMetres(on.distanceM[0], 100);
  });

  it('follows every part of a multi-part, multi-vertex route', () => {
    // an L-shaped route (0,0)→(1000,0)→(1000,1000) plus a separate part at y = 3000
    const route = { ...routeAt('l', [[0, 0], [1000, 0], [1000, 1000]]) };
    route.lines.push(routeAt('x', [[0, 3000], [500, 3000]]).lines[0]);
    const points = householdsAt([[500, 120], [880, 600], [250, 2900], [600, 600]]);
    const result = computeFibreCoverage(points, network([route]), SETTINGS);
    // 120 m above the first leg; 120 m west of the second; 100 m below the second part; 400 m from both legs
    [120, 120, 100, 400].forEach((expected, h) => expectMetres(result.distanceM[h], expected));
    expect(Array.from(result.passed)).toEqual([1, 1, 1, 0]);
  });

  it('handles no households and no network', () => {
    const none = computeFibreCoverage(householdsAt([]), cable, SETTINGS);
    expect(none.distanceM.length).toBe(0);
    const empty = computeFibreCoverage(householdsAt([[0, 0]]), network([]), SETTINGS);
    expect(empty.distanceM[0]).toBe(Infinity);
    expect(empty.passed[0]).toBe(0);
  });
});

describe('computeFibreCoverage: access nodes and capacity', () => {
  it('passes households near a node of unknown capacity with no route at all', () => {
    const points = householdsAt([[0, 150, 5], [0, 250]]);
    const result = computeFibreCoverage(points, network([], [nodeAt('n1', 0, 0)]), SETTINGS);
    expectMetres(result.distanceM[0], 150);
    expect(Array.from(result.passed)).toEqual([1, 0]);
  });

  it('assigns ports closest first, whole points only, and reports the node that fills up', () => {
    // node n1 at the cable, capacity 10, used 7 → 3 free ports.
    // p0 (2 households, 50 m) takes 2 → 1 left; p1 (2 households, 80 m) does not fit → not passed even though the
    // cable is within reach; p2 (1 household, 120 m) takes the last port → n1 full; p3 (1, 150 m) finds none.
    const net = network([routeAt('c', [[0, -1000], [0, 1000]])], [nodeAt('n1', 0, 0, 10, 7)]);
    const points = householdsAt([[50, 0, 2], [0, 80, 2], [-120, 0, 1], [0, -150, 1]]);
    const result = computeFibreCoverage(points, net, SETTINGS);
    expect(Array.from(result.passed)).toEqual([1, 0, 1, 0]);
    // the distance is to the nearest passing element (the cable or the node), whatever the ports
    expect(result.distanceM[1]).toBeCloseTo(0, 6);
    expect(result.fullNodes).toEqual(['n1']);
  });

  it('falls back to the next node within reach when the nearest is full', () => {
    // n1 (1 free port) at 0 m, n2 (5 free) at 300 m east. Points at 100 m and 140 m east of n1:
    // pairs by distance: p0–n1 100, p1–n1 140, p1–n2 160, p0–n2 200 → p0→n1 (n1 full), p1→n2.
    const net = network([], [nodeAt('n1', 0, 0, 4, 3), nodeAt('n2', 300, 0, 5, 0)]);
    const points = householdsAt([[100, 0], [140, 0]]);
    const result = computeFibreCoverage(points, net, SETTINGS);
    expect(Array.from(result.passed)).toEqual([1, 1]);
    expect(result.fullNodes).toEqual(['n1']);
  });

  it('lets a node of unknown capacity within reach serve a point without using capacitated ports', () => {
    // n1 has 1 free port; p0 is within reach of n1 (100 m) and of the unlimited n2 (150 m), p1 only of n1 (100 m;
    // 350 m from n2). Were p0 given n1's port (first on the tie at 100 m), p1 would find none.
    const net = network([], [nodeAt('n1', 0, 0, 1, 0), nodeAt('n2', -250, 0)]);
    const points = householdsAt([[-100, 0], [100, 0]]);
    const result = computeFibreCoverage(points, net, SETTINGS);
    expect(Array.from(result.passed)).toEqual([1, 1]);
    expect(result.fullNodes).toEqual(['n1']);
  });

  it('passes points near a route but no node, and lists nodes full before any assignment', () => {
    const net = network([routeAt('c', [[0, 0], [0, 3000]])], [nodeAt('full', 0, 0, 8, 8), nodeAt('spare', 0, 2000, 8, 2)]);
    // p0 is only near `full` (100 m; the cable end too) → no port → not passed; p1 is 1000 m from both nodes, 100 m from the cable
    const points = householdsAt([[0, -100], [100, 1000]]);
    const result = computeFibreCoverage(points, net, SETTINGS);
    expect(Array.from(result.passed)).toEqual([0, 1]);
    expect(result.fullNodes).toEqual(['full']);
  });
});

describe('computeFibreCoverage against Turf on random networks', () => {
  it('agrees with turf.pointToLineDistance (sphere) within 0.6 % and passes exactly the points within reach', () => {
    const random = mulberry32(7);
    const routes = Array.from({ length: 30 }, (_, r) => {
      const e = random() * 8000;
      const n = random() * 8000;
      return routeAt(`r${r}`, [[e, n], [e + (random() - 0.5) * 3000, n + (random() - 0.5) * 3000], [e + random() * 1000, n + random() * 1000]]);
    });
    const points = householdsAt(Array.from({ length: 3000 }, () => [random() * 9000, random() * 9000] as [number, number]));
    const result = computeFibreCoverage(points, network(routes), SETTINGS);
    for (let h = 0; h < points.length; h++) {
      const here = point([points.lon[h], points.lat[h]]);
      const turfM = Math.min(...routes.map((route) => pointToLineDistance(here, lineString(route.lines[0]), { units: 'meters' })));
      if (turfM > NEAREST_LIMIT_M * 1.01) {
        expect(result.distanceM[h]).toBe(Infinity);
        continue;
      }
      if (turfM < NEAREST_LIMIT_M * 0.99) expect(Math.abs(result.distanceM[h] - turfM)).toBeLessThanOrEqual(turfM * 0.006 + TURF_TOLERANCE_M);
      if (turfM < 200 * 0.99) expect(result.passed[h]).toBe(1);
      if (turfM > 200 * 1.01) expect(result.passed[h]).toBe(0);
    }
  });
});

describe('fibreCoverageSteps: a long computation with checkpoints', () => {
  // 400 routes of ~2 km, cut into ≤ 250 m pieces: over 3,000 elements, more than one checkpoint's worth
  const random = mulberry32(11);
  const routes = Array.from({ length: 400 }, (_, r) => {
    const e = random() * 20_000;
    const n = random() * 20_000;
    return routeAt(`r${r}`, [[e, n], [e + 1400, n + 1400]]);
  });
  const points = householdsAt(Array.from({ length: 4000 }, () => [random() * 21_000, random() * 21_000] as [number, number]));

  it('yields rising fractions below 1 and ends with the distances Turf measures', () => {
    const fractions: number[] = [];
    const result = runSteps(fibreCoverageSteps(points, network(routes), SETTINGS), (fraction) => fractions.push(fraction));
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    fractions.forEach((fraction, i) => {
      expect(fraction).toBeGreaterThanOrEqual(i === 0 ? 0 : fractions[i - 1]);
      expect(fraction).toBeLessThan(1);
    });
    for (let h = 0; h < points.length; h += 40) {
      const here = point([points.lon[h], points.lat[h]]);
      const turfM = Math.min(...routes.map((route) => pointToLineDistance(here, lineString(route.lines[0]), { units: 'meters' })));
      if (turfM < NEAREST_LIMIT_M * 0.99) expect(Math.abs(result.distanceM[h] - turfM)).toBeLessThanOrEqual(turfM * 0.006 + TURF_TOLERANCE_M);
    }
  });

  it('stops at the first checkpoint after a cancel', () => {
    let checkpoints = 0;
    expect(() => runSteps(fibreCoverageSteps(points, network(routes), SETTINGS), undefined, () => ++checkpoints > 1)).toThrow(CancelledError);
    expect(checkpoints).toBe(2);
  });
});
