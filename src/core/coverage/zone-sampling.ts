/**
 * Sampling the signal on the zone grid adaptively: blocks of `topBlockCells` cells test their four corners with
 * `bestServerAt`; a block whose corners all clear the fair floor by a margin (or all fall short of it by that
 * margin) takes that class throughout, any other block is split in four, down to single cells. The margin grows
 * with the block side (`MARGIN_DB_PER_M`), because the RSRP can vary more inside a larger block.
 */
import type { Steps } from '../steps.ts';
import type { ZoneLand } from './zone-land.ts';
import type { ZoneGrid } from './zone-raster.ts';

/** Anything that gives the strongest analysed signal at a point: the `CoverageEngine`, or a test double. */
export interface SignalSource {
  /**
   * Exact at or above `floorDbm` (default: everywhere); below it the answer may be "no server" (−Infinity), which
   * spares the engine the deep search where the signal is weak.
   */
  bestServerAt(lon: number, lat: number, floorDbm?: number): { cellIndex: number; rsrpDbm: number };
  /**
   * `bestServerAt(lon, lat, floorDbm).rsrpDbm` for points of one rectangle, from one search for the rectangle
   * (`CoverageEngine.signalOver`): a block that is refined asks for many of its points.
   */
  signalOver?(west: number, south: number, east: number, north: number, floorDbm: number): (lon: number, lat: number) => number;
}

/**
 * Refinement margin, dB per metre of block side: a block is filled from its corners only when all of them clear
 * (or miss) the fair floor by this × side. 0.015 dB/m = 12 dB for an 800 m block, 1.5 dB for 100 m: a 3-sector
 * site's inter-sector dip is ≈ 10 dB (TR 36.814 pattern at 60° off a 65° beam) and a 35·log10(d) path loss
 * changes by ≈ 5 dB over 800 m at 2 km range. A heuristic, checked against exhaustive evaluation in the tests.
 */
const MARGIN_DB_PER_M = 0.015;

/**
 * Below the sampling floor the RSRP is not needed exactly, less this slack: samples are kept as float32, and
 * rounding a value just under the floor must not lift it to the floor (float32 steps are ~1e-5 dB at −120 dBm).
 */
const FLOAT32_SLACK_DB = 1e-3;

/**
 * The lowest RSRP the sampling's decisions tell apart, dBm: each compares a block's corners with the fair floor
 * ± the block's margin, the widest margin being the top block's, so any value below fair − that margin decides
 * exactly as "no server" does (a block of such corners is filled weak, a cell is weak). Queries stop there
 * (`SignalSource.bestServerAt`'s floor); a zone's best RSRP, which may lie lower, is completed in full where needed (zone-outlines.ts).
 */
export function samplingFloorDbm(grid: ZoneGrid, fairFloorDbm: number, topBlockCells: number): number {
  return fairFloorDbm - MARGIN_DB_PER_M * topBlockCells * grid.cellM - FLOAT32_SLACK_DB;
}

/** The signal at cell (i, j)'s centre, exact at or above `floorDbm` (−Infinity for the full search). */
export function sampleAt(grid: ZoneGrid, source: SignalSource, i: number, j: number, floorDbm = -Infinity): number {
  return source.bestServerAt(centreLon(grid, i), centreLat(grid, j), floorDbm).rsrpDbm;
}

/** Longitude of the centres of grid column i, latitude of those of grid row j. */
const centreLon = (grid: ZoneGrid, i: number): number => grid.westLon + (i + 0.5) * grid.cellLonDeg;
const centreLat = (grid: ZoneGrid, j: number): number => grid.southLat + (j + 0.5) * grid.cellLatDeg;

/**
 * Point queries a refined top block makes before it asks for one search over the block (`SignalSource.signalOver`):
 * that search lists every cell that may reach the sampling floor in the block, ~15 where the signal is weak (a
 * rural province) but hundreds in a city, where a block's refinement rarely needs more than a few dozen points.
 */
const POINT_QUERIES_PER_BLOCK = 32;

