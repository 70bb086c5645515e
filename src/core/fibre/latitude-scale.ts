/**
 * Metres per degree of longitude and latitude at any latitude of the data, tabulated every 0.01° from
 * cheap-ruler's WGS84 factors (Mapbox cheap-ruler: normal and meridional radii of curvature). One table serves
 * every household, so distances from 600,000 points need no per-point ruler object.
 *
 * Accuracy: cheap-ruler's local approximation is within 0.1 % of the geodesic at city scale; taking the factors at
 * the nearest 0.01° row instead of the exact latitude changes them by < 1e-5 (relative).
 */
import CheapRuler from 'cheap-ruler';

const STEP_DEG = 0.01;

export class LatitudeScale {
  private readonly kx: Float64Array;
  private readonly ky: Float64Array;
  private readonly firstRow: number;

  /** Covers [minLat, maxLat]; latitudes outside are clamped to the nearest row. */
  constructor(minLat: number, maxLat: number) {
    if (!(minLat <= maxLat)) throw new Error(`LatitudeScale needs minLat ≤ maxLat, got ${minLat}, ${maxLat}`);
    this.firstRow = Math.floor(minLat / STEP_DEG);
    const rows = Math.round(maxLat / STEP_DEG) - this.firstRow + 2;
    this.kx = new Float64Array(rows);
    this.ky = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      const ruler = new CheapRuler((this.firstRow + row) * STEP_DEG, 'meters');
      this.kx[row] = ruler.kx;
      this.ky[row] = ruler.ky;
    }
  }

  private row(lat: number): number {
    const row = Math.round(lat / STEP_DEG) - this.firstRow;
    return row < 0 ? 0 : row >= this.kx.length ? this.kx.length - 1 : row;
  }

  /** Metres per degree of longitude at `lat` (degrees). */
  kxAt(lat: number): number {
    return this.kx[this.row(lat)];
  }

  /** Metres per degree of latitude at `lat` (degrees). */
  kyAt(lat: number): number {
    return this.ky[this.row(lat)];
  }
}

/** The scale covering every latitude in `lat` (an empty array gives the equator). */
export function latitudeScaleOf(...latitudes: ArrayLike<number>[]): LatitudeScale {
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const values of latitudes) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] < minLat) minLat = values[i];
      if (values[i] > maxLat) maxLat = values[i];
    }
  }
  return minLat <= maxLat ? new LatitudeScale(minLat, maxLat) : new LatitudeScale(0, 0);
}

/**
 * Ground distance in metres from the point (lon, lat) to the segment a–b (all in degrees), in the local
 * equirectangular frame of the point: x = Δlon·kx, y = Δlat·ky with the point's factors (as cheap-ruler's
 * `pointToSegmentDistance`). A zero-length segment is a point. No antimeridian wrap (not needed for Vietnam).
 */
export function pointSegmentDistanceM(
  lon: number,
  lat: number,
  aLon: number,
  aLat: number,
  bLon: number,
  bLat: number,
  kx: number,
  ky: number,
): number {
  let px = (lon - aLon) * kx;
  let py = (lat - aLat) * ky;
  const dx = (bLon - aLon) * kx;
  const dy = (bLat - aLat) * ky;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared > 0) {
    let t = (px * dx + py * dy) / lengthSquared;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    px -= t * dx;
    py -= t * dy;
  }
  return Math.sqrt(px * px + py * py);
}
