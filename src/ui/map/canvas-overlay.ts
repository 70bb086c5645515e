/**
 * Base of the dense canvas layers (households, cells): one canvas a little larger than the map view, redrawn in
 * one pass after each move or zoom, and scaled with CSS during zoom animations like Leaflet's own renderers.
 * Subclasses draw in world-pixel terms through `CanvasView`; no per-feature DOM nodes or Leaflet objects.
 */
import L from 'leaflet';

/** Where the canvas sits in Leaflet's global pixel space at the current zoom. */
export interface CanvasView {
  zoom: number;
  /** 256 · 2^zoom: world units (web-mercator.ts) → CSS pixels. */
  worldSizePx: number;
  /** Global pixel coordinates of the canvas's top-left corner. */
  originXPx: number;
  originYPx: number;
  widthPx: number;
  heightPx: number;
  /** Device pixels per CSS pixel (the canvas is drawn at device resolution). */
  pixelRatio: number;
  /** Latitude at the view's centre (for metres per pixel). */
  centreLatDeg: number;
}

/** Extra canvas around the view on each side, as a fraction of its size, so short pans show no empty edge. */
const PADDING = 0.25;

export abstract class CanvasOverlay extends L.Layer {
  protected canvas: HTMLCanvasElement | null = null;
  protected view: CanvasView | null = null;
  private topLeft: L.LatLng | null = null;
  private frame = 0;
  /** The canvas shows nothing: new, resized (which clears it) or left blank by the last paint. */
  private blank = true;

  constructor(private readonly paneName: string) {
    super();
  }

  override onAdd(map: L.Map): this {
    const canvas = L.DomUtil.create('canvas', 'phusong-canvas leaflet-zoom-animated');
    const pane = map.getPane(this.paneName);
    if (pane === undefined) throw new Error(`map pane "${this.paneName}" does not exist: create it before adding the layer`);
    pane.appendChild(canvas);
    this.canvas = canvas;
    map.on('moveend viewreset resize', this.reset, this);
    map.on('zoomanim', this.animateZoom, this);
    this.reset();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend viewreset resize', this.reset, this);
    map.off('zoomanim', this.animateZoom, this);
    cancelAnimationFrame(this.frame);
    this.canvas?.remove();
    this.canvas = null;
    this.view = null;
    return this;
  }

  /** Redraws at the next animation frame (several calls in one frame draw once). */
  redraw(): void {
    if (this.canvas === null || this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /** Draws everything; `context` is scaled so one unit is one CSS pixel. */
  protected abstract draw(context: CanvasRenderingContext2D, view: CanvasView): void;

  /**
   * Brings the picture of the same view up to date in place, when a layer can tell what changed since its last
   * draw (a cell edit recolours a few thousand of 600,000 points); false to have everything drawn afresh.
   */
  protected drawChanges(_context: CanvasRenderingContext2D, _view: CanvasView): boolean {
    return false;
  }

  /**
   * True when there is nothing to draw (no data yet): the canvas is then left blank without clearing or drawing
   * it, which on a first paint, before the data arrive, costs a fresh canvas's backing store and a full-size pass.
   */
  protected abstract isBlank(): boolean;

  /** Canvas-local CSS pixel of a point given in world units. */
  protected static toCanvasPx(view: CanvasView, worldX: number, worldY: number): [number, number] {
    return [worldX * view.worldSizePx - view.originXPx, worldY * view.worldSizePx - view.originYPx];
  }

  private reset(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (map === undefined || map === null || canvas === null) return;
    const size = map.getSize();
    const pad = size.multiplyBy(PADDING).round();
    const topLeftLayerPx = map.containerPointToLayerPoint(pad.multiplyBy(-1));
    const widthPx = size.x + 2 * pad.x;
    const heightPx = size.y + 2 * pad.y;
    const pixelRatio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(canvas, topLeftLayerPx);
    canvas.width = Math.round(widthPx * pixelRatio);
    canvas.height = Math.round(heightPx * pixelRatio);
    this.blank = true;
    canvas.style.width = `${widthPx}px`;
    canvas.style.height = `${heightPx}px`;
    const origin = map.getPixelOrigin().add(topLeftLayerPx);
    const zoom = map.getZoom();
    this.topLeft = map.layerPointToLatLng(topLeftLayerPx);
    this.view = {
      zoom,
      worldSizePx: 256 * 2 ** zoom,
      originXPx: origin.x,
      originYPx: origin.y,
      widthPx,
      heightPx,
      pixelRatio,
      centreLatDeg: map.getCenter().lat,
    };
    this.paint();
  }

  private paint(): void {
    const canvas = this.canvas;
    const view = this.view;
    if (canvas === null || view === null) return;
    if (this.blank && this.isBlank()) return;
    const context = canvas.getContext('2d');
    if (context === null) return;
    if (!this.blank && !this.isBlank() && this.drawChanges(context, view)) return;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    this.blank = this.isBlank();
    if (this.blank) return;
    context.setTransform(view.pixelRatio, 0, 0, view.pixelRatio, 0, 0);
    this.draw(context, view);
  }

  /** During a zoom animation, scales the current picture about the new centre (as L.Renderer does). */
  private animateZoom(event: L.ZoomAnimEvent): void {
    const map = this._map;
    if (this.canvas === null || this.topLeft === null) return;
    const scale = map.getZoomScale(event.zoom, map.getZoom());
    const mapPanePx = L.DomUtil.getPosition(map.getPane('mapPane') as HTMLElement);
    const newPixelOrigin = map.project(event.center, event.zoom).subtract(map.getSize().divideBy(2)).add(mapPanePx).round();
    const offset = map.project(this.topLeft, event.zoom).subtract(newPixelOrigin);
    L.DomUtil.setTransform(this.canvas, offset, scale);
  }
}
