import { describe, expect, it } from 'vitest';
import { computeFibreCoverage } from '../../../src/core/fibre/fibre-coverage.ts';
import {
  DEFAULT_FIBRE_COSTS,
  planFibreExtensions,
  removeExtension,
  type FibreExtension,
  type FibrePlan,
  type FibreWardPlan,
} from '../../../src/core/fibre/plan-fibre-extension.ts';
import { DEFAULT_SETTINGS, type Ward } from '../../../src/core/model.ts';
import { planWithKeptExtensions } from '../../../src/core/fibre/plan-with-kept-extensions.ts';
import { at, householdsAt, network, routeAt } from './fibre-fixture.ts';

const MAX_DROP_M = 100;
const OPTIONS = { ...DEFAULT_FIBRE_COSTS, targetPct: 80, scope: 'ward' as const, maxDropM: MAX_DROP_M, backbonePasses: false };

/** A cable between two [eastM, northM] points (length given by hand: they lie on one axis). */
function extension(id: string, parentId: string | null, wardId: string, from: [number, number], to: [number, number], householdsGained: number): FibreExtension {
  const lengthM = Math.hypot(to[0] - from[0], to[1] - from[1]);
  return {
    id, parentId, wardId, start: at(...from), end: at(...to), lengthM, householdsGained,
    costVnd: lengthM * OPTIONS.costPerMetreVnd + householdsGained * OPTIONS.connectionCostVnd,
  };
}

function wardPlan(wardIndex: number, wardId: string, households: number, passedBefore: number): FibreWardPlan {
  return {
    wardIndex, wardId, wardName: wardId, households, passedBefore, pctBefore: (passedBefore * 100) / households,
    passedAfter: 0, pctAfter: 0, extensionM: 0, costVnd: 0, capacityBlocked: 0, targetMet: false,
  };
}

