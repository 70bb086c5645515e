import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../src/core/model.ts';
import { prepareFspl } from '../../../src/core/propagation/fspl.ts';
import { prepareOkumuraHata } from '../../../src/core/propagation/okumura-hata.ts';
import type { PathLossInput } from '../../../src/core/propagation/path-loss.ts';

const input = (bandMhz: number, baseStationHeightM: number, handsetHeightM: number, environment: Environment): PathLossInput => ({
  bandMhz,
  baseStationHeightM,
  handsetHeightM,
  environment,
  los: false,
});

describe('Okumura-Hata (Hata 1980; COST 231 eq. 4.4.1)', () => {
  // nsnam/ns-3-dev-git, src/propagation/test/okumura-hata-test-suite.cc: f = 869 MHz, d = 2000 m, h_b = 30 m,
  // h_m = 1 m, values computed by the Octave scripts in src/propagation/test/reference/loss_OH_*.m (2 decimals).
  it('matches the ns-3 vector "original OH Urban Large city" (137.93 dB) as metropolitan', () => {
    expect(prepareOkumuraHata(input(869, 30, 1, 'metropolitan'))(2000)).toBeCloseTo(137.93, 2);
  });

  it('matches the ns-3 vector "original OH Urban small city" (137.88 dB) as urban', () => {
    expect(prepareOkumuraHata(input(869, 30, 1, 'urban'))(2000)).toBeCloseTo(137.88, 2);
  });

  it('matches the ns-3 vector "original OH SubUrban" (128.03 dB) as suburban', () => {
    expect(prepareOkumuraHata(input(869, 30, 1, 'suburban'))(2000)).toBeCloseTo(128.03, 2);
  });

  it('gives Hata’s open-area value for rural; the ns-3 open-area vector (109.66 dB) is 0.14 dB off the formula', () => {
    // Hata eq. (8) with the small/medium-city a(h_m), as the ns-3 script loss_OH_openareas.m uses:
    // L_urban = 137.8766 (vector above); log10 869 = 2.939020; −4.78·2.939020² + 18.33·2.939020 − 40.94
    //   = −41.2889 + 53.8722 − 40.94 = −28.3566 → 109.5200 dB.
    // ns-3's vector 109.66 matches neither this nor its own model (109.57 with the large-city a(h_m)); the
    // ns-3 suite only checks to 0.1 dB. We assert the formula to 0.01 dB and the vector to its real spread.
    const loss = prepareOkumuraHata(input(869, 30, 1, 'rural'))(2000);
    expect(loss).toBeCloseTo(109.52, 2);
    expect(Math.abs(loss - 109.66)).toBeLessThan(0.15);
  });

  it('matches a hand-worked GSM-900 case (h_b 30 m, h_m 1.5 m, 5 km) in all four environments', () => {
    // log10 900 = 2.954243; 26.16·2.954243 = 77.28298; 13.82·log10 30 = 13.82·1.477121 = 20.41382
    // a(h_m) small/medium = (1.1·2.954243 − 0.7)·1.5 − (1.56·2.954243 − 0.8) = 3.824501 − 3.808619 = 0.015882
    // B = 44.9 − 6.55·1.477121 = 35.22486; B·log10 5 = 35.22486·0.698970 = 24.62112
    // urban = 69.55 + 77.28298 − 20.41382 − 0.015882 + 24.62112 = 151.0244 dB
    expect(prepareOkumuraHata(input(900, 30, 1.5, 'urban'))(5000)).toBeCloseTo(151.0244, 3);
    // metropolitan: a(h_m) = 3.2·(log10 17.625)² − 4.97 = 3.2·1.246130² − 4.97 = −0.000919 → 151.0412 dB
    expect(prepareOkumuraHata(input(900, 30, 1.5, 'metropolitan'))(5000)).toBeCloseTo(151.0412, 3);
    // suburban: −2·(log10(900/28))² − 5.4 = −2·1.507084² − 5.4 = −9.942607 → 141.0818 dB
    expect(prepareOkumuraHata(input(900, 30, 1.5, 'suburban'))(5000)).toBeCloseTo(141.0818, 3);
    // rural: −4.78·2.954243² + 18.33·2.954243 − 40.94 = −41.71750 + 54.15127 − 40.94 = −28.50642 → 122.5180 dB
    expect(prepareOkumuraHata(input(900, 30, 1.5, 'rural'))(5000)).toBeCloseTo(122.518, 3);
  });

  it('extrapolates below 1 km along the Hata line while it stays above free space', () => {
    // urban 900 MHz: 1 km loss = 151.0244 − 24.62112 = 126.4033; at 200 m: + 35.22486·log10 0.2 = −24.62112 → 101.7822
    expect(prepareOkumuraHata(input(900, 30, 1.5, 'urban'))(200)).toBeCloseTo(101.7822, 3);
  });

  it('never gives less than free space: in open areas close to the mast it is free space', () => {
    // rural 900 MHz at 100 m: the Hata line gives 126.4033 − 35.22486 − 28.50642 = 62.672 dB, but free space over
    // d_3D = √(100² + 28.5²) = 103.982 m is −27.5522 + 59.0849 + 40.3393 = 71.872 dB: the model returns free space.
    const rural = prepareOkumuraHata(input(900, 30, 1.5, 'rural'));
    expect(rural(100)).toBeCloseTo(71.872, 2);
    expect(rural(100)).toBeCloseTo(prepareFspl(input(900, 30, 1.5, 'rural'))(100), 9);
    // and the Hata line again far out (5 km, above): 122.518 dB
    expect(rural(5000)).toBeCloseTo(122.518, 3);
    // at the foot of the mast, free space over the 28.5 m height difference: −27.5522 + 59.0849 + 29.0969 = 60.6296
    expect(rural(0)).toBeCloseTo(60.6296, 3);
  });

  it('is continuous where the Hata line meets free space', () => {
    const loss = prepareOkumuraHata(input(900, 30, 1.5, 'rural'));
    const freeSpace = prepareFspl(input(900, 30, 1.5, 'rural'));
    // find the switch on a 1 cm grid: the loss leaves free space there and may jump by no more than the step's slope
    let switchM = 0;
    for (let d = 1; d < 2000; d += 0.01) {
      if (loss(d) !== freeSpace(d)) {
        switchM = d;
        break;
      }
    }
    expect(switchM).toBeGreaterThan(100);
    expect(Math.abs(loss(switchM) - freeSpace(switchM))).toBeLessThan(1e-3);
  });

  it('still computes outside 150–1500 MHz and outside the height ranges (documented, not refused)', () => {
    // 2100 MHz is above the range: the formula is evaluated all the same
    // urban, h_b 30, h_m 1.5, 5 km: 69.55 + 26.16·3.322219 (= 86.90926) − 20.41382 − a + 24.62112,
    // a = (1.1·3.322219 − 0.7)·1.5 − (1.56·3.322219 − 0.8) = 4.431661 − 4.382662 = 0.048999 → 160.6176 dB
    expect(prepareOkumuraHata(input(2100, 30, 1.5, 'urban'))(5000)).toBeCloseTo(160.6176, 3);
    // a handset below 1 m is taken at 1 m: same loss as h_m = 1 m
    expect(prepareOkumuraHata(input(900, 30, 0.5, 'urban'))(5000)).toBe(prepareOkumuraHata(input(900, 30, 1, 'urban'))(5000));
  });
});
