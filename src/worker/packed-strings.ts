/**
 * Strings crossing the worker boundary packed as one string: a structured clone copies each string of an array
 * one by one (≈ 0.5 s for the 532,614 household ids on the development machine, on the worker's thread and again
 * on the page's), one long string at once (≈ 0.05 s), and the page slices it back.
 */
import type { HouseholdPoints } from '../core/model.ts';

/** Strings joined into `text`, each one's end in UTF-16 code units, and 1 where the value was null. */
export interface PackedStrings {
  text: string;
  ends: Uint32Array;
  nulls: Uint8Array;
}

/** Household points as the worker sends them: the arrays copied (to transfer), ids and ward ids packed. */
export interface PackedHouseholds extends Omit<HouseholdPoints, 'ids' | 'wardId'> {
  ids: PackedStrings;
  wardId: PackedStrings;
}

export function packStrings(values: ReadonlyArray<string | null>): PackedStrings {
  const ends = new Uint32Array(values.length);
  const nulls = new Uint8Array(values.length);
  let end = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) nulls[i] = 1;
    else end += value.length;
    ends[i] = end;
  }
  return { text: values.join(''), ends, nulls };
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

/** A copy of the households to send (typed arrays copied so that they can be transferred; strings packed). */
export function packHouseholds(households: HouseholdPoints): PackedHouseholds {
  const { ids, wardId, lon, lat, count } = households;
  return { ...households, lon: lon.slice(), lat: lat.slice(), count: count.slice(), ids: packStrings(ids), wardId: packStrings(wardId) };
}

export function unpackHouseholds(packed: PackedHouseholds): HouseholdPoints {
  // ids were packed from strings only: no null comes back
  return { ...packed, ids: unpackStrings(packed.ids) as string[], wardId: unpackStrings(packed.wardId) };
}

/** The buffers of packed households, to transfer. */
export function packedHouseholdBuffers({ lon, lat, count, ids, wardId }: PackedHouseholds): ArrayBuffer[] {
  return [lon.buffer, lat.buffer, count.buffer, ids.ends.buffer, ids.nulls.buffer, wardId.ends.buffer, wardId.nulls.buffer] as ArrayBuffer[];
}
