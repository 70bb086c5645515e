/**
 * Extension planning on hand-built fixtures with optima worked out by hand (in the comments), the annulus-packing
 * lower bound on small random instances, capacity, scopes and re-planning.
 *
 * Geometry shared by the fixtures: a straight distribution cable along y = 0 from x = −3000 to 3000 m, maxDropM
 * 200 m. The planner keeps a 1 % margin on the drop distance, so a cable ends 198 m (not 200 m) short of a
 * household: each spur is 2 m longer than the continuous optimum.
 */
import { describe, expect, it } from 'vitest';
import { computeFibreCoverage } from '../../../src/core/fibre/fibre-coverage.ts';
import { lowerBoundCableM } from '../../../src/core/fibre/fibre-plan-bound.ts';
import { householdsNeeded } from '../../../src/core/fibre/fibre-statistics.ts';
import {
  DEFAULT_FIBRE_COSTS,
  planFibreExtensions,
  planFibreExtensionsToTargets,
  removeExtension,
  type FibreExtension,
  type FibrePlan,
  type FibrePlanOptions,
} from '../../../src/core/fibre/plan-fibre-extension.ts';
import { CancelledError } from '../../../src/core/cancelled-error.ts';
import type { FibreNetwork, HouseholdPoints, Ward } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';
import { at, householdsAt, metresOf, network, nodeAt, routeAt } from './fibre-fixture.ts';

const ward = (id: string): Ward => ({
  id, name: `Phường ${id}`, district: null, type: null, environment: null, population2019: null, households2019: null,
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});

const CABLE = network([routeAt('c', [[-3000, 0], [3000, 0]])]);
const OPTIONS: FibrePlanOptions = { targetPct: 80, scope: 'ward', maxDropM: 200, backbonePasses: false, ...DEFAULT_FIBRE_COSTS };

interface Fixture {
  points: HouseholdPoints;
  wardOf: Int32Array;
  wards: Ward[];
  net: FibreNetwork;
}

function fixture(points: Array<[number, number, number?]>, wardOf: number[], wards = [ward('W1')], net = CABLE): Fixture {
  return { points: householdsAt(points), wardOf: Int32Array.from(wardOf), wards, net };
}

function plan(f: Fixture, options: Partial<FibrePlanOptions> = {}, kept?: FibreExtension[]): FibrePlan {
  const settings = { ...OPTIONS, ...options };
  const coverage = computeFibreCoverage(f.points, f.net, settings);
  return planFibreExtensions(
    { wards: f.wards, wardOfHousehold: f.wardOf, households: f.points, network: f.net, coverage, kept },
    settings,
  );
}

/** Metres between two [lon, lat] in the fixture frame. */
function metresBetween(a: [number, number], b: [number, number]): number {
  const [ax, ay] = metresOf(a);
  const [bx, by] = metresOf(b);
  return Math.hypot(ax - bx, ay - by);
}

/** Distance in the fixture frame from a point to segment a–b (metres). */
function toSegmentM(p: [number, number], a: [number, number], b: [number, number]): number {
  const [px, py] = metresOf(p);
  const [ax, ay] = metresOf(a);
  const [bx, by] = metresOf(b);
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2 || 1)));
  return Math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay));
}

