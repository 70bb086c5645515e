/**
 * Target sets (data/targets/*.json, docs/targets.md): reads and checks a set, rejecting each bad target with its
 * index and reason (the other targets are kept), and writes a set back as canonical JSON for export.
 */
import {
  INDICATORS,
  TARGET_INDICATORS,
  TARGET_SCHEMA_VERSION,
  TARGET_TECHNOLOGIES,
  type LocalizedText,
  type Target,
  type TargetIndicator,
  type TargetScope,
  type TargetSet,
  type TargetSource,
  type TargetTechnology,
} from '../core/targets/target-set.ts';
import type { ImportResult } from './import-result.ts';
import { IssueLog } from './issue-log.ts';

/** YYYY, YYYY-MM or YYYY-MM-DD with a month 01–12 and a day that exists in that month. */
export function isTargetDate(text: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (match === null) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  if (Number(month) < 1 || Number(month) > 12) return false;
  if (day === undefined) return true;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return Number(day) >= 1 && date.getUTCMonth() === Number(month) - 1;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

/** A name given as one string (both languages) or as { vi, en } (one may stand for the other). */
function localizedOf(value: unknown): LocalizedText | null {
  const text = textOf(value);
  if (text !== null) return { vi: text, en: text };
  if (!isObject(value)) return null;
  const vi = textOf(value.vi);
  const en = textOf(value.en);
  if (vi === null && en === null) return null;
  return { vi: vi ?? en ?? '', en: en ?? vi ?? '' };
}

/** Matches a technology as written ('4g', 'LTE' is not accepted: the generation is what targets name). */
const TECHNOLOGY_BY_KEY = new Map(TARGET_TECHNOLOGIES.map((technology) => [technology.toLowerCase().replace(/[^a-z0-9]/g, ''), technology]));

/**
 * Parses a target set. Never throws: a file that is not JSON or not a target set fails as a whole; each target
 * that cannot be used is rejected with its 0-based index, the field and the reason; the others are kept.
 */
export function parseTargetSet(text: string, file: string): ImportResult<TargetSet | null> {
  const log = new IssueLog(file, 'target');
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    log.failFile('file-unparseable', { format: 'JSON', detail: (error as Error).message });
    return log.finish(null, 0, 0);
  }
  if (!isObject(json) || !Array.isArray(json.targets) || textOf(json.id) === null || json.schemaVersion === undefined) {
    log.failFile('not-a-target-set');
    return log.finish(null, 0, 0);
  }
  if (json.schemaVersion !== TARGET_SCHEMA_VERSION) {
    log.failFile('unsupported-version', { value: String(json.schemaVersion), allowed: String(TARGET_SCHEMA_VERSION) }, 'schemaVersion');
    return log.finish(null, 0, 0);
  }
  const id = textOf(json.id) ?? '';
  let name = localizedOf(json.name);
  if (name === null) {
    name = { vi: id, en: id };
    log.countCopied('name', 'id');
  }
  const targets: Target[] = [];
  const firstIndexOfId = new Map<string, number>();
  json.targets.forEach((entry: unknown, index: number) => {
    const target = readTarget(entry, index, log);
    if (target === null) return;
    const first = firstIndexOfId.get(target.id);
    if (first !== undefined) {
      log.reject(index, 'duplicate-id', 'id', { value: target.id, first });
      return;
    }
    firstIndexOfId.set(target.id, index);
    targets.push(target);
  });
  const set: TargetSet = { schemaVersion: TARGET_SCHEMA_VERSION, id, name, description: localizedOf(json.description), targets };
  return log.finish(set, json.targets.length, targets.length);
}

/** One target, or null when it must be rejected (every problem is logged). */
function readTarget(entry: unknown, index: number, log: IssueLog): Target | null {
  if (!isObject(entry)) {
    log.reject(index, 'unknown-value', undefined, { value: JSON.stringify(entry) ?? String(entry), allowed: '{ "id": …, "indicator": …, … }' });
    return null;
  }
  let valid = true;
  const required = (field: string): string | null => {
    const value = textOf(entry[field]);
    if (value === null) {
      log.reject(index, 'missing-value', field);
      valid = false;
    }
    return value;
  };
  const id = required('id');
  const indicatorText = required('indicator');
  const technologyText = required('technology');
  const deadline = required('deadline');

  let indicator: TargetIndicator | null = null;
  if (indicatorText !== null) {
    indicator = TARGET_INDICATORS.find((known) => known === indicatorText) ?? null;
    if (indicator === null) {
      log.reject(index, 'unknown-value', 'indicator', { value: indicatorText, allowed: TARGET_INDICATORS.join(', ') });
      valid = false;
    }
  }
  let technology: TargetTechnology | null = null;
  if (technologyText !== null) {
    technology = TECHNOLOGY_BY_KEY.get(technologyText.toLowerCase().replace(/[^a-z0-9]/g, '')) ?? null;
    const allowed = indicator === null ? TARGET_TECHNOLOGIES : INDICATORS[indicator].technologies;
    if (technology === null || !allowed.includes(technology)) {
      log.reject(index, 'unknown-value', 'technology', { value: technologyText, allowed: allowed.join(', ') });
      valid = false;
    }
  }
  if (deadline !== null && !isTargetDate(deadline)) {
    log.reject(index, 'not-a-date', 'deadline', { value: deadline });
    valid = false;
  }
  const unit = indicator === null ? null : readUnit(entry, index, indicator, log);
  const threshold = indicator === null ? null : readThreshold(entry, index, indicator, log);
  const scope = readScope(entry.scope, index, log);
  const source = readSource(entry.source, index, log);
  if (!valid || id === null || indicator === null || technology === null || deadline === null || unit === null || threshold === null || scope === null || source === null) {
    return null;
  }
  return { id, indicator, technology, scope, threshold, unit, deadline, name: localizedOf(entry.name), source };
}

