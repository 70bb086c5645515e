/**
 * BTS cells as sector wedges along their azimuths (omni cells as circles), coloured by operator, on one
 * canvas: one path per operator per redraw, and hit-testing by arithmetic for click popups (no DOM node or
 * Leaflet object per cell). Wedge radius follows the ground (≈ 180 m) within a readable pixel range.
 *
 * Below zoom 13 the sites would overlap into one blob where they are dense (the city centre: ~300 m apart, a few
 * pixels at zoom 12), so sites closer than ~50 px are drawn as a cluster, a circle with their count (supercluster,
 * on the sites of the cells shown); a site alone in its neighbourhood keeps its wedges. A click on a cluster
 * zooms in to where it splits.
 */
import Supercluster, { type PointFeature } from 'supercluster';
import type { Cell, Technology } from '../../core/model.ts';
import { OPERATOR_COLOURS, OPERATOR_GROUPS, operatorGroup, type OperatorGroup } from '../operator-colour.ts';
import { CanvasOverlay, type CanvasView } from './canvas-overlay.ts';
import { isInWedge, OMNI_RADIUS_FRACTION, wedgeAngles } from './sector-geometry.ts';
import { mercatorX, mercatorY, metresPerWorldUnit } from './web-mercator.ts';

const WEDGE_RADIUS_M = 180;
const MIN_RADIUS_PX = 5;
const MAX_RADIUS_PX = 24;
/** Width of the wedges' outline. */
const OUTLINE_PX = 0.8;
/** A click this close to a wedge hits it: half the outline's stroke and the pixel of its anti-aliased rim. */
const HIT_TOLERANCE_PX = OUTLINE_PX / 2 + 1;
/** The last zoom at which sites are clustered (at 13 and above every site shows its wedges). */
const CLUSTER_MAX_ZOOM = 12;
/** supercluster's radius, in its units (1/512 of a tile of 256 px): 100 ≈ 50 CSS px. */
const CLUSTER_RADIUS = 100;
export const CLUSTER_STYLE = { fill: '#37474f', stroke: '#ffffff', text: '#ffffff' } as const;

/** Which cells are drawn: one technology or all, and the operator groups switched on. */
export interface CellFilter {
  technology: Technology | 'all';
  operators: ReadonlySet<OperatorGroup>;
}

/** A cluster as drawn: its centre in global pixels of the view's zoom, radius, and where a click zooms to. */
export interface DrawnCluster {
  xPx: number;
  yPx: number;
  radiusPx: number;
  lon: number;
  lat: number;
  expansionZoom: number;
}

