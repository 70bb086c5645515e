/**
 * Household points bucketed in a square grid over a `LocalPlane` (x = lon·kx0, y = lat·ky0 at the points' mean
 * latitude, ≈ metres), stored cell by cell (counting sort) so that a sweep along a cable reads
 * memory in order. Every query measures exact distances in each point's own local frame
 * (`pointSegmentDistanceM` with cheap-ruler's metres-per-degree at the point's latitude).
 *
 * A plane distance is at most `maxStretch` = max over points of max(kx0/kx, ky0/ky) times the local distance, so
 * growing plane searches by that factor never misses a point (≈ 1.002 across Hải Phòng).
 */
import { LocalPlane } from '../geo/local-plane.ts';
import type { HouseholdLocations } from '../model.ts';
import { latitudeScaleOf } from './latitude-scale.ts';

/** Upper bound on grid cells (memory: 4 bytes each); coarser cells beyond it, e.g. for a whole country. */
const MAX_CELLS = 4_000_000;

export class HouseholdGrid {
  /** The plane of the grid, with the tabulated factors of `latitudeScaleOf` at the reference latitude. */
  readonly plane: LocalPlane;
  readonly cellM: number;
  readonly maxStretch: number;
  /** Largest ratio of local to plane distance over all points: max(kx/kx0, ky/ky0). */
  readonly maxShrink: number;
  /** Number of points in the grid. */
  readonly length: number;
  /** Household index (into the household points) of each slot; slots are ordered cell by cell. */
  readonly household: Uint32Array;
  /** Per slot: lon, lat (degrees) and the point's metres per degree. */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly kx: Float64Array;
  readonly ky: Float64Array;

  private readonly minX: number;
  private readonly minY: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Slots of cell c are cellStart[c] … cellStart[c + 1] − 1. */
  private readonly cellStart: Uint32Array;

  /**
   * Grids the points `subset` (household indices; all points when omitted) with cells of about `cellM` metres.
   * `refLat`: latitude of the plane (default: mean latitude of the points).
   */
  constructor(households: HouseholdLocations, cellM: number, subset?: ArrayLike<number>, refLat?: number) {
    const n = subset ? subset.length : households.length;
    const indexOf = (i: number): number => (subset ? subset[i] : i);
    const pointLat = new Float64Array(n);
    let latSum = 0;
    for (let i = 0; i < n; i++) {
      pointLat[i] = households.lat[indexOf(i)];
      latSum += pointLat[i];
    }
    const scale = latitudeScaleOf(pointLat, refLat === undefined ? [] : [refLat]);
    const lat0 = refLat ?? (n > 0 ? latSum / n : 0);
    this.plane = new LocalPlane(scale.kxAt(lat0), scale.kyAt(lat0));
    const { kx: kx0, ky: ky0 } = this.plane;
    this.length = n;

    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let maxStretch = 1;
    let maxShrink = 1;
    const kxOf = new Float64Array(n);
    const kyOf = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const h = indexOf(i);
      const x = households.lon[h] * kx0;
      const y = households.lat[h] * ky0;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
      kxOf[i] = scale.kxAt(pointLat[i]);
      kyOf[i] = scale.kyAt(pointLat[i]);
      maxStretch = Math.max(maxStretch, this.plane.stretchFor(kxOf[i], kyOf[i]));
      maxShrink = Math.max(maxShrink, kxOf[i] / kx0, kyOf[i] / ky0);
    }
    if (n === 0) minX = minY = maxX = maxY = 0;
    this.maxStretch = maxStretch;
    this.maxShrink = maxShrink;
    const area = (maxX - minX + cellM) * (maxY - minY + cellM);
    this.cellM = Math.max(cellM, Math.sqrt(area / MAX_CELLS));
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor((maxX - minX) / this.cellM) + 1;
    this.rows = Math.floor((maxY - minY) / this.cellM) + 1;

