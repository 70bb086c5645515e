/**
 * Column maps the user made in the mapping dialog, remembered per layer and header set in localStorage: the next
 * file with the same headers (in any order, any case) is read with the same map without asking again.
 */
import { foldForSearch } from '../search-text.ts';

const STORAGE_KEY = 'phusong.column-maps.v1';
/** Header sets remembered at most (the oldest are forgotten first). */
const MAX_REMEMBERED = 50;

type ColumnMaps = Record<string, Record<string, string>>;

/** The key of a header set for a layer: its headers folded, sorted and joined. */
export function headerSetKey(layer: string, header: readonly string[]): string {
  const cells = header.map((cell) => foldForSearch(cell)).filter((cell) => cell !== '');
  return `${layer}:${[...new Set(cells)].sort().join('\u241f')}`;
}

function readAll(): ColumnMaps {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ColumnMaps) : {};
  } catch {
    return {};
  }
}

/** The map remembered for this layer and header set; only entries naming a header the file has. */
export function rememberedColumnMap(layer: string, header: readonly string[]): Record<string, string> {
  const stored = readAll()[headerSetKey(layer, header)];
  if (typeof stored !== 'object' || stored === null) return {};
  const present = new Set(header.map((cell) => cell.trim().toLowerCase()));
  return Object.fromEntries(
    Object.entries(stored).filter(([field, source]) => typeof field === 'string' && typeof source === 'string' && present.has(source.trim().toLowerCase())),
  );
}

/** Remembers a map for this layer and header set (an empty map forgets it). */
export function rememberColumnMap(layer: string, header: readonly string[], map: Record<string, string>): void {
  const all = readAll();
  const key = headerSetKey(layer, header);
  delete all[key];
  if (Object.keys(map).length > 0) all[key] = map;
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[old];
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // storage full or disabled: the map still applies to this import
  }
}
