/**
 * The compact binary form of an embedded layer (households, sites, fibre): the layer as its parser reads it from
 * the text file, laid out as typed-array columns that the engine worker reads at start without parsing any text.
 * `npm run generate-data` writes it (gzipped: `data/*.bin.gz`) next to the text file it was made from; the text
 * files stay the human-readable, attributed sources, read by the app and the CLI (`--dataset embedded`) when the
 * binary form is missing, unusable or made from other bytes. docs/data-formats.md ("Compact binary form") documents
 * the layout:
 *
 *   bytes 0–3    magic "PHSB"
 *   bytes 4–7    format version (u32, `LAYER_BINARY_VERSION`)
 *   bytes 8–11   payload length in bytes (u32)
 *   bytes 12–15  FNV-1a 32-bit hash of the payload (u32)
 *   payload      u32 length of the directory, the directory (UTF-8 JSON: layer, source file, import report,
 *                record count, columns), zero padding to a multiple of 8, then each column's block(s) at the
 *                8-byte-aligned offsets the directory gives (relative to the payload's start)
 *
 * Every integer is little-endian. Column kinds: `f64` (Float64Array; NaN stands for null), `fixed` (Int32Array of
 * value × 10^decimals: a value with at most 6 decimals, as the text files write them, comes back as the same
 * double, since both the parser and the division round the same decimal number to the nearest double — the
 * encoder checks every value; stored as differences from the previous integer, wrapping in 32 bits, so that
 * neighbours' small differences compress), `u32` (Uint32Array), `codes` (Int32Array of indexes into the
 * directory's string table, −1 for null) and `text` (a Uint32Array of each string's length in UTF-16 code units,
 * then the UTF-8 bytes of all strings joined).
 *
 * Decoding checks the magic, the version, the length, the hash, the layer and every column's bounds and counts,
 * and throws a `LayerBinaryError` saying what is wrong, so that the app falls back to the text file.
 */
import { idsArray, JoinedIds, type JoinedIdsData } from '../core/household-ids.ts';
import type { AccessNode, Cell, FibreNetwork, FibreRoute, HouseholdIds, HouseholdPoints } from '../core/model.ts';
import type { ImportResult } from './import-result.ts';

export const LAYER_BINARY_MAGIC = 'PHSB';
/** Raised whenever the layout or the meaning of a column changes: an app reads only its own version. */
export const LAYER_BINARY_VERSION = 1;
const HEADER_BYTES = 16;
const MAX_DECIMALS = 6;

/** The layers with a binary form. */
export type BinaryLayer = 'households' | 'sites' | 'fibre';

/** A layer's import as its parser gave it (the binary form keeps the report as well as the data). */
export type BinaryLayerImport =
  | { layer: 'households'; result: ImportResult<HouseholdPoints> }
  | { layer: 'sites'; result: ImportResult<Cell[]> }
  | { layer: 'fibre'; result: ImportResult<FibreNetwork> };

/** The text file a binary form was made from: its name, its size and its FNV-1a hash (what a stale file lacks). */
export interface BinarySource {
  file: string;
  bytes: number;
  fnv1a: number;
}

/** A binary form the app must not use: damaged, of another version, or of another layer. */
export class LayerBinaryError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LayerBinaryError';
  }
}

type ColumnKind = 'f64' | 'fixed' | 'u32' | 'codes' | 'text';

interface ColumnEntry {
  name: string;
  kind: ColumnKind;
  /** Values in the column. */
  length: number;
  /** Where the (first) block starts, bytes from the payload's start, a multiple of 8. */
  offset: number;
  /** `fixed`: the power of ten the integers (stored as differences from the previous one) are scaled by. */
  decimals?: number;
  /** `codes`: the strings the codes index. */
  table?: string[];
  /** `text`: where the UTF-8 bytes start and how many there are. */
  textOffset?: number;
  textBytes?: number;
}

interface Directory {
  layer: BinaryLayer;
  source: BinarySource;
  report: Omit<ImportResult<unknown>, 'data'>;
  /** Key order of each record set (sites' cells, fibre routes and nodes), as the parser builds the objects. */
  keys: Record<string, string[]>;
  columns: ColumnEntry[];
}

/** FNV-1a, 32 bits, over bytes (http://www.isthe.com/chongo/tech/comp/fnv/): a cheap check against damage. */
export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}

