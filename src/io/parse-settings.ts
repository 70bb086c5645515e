/**
 * Reads analysis settings from JSON (the CLI's `--config FILE`, a saved scenario), validating each known
 * field and leaving the rest of the object in `raw` for the commands that own other keys (fibre costs,
 * siting templates).
 */
import { TECHNOLOGIES, type AnalysisSettings, type Technology } from '../core/model.ts';

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
        if (value !== undefined) {
          settings.thresholdsDbm[key] = number(value, `thresholdsDbm.${key}`, (n) => n > -200 && n < 0, 'a dBm value between -200 and 0');
        }
      }
      const { good, fair, weak } = settings.thresholdsDbm;
      if (!(good > fair && fair > weak)) throw new Error(`thresholdsDbm must satisfy good > fair > weak, got ${good}, ${fair}, ${weak}`);
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
