/**
 * The picture of `ClassedPointLayer` without the DOM: every point marks a square of device pixels with its class,
 * the highest class index wins where squares overlap (so weak and no-signal spots are never hidden under good
 * ones), then each pixel takes its class colour as an RGBA word. After a cell edit only the rectangle around the
 * points whose class changed is painted again (`changedRect`): a few thousand of 600,000 points, where a full
 * picture costs tens of milliseconds per drag step.
 */

/** Points in world units (web-mercator.ts) and the side of each one's square, in device pixels. */
export interface PointSquares {
  x: Float64Array;
  y: Float64Array;
  /** √count per point: a point of count n is √n times as wide as a one-household point. */
  sqrtCount: Float32Array;
  /** World units → device pixels, and the raster's top-left corner in global device pixels. */
  scale: number;
  originX: number;
  originY: number;
  /** Square side per √count, and its bounds, device pixels. */
  sidePerSqrtCount: number;
  minSide: number;
  maxSide: number;
}

/** A rectangle of device pixels, [x0, x1) × [y0, y1). */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const EMPTY = 255;

export class ClassRaster {
  /** RGBA words (little-endian ABGR), the buffer of the ImageData drawn. */
  readonly words: Uint32Array<ArrayBuffer>;
  private readonly pixelClass: Uint8Array;
  /** Each point's class when last painted. */
  private painted = new Uint8Array(0);

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.words = new Uint32Array(width * height);
    this.pixelClass = new Uint8Array(width * height).fill(EMPTY);
  }

  /**
   * Paints `rect` from every point of a visible class (`colours[class]` not null) whose square reaches into it;
   * pixels outside it keep what they had. Remembers the classes for `changedRect`.
   */
  paint(points: PointSquares, classes: Uint8Array, colours: ReadonlyArray<number | null>, rect: PixelRect): void {
    const { width, pixelClass } = this;
    const { x0, y0, x1, y1 } = rect;
    for (let row = y0; row < y1; row++) pixelClass.fill(EMPTY, row * width + x0, row * width + x1);
    const count = Math.min(points.x.length, classes.length);
    for (let i = 0; i < count; i++) {
      const pointClass = classes[i];
      if (colours[pointClass] == null) continue;
      const side = sideOf(points, i);
      const left = leftOf(points, i, side);
      const top = topOf(points, i, side);
      if (left >= x1 || top >= y1 || left + side <= x0 || top + side <= y0) continue;
      const from = Math.max(x0, left);
      const to = Math.min(x1, left + side);
      const bottom = Math.min(y1, top + side);
      for (let row = Math.max(y0, top); row < bottom; row++) {
        const offset = row * width;
        for (let column = from; column < to; column++) {
          const previous = pixelClass[offset + column];
          if (previous === EMPTY || pointClass > previous) pixelClass[offset + column] = pointClass;
        }
      }
    }
    for (let row = y0; row < y1; row++) {
      for (let p = row * width + x0, end = row * width + x1; p < end; p++) {
        this.words[p] = pixelClass[p] === EMPTY ? 0 : (colours[pixelClass[p]] ?? 0);
      }
    }
    if (this.painted.length !== classes.length) this.painted = new Uint8Array(classes.length);
    this.painted.set(classes);
  }

  /**
   * The rectangle (clipped to the raster) covering the squares of the points whose class differs from the last
   * `paint`, or null when none does; the same points, colours and view are assumed.
   */
  changedRect(points: PointSquares, classes: Uint8Array): PixelRect | null {
    const count = Math.min(points.x.length, classes.length, this.painted.length);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < count; i++) {
      if (classes[i] === this.painted[i]) continue;
      const side = sideOf(points, i);
      const left = leftOf(points, i, side);
      const top = topOf(points, i, side);
      x0 = Math.min(x0, left);
      y0 = Math.min(y0, top);
      x1 = Math.max(x1, left + side);
      y1 = Math.max(y1, top + side);
    }
    const rect = { x0: Math.max(0, x0), y0: Math.max(0, y0), x1: Math.min(this.width, x1), y1: Math.min(this.height, y1) };
    return rect.x0 < rect.x1 && rect.y0 < rect.y1 ? rect : null;
  }
}

function sideOf(points: PointSquares, i: number): number {
  return Math.min(points.maxSide, Math.max(points.minSide, Math.round(points.sidePerSqrtCount * points.sqrtCount[i])));
}

function leftOf(points: PointSquares, i: number, side: number): number {
  return Math.floor(points.x[i] * points.scale - points.originX - side / 2);
}

function topOf(points: PointSquares, i: number, side: number): number {
  return Math.floor(points.y[i] * points.scale - points.originY - side / 2);
}
