/**
 * The interference sums' loops in AssemblyScript, compiled to WebAssembly by `npm run build:wasm` into
 * src/core/coverage/sums-loop-wasm.ts: the pair loop (interference-sums.ts `accumulateCell`, with link-tables.ts
 * `tabulatedRsrpMw` inlined) and, for a full computation, the scan of a cell's blocks (`sumOverBlocks`: the blocks
 * holding households of its group in its reach, each skipped where `TabulatedCell.boundOverDiscMw` is below the
 * floor). In JavaScript V8 checked the maps, lengths and bounds of a dozen typed-array reads again for every
 * household, and each block was a call into WebAssembly; here the loops read plain memory.
 *
 * Every operation is the JavaScript's, in the same order (IEEE-754 add, multiply, divide, sqrt, floor and the
 * float's bits), and every number it compares with comes from JavaScript in the records, so the sums are the
 * same doubles. Memory (bytes; the layout is exported, household-batch.ts reads it from here):
 *
 *   CELL         the cell record (`CELL_*`), written by JavaScript before a cell's households are summed,
 *   BATCH        the batch record (`BATCH_*`): where its lists are, and the block grid of a full computation,
 *   HOUSEHOLDS   the batch, one record of HOUSEHOLD_BYTES per household (`HOUSEHOLD_*`),
 *   after it     the undecided positions (an i32 per household), the blocks' entries, then the cells' tables
 *                (P·g_V against d², g_H against cos φ), all written by JavaScript.
 */

/** Where the cell record starts. */
export const CELL: usize = 0;
// the cell record: doubles, then 32-bit integers
export const CELL_LON: usize = 0;
export const CELL_LAT: usize = 8;
export const CELL_KX: usize = 16;
export const CELL_KY: usize = 24;
export const CELL_REACH_SQUARED_M2: usize = 32;
export const CELL_SIN_AZIMUTH: usize = 40;
export const CELL_COS_AZIMUTH: usize = 48;
export const CELL_FLOOR_GAIN: usize = 56;
/** The cut-off less and plus the decision band, mW. */
export const CELL_LOW_MW: usize = 64;
export const CELL_HIGH_MW: usize = 72;
/** The overlap window's linear ratio (−6 dB), and 1 ∓ the decision band. */
export const CELL_WINDOW: usize = 80;
export const CELL_BAND_BELOW: usize = 88;
export const CELL_BAND_ABOVE: usize = 96;
/** The cell's index and channel key (−1: none). */
export const CELL_INDEX: usize = 104;
export const CELL_CHANNEL: usize = 108;
/** Addresses of the cell's tables: P(d), P(d)·g_V(d), and g_H (0 for an omni cell). */
export const CELL_BORESIGHT: usize = 112;
export const CELL_VERTICAL: usize = 116;
export const CELL_HORIZONTAL: usize = 120;

/** Where the batch record starts. */
export const BATCH: usize = 128;
// the batch record: the block grid of a full computation (interference-sums.ts `BlockGrid`, its plane's factors)
export const BATCH_MIN_X: usize = 0;
export const BATCH_MIN_Y: usize = 8;
export const BATCH_SIDE_M: usize = 16;
export const BATCH_PLANE_KX: usize = 24;
export const BATCH_PLANE_KY: usize = 32;
export const BATCH_ROWS: usize = 40;
/**
 * Addresses of the blocks' entries (interference-sums.ts `blockIndex`): per (group, row) the first entry
 * (`group · rows + row`, one more at the end), and per entry its column and its households' positions in the
 * order of the computation, from and to.
 */
export const BATCH_ENTRY_START: usize = 44;
export const BATCH_ENTRY_COLUMN: usize = 48;
export const BATCH_ENTRY_FROM: usize = 52;
export const BATCH_ENTRY_TO: usize = 56;
/** Address of the undecided positions: where the loops write the households they leave to JavaScript. */
export const BATCH_UNDECIDED: usize = 60;

