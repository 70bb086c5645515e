import { describe, expect, it } from 'vitest';
import { boundingBoxOf, mainExtent, type BoundingBox } from '../../src/ui/map/main-extent.ts';

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
  it('leaves out a far-off box (an island 130 km out) and keeps the city', () => {
    // 49 boxes on a 7 × 7 grid of 0.1° around 106.5–107.2 E, 20.6–21.3 N, plus one at 107.7 E, 20.1 N
    const boxes: BoundingBox[] = [];
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) boxes.push([106.5 + i * 0.1, 20.6 + j * 0.1, 106.6 + i * 0.1, 20.7 + j * 0.1]);
    }
    boxes.push([107.68, 20.1, 107.75, 20.15]);
    const extent = mainExtent(boxes, 0.05);
    // 50 centres, trim 5 %: kept ranks floor(0.05 · 49) = 2 … ceil(0.95 · 49) = 47 on each axis. The outlier's
    // centre (107.715, 20.125) is rank 49 in longitude and rank 0 in latitude: dropped. The grid centres span
    // 106.55…107.15 and 20.65…21.25, all inside ranks 2…47: every grid box stays
    expect(extent?.map((value) => Number(value.toFixed(6)))).toEqual([106.5, 20.6, 107.2, 21.3]);
  });

  it('with trim 0 is the union of all boxes, and null for none', () => {
    expect(mainExtent([[0, 0, 1, 1], [5, 5, 6, 6]], 0)).toEqual([0, 0, 6, 6]);
    expect(mainExtent([])).toBeNull();
  });
});
