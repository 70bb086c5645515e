/**
 * The household points' raster: squares by hand (overlaps, the higher class on top, hidden classes, clipping),
 * and a picture patched after class changes (`changedRect` + `paint` of that rectangle) equal, pixel for pixel,
 * to one painted whole from the new classes, also after the view moves.
 */
import { describe, expect, it } from 'vitest';
import { ClassRaster, type PointSquares } from '../../../src/ui/analysis/class-raster.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

/** Points given in device pixels (scale 1, origin 0), square side = 2·√count clamped to [1, 6]. */
function squares(x: number[], y: number[], count: number[]): PointSquares {
  return {
    x: Float64Array.from(x),
    y: Float64Array.from(y),
    sqrtCount: Float32Array.from(count, Math.sqrt),
    scale: 1,
    originX: 0,
    originY: 0,
    sidePerSqrtCount: 2,
    minSide: 1,
    maxSide: 6,
  };
}

const whole = (raster: ClassRaster) => ({ x0: 0, y0: 0, x1: raster.width, y1: raster.height });

describe('ClassRaster', () => {
  it('marks each point’s square, the higher class winning where squares overlap', () => {
    const raster = new ClassRaster(6, 4);
    // point 0 at (2, 2), count 1 → side 2, pixels x 1–2, y 1–2; point 1 at (3, 2), count 1 → x 2–3, y 1–2
    const points = squares([2, 3], [2, 2], [1, 1]);
    raster.paint(points, Uint8Array.of(0, 1), [10, 20], whole(raster));
    const row = (y: number) => Array.from(raster.words.subarray(y * 6, y * 6 + 6));
    expect(row(0)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row(1)).toEqual([0, 10, 20, 20, 0, 0]);
    expect(row(2)).toEqual([0, 10, 20, 20, 0, 0]);
    expect(row(3)).toEqual([0, 0, 0, 0, 0, 0]);
    // class 1 hidden: point 0 alone; a 4-household point at (5, 0) is 4 wide and clipped to x 3–5, y 0–1
    raster.paint(squares([2, 3, 5], [2, 2, 0], [1, 1, 4]), Uint8Array.of(0, 1, 0), [10, null], whole(raster));
    expect(row(0)).toEqual([0, 0, 0, 10, 10, 10]);
    expect(row(1)).toEqual([0, 10, 10, 10, 10, 10]);
    expect(row(2)).toEqual([0, 10, 10, 0, 0, 0]);
  });

  it('finds the rectangle of the squares whose class changed, or none', () => {
    const raster = new ClassRaster(20, 20);
    const points = squares([2, 10, 15], [2, 12, 5], [1, 4, 1]);
    const classes = Uint8Array.of(0, 0, 0);
    raster.paint(points, classes, [1, 2], whole(raster));
    expect(raster.changedRect(points, classes)).toBeNull();
    classes[1] = 1;
    // point 1: side 4 at (10, 12) → x 8–11, y 10–13
    expect(raster.changedRect(points, classes)).toEqual({ x0: 8, y0: 10, x1: 12, y1: 14 });
    classes[2] = 1;
    // with point 2 (side 2 at (15, 5) → x 14–15, y 4–5)
    expect(raster.changedRect(points, classes)).toEqual({ x0: 8, y0: 4, x1: 16, y1: 14 });
  });

  it('patched after class changes equals a picture painted whole', () => {
    const random = mulberry32(7);
    const width = 120;
    const height = 90;
    const n = 3000;
    // points a little beyond the edges too (clipped squares)
    const points = squares(
      Array.from({ length: n }, () => random() * (width + 20) - 10),
      Array.from({ length: n }, () => random() * (height + 20) - 10),
      Array.from({ length: n }, () => 1 + Math.floor(random() * 12)),
    );
    const classes = Uint8Array.from({ length: n }, () => Math.floor(random() * 4));
    const patched = new ClassRaster(width, height);
    patched.paint(points, classes, COLOURS, whole(patched));
    for (let edit = 0; edit < 40; edit++) editAndCompare(patched, points, classes, random, 15);
  });

  it('stays equal to a picture painted whole on a larger raster and after the view moves', () => {
    const random = mulberry32(11);
    const width = 300;
    const height = 220;
    const n = 6000;
    const x = Array.from({ length: n }, () => random() * (width + 60) - 30);
    const y = Array.from({ length: n }, () => random() * (height + 60) - 30);
    const count = Array.from({ length: n }, () => 1 + Math.floor(random() * 12));
    const classes = Uint8Array.from({ length: n }, () => Math.floor(random() * 4));
    const patched = new ClassRaster(width, height);
    // three views of the same points: the raster's origin moved by a pan (−70, +45), then back part of the way
    for (const [originX, originY] of [[0, 0], [-70, 45], [-20, 10]]) {
      const view = { ...squares(x, y, count), originX, originY };
      patched.paint(view, classes, COLOURS, whole(patched));
      for (let edit = 0; edit < 25; edit++) editAndCompare(patched, view, classes, random, 40);
    }
  });
});

const COLOURS = [0xff0000ff, 0xff00ff00, null, 0xffff0000];

/** Recolours points near one place, as a moved site does, patches the raster and compares it with a fresh one. */
function editAndCompare(patched: ClassRaster, points: PointSquares, classes: Uint8Array, random: () => number, radiusPx: number): void {
  const centreX = random() * patched.width + points.originX;
  const centreY = random() * patched.height + points.originY;
  for (let i = 0; i < classes.length; i++) {
    if (Math.hypot(points.x[i] - centreX, points.y[i] - centreY) < radiusPx && random() < 0.5) classes[i] = Math.floor(random() * 4);
  }
  const rect = patched.changedRect(points, classes);
  if (rect !== null) patched.paint(points, classes, COLOURS, rect);
  const fresh = new ClassRaster(patched.width, patched.height);
  fresh.paint(points, classes, COLOURS, whole(fresh));
  expect(Array.from(patched.words)).toEqual(Array.from(fresh.words));
}
