/**
 * Numbers and dates as the report prints them: Vietnamese style by default (12.345 hộ, 4,2 %), English style
 * as an option (12,345 households, 4.2 %). Intl.NumberFormat with the `vi-VN` / `en-GB` locales.
 */
import type { ReportLanguage } from './report-model.ts';

const LOCALE: Record<ReportLanguage, string> = { vi: 'vi-VN', en: 'en-GB' };

const formatters = new Map<string, Intl.NumberFormat>();

/** A number with a fixed count of decimals in the report's language; '–' for null or non-finite values. */
export function formatNumber(value: number | null, language: ReportLanguage, decimals = 0): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const key = `${language}|${decimals}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, formatter);
  }
  // −0 would print as "-0"
  return formatter.format(value === 0 ? 0 : value);
}

/** A percentage with a space before the sign, as both languages' style guides write it: "4,2 %" / "4.2 %". */
export function formatPercent(value: number | null, language: ReportLanguage, decimals = 1): string {
  return value === null || !Number.isFinite(value) ? '–' : `${formatNumber(value, language, decimals)} %`;
}

/** ISO `YYYY-MM-DD` as the language writes dates: 01/12/2026 (vi) or 1 December 2026 (en). */
export function formatDate(isoDate: string, language: ReportLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  if (language === 'vi') return `${day}/${month}/${year}`;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Billions of VND with one decimal ("41,3 tỷ đồng" / "VND 41.3 billion"): how budgets are read on page 1. */
export function formatVndBillions(valueVnd: number | null, language: ReportLanguage): string {
  if (valueVnd === null) return '–';
  const billions = formatNumber(valueVnd / 1e9, language, 1);
  return language === 'vi' ? `${billions} tỷ đồng` : `VND ${billions} billion`;
}
