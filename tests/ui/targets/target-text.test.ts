import { describe, expect, it } from 'vitest';
import { digitsShortOf, shortOfTargetText } from '../../../src/ui/targets/target-text.ts';

describe('a value short of its target', () => {
  const coverage = { indicator: 'coverage_households', threshold: 100, unit: '%' } as const;
  const weak = { indicator: 'weak_signal_households', threshold: 0, unit: '%' } as const;

  it('takes the decimals it needs not to read as the target', () => {
    // 99.96 rounds to 100.0 at one decimal: two are needed; 99.996 needs three
    expect(shortOfTargetText(99.96, coverage, 'vi')).toBe('99,96\u00a0%');
    expect(shortOfTargetText(99.996, coverage, 'en')).toBe('99.996\u00a0%');
    expect(shortOfTargetText(97.94, coverage, 'vi')).toBe('97,9\u00a0%');
  });

  it('reads an at-most target the other way round', () => {
    // weak households must come down to 0 %: 0.04 % left reads 0.0 at one decimal
    expect(shortOfTargetText(0.04, weak, 'en')).toBe('0.04\u00a0%');
    expect(shortOfTargetText(1.25, weak, 'en')).toBe('1.3\u00a0%');
  });

  it('stops at four decimals and shows a missing value as a dash', () => {
    expect(shortOfTargetText(99.99999, coverage, 'en')).toBe('100.0000\u00a0%');
    expect(shortOfTargetText(null, coverage, 'vi')).toBe('–');
  });

  it('gives the gap the same decimals as the value (a gap of 0.04 points is not 0.0)', () => {
    expect(digitsShortOf(99.96, coverage)).toBe(2);
    expect(digitsShortOf(68.3, coverage)).toBe(1);
  });
});