/** Where the batch's households start. */
export const HOUSEHOLDS: usize = 192;
export const HOUSEHOLD_BYTES: usize = 48;
// a household's record: doubles, then 32-bit integers
export const HOUSEHOLD_LON: usize = 0;
export const HOUSEHOLD_LAT: usize = 8;
export const HOUSEHOLD_SERVER_MW: usize = 16;
export const HOUSEHOLD_SUMS: usize = 24;
export const HOUSEHOLD_SERVER: usize = 32;
export const HOUSEHOLD_CHANNEL: usize = 36;
export const HOUSEHOLD_COUNT: usize = 40;
/** The household's index (not read by the loop). */
export const HOUSEHOLD_INDEX: usize = 44;

// link-tables.ts `Layout`
const STEP_BITS: u32 = 8;
const SHIFT: u32 = 20 - STEP_BITS;
const INDEX_OF_ONE: u32 = 1023 << STEP_BITS;
const FRACTION_MASK: u32 = (1 << SHIFT) - 1;
const FRACTION_SCALE: f64 = 1.0 / <f64>(1 << SHIFT);
const COS_STEPS: f64 = 16384;
const HALF_COS_STEPS: f64 = 8192;

/**
 * `accumulateCell` (interference-sums.ts) with the cell of the cell record, as far as the tabulated value decides:
 * adds `sign` × the cell's tabulated RSRP to the households at positions [from, to) whose server shares its
 * channel, and writes the positions of those too near the cut-off or the overlap window to decide to the undecided
 * list, whose length it returns.
 */
export function accumulateDecided(from: i32, to: i32, sign: i32): i32 {
  return accumulate(from, to, sign, 0);
}

/**
 * The sums of a full computation for the cell of the cell record (interference-sums.ts `sumCellOverBlocks`): over the
 * rows [fromRow, toRow) of the block grid, the blocks holding households of `group` from column `firstColumn` to
 * `lastColumn`, each where the cell's bound over it (`boundOverDiscMw`, a disc of `radiusM`) reaches `floorMw`;
 * the households' positions are those of the computation's order less `batchFrom`. Returns the length of the
 * undecided list.
 */
export function sumOverBlocks(group: i32, fromRow: i32, toRow: i32, firstColumn: i32, lastColumn: i32, radiusM: f64, floorMw: f64, batchFrom: i32): i32 {
  const cellLon = load<f64>(CELL + CELL_LON);
  const cellLat = load<f64>(CELL + CELL_LAT);
  const kx = load<f64>(CELL + CELL_KX);
  const ky = load<f64>(CELL + CELL_KY);
  const minX = load<f64>(BATCH + BATCH_MIN_X);
  const minY = load<f64>(BATCH + BATCH_MIN_Y);
  const sideM = load<f64>(BATCH + BATCH_SIDE_M);
  const planeKx = load<f64>(BATCH + BATCH_PLANE_KX);
  const planeKy = load<f64>(BATCH + BATCH_PLANE_KY);
  const rows = load<i32>(BATCH + BATCH_ROWS);
  const entryStart = <usize>load<u32>(BATCH + BATCH_ENTRY_START);
  const entryColumn = <usize>load<u32>(BATCH + BATCH_ENTRY_COLUMN);
  const entryFrom = <usize>load<u32>(BATCH + BATCH_ENTRY_FROM);
  const entryTo = <usize>load<u32>(BATCH + BATCH_ENTRY_TO);
  let count = 0;
  for (let row = fromRow; row < toRow; row++) {
    // the latitude of the row's centres (the grid is in the plane), then its offset in the cell's metres
    const dy = ((minY + (<f64>row + 0.5) * sideM) / planeKy - cellLat) * ky;
    const slot = <usize>(group * rows + row) << 2;
    const end = load<u32>(entryStart + slot, 4);
    // the row's first entry at or after firstColumn (binary search: columns rise within a row)
    let low = load<u32>(entryStart + slot);
    let high = end;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (load<i32>(entryColumn + (<usize>middle << 2)) < firstColumn) low = middle + 1;
      else high = middle;
    }
    for (let e = low; e < end; e++) {
      const at = <usize>e << 2;
      const column = load<i32>(entryColumn + at);
      if (column > lastColumn) break;
      const dx = ((minX + (<f64>column + 0.5) * sideM) / planeKx - cellLon) * kx;
      if (boundOverDiscMw(dx, dy, radiusM) < floorMw) continue;
      count = accumulate(<i32>(load<u32>(entryFrom + at) - <u32>batchFrom), <i32>(load<u32>(entryTo + at) - <u32>batchFrom), 1, count);
    }
  }
  return count;
}

