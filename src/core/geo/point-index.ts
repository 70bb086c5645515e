/**
 * The one point index of the core: a kdbush over points in a `LocalPlane`, queried by a radius in metres (ground
 * distance, cheap-ruler) or directly in plane units. Queries return a superset (never fewer points, maybe a few
 * more), so callers check the exact distance.
 */
import KDBush from 'kdbush';
import { LocalPlane } from './local-plane.ts';

export class LocalPointIndex {
  /** Number of points indexed. */
  readonly size: number;
  private readonly index: KDBush;
  private readonly found: Uint32Array;

  /**
   * Indexes points given in plane units (x[k], y[k]); queries return indices k. `nodeSize`: kdbush leaf size
   * (64 suits radius queries over many points, 16 small indexes queried very often).
   */
  constructor(
    readonly plane: LocalPlane,
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    nodeSize = 64,
  ) {
    this.size = x.length;
    this.index = new KDBush(Math.max(this.size, 1), nodeSize, Float64Array);
    for (let k = 0; k < this.size; k++) this.index.add(x[k], y[k]);
    // kdbush needs at least one point: a far-away placeholder that no query reaches
    if (this.size === 0) this.index.add(Infinity, Infinity);
    this.index.finish();
    this.found = new Uint32Array(Math.max(this.size, 1));
  }

  /** Indexes points given in degrees (lon[k], lat[k]) in `plane` (default: the plane at their mean latitude). */
  static ofLonLat(lon: ArrayLike<number>, lat: ArrayLike<number>, plane = LocalPlane.atMeanOf(lat), nodeSize = 64): LocalPointIndex {
    const x = new Float64Array(lon.length);
    const y = new Float64Array(lat.length);
    for (let k = 0; k < lon.length; k++) {
      x[k] = lon[k] * plane.kx;
      y[k] = lat[k] * plane.ky;
    }
    return new LocalPointIndex(plane, x, y, nodeSize);
  }

  /**
   * Indices of the points possibly within `radiusM` metres of (lon, lat), in a buffer reused by the next call;
   * returns [buffer, count]. The radius is widened by the plane's stretch at `lat`.
   */
  within(lon: number, lat: number, radiusM: number): [Uint32Array, number] {
    if (this.size === 0 || !(radiusM > 0)) return [this.found, 0];
    const stretch = this.plane.stretchOver(lat, lat);
    return [this.found, this.index.withinInto(lon * this.plane.kx, lat * this.plane.ky, radiusM * stretch, this.found)];
  }

  /** Writes into `out` the indices of the points within plane radius `radius` of the plane point (x, y); returns how many. */
  withinPlane(x: number, y: number, radius: number, out: Uint32Array): number {
    if (this.size === 0) return 0;
    return this.index.withinInto(x, y, radius, out);
  }

  /** Indices of the points in the plane box [minX, maxX] × [minY, maxY]. */
  range(minX: number, minY: number, maxX: number, maxY: number): number[] {
    if (this.size === 0) return [];
    return this.index.range(minX, minY, maxX, maxY);
  }
}