/** Whether the bytes start with the binary form's magic (after any gzip is inflated). */
export function isLayerBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) === LAYER_BINARY_MAGIC;
}

// ---- encoding (npm run generate-data)

/** A column's values before they are laid out. */
type ColumnData =
  | { kind: 'f64'; values: Float64Array }
  | { kind: 'fixed'; values: Int32Array; decimals: number }
  | { kind: 'u32'; values: Uint32Array }
  | { kind: 'codes'; values: Int32Array; table: string[] }
  | { kind: 'text'; lengths: Uint32Array; utf8: Uint8Array };

/** Numbers (null allowed) as `fixed` when every one round-trips with ≤ 6 decimals in 32 bits, else `f64`. */
function numberColumn(values: ArrayLike<number | null>): ColumnData {
  let hasNull = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) hasNull = true;
    else if (Number.isNaN(value)) throw new Error('layer-binary: NaN is the f64 columns\' null and cannot be a value');
  }
  if (!hasNull) {
    for (let decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
      const fixed = fixedColumn(values as ArrayLike<number>, decimals);
      if (fixed !== null) return fixed;
    }
  }
  return { kind: 'f64', values: Float64Array.from(values as ArrayLike<number | null>, (value) => value ?? NaN) };
}

function fixedColumn(values: ArrayLike<number>, decimals: number): ColumnData | null {
  const scale = 10 ** decimals;
  const deltas = new Int32Array(values.length);
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const integer = Math.round(values[i] * scale);
    if (integer !== (integer | 0) || integer / scale !== values[i]) return null;
    // deltas (wrapping in 32 bits, undone exactly by the decoder's wrapping sum): neighbours' are small and compress
    deltas[i] = (integer - previous) | 0;
    previous = integer;
  }
  return { kind: 'fixed', values: deltas, decimals };
}

/** Strings (null allowed) as `codes` into a table when they repeat or may be null, else as `text`. */
function stringColumn(values: ReadonlyArray<string | null>): ColumnData {
  const distinct = new Set(values);
  if (distinct.has(null) || distinct.size * 2 <= values.length) {
    const table = [...distinct].filter((value): value is string => value !== null).sort();
    const codeOf = new Map(table.map((value, code) => [value, code]));
    return { kind: 'codes', values: Int32Array.from(values, (value) => (value === null ? -1 : codeOf.get(value)!)), table };
  }
  return { kind: 'text', lengths: Uint32Array.from(values, (value) => value!.length), utf8: new TextEncoder().encode(values.join('')) };
}

/** One column per key of flat records whose values are all numbers-or-null or all strings-or-null. */
function recordColumns(prefix: string, records: ReadonlyArray<object>, keys: readonly string[]): Array<[string, ColumnData]> {
  return keys.map((key) => {
    const values = records.map((record) => (record as Record<string, unknown>)[key] as string | number | null);
    const strings = values.some((value) => typeof value === 'string');
    if (values.some((value) => value !== null && typeof value !== (strings ? 'string' : 'number'))) {
      throw new Error(`layer-binary: ${prefix}.${key} mixes kinds of values`);
    }
    return [`${prefix}.${key}`, strings ? stringColumn(values as Array<string | null>) : numberColumn(values as Array<number | null>)];
  });
}

const keysOf = (records: ReadonlyArray<object>): string[] => (records.length === 0 ? [] : Object.keys(records[0]));

/** The columns of a layer's data, and the key order of its record sets. */
function layerColumns(parsed: BinaryLayerImport): { columns: Array<[string, ColumnData]>; keys: Record<string, string[]> } {
  switch (parsed.layer) {
    case 'households': {
      const { ids, lon, lat, count, wardId } = parsed.result.data;
      return {
        columns: [['ids', stringColumn(idsArray(ids))], ['lon', numberColumn(lon)], ['lat', numberColumn(lat)], ['count', { kind: 'u32', values: count }], ['wardId', stringColumn(wardId)]],
        keys: {},
      };
    }
    case 'sites': {
      const keys = keysOf(parsed.result.data);
      return { columns: recordColumns('cell', parsed.result.data, keys), keys: { cell: keys } };
    }
    case 'fibre': {
      const { routes, nodes } = parsed.result.data;
      const routeKeys = keysOf(routes).filter((key) => key !== 'lines');
      const nodeKeys = keysOf(nodes);
      const parts = Uint32Array.from(routes, (route) => route.lines.length);
      const lines = routes.flatMap((route) => route.lines);
      const points = Uint32Array.from(lines, (line) => line.length);
      const positions = lines.flat();
      if (positions.some((position) => position.length !== 2)) throw new Error('layer-binary: fibre positions must be [lon, lat]');
      return {
        columns: [
          ...recordColumns('route', routes, routeKeys),
          ['route.parts', { kind: 'u32', values: parts }],
          ['part.points', { kind: 'u32', values: points }],
          ['point.lon', numberColumn(positions.map((position) => position[0]))],
          ['point.lat', numberColumn(positions.map((position) => position[1]))],
          ...recordColumns('node', nodes, nodeKeys),
        ],
        keys: { route: keysOf(routes), node: nodeKeys },
      };
    }
  }
}

