import { describe, expect, it } from 'vitest';
import { FSPL_AT_1_M_1_MHZ_DB, prepareFspl } from '../../../src/core/propagation/fspl.ts';
import type { PathLossInput } from '../../../src/core/propagation/path-loss.ts';

const input = (bandMhz: number, baseStationHeightM: number, handsetHeightM: number): PathLossInput => ({
  bandMhz,
  baseStationHeightM,
  handsetHeightM,
  environment: 'urban',
  los: false,
});

describe('free-space path loss (ITU-R P.525)', () => {
  it('matches the ns-3 Friis vectors (nsnam/ns-3-dev-git, src/propagation/test/propagation-loss-model-test-suite.cc)', () => {
    // ns-3: λ = 0.125 m, i.e. f = 2398339664 Hz; Pt = 0.05035702 W; received power Pr in W at 100, 500, 1000,
    // 2000 m with both nodes at z = 0. Loss = 10·log10(Pt/Pr); Pr has 6 significant digits (±0.00002 dB).
    const transmitW = 0.05035702;
    const vectors: Array<[number, number]> = [
      [100, 4.98265e-10],
      [500, 1.99306e-11],
      [1000, 4.98265e-12],
      [2000, 1.24566e-12],
    ];
    const loss = prepareFspl(input(2398.339664, 0, 0));
    for (const [distanceM, receivedW] of vectors) {
      expect(loss(distanceM)).toBeCloseTo(10 * Math.log10(transmitW / receivedW), 3);
    }
  });

  it('uses the exact constant 20·log10(4π·10⁶/c) = −27.5522 dB (P.525: 32.45 for km and MHz)', () => {
    // 20·log10(4π·10⁶ / 299792458) = 20·log10(0.0419169) = −27.5522
    expect(FSPL_AT_1_M_1_MHZ_DB).toBeCloseTo(-27.5522, 4);
    // 1800 MHz at 1 km: 32.4478 + 20·log10(1800) + 20·log10(1) = 32.4478 + 65.1055 = 97.5533 dB
    expect(prepareFspl(input(1800, 1.5, 1.5))(1000)).toBeCloseTo(97.5533, 3);
  });

  it('works over the 3D distance', () => {
    // h_BS 30 m, h_UT 1.5 m, 40 m on the ground: d_3D = √(40² + 28.5²) = √(1600 + 812.25) = 49.1147 m
    // L = −27.5522 + 20·log10(900) + 20·log10(49.1147) = −27.5522 + 59.0849 + 33.8242 = 65.3569 dB
    expect(prepareFspl(input(900, 30, 1.5))(40)).toBeCloseTo(65.3569, 3);
    // at the foot of the mast the distance is the height difference: 20·log10(28.5) = 29.0969 → 60.6296 dB
    expect(prepareFspl(input(900, 30, 1.5))(0)).toBeCloseTo(-27.5522 + 59.0849 + 29.0969, 3);
  });

  it('holds the loss at its 1 m value below 1 m instead of diverging', () => {
    const loss = prepareFspl(input(1800, 1.5, 1.5));
    // 1 m at 1800 MHz: −27.5522 + 65.1055 = 37.5533 dB
    expect(loss(1)).toBeCloseTo(37.5533, 3);
    expect(loss(0)).toBe(loss(1));
    expect(loss(0.2)).toBe(loss(1));
  });
});
