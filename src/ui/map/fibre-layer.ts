/**
 * The fibre network on one canvas: routes as lines (distribution under backbone), access nodes as dots on top,
 * one path per kind per redraw, and hit-testing by arithmetic for click popups. The embedded network has 2,000
 * routes and 13,000 nodes: as Leaflet paths they took ~0.4 s of the page's main thread to create and add at start,
 * ~0.4 s of garbage collection after, and every redraw of the shared vector canvas walked all of them.
 */
import L from 'leaflet';
import type { AccessNode, FibreKind, FibreNetwork, FibreRoute } from '../../core/model.ts';
import { CanvasOverlay, type CanvasView } from './canvas-overlay.ts';
import { mercatorX, mercatorY } from './web-mercator.ts';

/** How a kind of feature is drawn (Leaflet path options, the subset used here). */
export interface FibreStroke {
  color: string;
  weight: number;
  opacity: number;
}
export interface FibreNodeStyle extends FibreStroke {
  fillColor: string;
  fillOpacity: number;
  /** Radius at street zoom (≥ 14), CSS px. */
  radius: number;
}
export interface FibreStyle {
  backbone: FibreStroke;
  distribution: FibreStroke;
  node: FibreNodeStyle;
}

/** Extra CSS pixels around a line or dot within which a click hits it (Leaflet's canvas `tolerance`). */
const CLICK_TOLERANCE_PX = 3;
/** Kinds in drawing order: backbone over distribution. */
const KINDS: readonly FibreKind[] = ['distribution', 'backbone'];

/** Access-node radius in CSS pixels by zoom: thousands of nodes would bury the city view at full size. */
export function accessNodeRadiusPx(zoom: number, fullRadiusPx: number): number {
  return zoom < 12 ? 1.8 : zoom < 14 ? 2.6 : fullRadiusPx;
}

/** A feature under a click: a route or an access node of the network drawn. */
export type FibreHit = { kind: 'route'; route: FibreRoute } | { kind: 'node'; node: AccessNode };

/** One route's parts in world units: vertices of part p at [partStart[p], partStart[p + 1]) of x and y. */
interface ProjectedRoutes {
  x: Float64Array;
  y: Float64Array;
  partStart: Uint32Array;
  /** Parts of route r: [routePart[r], routePart[r + 1]). */
  routePart: Uint32Array;
  /** Bounding box per route, world units: minX, minY, maxX, maxY. */
  box: Float64Array;
}

export class FibreLayer extends CanvasOverlay {
  private network: FibreNetwork = { routes: [], nodes: [] };
  private routes: ProjectedRoutes = projectRoutes([]);
  private nodeX = new Float64Array(0);
  private nodeY = new Float64Array(0);
  private opacity = 1;

  constructor(
    paneName: string,
    private readonly style: FibreStyle,
  ) {
    super(paneName);
  }

  /** Replaces the network (projected once here, not per redraw); null draws nothing. */
  setNetwork(network: FibreNetwork | null): void {
    this.network = network ?? { routes: [], nodes: [] };
    this.routes = projectRoutes(this.network.routes);
    this.nodeX = Float64Array.from(this.network.nodes, (node) => mercatorX(node.lon));
    this.nodeY = Float64Array.from(this.network.nodes, (node) => mercatorY(node.lat));
    this.redraw();
  }

  /** Scales every stroke and fill opacity (the user's layer opacity, 0…1). */
  setOpacity(opacity: number): void {
    this.opacity = opacity;
    this.redraw();
  }

  /**
   * The feature under a global pixel (`map.project(latlng, map.getZoom())`) as drawn: an access node (drawn on top)
   * before a backbone route before a distribution route; the nearest of the topmost kind hit. Null when none.
   */
  hitTest(globalX: number, globalY: number): FibreHit | null {
    const view = this.view;
    if (view === null || this.isBlank()) return null;
    const scale = view.worldSizePx;
    const nodeStyle = this.style.node;
    const nodeReachPx = accessNodeRadiusPx(view.zoom, nodeStyle.radius) + nodeStyle.weight / 2 + CLICK_TOLERANCE_PX;
    let nearestNode = -1;
    let nearestPx = nodeReachPx;
    for (let n = 0; n < this.nodeX.length; n++) {
      const distancePx = Math.hypot(this.nodeX[n] * scale - globalX, this.nodeY[n] * scale - globalY);
      if (distancePx <= nearestPx) {
        nearestNode = n;
        nearestPx = distancePx;
      }
    }
    if (nearestNode >= 0) return { kind: 'node', node: this.network.nodes[nearestNode] };
    for (const kind of [...KINDS].reverse()) {
      const route = this.nearestRoute(kind, L.point(globalX, globalY), scale, this.style[kind].weight / 2 + CLICK_TOLERANCE_PX);
      if (route >= 0) return { kind: 'route', route: this.network.routes[route] };
    }
    return null;
  }

  protected isBlank(): boolean {
    return this.network.routes.length === 0 && this.network.nodes.length === 0;
  }

