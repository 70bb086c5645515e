import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TargetSet } from '../../src/core/targets/target-set.ts';
import { describeIssue } from '../../src/io/issue-messages.ts';
import { isTargetDate, parseTargetSet, targetSetJson } from '../../src/io/target-set-file.ts';
import { issueTuples, readFixture } from './fixtures.ts';

const SHIPPED = ['hp-2020-2022', 'hp-2026-2030', 'national-2025-2030'];
const shipped = (id: string) => readFileSync(`data/targets/${id}.json`, 'utf8');

describe('the shipped target sets', () => {
  it('read without any issue and are written back byte for byte (canonical form)', () => {
    for (const id of SHIPPED) {
      const result = parseTargetSet(shipped(id), `${id}.json`);
      expect([result.status, result.issues], id).toEqual(['ok', []]);
      expect(result.data?.id).toBe(id);
      expect(targetSetJson(result.data as TargetSet)).toBe(shipped(id));
    }
  });

  it('carry the targets the plans set (issue 9), each with its source document', () => {
    const summary = (id: string) =>
      parseTargetSet(shipped(id), id).data?.targets.map((t) => [t.indicator, t.technology, t.scope.kind === 'zones' ? t.scope.zoneKinds.join('+') : t.scope.kind, t.threshold, t.unit]);
    expect(summary('hp-2020-2022')).toEqual([
      ['weak_signal_households', '4G', 'city', 0, '%'],
      ['fibre_passed_households', 'FTTH', 'city', 80, '%'],
      ['fibre_passed_households', 'FTTH', 'city', 90, '%'],
      ['coverage_households', '5G', 'central_urban', 100, '%'],
      ['coverage_households', '5G', 'industrial_park', 100, '%'],
      ['coverage_households', '4G', 'city', 100, '%'],
    ]);
    expect(summary('hp-2026-2030')).toEqual([
      ['coverage_population', '5G', 'city', 100, '%'],
      ['fibre_passed_households', 'FTTH', 'city', 100, '%'],
      ['free_wifi_sites', 'Wi-Fi', 'city', 100, '%'],
    ]);
    expect(summary('national-2025-2030')).toEqual([
      ['fibre_passed_households', 'FTTH', 'city', 100, '%'],
      ['coverage_households', '5G', 'industrial_park+high_tech_park+port', 100, '%'],
      ['coverage_population', '5G', 'city', 99, '%'],
      ['mean_download_mbps', '4G', 'city', 40, 'Mb/s'],
      ['mean_download_mbps', '5G', 'city', 100, 'Mb/s'],
    ]);
    const national = parseTargetSet(shipped('national-2025-2030'), 'n').data?.targets ?? [];
    expect(national.map((t) => [t.source.document.split(' ').slice(0, 3).join(' '), t.source.date])).toEqual([
      ['Quyết định 1132/QĐ-TTg', '2024-10-09'],
      ['Quyết định 1132/QĐ-TTg', '2024-10-09'],
      ['Quyết định 1132/QĐ-TTg', '2024-10-09'],
      ['Quyết định 36/QĐ-TTg', '2024-01-11'],
      ['Quyết định 36/QĐ-TTg', '2024-01-11'],
    ]);
  });
});

