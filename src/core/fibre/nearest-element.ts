/**
 * Exact nearest passing element (route piece or access node) to any point, through a flatbush of the elements'
 * boxes in a `LocalPlane` (≈ metres).
 *
 * The plane only prunes; distances are measured in the local frame of the query point (`pointSegmentDistanceM`
 * with the point's own metres-per-degree). A plane distance is at most `plane.stretchFor(kx, ky)` times the
 * local one, so searching the plane box of radius d·stretch never misses an element within d metres.
 */
import Flatbush from 'flatbush';
import type { LocalPlane } from '../geo/local-plane.ts';
import { pointSegmentDistanceM } from './latitude-scale.ts';
import type { PassingElements } from './passing-elements.ts';

export class NearestElementIndex {
  /** Element found by the last `nearest` call, −1 when none. */
  element = -1;

  private readonly tree: Flatbush | null;
  private best = Infinity;
  private queryLon = 0;
  private queryLat = 0;
  private queryKx = 0;
  private queryKy = 0;

  constructor(
    private readonly elements: PassingElements,
    private readonly plane: LocalPlane,
  ) {
    const { kx: kx0, ky: ky0 } = plane;
    if (elements.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(elements.length);
    for (let e = 0; e < elements.length; e++) {
      const ax = elements.aLon[e] * kx0;
      const ay = elements.aLat[e] * ky0;
      const bx = elements.bLon[e] * kx0;
      const by = elements.bLat[e] * ky0;
      tree.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    tree.finish();
    this.tree = tree;
  }

  /** Local-frame distance (metres) from the current query point to element `e`; keeps the closest. */
  private readonly visit = (e: number): boolean => {
    const { elements } = this;
    const d = pointSegmentDistanceM(
      this.queryLon, this.queryLat,
      elements.aLon[e], elements.aLat[e], elements.bLon[e], elements.bLat[e],
      this.queryKx, this.queryKy,
    );
    if (d < this.best || (d === this.best && e < this.element)) {
      this.best = d;
      this.element = e;
    }
    return false;
  };

  /** Local-frame distance in metres from (lon, lat) to element `e` (`kx`, `ky`: metres per degree at the point). */
  distanceTo(e: number, lon: number, lat: number, kx: number, ky: number): number {
    const { elements } = this;
    return pointSegmentDistanceM(lon, lat, elements.aLon[e], elements.aLat[e], elements.bLon[e], elements.bLat[e], kx, ky);
  }

  /** Appends to `out` every element that may lie within `radiusM` metres of (lon, lat) (a superset: boxes). */
  collectWithin(lon: number, lat: number, kx: number, ky: number, radiusM: number, out: number[]): void {
    if (this.tree === null) return;
    const x = lon * this.plane.kx;
    const y = lat * this.plane.ky;
    const r = radiusM * this.plane.stretchFor(kx, ky);
    this.tree.search(x - r, y - r, x + r, y + r, (e) => {
      out.push(e);
      return false;
    });
  }

  /**
   * Distance in metres from (lon, lat) to the nearest element, or Infinity when none lies within `limitM`.
   * `kx`, `ky`: metres per degree at the point. `boundM`: a known upper bound (an element at most that far), or
   * Infinity. The element is left in `this.element`.
   */
  nearest(lon: number, lat: number, kx: number, ky: number, limitM: number, boundM = Infinity): number {
    this.element = -1;
    this.best = Infinity;
    if (this.tree === null) return Infinity;
    this.queryLon = lon;
    this.queryLat = lat;
    this.queryKx = kx;
    this.queryKy = ky;
    const x = lon * this.plane.kx;
    const y = lat * this.plane.ky;
    const stretch = this.plane.stretchFor(kx, ky);
    let radiusM = Math.min(boundM, limitM);
    if (radiusM === Infinity || radiusM === limitM) {
      // the element with the nearest box gives a first bound, then every box within it is measured exactly
      const [first] = this.tree.neighbors(x, y, 1, limitM * stretch);
      if (first === undefined) return Infinity;
      this.visit(first);
      radiusM = Math.min(radiusM, this.best);
    }
    const r = radiusM * stretch;
    this.tree.search(x - r, y - r, x + r, y + r, this.visit);
    return this.best <= limitM ? this.best : Infinity;
  }
}
