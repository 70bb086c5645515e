/**
 * Households as the interference sums' loops read them, in the memory of a WebAssembly instance of the loops
 * (src/core/wasm/sums-loop.ts, generated into sums-loop-wasm.ts): per household its position, server's power, index
 * and channel, and its running sum and overlap count, one record each; the cell being summed; the blocks of a full
 * computation (`BlockIndex`); and the tables of the cells summed, copied in once (a table is shared by many cells: a
 * few hundred per city) and kept for the thread's next full computation, or copied ahead of its first one by a
 * warm-up (`placeAheadSteps`).
 *
 * An edit's batch has an instance of its own, so its memory goes when the batch does; a full computation's is kept
 * for the thread's next (`retire`). The module is compiled on first use, synchronously: it is 1 kB, and only the
 * engine's threads (its worker, the sums partner, Node) use it.
 */
import type { Steps } from '../steps.ts';
import { DECISION_BAND, PATTERN_FLOOR_GAIN, type TabulatedCell } from './link-tables.ts';
import { SUMS_LOOP_WASM } from './sums-loop-wasm.ts';

/** What the core uses of the WebAssembly API (the core compiles without the DOM's and Node's type libraries). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** The loop's exports: the function, its memory and the memory's layout (bytes; see src/core/wasm/sums-loop.ts). */
interface SumsLoop {
  memory: Memory;
  accumulateDecided(from: number, to: number, sign: number): number;
  sumOverBlocks(group: number, fromRow: number, toRow: number, firstColumn: number, lastColumn: number, radiusM: number, floorMw: number, batchFrom: number): number;
  boundOverDiscMw(dx: number, dy: number, radiusM: number): number;
  layout: Record<LayoutName, number>;
}
const LAYOUT_NAMES = [
  'CELL',
  'CELL_LON',
  'CELL_LAT',
  'CELL_KX',
  'CELL_KY',
  'CELL_REACH_SQUARED_M2',
  'CELL_SIN_AZIMUTH',
  'CELL_COS_AZIMUTH',
  'CELL_FLOOR_GAIN',
  'CELL_LOW_MW',
  'CELL_HIGH_MW',
  'CELL_WINDOW',
  'CELL_BAND_BELOW',
  'CELL_BAND_ABOVE',
  'CELL_INDEX',
  'CELL_CHANNEL',
  'CELL_BORESIGHT',
  'CELL_VERTICAL',
  'CELL_HORIZONTAL',
  'BATCH',
  'BATCH_MIN_X',
  'BATCH_MIN_Y',
  'BATCH_SIDE_M',
  'BATCH_PLANE_KX',
  'BATCH_PLANE_KY',
  'BATCH_ROWS',
  'BATCH_ENTRY_START',
  'BATCH_ENTRY_COLUMN',
  'BATCH_ENTRY_FROM',
  'BATCH_ENTRY_TO',
  'BATCH_UNDECIDED',
  'HOUSEHOLDS',
  'HOUSEHOLD_BYTES',
  'HOUSEHOLD_LON',
  'HOUSEHOLD_LAT',
  'HOUSEHOLD_SERVER_MW',
  'HOUSEHOLD_SUMS',
  'HOUSEHOLD_SERVER',
  'HOUSEHOLD_CHANNEL',
  'HOUSEHOLD_COUNT',
  'HOUSEHOLD_INDEX',
] as const;
type LayoutName = (typeof LAYOUT_NAMES)[number];

/**
 * The blocks of a full computation, for `sumOverBlocks` (interference-sums.ts `BlockGrid` and `blockIndex`): the
 * grid's origin and side in the plane, the plane's factors, and per (group, row) the blocks holding households of
 * the group, by rising column, with their households' positions in the computation's order.
 */
export interface BlockIndex {
  minX: number;
  minY: number;
  sideM: number;
  planeKx: number;
  planeKy: number;
  rows: number;
  /** First entry of (group, row) at `group · rows + row`, and the end past the last. */
  entryStart: Uint32Array;
  entryColumn: Int32Array;
  /** The entry's households: positions [from, to) of the computation's order. */
  entryFrom: Uint32Array;
  entryTo: Uint32Array;
}

const PAGE_BYTES = 65536;
/** Bytes of tables a batch keeps at most; past them it starts its tables over (an engine's scratch, over many edits). */
const MAX_TABLE_BYTES = 64 * 1024 * 1024;

