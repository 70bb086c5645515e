/**
 * The tiles' buckets of households by their server's group (tile-groups.ts), kept by edits: after any sequence of
 * households moved between groups (or to none) and refreshed, every bucket holds exactly the tile's households of
 * its group, in the tiles' order, checked against the groups themselves (not against a rebuild of the same code).
 */
import { describe, expect, it } from 'vitest';
import { HouseholdTiles } from '../../../src/core/coverage/household-tiles.ts';
import { TileGroups } from '../../../src/core/coverage/tile-groups.ts';
import { LocalPlane } from '../../../src/core/geo/local-plane.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

const N = 3000;
const GROUPS = 5;
const random = mulberry32(11);
// households crowded into ~40 tiles, so that tiles hold many of every group
const lon = Float64Array.from({ length: N }, () => 106.6 + random() * 0.006);
const lat = Float64Array.from({ length: N }, () => 20.8 + random() * 0.006);
const tiles = new HouseholdTiles({ length: N, lon, lat, count: new Uint32Array(N).fill(1) }, LocalPlane.at(20.8));

/** Every bucket of every tile against `groupOf`: the tile's households of that group, in the tiles' order. */
function expectBuckets(groups: TileGroups, groupOf: Int32Array): void {
  for (let t = 0; t < tiles.count; t++) {
    const inTile = Array.from(tiles.tileHouseholds.subarray(tiles.tileStart[t], tiles.tileStart[t + 1]));
    for (let g = 0; g < GROUPS; g++) {
      const bucket = Array.from(groups.members.subarray(groups.bucketStart(t, g), groups.bucketEnd(t, g)));
      expect(bucket).toEqual(inTile.filter((h) => groupOf[h] === g));
    }
  }
}

describe('TileGroups', () => {
  it('buckets each tile’s households by group, leaving out those of no group', () => {
    const groupOf = Int32Array.from({ length: N }, () => Math.floor(random() * (GROUPS + 1)) - 1);
    const groups = new TileGroups(tiles);
    groups.rebuild(GROUPS, (h) => groupOf[h]);
    expect(tiles.count).toBeGreaterThan(20);
    expect(tiles.count).toBeLessThan(N / 20);
    expectBuckets(groups, groupOf);
  });

  it('keeps every household in its current group’s bucket across edits, refreshing only the tiles moved in', () => {
    const groupOf = Int32Array.from({ length: N }, () => Math.floor(random() * GROUPS));
    const groups = new TileGroups(tiles);
    groups.rebuild(GROUPS, (h) => groupOf[h]);
    for (let edit = 0; edit < 30; edit++) {
      // an edit moves a few dozen households, some to no group, some back to the group they had
      for (let k = 0; k < 40; k++) {
        const h = Math.floor(random() * N);
        groupOf[h] = Math.floor(random() * (GROUPS + 1)) - 1;
        groups.moved(h, groupOf[h]);
      }
      expect(groups.isStale).toBe(false);
      groups.refresh();
      expectBuckets(groups, groupOf);
    }
  });

  it('asks for a rebuild when a household moves to a group created since the build, and the rebuild has it', () => {
    const groupOf = Int32Array.from({ length: N }, () => Math.floor(random() * (GROUPS - 1)));
    const groups = new TileGroups(tiles);
    groups.rebuild(GROUPS - 1, (h) => groupOf[h]);
    groupOf[17] = GROUPS - 1;
    groups.moved(17, GROUPS - 1);
    expect(groups.isStale).toBe(true);
    // until rebuilt, a group the buckets do not have has none
    const t = tiles.tileOfHousehold[17];
    expect(groups.bucketEnd(t, GROUPS - 1) - groups.bucketStart(t, GROUPS - 1)).toBe(0);
    groups.rebuild(GROUPS, (h) => groupOf[h]);
    expect(groups.isStale).toBe(false);
    expectBuckets(groups, groupOf);
  });
});
