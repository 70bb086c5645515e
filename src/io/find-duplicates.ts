/**
 * Finds repeated ids among many (600,000 household ids in a city, 3 million in a large province, kept as one
 * text: `JoinedIds`) with open-addressing hash tables in typed arrays: about five times faster than a
 * `Map<string, number>` of the same size, which spends most of its time growing and being garbage-collected.
 *
 * The ids are first grouped by their hash's top bits (a counting sort, in id order within a group), then each
 * group is checked with a table of its own small enough to stay in the processor's cache. One table over 3 million
 * ids (32 MB) missed the cache at nearly every probe: ~320 ns an id (bench/HISTORY.md step 83).
 */
import type { JoinedIds } from '../core/household-ids.ts';

/** FNV-1a, 32-bit (Fowler–Noll–Vo; offset basis 2166136261, prime 16777619), over the UTF-16 code units from `start` to `end`. */
function hashText(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Ids per group, about: a group's table (twice as many 4-byte slots) then takes ~64 KB. */
const GROUP_IDS = 8192;

/** Whether ids `a` and `b` are the same text. */
function sameIds(ids: JoinedIds, a: number, b: number): boolean {
  const { text, ends } = ids;
  const aStart = ids.start(a);
  const bStart = ids.start(b);
  const length = ends[a] - aStart;
  if (ends[b] - bStart !== length) return false;
  for (let i = 0; i < length; i++) if (text.charCodeAt(aStart + i) !== text.charCodeAt(bStart + i)) return false;
  return true;
}

/**
 * For each id k, the index of its first occurrence when it is a repeat, else −1.
 * Example: ['a', 'b', 'a'] → [−1, −1, 0].
 */
export function findFirstOccurrences(ids: JoinedIds): Int32Array {
  const n = ids.length;
  const first = new Int32Array(n).fill(-1);
  let groupBits = 0;
  while (groupBits < 16 && n >>> groupBits > GROUP_IDS) groupBits++;
  // a repeat has its first occurrence's hash, so the two fall in one group
  const groupOf = (hash: number): number => (groupBits === 0 ? 0 : hash >>> (32 - groupBits));
  const hashes = new Uint32Array(n);
  const groupStart = new Int32Array((1 << groupBits) + 1);
  for (let k = 0; k < n; k++) {
    const hash = hashText(ids.text, ids.start(k), ids.ends[k]);
    hashes[k] = hash;
    groupStart[groupOf(hash) + 1]++;
  }
  for (let g = 1; g < groupStart.length; g++) groupStart[g] += groupStart[g - 1];
  // the ids grouped, each group in id order (so a group's first sight of a string is its first occurrence)
  const order = new Int32Array(n);
  const orderHashes = new Uint32Array(n);
  const filled = groupStart.slice(0, -1);
  for (let k = 0; k < n; k++) {
    const at = filled[groupOf(hashes[k])]++;
    order[at] = k;
    orderHashes[at] = hashes[k];
  }
  let largest = 0;
  for (let g = 0; g + 1 < groupStart.length; g++) largest = Math.max(largest, groupStart[g + 1] - groupStart[g]);
  // a power of two at least twice the group keeps linear probing short
  let capacity = 16;
  while (capacity < 2 * largest) capacity *= 2;
  const slots = new Int32Array(capacity);
  for (let g = 0; g + 1 < groupStart.length; g++) {
    const from = groupStart[g];
    const to = groupStart[g + 1];
    let size = 16;
    while (size < 2 * (to - from)) size *= 2;
    const mask = size - 1;
    // slots hold positions in `order`; −1 is empty
    slots.fill(-1, 0, size);
    for (let at = from; at < to; at++) {
      const hash = orderHashes[at];
      let slot = hash & mask;
      for (;;) {
        const other = slots[slot];
        if (other === -1) {
          slots[slot] = at;
          break;
        }
        if (orderHashes[other] === hash && sameIds(ids, order[other], order[at])) {
          first[order[at]] = order[other];
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  return first;
}
