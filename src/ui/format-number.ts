/**
 * Locale number formatting: Vietnamese groups thousands with "." and uses "," for decimals
 * (598917 → "598.917", 12.5 → "12,5"); English uses "," and ".".
 */
import type { Language } from './i18n.ts';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

function formatterFor(language: Language, fractionDigits: number): Intl.NumberFormat {
  const key = `${language}:${fractionDigits}`;
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(LOCALES[language], {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    cache.set(key, formatter);
  }
  return formatter;
}

/** A whole number (counts, households): `formatCount(598917, 'vi') === '598.917'`. Null or NaN → "–". */
export function formatCount(value: number | null, language: Language): string {
  return value === null || Number.isNaN(value) ? '–' : formatterFor(language, 0).format(Math.round(value));
}

/** A decimal with a fixed number of digits: `formatDecimal(12.345, 'vi', 1) === '12,3'`. */
export function formatDecimal(value: number | null, language: Language, fractionDigits: number): string {
  return value === null || !Number.isFinite(value) ? '–' : formatterFor(language, fractionDigits).format(value);
}

/** A percentage with one decimal and a non-breaking space before "%": `formatPercent(74.26, 'vi') === '74,3 %'`. */
export function formatPercent(value: number | null, language: Language): string {
  return value === null || !Number.isFinite(value) ? '–' : `${formatDecimal(value, language, 1)}\u00a0%`;
}

/**
 * WGS84 degrees to 5 decimals (≈ 1 m) with their hemispheres: `formatLatLon(20.8431, 106.6912, 'vi') === '20,84310° B,
 * 106,69120° Đ'`. The letters keep a Vietnamese decimal comma apart from the comma between the two.
 */
export function formatLatLon(lat: number, lon: number, language: Language): string {
  const [north, south, east, west] = language === 'vi' ? ['B', 'N', 'Đ', 'T'] : ['N', 'S', 'E', 'W'];
  const degrees = (value: number, positive: string, negative: string) => `${formatDecimal(Math.abs(value), language, 5)}° ${value >= 0 ? positive : negative}`;
  return `${degrees(lat, north, south)}, ${degrees(lon, east, west)}`;
}
