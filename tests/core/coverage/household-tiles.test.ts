/**
 * The households' tiles: each household in the 100 m tile of its plane coordinates (checked point by point), and the
 * layout made once per thread for the same locations, whether the same arrays or equal copies (the sums partner
 * receives its locations afresh for every analysis), never for other locations.
 */
import { describe, expect, it } from 'vitest';
import { HouseholdTiles, TILE_M } from '../../../src/core/coverage/household-tiles.ts';
import { LocalPlane } from '../../../src/core/geo/local-plane.ts';
import type { HouseholdLocations } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

function households(seed: number, n: number): HouseholdLocations {
  const random = mulberry32(seed);
  const lon = Float64Array.from({ length: n }, () => 106.6 + random() * 0.05);
  const lat = Float64Array.from({ length: n }, () => 20.8 + random() * 0.04);
  return { length: n, lon, lat, count: new Uint32Array(n).fill(1) };
}

const plane = LocalPlane.at(20.82);

describe('HouseholdTiles', () => {
  it('puts each household in the tile of its plane coordinates, each tile’s households together', () => {
    const points = households(3, 2000);
    const tiles = new HouseholdTiles(points, plane);
    const seen = new Set<number>();
    for (let t = 0; t < tiles.count; t++) {
      for (let k = tiles.tileStart[t]; k < tiles.tileStart[t + 1]; k++) {
        const h = tiles.tileHouseholds[k];
        seen.add(h);
        expect(tiles.tileOfHousehold[h]).toBe(t);
        // the tile's centre is the centre of the 100 m square holding the household
        expect(tiles.tileX[t]).toBe((Math.floor((points.lon[h] * plane.kx) / TILE_M) + 0.5) * TILE_M);
        expect(tiles.tileY[t]).toBe((Math.floor((points.lat[h] * plane.ky) / TILE_M) + 0.5) * TILE_M);
      }
    }
    expect(seen.size).toBe(2000);
    // distinct tiles are distinct squares
    const squares = new Set(Array.from(tiles.tileX, (x, t) => `${x},${tiles.tileY[t]}`));
    expect(squares.size).toBe(tiles.count);
  });

  it('keeps the layout for the same locations, the same arrays or equal copies, with state of its own per engine', () => {
    const points = households(5, 3000);
    const first = new HouseholdTiles(points, plane);
    const again = new HouseholdTiles(points, plane);
    const copies = new HouseholdTiles({ ...points, lon: points.lon.slice(), lat: points.lat.slice() }, plane);
    for (const tiles of [again, copies]) {
      expect(tiles.tileHouseholds).toBe(first.tileHouseholds);
      expect(tiles.blockIndex).toBe(first.blockIndex);
      expect(tiles.minBestDbm).not.toBe(first.minBestDbm);
    }
    first.minBestDbm[0] = -90;
    expect(again.minBestDbm[0]).toBe(-Infinity);
  });

  it('makes another layout for other locations, another count of them or another plane', () => {
    const points = households(7, 3000);
    const first = new HouseholdTiles(points, plane);
    const lon = points.lon.slice();
    // one household moved ~1 km east: it must land in its new tile
    lon[42] += 0.01;
    const moved = new HouseholdTiles({ ...points, lon }, plane);
    expect(moved.tileHouseholds).not.toBe(first.tileHouseholds);
    expect(moved.tileX[moved.tileOfHousehold[42]]).toBe((Math.floor((lon[42] * plane.kx) / TILE_M) + 0.5) * TILE_M);
    const fewer = new HouseholdTiles({ ...points, length: 2999 }, plane);
    expect(fewer.tileOfHousehold.length).toBe(2999);
    const back = new HouseholdTiles(points, plane);
    expect(back.tileHouseholds).not.toBe(moved.tileHouseholds);
    expect(Array.from(back.tileOfHousehold)).toEqual(Array.from(first.tileOfHousehold));
    const otherPlane = new HouseholdTiles(points, LocalPlane.at(10));
    expect(otherPlane.tileX).not.toBe(back.tileX);
  });
});