/** Invariants every plan must satisfy, checked independently of the planner's own bookkeeping. */
function checkPlan(f: Fixture, result: FibrePlan, options: FibrePlanOptions = OPTIONS): void {
  const before = computeFibreCoverage(f.points, f.net, options);
  const byId = new Map(result.extensions.map((extension) => [extension.id, extension]));
  let passedAfter = 0;
  for (let h = 0; h < f.points.length; h++) {
    // passed after = passed before, or within maxDropM of some extension (fixture-frame distance, 0.1 m slack)
    const here: [number, number] = [f.points.lon[h], f.points.lat[h]];
    const nearExtension = result.extensions.some((extension) => toSegmentM(here, extension.start, extension.end) <= options.maxDropM - 0.1);
    if (before.passed[h] === 1 || nearExtension) expect(result.passedAfter[h]).toBe(1);
    passedAfter += result.passedAfter[h] === 1 ? f.points.count[h] : 0;
  }
  expect(result.totals.passedAfter).toBe(passedAfter);
  for (const extension of result.extensions) {
    expect(extension.householdsGained).toBeGreaterThan(0);
    expect(extension.costVnd).toBe(Math.round(extension.lengthM * options.costPerMetreVnd + extension.householdsGained * options.connectionCostVnd));
    expect(Math.abs(metresBetween(extension.start, extension.end) - extension.lengthM)).toBeLessThan(0.01 * extension.lengthM + 0.1);
    // it starts on its parent, or on the existing network
    if (extension.parentId !== null) {
      const parent = byId.get(extension.parentId) as FibreExtension;
      expect(toSegmentM(extension.start, parent.start, parent.end)).toBeLessThan(0.5);
    } else {
      const onNetwork = computeFibreCoverage(householdsAt([metresOf(extension.start) as [number, number]]), f.net, options);
      expect(onNetwork.distanceM[0]).toBeLessThan(0.5);
    }
  }
  const gained = result.extensions.reduce((sum, extension) => sum + extension.householdsGained, 0);
  expect(result.totals.householdsGained).toBe(gained);
  expect(result.totals.passedAfter - result.totals.passedBefore).toBe(gained);
}

