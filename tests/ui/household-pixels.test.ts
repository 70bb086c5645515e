import { describe, expect, it } from 'vitest';
import { householdAlpha, squareRoots, tabulatedAlpha } from '../../src/ui/map/household-pixels.ts';

describe('household points drawing', () => {
  it('gives a pixel the opacity 0.6 + 0.15·log10(households), at most 0.95, as an alpha byte', () => {
    // worked by hand: 0.6 · 255 = 153, 0.75 · 255 = 191.25, 0.95 · 255 = 242.25
    expect(householdAlpha(0)).toBe(0);
    expect(householdAlpha(1)).toBe(153);
    expect(householdAlpha(10)).toBe(191);
    // 0.6 + 0.15 · 2 is 0.8999999999999999 in doubles: 229.49…, which rounds down
    expect(householdAlpha(100)).toBe(229);
    // the cap is reached at 10^(0.35 / 0.15) ≈ 215.4 households: 215 is just under it, 216 on it
    expect(0.6 + 0.15 * Math.log10(215)).toBeLessThan(0.95);
    expect(householdAlpha(215)).toBe(242);
    expect(householdAlpha(216)).toBe(242);
    expect(householdAlpha(50_000)).toBe(242);
  });

  it('looks up the same alpha for every whole number of households, below, at and above the cap', () => {
    for (let weight = 0; weight <= 5_000; weight++) expect(tabulatedAlpha(weight)).toBe(householdAlpha(weight));
    // 199–215 households are just under the cap (241 or 242 before rounding): a table cut short would give 242
    expect(householdAlpha(200)).toBe(241);
  });

  it('sizes points by the square root of their households', () => {
    expect(Array.from(squareRoots(Uint32Array.of(1, 4, 9, 2)))).toEqual([1, 2, 3, Math.fround(Math.SQRT2)]);
  });
});
