/**
 * Household points bucketed in square tiles of a `LocalPlane` (CSR layout: the households of a tile are
 * contiguous), grouped in blocks of 8 × 8 tiles whose centres are in a point index, and per tile the weakest best
 * RSRP of its households and which cells serve them. The coverage engine settles households tile by tile and
 * offers a new cell only to tiles it may improve.
 */
import { LocalPlane } from '../geo/local-plane.ts';
import { LocalPointIndex } from '../geo/point-index.ts';
import type { HouseholdLocations } from '../model.ts';
import { dbToLinear } from './link-quality.ts';

// read once: tsx (the CLI, the bench) turns imported bindings into getters, and every tile's summary calls it
const toLinear = dbToLinear;

/** Side of the household tiles, metres. */
export const TILE_M = 100;
/**
 * Side of the blocks of 8 × 8 tiles, metres: an edit bounds a cell over a block before its tiles, and behind or
 * beside a sector whole blocks are below the floor.
 */
export const TILE_BLOCK_M = 8 * TILE_M;
/** Tile lookup tables up to this many entries (64 MiB) are dense arrays, larger ones maps. */
const DENSE_TILE_TABLE_MAX = 16_000_000;

/**
 * What the tiles are made of the households' locations alone: the CSR layout of households by tile, the tiles'
 * centres, and the blocks of tiles with their index (see `HouseholdTiles`).
 */
interface TileLayout {
  tileStart: Uint32Array;
  tileHouseholds: Uint32Array;
  tileOfHousehold: Uint32Array;
  tileX: Float64Array;
  tileY: Float64Array;
  blockStart: Uint32Array;
  blockTiles: Uint32Array;
  blockOfTile: Uint32Array;
  blockX: Float64Array;
  blockY: Float64Array;
  blockIndex: LocalPointIndex;
}

/**
 * The last layout made in this thread and the locations and plane it was made for. Every analysis builds an engine
 * and so its tiles (in the app's worker and in its sums partner, whose locations arrive as new arrays over the same
 * shared memory each time); making the layout again cost a re-run ~0.1–0.2 s per thread in Chromium, most of it
 * fresh memory. Holds the last households' location arrays until another layout replaces it.
 */
let lastLayout: { lon: ArrayLike<number>; lat: ArrayLike<number>; length: number; kx: number; ky: number; layout: TileLayout } | null = null;

/** Layouts made in this thread (for tests: a warmed-up partner's engine makes none). */
let layoutsMade = 0;
export const tileLayoutsMade = (): number => layoutsMade;

/** The plane of an engine over these households: the one at their mean latitude. */
export function householdsPlane(households: HouseholdLocations): LocalPlane {
  return LocalPlane.atMeanOf(households.lat, households.length);
}

/** Makes the layout of an engine's tiles over these households ahead of it (a sums partner's warm-up). */
export function prepareTileLayout(households: HouseholdLocations): void {
  layoutOf(households, householdsPlane(households));
}

/**
 * The layout of these households' tiles: the last one when made for the same locations and plane (a household layer's
 * arrays are replaced, never written in place, so the same arrays hold the same locations).
 */
function layoutOf(households: HouseholdLocations, plane: LocalPlane): TileLayout {
  const last = lastLayout;
  const { lon, lat, length } = households;
  if (last !== null && last.length === length && last.kx === plane.kx && last.ky === plane.ky && sameValues(last.lon, lon, length) && sameValues(last.lat, lat, length)) {
    return last.layout;
  }
  const layout = makeLayout(households, plane);
  layoutsMade++;
  lastLayout = { lon, lat, length, kx: plane.kx, ky: plane.ky, layout };
  return layout;
}