describe('planFibreExtensions: hand-worked optima', () => {
  it('runs one spur straight to a single household, ending within reach of it', () => {
    // h0 (passed, 50 m from the cable) + h1 at (0, 500). Target 100 %: the cable must cross the annulus
    // 200…500 m around h1, so the optimum is 300 m; the plan lays (0, 0) → (0, 302) (margin 2 m).
    const f = fixture([[1000, 50], [0, 500]], [0, 0]);
    const result = plan(f, { targetPct: 100 });
    expect(result.extensions).toHaveLength(1);
    const [spur] = result.extensions;
    expect(spur.lengthM).toBeCloseTo(302, 0);
    expect(metresBetween(spur.start, at(0, 0))).toBeLessThan(0.1);
    expect(metresBetween(spur.end, at(0, 302))).toBeLessThan(0.1);
    expect(spur).toMatchObject({ id: 'ext-1', parentId: null, wardId: 'W1', householdsGained: 1 });
    expect(spur.costVnd).toBe(Math.round(spur.lengthM * 40_000 + 800_000));
    expect(result.wards[0]).toMatchObject({ households: 2, passedBefore: 1, pctBefore: 50, passedAfter: 2, pctAfter: 100, targetMet: true });
    expect(result.unreachableWards).toEqual([]);
    checkPlan(f, result, { ...OPTIONS, targetPct: 100 });
  });

  // 29 passed households at (−2000, 50); cluster A = 2 × 5 households at (±5, 400); B = 10 at (1500, 800);
  // C = 1 at (−1500, 300). 50 households, 29 passed (58 %).
  const selection = fixture([[-2000, 50, 29], [-5, 400, 5], [5, 400, 5], [1500, 800, 10], [-1500, 300, 1]], [0, 0, 0, 0, 0]);

  it('picks the cheapest households for 80 %: A then C (optimum 300.06 m, bound 300 m)', () => {
    // 80 % of 50 = 40 → 11 more. Spurs: A needs 400 − √(200² − 5²) = 200.06 m (optimum; plan 400 − √(198² − 5²)
    // = 202.06), C 100 m (plan 102), B 600 m (plan 602). A + C = 11 households for 300.06 m; any set with B
    // costs ≥ 600 m. Greedy: A first (10/202 per m), then the finisher: C (102 m) beats B (602 m).
    const result = plan(selection, { targetPct: 80 });
    expect(result.extensions.map((extension) => extension.householdsGained)).toEqual([10, 1]);
    expect(result.extensions[0].lengthM).toBeCloseTo(202.06, 1);
    expect(result.extensions[1].lengthM).toBeCloseTo(102, 1);
    expect(result.totals.extensionM).toBeCloseTo(304.06, 1);
    expect(result.wards[0]).toMatchObject({ passedBefore: 29, passedAfter: 40, pctAfter: 80, targetMet: true });
    const bound = lowerBoundCableM(selection.points, computeFibreCoverage(selection.points, CABLE, OPTIONS).distanceM, [1, 2, 3, 4], 11, 200);
    expect(bound).toBeCloseTo(300, 1);
    // gap to the bound: 304.06 / 300 − 1 = 1.35 %
    expect(result.totals.extensionM / bound - 1).toBeLessThan(0.014);
    checkPlan(selection, result);
  });

  it('adds B for 90 %: A + B (optimum 800.06 m, bound 800 m)', () => {
    // 90 % of 50 = 45 → 16 more: A (10) + C (1) is not enough, so B is needed: A + B = 202.06 + 602 m.
    const result = plan(selection, { targetPct: 90 });
    expect(result.extensions.map((extension) => extension.householdsGained)).toEqual([10, 10]);
    expect(result.totals.extensionM).toBeCloseTo(804.06, 1);
    expect(result.wards[0]).toMatchObject({ passedAfter: 49, targetMet: true });
    const bound = lowerBoundCableM(selection.points, computeFibreCoverage(selection.points, CABLE, OPTIONS).distanceM, [1, 2, 3, 4], 16, 200);
    expect(bound).toBeCloseTo(800, 1);
    expect(result.totals.extensionM / bound - 1).toBeLessThan(0.006);
    // totals: km and VND add up (20 households connected)
    expect(result.totals.cableCostVnd).toBe(Math.round(result.totals.extensionM * 40_000));
    expect(result.totals.connectionCostVnd).toBe(20 * 800_000);
    checkPlan(selection, result, { ...OPTIONS, targetPct: 90 });
  });

  it('passes two households 300 m apart with one cable between them (clusters merge across a grid line)', () => {
    // P (−150, 1000), Q (150, 1000): a cable up x = 0 passes both once within 200 m: 1000 − √(200² − 150²)
    // = 867.71 m (optimum); the plan: 1000 − √(198² − 150²) = 870.75 m.
    const f = fixture([[-150, 1000], [150, 1000]], [0, 0]);
    const result = plan(f, { targetPct: 100 });
    expect(result.extensions).toHaveLength(1);
    expect(result.extensions[0].lengthM).toBeCloseTo(870.75, 1);
    expect(result.extensions[0].lengthM / 867.71 - 1).toBeLessThan(0.004);
    checkPlan(f, result, { ...OPTIONS, targetPct: 100 });
  });

  it('branches from an earlier extension (Y-shaped optimum 1119.6 m; plan within 10.4 %)', () => {
    // P (−300, 1000), Q (300, 1000), 600 m apart: no point is within 200 m of both. Optimum (Steiner, 120°
    // junction): trunk up x = 0 to y = 1000 − 300/√3 = 826.8, branches √(300² + 173.2²) − 200 = 146.4 each:
    // 1119.6 m. Two separate spurs: 1600 m. The plan: P's spur (−300, 0) → (−300, 802), then Q branches from its
    // end: √(600² + 198²) − 198 = 433.8 m; 1235.8 m in all, +10.4 %. (The annulus bound is only 800 m here.)
    const f = fixture([[-300, 1000], [300, 1000]], [0, 0]);
    const result = plan(f, { targetPct: 100 });
    expect(result.extensions).toHaveLength(2);
    const [first, second] = result.extensions;
    expect(first.lengthM).toBeCloseTo(802, 0);
    expect(second.parentId).toBe(first.id);
    expect(second.lengthM).toBeCloseTo(433.83, 0);
    expect(result.totals.extensionM / 1119.61 - 1).toBeLessThan(0.105);
    checkPlan(f, result, { ...OPTIONS, targetPct: 100 });
  });
});

/**
 * Exact optimum, in VND, of the restricted model "one straight spur per household point, none shared": a point
 * d metres from the cable costs (d − 200) × 40,000 + count × 800,000 VND; best subset by exhaustive search.
 * Plans beat it by sharing cable; they lose to it where a grid cluster's cable aims between two points.
 */
function bestSeparateSpursVnd(points: Array<[number, number, number]>, candidates: number[], need: number): number {
  let best = Infinity;
  for (let subset = 1; subset < 1 << candidates.length; subset++) {
    let households = 0;
    let costVnd = 0;
    candidates.forEach((p, i) => {
      if (!(subset & (1 << i))) return;
      households += points[p][2];
      costVnd += (points[p][1] - 200) * 40_000 + points[p][2] * 800_000;
    });
    if (households >= need) best = Math.min(best, costVnd);
  }
  return best;
}

