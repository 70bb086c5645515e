/**
 * The grid weak-signal zones are drawn on, and the scanline rasterisation of polygons onto it: crossings per grid
 * row, even–odd per polygon, never a point-in-polygon test per cell.
 */
import CheapRuler from 'cheap-ruler';
import type { Position } from 'geojson';
import { polygonsOf, signedArea } from '../geo/polygons.ts';
import type { Ward } from '../model.ts';

/** Grids larger than this are coarsened (cell side scaled up) so memory stays bounded (~20 bytes per cell). */
const MAX_GRID_CELLS = 8_000_000;

/** Geometry of the zone grid: cell (i, j) has its centre at (westLon + (i + ½)·cellLonDeg, southLat + (j + ½)·cellLatDeg). */
export interface ZoneGrid {
  cellM: number;
  columns: number;
  rows: number;
  westLon: number;
  southLat: number;
  cellLonDeg: number;
  cellLatDeg: number;
}

/**
 * The grid zones are drawn on, over the land polygons' extent (south-west corner on the extent's), padded
 * east and north to whole refinement blocks plus one shared corner row and column; cells are enlarged past
 * MAX_GRID_CELLS. null when there is no land. Exported so tests can place points on cell centres.
 */
export function createZoneGrid(landPolygons: Position[][][], zoneGridM: number, topBlockCells: number): ZoneGrid | null {
  if (!(zoneGridM > 0)) throw new Error(`settings.zoneGridM must be a positive number of metres, got ${zoneGridM}`);
  if (!Number.isInteger(Math.log2(topBlockCells)) || topBlockCells < 1) {
    throw new Error(`topBlockCells must be a power of two ≥ 1, got ${topBlockCells}`);
  }
  const extent = extentOf(landPolygons);
  if (extent === null) return null;
  const [west, south, east, north] = extent;
  const ruler = new CheapRuler((south + north) / 2, 'meters');
  const widthM = (east - west) * ruler.kx;
  const heightM = (north - south) * ruler.ky;
  const cellM = Math.max(zoneGridM, Math.sqrt((widthM * heightM) / MAX_GRID_CELLS));
  // whole blocks plus one shared corner row/column, so every block's four corners are cells
  const blocksX = Math.max(1, Math.ceil(widthM / cellM / topBlockCells));
  const blocksY = Math.max(1, Math.ceil(heightM / cellM / topBlockCells));
  return {
    cellM,
    columns: blocksX * topBlockCells + 1,
    rows: blocksY * topBlockCells + 1,
    westLon: west,
    southLat: south,
    cellLonDeg: cellM / ruler.kx,
    cellLatDeg: cellM / ruler.ky,
  };
}

/**
 * Scanline rasterisation: calls `span(row, firstColumn, lastColumn)` for each run of cell centres inside a polygon.
 * Each row meets only the edges spanning it (an edge table swept row by row), not every edge of the polygon.
 */
export function rasterize(
  polygons: Position[][][],
  grid: ZoneGrid,
  span: (row: number, first: number, last: number) => void,
): void {
  let crossings = new Float64Array(64);
  const rowOf = (lat: number): number => (lat - grid.southLat) / grid.cellLatDeg - 0.5;
  for (const polygon of polygons) {
    let south = Infinity;
    let north = -Infinity;
    for (const point of polygon[0]) {
      if (point[1] < south) south = point[1];
      if (point[1] > north) north = point[1];
    }
    const firstRow = Math.max(0, Math.ceil(rowOf(south)));
    const lastRow = Math.min(grid.rows - 1, Math.floor(rowOf(north)));
    if (firstRow > lastRow) continue;
    // the edges that are not horizontal, each with the rows it may cross (one more each side against rounding:
    // the crossing test below is the exact one)
    const edges: Array<{ x1: number; y1: number; x2: number; y2: number; fromRow: number; toRow: number }> = [];
    for (const ring of polygon) {
      for (let k = 1; k < ring.length; k++) {
        const [x1, y1] = ring[k - 1];
        const [x2, y2] = ring[k];
        if (y1 === y2) continue;
        const fromRow = Math.max(firstRow, Math.floor(rowOf(Math.min(y1, y2))) - 1);
        const toRow = Math.min(lastRow, Math.ceil(rowOf(Math.max(y1, y2))) + 1);
        if (fromRow <= toRow) edges.push({ x1, y1, x2, y2, fromRow, toRow });
      }
    }
    edges.sort((a, b) => a.fromRow - b.fromRow);
    const active: typeof edges = [];
    let next = 0;
    for (let row = firstRow; row <= lastRow; row++) {
      while (next < edges.length && edges[next].fromRow <= row) active.push(edges[next++]);
      const y = grid.southLat + (row + 0.5) * grid.cellLatDeg;
      let n = 0;
      let kept = 0;
      // crossings of the row's centre line with the edges (half-open in y, so vertices count once)
      for (const edge of active) {
        if (edge.toRow < row) continue;
        active[kept++] = edge;
        const { x1, y1, x2, y2 } = edge;
        if (y1 <= y !== y2 <= y) {
          if (n === crossings.length) {
            const larger = new Float64Array(n * 2);
            larger.set(crossings);
            crossings = larger;
          }
          crossings[n++] = x1 + ((y - y1) * (x2 - x1)) / (y2 - y1);
        }
      }
      active.length = kept;
      const sorted = crossings.subarray(0, n).sort();
      // even–odd: cells whose centre lies in [sorted[k], sorted[k+1])
      for (let k = 0; k + 1 < n; k += 2) {
        const first = Math.max(0, Math.ceil((sorted[k] - grid.westLon) / grid.cellLonDeg - 0.5));
        const last = Math.min(grid.columns - 1, Math.ceil((sorted[k + 1] - grid.westLon) / grid.cellLonDeg - 0.5) - 1);
        if (first <= last) span(row, first, last);
      }
    }
  }
}

/**
 * Scanline rasterisation of the wards: calls `span(ward, row, first, last)` for each run of cell centres inside
 * ward `ward` (its index in `wards`), the smallest wards first (by area; among equal areas the later ward first).
 * Where outlines overlap, a cell's ward is the first one visited there: the smaller ward wins, as in
 * `assign-wards.ts`.
 */
export function rasterizeWards(wards: Ward[], grid: ZoneGrid, span: (ward: number, row: number, first: number, last: number) => void): void {
  const order = wards.map((ward, index) => ({ index, polygons: polygonsOf([ward.geometry]) }));
  const areaOf = (polygons: Position[][][]): number =>
    polygons.reduce((sum, rings) => sum + rings.reduce((s, ring, r) => s + (r === 0 ? 1 : -1) * Math.abs(signedArea(ring)), 0), 0);
  const areas = new Map(order.map((entry) => [entry.index, areaOf(entry.polygons)]));
  order.sort((x, y) => (areas.get(x.index) ?? 0) - (areas.get(y.index) ?? 0) || y.index - x.index);
  for (const { index, polygons } of order) rasterize(polygons, grid, (row, first, last) => span(index, row, first, last));
}

function extentOf(polygons: Position[][][]): [number, number, number, number] | null {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0]) {
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
  }
  return west <= east && south <= north ? [west, south, east, north] : null;
}
