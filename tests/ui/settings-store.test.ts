import { describe, expect, it } from 'vitest';
import { DEFAULT_UI_SETTINGS, isTileUrlTemplate, parseStoredSettings } from '../../src/ui/settings-store.ts';

describe('stored UI settings', () => {
  it('falls back to the defaults for missing or unreadable storage', () => {
    expect(parseStoredSettings(null)).toEqual(DEFAULT_UI_SETTINGS);
    expect(parseStoredSettings('{not json')).toEqual(DEFAULT_UI_SETTINGS);
    expect(parseStoredSettings('[1,2]')).toEqual(DEFAULT_UI_SETTINGS);
  });

  it('reads back valid settings', () => {
    const stored = {
      language: 'en',
      basemap: { mode: 'custom', customUrl: 'https://tiles.example.vn/{z}/{x}/{y}.png', customAttribution: '© Sở KH&CN' },
      organisation: 'Sở Khoa học và Công nghệ thành phố Đà Nẵng',
    };
    expect(parseStoredSettings(JSON.stringify(stored))).toEqual(stored);
  });

  it('replaces invalid fields one by one', () => {
    const settings = parseStoredSettings(JSON.stringify({ language: 'fr', basemap: { mode: 'none', customUrl: 5 } }));
    expect(settings.language).toBe('vi');
    expect(settings.basemap.mode).toBe('none');
    expect(settings.basemap.customUrl).toBe('');
  });

  it('names the organisation Sở Khoa học và Công nghệ thành phố Hải Phòng by default, and never leaves it empty', () => {
    expect(DEFAULT_UI_SETTINGS.organisation).toBe('Sở Khoa học và Công nghệ thành phố Hải Phòng');
    expect(parseStoredSettings(JSON.stringify({ language: 'en' })).organisation).toBe('Sở Khoa học và Công nghệ thành phố Hải Phòng');
    expect(parseStoredSettings(JSON.stringify({ organisation: '   ' })).organisation).toBe('Sở Khoa học và Công nghệ thành phố Hải Phòng');
    expect(parseStoredSettings(JSON.stringify({ organisation: 42 })).organisation).toBe('Sở Khoa học và Công nghệ thành phố Hải Phòng');
    expect(parseStoredSettings(JSON.stringify({ organisation: `  ${'x'.repeat(300)}` })).organisation).toBe('x'.repeat(160));
  });

  it('does not keep a custom basemap without a usable URL', () => {
    const settings = parseStoredSettings(JSON.stringify({ basemap: { mode: 'custom', customUrl: 'javascript:alert(1)' } }));
    expect(settings.basemap.mode).toBe('osm');
  });
});

describe('isTileUrlTemplate', () => {
  it('wants http(s) or a site path with {z}, {x} and {y}', () => {
    expect(isTileUrlTemplate('https://a.tile.example/{z}/{x}/{y}.png')).toBe(true);
    expect(isTileUrlTemplate('/tiles/{z}/{x}/{y}.png')).toBe(true);
    expect(isTileUrlTemplate('https://a.tile.example/{z}/{x}.png')).toBe(false);
    expect(isTileUrlTemplate('javascript:{z}{x}{y}')).toBe(false);
    expect(isTileUrlTemplate('')).toBe(false);
  });
});
