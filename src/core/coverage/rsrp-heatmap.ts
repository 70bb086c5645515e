/**
 * The RSRP heat map: the best-server RSRP on a regular lon/lat grid over land, for the app's continuous colour
 * layer. It is the zone grid of zone-raster.ts (same geometry, same scanline land mask) evaluated at every land
 * cell's centre with the engine's exact point query (`bestServerAt`), not the adaptive sampling of the weak
 * zones (which fills whole blocks with a class and keeps no RSRP there). A model prediction, never a measurement.
 *
 * After cell edits only the grid cells within the edited cells' reach (`refreshRsrpHeatmap`) are evaluated again:
 * a cell moved, edited, added or removed cannot change the best server anywhere beyond its old and new reach.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import CheapRuler from 'cheap-ruler';
import { polygonsOf } from '../geo/polygons.ts';
import type { Steps } from '../steps.ts';
import { createZoneGrid, rasterize, type ZoneGrid } from './zone-raster.ts';
import type { SignalSource } from './zone-sampling.ts';

/** Default side of the heat map's cells, metres: 301,365 land cells over the merged city (1,683 × 1,230 grid). */
export const DEFAULT_HEATMAP_CELL_M = 100;

/** Grid rows evaluated between two checkpoints. */
const ROWS_PER_CHECKPOINT = 16;

export interface RsrpHeatmap {
  grid: ZoneGrid;
  /**
   * Best-server RSRP per grid cell, dBm, row by row from the south-west (cell (i, j) at `j * columns + i`): NaN off
   * land, −Infinity on land where no analysed cell clears the engine's search floor.
   */
  rsrpDbm: Float32Array;
}

/** Where an edited cell could have changed the best server: its site and reach, metres (the engine's `footprintOf`). */
export interface HeatmapRegion {
  lon: number;
  lat: number;
  radiusM: number;
}

/**
 * The best-server RSRP at the centre of every land cell of a `cellM` grid over the land polygons (the wards'
 * when no land layer is given); null when there is no land. Yields the fraction of rows done.
 *
 * @example const heatmap = runSteps(rsrpHeatmapSteps(land, 100, engine)); heatmap.rsrpDbm[k] // −96.4
 */
export function* rsrpHeatmapSteps(land: Array<Polygon | MultiPolygon>, cellM: number, source: SignalSource): Steps<RsrpHeatmap | null> {
  const landPolygons = polygonsOf(land);
  // blocks of one cell: the grid is the land extent in whole cells plus one row and column
  const grid = createZoneGrid(landPolygons, cellM, 1);
  if (grid === null) return null;
  const rsrpDbm = new Float32Array(grid.columns * grid.rows).fill(NaN);
  const onLand: Array<[row: number, first: number, last: number]> = [];
  rasterize(landPolygons, grid, (row, first, last) => onLand.push([row, first, last]));
  // rows in order, so the progress and the checkpoints follow the rows
  onLand.sort((a, b) => a[0] - b[0]);
  let lastRow = -1;
  let rowsDone = 0;
  for (const [row, first, last] of onLand) {
    if (row !== lastRow) {
      lastRow = row;
      if (rowsDone++ % ROWS_PER_CHECKPOINT === 0) yield row / grid.rows;
    }
    for (let i = first; i <= last; i++) rsrpDbm[row * grid.columns + i] = evaluate(grid, source, i, row);
  }
  return { grid, rsrpDbm };
}

/**
 * Evaluates again, in place, the land cells of `heatmap` whose centre lies within one of `regions` (the old and
 * new footprints of edited cells), each once however many regions hold it. Returns the number of grid cells
 * evaluated.
 */
export function refreshRsrpHeatmap(heatmap: RsrpHeatmap, regions: readonly HeatmapRegion[], source: SignalSource): number {
  const { grid, rsrpDbm } = heatmap;
  if (regions.length === 0) return 0;
  const done = new Uint8Array(rsrpDbm.length);
  let evaluated = 0;
  for (const { lon, lat, radiusM } of regions) {
    if (!(radiusM > 0)) continue;
    const ruler = new CheapRuler(lat, 'meters');
    const i0 = Math.max(0, Math.floor((lon - radiusM / ruler.kx - grid.westLon) / grid.cellLonDeg));
    const i1 = Math.min(grid.columns - 1, Math.ceil((lon + radiusM / ruler.kx - grid.westLon) / grid.cellLonDeg));
    const j0 = Math.max(0, Math.floor((lat - radiusM / ruler.ky - grid.southLat) / grid.cellLatDeg));
    const j1 = Math.min(grid.rows - 1, Math.ceil((lat + radiusM / ruler.ky - grid.southLat) / grid.cellLatDeg));
    for (let j = j0; j <= j1; j++) {
      const dy = (grid.southLat + (j + 0.5) * grid.cellLatDeg - lat) * ruler.ky;
      for (let i = i0; i <= i1; i++) {
        const k = j * grid.columns + i;
        if (done[k] === 1 || Number.isNaN(rsrpDbm[k])) continue;
        const dx = (grid.westLon + (i + 0.5) * grid.cellLonDeg - lon) * ruler.kx;
        if (dx * dx + dy * dy > radiusM * radiusM) continue;
        rsrpDbm[k] = evaluate(grid, source, i, j);
        done[k] = 1;
        evaluated++;
      }
    }
  }
  return evaluated;
}

/** [lon, lat] of the centre of grid cell (i, j). */
export function heatmapCellCentre(grid: ZoneGrid, i: number, j: number): [number, number] {
  return [grid.westLon + (i + 0.5) * grid.cellLonDeg, grid.southLat + (j + 0.5) * grid.cellLatDeg];
}

function evaluate(grid: ZoneGrid, source: SignalSource, i: number, j: number): number {
  const [lon, lat] = heatmapCellCentre(grid, i, j);
  return source.bestServerAt(lon, lat).rsrpDbm;
}