describe('parseTargetSet', () => {
  it('rejects each bad target with its index, field and reason, and keeps the good ones', () => {
    const result = parseTargetSet(readFixture('bad/targets-bad.json'), 'targets-bad.json');
    expect(issueTuples(result.issues)).toEqual([
      [1, 'missing-value', 'indicator', 'error'],
      [2, 'unknown-value', 'indicator', 'error'],
      [3, 'unknown-value', 'technology', 'error'],
      [4, 'out-of-range', 'threshold', 'error'],
      [5, 'unknown-value', 'unit', 'error'],
      [6, 'not-a-date', 'deadline', 'error'],
      [7, 'missing-value', 'source.document', 'error'],
      [8, 'missing-value', 'scope.units', 'error'],
      [9, 'unknown-value', 'scope.kind', 'error'],
      [10, 'not-a-date', 'deadline', 'error'],
      [11, 'not-a-number', 'threshold', 'error'],
      [11, 'not-a-date', 'source.date', 'error'],
      [12, 'unknown-value', null, 'error'],
      [null, 'defaulted-field', 'name', 'warning'],
      [null, 'defaulted-field', 'unit', 'warning'],
      [null, 'defaulted-field', 'scope', 'warning'],
    ]);
    expect([result.status, result.read, result.kept, result.rejected]).toEqual(['ok-with-notes', 13, 1, 12]);
    // the one good target: technology and threshold as written ('4g', "90") read as 4G and 90, unit and scope defaulted
    expect(result.data?.targets).toEqual([
      {
        id: 'ok',
        indicator: 'coverage_households',
        technology: '4G',
        scope: { kind: 'city' },
        threshold: 90,
        unit: '%',
        deadline: '2030',
        name: null,
        source: { document: 'QĐ 1', date: null, article: null, url: null, note: null },
      },
    ]);
    expect(result.data?.name).toEqual({ vi: 'bad-set', en: 'bad-set' });
    const byIndex = (index: number) => result.issues.find((issue) => issue.index === index)!;
    expect(describeIssue(byIndex(3), 'en')).toBe("Target 3, column 'technology': “5G” is not a recognised value (accepted: FTTH).");
    expect(describeIssue(byIndex(4), 'vi')).toBe("Mục tiêu 4, cột 'threshold': “120” nằm ngoài khoảng cho phép từ 0 đến 100.");
    expect(describeIssue(byIndex(10), 'en')).toBe("Target 10, column 'deadline': “2030-02-29” is not a date; write YYYY-MM-DD, YYYY-MM or YYYY.");
  });

  it('fails the whole file when it is not JSON, not a target set or of another schema version', () => {
    const fail = (text: string) => {
      const result = parseTargetSet(text, 'x.json');
      return [result.status, result.data, result.issues.map((issue) => [issue.code, issue.column ?? null])];
    };
    expect(fail('{"schemaVersion": 1,')).toEqual(['failed', null, [['file-unparseable', null]]]);
    expect(fail('{"type": "FeatureCollection", "features": []}')).toEqual(['failed', null, [['not-a-target-set', null]]]);
    expect(fail('{"schemaVersion": 2, "id": "x", "targets": []}')).toEqual(['failed', null, [['unsupported-version', 'schemaVersion']]]);
    expect(fail('{"schemaVersion": 1, "id": "x", "targets": []}')).toEqual(['failed', { schemaVersion: 1, id: 'x', name: { vi: 'x', en: 'x' }, description: null, targets: [] }, [['file-empty', null], ['defaulted-field', 'name']]]);
  });

  it('writes any set so that it reads back equal (export)', () => {
    const set: TargetSet = {
      schemaVersion: 1,
      id: 'mine',
      name: { vi: 'Bộ mục tiêu của tôi', en: 'My targets' },
      description: null,
      targets: [
        {
          id: 'centre',
          indicator: 'weak_signal_households',
          technology: '4G',
          scope: { kind: 'units', unitIds: ['11311', '11329'] },
          threshold: 2.5,
          unit: '%',
          deadline: '2027-06',
          name: { vi: 'Trung tâm', en: 'Centre' },
          source: { document: 'Công văn 12/SKHCN', date: '2026-11-30', article: 'Mục 2', url: null, note: 'internal' },
        },
      ],
    };
    const text = targetSetJson(set);
    expect(parseTargetSet(text, 'mine.json')).toMatchObject({ status: 'ok', data: set, issues: [] });
  });
});

describe('isTargetDate', () => {
  it('takes YYYY, YYYY-MM and real calendar days only', () => {
    for (const date of ['2030', '2030-12', '2030-12-31', '2028-02-29']) expect(isTargetDate(date), date).toBe(true);
    for (const date of ['2030-02-29', '2030-13', '2030-00', '2030-04-31', '31/12/2030', '2030-1-9', '']) expect(isTargetDate(date), date).toBe(false);
  });
});
