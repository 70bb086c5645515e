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
    return this.text.slice(this.start(index), this.ends[index]);
  }

  /** Where id `index` begins in the text (0 ≤ index ≤ length: at `length`, the text's end). */
  start(index: number): number {
    return index === 0 ? 0 : this.ends[index - 1];
  }
}

/** The ids as text and ends: a `JoinedIds`' own (no copy), or any others' joined. */
export function joinIds(ids: HouseholdIds): JoinedIdsData {
  if (ids instanceof JoinedIds) return { text: ids.text, ends: ids.ends };
  const values = idsArray(ids);
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
    pieces.push(ids.text.slice(ids.start(from), ids.start(to)));
    if (to < ids.length) shift += ids.ends[to] - ids.start(to);
    from = to + 1;
  }
  return new JoinedIds(pieces.join(''), ends);
}