  protected draw(context: CanvasRenderingContext2D, view: CanvasView): void {
    const { x, y, partStart, routePart, box } = this.routes;
    const scale = view.worldSizePx;
    const { originXPx, originYPx } = view;
    // what lies outside the canvas (plus a line's width) is skipped, not clipped by the canvas
    const marginPx = this.style.backbone.weight;
    const left = (originXPx - marginPx) / scale;
    const top = (originYPx - marginPx) / scale;
    const right = (originXPx + view.widthPx + marginPx) / scale;
    const bottom = (originYPx + view.heightPx + marginPx) / scale;
    context.lineJoin = 'round';
    context.lineCap = 'round';
    for (const kind of KINDS) {
      const path = new Path2D();
      this.network.routes.forEach((route, r) => {
        if (route.kind !== kind || box[4 * r] > right || box[4 * r + 2] < left || box[4 * r + 1] > bottom || box[4 * r + 3] < top) return;
        for (let p = routePart[r]; p < routePart[r + 1]; p++) {
          for (let v = partStart[p]; v < partStart[p + 1]; v++) {
            const px = x[v] * scale - originXPx;
            const py = y[v] * scale - originYPx;
            if (v === partStart[p]) path.moveTo(px, py);
            else path.lineTo(px, py);
          }
        }
      });
      const stroke = this.style[kind];
      context.globalAlpha = stroke.opacity * this.opacity;
      context.strokeStyle = stroke.color;
      context.lineWidth = stroke.weight;
      context.stroke(path);
    }
    this.drawNodes(context, view, left, top, right, bottom);
    context.globalAlpha = 1;
  }

  /** Each node filled then outlined in turn, as Leaflet draws circle markers: a later node covers an earlier one's rim. */
  private drawNodes(context: CanvasRenderingContext2D, view: CanvasView, left: number, top: number, right: number, bottom: number): void {
    const style = this.style.node;
    const radiusPx = accessNodeRadiusPx(view.zoom, style.radius);
    const scale = view.worldSizePx;
    const fillAlpha = style.fillOpacity * this.opacity;
    const strokeAlpha = style.opacity * this.opacity;
    context.fillStyle = style.fillColor;
    context.strokeStyle = style.color;
    context.lineWidth = style.weight;
    for (let n = 0; n < this.nodeX.length; n++) {
      const wx = this.nodeX[n];
      const wy = this.nodeY[n];
      if (wx < left || wx > right || wy < top || wy > bottom) continue;
      context.beginPath();
      context.arc(wx * scale - view.originXPx, wy * scale - view.originYPx, radiusPx, 0, 2 * Math.PI);
      context.globalAlpha = fillAlpha;
      context.fill();
      context.globalAlpha = strokeAlpha;
      context.stroke();
    }
  }

  /** The route of `kind` nearest to a global pixel within `reachPx`, or −1 (`scale`: the view's world size in px). */
  private nearestRoute(kind: FibreKind, at: L.Point, scale: number, reachPx: number): number {
    const { x, y, partStart, routePart, box } = this.routes;
    const wx = at.x / scale;
    const wy = at.y / scale;
    const reach = reachPx / scale;
    let nearest = -1;
    let nearestPx = reachPx;
    this.network.routes.forEach((route, r) => {
      if (route.kind !== kind || wx < box[4 * r] - reach || wx > box[4 * r + 2] + reach || wy < box[4 * r + 1] - reach || wy > box[4 * r + 3] + reach) return;
      for (let p = routePart[r]; p < routePart[r + 1]; p++) {
        // a part of one vertex is a point: its segment has zero length
        let previous = L.point(x[partStart[p]] * scale, y[partStart[p]] * scale);
        for (let v = partStart[p]; v < partStart[p + 1]; v++) {
          const vertex = L.point(x[v] * scale, y[v] * scale);
          const distancePx = L.LineUtil.pointToSegmentDistance(at, previous, vertex);
          if (distancePx <= nearestPx) {
            nearest = r;
            nearestPx = distancePx;
          }
          previous = vertex;
        }
      }
    });
    return nearest;
  }
}

/** Every route's vertices in world units, with the part and route offsets and boxes. */
function projectRoutes(routes: readonly FibreRoute[]): ProjectedRoutes {
  let parts = 0;
  let vertices = 0;
  for (const route of routes) {
    parts += route.lines.length;
    for (const line of route.lines) vertices += line.length;
  }
  const x = new Float64Array(vertices);
  const y = new Float64Array(vertices);
  const partStart = new Uint32Array(parts + 1);
  const routePart = new Uint32Array(routes.length + 1);
  const box = new Float64Array(4 * routes.length);
  let v = 0;
  let p = 0;
  routes.forEach((route, r) => {
    routePart[r] = p;
    box.set([Infinity, Infinity, -Infinity, -Infinity], 4 * r);
    for (const line of route.lines) {
      partStart[p++] = v;
      for (const [lon, lat] of line) {
        x[v] = mercatorX(lon);
        y[v] = mercatorY(lat);
        box[4 * r] = Math.min(box[4 * r], x[v]);
        box[4 * r + 1] = Math.min(box[4 * r + 1], y[v]);
        box[4 * r + 2] = Math.max(box[4 * r + 2], x[v]);
        box[4 * r + 3] = Math.max(box[4 * r + 3], y[v]);
        v++;
      }
    }
  });
  partStart[p] = v;
  routePart[routes.length] = p;
  return { x, y, partStart, routePart, box };
}
