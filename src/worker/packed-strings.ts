/**
 * Strings crossing the worker boundary packed: a structured clone copies each string of an array one by one
 * (≈ 0.5 s for the 532,614 household ids on the development machine, on the worker's thread and again on the
 * page's). Unique strings (household ids) cross as one long string, which the page slices back; strings from a
 * small set (ward ids) as codes into a table of the distinct ones, which the page looks up (no string to copy or
 * slice per value).
 */
import type { HouseholdPoints } from '../core/model.ts';

/** Strings joined into `text`, each one's end in UTF-16 code units, and 1 where the value was null. */
export interface PackedStrings {
  text: string;
  ends: Uint32Array;
  nulls: Uint8Array;
}

/** Strings as indexes into the table of the distinct values (null among them when present). */
export interface CodedStrings {
  table: Array<string | null>;
  codes: Uint32Array;
}

/** Household points as the worker sends them: the arrays copied (to transfer), ids packed, ward ids coded. */
export interface PackedHouseholds extends Omit<HouseholdPoints, 'ids' | 'wardId'> {
  ids: PackedStrings;
  wardId: CodedStrings;
}

/** `text`: the strings joined, when the caller has that already. */
export function packStrings(values: ReadonlyArray<string | null>, text = values.join('')): PackedStrings {
  const ends = new Uint32Array(values.length);
  const nulls = new Uint8Array(values.length);
  let end = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) nulls[i] = 1;
    else end += value.length;
    ends[i] = end;
  }
  return { text, ends, nulls };
}

export function unpackStrings({ text, ends, nulls }: PackedStrings): Array<string | null> {
  const values = new Array<string | null>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    values[i] = nulls[i] === 1 ? null : text.slice(start, ends[i]);
    start = ends[i];
  }
  return values;
}

export function codeStrings(values: ReadonlyArray<string | null>): CodedStrings {
  const codeOf = new Map<string | null, number>();
  const table: Array<string | null> = [];
  const codes = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let code = codeOf.get(value);
    if (code === undefined) {
      code = table.push(value) - 1;
      codeOf.set(value, code);
    }
    codes[i] = code;
  }
  return { table, codes };
}

export function uncodeStrings({ table, codes }: CodedStrings): Array<string | null> {
  const values = new Array<string | null>(codes.length);
  for (let i = 0; i < codes.length; i++) values[i] = table[codes[i]];
  return values;
}

/**
 * A copy of the households to send (typed arrays copied so that they can be transferred; strings packed).
 * `idsText`: the ids joined, when the caller has that already (the embedded households' ids are decoded from one
 * text, io/layer-binary.ts `joinedTextOf`: joining 532,614 strings again costs ≈ 0.1 s).
 */
export function packHouseholds(households: HouseholdPoints, idsText?: string): PackedHouseholds {
  const { ids, wardId, lon, lat, count } = households;
  return { ...households, lon: lon.slice(), lat: lat.slice(), count: count.slice(), ids: packStrings(ids, idsText), wardId: codeStrings(wardId) };
}

export function unpackHouseholds(packed: PackedHouseholds): HouseholdPoints {
  // ids were packed from strings only: no null comes back
  return { ...packed, ids: unpackStrings(packed.ids) as string[], wardId: uncodeStrings(packed.wardId) };
}

/** The buffers of packed households, to transfer. */
export function packedHouseholdBuffers({ lon, lat, count, ids, wardId }: PackedHouseholds): ArrayBuffer[] {
  return [lon.buffer, lat.buffer, count.buffer, ids.ends.buffer, ids.nulls.buffer, wardId.codes.buffer] as ArrayBuffer[];
}
