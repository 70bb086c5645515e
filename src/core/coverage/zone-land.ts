/**
 * The weak zones' grid over the land, its land mask and the mask's block pyramid (steps 1–3 of weak-zones.ts), made
 * once per land layer and grid setting: every analysis of a session (each re-run in the app, each analysis of
 * `targets` or `report`) shares them. On the merged city the mask and pyramid took ~0.1–0.2 s of each analysis.
 * Kept in a WeakMap on the land layer's array (the ward layer's where the wards are the land), which the app and
 * the CLI replace, never edit, so a layer's raster lives as long as the layer.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { polygonsOf } from '../geo/polygons.ts';
import { landBlocks } from './zone-land-blocks.ts';
import { createZoneGrid, rasterize, type ZoneGrid } from './zone-raster.ts';

export interface ZoneLand {
  grid: ZoneGrid;
  /** 1 = land, row-major, `grid.columns` × `grid.rows`; read only. */
  land: Uint8Array;
  /** Whether an inclusive block of the refinement holds land (zone-land-blocks.ts). */
  landIn: (i0: number, j0: number, size: number) => boolean;
}

const made = new WeakMap<object, Map<string, ZoneLand | null>>();

/** Grids and masks made in this thread (for tests: an analysis after the worker's idle time makes none). */
let landsMade = 0;
export const zoneLandsMade = (): number => landsMade;

/**
 * The grid, mask and pyramid of `geometries` (the land polygons, or the wards'), or null when they cover nothing.
 * `layer` is the array they come from, whose identity keys the cache.
 */
export function zoneLandOf(layer: object, geometries: () => ReadonlyArray<Polygon | MultiPolygon>, zoneGridM: number, topBlockCells: number): ZoneLand | null {
  let byGrid = made.get(layer);
  if (byGrid === undefined) made.set(layer, (byGrid = new Map()));
  const key = `${zoneGridM}/${topBlockCells}`;
  let zoneLand = byGrid.get(key);
  if (zoneLand === undefined) {
    landsMade++;
    const polygons = polygonsOf(geometries());
    const grid = createZoneGrid(polygons, zoneGridM, topBlockCells);
    if (grid === null) zoneLand = null;
    else {
      const land = new Uint8Array(grid.columns * grid.rows);
      rasterize(polygons, grid, (row, first, last) => land.fill(1, row * grid.columns + first, row * grid.columns + last + 1));
      zoneLand = { grid, land, landIn: landBlocks(land, grid.columns, grid.rows, topBlockCells) };
    }
    byGrid.set(key, zoneLand);
  }
  return zoneLand;
}
