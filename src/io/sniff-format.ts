/**
 * Which format a layer file is in, from its content first and its name only where the content cannot say: the
 * one detection behind the app's text imports (`sniffTextFormat`) and `readLayerFile` (`sniffFormat`, bytes of
 * any supported format). A `.geojson` whose JSON root is `null` or a bare array is thus diagnosed as GeoJSON,
 * not as a CSV with missing columns, and a KML saved as `.txt` is still KML.
 */
import { unzipSync } from 'fflate';
import { isZip } from './safe-zip.ts';

/** The formats a text file can be in. */
export type TextFormat = 'geojson' | 'kml' | 'csv';

/** Every input format phusong recognises (`xls` only to refuse it with the way out). */
export type InputFormat = 'csv' | 'geojson' | 'xlsx' | 'xls' | 'kml' | 'kmz' | 'shapefile';

/** One file of an input, as bytes (a Shapefile is several). */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

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

/** OLE2 compound file signature: an Excel 97–2003 .xls (or another old Office file). */
export function isLegacyOfficeFile(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((byte, i) => bytes[i] === byte);
}

/**
 * The format of a file set: several files or a `.shp` are a Shapefile's parts; a ZIP is told by its entries
 * (an Excel workbook, a Shapefile, a KMZ); OLE2 is `.xls`; anything else is text, told by `sniffTextFormat`'s rule
 * on its first byte (UTF-8 BOM and ASCII blanks skipped), so bytes and decoded text always agree.
 */
export function sniffFormat(files: readonly InputFile[]): InputFormat | { error: string } {
  if (files.length === 0) return { error: 'no file' };
  if (files.length > 1 || /\.shp$/i.test(files[0].name)) return 'shapefile';
  const { bytes, name } = files[0];
  if (isLegacyOfficeFile(bytes)) return 'xls';
  if (isZip(bytes)) {
    const names: string[] = [];
    try {
      unzipSync(bytes, { filter: (entry) => (names.push(entry.name.toLowerCase()), false) });
    } catch (error) {
      return { error: `damaged ZIP archive (${(error as Error).message})` };
    }
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.some((entry) => entry.endsWith('.shp'))) return 'shapefile';
    if (names.some((entry) => entry.endsWith('.kml'))) return 'kmz';
    return { error: 'a ZIP archive with no Excel workbook, KML document or Shapefile in it' };
  }
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && start < SNIFF_CHARS && isBlank(bytes[start])) start++;
  return formatOfFirstCharacter(start < bytes.length ? bytes[start] : -1, name);
}
