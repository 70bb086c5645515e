/**
 * UI settings kept in the browser (localStorage): language, basemap and the organisation the app works for. What
 * is read back is validated field by field; anything unreadable falls back to the default rather than breaking
 * the app.
 */
import { DEFAULT_ORGANISATION, organisationName } from '../core/organisation.ts';
import { LANGUAGES, type Language } from './i18n.ts';

export type BasemapMode = 'osm' | 'custom' | 'none';
export const BASEMAP_MODES: readonly BasemapMode[] = ['osm', 'custom', 'none'];

export interface BasemapSettings {
  mode: BasemapMode;
  /** Tile URL template for `custom`, e.g. `https://tiles.example.vn/{z}/{x}/{y}.png`. */
  customUrl: string;
  customAttribution: string;
}

export interface UiSettings {
  language: Language;
  basemap: BasemapSettings;
  /** The organisation shown in the header and on reports (other cities use the tool too). */
  organisation: string;
}

export const DEFAULT_UI_SETTINGS: UiSettings = {
  language: 'vi',
  basemap: { mode: 'osm', customUrl: '', customAttribution: '' },
  organisation: DEFAULT_ORGANISATION,
};

const SETTINGS_STORAGE_KEY = 'phusong.settings.v1';

export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';

/** A usable tile URL template: http(s) or site-relative, with the {z}, {x} and {y} placeholders. */
export function isTileUrlTemplate(url: string): boolean {
  const trimmed = url.trim();
  return /^(https?:\/\/|\/)/i.test(trimmed) && ['{z}', '{x}', '{y}'].every((part) => trimmed.includes(part));
}

/** Reads stored settings; any missing or invalid field takes its default. */
export function parseStoredSettings(json: string | null): UiSettings {
  let stored: unknown = null;
  try {
    stored = json === null ? null : JSON.parse(json);
  } catch {
    stored = null;
  }
  const record = isRecord(stored) ? stored : {};
  const basemap = isRecord(record.basemap) ? record.basemap : {};
  const defaults = DEFAULT_UI_SETTINGS;
  const customUrl = typeof basemap.customUrl === 'string' ? basemap.customUrl : defaults.basemap.customUrl;
  let mode = BASEMAP_MODES.find((candidate) => candidate === basemap.mode) ?? defaults.basemap.mode;
  // a custom basemap without a usable URL would show nothing: fall back to OSM
  if (mode === 'custom' && !isTileUrlTemplate(customUrl)) mode = defaults.basemap.mode;
  return {
    language: LANGUAGES.find((language) => language === record.language) ?? defaults.language,
    basemap: {
      mode,
      customUrl,
      customAttribution:
        typeof basemap.customAttribution === 'string' ? basemap.customAttribution : defaults.basemap.customAttribution,
    },
    organisation: typeof record.organisation === 'string' ? organisationName(record.organisation) : defaults.organisation,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Loads from localStorage (unavailable storage, e.g. in private mode, gives the defaults). */
export function loadUiSettings(): UiSettings {
  try {
    return parseStoredSettings(window.localStorage.getItem(SETTINGS_STORAGE_KEY));
  } catch {
    return DEFAULT_UI_SETTINGS;
  }
}

export function saveUiSettings(settings: UiSettings): void {
  try {
    window.localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // storage full or disabled: the settings still apply for this session
  }
}
