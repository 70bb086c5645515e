/**
 * The zone grid's mask helpers against brute force on seeded random masks:
 * - landBlocks: "any land in the inclusive block [i0, i0 + s] × [j0, j0 + s]" against looping over the block's cells;
 * - maskComponents / runAt: the 4-connected components against a flood fill over cells (same partition, components
 *   numbered in row-major order of their first cell), and every cell's run found back.
 */
import { describe, expect, it } from 'vitest';
import { maskComponents, runAt } from '../../../src/core/coverage/zone-components.ts';
import { landBlocks } from '../../../src/core/coverage/zone-land-blocks.ts';

/** Park–Miller generator: reproducible masks without a dependency. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/** A mask of `columns` × `rows` with blobs (so that blocks and components of every size occur) and noise. */
function randomMask(columns: number, rows: number, seed: number, density: number): Uint8Array {
  const next = random(seed);
  const mask = new Uint8Array(columns * rows);
  for (let blob = 0; blob < 6; blob++) {
    const ci = next() * columns, cj = next() * rows, radius = 1 + next() * Math.min(columns, rows) * 0.3;
    for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) if (Math.hypot(i - ci, j - cj) < radius) mask[j * columns + i] = 1;
  }
  for (let c = 0; c < mask.length; c++) if (next() < density) mask[c] = 1 - mask[c];
  return mask;
}

/** Flood-fill labels (−1 unset), numbered in row-major order of each component's first cell. */
function floodLabels(mask: Uint8Array, columns: number, rows: number): Int32Array {
  const label = new Int32Array(mask.length).fill(-1);
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || label[start] !== -1) continue;
    const stack = [start];
    label[start] = next;
    while (stack.length > 0) {
      const c = stack.pop()!;
      const i = c % columns, j = Math.floor(c / columns);
      for (const [ni, nj] of [[i - 1, j], [i + 1, j], [i, j - 1], [i, j + 1]]) {
        const n = nj * columns + ni;
        if (ni >= 0 && nj >= 0 && ni < columns && nj < rows && mask[n] === 1 && label[n] === -1) {
          label[n] = next;
          stack.push(n);
        }
      }
    }
    next++;
  }
  return label;
}

describe('landBlocks', () => {
  for (const [top, blocksX, blocksY, density, seed] of [[16, 3, 2, 0.002, 1], [8, 4, 5, 0.01, 2], [4, 5, 3, 0.05, 3], [1, 9, 7, 0.3, 4], [16, 2, 3, 0, 5]]) {
    it(`answers every refinement block as looping over its cells does (top ${top}, ${blocksX} × ${blocksY} blocks)`, () => {
      const columns = blocksX * top + 1;
      const rows = blocksY * top + 1;
      // sparse land: a few cells and one small blob, so that many blocks are empty and some hold land only on an edge
      const land = randomMask(columns, rows, seed, density).map((v, c) => (v === 1 && (c % 7 === 0 || density === 0.3) ? 1 : 0));
      const landIn = landBlocks(land, columns, rows, top);
      let withLand = 0, without = 0;
      for (let size = top; size >= 1; size /= 2) {
        for (let j0 = 0; j0 + size < rows; j0 += size) {
          for (let i0 = 0; i0 + size < columns; i0 += size) {
            let expected = false;
            for (let j = j0; j <= j0 + size; j++) for (let i = i0; i <= i0 + size; i++) expected ||= land[j * columns + i] === 1;
            expect(landIn(i0, j0, size), `block (${i0}, ${j0}) of side ${size}`).toBe(expected);
            if (expected) withLand++;
            else without++;
          }
        }
      }
      if (density > 0) expect(withLand).toBeGreaterThan(0);
      expect(without).toBeGreaterThan(0);
    });
  }

  it('sees land lying only on a block’s shared east column, north row or north-east corner', () => {
    const columns = 9, rows = 9;
    for (const cell of [[8, 3], [3, 8], [8, 8], [0, 0]]) {
      const land = new Uint8Array(columns * rows);
      land[cell[1] * columns + cell[0]] = 1;
      expect(landBlocks(land, columns, rows, 8)(0, 0, 8)).toBe(true);
      expect(landBlocks(land, columns, rows, 8)(0, 0, 4)).toBe(cell[0] <= 4 && cell[1] <= 4);
    }
  });
});

describe('maskComponents', () => {
  for (const [columns, rows, density, seed] of [[40, 30, 0.05, 11], [64, 17, 0.45, 12], [1, 25, 0.5, 13], [25, 1, 0.5, 14], [33, 33, 0, 15]]) {
    it(`gives the flood fill's components (${columns} × ${rows}, noise ${density})`, () => {
      const mask = randomMask(columns, rows, seed, density);
      const expected = floodLabels(mask, columns, rows);
      const components = maskComponents(mask, columns, rows);
      expect(components.count).toBe(Math.max(-1, ...expected) + 1);
      for (let j = 0; j < rows; j++) {
        for (let i = 0; i < columns; i++) {
          const run = runAt(components, i, j);
          const want = expected[j * columns + i];
          if (want === -1) expect(run).toBe(-1);
          else {
            expect(components.first[run]).toBeLessThanOrEqual(i);
            expect(components.last[run]).toBeGreaterThanOrEqual(i);
            expect(components.componentOfRun[run], `cell (${i}, ${j})`).toBe(want);
          }
        }
      }
    });
  }

  it('joins runs touching by a side, never by a corner only', () => {
    // 1 1 0      rows from south (j = 0) to north
    // 0 0 1
    // 0 1 1
    const mask = Uint8Array.from([1, 1, 0, 0, 0, 1, 0, 1, 1]);
    const components = maskComponents(mask, 3, 3);
    expect(components.count).toBe(2);
    expect(components.componentOfRun[runAt(components, 0, 0)]).toBe(0);
    expect(components.componentOfRun[runAt(components, 2, 1)]).toBe(1);
    expect(components.componentOfRun[runAt(components, 1, 2)]).toBe(1);
  });
});
