/**
 * Radius queries over points given in lon/lat, in metres: a kdbush index in a plane of scaled degrees
 * (x = lon·kx, y = lat·ky with cheap-ruler's WGS84 metres per degree at the points' mean latitude).
 */
import CheapRuler from 'cheap-ruler';
import KDBush from 'kdbush';

export class PointIndex {
  private readonly index: KDBush;
  private readonly kx0: number;
  private readonly ky0: number;
  private readonly found: Uint32Array;
  private readonly size: number;

  /** Indexes points (lon[k], lat[k]); queries return indices k. */
  constructor(lon: ArrayLike<number>, lat: ArrayLike<number>) {
    this.size = lon.length;
    let latSum = 0;
    for (let k = 0; k < this.size; k++) latSum += lat[k];
    const ruler = new CheapRuler(this.size > 0 ? latSum / this.size : 0, 'meters');
    this.kx0 = ruler.kx;
    this.ky0 = ruler.ky;
    this.index = new KDBush(Math.max(this.size, 1), 64, Float64Array);
    for (let k = 0; k < this.size; k++) this.index.add(lon[k] * this.kx0, lat[k] * this.ky0);
    // kdbush needs at least one point; queries on an empty index return before searching
    if (this.size === 0) this.index.add(0, 0);
    this.index.finish();
    this.found = new Uint32Array(Math.max(this.size, 1));
  }

  /**
   * Indices of the points possibly within `radiusM` of (lon, lat) — never fewer, maybe a few more, so callers
   * check the exact distance — in a buffer reused by the next call; returns [buffer, count].
   */
  within(lon: number, lat: number, radiusM: number): [Uint32Array, number] {
    if (this.size === 0 || !(radiusM > 0)) return [this.found, 0];
    // the plane is scaled at the mean latitude: widen the radius by the scale mismatch at `lat`
    const local = new CheapRuler(lat, 'meters');
    const stretch = Math.max(1, this.kx0 / local.kx, this.ky0 / local.ky) * 1.001;
    return [this.found, this.index.withinInto(lon * this.kx0, lat * this.ky0, radiusM * stretch, this.found)];
  }
}
