/**
 * Recognises which layer a dropped file is meant to replace, from its content first and its name second;
 * null when neither tells (the app then asks). Only the first few kilobytes are needed.
 */
import type { ImportableLayer } from '../worker/protocol.ts';
import { foldForSearch } from './search-text.ts';

const SITE_COLUMNS = ['site_id', 'azimuth_deg', 'technology', 'band_mhz', 'beamwidth_deg', 'rs_power_dbm', 'radio', 'mcc'];
const HOUSEHOLD_COLUMNS = ['household_id', 'count'];
const FIBRE_PROPERTIES = ['capacity', 'kind'];

/** OpenCelliD exports may come without a header: their rows start with the radio type. */
const OPENCELLID_ROW = /^(GSM|UMTS|LTE|NR|CDMA),\d+,\d+,/;

/** Name hints (folded, without diacritics), checked when the content does not decide. */
const NAME_HINTS: Array<[RegExp, ImportableLayer]> = [
  [/household|ho[ _-]?gia[ _-]?dinh|\bhh\b/, 'households'],
  [/fib(re|er)|cap[ _-]?quang|ftth/, 'fibre'],
  [/site|bts|cell|tram|opencellid/, 'sites'],
  [/ward|phuong|xa|commune/, 'wards'],
];

/** The layer of a file from its name and the start of its text. */
export function detectLayer(fileName: string, head: string): ImportableLayer | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const byContent = text.startsWith('{') || text.startsWith('[') ? detectGeoJson(text) : detectCsv(text);
  if (byContent !== null) return byContent;
  const name = foldForSearch(fileName.replace(/\.(gz|csv|geojson|json|txt)$/gi, ''));
  for (const [pattern, layer] of NAME_HINTS) if (pattern.test(name)) return layer;
  return null;
}

function detectGeoJson(text: string): ImportableLayer | null {
  if (/"type"\s*:\s*"(Multi)?Polygon"/.test(text)) return 'wards';
  if (/"type"\s*:\s*"(Multi)?LineString"/.test(text)) return 'fibre';
  if (!/"type"\s*:\s*"Point"/.test(text)) return null;
  const has = (names: string[]) => names.some((name) => new RegExp(`"${name}"\\s*:`, 'i').test(text));
  if (has(SITE_COLUMNS)) return 'sites';
  if (has(HOUSEHOLD_COLUMNS)) return 'households';
  if (has(FIBRE_PROPERTIES)) return 'fibre';
  return null;
}

function detectCsv(text: string): ImportableLayer | null {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (OPENCELLID_ROW.test(firstLine)) return 'sites';
  const columns = firstLine.split(/[,;\t]/).map((column) => column.trim().replace(/^"|"$/g, '').toLowerCase());
  if (columns.some((column) => SITE_COLUMNS.includes(column))) return 'sites';
  if (columns.some((column) => HOUSEHOLD_COLUMNS.includes(column))) return 'households';
  return null;
}