/** `accumulateDecided` appending to the undecided list from `count`; returns its new length. */
@inline
function accumulate(from: i32, to: i32, sign: i32, count: i32): i32 {
  const cellLon = load<f64>(CELL + CELL_LON);
  const cellLat = load<f64>(CELL + CELL_LAT);
  const kx = load<f64>(CELL + CELL_KX);
  const ky = load<f64>(CELL + CELL_KY);
  const reachSquaredM2 = load<f64>(CELL + CELL_REACH_SQUARED_M2);
  const sinAzimuth = load<f64>(CELL + CELL_SIN_AZIMUTH);
  const cosAzimuth = load<f64>(CELL + CELL_COS_AZIMUTH);
  const floorGain = load<f64>(CELL + CELL_FLOOR_GAIN);
  const low = load<f64>(CELL + CELL_LOW_MW);
  const high = load<f64>(CELL + CELL_HIGH_MW);
  const window = load<f64>(CELL + CELL_WINDOW);
  const bandBelow = load<f64>(CELL + CELL_BAND_BELOW);
  const bandAbove = load<f64>(CELL + CELL_BAND_ABOVE);
  const c = load<i32>(CELL + CELL_INDEX);
  const channel = load<i32>(CELL + CELL_CHANNEL);
  const boresightMw = <usize>load<u32>(CELL + CELL_BORESIGHT);
  const verticalMw = <usize>load<u32>(CELL + CELL_VERTICAL);
  const horizontalGain = <usize>load<u32>(CELL + CELL_HORIZONTAL);
  const undecided = <usize>load<u32>(BATCH + BATCH_UNDECIDED);
  const signed = <f64>sign;
  for (let i = from; i < to; i++) {
    const household = HOUSEHOLDS + <usize>i * HOUSEHOLD_BYTES;
    // channelsMatch: equal, or either not given
    const serverChannel = load<i32>(household + HOUSEHOLD_CHANNEL);
    if (channel >= 0 && serverChannel >= 0 && serverChannel != channel) continue;
    if (load<i32>(household + HOUSEHOLD_SERVER) == c) {
      store<f64>(household + HOUSEHOLD_SUMS, load<f64>(household + HOUSEHOLD_SUMS) + signed * load<f64>(household + HOUSEHOLD_SERVER_MW));
      store<i32>(household + HOUSEHOLD_COUNT, load<i32>(household + HOUSEHOLD_COUNT) + sign);
      continue;
    }
    const dx = (load<f64>(household + HOUSEHOLD_LON) - cellLon) * kx;
    const dy = (load<f64>(household + HOUSEHOLD_LAT) - cellLat) * ky;
    const d2 = dx * dx + dy * dy;
    if (d2 > reachSquaredM2) continue;
    const mw = tabulatedRsrpMw(boresightMw, verticalMw, horizontalGain, sinAzimuth, cosAzimuth, floorGain, dx, dy, d2, low);
    if (mw < low) continue;
    const edgeMw = load<f64>(household + HOUSEHOLD_SERVER_MW) * window;
    if (mw < high || (mw < edgeMw * bandAbove && mw >= edgeMw * bandBelow)) {
      store<i32>(undecided + (<usize>count << 2), i);
      count++;
      continue;
    }
    store<f64>(household + HOUSEHOLD_SUMS, load<f64>(household + HOUSEHOLD_SUMS) + signed * mw);
    if (mw >= edgeMw) store<i32>(household + HOUSEHOLD_COUNT, load<i32>(household + HOUSEHOLD_COUNT) + sign);
  }
  return count;
}

/**
 * link-tables.ts `TabulatedCell.boundOverDiscMw` for the cell of the cell record: an upper bound of its RSRP (mW)
 * over a disc centred at the offset (dx, dy) metres from the cell, of radius `radiusM`. Exported for its test.
 */
