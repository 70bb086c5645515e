/**
 * Household points in locality order: sorted along a Z-order curve over their bounding box, so that points near on
 * the ground are near in memory. The engine settles the households tile by tile (100 m tiles, pass after pass); a
 * file in no spatial order (by household id, as generated) sends each of those reads to a random place of arrays of
 * tens of MB. A file already in a local order (by commune, by village) is left as it is.
 *
 * `analyze --provinces` reads each province so (bench/HISTORY.md step 88: the full synthetic country, whose files
 * are in no order, its analysis stage 80.7–90.7 → 54.9–67.5 s summed over the provinces). A city's `analyze` does
 * not: on the seeded city (598,917 points, also in no order) its analysis stage did not change beyond the noise,
 * its time going to the interference sums, which copy their households into batches in their own order anyway.
 *
 * The app's worker keeps a large household layer so (`layerInLocalityOrder`): an edit (a site moved or proposed)
 * revisits the households around one place, each of which a file in no order puts at a random place of every
 * per-household array. The seeded city's site moves: 300 of them 4.8–7.0 → 3.7–3.9 s (bench/HISTORY.md step 90).
 *
 * A host that reorders writes its per-household outputs in file order (`FileOrder`; the CLI's households.csv:
 * cli/household-row-records.ts); the analysis' aggregates (counts, medians, zones) do not depend on the order.
 */
import type { HouseholdIds, HouseholdPoints } from './model.ts';

/**
 * Cells of the curve's grid per side: 2^8, so a point's position is 16 bits and one counting pass sorts them. A
 * cell is ~390 m of a synthetic province (~100 km across; at most 1,324 points in one, p03's 3.25 M), ~1.2 km of a
 * 300 km one: the points of a cell lie together in memory (tens of KB per column), which is what the engine's
 * reads need; their order within it is the file's.
 */
const GRID_BITS = 8;
const GRID_SIDE = 1 << GRID_BITS;

/**
 * Position of the grid cell (x, y) along the Z-order (Morton) curve (0 ≤ x, y < 2^16): the bits of x and y
 * interleaved, y's above x's. Each aligned square of 2^k × 2^k cells is one run of positions. (A Hilbert curve is
 * a little more local, but its position costs ~5 times more to compute.)
 */
export function mortonPosition(x: number, y: number): number {
  return ((spreadBits(y) << 1) | spreadBits(x)) >>> 0;
}

/** The 16 low bits of `v` moved to the even bits of a 32-bit word (bit k to bit 2k). */
function spreadBits(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  return (v | (v << 1)) & 0x55555555;
}

/** A permutation both ways: the row at each position, and the position of each row. */
export interface Reordering {
  rowOfPosition: Uint32Array;
  positionOfRow: Uint32Array;
}

/**
 * Rows already in a local order leave at most this share of consecutive rows in different grid cells: a file
 * listed by commune or village has most of its neighbours in one cell; one in no order (the synthetic country's,
 * the seeded city's) nearly none.
 */
const LOCAL_ORDER_CHANGES = 0.5;

/**
 * The locality order of points: rows sorted by the Morton position of their point's cell on a 2^8 × 2^8 grid over
 * the points' bounding box, the rows of a cell in file order. Null where the rows are in a local order already
 * (`LOCAL_ORDER_CHANGES`), or fewer than two.
 */
export function localityOrder(lon: Float64Array, lat: Float64Array): Reordering | null {
  const length = lon.length;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let i = 0; i < length; i++) {
    west = Math.min(west, lon[i]);
    east = Math.max(east, lon[i]);
    south = Math.min(south, lat[i]);
    north = Math.max(north, lat[i]);
  }
  // one scale for both axes keeps the grid's cells square in degrees; a single point gives every row cell 0
  const span = Math.max(east - west, north - south);
  const scale = span > 0 ? GRID_SIDE / span : 0;
  const keys = new Uint16Array(length);
  for (let i = 0; i < length; i++) {
    const x = Math.min(GRID_SIDE - 1, Math.floor((lon[i] - west) * scale));
    const y = Math.min(GRID_SIDE - 1, Math.floor((lat[i] - south) * scale));
    keys[i] = mortonPosition(x, y);
  }
  let changes = 0;
  for (let i = 1; i < length; i++) if (keys[i] !== keys[i - 1]) changes++;
  return length < 2 || changes <= LOCAL_ORDER_CHANGES * (length - 1) ? null : sortedByKey(keys);
}

