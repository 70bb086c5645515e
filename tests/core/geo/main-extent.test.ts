import { describe, expect, it } from 'vitest';
import { boundingBoxOf, mainExtent, type BoundingBox } from '../../../src/core/geo/main-extent.ts';

describe('boundingBoxOf', () => {
  it('spans the outer rings of every part of a multipolygon', () => {
    const box = boundingBoxOf({
      type: 'MultiPolygon',
      coordinates: [
        [[[106, 20], [106.5, 20], [106.5, 20.5], [106, 20]]],
        [[[107, 21], [107.2, 21], [107.2, 21.3], [107, 21]]],
      ],
    });
    expect(box).toEqual([106, 20, 107.2, 21.3]);
  });
});

describe('mainExtent', () => {
  it('leaves out a far-off box (an island 130 km out) and keeps the city to its edges', () => {
    // 49 boxes on a 7 × 7 grid of 0.1° around 106.5–107.2 E, 20.6–21.3 N, plus one at 107.7 E, 20.1 N
    const boxes: BoundingBox[] = [];
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) boxes.push([106.5 + i * 0.1, 20.6 + j * 0.1, 106.6 + i * 0.1, 20.7 + j * 0.1]);
    }
    boxes.push([107.68, 20.1, 107.75, 20.15]);
    // centre latitudes span 20.125…21.25, mid 20.6875, cos = 0.93552: grid centres are 0.1° apart in latitude,
    // 0.093552° in scaled longitude, the median nearest-centre distance. The outlier's gap to the nearest grid box
    // [107.1, 20.6, 107.2, 20.7] is √((0.48 · 0.93552)² + 0.45²) = 0.63573°, 6.80 typical distances: over 5, left
    // out. Every grid box touches its neighbours (gap 0)
    const extent = mainExtent(boxes);
    expect(extent?.map((value) => Number(value.toFixed(6)))).toEqual([106.5, 20.6, 107.2, 21.3]);
    // a looser rule keeps it
    expect(mainExtent(boxes, 8)?.map((value) => Number(value.toFixed(6)))).toEqual([106.5, 20.1, 107.75, 21.3]);
  });

  it('keeps a box at the edge that has neighbours, however far it lies from the middle', () => {
    const boxes: BoundingBox[] = [];
    for (let i = 0; i < 10; i++) boxes.push([106 + i * 0.05, 20.8, 106.05 + i * 0.05, 20.85]);
    // a string of boxes to the east, each 0.05° from the last: none is isolated
    for (let i = 0; i < 4; i++) boxes.push([106.8 + i * 0.05, 20.8, 106.85 + i * 0.05, 20.85]);
    expect(mainExtent(boxes)?.[2]).toBeCloseTo(107.0, 9);
  });

  it('keeps a large box touching its neighbours although its centre lies far from theirs (Cát Hải)', () => {
    const boxes: BoundingBox[] = [];
    for (let i = 0; i < 10; i++) boxes.push([106 + i * 0.02, 20.8, 106.02 + i * 0.02, 20.82]);
    // one large unit whose west edge touches the last small box: centre 0.39° from the nearest, 19.5 spacings
    boxes.push([106.2, 20.6, 106.8, 20.9]);
    expect(mainExtent(boxes)).toEqual([106, 20.6, 106.8, 20.9]);
  });

  it('with an infinite isolation is the union of all boxes, and null for none', () => {
    expect(mainExtent([[0, 0, 1, 1], [5, 5, 6, 6]], Infinity)).toEqual([0, 0, 6, 6]);
    expect(mainExtent([])).toBeNull();
  });
});