/** The indicator's unit; a file may omit it (noted) but not contradict it. */
function readUnit(entry: Json, index: number, indicator: TargetIndicator, log: IssueLog): Target['unit'] | null {
  const expected = INDICATORS[indicator].unit;
  const given = textOf(entry.unit);
  if (given === null) {
    log.countDefault('unit', expected);
    return expected;
  }
  if (given.replace(/\s/g, '').toLowerCase() !== expected.toLowerCase()) {
    log.reject(index, 'unknown-value', 'unit', { value: given, allowed: expected });
    return null;
  }
  return expected;
}

/** A number: 0–100 for a percentage, ≥ 0 for a speed. */
function readThreshold(entry: Json, index: number, indicator: TargetIndicator, log: IssueLog): number | null {
  const value = entry.threshold;
  if (value === undefined || value === null || value === '') {
    log.reject(index, 'missing-value', 'threshold');
    return null;
  }
  const threshold = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(threshold)) {
    log.reject(index, 'not-a-number', 'threshold', { value: String(value) });
    return null;
  }
  const percentage = INDICATORS[indicator].unit === '%';
  if (threshold < 0 || (percentage && threshold > 100)) {
    log.reject(index, 'out-of-range', 'threshold', percentage ? { value: String(value), min: 0, max: 100 } : { value: String(value), min: 0 });
    return null;
  }
  return threshold;
}

/** "city", { "kind": "city" }, { "kind": "units", "units": [...] } or { "kind": "zones", "zoneKinds": [...] }; absent = city (noted). */
function readScope(value: unknown, index: number, log: IssueLog): TargetScope | null {
  if (value === undefined || value === null) {
    log.countDefault('scope', 'city');
    return { kind: 'city' };
  }
  const kind = typeof value === 'string' ? value.trim() : isObject(value) ? textOf(value.kind) : null;
  if (kind === 'city') return { kind: 'city' };
  const list = (field: string): string[] | null => {
    const items = isObject(value) ? value[field] : undefined;
    const texts = Array.isArray(items) ? items.map(textOf) : [];
    if (texts.length === 0 || texts.some((item) => item === null)) {
      log.reject(index, 'missing-value', `scope.${field}`);
      return null;
    }
    return texts as string[];
  };
  if (kind === 'units') {
    const unitIds = list('units');
    return unitIds === null ? null : { kind: 'units', unitIds };
  }
  if (kind === 'zones') {
    const zoneKinds = list('zoneKinds');
    return zoneKinds === null ? null : { kind: 'zones', zoneKinds };
  }
  log.reject(index, 'unknown-value', 'scope.kind', { value: kind ?? JSON.stringify(value), allowed: 'city, units, zones' });
  return null;
}

/** The source document: `document` required, the rest optional; a bad date rejects the target. */
function readSource(value: unknown, index: number, log: IssueLog): TargetSource | null {
  const source = isObject(value) ? value : {};
  const document = textOf(source.document);
  if (document === null) {
    log.reject(index, 'missing-value', 'source.document');
    return null;
  }
  const date = textOf(source.date);
  if (date !== null && !isTargetDate(date)) {
    log.reject(index, 'not-a-date', 'source.date', { value: date });
    return null;
  }
  return { document, date, article: textOf(source.article), url: textOf(source.url), note: textOf(source.note) };
}

/**
 * A target set as JSON text, keys in the documented order, two-space indented, with a final newline: what
 * `parseTargetSet` reads back to an equal set (the app's export, and the form of data/targets/*.json).
 */
export function targetSetJson(set: TargetSet): string {
  const scopeJson = (scope: TargetScope) =>
    scope.kind === 'city' ? { kind: 'city' } : scope.kind === 'units' ? { kind: 'units', units: scope.unitIds } : { kind: 'zones', zoneKinds: scope.zoneKinds };
  const json = {
    schemaVersion: set.schemaVersion,
    id: set.id,
    name: set.name,
    ...(set.description === null ? {} : { description: set.description }),
    targets: set.targets.map((target) => ({
      id: target.id,
      ...(target.name === null ? {} : { name: target.name }),
      indicator: target.indicator,
      technology: target.technology,
      scope: scopeJson(target.scope),
      threshold: target.threshold,
      unit: target.unit,
      deadline: target.deadline,
      source: target.source,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
