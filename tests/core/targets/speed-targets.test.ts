/**
 * The speed targets (average 4G download ≥ 40 Mb/s, 5G ≥ 100 Mb/s) evaluated on the coverage engine's modelled
 * throughput, against hand-worked values: one omni 1800 MHz FSPL cell (ITU-R P.525), no interferer, so
 * SINR = RSRP − N with N = −174 + 10·log10(15 000) + 7 = −125.239 dBm, and the TR 36.942 A.2 efficiency
 * min(0.6·log2(1 + SINR), 4.4) × 20 MHz × 2 layers. A household below the no-signal floor (the weak threshold) has
 * no service, so no speed: the cases below lower that floor to −133 dBm so that h2 is served, then keep the default.
 */
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { DEFAULT_SETTINGS, type Cell, type Ward } from '../../../src/core/model.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { evaluateTargets, type TargetInputs } from '../../../src/core/targets/evaluate-targets.ts';
import type { Target } from '../../../src/core/targets/target-set.ts';
import { at, householdsAt, squareWard } from '../../helpers/local-metres.ts';

const WARDS: Ward[] = [squareWard('Phường', 'urban')];

const CELL: Cell = {
  cellId: 'A', siteId: 'A', lon: at(0, 0)[0], lat: at(0, 0)[1], operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 1.5,
  azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: -15, antennaGainDbi: 0, feederLossDb: 0,
  model: 'fspl', environment: 'urban', status: 'existing', channel: null, bandwidthMhz: null,
};

/**
 * | point | distance | households | unit | RSRP (dBm) | SINR (dB) | throughput (Mb/s)                    |
 * |-------|---------:|-----------:|------|-----------:|----------:|--------------------------------------|
 * | h0    |    10 m  |          3 | A    |    −72.553 |    52.686 | capped: 4.4 × 40 = 176               |
 * | h1    |   500 m  |          2 | A    |   −106.533 |    18.706 | 0.6·log2(1 + 74.26) × 40 = 149.603   |
 * | h2    |    10 km |          5 | B    |   −132.553 |    −7.314 | 0.6·log2(1.1856) × 40 = 5.895        |
 * | h3    |    20 km |         10 | B    |   −138.574 | none: below the cut-off N − 10 = −135.239 dBm |
 *
 * With the default no-signal floor (−120 dBm) h2 is of class none: no service, no speed.
 */
const POINTS = householdsAt([[10, 0, 3], [0, 500, 2], [10000, 0, 5], [0, -20000, 10]]);
const UNIT_OF_HOUSEHOLD = Int32Array.from([0, 0, 1, 1]);

const SOURCE = { document: 'Test', date: null, article: null, url: null, note: null };
const speedTarget = (technology: '4G' | '5G', threshold: number): Target => ({
  id: `speed-${technology}`, indicator: 'mean_download_mbps', technology, scope: { kind: 'city' }, threshold, unit: 'Mb/s', deadline: '2030', name: null, source: SOURCE,
});

/** The no-signal floor lowered to −133 dBm: h2 (−132.553 dBm) is of class weak, served. */
const H2_SERVED = { ...DEFAULT_SETTINGS, thresholdsDbm: { ...DEFAULT_SETTINGS.thresholdsDbm, weak: -133 } };

function inputs(withThroughput: boolean, settings = H2_SERVED): TargetInputs {
  const coverage = new CoverageEngine({ place: new PlaceEnvironment(POINTS, indexWards(WARDS)), cells: [CELL], households: POINTS, settings }).run();
  return {
    units: [
      { id: 'A', name: 'Phường A', population2019: null, households2019: null },
      { id: 'B', name: 'Xã B', population2019: null, households2019: null },
    ],
    unitOfHousehold: UNIT_OF_HOUSEHOLD,
    count: POINTS.count,
    signalClass: { '4G': coverage.signalClass },
    fibrePassed: null,
    zoneMembership: null,
    ...(withThroughput ? { throughputMbps: { '4G': coverage.throughputMbps } } : {}),
  };
}

describe('speed targets on the modelled throughput (hand-worked)', () => {
  it('average 4G download ≥ 40 Mb/s: the household-weighted mean over the households served above the cut-off', () => {
    const [fourG] = evaluateTargets([speedTarget('4G', 40)], inputs(true));
    // (3·176 + 2·149.603 + 5·5.895) / (3 + 2 + 5) = (528 + 299.205 + 29.474) / 10 = 85.668 Mb/s; h3 has no speed
    expect(fourG).toMatchObject({ status: 'met', gap: 0, base: 10, shortfall: null, reason: null });
    expect(fourG.value).toBeCloseTo(85.668, 2);
    // A: 827.205 / 5 = 165.441, met; B: h2 alone, 5.895, 34.105 short of 40
    expect(fourG.byUnit.map((unit) => unit.status)).toEqual(['met', 'not-met']);
    expect(fourG.byUnit[0].value).toBeCloseTo(165.441, 2);
    expect(fourG.byUnit[1].value).toBeCloseTo(5.895, 2);
    expect(fourG.byUnit[1].gap).toBeCloseTo(34.105, 2);
    expect(fourG.byUnit[1].base).toBe(5);
  });

  it('leaves out a household below the no-signal floor, as one without a server: no service, no speed', () => {
    const [fourG] = evaluateTargets([speedTarget('4G', 40)], inputs(true, DEFAULT_SETTINGS));
    // h2 at −132.553 dBm is of class none: (3·176 + 2·149.603) / (3 + 2) = 827.205 / 5 = 165.441 Mb/s
    expect(fourG).toMatchObject({ status: 'met', gap: 0, base: 5 });
    expect(fourG.value).toBeCloseTo(165.441, 2);
    // B: neither h2 nor h3 has service, no speed to average
    expect(fourG.byUnit.map((unit) => unit.status)).toEqual(['met', 'no-data']);
  });

  it('a threshold above the mean is not met, by the difference', () => {
    const [strict] = evaluateTargets([speedTarget('4G', 100)], inputs(true));
    expect(strict.status).toBe('not-met');
    expect(strict.gap).toBeCloseTo(100 - 85.668, 2);
  });

  it('without the throughput the 4G target needs it; 5G, not analysed, has no data', () => {
    const [fourG, fiveG] = evaluateTargets([speedTarget('4G', 40), speedTarget('5G', 100)], inputs(false));
    expect(fourG).toMatchObject({ status: 'needs-throughput', reason: 'needs-throughput', value: null });
    expect(fiveG).toMatchObject({ status: 'no-data', reason: 'technology-not-analysed', value: null });
    const [, fiveGWithFourGThroughput] = evaluateTargets([speedTarget('4G', 40), speedTarget('5G', 100)], inputs(true));
    expect(fiveGWithFourGThroughput).toMatchObject({ status: 'no-data', reason: 'technology-not-analysed' });
  });
});
