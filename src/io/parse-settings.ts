/**
 * Reads analysis settings from JSON (the CLI's `--config FILE`, a saved scenario), validating each known
 * field and leaving the whole object in `raw` for the commands that own other keys (fibre costs, siting).
 * One validation for the CLI and the app: every refusal names its key; a key nobody reads (a typo such as
 * `handsetHeigthM`) is refused rather than silently ignored.
 */
import { DEFAULT_FIBRE_PLAN_SETTINGS } from '../core/fibre/fibre-plan-settings.ts';
import { DEFAULT_SETTINGS, TECHNOLOGIES, type AnalysisSettings, type SignalThresholdsDbm, type Technology } from '../core/model.ts';
import { describeJsonError, readJson } from './read-json.ts';

export type SettingsResult =
  | { ok: true; settings: AnalysisSettings; raw: Record<string, unknown> }
  | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys a settings object may hold, per object: the analysis settings, the fibre-planning keys that
 * `readFibrePlanSettings` reads and the `siting` section that `plan-sites` reads (and checks key by key).
 */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': [...Object.keys(DEFAULT_SETTINGS), 'siting'],
  thresholdsDbm: Object.keys(DEFAULT_SETTINGS.thresholdsDbm),
  fibre: [...Object.keys(DEFAULT_SETTINGS.fibre), ...Object.keys(DEFAULT_FIBRE_PLAN_SETTINGS)],
};

/** The first key of `raw` (or of its known sub-objects) that no reader knows, or null. */
function findUnknownKey(raw: Record<string, unknown>): string | null {
  for (const [path, allowed] of Object.entries(KNOWN_KEYS)) {
    const object = path === '' ? raw : raw[path];
    if (!isRecord(object)) continue;
    const unknown = Object.keys(object).find((key) => !allowed.includes(key));
    if (unknown !== undefined) return `${path === '' ? '' : `${path}.`}${unknown}: unknown key (allowed: ${allowed.join(', ')})`;
  }
  return null;
}

/** A value as quoted in a message: JSON, but NaN and ±Infinity by name (JSON.stringify makes them "null"). */
function quoteValue(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? 'nothing');
}

type ThresholdKey = keyof SignalThresholdsDbm;

/** Why thresholds cannot be used: a key that is not a finite number, or not strictly below the one above it. */
export type ThresholdProblem =
  | { key: ThresholdKey; rule: 'not-a-number'; value: number }
  | { key: ThresholdKey; rule: 'not-below'; value: number; above: ThresholdKey; aboveValue: number };

/**
 * Whether signal thresholds are finite numbers falling strictly good > fair > weak; the first problem names its
 * key. The settings files and the app's threshold form use this same check (the dBm range is checked apart).
 *
 * @example checkThresholdOrder({ good: -100, fair: -100, weak: -120 }) // { key: 'fair', rule: 'not-below', … }
 */
export function checkThresholdOrder(thresholds: SignalThresholdsDbm): ThresholdProblem | null {
  const order: readonly ThresholdKey[] = ['good', 'fair', 'weak'];
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    const value = thresholds[key];
    if (!Number.isFinite(value)) return { key, rule: 'not-a-number', value };
    if (i > 0 && !(value < thresholds[order[i - 1]])) {
      return { key, rule: 'not-below', value, above: order[i - 1], aboveValue: thresholds[order[i - 1]] };
    }
  }
  return null;
}

/**
 * The problem as one sentence naming the keys: by their settings path (`thresholdsDbm.fair`) unless `name`
 * gives the labels the reader sees (the app's form).
 */
export function describeThresholdProblem(
  problem: ThresholdProblem,
  language: 'vi' | 'en',
  name: (key: ThresholdKey) => string = (key) => `thresholdsDbm.${key}`,
): string {
  const value = quoteValue(problem.value);
  if (problem.rule === 'not-a-number') {
    return language === 'en' ? `${name(problem.key)} must be a number, got ${value}` : `${name(problem.key)} phải là một số, nhận được ${value}`;
  }
  const above = `${name(problem.above)} (${problem.aboveValue} dBm)`;
  return language === 'en'
    ? `${name(problem.key)} must be below ${above}, got ${value}`
    : `${name(problem.key)} phải thấp hơn ${above}, nhận được ${value}`;
}

export function mergeSettings(base: AnalysisSettings, json: string): SettingsResult {
  const read = readJson(json);
  if (!read.ok) return { ok: false, error: `not valid JSON: ${describeJsonError(read, 'en')}` };
  const raw = read.value;
  if (!isRecord(raw)) return { ok: false, error: 'settings must be a JSON object' };
  const unknownKey = findUnknownKey(raw);
  if (unknownKey !== null) return { ok: false, error: unknownKey };
  const settings: AnalysisSettings = {
    ...base,
    thresholdsDbm: { ...base.thresholdsDbm },
    fibre: { ...base.fibre },
  };

  const number = (value: unknown, name: string, check: (n: number) => boolean, hint: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
      throw new Error(`${name} must be ${hint}, got ${quoteValue(value)}`);
    }
    return value;
  };

  try {
    if (raw.thresholdsDbm !== undefined) {
      if (!isRecord(raw.thresholdsDbm)) throw new Error('thresholdsDbm must be an object {good, fair, weak}');
      for (const key of ['good', 'fair', 'weak'] as const) {
        const value = raw.thresholdsDbm[key];
        if (value !== undefined) {
          settings.thresholdsDbm[key] = number(value, `thresholdsDbm.${key}`, (n) => n > -200 && n < 0, 'a dBm value between -200 and 0');
        }
      }
    }
    const order = checkThresholdOrder(settings.thresholdsDbm);
    if (order !== null) throw new Error(describeThresholdProblem(order, 'en'));
    if (raw.handsetHeightM !== undefined) {
      settings.handsetHeightM = number(raw.handsetHeightM, 'handsetHeightM', (n) => n > 0 && n <= 30, 'metres in (0, 30]');
    }
    if (raw.los3gpp !== undefined) {
      if (typeof raw.los3gpp !== 'boolean') throw new Error('los3gpp must be true or false');
      settings.los3gpp = raw.los3gpp;
    }
    if (raw.technology !== undefined) {
      if (!TECHNOLOGIES.includes(raw.technology as Technology)) throw new Error(`technology must be one of ${TECHNOLOGIES.join(', ')}`);
      settings.technology = raw.technology as Technology;
    }
    if (raw.operator !== undefined) {
      if (raw.operator !== null && typeof raw.operator !== 'string') throw new Error('operator must be a name or null');
      settings.operator = raw.operator as string | null;
    }
    if (raw.zoneGridM !== undefined) {
      settings.zoneGridM = number(raw.zoneGridM, 'zoneGridM', (n) => n >= 10 && n <= 1000, 'metres in [10, 1000]');
    }
    if (raw.fibre !== undefined) {
      if (!isRecord(raw.fibre)) throw new Error('fibre must be an object');
      if (raw.fibre.maxDropM !== undefined) {
        settings.fibre.maxDropM = number(raw.fibre.maxDropM, 'fibre.maxDropM', (n) => n > 0 && n <= 5000, 'metres in (0, 5000]');
      }
      if (raw.fibre.backbonePasses !== undefined) {
        if (typeof raw.fibre.backbonePasses !== 'boolean') throw new Error('fibre.backbonePasses must be true or false');
        settings.fibre.backbonePasses = raw.fibre.backbonePasses;
      }
    }
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  return { ok: true, settings, raw };
}
