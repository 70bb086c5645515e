/**
 * Household points in locality order (src/core/locality-order.ts): the Morton position against bits interleaved one
 * by one, the counting sort against a comparison sort, hand-worked orders of corners and cells, and a reordering of
 * every column with its ids (shared memory kept shared).
 */
import { describe, expect, it } from 'vitest';
import { JoinedIds, joinIds } from '../../src/core/household-ids.ts';
import { inLocalityOrder, localityOrder, mortonPosition, sortedByKey } from '../../src/core/locality-order.ts';
import type { HouseholdPoints } from '../../src/core/model.ts';
import { mulberry32 } from '../../scripts/generate/random.ts';

/** Seeded 32-bit values (scripts/generate/random.ts's mulberry32, scaled back to integers). */
function random32(seed: number): () => number {
  const random = mulberry32(seed);
  return () => Math.floor(random() * 2 ** 32);
}

describe('mortonPosition', () => {
  it('interleaves the bits of x and y, y above x (bit k of x to bit 2k, of y to bit 2k + 1)', () => {
    const next = random32(1);
    for (let n = 0; n < 2000; n++) {
      const x = next() & 0xffff;
      const y = next() & 0xffff;
      let expected = 0;
      for (let k = 0; k < 16; k++) expected += (((x >>> k) & 1) * 2 ** (2 * k)) + (((y >>> k) & 1) * 2 ** (2 * k + 1));
      expect(mortonPosition(x, y)).toBe(expected);
    }
    expect(mortonPosition(0xffff, 0xffff)).toBe(2 ** 32 - 1);
    expect(mortonPosition(1, 0)).toBe(1);
    expect(mortonPosition(0, 1)).toBe(2);
  });
});

