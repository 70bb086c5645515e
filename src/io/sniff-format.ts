/**
 * Which text format a layer file is in, from its name and its first characters, so that a `.geojson` whose
 * JSON root is `null` or a bare array is diagnosed as GeoJSON, not as a CSV with missing columns.
 */

export type TextFormat = 'geojson' | 'csv';

/** `.geojson` / `.json`, optionally gzipped (the app and the CLI inflate `.gz` before parsing). */
const GEOJSON_NAME = /\.(geo)?json(\.gz)?$/i;
/** A JSON object or array after an optional BOM and blanks: the only roots a GeoJSON layer can have. */
const JSON_CONTAINER_START = /^\uFEFF?\s*[{[]/;

/**
 * GeoJSON when the file is named so or its text starts with `{` or `[`; CSV otherwise (a CSV header never
 * starts with a brace or a bracket).
 *
 * @example sniffTextFormat('wards.geojson', 'null') // 'geojson'
 * @example sniffTextFormat('sites.csv', 'site_id,lon,lat') // 'csv'
 */
export function sniffTextFormat(file: string, text: string): TextFormat {
  return GEOJSON_NAME.test(file) || JSON_CONTAINER_START.test(text.slice(0, 1024)) ? 'geojson' : 'csv';
}