const align8 = (offset: number): number => Math.ceil(offset / 8) * 8;

/**
 * The binary form of a parsed layer made from `source` (not gzipped: the generator gzips it). Deterministic: the
 * same import gives the same bytes. Throws when a value cannot be kept exactly.
 */
export function encodeLayerBinary(parsed: BinaryLayerImport, source: BinarySource): Uint8Array {
  const { data: _data, ...report } = parsed.result;
  const { columns, keys } = layerColumns(parsed);
  // the directory's own length moves the blocks: lay the blocks out after a directory sized with provisional offsets
  const lay = (directoryBytes: number): { entries: ColumnEntry[]; end: number } => {
    let offset = align8(4 + directoryBytes);
    const entries = columns.map(([name, column]): ColumnEntry => {
      const entry: ColumnEntry = { name, kind: column.kind, length: column.kind === 'text' ? column.lengths.length : column.values.length, offset };
      if (column.kind === 'text') {
        entry.textOffset = align8(offset + column.lengths.byteLength);
        entry.textBytes = column.utf8.length;
        offset = align8(entry.textOffset + column.utf8.length);
        return entry;
      }
      if (column.kind === 'fixed') entry.decimals = column.decimals;
      if (column.kind === 'codes') entry.table = column.table;
      offset = align8(offset + column.values.byteLength);
      return entry;
    });
    return { entries, end: offset };
  };
  const encoder = new TextEncoder();
  const directoryOf = (entries: ColumnEntry[]): Uint8Array =>
    encoder.encode(JSON.stringify({ layer: parsed.layer, source, report, keys, columns: entries } satisfies Directory));
  let directory = directoryOf(lay(0).entries);
  // offsets are numbers in the JSON: settle when the directory's length stops changing
  for (;;) {
    const next = directoryOf(lay(directory.length).entries);
    if (next.length === directory.length) {
      directory = next;
      break;
    }
    directory = next;
  }
  const { entries, end } = lay(directory.length);
  const payload = new Uint8Array(end);
  new DataView(payload.buffer).setUint32(0, directory.length, true);
  payload.set(directory, 4);
  columns.forEach(([, column], i) => {
    const entry = entries[i];
    if (column.kind === 'text') {
      payload.set(new Uint8Array(column.lengths.buffer, column.lengths.byteOffset, column.lengths.byteLength), entry.offset);
      payload.set(column.utf8, entry.textOffset!);
    } else {
      payload.set(new Uint8Array(column.values.buffer, column.values.byteOffset, column.values.byteLength), entry.offset);
    }
  });
  const file = new Uint8Array(HEADER_BYTES + payload.length);
  const header = new DataView(file.buffer);
  for (let i = 0; i < 4; i++) file[i] = LAYER_BINARY_MAGIC.charCodeAt(i);
  header.setUint32(4, LAYER_BINARY_VERSION, true);
  header.setUint32(8, payload.length, true);
  header.setUint32(12, fnv1a(payload), true);
  file.set(payload, HEADER_BYTES);
  return file;
}

// ---- decoding (the engine worker)

/** Column values read from the payload, each checked against the payload's bounds. */
class ColumnReader {
  private readonly byName: Map<string, ColumnEntry>;

  /** @param memory where the arrays handed out are made (`DecodeOptions.shared`) */
  constructor(
    private readonly payload: Uint8Array,
    columns: ColumnEntry[],
    private readonly memory: (bytes: number) => ArrayBuffer | SharedArrayBuffer,
  ) {
    this.byName = new Map(columns.map((column) => [column.name, column]));
  }