export function boundOverDiscMw(dx: f64, dy: f64, radiusM: f64): f64 {
  const boresightMw = <usize>load<u32>(CELL + CELL_BORESIGHT);
  const distanceM = Math.sqrt(dx * dx + dy * dy);
  const nearestM = distanceM - radiusM;
  if (nearestM <= 1) return load<f64>(boresightMw);
  if (nearestM * nearestM > load<f64>(CELL + CELL_REACH_SQUARED_M2)) return 0;
  const d2 = nearestM * nearestM;
  // the table falls with distance: its value at the step below bounds every point of the step
  const boresight = load<f64>(boresightMw + (<usize>(((<u32>(reinterpret<u64>(d2) >>> 32)) >>> SHIFT) - INDEX_OF_ONE) << 3));
  const horizontalGain = <usize>load<u32>(CELL + CELL_HORIZONTAL);
  if (horizontalGain == 0) return boresight;
  const sinHalf = radiusM / distanceM;
  if (sinHalf >= 1) return boresight;
  const sinAzimuth = load<f64>(CELL + CELL_SIN_AZIMUTH);
  const cosAzimuth = load<f64>(CELL + CELL_COS_AZIMUTH);
  // cos of the angle off boresight of the centre, and of the disc's edge nearest the boresight
  const cosCentre = (dx * sinAzimuth + dy * cosAzimuth) / distanceM;
  const sinCentre = Math.abs(dx * cosAzimuth - dy * sinAzimuth) / distanceM;
  const cosHalf = Math.sqrt(1 - sinHalf * sinHalf);
  const edge = cosCentre * cosHalf + sinCentre * sinHalf;
  const cosBest = sinCentre <= sinHalf && cosCentre >= 0 ? 1 : edge < 1 ? edge : 1;
  // g_H rises with cos φ: the table's value one step above bounds the interpolated one
  const above = Math.floor((cosBest + 1) * HALF_COS_STEPS) + 1;
  const step = above < COS_STEPS ? above : COS_STEPS;
  const gain = load<f64>(horizontalGain + (<usize>(<i32>step) << 3));
  const floorGain = load<f64>(CELL + CELL_FLOOR_GAIN);
  return boresight * (gain > floorGain ? gain : floorGain);
}

/**
 * link-tables.ts `tabulatedRsrpMw`. A g_H table has a NaN before its first entry, which a cos φ rounded below −1
 * reads as JavaScript reads `undefined` at index −1: the RSRP is then the pattern's floor, as there.
 */
@inline
function tabulatedRsrpMw(
  boresightMw: usize,
  verticalMw: usize,
  horizontalGain: usize,
  sinAzimuth: f64,
  cosAzimuth: f64,
  floorGain: f64,
  dx: f64,
  dy: f64,
  distanceSquaredM2: f64,
  lowMw: f64,
): f64 {
  const d2 = distanceSquaredM2 < 1 ? 1 : distanceSquaredM2;
  const high = <u32>(reinterpret<u64>(d2) >>> 32);
  const fraction = <f64>(high & FRACTION_MASK) * FRACTION_SCALE;
  const offset = <usize>((high >>> SHIFT) - INDEX_OF_ONE) << 3;
  const below = load<f64>(boresightMw + offset);
  const boresight = below + (load<f64>(boresightMw + offset, 8) - below) * fraction;
  if (boresight < lowMw) return 0;
  const verticalBelow = load<f64>(verticalMw + offset);
  const vertical = verticalBelow + (load<f64>(verticalMw + offset, 8) - verticalBelow) * fraction;
  if (horizontalGain == 0) return vertical;
  const position = ((dx * sinAzimuth + dy * cosAzimuth) / Math.sqrt(d2) + 1) * HALF_COS_STEPS;
  const step = Math.floor(position);
  const gainAddress = horizontalGain + (<usize>(<i32>step) << 3);
  const gainBelow = load<f64>(gainAddress);
  const rsrpMw = vertical * (gainBelow + (load<f64>(gainAddress, 8) - gainBelow) * (position - step));
  const floorMw = boresight * floorGain;
  return rsrpMw > floorMw ? rsrpMw : floorMw;
}
