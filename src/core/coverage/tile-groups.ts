/**
 * The households of each 100 m tile bucketed by the co-channel group of their best server, for the incremental
 * interference sums: a cell edit adds or takes away the cell's contribution at the households of its group only,
 * about a tenth of those in its reach (a city of four operators on two or three bands has about ten groups), and
 * scanning every household in reach to find them cost more than the sums themselves.
 *
 * The buckets are built after a full analysis and kept by edits: a household whose server changes group is moved
 * (`moved`), and its tile alone is bucketed again (`refresh`), so every household is always in the bucket of its
 * current group. Each tile's buckets fill the tile's own range of `HouseholdTiles.tileHouseholds`, groups in
 * order, then a last bucket for the households of no group; a tile bucketed again lists each bucket's households
 * in the tiles' order, as a whole rebuild would. Only a group created since the build (a new operator or band)
 * needs a rebuild (`isStale`).
 */
import type { HouseholdTiles } from './household-tiles.ts';

export class TileGroups {
  /**
   * The bucket of (tile t, group g) is `households[start[t · (groups + 1) + g] …)` up to the next key; g = groups is
   * the tile's bucket of no group. Both arrays are kept from one build to the next: a fresh typed array costs ~20 ns
   * per 4 bytes on first touch on the development machine, and the city's 1.4 M keys and 0.6 M households made a
   * rebuild within an edit ~70 ms of allocation alone (bench/HISTORY.md step 16).
   */
  private start = new Uint32Array(1);
  private readonly households: Uint32Array;
  /** Groups of the last build. */
  private groups = 0;
  /** Per household, the group of its bucket (−1: none). */
  private readonly bucketGroup: Int32Array;
  /** Per tile, 1 while it waits to be bucketed again; the waiting tiles, listed. */
  private readonly dirty: Uint8Array;
  private dirtyTiles: number[] = [];
  /** Whether a household moved to a group created since the build. */
  private outgrown = false;
  /** Scratch of a tile's bucketing: per bucket, its count, then its next free place. */
  private cursor = new Uint32Array(0);

  constructor(private readonly tiles: HouseholdTiles) {
    const length = tiles.tileOfHousehold.length;
    this.bucketGroup = new Int32Array(length).fill(-1);
    this.households = new Uint32Array(length);
    this.dirty = new Uint8Array(tiles.count);
  }

  /**
   * Buckets every household by `groupOf(h)` (−1: none).
   * @param groups number of groups (groupOf gives 0 … groups − 1 or −1)
   */
  rebuild(groups: number, groupOf: (h: number) => number): void {
    const { tileHouseholds, count } = this.tiles;
    this.groups = groups;
    const keys = count * (groups + 1);
    if (this.start.length < keys + 1) this.start = new Uint32Array(keys + 1);
    this.start[keys] = tileHouseholds.length;
    if (this.cursor.length < groups + 1) this.cursor = new Uint32Array(groups + 1);
    for (let i = 0; i < tileHouseholds.length; i++) this.bucketGroup[tileHouseholds[i]] = groupOf(tileHouseholds[i]);
    for (let t = 0; t < count; t++) this.bucketTile(t);
    for (const t of this.dirtyTiles) this.dirty[t] = 0;
    this.dirtyTiles = [];
    this.outgrown = false;
  }

  /** Household h's server is now of `group` (−1: none): its tile is bucketed again at the next `refresh`. */
  moved(h: number, group: number): void {
    if (group === this.bucketGroup[h]) return;
    this.bucketGroup[h] = group;
    if (group >= this.groups) this.outgrown = true;
    const t = this.tiles.tileOfHousehold[h];
    if (this.dirty[t] === 0) {
      this.dirty[t] = 1;
      this.dirtyTiles.push(t);
    }
  }

  /** Buckets again the tiles of the households moved since the last refresh or build. */
  refresh(): void {
    for (const t of this.dirtyTiles) {
      this.bucketTile(t);
      this.dirty[t] = 0;
    }
    this.dirtyTiles = [];
  }

  /** Whether a household moved to a group the buckets do not have: only a rebuild places it. */
  get isStale(): boolean {
    return this.outgrown;
  }

  /** Start of the range of `members` holding the bucket of (tile t, group) (no tuple: called per tile of an edit). */
  bucketStart(t: number, group: number): number {
    return group >= this.groups ? 0 : this.start[t * (this.groups + 1) + group];
  }

  /** End (exclusive) of the range of `members` holding the bucket of (tile t, group). */
  bucketEnd(t: number, group: number): number {
    return group >= this.groups ? 0 : this.start[t * (this.groups + 1) + group + 1];
  }

  /** The households of the buckets (`bucketStart`, `bucketEnd` give the ranges). */
  get members(): Uint32Array {
    return this.households;
  }

  /** Sorts tile t's households into its buckets by `bucketGroup` (a counting sort over the tile's own range). */
  private bucketTile(t: number): void {
    const { tileStart, tileHouseholds } = this.tiles;
    const { start, cursor, households, bucketGroup, groups } = this;
    const from = tileStart[t];
    const to = tileStart[t + 1];
    const key = t * (groups + 1);
    cursor.fill(0, 0, groups + 1);
    // no group, or one created since the build (until the rebuild `isStale` asks for): the last bucket
    const bucketOf = (h: number): number => {
      const group = bucketGroup[h];
      return group < 0 || group >= groups ? groups : group;
    };
    for (let i = from; i < to; i++) cursor[bucketOf(tileHouseholds[i])]++;
    let at = from;
    for (let g = 0; g <= groups; g++) {
      start[key + g] = at;
      const size = cursor[g];
      cursor[g] = at;
      at += size;
    }
    for (let i = from; i < to; i++) households[cursor[bucketOf(tileHouseholds[i])]++] = tileHouseholds[i];
  }
}