describe('planWithKeptExtensions', () => {
  // [eastM, northM, households]; wards A (index 0), B (index 1), one point outside every ward
  const households = householdsAt([
    [0, 0, 10], //       h0 A: passed by the existing network
    [500, 50, 20], //    h1 A: 50 m from ext-1 (400,0)–(600,0); 110 m from ext-3
    [700, 50, 5], //     h2 A: 50 m from ext-2 (600,0)–(800,0); √(100² + 50²) = 111.8 m from ext-1's end
    [550, 80, 7], //     h3 B: 80 m from ext-1 and 80 m from ext-3 (450,160)–(650,160): ext-1 gained it first
    [650, 230, 4], //    h4 B: 70 m from ext-3's end
    [2000, 2000, 30], // h5 B: far from everything
    [-5000, 0, 3], //    h6 outside: passed by the existing network
  ]);
  const wardOfHousehold = Int32Array.from([0, 0, 0, 1, 1, 1, -1]);
  const passedBefore = Uint8Array.from([1, 0, 0, 0, 0, 0, 1]);
  const ext1 = extension('ext-1', null, 'A', [400, 0], [600, 0], 20 + 7);
  const ext2 = extension('ext-2', 'ext-1', 'A', [600, 0], [800, 0], 5);
  const ext3 = extension('ext-3', null, 'B', [450, 160], [650, 160], 4);
  const plan: FibrePlan = {
    options: OPTIONS,
    extensions: [ext1, ext2, ext3],
    passedAfter: Uint8Array.from([1, 1, 1, 1, 1, 0, 1]),
    wards: [wardPlan(0, 'A', 35, 10), wardPlan(1, 'B', 41, 0)],
    totals: {
      households: 79, passedBefore: 13, pctBefore: (13 * 100) / 79, passedAfter: 49, pctAfter: (49 * 100) / 79,
      extensions: 3, extensionM: 600, householdsGained: 36, cableCostVnd: 0, connectionCostVnd: 0, costVnd: 0,
    },
    targetMet: false,
    unreachableWards: [],
  };

  it('counts what the network and the kept cables pass, a kept cable taking over what a deleted one gained', () => {
    const kept = removeExtension(plan.extensions, 'ext-1'); // ext-2 branches from ext-1: both go
    expect(kept.map((e) => e.id)).toEqual(['ext-3']);
    const after = planWithKeptExtensions(plan, kept, { households, wardOfHousehold, passedBefore });

    expect(Array.from(after.passedAfter)).toEqual([1, 0, 0, 1, 1, 0, 1]);
    // ext-3 now gains h3 (7) and h4 (4) = 11; cost 200 m × 40 000 + 11 × 800 000 = 16 800 000 VND
    expect(after.extensions).toHaveLength(1);
    expect(after.extensions[0].householdsGained).toBe(11);
    expect(after.extensions[0].costVnd).toBeCloseTo(16_800_000, -1);
    // ward A: 10 of 35 = 28.571 %; ward B: 11 of 41 = 26.829 %
    expect(after.wards.map((ward) => ward.passedAfter)).toEqual([10, 11]);
    expect(after.wards[0].pctAfter).toBeCloseTo(28.5714, 3);
    expect(after.wards[1].pctAfter).toBeCloseTo(26.8293, 3);
    expect(after.wards.map((ward) => ward.extensionM)).toEqual([0, expect.closeTo(200, 1)]);
    expect(after.wards.every((ward) => !ward.targetMet)).toBe(true);
    // city: 10 + 11 + 3 outside = 24 of 79 = 30.380 %
    expect(after.totals.passedAfter).toBe(24);
    expect(after.totals.pctAfter).toBeCloseTo(30.3797, 3);
    expect(after.totals.householdsGained).toBe(11);
    expect(after.totals.extensions).toBe(1);
    // the plan itself is left as it was
    expect(plan.extensions[2].householdsGained).toBe(4);
    expect(Array.from(plan.passedAfter)).toEqual([1, 1, 1, 1, 1, 0, 1]);
  });

  it('keeping every extension gives the full plan back; keeping none gives the network alone', () => {
    const all = planWithKeptExtensions(plan, plan.extensions, { households, wardOfHousehold, passedBefore });
    expect(all.totals.passedAfter).toBe(49);
    expect(all.extensions.map((e) => e.householdsGained)).toEqual([27, 5, 4]);
    const none = planWithKeptExtensions(plan, [], { households, wardOfHousehold, passedBefore });
    expect(none.totals.passedAfter).toBe(13);
    expect(none.wards.map((ward) => ward.pctAfter)).toEqual([expect.closeTo(28.5714, 3), 0]);
  });

  it('agrees with the planner re-run on the kept extensions where it adds nothing', () => {
    // a network that passes h0 only; wards without polygons (the planner reads wardOfHousehold)
    const net = network([routeAt('r1', [[-50, -30], [50, -30]])]);
    const wards = ['A', 'B'].map((id) => ({ id, name: id }) as unknown as Ward);
    const settings = { ...DEFAULT_SETTINGS.fibre, maxDropM: MAX_DROP_M, backbonePasses: false };
    const coverage = computeFibreCoverage(households, net, settings);
    const input = { wards, wardOfHousehold, households, network: net, coverage };
    // the planner chains ext-1 → ext-2 → ext-3 → ext-4 here (ext-4 runs out to h5); deleting ext-3 keeps two
    const full = planFibreExtensions(input, { ...OPTIONS, targetPct: 100 });
    expect(full.extensions).toHaveLength(4);
    const kept = removeExtension(full.extensions, full.extensions[2].id);
    expect(kept).toHaveLength(2);
    const after = planWithKeptExtensions(full, kept, { households, wardOfHousehold, passedBefore: coverage.passed });
    // a target as low as the kept cables already reach: the planner applies `kept` and adds nothing
    const lowPct = Math.min(...after.wards.map((ward) => ward.pctAfter)) - 1e-6;
    expect(lowPct).toBeGreaterThan(0);
    const replanned = planFibreExtensions({ ...input, kept }, { ...OPTIONS, targetPct: lowPct });
    expect(replanned.extensions.map((e) => e.id)).toEqual(kept.map((e) => e.id));
    expect(Array.from(after.passedAfter)).toEqual(Array.from(replanned.passedAfter));
    expect(after.wards.map((ward) => ward.passedAfter)).toEqual(replanned.wards.map((ward) => ward.passedAfter));
    expect(after.extensions.map((e) => e.householdsGained)).toEqual(replanned.extensions.map((e) => e.householdsGained));
    expect(after.totals.costVnd).toBe(replanned.totals.costVnd);
  });
});