/** Whether the first `length` values of `a` and `b` are the same (the same array, or equal ones: a few ms for a city). */
function sameValues(a: ArrayLike<number>, b: ArrayLike<number>, length: number): boolean {
  if (a === b) return true;
  if (a.length < length || b.length < length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function makeLayout(households: HouseholdLocations, plane: LocalPlane): TileLayout {
  const { lon, lat, length } = households;
  const tileOfHousehold = new Uint32Array(length);
  const column = new Int32Array(length);
  const row = new Int32Array(length);
  let minColumn = Infinity;
  let maxColumn = -Infinity;
  let minRow = Infinity;
  let maxRow = -Infinity;
  for (let h = 0; h < length; h++) {
    column[h] = Math.floor((lon[h] * plane.kx) / TILE_M);
    row[h] = Math.floor((lat[h] * plane.ky) / TILE_M);
    minColumn = Math.min(minColumn, column[h]);
    maxColumn = Math.max(maxColumn, column[h]);
    minRow = Math.min(minRow, row[h]);
    maxRow = Math.max(maxRow, row[h]);
  }
  const rows = maxRow - minRow + 1;
  // a city's extent fits a dense lookup table; a whole country's goes through a map
  const dense = length > 0 && (maxColumn - minColumn + 1) * rows <= DENSE_TILE_TABLE_MAX ? new Int32Array((maxColumn - minColumn + 1) * rows).fill(-1) : null;
  const sparse = new Map<number, number>();
  const centres: number[] = [];
  for (let h = 0; h < length; h++) {
    const key = (column[h] - minColumn) * rows + (row[h] - minRow);
    let tile = dense !== null ? dense[key] : (sparse.get(key) ?? -1);
    if (tile === -1) {
      tile = centres.length / 2;
      if (dense !== null) dense[key] = tile;
      else sparse.set(key, tile);
      centres.push((column[h] + 0.5) * TILE_M, (row[h] + 0.5) * TILE_M);
    }
    tileOfHousehold[h] = tile;
  }
  const tileCount = centres.length / 2;
  const tileStart = new Uint32Array(tileCount + 1);
  for (let h = 0; h < length; h++) tileStart[tileOfHousehold[h] + 1]++;
  for (let t = 0; t < tileCount; t++) tileStart[t + 1] += tileStart[t];
  const next = tileStart.slice(0, tileCount);
  const tileHouseholds = new Uint32Array(length);
  for (let h = 0; h < length; h++) tileHouseholds[next[tileOfHousehold[h]]++] = h;
  const tileX = new Float64Array(tileCount);
  const tileY = new Float64Array(tileCount);
  for (let t = 0; t < tileCount; t++) {
    tileX[t] = centres[2 * t];
    tileY[t] = centres[2 * t + 1];
  }
  const blocks = blocksOfTiles(tileX, tileY);
  return {
    tileStart,
    tileHouseholds,
    tileOfHousehold,
    tileX,
    tileY,
    blockStart: blocks.start,
    blockTiles: blocks.tiles,
    blockOfTile: blocks.blockOfTile,
    blockX: blocks.x,
    blockY: blocks.y,
    blockIndex: new LocalPointIndex(plane, blocks.x, blocks.y, 16),
  };
}

export class HouseholdTiles {
  /** Households of tile t are tileHouseholds[tileStart[t] … tileStart[t + 1]). */
  readonly tileStart: Uint32Array;
  readonly tileHouseholds: Uint32Array;
  readonly tileOfHousehold: Uint32Array;
  /** Tile centres in the plane. */
  readonly tileX: Float64Array;
  readonly tileY: Float64Array;
  /**
   * The tiles of block b are blockTiles[blockStart[b] … blockStart[b + 1]), the block of tile t blockOfTile[t]; block
   * centres in the plane, and an index of them.
   */
  readonly blockStart: Uint32Array;
  readonly blockTiles: Uint32Array;
  readonly blockOfTile: Uint32Array;
  readonly blockX: Float64Array;
  readonly blockY: Float64Array;
  readonly blockIndex: LocalPointIndex;
  /** Weakest best RSRP of each tile's households after the last run or update; bounds what a new cell must beat. */
  readonly minBestDbm: Float64Array;
  /** The same in mW (what the tabulated bounds of an edit compare with: no exponential per tile). */
  readonly minBestMw: Float64Array;
  /**
   * Per tile, the bits (`serverBit`) of its households' servers after the last run or update: a tile without a
   * cell's bit holds no household it serves, which an edit of the cell need not scan for them.
   */
  readonly serverBits: Uint32Array;

  /**
   * The layout's arrays are shared with the other tiles of the same locations in this thread: never written.
   * @param keepLayout false for tiles that must not replace the layout the thread keeps (a warm-up engine's,
   *   `CoverageEngineInput.transient`): theirs is made afresh and kept by nobody
   */
  constructor(households: HouseholdLocations, plane: LocalPlane, keepLayout = true) {
    const layout = keepLayout ? layoutOf(households, plane) : makeLayout(households, plane);
    this.tileStart = layout.tileStart;
    this.tileHouseholds = layout.tileHouseholds;
    this.tileOfHousehold = layout.tileOfHousehold;
    this.tileX = layout.tileX;
    this.tileY = layout.tileY;
    this.blockStart = layout.blockStart;
    this.blockTiles = layout.blockTiles;
    this.blockOfTile = layout.blockOfTile;
    this.blockX = layout.blockX;
    this.blockY = layout.blockY;
    this.blockIndex = layout.blockIndex;
    const tileCount = layout.tileX.length;
    this.minBestDbm = new Float64Array(tileCount).fill(-Infinity);
    this.minBestMw = new Float64Array(tileCount);
    this.serverBits = new Uint32Array(tileCount);
  }

  get count(): number {
    return this.tileX.length;
  }

  /**
   * Recomputes tile t's weakest best RSRP (-Infinity when a household has no server) and its servers' bits from the
   * households' best cells and values.
   */
  updateSummary(t: number, bestRsrpDbm: Float64Array, bestCell: Int32Array): void {
    let minimum = Infinity;
    let bits = 0;
    for (let i = this.tileStart[t]; i < this.tileStart[t + 1]; i++) {
      const h = this.tileHouseholds[i];
      minimum = Math.min(minimum, bestRsrpDbm[h]);
      if (bestCell[h] >= 0) bits |= serverBit(bestCell[h]);
    }
    this.minBestDbm[t] = minimum;
    this.minBestMw[t] = toLinear(minimum);
    this.serverBits[t] = bits;
  }
}

/** The tiles grouped by block of TILE_BLOCK_M (a tile lies in one block: the block side is a multiple of the tile's). */
function blocksOfTiles(tileX: Float64Array, tileY: Float64Array): { start: Uint32Array; tiles: Uint32Array; blockOfTile: Uint32Array; x: Float64Array; y: Float64Array } {
  const blockOfTile = new Uint32Array(tileX.length);
  const ids = new Map<number, number>();
  const centres: number[] = [];
  for (let t = 0; t < tileX.length; t++) {
    const column = Math.floor(tileX[t] / TILE_BLOCK_M);
    const row = Math.floor(tileY[t] / TILE_BLOCK_M);
    // columns and rows within ±2²⁰ blocks (±800,000 km) of the plane's origin
    const key = (column + 2 ** 20) * 2 ** 21 + (row + 2 ** 20);
    let block = ids.get(key);
    if (block === undefined) {
      block = ids.size;
      ids.set(key, block);
      centres.push((column + 0.5) * TILE_BLOCK_M, (row + 0.5) * TILE_BLOCK_M);
    }
    blockOfTile[t] = block;
  }
  const start = new Uint32Array(ids.size + 1);
  for (let t = 0; t < tileX.length; t++) start[blockOfTile[t] + 1]++;
  for (let b = 0; b < ids.size; b++) start[b + 1] += start[b];
  const next = start.slice(0, ids.size);
  const tiles = new Uint32Array(tileX.length);
  for (let t = 0; t < tileX.length; t++) tiles[next[blockOfTile[t]]++] = t;
  const x = new Float64Array(ids.size);
  const y = new Float64Array(ids.size);
  for (let b = 0; b < ids.size; b++) {
    x[b] = centres[2 * b];
    y[b] = centres[2 * b + 1];
  }
  return { start, tiles, blockOfTile, x, y };
}

/** Cell c's bit in `HouseholdTiles.serverBits`: cells 32 apart share one. */
export function serverBit(c: number): number {
  return 1 << (c & 31);
}