  /** The kind of a column the directory lists. */
  kindOf(name: string): ColumnEntry['kind'] {
    return this.entry(name, null).kind;
  }

  private entry(name: string, length: number | null): ColumnEntry {
    const entry = this.byName.get(name);
    if (entry === undefined) throw new LayerBinaryError(`column ${name} is missing`);
    if (length !== null && entry.length !== length) throw new LayerBinaryError(`column ${name} holds ${entry.length} values, not ${length}`);
    return entry;
  }

  /** The bytes of a block of `count` elements of `size` bytes at `offset`, after checking it lies in the payload. */
  private bytesOf(name: string, offset: number, count: number, size: number): { buffer: ArrayBuffer; start: number } {
    if (!Number.isInteger(offset) || offset % 8 !== 0 || offset < 0 || offset + count * size > this.payload.length) {
      throw new LayerBinaryError(`column ${name} lies outside the file`);
    }
    return { buffer: this.payload.buffer as ArrayBuffer, start: this.payload.byteOffset + offset };
  }

  /** A copy of a block (the column handed out: its own buffer, which the app transfers or shares between threads). */
  private block<T>(name: string, offset: number, count: number, make: (buffer: ArrayBuffer | SharedArrayBuffer, offset: number, count: number) => T, size: number): T {
    const { buffer, start } = this.bytesOf(name, offset, count, size);
    const copy = this.memory(count * size);
    new Uint8Array(copy).set(new Uint8Array(buffer, start, count * size));
    return make(copy, 0, count);
  }

  /**
   * A block read in place, without a copy (a column read once into other values), where its bytes are aligned
   * to its elements in the payload's buffer; a copy elsewhere.
   */
  private view<T>(name: string, offset: number, count: number, make: (buffer: ArrayBuffer, offset: number, count: number) => T, size: number): T {
    const { buffer, start } = this.bytesOf(name, offset, count, size);
    return start % size === 0 ? make(buffer, start, count) : make(buffer.slice(start, start + count * size), 0, count);
  }

  /** Numbers of an `f64` or `fixed` column (NaN where the `f64` column holds null). */
  numbers(name: string, length: number | null = null): Float64Array {
    const entry = this.entry(name, length);
    if (entry.kind === 'f64') return this.block(name, entry.offset, entry.length, (b, o, n) => new Float64Array(b, o, n), 8);
    if (entry.kind !== 'fixed' || !Number.isInteger(entry.decimals) || entry.decimals! < 0 || entry.decimals! > MAX_DECIMALS) {
      throw new LayerBinaryError(`column ${name} is not a number column`);
    }
    const deltas = this.view(name, entry.offset, entry.length, (b, o, n) => new Int32Array(b, o, n), 4);
    const scale = 10 ** entry.decimals!;
    const values = new Float64Array(this.memory(deltas.length * Float64Array.BYTES_PER_ELEMENT));
    let integer = 0;
    for (let i = 0; i < deltas.length; i++) {
      integer = (integer + deltas[i]) | 0;
      values[i] = integer / scale;
    }
    return values;
  }

  counts(name: string, length: number | null = null): Uint32Array {
    const entry = this.entry(name, length);
    if (entry.kind !== 'u32') throw new LayerBinaryError(`column ${name} is not a count column`);
    return this.block(name, entry.offset, entry.length, (b, o, n) => new Uint32Array(b, o, n), 4);
  }