let compiled: object | null = null;

/**
 * The instance of this thread's last full computation (`retire`), its memory holding the tables it copied in: the
 * next full computation takes it over, and a re-run of the same cells copies no table again (~0.15–0.2 s of fresh
 * memory and copies per thread and run in Chromium). Keeps that memory (at most its tables' MAX_TABLE_BYTES and the
 * largest batch) for the thread's life.
 */
let retired: { loop: SumsLoop; placed: Map<Float64Array, number>; tablesStart: number; tablesEnd: number } | null = null;

/** Lets the retired instance's memory go (a process that runs no more analyses: the CLI before its writes). */
export function forgetRetiredBatch(): void {
  retired = null;
}

/** Bytes of tables copied into WebAssembly memory by this thread (for tests: a warmed-up thread's analysis copies none). */
let tableBytesCopied = 0;
export const tableBytesPlaced = (): number => tableBytesCopied;

/**
 * The room a warm-up's instance keeps for a batch's blocks is 3 32-bit words per household (an entry's column, first
 * and last position: each entry holds a household at least) and this many for the (group, row) starts (about ten
 * groups by a few hundred rows of 500 m on a city).
 */
const BLOCK_STARTS_AHEAD = 1 << 16;
/** Cells whose tables a warm-up copies between two checkpoints. */
const LINKS_PER_CHECKPOINT = 256;

/** A new instance of the loop, with a memory of its own. */
function instantiate(): SumsLoop {
  const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  compiled ??= new api.Module(SUMS_LOOP_WASM);
  const exports = new api.Instance(compiled).exports;
  const layout = {} as Record<LayoutName, number>;
  for (const name of LAYOUT_NAMES) layout[name] = (exports[name] as { value: number }).value;
  return {
    memory: exports.memory as Memory,
    accumulateDecided: exports.accumulateDecided as SumsLoop['accumulateDecided'],
    sumOverBlocks: exports.sumOverBlocks as SumsLoop['sumOverBlocks'],
    boundOverDiscMw: exports.boundOverDiscMw as SumsLoop['boundOverDiscMw'],
    layout,
  };
}

export class HouseholdBatch {
  /** How many households the batch holds at most. */
  readonly capacity: number;
  private readonly loop: SumsLoop;
  /** Views of the instance's memory, made again when it grows. */
  private f64: Float64Array;
  private i32: Int32Array;
  /** Records' strides in elements of the views: household i's fields are at `i · stride + field`. */
  private readonly f64Stride: number;
  private readonly i32Stride: number;
  /** Each field of household 0, in elements of its view. */
  private readonly lonAt: number;
  private readonly latAt: number;
  private readonly serverMwAt: number;
  private readonly sumsAt: number;
  private readonly serverAt: number;
  private readonly channelAt: number;
  private readonly countAt: number;
  private readonly indexAt: number;
  /** The undecided list's first element in the i32 view. */
  private readonly undecidedAt: number;
  /** The address of each table copied in, from `tablesStart` up to `tablesEnd`. */
  private readonly placed: Map<Float64Array, number>;
  private readonly tablesStart: number;
  private tablesEnd: number;
  /** The cell in the cell record (`useCell`). */
  private cellIndex = -1;
  private link: TabulatedCell | null = null;
  private channel = -1;

