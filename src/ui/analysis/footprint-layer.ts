/**
 * A cell's footprint on the map: the households it serves (its best-server area, from the worker) drawn as rings
 * above the classed points, so the served area stands out whatever colouring is shown. Canvas, one path per redraw.
 */
import type { HouseholdPoints } from '../../core/model.ts';
import { CanvasOverlay, type CanvasView } from '../map/canvas-overlay.ts';
import { mercatorX, mercatorY } from '../map/web-mercator.ts';

/** Ring colour (a cyan not used by any class palette) and the dark halo that keeps it visible over light fills. */
export const FOOTPRINT_RGB: readonly [number, number, number] = [0, 229, 255];
const HALO = 'rgba(0, 40, 60, 0.9)';
const RING_RADIUS_PX = 4.5;

export class FootprintLayer extends CanvasOverlay {
  private x = new Float64Array(0);
  private y = new Float64Array(0);

  /** Shows the households `members` (indices into `households`); an empty list draws nothing. */
  setFootprint(households: HouseholdPoints, members: Uint32Array): void {
    this.x = Float64Array.from(members, (h) => mercatorX(households.lon[h]));
    this.y = Float64Array.from(members, (h) => mercatorY(households.lat[h]));
    this.redraw();
  }

  protected isBlank(): boolean {
    return this.x.length === 0;
  }

  protected draw(context: CanvasRenderingContext2D, view: CanvasView): void {
    context.beginPath();
    for (let k = 0; k < this.x.length; k++) {
      const [px, py] = CanvasOverlay.toCanvasPx(view, this.x[k], this.y[k]);
      if (px < -RING_RADIUS_PX || py < -RING_RADIUS_PX || px > view.widthPx + RING_RADIUS_PX || py > view.heightPx + RING_RADIUS_PX) continue;
      context.moveTo(px + RING_RADIUS_PX, py);
      context.arc(px, py, RING_RADIUS_PX, 0, 2 * Math.PI);
    }
    context.lineWidth = 3.5;
    context.strokeStyle = HALO;
    context.stroke();
    context.lineWidth = 2;
    context.strokeStyle = `rgb(${FOOTPRINT_RGB.join(',')})`;
    context.stroke();
  }
}
