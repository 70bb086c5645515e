/**
 * Settings validation shared by the CLI's `--config FILE`, saved scenarios and the app's threshold form: every
 * refusal names the key at fault (thresholds out of order, non-finite numbers, negative distances, unknown keys),
 * in English and Vietnamese.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_THRESHOLDS_DBM } from '../../src/core/model.ts';
import { checkThresholds, describeThresholdProblem, mergeSettings } from '../../src/io/parse-settings.ts';

function errorOf(json: string): string {
  const result = mergeSettings(DEFAULT_SETTINGS, json);
  if (result.ok) throw new Error(`accepted ${json}`);
  return result.error;
}

describe('mergeSettings', () => {
  it('accepts every documented key, the command-owned ones included', () => {
    const result = mergeSettings(
      DEFAULT_SETTINGS,
      JSON.stringify({
        thresholdsDbm: { good: -95, fair: -105, weak: -118 },
        handsetHeightM: 1.7,
        los3gpp: true,
        technology: '5G',
        operator: 'VNPT',
        zoneGridM: 25,
        fibre: { maxDropM: 150, backbonePasses: true, costPerMetreVnd: 55000, connectionCostVnd: 0, targetsPct: [80, 90] },
        siting: { gridSpacingM: 250 },
        loadFactor: 0.7,
        noiseFigureDb: 9,
        nrSubcarrierSpacingKhz: 15,
        interferenceCutoffDb: 6,
        mimoLayers: { '5G': 2 },
        speedTargetMbps: { '4G': 30, '5G': 150 },
      }),
    );
    expect(result.ok && result.settings).toEqual({
      ...DEFAULT_SETTINGS,
      thresholdsDbm: { good: -95, fair: -105, weak: -118 },
      handsetHeightM: 1.7,
      los3gpp: true,
      technology: '5G',
      operator: 'VNPT',
      zoneGridM: 25,
      fibre: { maxDropM: 150, backbonePasses: true },
      loadFactor: 0.7,
      noiseFigureDb: 9,
      nrSubcarrierSpacingKhz: 15,
      interferenceCutoffDb: 6,
      mimoLayers: { '4G': 2, '5G': 2 },
      speedTargetMbps: { '4G': 30, '5G': 150 },
    });
  });

  it('refuses downlink-quality values out of range, naming the key', () => {
    expect(errorOf('{"loadFactor": 1.5}')).toBe('loadFactor must be a share in [0, 1], got 1.5');
    expect(errorOf('{"noiseFigureDb": -1}')).toBe('noiseFigureDb must be dB in [0, 20], got -1');
    expect(errorOf('{"interferenceCutoffDb": 40}')).toBe('interferenceCutoffDb must be dB below the noise in [0, 30], got 40');
    expect(errorOf('{"nrSubcarrierSpacingKhz": 20}')).toBe('nrSubcarrierSpacingKhz must be one of 15, 30, 60, 120 (kHz), got 20');
    expect(errorOf('{"mimoLayers": {"4G": 2.5}}')).toBe('mimoLayers.4G must be a whole number of layers in [1, 8], got 2.5');
    expect(errorOf('{"speedTargetMbps": {"5G": 0}}')).toBe('speedTargetMbps.5G must be Mb/s in (0, 10000], got 0');
    expect(errorOf('{"speedTargetMbps": 40}')).toBe('speedTargetMbps must be an object by technology, e.g. {"4G": …, "5G": …}');
    expect(errorOf('{"speedTargetMbps": {"3G": 10}}')).toBe('speedTargetMbps.3G: unknown key (allowed: 4G, 5G)');
  });

  it('refuses an unknown key, naming it and the keys allowed there', () => {
    expect(errorOf('{"thresholdDbm": {"good": -90}}')).toBe(
      'thresholdDbm: unknown key (allowed: thresholdsDbm, handsetHeightM, los3gpp, technology, operator, fibre, zoneGridM, loadFactor, noiseFigureDb, nrSubcarrierSpacingKhz, interferenceCutoffDb, mimoLayers, speedTargetMbps, siting)',
    );
    expect(errorOf('{"thresholdsDbm": {"good": -90, "bad": -130}}')).toBe('thresholdsDbm.bad: unknown key (allowed: good, fair, weak)');
    expect(errorOf('{"fibre": {"maxDrop": 100}}')).toMatch(/^fibre\.maxDrop: unknown key \(allowed: maxDropM, backbonePasses, costPerMetreVnd, connectionCostVnd, targetsPct\)$/);
  });

  it('refuses thresholds out of order, naming the key that breaks the order', () => {
    expect(errorOf('{"thresholdsDbm": {"good": -110, "fair": -100, "weak": -120}}')).toBe(
      'thresholdsDbm.fair must be below thresholdsDbm.good (-110 dBm), got -100',
    );
    expect(errorOf('{"thresholdsDbm": {"weak": -100}}')).toBe('thresholdsDbm.weak must be below thresholdsDbm.fair (-110 dBm), got -100');
  });

  it('refuses non-finite numbers, saying Infinity rather than null', () => {
    expect(errorOf('{"handsetHeightM": 1e999}')).toBe('handsetHeightM must be metres in (0, 30], got Infinity');
    expect(errorOf('{"thresholdsDbm": {"good": -1e999}}')).toBe('thresholdsDbm.good must be a number, got -Infinity');
  });

  it('refuses negative distances, naming the key', () => {
    expect(errorOf('{"handsetHeightM": -1.5}')).toBe('handsetHeightM must be metres in (0, 30], got -1.5');
    expect(errorOf('{"zoneGridM": -50}')).toBe('zoneGridM must be metres in [10, 1000], got -50');
    expect(errorOf('{"fibre": {"maxDropM": -10}}')).toBe('fibre.maxDropM must be metres in (0, 5000], got -10');
  });
});

describe('checkThresholds (the app form, stored thresholds and the files alike)', () => {
  it('names the first key that is not a finite number or not below the one above it, in both languages', () => {
    expect(checkThresholds({ good: -100, fair: -110, weak: -120 })).toBeNull();
    const notANumber = checkThresholds({ good: Number.NaN, fair: -110, weak: -120 })!;
    expect(describeThresholdProblem(notANumber, 'en')).toBe('thresholdsDbm.good must be a number, got NaN');
    expect(describeThresholdProblem(notANumber, 'vi')).toBe('thresholdsDbm.good phải là một số, nhận được NaN');
    const equal = checkThresholds({ good: -100, fair: -100, weak: -120 })!;
    expect(describeThresholdProblem(equal, 'en')).toBe('thresholdsDbm.fair must be below thresholdsDbm.good (-100 dBm), got -100');
    expect(describeThresholdProblem(equal, 'vi', (key) => ({ good: 'Tốt', fair: 'Khá', weak: 'Yếu' })[key])).toBe(
      'Khá phải thấp hơn Tốt (-100 dBm), nhận được -100',
    );
    expect(checkThresholds({ good: -100, fair: -110, weak: Number.POSITIVE_INFINITY })?.key).toBe('weak');
  });
});

describe('phusong analyze --config with a bad key', () => {
  it('exits 2 with one line naming the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phusong-config-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, '{"thresholdsDbm": {"good": -100, "fair": -110, "weak": -120}, "handsetHeigthM": 1.5}');
    const fixture = 'tests/fixtures/cli/analyze';
    const run = spawnSync('node', [
      'scripts/phusong.mjs', 'analyze', '--wards', `${fixture}/wards.geojson`, '--sites', `${fixture}/sites.csv`,
      '--households', `${fixture}/households.csv`, '--config', config, '--out', join(dir, 'out'),
    ], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: ${config}: handsetHeigthM: unknown key (allowed: thresholdsDbm, handsetHeightM, los3gpp, technology, operator, fibre, zoneGridM, loadFactor, noiseFigureDb, nrSubcarrierSpacingKhz, interferenceCutoffDb, mimoLayers, speedTargetMbps, siting)\n`);
  });
});

describe('mergeSettings on broken JSON', () => {
  it('names the line and column', () => {
    expect(errorOf('{\n  "handsetHeightM": 1.5,\n}')).toBe('not valid JSON: line 3, column 1: expected a property name in double quotes');
  });
});

describe('signal thresholds (one rule for the CLI, scenarios and the app)', () => {
  it('accepts strictly falling thresholds within −150…−30 dBm only', () => {
    const problem = (thresholds: typeof DEFAULT_THRESHOLDS_DBM) => {
      const found = checkThresholds(thresholds);
      return found === null ? null : describeThresholdProblem(found, 'en');
    };
    expect(problem(DEFAULT_THRESHOLDS_DBM)).toBeNull();
    expect(problem({ good: -100, fair: -100, weak: -120 })).toBe('thresholdsDbm.fair must be below thresholdsDbm.good (-100 dBm), got -100');
    expect(problem({ good: -90, fair: -110, weak: -160 })).toBe('thresholdsDbm.weak must be a dBm value in [-150, -30], got -160');
    expect(problem({ good: Number.NaN, fair: -110, weak: -120 })).toMatch(/^thresholdsDbm\.good /);
    // the bounds themselves are allowed
    expect(problem({ good: -30, fair: -90, weak: -150 })).toBeNull();
    expect(describeThresholdProblem(checkThresholds({ good: -20, fair: -110, weak: -120 })!, 'vi')).toBe(
      'thresholdsDbm.good phải là một giá trị dBm trong [-150, -30], nhận được -20',
    );
  });

  it('applies the same rule to a --config file', () => {
    const read = (thresholdsDbm: object) => mergeSettings(DEFAULT_SETTINGS, JSON.stringify({ thresholdsDbm }));
    expect(read({ good: -95 })).toMatchObject({ ok: true, settings: { thresholdsDbm: { good: -95, fair: -110, weak: -120 } } });
    expect(read({ weak: -160 })).toEqual({ ok: false, error: 'thresholdsDbm.weak must be a dBm value in [-150, -30], got -160' });
    expect(read({ good: -20 })).toMatchObject({ ok: false });
    expect(read({ good: '-95' })).toEqual({ ok: false, error: 'thresholdsDbm.good must be a number, got "-95"' });
  });
});
