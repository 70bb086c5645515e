/**
 * Households on one canvas: every point is a square sized by its household count, accumulated into a weight
 * per device pixel and coloured in a single pass (ImageData), so 600,000 points draw in milliseconds with no
 * DOM node or Leaflet object per point. Overlapping points add up: denser settlement reads darker.
 */
import type { HouseholdPoints } from '../../core/model.ts';
import { CanvasOverlay, type CanvasView } from './canvas-overlay.ts';
import { metresPerWorldUnit, projectPointsOnce } from './web-mercator.ts';
import { squareRoots, tabulatedAlpha } from './household-pixels.ts';

/** Ground radius of a one-household point; a point of count n gets √n times it (area ∝ households). */
const RADIUS_M_PER_SQRT_COUNT = 4;
/** Largest square drawn, CSS px, so big blocks of flats do not hide their neighbours. */
const MAX_SIDE_PX = 18;
/** RGB of household points. */
export const HOUSEHOLD_RGB: readonly [number, number, number] = [92, 60, 140];

/** What the layer draws of the households: where they are and how many each point holds. */
export type HouseholdCoordinates = Pick<HouseholdPoints, 'lon' | 'lat' | 'count'>;

export class HouseholdLayer extends CanvasOverlay {
  private households: HouseholdCoordinates | null = null;
  private x: Float64Array = new Float64Array(0);
  private y: Float64Array = new Float64Array(0);
  private count: Uint32Array = new Uint32Array(0);
  private sqrtCount = new Float32Array(0);
  private weights = new Float32Array(0);
  private image: ImageData | null = null;

  constructor(paneName: string) {
    super(paneName);
  }

  /**
   * Replaces the points (projected once here, not per redraw). The same arrays again (the first paint's, committed
   * by the app: first-paint.ts) keep the drawing.
   */
  setHouseholds(households: HouseholdCoordinates | null): void {
    const lon = households?.lon ?? new Float64Array(0);
    const lat = households?.lat ?? new Float64Array(0);
    // the app's households are its own object, unpacked from the reply the first paint drew: the same arrays
    const previous = this.households;
    if (households !== null && previous !== null && households.lon === previous.lon && households.lat === previous.lat && households.count === previous.count) return;
    this.households = households;
    ({ x: this.x, y: this.y } = projectPointsOnce(lon, lat));
    this.count = households?.count ?? new Uint32Array(0);
    this.sqrtCount = squareRoots(this.count);
    this.redraw();
  }

  protected isBlank(): boolean {
    return this.x.length === 0;
  }

  protected draw(context: CanvasRenderingContext2D, view: CanvasView): void {
    const widthDev = context.canvas.width;
    const heightDev = context.canvas.height;
    if (this.weights.length !== widthDev * heightDev) this.weights = new Float32Array(widthDev * heightDev);
    else this.weights.fill(0);
    const weights = this.weights;
    const ratio = view.pixelRatio;
    const scale = view.worldSizePx * ratio;
    const originX = view.originXPx * ratio;
    const originY = view.originYPx * ratio;
    const metresPerDevicePx = metresPerWorldUnit(view.centreLatDeg) / scale;
    const sidePerSqrtCount = (2 * RADIUS_M_PER_SQRT_COUNT) / metresPerDevicePx;
    const maxSide = Math.round(MAX_SIDE_PX * ratio);
    const minSide = Math.max(1, Math.round(ratio));
    // the rectangle of pixels any point covers: only it is coloured and put (the canvas was cleared, and at city
    // zoom the padded canvas is mostly outside the city)
    let minColumn = widthDev;
    let minRow = heightDev;
    let endColumn = 0;
    let endRow = 0;
    for (let i = 0; i < this.x.length; i++) {
      const side = Math.min(maxSide, Math.max(minSide, Math.round(sidePerSqrtCount * this.sqrtCount[i])));
      const left = Math.floor(this.x[i] * scale - originX - side / 2);
      const top = Math.floor(this.y[i] * scale - originY - side / 2);
      if (left >= widthDev || top >= heightDev || left + side <= 0 || top + side <= 0) continue;
      const weight = this.count[i];
      const x0 = Math.max(0, left);
      const x1 = Math.min(widthDev, left + side);
      const y0 = Math.max(0, top);
      const y1 = Math.min(heightDev, top + side);
      for (let row = y0; row < y1; row++) {
        const offset = row * widthDev;
        for (let column = x0; column < x1; column++) weights[offset + column] += weight;
      }
      if (x0 < minColumn) minColumn = x0;
      if (x1 > endColumn) endColumn = x1;
      if (y0 < minRow) minRow = y0;
      if (y1 > endRow) endRow = y1;
    }
    if (endColumn <= minColumn || endRow <= minRow) return;

    if (this.image === null || this.image.width !== widthDev || this.image.height !== heightDev) {
      this.image = context.createImageData(widthDev, heightDev);
    }
    const pixels = new Uint32Array(this.image.data.buffer);
    const [red, green, blue] = HOUSEHOLD_RGB;
    const rgb = (blue << 16) | (green << 8) | red;
    for (let row = minRow; row < endRow; row++) {
      const offset = row * widthDev;
      for (let p = offset + minColumn; p < offset + endColumn; p++) {
        // weights are sums of whole household counts
        const weight = weights[p] | 0;
        pixels[p] = weight === 0 ? 0 : ((tabulatedAlpha(weight) << 24) | rgb) >>> 0;
      }
    }
    context.putImageData(this.image, 0, 0, minColumn, minRow, endColumn - minColumn, endRow - minRow);
  }
}
