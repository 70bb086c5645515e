/**
 * Household points coloured by a class per point (signal class, fibre passed/unpassed) on one canvas, in one
 * ImageData pass (`ClassRaster`). No DOM node or Leaflet object per point; 600,000 points redraw in tens of
 * milliseconds, and after a cell edit only the rectangle around the points whose class changed.
 */
import type { HouseholdPoints } from '../../core/model.ts';
import { CanvasOverlay, type CanvasView } from '../map/canvas-overlay.ts';
import { ClassRaster, type PixelRect, type PointSquares } from './class-raster.ts';
import { squareRoots } from '../map/household-pixels.ts';
import { metresPerWorldUnit, projectPointsOnce } from '../map/web-mercator.ts';

/** Ground radius of a one-household point; a point of count n gets √n times it (area ∝ households). */
const RADIUS_M_PER_SQRT_COUNT = 4;
const MIN_SIDE_PX = 2;
const MAX_SIDE_PX = 14;

/** RGBA per class index (0–255 each); null = points of that class are not drawn. */
export type ClassPalette = ReadonlyArray<readonly [number, number, number, number] | null>;

export class ClassedPointLayer extends CanvasOverlay {
  private x: Float64Array = new Float64Array(0);
  private y: Float64Array = new Float64Array(0);
  private sqrtCount = new Float32Array(0);
  private classes: Uint8Array = new Uint8Array(0);
  private palette: ClassPalette = [];
  private raster: ClassRaster | null = null;
  private image: ImageData | null = null;
  /** What the canvas shows: the view, points and palette of the last paint (its classes are in the raster). */
  private drawn: { view: CanvasView; x: Float64Array; palette: ClassPalette; classCount: number } | null = null;

  constructor(paneName: string) {
    super(paneName);
  }

  /** Replaces the points (projected once here, not per redraw). */
  setPoints(households: HouseholdPoints | null): void {
    ({ x: this.x, y: this.y } = projectPointsOnce(households?.lon ?? [], households?.lat ?? []));
    this.sqrtCount = squareRoots(households?.count ?? []);
    this.redraw();
  }

  /** Class per point (indexed like the points) and the colour of each class. */
  setClasses(classes: Uint8Array, palette: ClassPalette): void {
    this.classes = classes;
    this.palette = palette;
    this.redraw();
  }

  protected isBlank(): boolean {
    return this.x.length === 0;
  }

  protected draw(context: CanvasRenderingContext2D, view: CanvasView): void {
    const { width, height } = context.canvas;
    if (this.raster === null || this.raster.width !== width || this.raster.height !== height) {
      this.raster = new ClassRaster(width, height);
      this.image = new ImageData(new Uint8ClampedArray(this.raster.words.buffer), width, height);
    }
    this.paintRect(context, view, { x0: 0, y0: 0, x1: width, y1: height });
  }

  /** Only the points whose class changed, when the points, palette and view are those of the last paint. */
  protected override drawChanges(context: CanvasRenderingContext2D, view: CanvasView): boolean {
    const drawn = this.drawn;
    if (drawn === null || this.raster === null || drawn.view !== view || drawn.x !== this.x || drawn.palette !== this.palette || drawn.classCount !== this.classes.length) {
      return false;
    }
    const rect = this.raster.changedRect(this.squares(view), this.classes);
    if (rect !== null) this.paintRect(context, view, rect);
    return true;
  }

  private paintRect(context: CanvasRenderingContext2D, view: CanvasView, rect: PixelRect): void {
    const raster = this.raster!;
    // little-endian ABGR words, one per class
    const colours = this.palette.map((rgba) => (rgba === null ? null : ((rgba[3] << 24) | (rgba[2] << 16) | (rgba[1] << 8) | rgba[0]) >>> 0));
    raster.paint(this.squares(view), this.classes, colours, rect);
    context.putImageData(this.image!, 0, 0, rect.x0, rect.y0, rect.x1 - rect.x0, rect.y1 - rect.y0);
    this.drawn = { view, x: this.x, palette: this.palette, classCount: this.classes.length };
  }

  /** The points' squares in the device pixels of `view`. */
  private squares(view: CanvasView): PointSquares {
    const ratio = view.pixelRatio;
    const scale = view.worldSizePx * ratio;
    return {
      x: this.x,
      y: this.y,
      sqrtCount: this.sqrtCount,
      scale,
      originX: view.originXPx * ratio,
      originY: view.originYPx * ratio,
      sidePerSqrtCount: (2 * RADIUS_M_PER_SQRT_COUNT * scale) / metresPerWorldUnit(view.centreLatDeg),
      maxSide: Math.round(MAX_SIDE_PX * ratio),
      minSide: Math.max(1, Math.round(MIN_SIDE_PX * ratio)),
    };
  }
}
