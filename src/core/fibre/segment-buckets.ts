/**
 * Straight segments in a plane (metres), bucketed in a square grid so the nearest point on any of them can be
 * found while segments keep being added (the extension plan grows one cable at a time; flatbush and kdbush
 * are static). A nearest query visits rings of buckets outwards and stops once a ring is farther than the best.
 */

/** Bucket keys pack (col, row) offset by 2^24 into one exact float (< 2^50). */
const OFFSET = 2 ** 24;
const ROW_SLOTS = 2 ** 25;

export class SegmentBuckets {
  readonly ax: number[] = [];
  readonly ay: number[] = [];
  readonly bx: number[] = [];
  readonly by: number[] = [];
  /** Nearest point and segment found by the last `nearest` call (segment −1 when none). */
  pointX = 0;
  pointY = 0;
  segment = -1;

  private readonly buckets = new Map<number, number[]>();
  /** Extent of the occupied buckets (col/row), so a search with no bound stops. */
  private minCol = Infinity;
  private maxCol = -Infinity;
  private minRow = Infinity;
  private maxRow = -Infinity;

  constructor(private readonly bucketM: number) {}

  get length(): number {
    return this.ax.length;
  }

  private key(col: number, row: number): number {
    return (col + OFFSET) * ROW_SLOTS + (row + OFFSET);
  }

  /** Adds the segment a–b and returns its index. */
  add(ax: number, ay: number, bx: number, by: number): number {
    const index = this.ax.length;
    this.ax.push(ax);
    this.ay.push(ay);
    this.bx.push(bx);
    this.by.push(by);
    const { bucketM } = this;
    const col0 = Math.floor(Math.min(ax, bx) / bucketM);
    const col1 = Math.floor(Math.max(ax, bx) / bucketM);
    const row0 = Math.floor(Math.min(ay, by) / bucketM);
    const row1 = Math.floor(Math.max(ay, by) / bucketM);
    this.minCol = Math.min(this.minCol, col0);
    this.maxCol = Math.max(this.maxCol, col1);
    this.minRow = Math.min(this.minRow, row0);
    this.maxRow = Math.max(this.maxRow, row1);
    for (let col = col0; col <= col1; col++) {
      for (let row = row0; row <= row1; row++) {
        const key = this.key(col, row);
        const bucket = this.buckets.get(key);
        if (bucket) bucket.push(index);
        else this.buckets.set(key, [index]);
      }
    }
    return index;
  }

  /** An independent copy holding the same segments under the same indexes. */
  copy(): SegmentBuckets {
    const copy = new SegmentBuckets(this.bucketM);
    for (let s = 0; s < this.length; s++) copy.add(this.ax[s], this.ay[s], this.bx[s], this.by[s]);
    return copy;
  }

  /** Removes the segment added last (undoing a step of the plan). */
  removeLast(): void {
    const index = this.ax.length - 1;
    if (index < 0) return;
    const { bucketM } = this;
    const ax = this.ax[index];
    const ay = this.ay[index];
    const bx = this.bx[index];
    const by = this.by[index];
    for (let col = Math.floor(Math.min(ax, bx) / bucketM); col <= Math.floor(Math.max(ax, bx) / bucketM); col++) {
      for (let row = Math.floor(Math.min(ay, by) / bucketM); row <= Math.floor(Math.max(ay, by) / bucketM); row++) {
        const key = this.key(col, row);
        const bucket = this.buckets.get(key) as number[];
        // segments enter buckets in index order, so the last one added is at the end
        bucket.pop();
        if (bucket.length === 0) this.buckets.delete(key);
      }
    }
    this.ax.pop();
    this.ay.pop();
    this.bx.pop();
    this.by.pop();
  }

  /** Distance from (x, y) to segment `s`; leaves the closest point in pointX, pointY. */
  distanceTo(s: number, x: number, y: number): number {
    const ax = this.ax[s];
    const ay = this.ay[s];
    const dx = this.bx[s] - ax;
    const dy = this.by[s] - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared)) : 0;
    this.pointX = ax + t * dx;
    this.pointY = ay + t * dy;
    return Math.hypot(x - this.pointX, y - this.pointY);
  }

  /**
   * Distance to the nearest point on any segment if it is below `maxM`, else Infinity. The point and segment
   * are left in pointX, pointY, segment.
   */
  nearest(x: number, y: number, maxM: number): number {
    this.segment = -1;
    if (this.length === 0) return Infinity;
    const { bucketM } = this;
    const col0 = Math.floor(x / bucketM);
    const row0 = Math.floor(y / bucketM);
    let best = maxM;
    // beyond this ring no bucket is occupied
    const lastRing = Math.max(
      Math.abs(col0 - this.minCol), Math.abs(col0 - this.maxCol), Math.abs(row0 - this.minRow), Math.abs(row0 - this.maxRow),
    );
    let bestX = 0;
    let bestY = 0;
    // ring k holds the buckets at Chebyshev distance k from the query's bucket: all of it is ≥ (k − 1) · bucketM away
    for (let ring = 0; ring <= lastRing && (ring - 1) * bucketM < best; ring++) {
      for (let col = col0 - ring; col <= col0 + ring; col++) {
        const onEdge = col === col0 - ring || col === col0 + ring;
        for (let row = row0 - ring; row <= row0 + ring; row += onEdge || ring === 0 ? 1 : 2 * ring) {
          const bucket = this.buckets.get(this.key(col, row));
          if (!bucket) continue;
          for (const s of bucket) {
            const d = this.distanceTo(s, x, y);
            if (d < best || (d === best && s < this.segment)) {
              best = d;
              bestX = this.pointX;
              bestY = this.pointY;
              this.segment = s;
            }
          }
        }
      }
    }
    this.pointX = bestX;
    this.pointY = bestY;
    return this.segment === -1 ? Infinity : best;
  }
}