  /** Strings (null where a `codes` column holds −1). */
  strings(name: string, length: number | null = null): Array<string | null> {
    const entry = this.entry(name, length);
    if (entry.kind === 'codes') {
      const table = entry.table;
      if (!Array.isArray(table) || table.some((value) => typeof value !== 'string')) throw new LayerBinaryError(`column ${name} has no string table`);
      const codes = this.view(name, entry.offset, entry.length, (b, o, n) => new Int32Array(b, o, n), 4);
      const values = new Array<string | null>(codes.length);
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i];
        if (code < -1 || code >= table.length) throw new LayerBinaryError(`column ${name}: code ${code} outside its table`);
        values[i] = code === -1 ? null : table[code];
      }
      return values;
    }
    if (entry.kind !== 'text') throw new LayerBinaryError(`column ${name} is not a string column`);
    const { text, ends } = this.joined(name, length);
    const values = new Array<string>(ends.length);
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      values[i] = text.slice(start, ends[i]);
      start = ends[i];
    }
    return values;
  }

  /** A `text` column as its one text and each string's end in it (no string made per value). */
  joined(name: string, length: number | null = null): JoinedIdsData {
    const entry = this.entry(name, length);
    if (entry.kind !== 'text') throw new LayerBinaryError(`column ${name} is not a text column`);
    const lengths = this.view(name, entry.offset, entry.length, (b, o, n) => new Uint32Array(b, o, n), 4);
    const utf8 = this.view(name, entry.textOffset ?? -1, entry.textBytes ?? 0, (b, o, n) => new Uint8Array(b, o, n), 1);
    // one decode for the whole column
    const text = new TextDecoder('utf-8', { fatal: true }).decode(utf8);
    const ends = new Uint32Array(this.memory(lengths.length * Uint32Array.BYTES_PER_ELEMENT));
    let end = 0;
    for (let i = 0; i < lengths.length; i++) {
      end += lengths[i];
      if (end > text.length) throw new LayerBinaryError(`column ${name}: string ${i} outside its text`);
      ends[i] = end;
    }
    if (end !== text.length) throw new LayerBinaryError(`column ${name}: the string lengths do not add up to its text`);
    return { text, ends };
  }

  /** Records with the directory's keys in order, each key read from its column (`skip`: keys filled by the caller). */
  records<T>(prefix: string, keys: readonly string[], length: number | null, skip: readonly string[] = []): T[] {
    const columns = keys.map((key) => {
      if (skip.includes(key)) return null;
      const kind = this.entry(`${prefix}.${key}`, length).kind;
      if (kind === 'codes' || kind === 'text') return this.strings(`${prefix}.${key}`, length);
      const numbers = this.numbers(`${prefix}.${key}`, length);
      // a loop rather than Array.from(numbers, mapper), which walks the typed array through its iterator
      const values = new Array<number | null>(numbers.length);
      for (let i = 0; i < numbers.length; i++) values[i] = Number.isNaN(numbers[i]) ? null : numbers[i];
      return values;
    });
    const count = length ?? this.entry(`${prefix}.${keys.find((key) => !skip.includes(key))}`, null).length;
    // every record copied from one with all the keys, then filled: objects made with their final shape (a key added
    // to each in turn walks the shapes' transitions, 19 times per cell of a city)
    const template: Record<string, unknown> = {};
    for (const key of keys) template[key] = null;
    const records = new Array<T>(count);
    for (let i = 0; i < count; i++) records[i] = { ...template } as T;
    keys.forEach((key, k) => {
      const column = columns[k];
      if (column !== null) for (let i = 0; i < count; i++) (records[i] as Record<string, unknown>)[key] = column[i];
    });
    return records;
  }
}

/** The directory and a reader of the payload's columns, after every check of the header. */
function openBinary(bytes: Uint8Array, layer: BinaryLayer, options: DecodeOptions): { directory: Directory; reader: ColumnReader } {
  if (!isLayerBinary(bytes) || bytes.length < HEADER_BYTES) throw new LayerBinaryError('not a phusong binary layer file');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new LayerBinaryError('this platform is big-endian; the binary form is little-endian');
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const version = header.getUint32(4, true);
  if (version !== LAYER_BINARY_VERSION) throw new LayerBinaryError(`format version ${version}, this app reads version ${LAYER_BINARY_VERSION} (regenerate with npm run generate-data)`);
  const payloadBytes = header.getUint32(8, true);
  if (bytes.length !== HEADER_BYTES + payloadBytes) throw new LayerBinaryError(`${bytes.length} bytes instead of ${HEADER_BYTES + payloadBytes} (truncated or padded)`);
  const payload = bytes.subarray(HEADER_BYTES);
  if (fnv1a(payload) !== header.getUint32(12, true)) throw new LayerBinaryError('checksum mismatch: the file is damaged');
  const directoryBytes = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0, true);
  if (4 + directoryBytes > payload.length) throw new LayerBinaryError('directory outside the file');
  let directory: Directory;
  try {
    directory = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(4, 4 + directoryBytes))) as Directory;
  } catch {
    throw new LayerBinaryError('unreadable directory');
  }
  if (directory?.layer !== layer) throw new LayerBinaryError(`a ${String(directory?.layer)} layer, not ${layer}`);
  if (!Array.isArray(directory.columns) || typeof directory.report !== 'object' || directory.report === null || typeof directory.keys !== 'object') {
    throw new LayerBinaryError('incomplete directory');
  }
  const memory = options.shared ? (bytes: number) => new SharedArrayBuffer(bytes) : (bytes: number) => new ArrayBuffer(bytes);
  return { directory, reader: new ColumnReader(payload, directory.columns, memory) };
}