describe('planFibreExtensions on random small instances, against the lower bound and the best separate spurs', () => {
  it('never beats the lower bound, and never costs more than twice the best plan of separate spurs', () => {
    // Limits that come from the method, not from its present output:
    // - below: `lowerBoundCableM` bounds every plan (annulus packing, docs/fibre.md "Quality"): a theorem;
    // - above: twice the exact best plan of separate spurs. Greedy by cost per household with the cheapest-finisher
    //   guard, which is what the planner does, is the classic factor-2 heuristic for minimum-cost covering
    //   (min-knapsack) when every household point is an item at its spur cost. The planner's items are grid
    //   clusters that may share cable, so for it this is a limit to hold rather than a theorem.
    // The measured gaps quoted in docs/fibre.md are printed, not asserted.
    const random = mulberry32(2024);
    const boundGaps: number[] = [];
    const spurGaps: number[] = [];
    for (let instance = 0; instance < 40; instance++) {
      // 10 unpassed points 250…1500 m north of the cable, 1–6 households each; 40 passed households
      const points: Array<[number, number, number]> = [[0, 20, 40]];
      for (let i = 0; i < 10; i++) points.push([(random() - 0.5) * 4000, 250 + random() * 1250, 1 + Math.floor(random() * 6)]);
      const f = fixture(points, points.map(() => 0));
      const targetPct = 60 + random() * 30;
      const result = plan(f, { targetPct });
      checkPlan(f, result, { ...OPTIONS, targetPct });
      const total = points.reduce((sum, [, , count]) => sum + count, 0);
      const need = householdsNeeded(targetPct, total) - 40;
      if (need <= 0) continue;
      expect(result.targetMet).toBe(true);
      const candidates = Array.from({ length: 10 }, (_, i) => i + 1);
      const distanceM = computeFibreCoverage(f.points, CABLE, OPTIONS).distanceM;
      const bound = lowerBoundCableM(f.points, distanceM, candidates, need, 200);
      expect(result.totals.extensionM).toBeGreaterThanOrEqual(bound - 0.5);
      const bestSpursVnd = bestSeparateSpursVnd(points, candidates, need);
      expect(result.totals.costVnd).toBeLessThanOrEqual(2 * bestSpursVnd);
      boundGaps.push(result.totals.extensionM / bound - 1);
      spurGaps.push(result.totals.costVnd / bestSpursVnd - 1);
    }
    expect(boundGaps.length).toBeGreaterThan(30);
    const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
    const summary = { instances: boundGaps.length, boundMean: mean(boundGaps), boundMax: Math.max(...boundGaps), spursMean: mean(spurGaps), spursMax: Math.max(...spurGaps) };
    console.info('fibre plan gaps', JSON.stringify(summary));
  });
});

