import { describe, expect, it } from 'vitest';
import { evaluateTargets, personsPerHouseholdOfUnits, type TargetInputs } from '../../../src/core/targets/evaluate-targets.ts';
import type { Target, TargetScope } from '../../../src/core/targets/target-set.ts';

/**
 * Three units: A (300 people in 100 households: 3.0 per household), B (400 / 100: 4.0), C without census (the
 * city ratio of the units that have one: 700 / 200 = 3.5). Six points:
 *
 * | point | unit    | households | 4G   | 5G   | fibre | zone            | 4G Mb/s   |
 * |-------|---------|-----------:|------|------|-------|-----------------|-----------|
 * | h0    | A       |         10 | good | none | yes   | industrial park | 50        |
 * | h1    | A       |         30 | weak | fair | no    |                 | 20        |
 * | h2    | B       |         20 | fair | good | yes   | industrial park | 30        |
 * | h3    | B       |         40 | none | none | no    |                 | no server |
 * | h4    | C       |          5 | good | good | yes   | central urban   | 80        |
 * | h5    | outside |         15 | fair | none | no    |                 | 10        |
 */
const INPUTS: TargetInputs = {
  units: [
    { id: 'A', name: 'Phường A', population2019: 300, households2019: 100 },
    { id: 'B', name: 'Xã B', population2019: 400, households2019: 100 },
    { id: 'C', name: 'Xã C', population2019: null, households2019: null },
  ],
  unitOfHousehold: Int32Array.from([0, 0, 1, 1, 2, -1]),
  count: [10, 30, 20, 40, 5, 15],
  signalClass: { '4G': Uint8Array.from([0, 2, 1, 3, 0, 1]), '5G': Uint8Array.from([3, 1, 0, 3, 0, 3]) },
  fibrePassed: Uint8Array.from([1, 0, 1, 0, 1, 0]),
  zoneMembership: new Map([
    ['industrial_park', Uint8Array.from([1, 0, 1, 0, 0, 0])],
    ['central_urban', Uint8Array.from([0, 0, 0, 0, 1, 0])],
  ]),
};

const SOURCE = { document: 'Test', date: null, article: null, url: null, note: null };
function target(indicator: Target['indicator'], technology: Target['technology'], threshold: number, scope: TargetScope = { kind: 'city' }): Target {
  const unit = indicator === 'mean_download_mbps' ? 'Mb/s' : '%';
  return { id: `${indicator}-${technology}`, indicator, technology, scope, threshold, unit, deadline: '2030', name: null, source: SOURCE };
}
const evaluate = (t: Target, inputs: TargetInputs = INPUTS) => evaluateTargets([t], inputs)[0];

describe('personsPerHouseholdOfUnits', () => {
  it('divides each unit’s census population by its households; the city ratio elsewhere and outside', () => {
    expect([...personsPerHouseholdOfUnits(INPUTS.units)]).toEqual([3, 4, 3.5, 3.5]);
    expect([...personsPerHouseholdOfUnits([{ id: 'x', name: 'x', population2019: null, households2019: null }])]).toEqual([1, 1]);
  });
});

