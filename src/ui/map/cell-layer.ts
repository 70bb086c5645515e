/**
 * BTS cells as sector wedges along their azimuths (omni cells as circles), coloured by operator, on one
 * canvas: one path per operator per redraw, and hit-testing by arithmetic for click popups (no DOM node or
 * Leaflet object per cell). Wedge radius follows the ground (≈ 180 m) within a readable pixel range.
 */
import type { Cell, Technology } from '../../core/model.ts';
import { OPERATOR_COLOURS, OPERATOR_GROUPS, operatorGroup, type OperatorGroup } from '../operator-colour.ts';
import { CanvasOverlay, type CanvasView } from './canvas-overlay.ts';
import { isInWedge, wedgeAngles } from './sector-geometry.ts';
import { mercatorX, mercatorY, metresPerWorldUnit } from './web-mercator.ts';

const WEDGE_RADIUS_M = 180;
const MIN_RADIUS_PX = 5;
const MAX_RADIUS_PX = 24;

/** Which cells are drawn: one technology or all, and the operator groups switched on. */
export interface CellFilter {
  technology: Technology | 'all';
  operators: ReadonlySet<OperatorGroup>;
}

export class CellLayer extends CanvasOverlay {
  private cells: readonly Cell[] = [];
  private x = new Float64Array(0);
  private y = new Float64Array(0);
  private group: OperatorGroup[] = [];
  /** Cell indices in drawing order (operator group by group); hit-testing walks it backwards. */
  private order = new Int32Array(0);
  private filter: CellFilter = { technology: 'all', operators: new Set(OPERATOR_GROUPS) };

  constructor(paneName: string) {
    super(paneName);
  }

  setCells(cells: readonly Cell[]): void {
    this.cells = cells;
    this.x = Float64Array.from(cells, (cell) => mercatorX(cell.lon));
    this.y = Float64Array.from(cells, (cell) => mercatorY(cell.lat));
    this.group = cells.map((cell) => operatorGroup(cell.operator));
    const rank = (group: OperatorGroup) => OPERATOR_GROUPS.indexOf(group);
    this.order = Int32Array.from(cells.keys()).sort((a, b) => rank(this.group[a]) - rank(this.group[b]) || a - b);
    this.redraw();
  }

  setFilter(filter: CellFilter): void {
    this.filter = filter;
    this.redraw();
  }

  /** Index of the topmost drawn cell under a global pixel (`map.project(latlng, map.getZoom())`), or -1. */
  hitTest(globalX: number, globalY: number): number {
    const view = this.view;
    if (view === null) return -1;
    const radiusPx = this.radiusPx(view);
    for (let k = this.order.length - 1; k >= 0; k--) {
      const c = this.order[k];
      if (!this.isShown(c)) continue;
      const dx = globalX - this.x[c] * view.worldSizePx;
      const dy = globalY - this.y[c] * view.worldSizePx;
      const cell = this.cells[c];
      if (isInWedge(dx, dy, radiusPx, cell.azimuthDeg, cell.beamwidthDeg)) return c;
    }
    return -1;
  }

  protected draw(context: CanvasRenderingContext2D, view: CanvasView): void {
    const radiusPx = this.radiusPx(view);
    const paths = new Map<OperatorGroup, Path2D>();
    for (const c of this.order) {
      if (!this.isShown(c)) continue;
      const px = this.x[c] * view.worldSizePx - view.originXPx;
      const py = this.y[c] * view.worldSizePx - view.originYPx;
      if (px < -radiusPx || py < -radiusPx || px > view.widthPx + radiusPx || py > view.heightPx + radiusPx) continue;
      let path = paths.get(this.group[c]);
      if (path === undefined) {
        path = new Path2D();
        paths.set(this.group[c], path);
      }
      const cell = this.cells[c];
      const angles = wedgeAngles(cell.azimuthDeg, cell.beamwidthDeg);
      if (angles === null) {
        path.moveTo(px + radiusPx * 0.55, py);
        path.arc(px, py, radiusPx * 0.55, 0, 2 * Math.PI);
      } else {
        path.moveTo(px, py);
        path.arc(px, py, radiusPx, angles.start, angles.end);
        path.closePath();
      }
    }
    context.lineWidth = 0.8;
    context.lineJoin = 'round';
    for (const group of OPERATOR_GROUPS) {
      const path = paths.get(group);
      if (path === undefined) continue;
      context.globalAlpha = 0.55;
      context.fillStyle = OPERATOR_COLOURS[group];
      context.fill(path);
      context.globalAlpha = 0.9;
      context.strokeStyle = OPERATOR_COLOURS[group];
      context.stroke(path);
    }
    context.globalAlpha = 1;
  }

  private isShown(c: number): boolean {
    const { technology, operators } = this.filter;
    return (technology === 'all' || this.cells[c].technology === technology) && operators.has(this.group[c]);
  }

  private radiusPx(view: CanvasView): number {
    const metresPerPx = metresPerWorldUnit(view.centreLatDeg) / view.worldSizePx;
    return Math.min(MAX_RADIUS_PX, Math.max(MIN_RADIUS_PX, WEDGE_RADIUS_M / metresPerPx));
  }
}
