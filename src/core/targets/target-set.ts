/**
 * Target sets: the plans' targets as data (data/targets/*.json, schema in docs/targets.md). Each target names an
 * indicator the app can compute, the technology, where it applies, a threshold, a deadline and the document it
 * comes from; the indicator fixes its unit and whether the value must reach the threshold or stay under it.
 */
import type { Technology } from '../model.ts';

/** The schema version this code reads and writes. */
export const TARGET_SCHEMA_VERSION = 1;

/** What a target measures (how each is computed: docs/targets.md). */
export type TargetIndicator =
  | 'weak_signal_households'
  | 'coverage_households'
  | 'coverage_population'
  | 'fibre_passed_households'
  | 'mean_download_mbps'
  | 'free_wifi_sites';

/** Mobile generations, fixed broadband (FTTH) and public Wi-Fi. */
export type TargetTechnology = Technology | 'FTTH' | 'Wi-Fi';

export type TargetUnit = '%' | 'Mb/s';

/** Where a target applies: the whole city, a list of units (codes of the reporting layer), or zones of some kinds. */
export type TargetScope =
  | { kind: 'city' }
  | { kind: 'units'; unitIds: string[] }
  | { kind: 'zones'; zoneKinds: string[] };

/** The document a target comes from; `null` where not known. */
export interface TargetSource {
  /** Number and kind, e.g. "Quyết định 1132/QĐ-TTg". */
  document: string;
  /** Date of the document, YYYY-MM-DD, YYYY-MM or YYYY. */
  date: string | null;
  /** Article, clause or section, e.g. "Điều 1, mục II.1". */
  article: string | null;
  url: string | null;
  /** E.g. "as reported by the press; article not checked against the text". */
  note: string | null;
}

export interface LocalizedText {
  vi: string;
  en: string;
}

export interface Target {
  /** Unique within its set. */
  id: string;
  indicator: TargetIndicator;
  technology: TargetTechnology;
  scope: TargetScope;
  /** In `unit`: a percentage 0–100 or a speed in Mb/s. */
  threshold: number;
  unit: TargetUnit;
  /** YYYY-MM-DD, YYYY-MM or YYYY (the end of that month or year). */
  deadline: string;
  name: LocalizedText | null;
  source: TargetSource;
}

export interface TargetSet {
  schemaVersion: typeof TARGET_SCHEMA_VERSION;
  id: string;
  name: LocalizedText;
  description: LocalizedText | null;
  targets: Target[];
}

/** How an indicator is measured and judged. */
export interface IndicatorDefinition {
  unit: TargetUnit;
  /** at-least: met when value ≥ threshold; at-most: met when value ≤ threshold. */
  direction: 'at-least' | 'at-most';
  /** Technologies the indicator can be computed for. */
  technologies: readonly TargetTechnology[];
  /** What the percentage counts: households (sum of `count`), persons (households × persons per household), or sites. */
  weighting: 'households' | 'persons' | 'sites';
}

const MOBILE: readonly TargetTechnology[] = ['2G', '3G', '4G', '5G'];

export const INDICATORS: Readonly<Record<TargetIndicator, IndicatorDefinition>> = {
  weak_signal_households: { unit: '%', direction: 'at-most', technologies: MOBILE, weighting: 'households' },
  coverage_households: { unit: '%', direction: 'at-least', technologies: MOBILE, weighting: 'households' },
  coverage_population: { unit: '%', direction: 'at-least', technologies: MOBILE, weighting: 'persons' },
  fibre_passed_households: { unit: '%', direction: 'at-least', technologies: ['FTTH'], weighting: 'households' },
  mean_download_mbps: { unit: 'Mb/s', direction: 'at-least', technologies: ['4G', '5G'], weighting: 'households' },
  free_wifi_sites: { unit: '%', direction: 'at-least', technologies: ['Wi-Fi'], weighting: 'sites' },
};

export const TARGET_INDICATORS = Object.keys(INDICATORS) as TargetIndicator[];
export const TARGET_TECHNOLOGIES: readonly TargetTechnology[] = [...MOBILE, 'FTTH', 'Wi-Fi'];
export const TARGET_UNITS: readonly TargetUnit[] = ['%', 'Mb/s'];

/** Zone kinds the embedded zones layer uses; a zones layer may name others. */
export const KNOWN_ZONE_KINDS: readonly string[] = ['central_urban', 'industrial_park', 'high_tech_park', 'port'];
