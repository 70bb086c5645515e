/**
 * ESRI Shapefiles as the department's GIS keeps them: a .zip, or the .shp/.dbf/.prj/.cpg files given together.
 * Geometry by shpjs's .shp parser (rings sorted into polygons and holes, Z/M dropped to 2D); the .dbf by the
 * small dBASE III reader below, which — unlike parsedbf, shpjs's — checks the record count against the file,
 * honours the header length and the deletion flag, and decodes text by the .cpg (UTF-8, Windows-1258…). Without a
 * .cpg the text is UTF-8 when it decodes as such, else Windows-1258, and the guess is reported. Coordinates stay
 * in the file's CRS (the .prj is returned as text): read-layer-file.ts transforms them.
 */
import { parseShp } from 'shpjs';
import type { Geometry } from 'geojson';
import { unzipLimited } from './safe-zip.ts';

export interface ShapefileParts {
  /** File name of the .shp (for messages). */
  name: string;
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

export interface ShapefileReading {
  ok: true;
  features: Array<{ type: 'Feature'; geometry: Geometry | null; properties: Record<string, string | number | boolean | null> }>;
  /** The .prj text, or null when there is none. */
  prj: string | null;
  /** The text encoding used for the .dbf, and whether it was guessed (no usable .cpg). */
  encoding: string;
  encodingGuessed: boolean;
  /** Records marked deleted in the .dbf (left out, with their shapes). */
  deleted: number;
}

export type ShapefileResult = ShapefileReading | { ok: false; error: string };

/** Finds the parts of each shapefile among files (by extension, case-insensitive), in name order. */
export function shapefileParts(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): ShapefileParts[] | { error: string } {
  const shps = files.filter((file) => file.name.toLowerCase().endsWith('.shp')).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (shps.length === 0) return { error: 'no .shp file (a Shapefile needs at least its .shp and .dbf)' };
  const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes));
  return shps.map((shp) => {
    const base = shp.name.slice(0, -4).toLowerCase();
    const sibling = (extension: string) => files.find((file) => file.name.toLowerCase() === base + extension)?.bytes;
    return { name: shp.name, shp: shp.bytes, dbf: sibling('.dbf'), prj: text(sibling('.prj')), cpg: text(sibling('.cpg')) };
  });
}

/** Reads a zipped Shapefile (within the zip-bomb limits); several shapefiles in it are read as one layer. */
export function readShapefileZip(bytes: Uint8Array): ShapefileResult {
  const unzipped = unzipLimited(bytes, (name) => !name.startsWith('__MACOSX/') && /\.(shp|dbf|prj|cpg)$/i.test(name));
  if (!unzipped.ok) return unzipped;
  return readShapefiles(Object.entries(unzipped.files).map(([name, data]) => ({ name, bytes: data })));
}

/**
 * Reads the shapefiles among files as one layer, features in name order (phusong's export puts a fibre network's
 * lines and points in `fibre_lines` and `fibre_points`). They must share one coordinate system.
 */
export function readShapefiles(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): ShapefileResult {
  const parts = shapefileParts(files);
  if ('error' in parts) return { ok: false, error: parts.error };
  const readings: ShapefileReading[] = [];
  for (const part of parts) {
    const reading = readShapefile(part);
    if (!reading.ok) return reading;
    readings.push(reading);
  }
  const prjs = new Set(readings.map((reading) => (reading.prj ?? '').replace(/\s+/g, '')));
  if (prjs.size > 1) return { ok: false, error: `the layers ${parts.map((part) => part.name).join(', ')} are in different coordinate systems (.prj)` };
  const [first] = readings;
  return {
    ok: true,
    features: readings.flatMap((reading) => reading.features),
    prj: first.prj,
    encoding: first.encoding,
    encodingGuessed: readings.some((reading) => reading.encodingGuessed && reading.encoding === 'windows-1258') || first.encodingGuessed,
    deleted: readings.reduce((sum, reading) => sum + reading.deleted, 0),
  };
}

/** Reads one Shapefile from its parts. Never throws. */
export function readShapefile(parts: ShapefileParts): ShapefileResult {
  const shpProblem = checkShpHeader(parts.shp);
  if (shpProblem !== null) return { ok: false, error: `${parts.name}: ${shpProblem}` };
  let geometries: Array<Geometry | null>;
  try {
    geometries = parseShp(parts.shp, undefined) as Array<Geometry | null>;
  } catch (error) {
    return { ok: false, error: `${parts.name}: damaged .shp (${(error as Error).message})` };
  }
  let table: DbfTable = { records: geometries.map(() => ({})), deleted: [], encoding: 'utf-8', guessed: false };
  if (parts.dbf !== undefined) {
    const dbf = readDbf(parts.dbf, parts.cpg);
    if ('error' in dbf) return { ok: false, error: `${parts.name.replace(/\.shp$/i, '.dbf')}: ${dbf.error}` };
    table = dbf;
  }
  if (table.records.length !== geometries.length) {
    return {
      ok: false,
      error: `${parts.name}: the .shp holds ${geometries.length} shapes but the .dbf ${table.records.length} records; the files do not belong together or one is damaged`,
    };
  }
  const deleted = new Set(table.deleted);
  const features: ShapefileReading['features'] = [];
  geometries.forEach((geometry, k) => {
    if (!deleted.has(k)) features.push({ type: 'Feature', geometry, properties: table.records[k] });
  });
  return { ok: true, features, prj: parts.prj ?? null, encoding: table.encoding, encodingGuessed: table.guessed, deleted: deleted.size };
}

