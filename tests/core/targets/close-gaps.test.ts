/**
 * What closes a fibre target's gap, on a hand-made town (geometry of tests/core/fibre: a distribution cable along
 * y = 0 from x = −3000 to 3000 m, maxDropM 200 m, the planner ending a spur 198 m short of a household, 1 % margin):
 *
 *   h0 (1000, 50) 1 household, unit W1, passed      h2 (2000, 50) 3 households, unit W2, passed
 *   h1 (0, 500)   1 household, unit W1              h3 (2000, 1000) 1 household, unit W2, in the industrial park
 *
 * W1 is 1 of 2 passed (50 %), W2 3 of 4 (75 %), the city 4 of 6, the park 0 of 1. Spurs by hand: to h1 (0, 0) →
 * (0, 302), 302 m; to h3 (2000, 0) → (2000, 802), 802 m; costs 40,000 VND/m + 800,000 VND per household connected.
 */
import { describe, expect, it } from 'vitest';
import { computeFibreCoverage } from '../../../src/core/fibre/fibre-coverage.ts';
import { DEFAULT_FIBRE_COSTS } from '../../../src/core/fibre/fibre-plan-types.ts';
import type { Ward } from '../../../src/core/model.ts';
import { closeFibreGaps, closeTargetGaps } from '../../../src/core/targets/close-gaps.ts';
import { evaluateTargets, type TargetInputs } from '../../../src/core/targets/evaluate-targets.ts';
import type { Target, TargetScope } from '../../../src/core/targets/target-set.ts';
import { householdsAt, network, routeAt } from '../fibre/fibre-fixture.ts';

const ward = (id: string): Ward => ({
  id, name: `Phường ${id}`, district: null, type: null, environment: null, population2019: null, households2019: null,
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});
const wards = [ward('W1'), ward('W2')];
const households = householdsAt([[1000, 50, 1], [0, 500, 1], [2000, 50, 3], [2000, 1000, 1]]);
const wardOfHousehold = Int32Array.from([0, 0, 1, 1]);
const net = network([routeAt('c', [[-3000, 0], [3000, 0]])]);
const fibreSettings = { maxDropM: 200, backbonePasses: false };
const coverage = computeFibreCoverage(households, net, fibreSettings);

const fibreTarget = (id: string, scope: TargetScope, threshold: number): Target => ({
  id, indicator: 'fibre_passed_households', technology: 'FTTH', scope, threshold, unit: '%', deadline: '2030', name: null,
  source: { document: 'test', date: null, article: null, url: null, note: null },
});

const inputs: TargetInputs = {
  units: wards.map((unit) => ({ id: unit.id, name: unit.name, population2019: null, households2019: null })),
  unitOfHousehold: wardOfHousehold,
  count: households.count,
  signalClass: {},
  fibrePassed: coverage.passed,
  zoneMembership: new Map([['industrial_park', Uint8Array.from([0, 0, 0, 1])]]),
};

const fibre = { input: { wards, wardOfHousehold, households, network: net, coverage }, options: { ...DEFAULT_FIBRE_COSTS, ...fibreSettings } };

function close(targets: Target[]) {
  return closeTargetGaps({ evaluations: evaluateTargets(targets, inputs), inputs, households, siting: {}, fibre });
}

