/**
 * Which format a text layer file is in (GeoJSON, KML or CSV), from its first character and, where that cannot say,
 * its name: sniff-format.ts's rule for text, apart from its ZIP reading (fflate) so that the parsers of the
 * embedded layers, compiled at the engine worker's start, need no unzip.
 */

/** The formats a text file can be in. */
export type TextFormat = 'geojson' | 'kml' | 'csv';

/** `.geojson` / `.json`, optionally gzipped (the app and the CLI inflate `.gz` before parsing). */
const GEOJSON_NAME = /\.(geo)?json(\.gz)?$/i;
/** How far blanks are skipped looking for the first character (a longer blank start is not a layer file). */
const SNIFF_CHARS = 4096;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const LESS_THAN = 0x3c;
const BOM = 0xfeff;

/** ASCII blanks a text may start with: space, tab, LF, VT, FF, CR. */
const isBlank = (code: number): boolean => code === 0x20 || (code >= 0x09 && code <= 0x0d);

/**
 * The format a text's first character (after a BOM and blanks; −1 for none) says: `{` or `[` — the only roots a
 * GeoJSON layer can have — GeoJSON, `<` KML; otherwise GeoJSON when the file is named so, CSV else (a CSV header
 * never starts with a brace, a bracket or `<`).
 */
function formatOfFirstCharacter(code: number, file: string): TextFormat {
  if (code === OPEN_BRACE || code === OPEN_BRACKET) return 'geojson';
  if (code === LESS_THAN) return 'kml';
  return GEOJSON_NAME.test(file) ? 'geojson' : 'csv';
}

/**
 * The format of a decoded text file.
 *
 * @example sniffTextFormat('wards.geojson', 'null') // 'geojson'
 * @example sniffTextFormat('sites.csv', 'site_id,lon,lat') // 'csv'
 * @example sniffTextFormat('proposals.txt', '<?xml version="1.0"?><kml …') // 'kml'
 */
export function sniffTextFormat(file: string, text: string): TextFormat {
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  while (i < text.length && i < SNIFF_CHARS && isBlank(text.charCodeAt(i))) i++;
  return formatOfFirstCharacter(i < text.length ? text.charCodeAt(i) : -1, file);
}

/** `sniffTextFormat`'s rule on a file's bytes (a UTF-8 BOM and ASCII blanks skipped), so bytes and decoded text agree. */
export function textFormatOfBytes(file: string, bytes: Uint8Array): TextFormat {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && start < SNIFF_CHARS && isBlank(bytes[start])) start++;
  return formatOfFirstCharacter(start < bytes.length ? bytes[start] : -1, file);
}