/** File code 9994 (big-endian), version 1000, and the length the header gives (16-bit words) within the file. */
function checkShpHeader(shp: Uint8Array): string | null {
  if (shp.length < 100) return 'not a .shp file (shorter than its 100-byte header)';
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== 9994 || view.getInt32(28, true) !== 1000) return 'not a .shp file (wrong file code or version)';
  const declared = view.getInt32(24, false) * 2;
  if (declared > shp.length) return `truncated .shp: the header says ${declared} bytes, the file has ${shp.length}`;
  return null;
}

interface DbfTable {
  records: Array<Record<string, string | number | boolean | null>>;
  /** Indices of records marked deleted ('*'). */
  deleted: number[];
  encoding: string;
  guessed: boolean;
}

interface DbfField {
  name: string;
  type: string;
  length: number;
  offset: number;
}

/** TextDecoder label of a .cpg's content: "UTF-8", "65001", "1258", "CP1258", "ANSI 1258", "Windows-1258"… */
export function encodingOfCpg(cpg: string): string | null {
  const text = cpg.trim().toLowerCase();
  if (text === '' ) return null;
  if (text === '65001' || /^utf-?8$/.test(text)) return 'utf-8';
  const codePage = /^(?:ansi\s*|cp\s*|windows-?)?(\d{3,4})$/.exec(text);
  const label = codePage ? `windows-${codePage[1]}` : text;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/**
 * Reads a dBASE III table (the .dbf of a Shapefile). The record count in the header must match the file: a
 * .dbf whose records were cut off, or that holds more than it says, is refused rather than read short.
 * Character fields are decoded (then NFC-normalised: Windows-1258 writes tones as combining marks) and trimmed;
 * numeric fields become numbers (empty → null), logical fields booleans, dates `YYYY-MM-DD`.
 */
export function readDbf(dbf: Uint8Array, cpg: string | undefined): DbfTable | { error: string } {
  if (dbf.length < 33) return { error: 'not a dBASE file (too short)' };
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: DbfField[] = [];
  let offset = 1; // the deletion flag comes first
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const nameEnd = dbf.subarray(at, at + 11).indexOf(0);
    const name = new TextDecoder('latin1').decode(dbf.subarray(at, at + (nameEnd === -1 ? 11 : nameEnd))).trim();
    const field = { name, type: String.fromCharCode(dbf[at + 11]).toUpperCase(), length: dbf[at + 16], offset };
    fields.push(field);
    offset += field.length;
  }
  if (fields.length === 0 || headerLength < 32 * fields.length + 33 || headerLength > dbf.length) {
    return { error: 'not a dBASE file (bad header)' };
  }
  if (offset !== recordLength) {
    return { error: `damaged dBASE header: the fields add up to ${offset} bytes per record but the header says ${recordLength}` };
  }
  const present = Math.floor((dbf.length - headerLength) / recordLength);
  if (present !== count) {
    return {
      error:
        present < count
          ? `the header says ${count} records but the file holds only ${present}: it was cut short`
          : `the header says ${count} records but the file holds ${present}: the record count is wrong`,
    };
  }
  const given = cpg === undefined ? null : encodingOfCpg(cpg);
  let encoding = given ?? 'utf-8';
  const body = dbf.subarray(headerLength, headerLength + count * recordLength);
  if (given === null) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      encoding = 'windows-1258';
    }
  }
  const decoder = new TextDecoder(encoding);
  const records: DbfTable['records'] = [];
  const deleted: number[] = [];
  for (let k = 0; k < count; k++) {
    const start = headerLength + k * recordLength;
    if (dbf[start] === 0x2a) deleted.push(k);
    const record: Record<string, string | number | boolean | null> = {};
    for (const field of fields) {
      const raw = dbf.subarray(start + field.offset, start + field.offset + field.length);
      record[field.name] = fieldValue(field.type, decoder.decode(raw).replace(/\0/g, '').trim().normalize('NFC'));
    }
    records.push(record);
  }
  return { records, deleted, encoding, guessed: given === null };
}

function fieldValue(type: string, text: string): string | number | boolean | null {
  switch (type) {
    case 'N':
    case 'F': {
      if (text === '' || /^\*+$/.test(text)) return null;
      const value = Number(text);
      return Number.isFinite(value) ? value : text;
    }
    case 'L':
      return /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
    case 'D':
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text === '' ? null : text;
    default:
      return text;
  }
}