describe('sortedByKey', () => {
  it('orders rows by key, equal keys by row, as a comparison sort does, and gives the permutation both ways', () => {
    const next = random32(2);
    for (const [length, range] of [[0, 1], [1, 1], [5000, 2 ** 16], [5000, 40]] as const) {
      const keys = Uint16Array.from({ length }, () => next() % range);
      if (length > 2) keys[0] = 2 ** 16 - 1;
      const expected = Array.from({ length }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
      const { rowOfPosition, positionOfRow } = sortedByKey(keys);
      expect([...rowOfPosition]).toEqual(expected);
      for (let position = 0; position < length; position++) expect(positionOfRow[rowOfPosition[position]]).toBe(position);
    }
  });
});

describe('localityOrder', () => {
  it('orders four corners of a box south-west, south-east, north-west, north-east (hand-worked Morton positions)', () => {
    // a 0.5° square (exact in binary): x and y are 0 at the west and south, 2^8 − 1 at the east and north
    const lon = Float64Array.from([106, 105.5, 106, 105.5]);
    const lat = Float64Array.from([21, 20.5, 20.5, 21]);
    // rows: 0 NE (position 2^16 − 1), 1 SW (0), 2 SE (0x5555), 3 NW (0xAAAA)
    expect([...localityOrder(lon, lat)!.rowOfPosition]).toEqual([1, 2, 3, 0]);
  });

  it('keeps points of one grid cell in file order, and leaves a single point and none as they are', () => {
    // cells of 0.1° / 256 ≈ 0.00039°: rows 1 and 3 share the south-west cell, row 3 the corner itself
    const lon = Float64Array.from([106.7, 106.6001, 106.7, 106.6, 106.7]);
    const lat = Float64Array.from([20.86, 20.8001, 20.86, 20.8, 20.86]);
    expect([...localityOrder(lon, lat)!.rowOfPosition]).toEqual([1, 3, 0, 2, 4]);
    expect(localityOrder(Float64Array.of(106.7), Float64Array.of(20.8))).toBeNull();
    expect(localityOrder(new Float64Array(0), new Float64Array(0))).toBeNull();
  });

  it('walks a shuffled city from point to near point: consecutive points ~50 times nearer than in the file (√20,000 × 0.52 / ~1.4)', () => {
    // 20,000 points over 0.2° × 0.2°, shuffled (a file in no order); a space-filling order's steps are short
    const next = random32(3);
    const lon = Float64Array.from({ length: 20000 }, () => 106.5 + (next() / 2 ** 32) * 0.2);
    const lat = Float64Array.from({ length: 20000 }, () => 20.7 + (next() / 2 ** 32) * 0.2);
    const walk = (rows: ArrayLike<number>) => {
      let sum = 0;
      for (let k = 1; k < rows.length; k++) sum += Math.hypot(lon[rows[k]] - lon[rows[k - 1]], lat[rows[k]] - lat[rows[k - 1]]);
      return sum;
    };
    const order = localityOrder(lon, lat)!.rowOfPosition;
    expect(walk(Array.from({ length: 20000 }, (_, i) => i)) / walk(order)).toBeGreaterThan(35);
  });
  it('leaves rows already in a local order as they are: at most half of consecutive rows change grid cell', () => {
    // 3 villages far apart, listed village by village (as a file by commune is) ...
    const village = (k: number) => [106.5 + (k % 3) * 0.1 + (k % 7) * 1e-5, 20.7 + (k % 3) * 0.1 + (k % 5) * 1e-5];
    const listed = [...Array.from({ length: 30 }, (_, k) => k * 3), ...Array.from({ length: 30 }, (_, k) => k * 3 + 1), ...Array.from({ length: 30 }, (_, k) => k * 3 + 2)];
    const lon = Float64Array.from(listed, (k) => village(k)[0]);
    const lat = Float64Array.from(listed, (k) => village(k)[1]);
    expect(localityOrder(lon, lat)).toBeNull();
    // ... and the same rows interleaved (every consecutive pair in different villages) are reordered village by village
    const interleaved = Array.from({ length: 90 }, (_, k) => k);
    const reordering = localityOrder(Float64Array.from(interleaved, (k) => village(k)[0]), Float64Array.from(interleaved, (k) => village(k)[1]))!;
    expect(Array.from(reordering.rowOfPosition, (row) => row % 3)).toEqual([...Array(30).fill(0), ...Array(30).fill(1), ...Array(30).fill(2)]);
  });
});

describe('inLocalityOrder', () => {
  function households(length: number, shared: boolean, wardIds: boolean): HouseholdPoints {
    const next = random32(4);
    const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const lon = new Float64Array(buffer(length * 8));
    const lat = new Float64Array(buffer(length * 8));
    const count = new Uint32Array(buffer(length * 4));
    for (let i = 0; i < length; i++) {
      lon[i] = 106 + next() / 2 ** 32;
      lat[i] = 20.5 + next() / 2 ** 32;
      count[i] = 1 + (next() % 40);
    }
    const joined = joinIds(Array.from({ length }, (_, i) => `H${i}`));
    const ids = new JoinedIds(joined.text, joined.ends);
    return { length, ids, lon, lat, count, wardId: Array.from({ length }, (_, i) => (wardIds ? `W${i % 7}` : null)) };
  }

  it('reorders every column and the ids together, and keeps the ids in file order beside', () => {
    const given = households(3000, false, true);
    const { households: reordered, fileOrder } = inLocalityOrder(given);
    const order = fileOrder!.rowOfPosition;
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    for (let k = 0; k < 3000; k++) {
      const row = order[k];
      expect([reordered.lon[k], reordered.lat[k], reordered.count[k], reordered.wardId[k], reordered.ids.at(k)]).toEqual([given.lon[row], given.lat[row], given.count[row], given.wardId[row], `H${row}`]);
    }
    expect(reordered.ids.at(3000)).toBeUndefined();
    expect(reordered.ids.at(-1)).toBeUndefined();
    expect(fileOrder!.ids).toBe(given.ids);
  });

  it('gives the points themselves and no file order where they are in a local order already', () => {
    const given = households(1, false, false);
    expect(inLocalityOrder(given)).toEqual({ households: given, fileOrder: undefined });
    expect(inLocalityOrder(given).households).toBe(given);
  });

  it('keeps shared memory shared, and ward ids all null as the same array', () => {
    const given = households(500, true, false);
    const { households: reordered } = inLocalityOrder(given);
    for (const column of [reordered.lon, reordered.lat, reordered.count]) expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(reordered.wardId).toBe(given.wardId);
    expect(inLocalityOrder(households(500, false, false)).households.lon.buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });
});