describe('planFibreExtensions: capacity, scopes, unreachable wards', () => {
  it('lays no cable for households refused a port, counts them, and lists the ward that cannot reach the target', () => {
    // a full node at (0, 0) on the cable: h0 (0, 100) is within reach but gets no port. h1 passed by the cable
    // (far from the node, no node within reach). 90 % of 2 = 2 → unreachable by cable.
    const net = network([routeAt('c', [[-3000, 0], [3000, 0]])], [nodeAt('n', 0, 0, 4, 4)]);
    const f = fixture([[0, 100], [2000, 50]], [0, 0], [ward('W1')], net);
    const result = plan(f, { targetPct: 90 });
    expect(result.extensions).toEqual([]);
    expect(result.wards[0]).toMatchObject({ passedBefore: 1, passedAfter: 1, capacityBlocked: 1, targetMet: false });
    expect(result.unreachableWards).toEqual([
      { wardIndex: 0, wardId: 'W1', wardName: 'Phường W1', reason: 'ports-full', households: 2, passedAfter: 1, needed: 2, capacityBlocked: 1 },
    ]);
    expect(result.targetMet).toBe(false);
  });

  it('passes a port-blocked household when a new cable comes within reach (new cable brings its ports)', () => {
    // blocked h0 at (0, 150) next to the full node; h1 at (0, 600) needs a spur (0, 0) → (0, 402), which passes h0.
    const net = network([routeAt('c', [[-3000, 0], [3000, 0]])], [nodeAt('n', 0, 0, 1, 1)]);
    const f = fixture([[0, 150], [0, 600]], [0, 0], [ward('W1')], net);
    const result = plan(f, { targetPct: 100 });
    expect(result.extensions).toHaveLength(1);
    expect(result.extensions[0].householdsGained).toBe(2);
    expect(result.wards[0]).toMatchObject({ passedAfter: 2, capacityBlocked: 0, targetMet: true });
  });

  it('scope ward: each ward reaches the target on its own; empty wards are listed', () => {
    // W1: 9 passed + 1 at (−1000, 400): 90 % met already. W2: 5 passed + 5 at (1000, 500): needs a spur.
    const f = fixture([[-1000, 10, 9], [-1000, 400, 1], [1000, 10, 5], [1000, 500, 5]], [0, 0, 1, 1], [ward('W1'), ward('W2'), ward('W3')]);
    const result = plan(f, { targetPct: 90 });
    expect(result.extensions).toHaveLength(1);
    expect(result.extensions[0]).toMatchObject({ wardId: 'W2', householdsGained: 5 });
    expect(result.extensions[0].lengthM).toBeCloseTo(302, 0);
    expect(result.wards.map((w) => [w.wardId, w.passedAfter, w.extensionM > 0, w.targetMet])).toEqual([
      ['W1', 9, false, true],
      ['W2', 10, true, true],
      ['W3', 0, false, false],
    ]);
    expect(result.wards[1].costVnd).toBe(result.extensions[0].costVnd);
    expect(result.unreachableWards.map((w) => [w.wardId, w.reason])).toEqual([['W3', 'no-households']]);
    expect(result.targetMet).toBe(true);
  });

  it('scope city: the cheapest households anywhere, until the city reaches the target', () => {
    // Same households. City: 20 households, 14 passed; 90 % → 18 → 4 more. W1's spur (1 household, 202 m) and
    // W2's (5 households, 302 m): W2's alone suffices and costs less per household, so only it is laid.
    const f = fixture([[-1000, 10, 9], [-1000, 400, 1], [1000, 10, 5], [1000, 500, 5]], [0, 0, 1, 1], [ward('W1'), ward('W2')]);
    const result = plan(f, { targetPct: 90, scope: 'city' });
    expect(result.extensions).toHaveLength(1);
    expect(result.extensions[0].wardId).toBe('W2');
    expect(result.totals).toMatchObject({ households: 20, passedBefore: 14, passedAfter: 19, householdsGained: 5 });
    expect(result.targetMet).toBe(true);
    expect(result.unreachableWards).toEqual([]);
  });

  it('cannot start without a network: every ward with households is unreachable', () => {
    const f = fixture([[0, 500]], [0], [ward('W1')], network([]));
    const result = plan(f, { targetPct: 80 });
    expect(result.extensions).toEqual([]);
    expect(result.unreachableWards.map((w) => w.reason)).toEqual(['not-enough-reachable']);
  });

  it('reports progress up to 1 and stops when cancelled', () => {
    const f = fixture([[-1000, 10, 9], [-1000, 400, 1], [1000, 10, 5], [1000, 500, 5]], [0, 0, 1, 1], [ward('W1'), ward('W2')]);
    const settings = { ...OPTIONS, targetPct: 90 };
    const input = { wards: f.wards, wardOfHousehold: f.wardOf, households: f.points, network: f.net, coverage: computeFibreCoverage(f.points, f.net, settings) };
    const fractions: number[] = [];
    planFibreExtensions(input, settings, (fraction) => fractions.push(fraction));
    // one report per ward (0, 0.5), then done
    expect(fractions).toEqual([0, 0.5, 1]);
    expect(() => planFibreExtensions(input, settings, undefined, () => true)).toThrow(CancelledError);
  });

  it('rejects a target outside (0, 100]', () => {
    const f = fixture([[0, 500]], [0]);
    expect(() => plan(f, { targetPct: 0 })).toThrow(/targetPct/);
    expect(() => plan(f, { targetPct: 101 })).toThrow(/targetPct/);
  });
});