describe('evaluateTargets (hand-worked)', () => {
  it('weak-signal households at most 0 %: 70 of 120 households weak or none', () => {
    const result = evaluate(target('weak_signal_households', '4G', 0));
    // h1 (30, weak) + h3 (40, none) = 70 of 120 = 58.33 %; all 70 must be lifted
    expect(result).toMatchObject({ status: 'not-met', base: 120, achieved: 70, shortfall: 70, reason: null });
    expect(result.value).toBeCloseTo(58.3333333, 6);
    expect(result.gap).toBeCloseTo(58.3333333, 6);
    // A: 30 / 40 = 75 %; B: 40 / 60 = 66.7 %; C: 0 / 5 = 0 %, met
    expect(result.byUnit.map((unit) => unit.status)).toEqual(['not-met', 'not-met', 'met']);
    expect(result.byUnit[0].value).toBe(75);
    expect(result.byUnit[2]).toMatchObject({ value: 0, gap: 0, shortfall: 0 });
  });

  it('4G coverage of households at least 90 %: 50 of 120 covered, 58 households short', () => {
    const result = evaluate(target('coverage_households', '4G', 90));
    // good or fair: h0 10 + h2 20 + h4 5 + h5 15 = 50; 90 % of 120 = 108; 108 − 50 = 58
    expect(result).toMatchObject({ status: 'not-met', achieved: 50, shortfall: 58 });
    expect(result.value).toBeCloseTo(41.6666667, 6);
    expect(result.gap).toBeCloseTo(48.3333333, 6);
  });

  it('is met exactly at the threshold', () => {
    expect(evaluate(target('coverage_households', '4G', (50 / 120) * 100))).toMatchObject({ status: 'met', gap: 0, shortfall: 0 });
  });

  it('5G coverage of the population weights households by their unit’s persons per household', () => {
    const result = evaluate(target('coverage_population', '5G', 99));
    // persons: h0 30, h1 90 (fair), h2 80 (good), h3 160, h4 17.5 (good), h5 52.5 → covered 187.5 of 430
    expect(result.base).toBeCloseTo(430, 9);
    expect(result.achieved).toBeCloseTo(187.5, 9);
    expect(result.value).toBeCloseTo((187.5 / 430) * 100, 9);
    // 99 % of 430 = 425.7 persons; 425.7 − 187.5 = 238.2 persons short (persons are not rounded)
    expect(result.shortfall).toBeCloseTo(238.2, 9);
    // A: 90 / 120 = 75 %, B: 80 / 240 = 33.3 %, C: 17.5 / 17.5 = 100 %
    const [a, b, c] = result.byUnit.map((unit) => unit.value ?? Number.NaN);
    expect([a, c]).toEqual([75, 100]);
    expect(b).toBeCloseTo(100 / 3, 9);
    expect(result.byUnit[2].status).toBe('met');
  });

  it('fibre passed at least 80 %: 35 of 120; without a fibre layer, no data', () => {
    const result = evaluate(target('fibre_passed_households', 'FTTH', 80));
    // h0 10 + h2 20 + h4 5 = 35 of 120 = 29.17 %; 96 − 35 = 61 households short
    expect(result).toMatchObject({ status: 'not-met', achieved: 35, shortfall: 61 });
    expect(result.value).toBeCloseTo(29.1666667, 6);
    const without = evaluate(target('fibre_passed_households', 'FTTH', 80), { ...INPUTS, fibrePassed: null });
    expect(without).toMatchObject({ status: 'no-data', reason: 'no-fibre-layer', value: null, gap: null });
    expect(without.byUnit.every((unit) => unit.status === 'no-data')).toBe(true);
  });

  it('5G in the industrial parks and ports: the households inside those zones', () => {
    const result = evaluate(target('coverage_households', '5G', 100, { kind: 'zones', zoneKinds: ['industrial_park', 'port'] }));
    // in a park: h0 (10, 5G none) and h2 (20, good): 20 of 30 = 66.7 %, 10 households short
    expect(result).toMatchObject({ status: 'not-met', base: 30, achieved: 20, shortfall: 10 });
    // A: 0 of 10; B: 20 of 20, met; C: nobody in a park, no data
    expect(result.byUnit.map((unit) => [unit.status, unit.value])).toEqual([['not-met', 0], ['met', 100], ['no-data', null]]);
    expect(evaluate(target('coverage_households', '5G', 100, { kind: 'zones', zoneKinds: ['high_tech_park'] }))).toMatchObject({ status: 'no-data', reason: 'empty-scope' });
    expect(evaluate(target('coverage_households', '5G', 100, { kind: 'zones', zoneKinds: ['port'] }), { ...INPUTS, zoneMembership: null })).toMatchObject({ status: 'no-data', reason: 'no-zones-layer' });
  });

  it('a list of units: only their households, and the codes the layer lacks are listed', () => {
    const result = evaluate(target('coverage_households', '4G', 50, { kind: 'units', unitIds: ['B', 'Z'] }));
    // B: h2 20 covered of 60 = 33.3 %; 30 − 20 = 10 short
    expect(result).toMatchObject({ status: 'not-met', base: 60, achieved: 20, shortfall: 10, unknownUnitIds: ['Z'] });
    expect(result.byUnit.map((unit) => unit.status)).toEqual(['no-data', 'not-met', 'no-data']);
  });

  it('speed targets need the throughput analysis; with it, the mean over the households a cell serves', () => {
    const speed = target('mean_download_mbps', '4G', 40);
    expect(evaluate(speed)).toMatchObject({ status: 'needs-throughput', reason: 'needs-throughput', value: null, gap: null });
    const throughputMbps = { '4G': Float32Array.from([50, 20, 30, Number.NaN, 80, 10]) };
    const result = evaluate(speed, { ...INPUTS, throughputMbps });
    // (10·50 + 30·20 + 20·30 + 5·80 + 15·10) / (10 + 30 + 20 + 5 + 15) = 2,250 / 80 = 28.125 Mb/s
    expect(result).toMatchObject({ status: 'not-met', value: 28.125, gap: 11.875, shortfall: null });
    // A: (500 + 600) / 40 = 27.5; B: 600 / 20 = 30; C: 80, met
    expect(result.byUnit.map((unit) => unit.value)).toEqual([27.5, 30, 80]);
    expect(result.byUnit[2].status).toBe('met');
  });

  it('says no data for free wifi and for a technology that was not analysed', () => {
    expect(evaluate(target('free_wifi_sites', 'Wi-Fi', 100))).toMatchObject({ status: 'no-data', reason: 'no-wifi-data', value: null });
    expect(evaluate(target('coverage_households', '3G', 90))).toMatchObject({ status: 'no-data', reason: 'technology-not-analysed' });
  });
});
