import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS_DBM } from '../../src/core/model.ts';
import { mergeSettings, thresholdsError } from '../../src/io/parse-settings.ts';

describe('signal thresholds (one rule for the CLI, scenarios and the app)', () => {
  it('accepts strictly falling thresholds within −150…−30 dBm only', () => {
    expect(thresholdsError(DEFAULT_THRESHOLDS_DBM)).toBeNull();
    expect(thresholdsError({ good: -100, fair: -100, weak: -120 })).toMatch(/good > fair > weak/);
    expect(thresholdsError({ good: -90, fair: -110, weak: -160 })).toMatch(/thresholdsDbm\.weak .*\[-150, -30\]/);
    expect(thresholdsError({ good: Number.NaN, fair: -110, weak: -120 })).toMatch(/thresholdsDbm\.good/);
    // the bounds themselves are allowed
    expect(thresholdsError({ good: -30, fair: -90, weak: -150 })).toBeNull();
  });

  it('applies the same rule to a --config file', () => {
    const read = (thresholdsDbm: object) => mergeSettings(DEFAULT_SETTINGS, JSON.stringify({ thresholdsDbm }));
    expect(read({ good: -95 })).toMatchObject({ ok: true, settings: { thresholdsDbm: { good: -95, fair: -110, weak: -120 } } });
    expect(read({ weak: -160 })).toEqual({ ok: false, error: 'thresholdsDbm.weak must be a dBm value in [-150, -30], got -160' });
    expect(read({ good: -20 })).toMatchObject({ ok: false });
    expect(read({ good: '-95' })).toMatchObject({ ok: false });
  });
});