describe('re-planning after deleting an extension', () => {
  const f = fixture([[-300, 1000], [300, 1000]], [0, 0]);
  const original = plan(f, { targetPct: 100 });
  const [first, second] = original.extensions;

  it('removes an extension with every branch hanging from it', () => {
    expect(removeExtension(original.extensions, first.id)).toEqual([]);
    expect(removeExtension(original.extensions, second.id)).toEqual([first]);
  });

  it('keeps the kept extensions (ids, geometry) and plans the rest again', () => {
    const replanned = plan(f, { targetPct: 100 }, removeExtension(original.extensions, second.id));
    expect(replanned.extensions).toHaveLength(2);
    expect(replanned.extensions[0]).toEqual(first);
    expect(replanned.extensions[1]).toMatchObject({ id: 'ext-2', parentId: first.id, householdsGained: 1 });
    expect(replanned.extensions[1].lengthM).toBeCloseTo(second.lengthM, 6);
    expect(replanned.totals.extensionM).toBeCloseTo(original.totals.extensionM, 6);
    checkPlan(f, replanned, { ...OPTIONS, targetPct: 100 });
  });

  it('recomputes a kept extension\'s gain when the one it followed is gone', () => {
    // keep only the second cable (as if its parent had been deleted by hand): it starts at (−300, 802), 198 m
    // from P, and ends within reach of Q, so it now gains both and nothing else is needed
    const replanned = plan(f, { targetPct: 100 }, [{ ...second, parentId: null }]);
    expect(second.householdsGained).toBe(1);
    expect(replanned.extensions).toHaveLength(1);
    expect(replanned.extensions[0]).toMatchObject({ id: second.id, householdsGained: 2 });
    expect(replanned.wards[0].passedAfter).toBe(2);
  });
});

describe('planFibreExtensionsToTargets', () => {
  it('gives for each target the plan planFibreExtensions gives alone, in both scopes and with kept extensions', () => {
    // 3 wards of random points 250…2500 m either side of the cable: many clusters, branching, finishers
    const random = mulberry32(7);
    const points: Array<[number, number, number]> = [[0, 20, 30], [1500, -30, 20]];
    for (let i = 0; i < 120; i++) points.push([(random() - 0.5) * 5800, (random() < 0.5 ? -1 : 1) * (250 + random() * 2250), 1 + Math.floor(random() * 8)]);
    const f = fixture(points, points.map((_, i) => i % 3), [ward('W1'), ward('W2'), ward('W3')]);
    const coverage = computeFibreCoverage(f.points, f.net, OPTIONS);
    const input = { wards: f.wards, wardOfHousehold: f.wardOf, households: f.points, network: f.net, coverage };
    const kept = planFibreExtensions(input, { ...OPTIONS, targetPct: 40, scope: 'city' }).extensions.slice(0, 3);
    expect(kept).toHaveLength(3);
    const targets = [90, 50, 100, 80];
    for (const [scope, keptExtensions] of [['city', undefined], ['ward', undefined], ['city', kept]] as const) {
      const options = { scope, maxDropM: 200, backbonePasses: false, ...DEFAULT_FIBRE_COSTS };
      const shared = planFibreExtensionsToTargets({ ...input, kept: keptExtensions }, options, targets);
      const alone = targets.map((targetPct) => planFibreExtensions({ ...input, kept: keptExtensions }, { ...options, targetPct }));
      expect(shared).toEqual(alone);
      // the plans differ from one target to the next: the comparison is not between empty plans
      expect(new Set(alone.map((result) => result.extensions.length)).size).toBeGreaterThan(1);
    }
  });

  it('checks every target before planning', () => {
    expect(() => planFibreExtensionsToTargets({ wards: [], wardOfHousehold: new Int32Array(), households: householdsAt([]), network: CABLE, coverage: computeFibreCoverage(householdsAt([]), CABLE, OPTIONS) }, OPTIONS, [80, 101])).toThrow(/targetPct/);
  });
});
