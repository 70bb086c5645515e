/**
 * The embedded merged city's layers, read from data/ by the app's own parsers once per test worker: the test files
 * of a worker share one module graph (vite.config.ts, `isolate: false`), so the 532,614-household CSV is parsed
 * once there instead of once per file (≈ 1.5 s each). The values are shared: treat them as read-only.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../../src/core/model.ts';
import type { ImportResult } from '../../src/io/import-result.ts';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { parseWards } from '../../src/io/parse-wards.ts';

/** `make()` on the first call, its value on every later one. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

/** The text of data/households.csv.gz. */
export const householdsText = once(() => gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8'));
/** parseHouseholds of data/households.csv.gz (file name 'households.csv.gz'): the households and the import report. */
export const householdsImport = once((): ImportResult<HouseholdPoints> => parseHouseholds(householdsText(), 'households.csv.gz'));
/** The text of data/sites.csv. */
export const sitesText = once(() => readFileSync('data/sites.csv', 'utf8'));
/** parseSites of data/sites.csv (file name 'sites.csv'). */
export const sitesImport = once((): ImportResult<Cell[]> => parseSites(sitesText(), 'sites.csv'));
/** The text of data/fibre.geojson. */
export const fibreText = once(() => readFileSync('data/fibre.geojson', 'utf8'));
/** parseFibre of data/fibre.geojson (file name 'fibre.geojson'). */
export const fibreImport = once((): ImportResult<FibreNetwork> => parseFibre(fibreText(), 'fibre.geojson'));

const wardsOf = (file: string): Ward[] => parseWards(readFileSync(`data/${file}`, 'utf8'), file).data;
/** The 114 units of 2025 (data/hp2025_wards_polygons.geojson). */
export const units2025 = once(() => wardsOf('hp2025_wards_polygons.geojson'));
/** The 488 communes of 2019 of both former provinces, as their polygon files hold them (Bạch Long Vĩ has none). */
export const communes2019 = once(() => [...wardsOf('hp_wards_polygons.geojson'), ...wardsOf('hd_wards_polygons.geojson')]);
