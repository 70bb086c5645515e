import { describe, expect, it } from 'vitest';
import { fastLog10 } from '../../../src/core/propagation/fast-log10.ts';

describe('fastLog10', () => {
  it('is within 6·10⁻⁸ of Math.log10 from 1 mm to 10,000 km (2·10⁻⁶ dB on a 40·log10 term)', () => {
    let worst = 0;
    for (let x = 1e-3; x < 1e13; x *= 1.000173) worst = Math.max(worst, Math.abs(fastLog10(x) - Math.log10(x)));
    for (let x = 10; x < 20_000; x += 0.137) worst = Math.max(worst, Math.abs(fastLog10(x) - Math.log10(x)));
    expect(worst).toBeLessThan(6e-8);
    expect(worst).toBeGreaterThan(0);
  });

  it('is exact at powers of two (table nodes) and close at powers of ten', () => {
    // 1024 = 2^10: log10 = 10·log10 2 = 3.010299956639812
    expect(fastLog10(1024)).toBeCloseTo(3.010299956639812, 14);
    expect(fastLog10(1000)).toBeCloseTo(3, 7);
    expect(fastLog10(0.01)).toBeCloseTo(-2, 7);
  });

  it('never decreases on a fine grid', () => {
    let previous = -Infinity;
    let decreases = 0;
    for (let x = 0.5; x < 300_000; x *= 1.0000093) {
      const value = fastLog10(x);
      if (value < previous) decreases++;
      previous = value;
    }
    expect(decreases).toBe(0);
  });

  it('defers to Math.log10 for 0, negatives, subnormals, Infinity and NaN', () => {
    expect(fastLog10(0)).toBe(-Infinity);
    expect(fastLog10(-1)).toBeNaN();
    expect(fastLog10(Number.NaN)).toBeNaN();
    expect(fastLog10(Infinity)).toBe(Infinity);
    expect(fastLog10(5e-324)).toBe(Math.log10(5e-324));
  });
});