/**
 * The households' ids: kept joined (`JoinedIds`) from a `text` column, the form the encoder gives unique ids; a
 * `codes` column (repeated ids, which the parser never lets through) read as strings.
 */
function readIds(reader: ColumnReader): HouseholdIds {
  if (reader.kindOf('ids') === 'text') {
    const { text, ends } = reader.joined('ids');
    return new JoinedIds(text, ends);
  }
  const ids = reader.strings('ids');
  if (ids.includes(null)) throw new LayerBinaryError('column ids holds a null');
  return ids as string[];
}

/** The fibre routes' lines from the part and point counts and the positions. */
function readLines(reader: ColumnReader, routeCount: number): Array<FibreRoute['lines']> {
  const parts = reader.counts('route.parts', routeCount);
  const points = reader.counts('part.points');
  const lon = reader.numbers('point.lon');
  const lat = reader.numbers('point.lat', lon.length);
  let partSum = 0;
  for (const count of parts) partSum += count;
  let pointSum = 0;
  for (const count of points) pointSum += count;
  if (partSum !== points.length || pointSum !== lon.length) throw new LayerBinaryError('fibre lines: part and point counts disagree with the positions');
  const lines: Array<FibreRoute['lines']> = [];
  let part = 0;
  let point = 0;
  for (const partCount of parts) {
    const route: FibreRoute['lines'] = [];
    for (let p = 0; p < partCount; p++, part++) {
      const line = new Array<[number, number]>(points[part]);
      for (let k = 0; k < points[part]; k++, point++) line[k] = [lon[point], lat[point]];
      route.push(line);
    }
    lines.push(route);
  }
  return lines;
}

export interface DecodeOptions {
  /**
   * The households' typed arrays (lon, lat, count and the ids' ends) over `SharedArrayBuffer`s: another thread is
   * then sent them shared rather than copied (a structured clone copies a plain buffer's megabytes, or detaches it).
   * The app's engine worker asks for them where the page is cross-origin isolated. The other layers hand out no
   * typed array, so they ignore it (their columns are read into plain memory and made into records).
   */
  shared?: boolean;
}

/**
 * The layer's import (data and the text file's report, as its parser gave them) from its binary form; throws a
 * `LayerBinaryError` when the bytes are not a sound binary form of `layer` in this version.
 */
export function decodeLayerBinary(bytes: Uint8Array, layer: BinaryLayer, options: DecodeOptions = {}): BinaryLayerImport & { source: BinarySource } {
  const { directory, reader } = openBinary(bytes, layer, { shared: layer === 'households' && options.shared === true });
  const { report, source, keys } = directory;
  switch (layer) {
    case 'households': {
      const ids = readIds(reader);
      const length = ids.length;
      const data: HouseholdPoints = {
        length,
        ids,
        lon: reader.numbers('lon', length),
        lat: reader.numbers('lat', length),
        count: reader.counts('count', length),
        wardId: reader.strings('wardId', length),
      };
      return { layer, source, result: { ...report, data } };
    }
    case 'sites': {
      const cellKeys = keys.cell ?? [];
      const cells = cellKeys.length === 0 ? [] : reader.records<Cell>('cell', cellKeys, null);
      return { layer, source, result: { ...report, data: cells } };
    }
    case 'fibre': {
      const routeKeys = keys.route ?? [];
      const nodeKeys = keys.node ?? [];
      const routes = routeKeys.length === 0 ? [] : reader.records<FibreRoute>('route', routeKeys, null, ['lines']);
      readLines(reader, routes.length).forEach((lines, i) => (routes[i].lines = lines));
      const nodes = nodeKeys.length === 0 ? [] : reader.records<AccessNode>('node', nodeKeys, null);
      return { layer, source, result: { ...report, data: { routes, nodes } } };
    }
  }
}
