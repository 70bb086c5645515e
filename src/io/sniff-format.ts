/**
 * Which format a layer file is in, from its content first and its name only where the content cannot say: the
 * one detection behind the app's text imports (`sniffTextFormat`, sniff-text-format.ts) and `readLayerFile`
 * (`sniffFormat`, bytes of any supported format). A `.geojson` whose JSON root is `null` or a bare array is thus
 * diagnosed as GeoJSON, not as a CSV with missing columns, and a KML saved as `.txt` is still KML.
 */
import { unzipSync } from 'fflate';
import { isZip } from './safe-zip.ts';
import { textFormatOfBytes } from './sniff-text-format.ts';

/** Every input format phusong recognises (`xls` only to refuse it with the way out). */
export type InputFormat = 'csv' | 'geojson' | 'xlsx' | 'xls' | 'kml' | 'kmz' | 'shapefile';

/** One file of an input, as bytes (a Shapefile is several). */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
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
  return textFormatOfBytes(name, bytes);
}
