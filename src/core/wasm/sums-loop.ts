/**
 * The interference sums' pair loop (src/core/coverage/interference-sums.ts `accumulateDecided`, with
 * link-tables.ts `tabulatedRsrpMw` inlined) in AssemblyScript, compiled to WebAssembly by `npm run build:wasm`
 * into src/core/coverage/sums-loop-wasm.ts. In JavaScript V8 checked the maps, lengths and bounds of a dozen
 * typed-array reads again for every household; here the loop reads plain memory.
 *
 * Every operation is the JavaScript's, in the same order (IEEE-754 add, multiply, divide, sqrt, floor and the
 * float's bits), and every number it compares with comes from JavaScript in the cell record, so the sums are the
 * same doubles. Memory (bytes; the layout is exported, household-batch.ts reads it from here):
 *
 *   CELL         the cell record (`CELL_*`), written by JavaScript before a cell's households are summed,
 *   HOUSEHOLDS   the batch, one record of HOUSEHOLD_BYTES per household (`HOUSEHOLD_*`),
 *   after it     the cells' tables (P·g_V against d², g_H against cos φ), copied in by JavaScript.
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

/** Where the batch starts. */
export const HOUSEHOLDS: usize = 128;
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
const HALF_COS_STEPS: f64 = 8192;

/**
 * `accumulateDecided` (interference-sums.ts) with the cell of the cell record: adds `sign` × the cell's tabulated
 * RSRP to the households at positions [from, to) whose server shares its channel, up to the first one too near the
 * cut-off or the overlap window to decide, whose position it returns (`to` when none).
 */
export function accumulateDecided(from: i32, to: i32, sign: i32): i32 {
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
    if (mw < high || (mw < edgeMw * bandAbove && mw >= edgeMw * bandBelow)) return i;
    store<f64>(household + HOUSEHOLD_SUMS, load<f64>(household + HOUSEHOLD_SUMS) + signed * mw);
    if (mw >= edgeMw) store<i32>(household + HOUSEHOLD_COUNT, load<i32>(household + HOUSEHOLD_COUNT) + sign);
  }
  return to;
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