describe('closeTargetGaps: fibre targets on units and zones are planned on their scope', () => {
  it('starts from the network: h0 and h2 passed, h1 and h3 not', () => {
    expect([...coverage.passed]).toEqual([1, 0, 1, 0]);
  });

  it('plans one unit: the 302 m spur to h1 only, W1 from 50 % to 100 %', () => {
    const [closing] = close([fibreTarget('w1-100', { kind: 'units', unitIds: ['W1'] }, 100)]);
    expect(closing.kind).toBe('fibre');
    expect(closing.reason).toBeNull();
    expect(closing.cableM).toBeCloseTo(302, 0);
    // 302 m × 40,000 + 1 household × 800,000 = 12,880,000 VND (± half a metre of cable)
    expect(Math.abs((closing.costVnd ?? 0) - 12_880_000)).toBeLessThan(20_000);
    expect(closing.valueAfter).toBe(100);
    expect(closing.reachable).toBe(true);
    // the plan's figures count W1's 2 households; the whole layer's passed flags: h3 (W2) still unpassed
    expect(closing.fibrePlan?.totals).toMatchObject({ households: 2, passedBefore: 1, passedAfter: 2, extensions: 1 });
    expect([...(closing.fibrePlan?.passedAfter ?? [])]).toEqual([1, 1, 1, 0]);
  });

  it('plans a zone: the 802 m spur to h3, the park from 0 % to 100 %', () => {
    const [closing] = close([fibreTarget('park-100', { kind: 'zones', zoneKinds: ['industrial_park'] }, 100)]);
    expect(closing.cableM).toBeCloseTo(802, 0);
    expect(Math.abs((closing.costVnd ?? 0) - (802 * 40_000 + 800_000))).toBeLessThan(20_000);
    expect(closing.valueAfter).toBe(100);
    expect([...(closing.fibrePlan?.passedAfter ?? [])]).toEqual([1, 0, 1, 1]);
  });

  it('plans the city as before: 100 % of 6 households needs both spurs, 1104 m', () => {
    const [closing] = close([fibreTarget('city-100', { kind: 'city' }, 100)]);
    expect(closing.cableM).toBeCloseTo(1104, 0);
    expect(closing.fibrePlan?.totals).toMatchObject({ households: 6, passedAfter: 6, extensions: 2 });
  });

  it('plans nothing for a met unit (W2 at 75 % ≥ 70 %) nor for a zones scope without a zones layer', () => {
    const [met] = close([fibreTarget('w2-70', { kind: 'units', unitIds: ['W2'] }, 70)]);
    expect(met).toMatchObject({ kind: null, reason: 'met', cableM: null });
    const evaluations = evaluateTargets([fibreTarget('park', { kind: 'zones', zoneKinds: ['industrial_park'] }, 100)], { ...inputs, zoneMembership: null });
    const [noZones] = closeTargetGaps({ evaluations, inputs: { ...inputs, zoneMembership: null }, households, siting: {}, fibre: null });
    expect(noZones).toMatchObject({ kind: null, reason: 'no-data' });
  });
});

describe('closeFibreGaps: the fibre targets planned apart (the CLI report plans them in its fibre thread)', () => {
  const coverageTarget: Target = { ...fibreTarget('5g', { kind: 'city' }, 100), indicator: 'coverage_population', technology: '5G' };
  const targets = [fibreTarget('w1-100', { kind: 'units', unitIds: ['W1'] }, 100), coverageTarget, fibreTarget('w2-70', { kind: 'units', unitIds: ['W2'] }, 70), fibreTarget('city-100', { kind: 'city' }, 100)];
  const evaluations = evaluateTargets(targets, inputs);

  it('gives the closings closeTargetGaps gives its fibre targets, in their order, and nothing for the others', () => {
    const whole = closeTargetGaps({ evaluations, inputs, households, siting: {}, fibre });
    expect(closeFibreGaps({ evaluations, inputs, fibre })).toEqual([whole[0], whole[2], whole[3]]);
  });

  it("makes closeTargetGaps plan the other targets only, each closing keeping its evaluation's target", () => {
    const apart = closeFibreGaps({ evaluations, inputs, fibre }).map((closing) => structuredClone(closing));
    const closings = closeTargetGaps({ evaluations, inputs, households, siting: {}, fibre: null, fibreClosings: apart });
    // without a fibre input the fibre targets would say 'no-siting': these are the plans made apart
    expect(closings).toEqual(closeTargetGaps({ evaluations, inputs, households, siting: {}, fibre }));
    expect(closings[1]).toMatchObject({ kind: null, reason: 'no-data' });
    closings.forEach((closing, t) => expect(closing.target).toBe(targets[t]));
  });
});
