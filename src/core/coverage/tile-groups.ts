/**
 * The households of each 100 m tile bucketed by the co-channel group of their best server, for the incremental
 * interference sums: a cell edit adds or takes away the cell's contribution at the households of its group only,
 * about a tenth of those in its reach (a city of four operators on two or three bands has about ten groups), and
 * scanning every household in reach to find them cost more than the sums themselves.
 *
 * The buckets are built after a full analysis. Edits change servers: a household whose server's group is no
 * longer that of its bucket (or that had no server) is a stray, listed apart and offered to every edit in its
 * tile until the buckets are rebuilt (when the strays pass `MAX_STRAYS`). A household is found in its bucket
 * when its current group is the bucket's, else among the strays (`inBucket` tells which), so exactly once.
 */
import type { HouseholdTiles } from './household-tiles.ts';

/** Strays tolerated before the buckets are rebuilt (a rebuild is one pass over the households). */
const MAX_STRAYS = 8192;

export class TileGroups {
  /**
   * Households of (tile t, group g) are `households[start[t · groups + g] …)` up to the next key. Both arrays are
   * kept from one build to the next: a fresh typed array costs ~20 ns per 4 bytes on first touch on the
   * development machine, and the city's 1.4 M keys and 0.6 M households made a rebuild within an edit ~70 ms of
   * allocation alone (bench/HISTORY.md step 16).
   */
  private start = new Uint32Array(1);
  private households: Uint32Array;
  /** Scratch of a build: the next free place of each key. */
  private next = new Uint32Array(0);
  /** Groups of the last build; a group created since has no buckets (its households are strays). */
  private groups = 0;
  /** Per household, the group of the bucket holding it, −1 when in none. */
  private readonly bucketGroup: Int32Array;
  private strays: number[] = [];
  /** Per household, whether it is listed in `strays`. */
  private readonly isStray: Uint8Array;

  constructor(private readonly tiles: HouseholdTiles) {
    const length = tiles.tileOfHousehold.length;
    this.bucketGroup = new Int32Array(length).fill(-1);
    this.isStray = new Uint8Array(length);
    // every household is in one bucket at most
    this.households = new Uint32Array(length);
  }

  /**
   * Buckets every household by `groupOf(h)` (−1: none, left out).
   * @param groups number of groups (groupOf gives 0 … groups − 1 or −1)
   */
  rebuild(groups: number, groupOf: (h: number) => number): void {
    const { tileStart, tileHouseholds, count } = this.tiles;
    this.groups = groups;
    const keys = count * groups;
    if (this.start.length < keys + 1) {
      this.start = new Uint32Array(keys + 1);
      this.next = new Uint32Array(keys);
    } else this.start.fill(0, 0, keys + 1);
    const { start, next, households } = this;
    for (let t = 0; t < count; t++) {
      for (let i = tileStart[t]; i < tileStart[t + 1]; i++) {
        const h = tileHouseholds[i];
        const group = groupOf(h);
        this.bucketGroup[h] = group;
        if (group >= 0) start[t * groups + group + 1]++;
      }
    }
    for (let k = 0; k < keys; k++) start[k + 1] += start[k];
    next.set(start.subarray(0, keys));
    for (let t = 0; t < count; t++) {
      for (let i = tileStart[t]; i < tileStart[t + 1]; i++) {
        const h = tileHouseholds[i];
        if (this.bucketGroup[h] >= 0) households[next[t * groups + this.bucketGroup[h]]++] = h;
      }
    }
    for (const h of this.strays) this.isStray[h] = 0;
    this.strays = [];
  }

  /** Household h's server is now of `group` (−1: none): listed as a stray unless its bucket is that group's. */
  moved(h: number, group: number): void {
    if (group === this.bucketGroup[h] || group < 0 || this.isStray[h] === 1) return;
    this.isStray[h] = 1;
    this.strays.push(h);
  }

  /** Whether the strays are many enough for a rebuild. */
  get isStale(): boolean {
    return this.strays.length > MAX_STRAYS;
  }

  /** Whether household h is found in the bucket of `group` (else, when of that group, among the strays). */
  inBucket(h: number, group: number): boolean {
    return this.bucketGroup[h] === group;
  }

  /** Start of the range of `members` holding the bucket of (tile t, group) (no tuple: called per tile of an edit). */
  bucketStart(t: number, group: number): number {
    return group >= this.groups ? 0 : this.start[t * this.groups + group];
  }

  /** End (exclusive) of the range of `members` holding the bucket of (tile t, group). */
  bucketEnd(t: number, group: number): number {
    return group >= this.groups ? 0 : this.start[t * this.groups + group + 1];
  }

  /** The households of the buckets (`bucketStart`, `bucketEnd` give the ranges; past the last, stale entries). */
  get members(): Uint32Array {
    return this.households;
  }

  /** Households whose server changed group since the last build: the caller checks their tile and group. */
  get strayHouseholds(): readonly number[] {
    return this.strays;
  }
}
