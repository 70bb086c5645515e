/**
 * Household ids made one by one into a `JoinedIds` (core/household-ids.ts) as a file is parsed: the households parser
 * (parse-households.ts) adds each row's id, read where it lies in the file's text, without a string apiece.
 */
import { grown } from '../core/grown-array.ts';
import { JoinedIds } from '../core/household-ids.ts';
import type { HouseholdIds } from '../core/model.ts';

/** Code units an id takes, about, to size the ids' text at first ("HP-0012345"; a longer one grows it). */
export const ID_UNITS_EXPECTED = 12;

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
    if (this.length === this.ends.length) this.ends = grown(this.ends, 2 * this.length);
    if (this.used + end - start > this.units.length) this.units = grown(this.units, Math.max(this.used + end - start, 2 * this.units.length));
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

/**
 * The id at `order[k]` of `ids` at each k, as one `JoinedIds`: from a `JoinedIds`, each id's code units copied where
 * they lie, no string apiece. The app's worker keeps a layer it put in locality order so (core/locality-order.ts):
 * its page gets the ids as one text (worker/packed-strings.ts), which ids read through the order (`inLocalityOrder`'s)
 * would first make a string each to join (0.1–0.2 s more for 600,000).
 */
export function joinedInOrder(ids: HouseholdIds, order: Uint32Array): JoinedIds {
  if (ids instanceof JoinedIds) {
    const builder = new JoinedIdsBuilder(order.length, ids.text.length);
    for (let k = 0; k < order.length; k++) builder.add(ids.text, ids.start(order[k]), ids.ends[order[k]]);
    return builder.finish();
  }
  const builder = new JoinedIdsBuilder(order.length, order.length * ID_UNITS_EXPECTED);
  for (let k = 0; k < order.length; k++) builder.add(ids.at(order[k])!);
  return builder.finish();
}
