/**
 * Reads analysis settings from JSON (the CLI's `--config FILE`, a saved scenario), validating each known
 * field and leaving the whole object in `raw` for the commands that own other keys (fibre costs, siting).
 * One validation for the CLI and the app: every refusal names its key; a key nobody reads (a typo such as
 * `handsetHeigthM`) is refused rather than silently ignored.
 */
import { DEFAULT_FIBRE_PLAN_SETTINGS } from './fibre-plan-settings.ts';
import {
  DEFAULT_SETTINGS,
  NR_SUBCARRIER_SPACINGS_KHZ,
  OFDM_TECHNOLOGIES,
  TECHNOLOGIES,
  type AnalysisSettings,
  type NrSubcarrierSpacingKhz,
  type SignalThresholdsDbm,
  type Technology,
} from '../core/model.ts';
import { describeJsonError, readJson } from './read-json.ts';

/**
 * Range of every signal class threshold, dBm, inclusive: the same for the CLI's `--config`, a scenario file and
 * the app's settings. RSRP is reported from −140 to −44 dBm (3GPP TS 36.133 §9.1.4); the range leaves 10 dB
 * below and some room above for RxLev/RSCP levels of 2G/3G analyses.
 */
export const THRESHOLD_RANGE_DBM = { min: -150, max: -30 } as const;

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
  mimoLayers: OFDM_TECHNOLOGIES,
  speedTargetMbps: OFDM_TECHNOLOGIES,
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

/** Why thresholds cannot be used: a key that is not a finite number, out of THRESHOLD_RANGE_DBM, or not below the one above it. */
export type ThresholdProblem =
  | { key: ThresholdKey; rule: 'not-a-number'; value: number }
  | { key: ThresholdKey; rule: 'out-of-range'; value: number; min: number; max: number }
  | { key: ThresholdKey; rule: 'not-below'; value: number; above: ThresholdKey; aboveValue: number };

/**
 * Whether signal thresholds can be used: each a finite dBm value in [−150, −30] (THRESHOLD_RANGE_DBM), strictly
 * falling good > fair > weak; the first problem names its key. The one rule of the CLI's `--config`, scenario
 * files, the app's threshold form and the thresholds it stored.
 *
 * @example checkThresholds({ good: -100, fair: -110, weak: -120 }) // null
 * @example checkThresholds({ good: -100, fair: -100, weak: -120 }) // { key: 'fair', rule: 'not-below', … }
 */
export function checkThresholds(thresholds: SignalThresholdsDbm): ThresholdProblem | null {
  const { min, max } = THRESHOLD_RANGE_DBM;
  const order: readonly ThresholdKey[] = ['good', 'fair', 'weak'];
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    const value = thresholds[key];
    if (!Number.isFinite(value)) return { key, rule: 'not-a-number', value };
    if (value < min || value > max) return { key, rule: 'out-of-range', value, min, max };
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
  if (problem.rule === 'out-of-range') {
    const range = `[${problem.min}, ${problem.max}]`;
    return language === 'en'
      ? `${name(problem.key)} must be a dBm value in ${range}, got ${value}`
      : `${name(problem.key)} phải là một giá trị dBm trong ${range}, nhận được ${value}`;
  }
  const above = `${name(problem.above)} (${problem.aboveValue} dBm)`;
  return language === 'en'
    ? `${name(problem.key)} must be below ${above}, got ${value}`
    : `${name(problem.key)} phải thấp hơn ${above}, nhận được ${value}`;
}

/** The value of `technology` in a per-technology object (`{"4G": 40, "5G": 100}`), undefined when not given. */
function perTechnology(value: unknown, name: string, technology: string): unknown {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new Error(`${name} must be an object by technology, e.g. {"4G": …, "5G": …}`);
  return value[technology];
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
    mimoLayers: { ...base.mimoLayers },
    speedTargetMbps: { ...base.speedTargetMbps },
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
        if (value !== undefined) settings.thresholdsDbm[key] = value as number;
      }
    }
    const thresholdProblem = checkThresholds(settings.thresholdsDbm);
    if (thresholdProblem !== null) throw new Error(describeThresholdProblem(thresholdProblem, 'en'));
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
    // downlink quality (docs/models.md "SINR and throughput")
    if (raw.loadFactor !== undefined) {
      settings.loadFactor = number(raw.loadFactor, 'loadFactor', (n) => n >= 0 && n <= 1, 'a share in [0, 1]');
    }
    if (raw.noiseFigureDb !== undefined) {
      settings.noiseFigureDb = number(raw.noiseFigureDb, 'noiseFigureDb', (n) => n >= 0 && n <= 20, 'dB in [0, 20]');
    }
    if (raw.interferenceCutoffDb !== undefined) {
      settings.interferenceCutoffDb = number(raw.interferenceCutoffDb, 'interferenceCutoffDb', (n) => n >= 0 && n <= 30, 'dB below the noise in [0, 30]');
    }
    if (raw.nrSubcarrierSpacingKhz !== undefined) {
      const spacings: readonly number[] = NR_SUBCARRIER_SPACINGS_KHZ;
      settings.nrSubcarrierSpacingKhz = number(
        raw.nrSubcarrierSpacingKhz,
        'nrSubcarrierSpacingKhz',
        (n) => spacings.includes(n),
        `one of ${spacings.join(', ')} (kHz)`,
      ) as NrSubcarrierSpacingKhz;
    }
    for (const technology of OFDM_TECHNOLOGIES) {
      const layers = perTechnology(raw.mimoLayers, 'mimoLayers', technology);
      if (layers !== undefined) {
        settings.mimoLayers[technology] = number(layers, `mimoLayers.${technology}`, (n) => Number.isInteger(n) && n >= 1 && n <= 8, 'a whole number of layers in [1, 8]');
      }
      const target = perTechnology(raw.speedTargetMbps, 'speedTargetMbps', technology);
      if (target !== undefined) {
        settings.speedTargetMbps[technology] = number(target, `speedTargetMbps.${technology}`, (n) => n > 0 && n <= 10_000, 'Mb/s in (0, 10000]');
      }
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
