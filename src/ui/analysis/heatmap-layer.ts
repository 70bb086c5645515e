/**
 * The RSRP heat map on the map: the worker's grid (core/coverage/rsrp-heatmap.ts) coloured once into an image of
 * one pixel per grid cell, drawn onto the overlay canvas in bands of rows, each band placed by the Web Mercator y of
 * its edges (the grid is regular in latitude, the map is not), nearest-neighbour so every grid cell stays a square
 * of one colour. Labelled as a model prediction in the map's attribution line.
 */
import type { RsrpHeatmap } from '../../core/coverage/rsrp-heatmap.ts';
import { CanvasOverlay, type CanvasView } from '../map/canvas-overlay.ts';
import { mercatorX, mercatorY } from '../map/web-mercator.ts';
import { heatmapRgb, type HeatmapStop } from './heatmap-colours.ts';

/** Grid rows per band: over a band's few km the Mercator stretch varies by < 10⁻⁶, so a linear scale within it is exact to the pixel. */
const ROWS_PER_BAND = 32;

export class HeatmapLayer extends CanvasOverlay {
  private heatmap: RsrpHeatmap | null = null;
  private image: HTMLCanvasElement | null = null;

  constructor(paneName: string, attribution: string) {
    super(paneName);
    this.options.attribution = attribution;
  }

  /** The attribution line ("model prediction") of the layer, in the current language. */
  setAttribution(text: string): void {
    const control = this._map?.attributionControl;
    control?.removeAttribution(this.options.attribution ?? '');
    this.options.attribution = text;
    control?.addAttribution(text);
  }

  /** Colours the grid (once per heat map or colour change) and redraws. */
  setHeatmap(heatmap: RsrpHeatmap | null, stops: readonly HeatmapStop[]): void {
    this.heatmap = heatmap;
    this.image = heatmap === null ? null : colourImage(heatmap, stops);
    this.redraw();
  }

  protected isBlank(): boolean {
    return this.heatmap === null || this.image === null;
  }

  protected draw(context: CanvasRenderingContext2D, view: CanvasView): void {
    const heatmap = this.heatmap;
    const image = this.image;
    if (heatmap === null || image === null) return;
    const { grid } = heatmap;
    const toDevice = view.pixelRatio;
    context.save();
    // device pixels: band edges are rounded to whole device pixels so neighbouring bands meet without a seam
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.imageSmoothingEnabled = false;
    const x = (lon: number): number => Math.round((mercatorX(lon) * view.worldSizePx - view.originXPx) * toDevice);
    const y = (lat: number): number => Math.round((mercatorY(lat) * view.worldSizePx - view.originYPx) * toDevice);
    const west = x(grid.westLon);
    const east = x(grid.westLon + grid.columns * grid.cellLonDeg);
    for (let j0 = 0; j0 < grid.rows; j0 += ROWS_PER_BAND) {
      const rows = Math.min(ROWS_PER_BAND, grid.rows - j0);
      const top = y(grid.southLat + (j0 + rows) * grid.cellLatDeg);
      const bottom = y(grid.southLat + j0 * grid.cellLatDeg);
      if (bottom <= 0 || top >= context.canvas.height || bottom <= top) continue;
      // the image's first row is the grid's northernmost
      context.drawImage(image, 0, grid.rows - j0 - rows, grid.columns, rows, west, top, east - west, bottom - top);
    }
    context.restore();
  }
}

/** One pixel per grid cell, north up, transparent off land. */
function colourImage(heatmap: RsrpHeatmap, stops: readonly HeatmapStop[]): HTMLCanvasElement {
  const { grid, rsrpDbm } = heatmap;
  const canvas = document.createElement('canvas');
  canvas.width = grid.columns;
  canvas.height = grid.rows;
  const context = canvas.getContext('2d');
  if (context === null) return canvas;
  const image = context.createImageData(grid.columns, grid.rows);
  const pixels = image.data;
  for (let j = 0; j < grid.rows; j++) {
    const row = grid.rows - 1 - j;
    for (let i = 0; i < grid.columns; i++) {
      const rgb = heatmapRgb(rsrpDbm[j * grid.columns + i], stops);
      if (rgb === null) continue;
      const p = (row * grid.columns + i) * 4;
      pixels[p] = rgb[0];
      pixels[p + 1] = rgb[1];
      pixels[p + 2] = rgb[2];
      pixels[p + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}