/** Cell states while classifying; evaluated cells carry their RSRP in a parallel Float32Array. */
const UNKNOWN = 0;
export const EVALUATED = 1;
const FILLED_COVERED = 2;
export const FILLED_WEAK = 3;

/**
 * Evaluates the signal on the land blocks of the grid, adaptively (see the module comment), filling `rsrp` and
 * `state`; an evaluated cell's RSRP is exact at or above `samplingFloorDbm`, and may be −Infinity below it. Yields
 * the fraction of block rows done.
 */
export function* sampleGrid(
  { grid, land, landIn }: ZoneLand,
  source: SignalSource,
  fairFloorDbm: number,
  topBlockCells: number,
  rsrp: Float32Array,
  state: Uint8Array,
): Steps<void> {
  const { columns, rows } = grid;
  // a block without land is skipped in O(1) (`landIn`, zone-land-blocks.ts)
  const floorDbm = samplingFloorDbm(grid, fairFloorDbm, topBlockCells);

  // the top block being refined: its corners' grid cells, and the point queries made in it so far
  let block: { i0: number; j0: number; queries: number } | null = null;
  // its signal from one search (`SignalSource.signalOver`), once it has made POINT_QUERIES_PER_BLOCK point queries
  let signalInBlock: ((lon: number, lat: number) => number) | null = null;
  const evaluate = (i: number, j: number): number => {
    const c = j * columns + i;
    if (state[c] !== EVALUATED) {
      if (signalInBlock === null && block !== null && ++block.queries > POINT_QUERIES_PER_BLOCK && source.signalOver !== undefined) {
        const { i0, j0 } = block;
        signalInBlock = source.signalOver(centreLon(grid, i0), centreLat(grid, j0), centreLon(grid, i0 + topBlockCells), centreLat(grid, j0 + topBlockCells), floorDbm);
      }
      rsrp[c] = signalInBlock === null ? sampleAt(grid, source, i, j, floorDbm) : signalInBlock(centreLon(grid, i), centreLat(grid, j));
      state[c] = EVALUATED;
    }
    return rsrp[c];
  };
  const fill = (i0: number, j0: number, size: number, value: number): void => {
    for (let j = j0; j <= j0 + size; j++) {
      for (let c = j * columns + i0, end = c + size; c <= end; c++) if (state[c] === UNKNOWN) state[c] = value;
    }
  };
  const refine = (i0: number, j0: number, size: number): void => {
    if (!landIn(i0, j0, size)) return;
    if (size === 1) {
      // a single cell decides nothing: only its land corners need a value (a sea corner that a larger block
      // needs later is evaluated then, to the same value)
      for (let j = j0; j <= j0 + 1; j++) for (let i = i0; i <= i0 + 1; i++) if (land[j * columns + i] !== 0) evaluate(i, j);
      return;
    }
    const a = evaluate(i0, j0);
    const b = evaluate(i0 + size, j0);
    const c = evaluate(i0, j0 + size);
    const d = evaluate(i0 + size, j0 + size);
    const marginDb = MARGIN_DB_PER_M * size * grid.cellM;
    const low = Math.min(a, b, c, d);
    const high = Math.max(a, b, c, d);
    if (low >= fairFloorDbm + marginDb) return fill(i0, j0, size, FILLED_COVERED);
    if (high < fairFloorDbm - marginDb) return fill(i0, j0, size, FILLED_WEAK);
    const half = size / 2;
    if (size === topBlockCells) block = { i0, j0, queries: 0 };
    refine(i0, j0, half);
    refine(i0 + half, j0, half);
    refine(i0, j0 + half, half);
    refine(i0 + half, j0 + half, half);
    if (size === topBlockCells) {
      block = null;
      signalInBlock = null;
    }
  };

  const blockRows = (rows - 1) / topBlockCells;
  const blockColumns = (columns - 1) / topBlockCells;
  for (let by = 0; by < blockRows; by++) {
    yield by / blockRows;
    for (let bx = 0; bx < blockColumns; bx++) refine(bx * topBlockCells, by * topBlockCells, topBlockCells);
  }
}
