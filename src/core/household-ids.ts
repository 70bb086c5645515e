/**
 * Household ids kept as one text and each id's end in it (`HouseholdIds`, model.ts): how the embedded households'
 * binary form stores them (io/layer-binary.ts) and how they cross between the engine worker and the page. An id
 * is sliced from the text when it is read; nothing reads all 532,614 of them but an export.
 */
import type { HouseholdIds } from './model.ts';

/** The ids as plain data (what a structured clone keeps of a `JoinedIds`): the text, and each id's end in UTF-16 code units. */
export interface JoinedIdsData {
  text: string;
  ends: Uint32Array;
}

export class JoinedIds implements HouseholdIds {
  readonly length: number;

  /** @param ends each id's end in `text` (UTF-16 code units), non-decreasing, the last at text.length */
  constructor(
    readonly text: string,
    readonly ends: Uint32Array,
  ) {
    this.length = ends.length;
  }

  /** The id at `index`; undefined unless 0 ≤ index < length and whole (no counting from the end, unlike an array's). */
  at(index: number): string | undefined {
    if (!(Number.isInteger(index) && index >= 0 && index < this.length)) return undefined;
    return this.text.slice(index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
  }
}

/** The ids as text and ends: a `JoinedIds`' own (no copy), or an array's joined. */
export function joinIds(ids: HouseholdIds): JoinedIdsData {
  if (ids instanceof JoinedIds) return { text: ids.text, ends: ids.ends };
  const values = ids as readonly string[];
  const ends = new Uint32Array(values.length);
  let end = 0;
  for (let i = 0; i < values.length; i++) ends[i] = end += values[i].length;
  return { text: values.join(''), ends };
}

/** Every id as a string (an array's own), for code that needs them all at once (an encoder, a test). */
export function idsArray(ids: HouseholdIds): readonly string[] {
  if (Array.isArray(ids)) return ids;
  const values = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) values[i] = ids.at(i)!;
  return values;
}

/** Where id `index` begins in a `JoinedIds`' text. */
function startOf(ids: JoinedIds, index: number): number {
  return index === 0 ? 0 : ids.ends[index - 1];
}

/** The ids but those at `removed` (ascending indexes), the text rejoined from the runs between them. */
export function withoutIds(ids: JoinedIds, removed: readonly number[]): JoinedIds {
  if (removed.length === 0) return ids;
  const pieces: string[] = [];
  const ends = new Uint32Array(ids.length - removed.length);
  let kept = 0;
  let shift = 0;
  for (let r = 0, from = 0; r <= removed.length; r++) {
    const to = r < removed.length ? removed[r] : ids.length;
    for (let k = from; k < to; k++) ends[kept++] = ids.ends[k] - shift;
    pieces.push(ids.text.slice(startOf(ids, from), startOf(ids, to)));
    if (to < ids.length) shift += ids.ends[to] - startOf(ids, to);
    from = to + 1;
  }
  return new JoinedIds(pieces.join(''), ends);
}

/** Code units copied in one call of `String.fromCharCode` (its arguments go on the stack). */
const FROM_CHAR_CODE_UNITS = 8192;

/**
 * Makes a `JoinedIds` id by id without a string apiece (a province's 3 million ids as strings cost its parse more
 * in garbage collection than the parse itself, bench/HISTORY.md step 85): each id's code units are copied into a
 * typed array, bytes while every unit is ASCII (the usual ids), 16 bits from the first that is not, and the text is
 * made once at the end.
 */
export class JoinedIdsBuilder {
  private units: Uint8Array | Uint16Array;
  private ends: Uint32Array;
  private length = 0;
  private used = 0;

  /** @param capacity ids expected (more are accepted); @param unitsHint code units expected in all */
  constructor(capacity: number, unitsHint: number) {
    this.ends = new Uint32Array(Math.max(capacity, 16));
    this.units = new Uint8Array(Math.max(unitsHint, 64));
  }

  /** Appends the id written in `text` from `start` to `end` (the whole of it by default). */
  add(text: string, start = 0, end = text.length): void {
    if (this.length === this.ends.length) this.ends = grown(this.ends, this.length + 1);
    if (this.used + end - start > this.units.length) this.units = grown(this.units, this.used + end - start);
    let units = this.units;
    let at = this.used;
    let limit = units instanceof Uint8Array ? 0x80 : 0x10000;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code >= limit) {
        units = this.units = new Uint16Array(units);
        limit = 0x10000;
      }
      units[at++] = code;
    }
    this.used = at;
    this.ends[this.length++] = at;
  }

  finish(): JoinedIds {
    const units = this.units.subarray(0, this.used);
    let text: string;
    if (units instanceof Uint8Array) text = new TextDecoder().decode(units);
    else {
      // fromCharCode keeps any unit as it is (a decoder would replace a lone surrogate)
      const pieces: string[] = [];
      for (let i = 0; i < units.length; i += FROM_CHAR_CODE_UNITS) {
        pieces.push(String.fromCharCode(...units.subarray(i, i + FROM_CHAR_CODE_UNITS)));
      }
      text = pieces.join('');
    }
    return new JoinedIds(text, this.ends.subarray(0, this.length));
  }
}

/** A copy of `array` with room for at least `needed` elements (twice as many as before at least). */
function grown<T extends Uint8Array | Uint16Array | Uint32Array>(array: T, needed: number): T {
  const copy = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  copy.set(array);
  return copy;
}
