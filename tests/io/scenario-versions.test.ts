/**
 * Scenario file versions: a file of an older format is migrated (version 1, written before saves were counted,
 * reads with revision 0), one of a newer format is refused with a message saying so, and a damaged file is
 * reported with its place (line and column for broken JSON, the JSON path for a bad value).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { describeScenarioError, parseScenario, SCENARIO_VERSION, serializeScenario } from '../../src/io/scenario-file.ts';

/** Written by phusong's scenario format version 1 (tests/fixtures/io/good, saved before version 2 existed). */
const V1_TEXT = readFileSync('tests/fixtures/io/good/scenario-v1.phusong.json', 'utf8');

describe('scenario format versions', () => {
  it('is version 2: version 1 plus the revision (saves counted, for the check against a second tab)', () => {
    expect(SCENARIO_VERSION).toBe(2);
  });

  it('migrates a version 1 file: everything it holds, revision 0', () => {
    const v1 = JSON.parse(V1_TEXT);
    expect(v1.version).toBe(1);
    expect(v1.revision).toBeUndefined();
    const result = parseScenario(V1_TEXT);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { revision, ...rest } = result.scenario;
    expect(revision).toBe(0);
    const { format: _format, version: _version, ...fields } = v1;
    // version 1 came before the optional radio fields channel and bandwidth_mhz: its cells and templates read them as empty
    const unset = { channel: null, bandwidthMhz: null };
    const withUnset = <T extends object>(value: T) => ({ ...value, ...unset });
    // and before the downlink-quality settings (issue 12): it reads them as the defaults
    const { loadFactor, noiseFigureDb, nrSubcarrierSpacingKhz, interferenceCutoffDb, mimoLayers, speedTargetMbps } = DEFAULT_SETTINGS;
    const downlink = { loadFactor, noiseFigureDb, nrSubcarrierSpacingKhz, interferenceCutoffDb, mimoLayers, speedTargetMbps };
    expect(rest).toEqual({
      ...fields,
      settings: { ...fields.settings, ...downlink },
      cells: { ...fields.cells, added: fields.cells.added.map(withUnset), edited: fields.cells.edited.map(withUnset) },
      templates: Object.fromEntries(Object.entries(fields.templates as Record<string, object>).map(([key, template]) => [key, withUnset(template)])),
    });
    // saved again, it is a version 2 file
    expect(JSON.parse(serializeScenario(result.scenario))).toMatchObject({ version: 2, revision: 0 });
  });

  it('refuses a file of a newer format with one message that says to update phusong', () => {
    const newer = JSON.stringify({ ...JSON.parse(V1_TEXT), version: 7, cells: 'changed in version 7' });
    const result = parseScenario(newer);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(1);
    expect(describeScenarioError(errors[0], 'en')).toBe(
      'version: the file was written by a newer phusong (scenario format 7); this version reads formats 1 to 2: update phusong to open it',
    );
    expect(describeScenarioError(errors[0], 'vi')).toBe(
      'version: tệp được ghi bởi phusong mới hơn (định dạng kịch bản 7); phiên bản này đọc định dạng 1 đến 2: hãy cập nhật phusong để mở tệp',
    );
  });

  it.each([[0], [-1], [1.5], ['2'], [null]])('refuses version %j', (version) => {
    const result = parseScenario(JSON.stringify({ ...JSON.parse(V1_TEXT), version }));
    expect(result.ok === false && result.errors.map((error) => [error.path, error.en])).toEqual([
      ['version', `must be a whole number from 1 to 2, got ${JSON.stringify(version)}`],
    ]);
  });

  it('refuses a revision that is not a whole number ≥ 0, at its path', () => {
    const file = { ...JSON.parse(V1_TEXT), version: 2, revision: -3 };
    const result = parseScenario(JSON.stringify(file));
    expect(result.ok === false && result.errors.map((error) => error.path)).toEqual(['revision']);
  });
});

describe('damaged scenario files', () => {
  it('names the line and column where the JSON breaks, in both languages', () => {
    // a comma dropped after "version": the next key starts on line 4, column 3
    const damaged = V1_TEXT.replace('"version": 1,', '"version": 1');
    const result = parseScenario(damaged);
    expect(result.ok === false && result.errors.map((error) => describeScenarioError(error, 'en'))).toEqual([
      'not valid JSON: line 4, column 3: expected a comma',
    ]);
    expect(result.ok === false && describeScenarioError(result.errors[0], 'vi')).toBe('không phải JSON hợp lệ: dòng 4, cột 3: thiếu dấu phẩy');
  });

  it('names the place of a file cut short: its end, or the start of a text value left open', () => {
    const cut = V1_TEXT.slice(0, V1_TEXT.indexOf('"cells": {') + '"cells": {'.length);
    const lines = cut.split('\n');
    const result = parseScenario(cut);
    expect(result.ok === false && result.errors[0].en).toBe(`not valid JSON: line ${lines.length}, column ${lines[lines.length - 1].length + 1}: the text ends too early`);
    const open = parseScenario(V1_TEXT.slice(0, V1_TEXT.indexOf('"cells": {') + 4));
    expect(open.ok === false && open.errors[0].en).toBe(`not valid JSON: line ${lines.length}, column 3: a text value is never closed`);
  });
});