export class CellLayer extends CanvasOverlay {
  private cells: readonly Cell[] = [];
  private x = new Float64Array(0);
  private y = new Float64Array(0);
  private group: OperatorGroup[] = [];
  /** Cell indices in drawing order (operator group by group); hit-testing walks it backwards. */
  private order = new Int32Array(0);
  private filter: CellFilter = { technology: 'all', operators: new Set(OPERATOR_GROUPS) };
  /** Cells of each site (cells sharing a position), and each cell's site. */
  private siteCells: number[][] = [];
  private siteOf = new Int32Array(0);
  private clusters: Supercluster<{ site: number }> | null = null;
  /** 1 for the cells drawn as wedges at the last redraw (not inside a cluster). */
  private drawnMask = new Uint8Array(0);
  private drawnClusters: DrawnCluster[] = [];

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
    const siteIndex = new Map<string, number>();
    this.siteCells = [];
    this.siteOf = new Int32Array(cells.length);
    cells.forEach((cell, c) => {
      const key = `${cell.lon},${cell.lat}`;
      let site = siteIndex.get(key);
      if (site === undefined) {
        site = this.siteCells.length;
        siteIndex.set(key, site);
        this.siteCells.push([]);
      }
      this.siteCells[site].push(c);
      this.siteOf[c] = site;
    });
    this.drawnMask = new Uint8Array(cells.length);
    // no cells: the next paint leaves the canvas blank without drawing, so forget the clusters drawn before
    this.drawnClusters = [];
    this.indexClusters();
    this.redraw();
  }

  setFilter(filter: CellFilter): void {
    // the same filter again (the app's first, over the first paint's cells) keeps the clusters and the drawing
    const { technology, operators } = this.filter;
    if (filter.technology === technology && filter.operators.size === operators.size && [...filter.operators].every((group) => operators.has(group))) return;
    this.filter = filter;
    this.indexClusters();
    this.redraw();
  }

  /** Indices of the drawn cells under a global pixel (`map.project(latlng, map.getZoom())`), topmost first. */
  hitTestAll(globalX: number, globalY: number): number[] {
    const view = this.view;
    if (view === null) return [];
    const radiusPx = this.radiusPx(view);
    const hits: number[] = [];
    for (let k = this.order.length - 1; k >= 0; k--) {
      const c = this.order[k];
      if (this.drawnMask[c] === 0) continue;
      const dx = globalX - this.x[c] * view.worldSizePx;
      const dy = globalY - this.y[c] * view.worldSizePx;
      const cell = this.cells[c];
      if (isInWedge(dx, dy, radiusPx, cell.azimuthDeg, cell.beamwidthDeg, HIT_TOLERANCE_PX)) hits.push(c);
    }
    return hits;
  }

  /** Index of the topmost drawn cell under a global pixel, or −1. */
  hitTest(globalX: number, globalY: number): number {
    return this.hitTestAll(globalX, globalY)[0] ?? -1;
  }

  /** The cluster drawn under a global pixel, or null. */
  clusterAt(globalX: number, globalY: number): DrawnCluster | null {
    return this.drawnClusters.find((cluster) => Math.hypot(globalX - cluster.xPx, globalY - cluster.yPx) <= cluster.radiusPx) ?? null;
  }

  protected isBlank(): boolean {
    return this.cells.length === 0;
  }

  protected draw(context: CanvasRenderingContext2D, view: CanvasView): void {
    this.drawnMask.fill(0);
    this.drawnClusters = [];
    const zoom = Math.floor(view.zoom);
    if (zoom <= CLUSTER_MAX_ZOOM && this.clusters !== null) this.drawClusters(context, view, zoom);
    else this.order.forEach((c) => this.isShown(c) && (this.drawnMask[c] = 1));

    const radiusPx = this.radiusPx(view);
    const paths = new Map<OperatorGroup, Path2D>();
    for (const c of this.order) {
      if (this.drawnMask[c] === 0) continue;
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
        path.moveTo(px + radiusPx * OMNI_RADIUS_FRACTION, py);
        path.arc(px, py, radiusPx * OMNI_RADIUS_FRACTION, 0, 2 * Math.PI);
      } else {
        path.moveTo(px, py);
        path.arc(px, py, radiusPx, angles.start, angles.end);
        path.closePath();
      }
    }
    context.lineWidth = OUTLINE_PX;
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

  /** Draws the clusters in view and marks the cells of the sites left alone as drawn (their wedges follow). */
  private drawClusters(context: CanvasRenderingContext2D, view: CanvasView, zoom: number): void {
    const clusters = this.clusters!;
    const lonAt = (px: number) => (px / view.worldSizePx) * 360 - 180;
    const latAt = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / view.worldSizePx))) * 180) / Math.PI;
    const margin = 40;
    const bounds: [number, number, number, number] = [
      lonAt(view.originXPx - margin),
      latAt(view.originYPx + view.heightPx + margin),
      lonAt(view.originXPx + view.widthPx + margin),
      latAt(view.originYPx - margin),
    ];
    context.font = '600 11px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    for (const feature of clusters.getClusters(bounds, zoom)) {
      const [lon, lat] = feature.geometry.coordinates;
      const properties = feature.properties;
      if (!('cluster' in properties) || !properties.cluster) {
        for (const c of this.siteCells[properties.site]) if (this.isShown(c)) this.drawnMask[c] = 1;
        continue;
      }
      const xPx = mercatorX(lon) * view.worldSizePx;
      const yPx = mercatorY(lat) * view.worldSizePx;
      const count = properties.point_count;
      const radiusPx = Math.min(15, 7 + 2 * Math.log2(count));
      this.drawnClusters.push({ xPx, yPx, radiusPx, lon, lat, expansionZoom: clusters.getClusterExpansionZoom(properties.cluster_id) });
      const x = xPx - view.originXPx;
      const y = yPx - view.originYPx;
      context.beginPath();
      context.arc(x, y, radiusPx, 0, 2 * Math.PI);
      context.globalAlpha = 0.85;
      context.fillStyle = CLUSTER_STYLE.fill;
      context.fill();
      context.globalAlpha = 1;
      context.lineWidth = 1.5;
      context.strokeStyle = CLUSTER_STYLE.stroke;
      context.stroke();
      context.fillStyle = CLUSTER_STYLE.text;
      context.fillText(String(count), x, y + 0.5);
    }
  }

  /** Clusters the sites having a shown cell (at a redraw below `CLUSTER_MAX_ZOOM` + 1). */
  private indexClusters(): void {
    const sites: Array<PointFeature<{ site: number }>> = [];
    this.siteCells.forEach((cells, site) => {
      if (!cells.some((c) => this.isShown(c))) return;
      const cell = this.cells[cells[0]];
      sites.push({ type: 'Feature', properties: { site }, geometry: { type: 'Point', coordinates: [cell.lon, cell.lat] } });
    });
    this.clusters = new Supercluster<{ site: number }>({ radius: CLUSTER_RADIUS, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 2 }).load(sites);
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