  /**
   * @param cutoffMw the interference cut-off, mW
   * @param windowRatio the overlap window's linear ratio (−6 dB)
   * @param blocks the blocks of a full computation (`sumOverBlocks`), copied in; none for edits
   * @param blockWordsAhead room for blocks kept before the tables without blocks to copy (a warm-up's instance,
   *   `placeAheadSteps`), 32-bit words
   * @param takeOver false for a full computation that must leave the thread's retired instance to the next one (a
   *   warm-up engine's, `CoverageEngineInput.transient`)
   */
  constructor(size: number, cutoffMw: number, windowRatio: number, blocks: BlockIndex | null = null, blockWordsAhead = 0, takeOver = true) {
    this.capacity = size;
    // a full computation takes over the last one's instance (`retired`); an engine's edit batch has its own
    const taken = blocks === null || !takeOver ? null : retired;
    if (taken !== null) retired = null;
    this.loop = taken?.loop ?? instantiate();
    const { layout } = this.loop;
    this.f64Stride = layout.HOUSEHOLD_BYTES / 8;
    this.i32Stride = layout.HOUSEHOLD_BYTES / 4;
    this.lonAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_LON) / 8;
    this.latAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_LAT) / 8;
    this.serverMwAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_SERVER_MW) / 8;
    this.sumsAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_SUMS) / 8;
    this.serverAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_SERVER) / 4;
    this.channelAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_CHANNEL) / 4;
    this.countAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_COUNT) / 4;
    this.indexAt = (layout.HOUSEHOLDS + layout.HOUSEHOLD_INDEX) / 4;
    // after the households: the undecided list (one position per household at most), the blocks, the tables
    const undecided = layout.HOUSEHOLDS + size * layout.HOUSEHOLD_BYTES;
    this.undecidedAt = undecided / 4;
    const blockArrays = blocks === null ? [] : [blocks.entryStart, blocks.entryColumn, blocks.entryFrom, blocks.entryTo];
    const blocksStart = undecided + 4 * size;
    // 8-byte aligned: the tables are read as doubles
    const blockWords = blockArrays.reduce((words, array) => words + array.length, 0);
    const tablesStart = Math.ceil((blocksStart + 4 * Math.max(blockWords, blockWordsAhead)) / 8) * 8;
    // the tables taken over stay where they are when this batch's households and blocks end before them
    const kept = taken !== null && tablesStart <= taken.tablesStart;
    this.placed = kept ? taken.placed : new Map();
    this.tablesStart = kept ? taken.tablesStart : tablesStart;
    this.tablesEnd = kept ? taken.tablesEnd : tablesStart;
    this.f64 = new Float64Array(0);
    this.i32 = new Int32Array(0);
    this.reserve(this.tablesStart);
    const batch = layout.BATCH;
    this.i32[(batch + layout.BATCH_UNDECIDED) / 4] = undecided;
    if (blocks !== null) {
      this.f64[(batch + layout.BATCH_MIN_X) / 8] = blocks.minX;
      this.f64[(batch + layout.BATCH_MIN_Y) / 8] = blocks.minY;
      this.f64[(batch + layout.BATCH_SIDE_M) / 8] = blocks.sideM;
      this.f64[(batch + layout.BATCH_PLANE_KX) / 8] = blocks.planeKx;
      this.f64[(batch + layout.BATCH_PLANE_KY) / 8] = blocks.planeKy;
      this.i32[(batch + layout.BATCH_ROWS) / 4] = blocks.rows;
      const fields = [layout.BATCH_ENTRY_START, layout.BATCH_ENTRY_COLUMN, layout.BATCH_ENTRY_FROM, layout.BATCH_ENTRY_TO];
      let address = blocksStart;
      blockArrays.forEach((array, k) => {
        this.i32[(batch + fields[k]) / 4] = address;
        this.i32.set(array, address / 4);
        address += 4 * array.length;
      });
    }
    // the decisions' numbers, as accumulateExactly computes them
    const cell = layout.CELL;
    this.f64[(cell + layout.CELL_FLOOR_GAIN) / 8] = PATTERN_FLOOR_GAIN;
    this.f64[(cell + layout.CELL_LOW_MW) / 8] = cutoffMw * (1 - DECISION_BAND);
    this.f64[(cell + layout.CELL_HIGH_MW) / 8] = cutoffMw * (1 + DECISION_BAND);
    this.f64[(cell + layout.CELL_WINDOW) / 8] = windowRatio;
    this.f64[(cell + layout.CELL_BAND_BELOW) / 8] = 1 - DECISION_BAND;
    this.f64[(cell + layout.CELL_BAND_ABOVE) / 8] = 1 + DECISION_BAND;
  }

  /**
   * Ahead of this thread's first full computation (a warm-up in idle time, warm-up.ts): copies the tables of `links`
   * into a new instance, after the room a batch of up to `households` households and its blocks may take, and
   * retires it, so that computation finds its tables in place (in Chromium ~0.1–0.2 s per thread, most of it fresh
   * memory: the room between is never written and takes none). Nothing when the thread has an instance to take
   * over already. A first batch that needs more room starts its tables over: slower, the same sums.
   */
  static *placeAheadSteps(households: number, links: readonly TabulatedCell[]): Steps<void> {
    if (retired !== null) return;
    // the cut-off and window are written by the computation that takes it over
    const batch = new HouseholdBatch(households, 0, 1, null, 3 * households + BLOCK_STARTS_AHEAD);
    yield* batch.placeTablesSteps(links);
    // a computation that ran meanwhile (the steps were suspended) retired its own instance: that one is kept
    if (retired === null) batch.retire();
  }

  /**
   * Copies the tables of `links` in now (those not in yet), yielding the fraction of cells done: ahead of the
   * computation that would copy them on use (a warm-up's instance; an engine's edit batch in idle time, so that the
   * first edit, a drag's first step, does not: `InterferenceSums.placeEditTablesSteps`).
   */
  *placeTablesSteps(links: readonly TabulatedCell[]): Steps<void> {
    for (let k = 0; k < links.length; k++) {
      if (k % LINKS_PER_CHECKPOINT === 0) yield k / links.length;
      this.placeTables(links[k]);
    }
  }

  /**
   * Hands this batch's instance, with the tables in its memory, to the next full computation of the thread (see
   * `retired`): the batch must not be used after.
   */
  retire(): void {
    retired = { loop: this.loop, placed: this.placed, tablesStart: this.tablesStart, tablesEnd: this.tablesEnd };
  }

  /** Puts household h at (lon, lat), served by cell `server` on `serverChannel` at `serverMw`, at position i, its sums cleared. */
  set(i: number, h: number, lon: number, lat: number, serverMw: number, server: number, serverChannel: number): void {
    const d = i * this.f64Stride;
    this.f64[d + this.lonAt] = lon;
    this.f64[d + this.latAt] = lat;
    this.f64[d + this.serverMwAt] = serverMw;
    this.f64[d + this.sumsAt] = 0;
    const n = i * this.i32Stride;
    this.i32[n + this.serverAt] = server;
    this.i32[n + this.channelAt] = serverChannel;
    this.i32[n + this.countAt] = 0;
    this.i32[n + this.indexAt] = h;
  }

  /** The index of the household at position i. */
  household(i: number): number {
    return this.i32[i * this.i32Stride + this.indexAt];
  }

  lon(i: number): number {
    return this.f64[i * this.f64Stride + this.lonAt];
  }

  lat(i: number): number {
    return this.f64[i * this.f64Stride + this.latAt];
  }

  serverMw(i: number): number {
    return this.f64[i * this.f64Stride + this.serverMwAt];
  }

  /** The running sum at position i, mW. */
  sum(i: number): number {
    return this.f64[i * this.f64Stride + this.sumsAt];
  }

  /** The running overlap count at position i. */
  count(i: number): number {
    return this.i32[i * this.i32Stride + this.countAt];
  }

  /** Adds `mw` to the sum at position i. */
  addToSum(i: number, mw: number): void {
    this.f64[i * this.f64Stride + this.sumsAt] += mw;
  }

  /** Adds `count` to the overlap count at position i. */
  addToCount(i: number, count: number): void {
    this.i32[i * this.i32Stride + this.countAt] += count;
  }

  /**
   * Makes cell c (its tabulated budget and channel key) the one `accumulateDecided` sums, its tables copied in
   * unless they already are.
   */
  useCell(c: number, link: TabulatedCell, channel: number): void {
    if (c === this.cellIndex && link === this.link && channel === this.channel) return;
    const { layout } = this.loop;
    const [boresight, vertical, horizontal] = this.placeTables(link);
    const cell = layout.CELL;
    this.f64[(cell + layout.CELL_LON) / 8] = link.prepared.lon;
    this.f64[(cell + layout.CELL_LAT) / 8] = link.prepared.lat;
    this.f64[(cell + layout.CELL_KX) / 8] = link.kx;
    this.f64[(cell + layout.CELL_KY) / 8] = link.ky;
    this.f64[(cell + layout.CELL_REACH_SQUARED_M2) / 8] = link.reachSquaredM2;
    this.f64[(cell + layout.CELL_SIN_AZIMUTH) / 8] = link.sinAzimuth;
    this.f64[(cell + layout.CELL_COS_AZIMUTH) / 8] = link.cosAzimuth;
    this.i32[(cell + layout.CELL_INDEX) / 4] = c;
    this.i32[(cell + layout.CELL_CHANNEL) / 4] = channel;
    this.i32[(cell + layout.CELL_BORESIGHT) / 4] = boresight;
    this.i32[(cell + layout.CELL_VERTICAL) / 4] = vertical;
    this.i32[(cell + layout.CELL_HORIZONTAL) / 4] = horizontal;
    this.cellIndex = c;
    this.link = link;
    this.channel = channel;
  }

  /**
   * Adds `sign` × the `useCell` cell's tabulated RSRP to the households at positions [from, to) whose server shares
   * its channel (interference-sums.ts `accumulateCell`), except those too near the cut-off or the overlap window to
   * decide: returns how many, whose positions are then `undecided(0…n−1)`, rising.
   */
  accumulateDecided(from: number, to: number, sign: number): number {
    return this.loop.accumulateDecided(from, to, sign);
  }

  /**
   * `accumulateDecided` (sign 1) over the blocks of the constructor's `BlockIndex` holding households of `group` in
   * rows [fromRow, toRow) and columns from `firstColumn` to `lastColumn`, where the `useCell` cell's bound over the
   * block (`TabulatedCell.boundOverDiscMw`, a disc of `radiusM`) reaches `floorMw`; positions are the entries' less
   * `batchFrom`. Returns how many it left undecided (`undecided`).
   */
  sumOverBlocks(group: number, fromRow: number, toRow: number, firstColumn: number, lastColumn: number, radiusM: number, floorMw: number, batchFrom: number): number {
    return this.loop.sumOverBlocks(group, fromRow, toRow, firstColumn, lastColumn, radiusM, floorMw, batchFrom);
  }

  /** The k-th position the last `accumulateDecided` or `sumOverBlocks` left undecided. */
  undecided(k: number): number {
    return this.i32[this.undecidedAt + k];
  }

  /** `TabulatedCell.boundOverDiscMw` of the `useCell` cell, as `sumOverBlocks` computes it (for its test). */
  boundOverDiscMw(dx: number, dy: number, radiusM: number): number {
    return this.loop.boundOverDiscMw(dx, dy, radiusM);
  }

  /**
   * The addresses of `link`'s tables (P, P·g_V, g_H or 0 for an omni cell), copied in unless they are: over
   * MAX_TABLE_BYTES the tables start over.
   */
  private placeTables(link: TabulatedCell): [number, number, number] {
    const { boresightMw, verticalMw, horizontalGain } = link;
    const missing =
      this.bytesToPlace(boresightMw) +
      (verticalMw === boresightMw ? 0 : this.bytesToPlace(verticalMw)) +
      (horizontalGain === null ? 0 : this.bytesToPlace(horizontalGain));
    if (this.tablesEnd + missing > this.tablesStart + MAX_TABLE_BYTES) {
      this.placed.clear();
      this.tablesEnd = this.tablesStart;
    }
    return [this.place(boresightMw), this.place(verticalMw), horizontalGain === null ? 0 : this.place(horizontalGain)];
  }

  /** The bytes `place` takes for `table`: 0 when it is in already. */
  private bytesToPlace(table: Float64Array): number {
    return this.placed.has(table) ? 0 : 8 * (table.length + 1);
  }

  /**
   * The address of `table` in the memory, copied in after a NaN when it is not yet: the loop reads a g_H table at
   * index −1 where a cos φ is rounded below −1, and gets NaN as JavaScript got `undefined`.
   */
  private place(table: Float64Array): number {
    const known = this.placed.get(table);
    if (known !== undefined) return known;
    const address = this.tablesEnd + 8;
    this.reserve(address + 8 * table.length);
    this.f64[address / 8 - 1] = NaN;
    this.f64.set(table, address / 8);
    tableBytesCopied += 8 * table.length;
    this.tablesEnd = address + 8 * table.length;
    this.placed.set(table, address);
    return address;
  }

  /** Grows the memory to at least `bytes`, making the views again (growing detaches them). */
  private reserve(bytes: number): void {
    const { memory } = this.loop;
    const pages = Math.ceil(bytes / PAGE_BYTES) - memory.buffer.byteLength / PAGE_BYTES;
    // a quarter more than asked at least, so that tables copied in one by one grow it a few times only (pages
    // never written take no memory)
    if (pages > 0) memory.grow(Math.max(pages, Math.ceil(memory.buffer.byteLength / PAGE_BYTES / 4)));
    if (this.f64.buffer === memory.buffer) return;
    this.f64 = new Float64Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
  }
}
