import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatLatLon, formatPercent } from '../../src/ui/format-number.ts';

describe('locale number formatting', () => {
  it('groups thousands with "." in Vietnamese and "," in English', () => {
    expect(formatCount(598917, 'vi')).toBe('598.917');
    expect(formatCount(598917, 'en')).toBe('598,917');
    expect(formatCount(1234567, 'vi')).toBe('1.234.567');
  });

  it('rounds counts to whole numbers', () => {
    expect(formatCount(2.5e3 + 0.6, 'vi')).toBe('2.501');
  });

  it('uses a decimal comma in Vietnamese', () => {
    expect(formatDecimal(12.345, 'vi', 1)).toBe('12,3');
    expect(formatDecimal(12.345, 'en', 2)).toBe('12.35');
  });

  it('writes percentages with one decimal and a non-breaking space', () => {
    expect(formatPercent(74.26, 'vi')).toBe('74,3\u00a0%');
    expect(formatPercent(100, 'en')).toBe('100.0\u00a0%');
  });

  it('writes WGS84 degrees with their hemispheres, so a decimal comma is not read as the separator', () => {
    expect(formatLatLon(20.66788, 106.68302, 'vi')).toBe('20,66788° B, 106,68302° Đ');
    expect(formatLatLon(-33.5, -70.25, 'en')).toBe('33.50000° S, 70.25000° W');
  });

  it('shows missing values as a dash', () => {
    expect(formatCount(null, 'vi')).toBe('–');
    expect(formatCount(Number.NaN, 'en')).toBe('–');
    expect(formatPercent(Number.POSITIVE_INFINITY, 'vi')).toBe('–');
  });
});
