/**
 * Label placement checked by brute force: no two placed label boxes overlap, none leaves the frame or covers an
 * obstacle, and the highest-priority label is always placed when it fits at its anchor.
 */
import { describe, expect, it } from 'vitest';
import { labelBox, placeLabels, type LabelRequest } from '../../../src/core/report/map/place-labels.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

describe('placeLabels', () => {
  const random = mulberry32(20261201);
  const requests: LabelRequest[] = Array.from({ length: 300 }, (_, i) => ({
    text: `Xã Thử ${i}`,
    x: random() * 500,
    y: random() * 400,
    fontSize: 5 + random() * 3,
    priority: random(),
  }));
  const obstacle = { left: 460, top: 0, right: 500, bottom: 40 };
  const placed = placeLabels(requests, 500, 400, [obstacle]);

  it('places many labels and no two overlap (all pairs checked)', () => {
    expect(placed.length).toBeGreaterThan(50);
    expect(placed.length).toBeLessThan(requests.length);
    const boxes = placed.map((label) => labelBox(label.text, label.x, label.y, label.fontSize));
    for (let a = 0; a < boxes.length; a++) {
      const box = boxes[a];
      expect(box.left >= 0 && box.top >= 0 && box.right <= 500 && box.bottom <= 400).toBe(true);
      expect(box.left < obstacle.right && obstacle.left < box.right && box.top < obstacle.bottom && obstacle.top < box.bottom).toBe(false);
      for (let b = a + 1; b < boxes.length; b++) {
        const other = boxes[b];
        expect(box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom, `${placed[a].text} / ${placed[b].text}`).toBe(false);
      }
    }
  });

  it('keeps the highest-priority label at its anchor when it fits there', () => {
    const top = placeLabels(
      [
        { text: 'Hải Phòng', x: 100, y: 100, fontSize: 8, priority: 1 },
        { text: 'Kiến An', x: 102, y: 101, fontSize: 8, priority: 2 },
      ],
      500,
      400,
    );
    expect(top[0]).toEqual({ text: 'Kiến An', x: 102, y: 101, fontSize: 8 });
    // the other moves off its anchor, clear of the first
    expect(top).toHaveLength(2);
    expect(top[1].x !== 100 || top[1].y !== 100).toBe(true);
  });
});
