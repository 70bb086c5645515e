/**
 * A plane of scaled degrees: x = lon·kx, y = lat·ky with the WGS84 metres per degree (cheap-ruler's factors) at a
 * reference latitude, so that plane units are ≈ metres near it. Spatial indexes (kdbush, flatbush, grids) work
 * in this plane because it is cheap; distances are then measured exactly in each point's own local frame.
 *
 * Away from the reference latitude the plane is stretched: a plane distance is at most `stretchFor(kx, ky)` times
 * the same distance measured with the factors (kx, ky) of another latitude, so a plane search of radius
 * d · stretch never misses a point within d metres.
 */
import CheapRuler from 'cheap-ruler';

/** Slack on the cheap-ruler stretch bounds: rounding of the plane coordinates must never drop a point at the edge. */
const STRETCH_SLACK = 1.001;

export class LocalPlane {
  /**
   * @param kx metres per degree of longitude at the reference latitude
   * @param ky metres per degree of latitude at the reference latitude
   */
  constructor(
    readonly kx: number,
    readonly ky: number,
  ) {}

  /** The plane at latitude `lat` (degrees), with cheap-ruler's factors. */
  static at(lat: number): LocalPlane {
    const ruler = new CheapRuler(lat, 'meters');
    return new LocalPlane(ruler.kx, ruler.ky);
  }

  /** The plane at the mean of the first `count` latitudes (all by default); the equator when there are none. */
  static atMeanOf(lat: ArrayLike<number>, count = lat.length): LocalPlane {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += lat[i];
    return LocalPlane.at(count > 0 ? sum / count : 0);
  }

  /** Exact bound of plane distance over the distance measured with factors (kx, ky) (not below 1 when equal). */
  stretchFor(kx: number, ky: number): number {
    return Math.max(this.kx / kx, this.ky / ky);
  }

  /**
   * Bound of plane distance over cheap-ruler ground distance for any frame at latitudes in [minLat, maxLat],
   * at least 1, with 0.1 % slack for rounding. The factors change monotonically with latitude, so the band's
   * ends bound it. Non-finite ends (no data) are ignored.
   */
  stretchOver(minLat: number, maxLat: number): number {
    let stretch = 1;
    for (const lat of [minLat, maxLat]) {
      if (!Number.isFinite(lat)) continue;
      const ruler = new CheapRuler(lat, 'meters');
      stretch = Math.max(stretch, this.stretchFor(ruler.kx, ruler.ky));
    }
    return stretch * STRETCH_SLACK;
  }

  /**
   * The plane extent of the points i < `length` that `keep` accepts (all by default); null when there is none.
   */
  extentOf(lon: ArrayLike<number>, lat: ArrayLike<number>, length: number, keep?: (i: number) => boolean): PlaneExtent | null {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < length; i++) {
      if (keep !== undefined && !keep(i)) continue;
      const x = lon[i] * this.kx;
      const y = lat[i] * this.ky;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    return minX <= maxX ? { minX, minY, maxX, maxY } : null;
  }
}

/** A rectangle in plane units (≈ metres). */
export interface PlaneExtent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
