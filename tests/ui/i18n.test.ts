import { describe, expect, it } from 'vitest';
import { DICTIONARIES, LANGUAGES, translate } from '../../src/ui/i18n.ts';

describe('dictionaries', () => {
  it('have the same keys and no empty string in either language', () => {
    const keys = Object.keys(DICTIONARIES.vi).sort();
    expect(Object.keys(DICTIONARIES.en).sort()).toEqual(keys);
    for (const language of LANGUAGES) {
      for (const key of keys) expect(DICTIONARIES[language][key as keyof typeof DICTIONARIES.vi].trim()).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(DICTIONARIES.vi) as Array<keyof typeof DICTIONARIES.vi>) {
      expect(placeholders(DICTIONARIES.en[key]), key).toEqual(placeholders(DICTIONARIES.vi[key]));
    }
  });

  it('name the tabs as the brief asks', () => {
    expect([DICTIONARIES.vi.tabLayers, DICTIONARIES.vi.tabWards, DICTIONARIES.vi.tabImport, DICTIONARIES.vi.tabSettings]).toEqual([
      'Lớp',
      'Phường',
      'Nhập dữ liệu',
      'Cài đặt',
    ]);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('en', 'countCells', { n: '12', sites: '4' })).toBe('12 cells at 4 sites');
    expect(translate('vi', 'reportRow', { n: 5 })).toBe('dòng 5');
    expect(translate('en', 'basemapUrl')).toBe('Tile URL (with {z}, {x}, {y})');
  });

  it('chooses the English singular for 1 and the plural otherwise; Vietnamese nouns stay', () => {
    expect(translate('en', 'countCells', { n: '1', sites: '1' })).toBe('1 cell at 1 site');
    expect(translate('en', 'countCells', { n: '0', sites: '1.234' })).toBe('0 cells at 1.234 sites');
    expect(translate('en', 'fibrePlanUnreachable', { n: '1' })).toBe('1 ward cannot reach the target:');
    expect(translate('vi', 'fibrePlanUnreachable', { n: '1' })).toBe('1 phường/xã/đặc khu không thể đạt mục tiêu:');
  });

  it('plural placeholders name parameters the string also shows', () => {
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(DICTIONARIES[language])) {
        for (const [, name] of text.matchAll(/\{(\w+)\|[^{}|]*\|[^{}|]*\}/g)) expect(text, key).toContain(`{${name}}`);
      }
    }
  });
});
