/**
 * Noise, the TR 36.942 Annex A.2 curve and the throughput, against values worked by hand (the arithmetic is in
 * the comments), and the default bandwidths against the table in docs/models.md.
 */
import { describe, expect, it } from 'vitest';
import {
  interferenceCutoffDbm,
  noisePerResourceElementDbm,
  sinrDb,
  spectralEfficiencyBpsHz,
  throughputMbps,
} from '../../../src/core/coverage/link-quality.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/model.ts';
import { defaultBandwidthMhz } from '../../../src/core/radio-fields.ts';

describe('noise per resource element', () => {
  it('is −174 dBm/Hz over one subcarrier plus the noise figure', () => {
    // 4G: 10·log10(15 000) = 41.7609 → −174 + 41.7609 + 7 = −125.2391 dBm
    expect(noisePerResourceElementDbm('4G', DEFAULT_SETTINGS)).toBeCloseTo(-125.2391, 4);
    // 5G at 30 kHz: 10·log10(30 000) = 44.7712 → −122.2288 dBm; at 15 kHz as LTE
    expect(noisePerResourceElementDbm('5G', DEFAULT_SETTINGS)).toBeCloseTo(-122.2288, 4);
    expect(noisePerResourceElementDbm('5G', { ...DEFAULT_SETTINGS, nrSubcarrierSpacingKhz: 15 })).toBeCloseTo(-125.2391, 4);
    // the noise figure adds dB for dB
    expect(noisePerResourceElementDbm('4G', { ...DEFAULT_SETTINGS, noiseFigureDb: 9 })).toBeCloseTo(-123.2391, 4);
  });

  it('puts the interference cut-off 10 dB below it', () => {
    expect(interferenceCutoffDbm('4G', DEFAULT_SETTINGS)).toBeCloseTo(-135.2391, 4);
    expect(interferenceCutoffDbm('5G', DEFAULT_SETTINGS)).toBeCloseTo(-132.2288, 4);
    expect(interferenceCutoffDbm('4G', { ...DEFAULT_SETTINGS, interferenceCutoffDb: 20 })).toBeCloseTo(-145.2391, 4);
  });
});

describe('SINR', () => {
  it('is S / (load × I + N) in linear units', () => {
    // two equal signals, no noise: 1 / 0.5 → 3.0103 dB; load 1 → 0 dB; one signal 10 dB above the noise → 10 dB
    expect(sinrDb(1e-9, 1e-9, 0, 0.5)).toBeCloseTo(3.0103, 4);
    expect(sinrDb(1e-9, 1e-9, 0, 1)).toBeCloseTo(0, 10);
    expect(sinrDb(1e-9, 0, 1e-10, 0.5)).toBeCloseTo(10, 10);
    // S = 1, I = 2, N = 1, load 0.5 → 1 / (1 + 1) → −3.0103 dB
    expect(sinrDb(1, 2, 1, 0.5)).toBeCloseTo(-3.0103, 4);
  });
});

describe('TR 36.942 Annex A.2 spectral efficiency (α = 0.6, SINR_MIN −10 dB, 4.4 bit/s/Hz)', () => {
  it('follows the attenuated Shannon bound between its limits', () => {
    // below SINR_MIN: nothing
    expect(spectralEfficiencyBpsHz(-10.01)).toBe(0);
    expect(spectralEfficiencyBpsHz(-20)).toBe(0);
    expect(spectralEfficiencyBpsHz(NaN)).toBe(0);
    // at −10 dB: 0.6·log2(1.1) = 0.6 × 0.137504 = 0.0825
    expect(spectralEfficiencyBpsHz(-10)).toBeCloseTo(0.082502, 6);
    // 0 dB: 0.6·log2(2) = 0.6; 10 dB: 0.6·log2(11) = 0.6 × 3.459432 = 2.075659; 20 dB: 0.6·log2(101) = 0.6 × 6.658211 = 3.994927
    expect(spectralEfficiencyBpsHz(0)).toBeCloseTo(0.6, 10);
    expect(spectralEfficiencyBpsHz(10)).toBeCloseTo(2.075659, 6);
    expect(spectralEfficiencyBpsHz(20)).toBeCloseTo(3.994927, 6);
    // capped at 4.4 from 10·log10(2^(4.4/0.6) − 1) = 22.0495 dB (the table's SINR_MAX, 22 dB)
    expect(spectralEfficiencyBpsHz(22)).toBeCloseTo(0.6 * Math.log2(1 + 10 ** 2.2), 10);
    expect(spectralEfficiencyBpsHz(22)).toBeLessThan(4.4);
    expect(spectralEfficiencyBpsHz(22.05)).toBe(4.4);
    expect(spectralEfficiencyBpsHz(40)).toBe(4.4);
  });

  it('gives the throughput as efficiency × bandwidth × layers', () => {
    // 10 dB, 20 MHz, 2 layers: 2.075659 × 20 × 2 = 83.026 Mb/s; the cap: 4.4 × 100 × 4 = 1760 Mb/s
    expect(throughputMbps(10, 20, 2)).toBeCloseTo(83.0264, 3);
    expect(throughputMbps(30, 100, 4)).toBeCloseTo(1760, 9);
    expect(throughputMbps(-11, 20, 2)).toBe(0);
    // the 4G speed target, 40 Mb/s on 20 MHz × 2 layers, needs 1 bit/s/Hz: 0.6·log2(1 + x) = 1 → x = 2^(5/3) − 1
    // = 2.1748 → 3.374 dB
    expect(throughputMbps(3.374, 20, 2)).toBeCloseTo(40, 2);
  });
});

describe('default channel bandwidth', () => {
  it('follows the table of docs/models.md', () => {
    expect(defaultBandwidthMhz('4G', 700)).toBe(10);
    expect(defaultBandwidthMhz('4G', 900)).toBe(10);
    expect(defaultBandwidthMhz('4G', 1800)).toBe(20);
    expect(defaultBandwidthMhz('4G', 2600)).toBe(20);
    expect(defaultBandwidthMhz('5G', 700)).toBe(10);
    expect(defaultBandwidthMhz('5G', 2100)).toBe(20);
    expect(defaultBandwidthMhz('5G', 2600)).toBe(100);
    expect(defaultBandwidthMhz('5G', 3500)).toBe(100);
    expect(defaultBandwidthMhz('5G', 28000)).toBe(200);
  });
});