    // counting sort of the points by cell
    const cellOf = new Uint32Array(n);
    this.cellStart = new Uint32Array(this.cols * this.rows + 1);
    for (let i = 0; i < n; i++) {
      const h = indexOf(i);
      const col = Math.floor((households.lon[h] * kx0 - minX) / this.cellM);
      const row = Math.floor((households.lat[h] * ky0 - minY) / this.cellM);
      cellOf[i] = row * this.cols + col;
      this.cellStart[cellOf[i] + 1]++;
    }
    for (let c = 0; c < this.cols * this.rows; c++) this.cellStart[c + 1] += this.cellStart[c];
    const fill = this.cellStart.slice(0, this.cols * this.rows);
    this.household = new Uint32Array(n);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.kx = new Float64Array(n);
    this.ky = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const slot = fill[cellOf[i]]++;
      const h = indexOf(i);
      this.household[slot] = h;
      this.lon[slot] = households.lon[h];
      this.lat[slot] = households.lat[h];
      this.kx[slot] = kxOf[i];
      this.ky[slot] = kyOf[i];
    }
  }

  /** Number of grid cells; the slots of cell c are `cellStartOf(c)` … `cellStartOf(c + 1)` − 1. */
  get cellCount(): number {
    return this.cols * this.rows;
  }

  cellStartOf(cell: number): number {
    return this.cellStart[cell];
  }

  /** Plane half-diagonal of a cell, in metres (≈ local metres within `maxStretch`). */
  get cellHalfDiagonalM(): number {
    return this.cellM * Math.SQRT1_2;
  }

  /**
   * Calls `visit(slot, distanceM)` for every point within `reachM` metres of the segment a–b (degrees; a point
   * when a = b), with its exact local distance. Cells wholly beyond reach of the segment are skipped.
   */
  forEachNearSegment(
    aLon: number,
    aLat: number,
    bLon: number,
    bLat: number,
    reachM: number,
    visit: (slot: number, distanceM: number) => void,
  ): void {
    if (this.length === 0) return;
    const grow = reachM * this.maxStretch;
    const { kx: kx0, ky: ky0 } = this.plane;
    const ax = aLon * kx0 - this.minX;
    const ay = aLat * ky0 - this.minY;
    const bx = bLon * kx0 - this.minX;
    const by = bLat * ky0 - this.minY;
    const { cellM, cols, rows } = this;
    const col0 = Math.max(0, Math.floor((Math.min(ax, bx) - grow) / cellM));
    const col1 = Math.min(cols - 1, Math.floor((Math.max(ax, bx) + grow) / cellM));
    const row0 = Math.max(0, Math.floor((Math.min(ay, by) - grow) / cellM));
    const row1 = Math.min(rows - 1, Math.floor((Math.max(ay, by) + grow) / cellM));
    // a cell can hold a point in reach only if its centre is within reach + half a diagonal of the segment
    const cellReach = grow + cellM * Math.SQRT1_2;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const reachSquared = reachM * reachM;
    for (let row = row0; row <= row1; row++) {
      const cy = (row + 0.5) * cellM;
      for (let col = col0; col <= col1; col++) {
        const start = this.cellStart[row * cols + col];
        const end = this.cellStart[row * cols + col + 1];
        if (start === end) continue;
        const cx = (col + 0.5) * cellM;
        let px = cx - ax;
        let py = cy - ay;
        if (lengthSquared > 0) {
          const t = Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSquared));
          px -= t * dx;
          py -= t * dy;
        }
        if (px * px + py * py > cellReach * cellReach) continue;
        for (let slot = start; slot < end; slot++) {
          // pointSegmentDistanceM inlined, square root only for points in reach (most tested points are not)
          const kx = this.kx[slot];
          const ky = this.ky[slot];
          let qx = (this.lon[slot] - aLon) * kx;
          let qy = (this.lat[slot] - aLat) * ky;
          const sx = (bLon - aLon) * kx;
          const sy = (bLat - aLat) * ky;
          const sLengthSquared = sx * sx + sy * sy;
          if (sLengthSquared > 0) {
            const t = Math.min(1, Math.max(0, (qx * sx + qy * sy) / sLengthSquared));
            qx -= t * sx;
            qy -= t * sy;
          }
          const dSquared = qx * qx + qy * qy;
          if (dSquared <= reachSquared) visit(slot, Math.sqrt(dSquared));
        }
      }
    }
  }
}