/** Rows 0 … keys.length − 1 sorted by their key, equal keys in row order: one counting pass. */
export function sortedByKey(keys: Uint16Array): Reordering {
  const length = keys.length;
  const starts = new Uint32Array(1 << 16);
  for (let row = 0; row < length; row++) starts[keys[row]]++;
  let start = 0;
  for (let key = 0; key < starts.length; key++) {
    const count = starts[key];
    starts[key] = start;
    start += count;
  }
  const rowOfPosition = new Uint32Array(length);
  const positionOfRow = new Uint32Array(length);
  for (let row = 0; row < length; row++) {
    const position = starts[keys[row]]++;
    rowOfPosition[position] = row;
    positionOfRow[row] = position;
  }
  return { rowOfPosition, positionOfRow };
}

/** The file's order of reordered household points: the file row at each position, and the ids in file order. */
export interface FileOrder {
  /** The file row of the point at each position (`localityOrder`'s). */
  rowOfPosition: Uint32Array;
  ids: HouseholdIds;
}

/** Household points in locality order, and the file's order when that is not the same. */
export interface HouseholdOrder {
  households: HouseholdPoints;
  /** Undefined when the points were left as they are (`localityOrder` null). */
  fileOrder: FileOrder | undefined;
}

/**
 * `households` in locality order (`localityOrder`), or as they are where that is null. The columns are new arrays
 * over the same kind of buffer as the given ones (shared memory stays shared: threads are sent it without a copy);
 * the ids are read through the order, not copied; ward ids that are all null (points located in the ward
 * polygons) stay the same array.
 */
export function inLocalityOrder(households: HouseholdPoints): HouseholdOrder {
  const reordering = localityOrder(households.lon, households.lat);
  if (reordering === null) return { households, fileOrder: undefined };
  const { rowOfPosition, positionOfRow } = reordering;
  return {
    households: {
      length: households.length,
      ids: new ReorderedIds(households.ids, rowOfPosition),
      lon: scattered(households.lon, positionOfRow),
      lat: scattered(households.lat, positionOfRow),
      count: scattered(households.count, positionOfRow),
      wardId: households.wardId.every((id) => id === null) ? households.wardId : gatheredArray(households.wardId, rowOfPosition),
    },
    fileOrder: { rowOfPosition, ids: households.ids },
  };
}

/**
 * Household points from which the app's worker keeps its layer in locality order (`layerInLocalityOrder`): 2^16, where
 * a column of doubles (512 KB) outgrows a core's cache. A smaller layer gains nothing, and keeps its file's order.
 */
export const LAYER_LOCALITY_MIN_POINTS = 1 << 16;

/**
 * A household layer as the app's worker keeps it: in locality order (`inLocalityOrder`) from LAYER_LOCALITY_MIN_POINTS
 * points, else as read. The layer's order is then the app's throughout (map, results, edits, exports, a saved
 * dataset); the points, ids and every result per household are the same.
 */
export function layerInLocalityOrder(households: HouseholdPoints): HouseholdOrder {
  return households.length < LAYER_LOCALITY_MIN_POINTS ? { households, fileOrder: undefined } : inLocalityOrder(households);
}

/**
 * `values[k]` moved to `destination[k]` for every k, in a new array of the same type over the same kind of buffer
 * (shared memory stays shared). A scatter, not a gather: the values are read in turn, and the writes, to random
 * places, do not hold the loop up as random reads would (3.25 M points: ~2 times faster).
 */
function scattered<T extends Float64Array | Uint32Array>(values: T, destination: Uint32Array): T {
  const ArrayType = values.constructor as new (buffer: ArrayBufferLike) => T;
  const BufferType = values.buffer.constructor as new (byteLength: number) => ArrayBufferLike;
  const result = new ArrayType(new BufferType(values.byteLength));
  for (let k = 0; k < values.length; k++) result[destination[k]] = values[k];
  return result;
}

/** `values[order[k]]` at each k (ward ids: an array of strings, gathered once for the run). */
function gatheredArray<T>(values: readonly T[], order: Uint32Array): T[] {
  const result = new Array<T>(order.length);
  for (let k = 0; k < order.length; k++) result[k] = values[order[k]];
  return result;
}

/** Ids read through an order: `at(k)` is the source's id at `order[k]`. */
class ReorderedIds implements HouseholdIds {
  readonly length: number;

  constructor(
    private readonly source: HouseholdIds,
    private readonly order: Uint32Array,
  ) {
    this.length = order.length;
  }

  at(index: number): string | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.length ? this.source.at(this.order[index]) : undefined;
  }
}
