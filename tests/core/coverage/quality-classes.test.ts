import { describe, expect, it } from 'vitest';
import type { CoverageResult } from '../../../src/core/coverage/coverage-result.ts';
import { bestServerClass, overlapClass, qualityClasses, sinrClass, throughputClass } from '../../../src/core/coverage/quality-classes.ts';

describe('quality classes (hand-picked values at and around each bound)', () => {
  it('SINR: ≥ 20, 13–20, 0–13, < 0 dB, and no server', () => {
    expect([25, 20, 19.99, 13, 12.99, 0, -0.01, -15, Number.NaN].map(sinrClass)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it('throughput against the target: ≥ 2.5·T, T–2.5·T, T/4–T, < T/4, and no server', () => {
    // 4G, T = 40 Mb/s: bounds 100, 40, 10
    expect([176, 100, 99.9, 40, 39.9, 10, 9.9, 0, Number.NaN].map((mbps) => throughputClass(mbps, 40))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4]);
    // 5G, T = 100 Mb/s: bounds 250, 100, 25
    expect([250, 249, 100, 99, 25, 24].map((mbps) => throughputClass(mbps, 100))).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it('overlap: the server alone, 2, 3, pilot pollution from 4, no server', () => {
    expect([1, 2, 3, 4, 9, 0].map(overlapClass)).toEqual([0, 1, 2, 3, 3, 4]);
  });

  it('best server: consecutive cells (one site’s sectors) get different colours; no server its own class', () => {
    // 7·c mod 12: 0, 7, 2, 9, 4, 11, 6, 1, 8, 3, 10, 5 — all twelve colours before one repeats
    expect([...Array(12).keys()].map(bestServerClass)).toEqual([0, 7, 2, 9, 4, 11, 6, 1, 8, 3, 10, 5]);
    expect(bestServerClass(12)).toBe(0);
    expect(bestServerClass(-1)).toBe(12);
  });

  it('classes every household of a result on the chosen layer', () => {
    const coverage: CoverageResult = {
      technology: '4G',
      operator: null,
      bestCell: Int32Array.from([0, 1, -1]),
      rsrpDbm: Float32Array.from([-80, -125, -Infinity]),
      signalClass: Uint8Array.from([0, 3, 3]),
      sinrDb: Float32Array.from([22, -2, Number.NaN]),
      throughputMbps: Float32Array.from([176, 12, Number.NaN]),
      serversWithin6Db: Uint8Array.from([1, 5, 0]),
    };
    expect([...qualityClasses(coverage, 'sinr', 40)]).toEqual([0, 3, 4]);
    expect([...qualityClasses(coverage, 'throughput', 40)]).toEqual([0, 2, 4]);
    expect([...qualityClasses(coverage, 'overlap', 40)]).toEqual([0, 3, 4]);
    expect([...qualityClasses(coverage, 'server', 40)]).toEqual([0, 7, 12]);
  });
});
