/**
 * Strings crossing the worker boundary packed: a structured clone copies each string of an array one by one
 * (≈ 0.5 s for the 532,614 household ids on the development machine, on the worker's thread and again on the
 * page's). Household ids cross as one long string and each id's end (core/household-ids.ts), which the page keeps
 * as they are (it reads no id; it sends them back to a restarted worker); strings from a small set (ward ids) as
 * codes into a table of the distinct ones, which the page looks up (no string to copy or slice per value).
 */
import { joinIds, JoinedIds, type JoinedIdsData } from '../core/household-ids.ts';
import type { HouseholdPoints } from '../core/model.ts';

/** Strings as indexes into the table of the distinct values (null among them when present). */
export interface CodedStrings {
  table: Array<string | null>;
  codes: Uint32Array;
}

/** Household points as the worker sends them: the arrays copied (to transfer), ids packed, ward ids coded. */
export interface PackedHouseholds extends Omit<HouseholdPoints, 'ids' | 'wardId'> {
  ids: JoinedIdsData;
  wardId: CodedStrings;
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
 * The households to send: typed arrays over shared memory as they are (a structured clone shares them), others
 * copied so that the copies can be transferred; strings packed.
 */
export function packHouseholds(households: HouseholdPoints): PackedHouseholds {
  const { ids, wardId, lon, lat, count } = households;
  const { text, ends } = joinIds(ids);
  return {
    ...households,
    lon: sendable(lon),
    lat: sendable(lat),
    count: sendable(count),
    // a JoinedIds' own ends are the sender's (copied unless shared); an array's were made here by joinIds
    ids: { text, ends: ids instanceof JoinedIds ? sendable(ends) : ends },
    wardId: codeStrings(wardId),
  };
}

const isShared = (buffer: ArrayBufferLike): boolean => typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;

/** The array itself over shared memory, else a copy (transferring it leaves the sender's array whole). */
function sendable<T extends Float64Array | Uint32Array>(array: T): T {
  return isShared(array.buffer) ? array : (array.slice() as T);
}

export function unpackHouseholds(packed: PackedHouseholds): HouseholdPoints {
  return { ...packed, ids: new JoinedIds(packed.ids.text, packed.ids.ends), wardId: uncodeStrings(packed.wardId) };
}

/** The buffers of packed households to transfer (shared ones are shared, not transferred). */
export function packedHouseholdBuffers({ lon, lat, count, ids, wardId }: PackedHouseholds): ArrayBuffer[] {
  return [lon.buffer, lat.buffer, count.buffer, ids.ends.buffer, wardId.codes.buffer].filter((buffer) => !isShared(buffer)) as ArrayBuffer[];
}
