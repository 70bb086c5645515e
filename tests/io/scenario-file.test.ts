/** Scenario files: a lossless round trip, and readable errors (with their JSON path, in both languages) on bad files. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Cell } from '../../src/core/model.ts';
import { defaultSiteTemplate } from '../../src/core/siting/site-templates.ts';
import {
  createScenario,
  describeScenarioError,
  parseScenario,
  parseSiteTemplate,
  serializeScenario,
  type Scenario,
} from '../../src/io/scenario-file.ts';

function cell(cellId: string, overrides: Partial<Cell> = {}): Cell {
  return {
    cellId, siteId: cellId.split('-')[0], lon: 106.6834521, lat: 20.8612345678, operator: 'Viettel', technology: '4G', bandMhz: 1800,
    heightM: 32.5, azimuthDeg: 117.25, beamwidthDeg: 65, tiltDeg: 4.5, rsPowerDbm: 15.2, antennaGainDbi: 17.1, feederLossDb: 2,
    model: '3gpp-uma', environment: 'metropolitan', channel: null, bandwidthMhz: null, status: 'proposed', ...overrides,
  };
}

const SCENARIO: Scenario = {
  name: 'Quy hoạch 2026 — "phương án B" <nháp>',
  savedAt: '2026-03-01T08:30:00.000Z',
  revision: 4,
  settings: { ...DEFAULT_SETTINGS, technology: '5G', operator: 'VNPT', thresholdsDbm: { good: -95, fair: -105.5, weak: -118 }, handsetHeightM: 1.7, los3gpp: true, zoneGridM: 25, fibre: { maxDropM: 150, backbonePasses: true } },
  cells: {
    added: [cell('P1-1'), cell('P1-2', { azimuthDeg: null, tiltDeg: null, model: null, environment: null, status: 'planned' })],
    edited: [cell('S9-3', { status: 'existing', lon: 106.7, lat: 20.85, rsPowerDbm: -3.25 })],
    removed: ['S10-1', 'S10-2'],
  },
  decisions: [
    { siteId: 'P1', decision: 'approved', comment: 'Đồng ý, gần trường học <b>cần</b> kiểm tra "EMF"', decidedAt: '2026-03-02T10:00:00.000Z' },
    { siteId: 'P2', decision: 'rejected', comment: '', decidedAt: null },
  ],
  templates: { '5G': { ...defaultSiteTemplate('5G'), heightM: 28, azimuthsDeg: [30, 150, 270], tiltDeg: 6, model: '3gpp-umi' } },
};

describe('scenario files', () => {
  it('round-trip without loss', () => {
    const text = serializeScenario(SCENARIO);
    const parsed = parseScenario(text);
    expect(parsed).toEqual({ ok: true, scenario: SCENARIO });
    expect(parsed.ok && serializeScenario(parsed.scenario)).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ format: 'phusong-scenario', version: 2, revision: 4 });
  });

  it('round-trip an empty scenario', () => {
    const empty = createScenario('Trống');
    expect(parseScenario(serializeScenario(empty))).toEqual({ ok: true, scenario: empty });
  });

  it('report every problem with its path, in English and Vietnamese', () => {
    const file = JSON.parse(serializeScenario(SCENARIO));
    file.cells.added[0].bandMhz = 'abc';
    delete file.cells.added[1].lat;
    file.cells.edited.push({ ...file.cells.edited[0] });
    file.decisions[1].decision = 'maybe';
    file.templates['5G'].heightM = 5000;
    file.templates['6G'] = {};
    file.settings.thresholdsDbm = { good: -120, fair: -110, weak: -100 };
    const result = parseScenario(JSON.stringify(file));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((error) => error.path)).toEqual([
      'settings',
      'cells.added[0].bandMhz',
      'cells.added[1].lat',
      'cells.edited[1].cellId',
      'decisions[1].decision',
      'templates.5G.heightM',
      'templates.6G',
    ]);
    expect(describeScenarioError(errors[1], 'en')).toBe('cells.added[0].bandMhz: must be a number in 30…100000, got "abc"');
    expect(describeScenarioError(errors[1], 'vi')).toBe('cells.added[0].bandMhz: phải là số trong khoảng 30…100000, nhận được "abc"');
    expect(describeScenarioError(errors[2], 'en')).toBe('cells.added[1].lat: must be a number in -90…90, got nothing');
    expect(describeScenarioError(errors[3], 'en')).toBe('cells.edited[1].cellId: repeats "S9-3"');
    expect(describeScenarioError(errors[4], 'vi')).toBe('decisions[1].decision: phải là một trong approved, rejected, nhận được "maybe"');
    expect(errors[0].en).toBe('thresholdsDbm.fair must be below thresholdsDbm.good (-120 dBm), got -110');
  });

  it('refuse files that are not scenarios', () => {
    const notJson = parseScenario('{"format": ');
    expect(notJson.ok === false && notJson.errors[0].path).toBe('');
    expect(notJson.ok === false && notJson.errors[0].en).toMatch(/^not valid JSON/);
    const other = parseScenario('{"type": "FeatureCollection", "features": []}');
    expect(other.ok === false && other.errors.map((error) => error.path)).toEqual(['format', 'version', 'name', 'settings', 'cells', 'decisions']);
  });
});

describe('scenario files, optional radio fields', () => {
  it('round-trip a cell with a channel and a bandwidth', () => {
    const scenario = { ...SCENARIO, cells: { ...SCENARIO.cells, added: [cell('P3-1', { channel: 1850, bandwidthMhz: 20 })] } };
    expect(parseScenario(serializeScenario(scenario))).toEqual({ ok: true, scenario });
  });

  it('read a cell saved before the optional fields existed as having none, and check them when given', () => {
    const file = JSON.parse(serializeScenario(SCENARIO));
    delete file.cells.added[0].channel;
    delete file.cells.added[0].bandwidthMhz;
    const older = parseScenario(JSON.stringify(file));
    expect(older.ok && older.scenario.cells.added[0]).toEqual(SCENARIO.cells.added[0]);

    file.cells.added[0].channel = 1850.5;
    file.cells.added[1].bandwidthMhz = 0;
    const bad = parseScenario(JSON.stringify(file));
    expect(bad.ok === false && bad.errors.map((error) => describeScenarioError(error, 'en'))).toEqual([
      'cells.added[0].channel: must be a whole number in 0…3279165, got 1850.5',
      'cells.added[1].bandwidthMhz: must be a number in 0.2…400, got 0',
    ]);
  });
});

describe('parseSiteTemplate', () => {
  it('fills missing keys from the technology defaults', () => {
    expect(parseSiteTemplate('{"heightM": 40, "azimuthsDeg": [], "tiltDeg": null}', '4G')).toEqual({
      ok: true,
      template: { ...defaultSiteTemplate('4G'), heightM: 40, azimuthsDeg: [] },
    });
  });

  it('takes a channel and a bandwidth for the new cells', () => {
    const result = parseSiteTemplate('{"channel": 1850, "bandwidthMhz": 20}', '4G');
    expect(result.ok && [result.template.channel, result.template.bandwidthMhz]).toEqual([1850, 20]);
    expect(defaultSiteTemplate('4G')).toMatchObject({ channel: null, bandwidthMhz: null });
  });

  it('rejects another technology, unknown keys and out-of-range values', () => {
    const result = parseSiteTemplate('{"technology": "3G", "height": 40, "rsPowerDbm": 99, "azimuthsDeg": [0, 400]}', '4G');
    expect(result.ok === false && result.errors.map((error) => describeScenarioError(error, 'en'))).toEqual([
      expect.stringMatching(/^height: unknown key/),
      'technology: must be the analysed technology 4G, got "3G"',
      'rsPowerDbm: must be a number in -50…70, got 99',
      'azimuthsDeg[1]: must be a number in 0…360, got 400',
    ]);
  });
});
