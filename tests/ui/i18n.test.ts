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
});
