/**
 * Reads analysis settings from JSON (the CLI's `--config FILE`, a saved scenario), validating each known
 * field and leaving the rest of the object in `raw` for the commands that own other keys (fibre costs,
 * siting templates).
 */
import { TECHNOLOGIES, type AnalysisSettings, type SignalThresholdsDbm, type Technology } from '../core/model.ts';

/**
 * Range of every signal class threshold, dBm, inclusive: the same for the CLI's `--config`, a scenario file and
 * the app's settings. RSRP is reported from −140 to −44 dBm (3GPP TS 36.133 §9.1.4); the range leaves 10 dB
 * below and some room above for RxLev/RSCP levels of 2G/3G analyses.
 */
const THRESHOLD_RANGE_DBM = { min: -150, max: -30 } as const;

/**
 * Why a set of thresholds cannot be used, or null when it can: each a finite dBm value in THRESHOLD_RANGE_DBM,
 * strictly falling good > fair > weak.
 *
 * @example thresholdsError({ good: -100, fair: -110, weak: -120 }) // null
 */
export function thresholdsError(thresholds: SignalThresholdsDbm): string | null {
  const { min, max } = THRESHOLD_RANGE_DBM;
  for (const key of ['good', 'fair', 'weak'] as const) {
    const value = thresholds[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      return `thresholdsDbm.${key} must be a dBm value in [${min}, ${max}], got ${JSON.stringify(value)}`;
    }
  }
  const { good, fair, weak } = thresholds;
  return good > fair && fair > weak ? null : `thresholdsDbm must satisfy good > fair > weak, got ${good}, ${fair}, ${weak}`;
}

export type SettingsResult =
  | { ok: true; settings: AnalysisSettings; raw: Record<string, unknown> }
  | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeSettings(base: AnalysisSettings, json: string): SettingsResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})` };
  }
  if (!isRecord(raw)) return { ok: false, error: 'settings must be a JSON object' };
  const settings: AnalysisSettings = {
    ...base,
    thresholdsDbm: { ...base.thresholdsDbm },
    fibre: { ...base.fibre },
  };

  const number = (value: unknown, name: string, check: (n: number) => boolean, hint: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
      throw new Error(`${name} must be ${hint}, got ${JSON.stringify(value)}`);
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
      const error = thresholdsError(settings.thresholdsDbm);
      if (error !== null) throw new Error(error);
    }
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
