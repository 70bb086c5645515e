/**
 * Per household, the power of every cell co-channel with its best server (docs/models.md "SINR and throughput"):
 *
 *   coChannelMw[h] = Σ RSRP_c(h) in mW over the cells c co-channel with h's server with RSRP_c(h) ≥ the cut-off,
 *                    the server included (its exact RSRP),
 *   overlap[h]     = how many of them are within 6 dB of the server (the server included),
 *
 * so that I = coChannelMw − S. Every co-channel cell above the cut-off counts, however far: in the bench city
 * about 170 per household, out to 11 km. Three ways to keep the sums, all with the one tabulated link budget
 * (`link-tables.ts`) and the same decisions, so that they agree to rounding:
 *
 * - `computeSteps` (a full analysis): cell by cell, over the households of the cell's co-channel group only
 *   (bucketed by group and 500 m block; the blocks holding the group listed per grid row, `blockIndex`), skipping
 *   blocks where the cell's bound over the block (`TabulatedCell.boundOverDiscMw`: nearest distance, best angle)
 *   is below the cut-off — the sector's back and sides. The households are summed by stripes of block rows, over
 *   every cell in the same order; with a partner (another thread, `SumsPartner`) the two take stripes in turn
 *   from a shared counter as they finish, so each household's sum is the same number as one thread's;
 * - `applyEdit` (a cell edit, or a site's sectors edited together): the old states' contributions taken away and
 *   the new ones' added at the households they reach, by the engine's 100 m tiles;
 * - `recompute` (households whose server changed): the sums of a few households from scratch, by blocks of tiles.
 */
import { grown } from '../grown-array.ts';
import type { LocalPlane } from '../geo/local-plane.ts';
import type { HouseholdLocations } from '../model.ts';
import { scaled, type Steps } from '../steps.ts';
import { TILE_BLOCK_M, type HouseholdTiles } from './household-tiles.ts';
import { TileGroups } from './tile-groups.ts';
import { dbToLinear, OVERLAP_WINDOW_DB } from './link-quality.ts';
import { DECISION_BAND, type TabulatedCell } from './link-tables.ts';
import { HouseholdBatch, type BlockIndex } from './household-batch.ts';
import type { SumsPartner } from './sums-partner.ts';

// Imported bindings read once: tsx (the CLI, the bench) turns imports into getters, a call each time they are
// read, too slow in loops that run 10⁸ times.
const toLinear = dbToLinear;
const BAND = DECISION_BAND;

/** Side of the blocks of a full computation, m: large enough to amortise the per-block bound, small enough to cull. */
const BLOCK_M = 500;
/** Most slots of the dense block grid; wider extents get larger blocks. */
const MAX_BLOCK_SLOTS = 1 << 20;
/** Cells summed between two checkpoints of a full computation (a cell of a dense area takes tens of ms). */
const CELLS_PER_CHECKPOINT = 8;
/**
 * Block rows per stripe of a full computation (2 km): narrow enough that two threads taking stripes in turn finish
 * together, wide enough that each cell's set-up is paid a few times only.
 */
const STRIPE_ROWS = 4;
/** How long a computation waits for its partner between two checkpoints, ms (progress and cancel stay alive). */
const PARTNER_WAIT_MS = 50;
/** Households summed together by an edit (`applyEdit`) at least: the batch holds several tiles' households. */
const EDIT_BATCH = 1024;
/** Linear ratio of the overlap window (−6 dB). */
const WINDOW = dbToLinear(-OVERLAP_WINDOW_DB);

/** What the sums need of an analysed cell: its tabulated budget, co-channel group and channel key. */
export interface InterferingCell {
  link: TabulatedCell;
  group: number;
  /** Channel number, −1 when not given (`channelKey`). */
  channel: number;
}

/** One state of an edited cell (`applyEdit`): taken away (−1, its old state) or added (1, its new state). */
export interface EditedState {
  c: number;
  cell: InterferingCell;
  sign: 1 | -1;
  /** The state's bit in the edit's tile marks. */
  bit: number;
}

/**
 * Which stripe of block rows a thread sums next (0, 1, 2, …: each stripe given once, whichever thread asks); past
 * the last stripe, the thread is done.
 */
export type NextStripe = () => number;

/** Where households stand: the engine's best server and its exact RSRP per household. */
export interface Servers {
  bestCell: Int32Array;
  bestRsrpDbm: Float64Array;
}

/**
 * Where the sums of every household are kept: a sums partner keeps them in the memory it shares with its host
 * (sums-partner.ts), which reads them there, rather than in arrays of its own copied at the end.
 */
export interface SumsArrays {
  coChannelMw: Float64Array;
  overlap: Uint16Array;
}

export class InterferenceSums {
  readonly coChannelMw: Float64Array;
  readonly overlap: Uint16Array;
  private readonly cells: Array<InterferingCell | null> = [];
  /**
   * Per cell index, its co-channel group (−1: not analysed) and channel key: what `applyEdit` compares for every
   * household in a cell's reach, read from typed arrays rather than through the cell objects.
   */
  private cellGroup: Int32Array = new Int32Array(0);
  private cellChannel: Int32Array = new Int32Array(0);
  /** Per cell index, 1 while `applyEdit` edits it: read for every household in reach, where a set lookup cost more. */
  private cellEdited: Int32Array = new Int32Array(0);
  /** Active cell indices of each co-channel group. */
  private readonly members: number[][] = [];
  private readonly cutoffMw: number;
  /** Scratch batch of the households of a few tiles, at least the largest (edits). */
  private readonly scratch: HouseholdBatch;
  /**
   * The households of each tile by their server's group (edits): built after a full computation when edits are
   * expected (`editsExpected`), else by the first edit, from the servers it is given; null until then.
   */
  private tileGroups: TileGroups | null = null;
  /** Whether `tileGroups` holds the servers of the last full computation or edit (false after another full one). */
  private tileGroupsCurrent = false;

  /**
   * @param cutoffDbm the interference cut-off (`interferenceCutoffDbm`): weaker cells are left out, and a household
   *   whose server is weaker has no sums (no SINR)
   * @param into the arrays to keep the sums in, zero (`SumsArrays`); new ones by default
   * @param editsExpected whether edits will follow a full computation (`CoverageEngineInput.editable`)
   * @param transient whether its full computations leave the thread's retired batch alone (`CoverageEngineInput.transient`)
   */
  constructor(
    private readonly households: HouseholdLocations,
    private readonly plane: LocalPlane,
    private readonly tiles: HouseholdTiles,
    cutoffDbm: number,
    into: SumsArrays = { coChannelMw: new Float64Array(households.length), overlap: new Uint16Array(households.length) },
    private readonly editsExpected = true,
    private readonly transient = false,
  ) {
    this.coChannelMw = into.coChannelMw;
    this.overlap = into.overlap;
    this.cutoffMw = toLinear(cutoffDbm);
    let largestTile = 1;
    for (let t = 0; t < tiles.count; t++) largestTile = Math.max(largestTile, tiles.tileStart[t + 1] - tiles.tileStart[t]);
    this.scratch = new HouseholdBatch(Math.max(largestTile, EDIT_BATCH), this.cutoffMw, WINDOW);
  }

  /** Sets cell `c`'s state (null: not analysed, removed). */
  setCell(c: number, cell: InterferingCell | null): void {
    const previous = this.cells[c] ?? null;
    if (previous !== null) {
      const list = this.members[previous.group];
      list.splice(list.indexOf(c), 1);
    }
    while (this.cells.length <= c) this.cells.push(null);
    this.cells[c] = cell;
    if (this.cellGroup.length <= c) {
      const capacity = Math.max(16, 2 * (c + 1));
      this.cellGroup = grown(this.cellGroup, capacity, -1);
      this.cellChannel = grown(this.cellChannel, capacity, -1);
      this.cellEdited = grown(this.cellEdited, capacity, 0);
    }
    this.cellGroup[c] = cell === null ? -1 : cell.group;
    this.cellChannel[c] = cell === null ? -1 : cell.channel;
    if (cell !== null) {
      while (this.members.length <= cell.group) this.members.push([]);
      this.members[cell.group].push(c);
    }
  }

  /**
   * Copies the tables of every cell into the edits' scratch batch now, yielding the fraction done (idle time after a
   * full computation): the first edit, a drag's first step, then copies none (on the merged city ~6 MB of fresh
   * WebAssembly memory, ~80 ms of the drag's first update in Chromium: bench/HISTORY.md step 77).
   */
  *placeEditTablesSteps(): Steps<void> {
    yield* this.scratch.placeTablesSteps(this.cells.flatMap((cell) => (cell === null ? [] : [cell.link])));
  }

  /**
   * Every household's sums from scratch (a full analysis), as steps yielding the fraction done. With a partner,
   * both take stripes from the partner's counter and the partner's sums are added in at the end (each household
   * is zero in the sums of the thread that did not take its stripe); when the partner fails, everything is summed
   * here again. Starting the partner on `servers` and stopping it are the caller's (`CoverageEngine.runSteps`: the
   * partner may have summed stripes for a while when this starts, and is stopped however the run ends).
   */
  *computeSteps(servers: Servers, stretch: number, partner: SumsPartner | null = null): Steps<void> {
    this.coChannelMw.fill(0);
    this.overlap.fill(0);
    if (partner === null) yield* this.stripeSteps(servers, stretch, counter());
    else {
      // a partner still starting when the stripes run out has none to finish: nothing to wait for
      const partnerStripes = yield* scaled(this.stripeSteps(servers, stretch, partner.nextStripe), 0, 0.9);
      let state = partnerStripes === 0 ? 'none' : partner.wait(PARTNER_WAIT_MS);
      for (; state === 'pending'; state = partner.wait(PARTNER_WAIT_MS)) yield 0.9;
      if (state === 'done') partner.addInto(this.coChannelMw, this.overlap);
      else if (state === 'failed') yield* scaled(this.stripeSteps(servers, stretch, counter()), 0.9, 1);
    }
    yield 1;
    this.tileGroupsCurrent = false;
    if (this.editsExpected) this.rebuildTileGroups(servers);
  }

  /**
   * The sums from scratch of the households in the stripes that `nextStripe` gives this thread, written over theirs
   * (the others' are left as they are), as steps yielding the fraction of stripes taken. Returns how many stripes
   * went to others.
   */
  *stripeSteps(servers: Servers, stretch: number, nextStripe: NextStripe): Steps<number> {
    const grouped = this.groupHouseholds(servers);
    yield 0;
    const cells = this.cellsInSpaceOrder();
    const slots = this.cellSlots(cells, grouped.grid, stretch);
    const { grid, batch } = grouped;
    const stripes = grouped.stripeStart.length - 1;
    let taken = 0;
    for (let stripe = nextStripe(); stripe < stripes; stripe = nextStripe(), taken++) {
      const firstRow = stripe * STRIPE_ROWS;
      const endRow = Math.min(grid.rows, firstRow + STRIPE_ROWS);
      const size = this.fillStripeBatch(grouped, servers, stripe);
      let summed = 0;
      for (let k = 0; k < cells.length; k++) {
        // the cells whose reach misses the stripe's rows (most of them) cost one comparison
        if (slots[4 * k + 2] >= endRow || slots[4 * k + 3] < firstRow) continue;
        if (summed++ % CELLS_PER_CHECKPOINT === 0) yield (stripe + k / cells.length) / stripes;
        // the work is in plain functions: V8 optimises a long loop inside a generator poorly
        this.sumCellOverBlocks(cells[k], grouped, slots, k, firstRow, endRow);
      }
      for (let i = 0; i < size; i++) {
        this.coChannelMw[batch.household(i)] = batch.sum(i);
        this.overlap[batch.household(i)] = batch.count(i);
      }
    }
    // its tables serve the thread's next full computation (a re-run copies none)
    if (!this.transient) batch.retire();
    return stripes - taken;
  }

  /** Puts the grouped households of `stripe` in the batch, in their order (from `batchFrom`); returns how many. */
  private fillStripeBatch(grouped: GroupedHouseholds, servers: Servers, stripe: number): number {
    const { order, batch } = grouped;
    const from = grouped.stripeStart[stripe];
    const to = grouped.stripeStart[stripe + 1];
    for (let i = from; i < to; i++) {
      const h = order[i];
      const server = servers.bestCell[h];
      const channel = (this.cells[server] as InterferingCell).channel;
      batch.set(i - from, h, this.households.lon[h], this.households.lat[h], toLinear(servers.bestRsrpDbm[h]), server, channel);
    }
    grouped.batchFrom = from;
    return to - from;
  }

  /** Buckets the households of each tile by their server's group (`TileGroups`). */
  private rebuildTileGroups(servers: Servers): TileGroups {
    const { bestCell } = servers;
    const { cellGroup } = this;
    const tileGroups = (this.tileGroups ??= new TileGroups(this.tiles));
    tileGroups.rebuild(this.members.length, (h) => (bestCell[h] < 0 ? -1 : cellGroup[bestCell[h]]));
    this.tileGroupsCurrent = true;
    return tileGroups;
  }

  /** The tile groups, built from `servers` if they do not hold the current servers (the first edit after a full computation). */
  private currentTileGroups(servers: Servers): TileGroups {
    return this.tileGroupsCurrent && this.tileGroups !== null ? this.tileGroups : this.rebuildTileGroups(servers);
  }

  /**
   * The active cells in Z-order of their position (Morton code of the plane position over 1 km steps): cells
   * summed one after another then read the same blocks of households, which stay in the processor's cache.
   */
  private cellsInSpaceOrder(): Uint32Array {
    const active: number[] = [];
    const codes: number[] = [];
    for (let c = 0; c < this.cells.length; c++) {
      const cell = this.cells[c];
      if (cell === null || cell === undefined) continue;
      const x = Math.floor((cell.link.prepared.lon * this.plane.kx) / 1000) & 0xffff;
      const y = Math.floor((cell.link.prepared.lat * this.plane.ky) / 1000) & 0xffff;
      active.push(c);
      codes.push(interleave(x) | (interleave(y) << 1));
    }
    const order = Uint32Array.from(active.keys());
    order.sort((a, b) => codes[a] - codes[b] || active[a] - active[b]);
    return order.map((k) => active[k]);
  }

  /** Households with a server above the cut-off, bucketed by block and co-channel group, with what the loop reads. */
  private groupHouseholds(servers: Servers): GroupedHouseholds {
    const { bestCell, bestRsrpDbm } = servers;
    const { lon, lat, length } = this.households;
    const groups = Math.max(1, this.members.length);
    const grid = BlockGrid.over(this.households, this.plane, bestCell);
    const keyOf = new Int32Array(length).fill(-1);
    const start = new Uint32Array(grid.blockCount * groups + 1);
    for (let h = 0; h < length; h++) {
      const server = bestCell[h];
      if (server < 0 || !(toLinear(bestRsrpDbm[h]) >= this.cutoffMw)) continue;
      const cell = this.cells[server];
      if (cell === null || cell === undefined) continue;
      const key = grid.blockOf(lon[h], lat[h]) * groups + cell.group;
      keyOf[h] = key;
      start[key + 1]++;
    }
    for (let k = 0; k < start.length - 1; k++) start[k + 1] += start[k];
    const total = start[start.length - 1];
    const order = new Uint32Array(total);
    const next = start.slice(0, start.length - 1);
    for (let h = 0; h < length; h++) if (keyOf[h] >= 0) order[next[keyOf[h]]++] = h;
    // blocks are numbered row by row, so a stripe's households are one run of the order
    const stripeStart = new Uint32Array(Math.ceil(grid.rows / STRIPE_ROWS) + 1);
    for (let stripe = 0; stripe < stripeStart.length; stripe++) {
      stripeStart[stripe] = start[grid.firstBlockOfRow(Math.min(grid.rows, stripe * STRIPE_ROWS)) * groups];
    }
    // a batch for the largest stripe: a stripe's households are summed from it, then written out
    let largestStripe = 0;
    for (let stripe = 0; stripe + 1 < stripeStart.length; stripe++) largestStripe = Math.max(largestStripe, stripeStart[stripe + 1] - stripeStart[stripe]);
    const batch = new HouseholdBatch(largestStripe, this.cutoffMw, WINDOW, blockIndex(grid, this.plane, groups, start), 0, !this.transient);
    return { grid, order, stripeStart, batch, batchFrom: 0 };
  }

  /**
   * The block grid's slots each of `cells` (active cells, in their order) can reach, whole computation long: per
   * cell its first and last column, then its first and last row (4 entries; an empty range where it has none).
   */
  private cellSlots(cells: Uint32Array, grid: BlockGrid, stretch: number): Int32Array {
    const slots = new Int32Array(4 * cells.length);
    for (let k = 0; k < cells.length; k++) {
      const { link } = this.cells[cells[k]]!;
      const reachPlane = Math.sqrt(link.reachSquaredM2) * stretch + grid.halfDiagonalM;
      slots.set(grid.slotRange(link.prepared.lon * this.plane.kx, link.prepared.lat * this.plane.ky, reachPlane), 4 * k);
    }
    return slots;
  }

  /**
   * Adds the contributions of the k-th cell of `slots` (`cellSlots`), cell c, to the grouped households of its group
   * in rows [fromRow, endRow), block by block.
   */
  private sumCellOverBlocks(c: number, grouped: GroupedHouseholds, slots: Int32Array, k: number, fromRow: number, endRow: number): void {
    const cell = this.cells[c]!;
    const { grid, batch, batchFrom } = grouped;
    const { link, group } = cell;
    const firstColumn = slots[4 * k];
    const lastColumn = slots[4 * k + 1];
    const rowFrom = Math.max(slots[4 * k + 2], fromRow);
    const rowTo = Math.min(slots[4 * k + 3] + 1, endRow);
    if (rowFrom >= rowTo) return;
    batch.useCell(c, link, cell.channel);
    // the blocks' scan, bounds and pairs in WebAssembly; the households it cannot decide here
    const radiusM = this.localRadiusM(link, grid.halfDiagonalM);
    const undecided = batch.sumOverBlocks(group, rowFrom, rowTo, firstColumn, lastColumn, radiusM, this.cutoffMw * (1 - BAND), batchFrom);
    for (let k = 0; k < undecided; k++) accumulateExactly(batch, batch.undecided(k), cell, this.cutoffMw, 1);
  }

  /**
   * Applies an edit of a few cells (`CoverageEngine.updateCells`) to the sums: each state's contributions taken away
   * (`sign` −1, a cell's old state) or added (1, its new state) at the households of the listed tiles marked with
   * its bit (`tileBits`) whose server is co-channel with it; `visit(h)` is called for each household changed.
   * Households served by an edited cell are the caller's to recompute. The states of one group are summed together
   * per tile, so each household in their reach is gathered once.
   */
  applyEdit(
    states: readonly EditedState[],
    tileList: Uint32Array,
    tileCount: number,
    tileBits: Uint8Array,
    servers: Servers,
    visit: (h: number) => void,
  ): void {
    const { bestCell } = servers;
    const { cellGroup, cellEdited } = this;
    const tileGroups = this.currentTileGroups(servers);
    for (const { c } of states) cellEdited[c] = 1;
    const batch = this.scratch;
    /** Puts h in the batch when its server is of the group (not an edited cell) and has quality; the channel is accumulateCell's to check. */
    const admit = (h: number, group: number, size: number): number => {
      const server = bestCell[h];
      // a cell not analysed has group −1
      if (server < 0 || cellGroup[server] !== group || cellEdited[server] === 1) return size;
      const serverMw = toLinear(servers.bestRsrpDbm[h]);
      if (!(serverMw >= this.cutoffMw)) return size;
      batch.set(size, h, this.households.lon[h], this.households.lat[h], serverMw, server, this.cellChannel[server]);
      return size + 1;
    };
    const members = tileGroups.members;
    const capacity = batch.capacity;
    for (const group of new Set(states.map(({ cell }) => cell.group))) {
      const ofGroup = states.filter(({ cell }) => cell.group === group);
      const groupBits = ofGroup.reduce((bits, { bit }) => bits | bit, 0);
      // the households of successive tiles reached by the same states are summed as one batch: a tile holds about
      // one household of a group, and a call per tile and state cost more than the sums (each household still
      // gets the states in the same order, so its sums are the same numbers)
      let size = 0;
      let batchBits = 0;
      for (let k = 0; k < tileCount; k++) {
        const t = tileList[k];
        const bits = tileBits[t] & groupBits;
        if (bits === 0) continue;
        const from = tileGroups.bucketStart(t, group);
        const to = tileGroups.bucketEnd(t, group);
        if (from === to) continue;
        if (bits !== batchBits || size + (to - from) > capacity) {
          size = this.sumStates(ofGroup, batchBits, size, visit);
          batchBits = bits;
        }
        for (let i = from; i < to; i++) size = admit(members[i], group, size);
      }
      this.sumStates(ofGroup, batchBits, size, visit);
    }
    for (const { c } of states) cellEdited[c] = 0;
  }

  /** Sums the states of `bits` over the scratch batch's `size` households and adds them in (`flushBatch`); returns 0. */
  private sumStates(states: readonly EditedState[], bits: number, size: number, visit: (h: number) => void): number {
    if (size === 0) return 0;
    for (const { c, cell, sign, bit } of states) if ((bits & bit) !== 0) accumulateCell(this.scratch, 0, size, c, cell, this.cutoffMw, sign);
    return this.flushBatch(size, visit);
  }

  /** Adds the scratch batch's sums to its `size` households' (those that changed); returns 0 (batch emptied). */
  private flushBatch(size: number, visit: (h: number) => void): number {
    const batch = this.scratch;
    for (let i = 0; i < size; i++) {
      const sum = batch.sum(i);
      const count = batch.count(i);
      if (sum === 0 && count === 0) continue;
      const h = batch.household(i);
      this.coChannelMw[h] += sum;
      this.overlap[h] += count;
      visit(h);
    }
    return 0;
  }

  /**
   * The sums of the households `list` from scratch, against the current cells (their servers changed): block of
   * tiles by block (`HouseholdTiles.blockOfTile`), each cell of the group that may reach the cut-off over the block
   * summed over the block's households of its group at once (a block holds a few of them, a tile one or two; each
   * household still gets the cells in `members` order, so its sums are the same numbers).
   */
  recompute(list: readonly number[], servers: Servers): void {
    const { bestCell } = servers;
    // their servers changed: they may have left their tile's bucket of groups (built now, with them, if not yet)
    const tileGroups = this.currentTileGroups(servers);
    for (const h of list) tileGroups.moved(h, bestCell[h] < 0 ? -1 : this.cellGroup[bestCell[h]]);
    if (tileGroups.isStale) this.rebuildTileGroups(servers);
    else tileGroups.refresh();
    const byBlock = new Map<number, number[]>();
    for (const h of list) {
      this.coChannelMw[h] = 0;
      this.overlap[h] = 0;
      if (!this.hasQuality(h, servers) || (this.cells[bestCell[h]] ?? null) === null) continue;
      const b = this.tiles.blockOfTile[this.tiles.tileOfHousehold[h]];
      const inBlock = byBlock.get(b);
      if (inBlock === undefined) byBlock.set(b, [h]);
      else inBlock.push(h);
    }
    const groups = new Set<number>();
    for (const inBlock of byBlock.values()) for (const h of inBlock) groups.add(this.cellGroup[bestCell[h]]);
    const candidates = this.cellsNearBlocks(byBlock.keys(), groups);
    const capacity = this.scratch.capacity;
    for (const [b, inBlock] of byBlock) {
      for (const group of new Set(inBlock.map((h) => this.cellGroup[bestCell[h]]))) {
        const ofGroup = inBlock.filter((h) => this.cellGroup[bestCell[h]] === group);
        for (let from = 0; from < ofGroup.length; from += capacity) {
          this.recomputeBatch(ofGroup.slice(from, from + capacity), b, candidates.get(group) ?? [], servers);
        }
      }
    }
  }

  /**
   * The sums from scratch of `households` (at most the scratch batch's size), all in block b and served by cells of
   * one group, over the group's `candidates` that may reach the cut-off over the block.
   */
  private recomputeBatch(households: readonly number[], b: number, candidates: readonly number[], servers: Servers): void {
    const batch = this.scratch;
    households.forEach((h, i) => {
      const server = servers.bestCell[h];
      batch.set(i, h, this.households.lon[h], this.households.lat[h], toLinear(servers.bestRsrpDbm[h]), server, this.cellChannel[server]);
    });
    const blockLon = this.tiles.blockX[b] / this.plane.kx;
    const blockLat = this.tiles.blockY[b] / this.plane.ky;
    for (const c of candidates) {
      const cell = this.cells[c] as InterferingCell;
      const { link } = cell;
      const radiusM = this.localRadiusM(link, TILE_BLOCK_M * Math.SQRT1_2);
      const boundMw = link.boundOverDiscMw((blockLon - link.prepared.lon) * link.kx, (blockLat - link.prepared.lat) * link.ky, radiusM);
      if (boundMw >= this.cutoffMw * (1 - BAND)) accumulateCell(batch, 0, households.length, c, cell, this.cutoffMw, 1);
    }
    for (let i = 0; i < households.length; i++) {
      this.coChannelMw[batch.household(i)] = batch.sum(i);
      this.overlap[batch.household(i)] = batch.count(i);
    }
  }

  /**
   * Per group of `groups`, its members that may reach the cut-off in some of the `blocks` of tiles (in `members`
   * order, the order of the sums): those whose reach comes within a block's half diagonal of the blocks' bounding
   * box. The test is `boundOverDiscMw`'s own reach test taken at the box's nearest point, so no member it would keep
   * is left out.
   */
  private cellsNearBlocks(blocks: Iterable<number>, groups: Set<number>): Map<number, number[]> {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const b of blocks) {
      minX = Math.min(minX, this.tiles.blockX[b]);
      maxX = Math.max(maxX, this.tiles.blockX[b]);
      minY = Math.min(minY, this.tiles.blockY[b]);
      maxY = Math.max(maxY, this.tiles.blockY[b]);
    }
    const [minLon, maxLon, minLat, maxLat] = [minX / this.plane.kx, maxX / this.plane.kx, minY / this.plane.ky, maxY / this.plane.ky];
    const near = new Map<number, number[]>();
    for (const group of groups) {
      const kept: number[] = [];
      for (const c of this.members[group]) {
        const { link } = this.cells[c] as InterferingCell;
        const { lon, lat } = link.prepared;
        const dx = (lon < minLon ? minLon - lon : lon > maxLon ? lon - maxLon : 0) * link.kx;
        const dy = (lat < minLat ? minLat - lat : lat > maxLat ? lat - maxLat : 0) * link.ky;
        const nearestM = Math.sqrt(dx * dx + dy * dy) - this.localRadiusM(link, TILE_BLOCK_M * Math.SQRT1_2);
        if (nearestM <= 0 || nearestM * nearestM <= link.reachSquaredM2) kept.push(c);
      }
      near.set(group, kept);
    }
    return near;
  }

  /** Whether a household's server is strong enough for sums (at or above the cut-off). */
  private hasQuality(h: number, servers: Servers): boolean {
    return servers.bestCell[h] >= 0 && toLinear(servers.bestRsrpDbm[h]) >= this.cutoffMw;
  }

  /**
   * A plane radius (a block's or tile's half diagonal) in the cell's local metres: the plane's factors are those
   * of the households' mean latitude, the cell's those of its own (0.1 % slack for rounding).
   */
  private localRadiusM(link: TabulatedCell, planeRadius: number): number {
    return planeRadius * Math.max(link.kx / this.plane.kx, link.ky / this.plane.ky) * 1.001;
  }
}

/**
 * The one loop of the sums: adds `sign` × cell c's RSRP (mW, tabulated; decided exactly near the cut-off and the
 * overlap window) to the households of `batch` at positions [from, to) whose server shares its channel, and
 * counts those within 6 dB of their server. A household served by c itself gets its server's exact power. The
 * households the tabulated value decides are summed in WebAssembly (`HouseholdBatch.accumulateDecided`), the
 * others here.
 */
function accumulateCell(batch: HouseholdBatch, from: number, to: number, c: number, cell: InterferingCell, cutoffMw: number, sign: number): void {
  batch.useCell(c, cell.link, cell.channel);
  const undecided = batch.accumulateDecided(from, to, sign);
  for (let k = 0; k < undecided; k++) accumulateExactly(batch, batch.undecided(k), cell, cutoffMw, sign);
}

/** `accumulateCell` at the household at position i, deciding with the exact budget where the tabulated value cannot. */
function accumulateExactly(batch: HouseholdBatch, i: number, cell: InterferingCell, cutoffMw: number, sign: number): void {
  const { link } = cell;
  const dx = (batch.lon(i) - link.prepared.lon) * link.kx;
  const dy = (batch.lat(i) - link.prepared.lat) * link.ky;
  let mw = link.rsrpMw(dx, dy, dx * dx + dy * dy, cutoffMw);
  // near the cut-off the exact budget decides whether the cell counts
  if (mw < cutoffMw * (1 + BAND)) {
    mw = link.exactRsrpMw(dx, dy);
    if (mw < cutoffMw) return;
  }
  batch.addToSum(i, sign * mw);
  const edgeMw = batch.serverMw(i) * WINDOW;
  if (mw >= edgeMw * (1 + BAND) || (mw >= edgeMw * (1 - BAND) && link.exactRsrpMw(dx, dy) >= edgeMw)) batch.addToCount(i, sign);
}

/** A counter of this thread alone: 0, 1, 2, … */
export function counter(): NextStripe {
  let next = 0;
  return () => next++;
}

/** The bits of a 16-bit number spread to the even bits of a 32-bit one (for Morton codes). */
function interleave(value: number): number {
  let bits = value & 0xffff;
  bits = (bits | (bits << 8)) & 0x00ff00ff;
  bits = (bits | (bits << 4)) & 0x0f0f0f0f;
  bits = (bits | (bits << 2)) & 0x33333333;
  bits = (bits | (bits << 1)) & 0x55555555;
  return bits >>> 0;
}

/**
 * The households of a full computation in block-and-group order (a block's households of a group are one run of
 * positions, which the batch's `BlockIndex` lists).
 */
interface GroupedHouseholds {
  grid: BlockGrid;
  /** Household index of each position. */
  order: Uint32Array;
  /** Position in the order of each stripe's first household (and the end past the last stripe). */
  stripeStart: Uint32Array;
  /** The households of the stripe being summed (`fillStripeBatch`): position p of the order at p − `batchFrom`. */
  batch: HouseholdBatch;
  batchFrom: number;
}

/**
 * Per co-channel group and grid row, the blocks holding households of the group, by column (CSR over
 * `group · rows + row`), for the sums' scan in WebAssembly (`HouseholdBatch.sumOverBlocks`). A cell scans only
 * these: most blocks within its reach hold none of its group (a city of four operators on two or three bands has
 * about ten groups), and the scan of every slot cost more than the sums.
 */
function blockIndex(grid: BlockGrid, plane: LocalPlane, groups: number, start: Uint32Array): BlockIndex {
  const entryStart = new Uint32Array(groups * grid.rows + 1);
  // two passes over the slots in row-major order: count the entries of each (group, row), then place them
  const forEachEntry = (place: (group: number, row: number, column: number, key: number) => void): void => {
    for (let row = 0; row < grid.rows; row++) {
      for (let column = 0; column < grid.columns; column++) {
        const block = grid.slots[row * grid.columns + column];
        if (block < 0) continue;
        for (let group = 0; group < groups; group++) {
          const key = block * groups + group;
          if (start[key] < start[key + 1]) place(group, row, column, key);
        }
      }
    }
  };
  forEachEntry((group, row) => entryStart[group * grid.rows + row + 1]++);
  for (let k = 0; k < entryStart.length - 1; k++) entryStart[k + 1] += entryStart[k];
  const entries = entryStart[entryStart.length - 1];
  const entryColumn = new Int32Array(entries);
  const entryFrom = new Uint32Array(entries);
  const entryTo = new Uint32Array(entries);
  const next = entryStart.slice(0, entryStart.length - 1);
  forEachEntry((group, row, column, key) => {
    const e = next[group * grid.rows + row]++;
    entryColumn[e] = column;
    entryFrom[e] = start[key];
    entryTo[e] = start[key + 1];
  });
  const { minX, minY, sideM, rows } = grid;
  return { minX, minY, sideM, planeKx: plane.kx, planeKy: plane.ky, rows, entryStart, entryColumn, entryFrom, entryTo };
}

/** A dense grid of square blocks over the households' extent in the plane; populated blocks get compact ids. */
class BlockGrid {
  /** Per slot (row · columns + column): compact block id, −1 when empty. */
  readonly slots: Int32Array;
  readonly blockCount: number;
  readonly halfDiagonalM: number;

  private constructor(
    private readonly plane: LocalPlane,
    readonly minX: number,
    readonly minY: number,
    readonly sideM: number,
    readonly columns: number,
    readonly rows: number,
    slots: Int32Array,
    blockCount: number,
    /** Per row, the id of its first block (`firstBlockOfRow`). */
    private readonly rowStart: Uint32Array,
  ) {
    this.slots = slots;
    this.blockCount = blockCount;
    this.halfDiagonalM = sideM * Math.SQRT1_2;
  }

  /** The grid over the households that have a server (the others are never summed). */
  static over(households: HouseholdLocations, plane: LocalPlane, bestCell: Int32Array): BlockGrid {
    const { lon, lat, length } = households;
    const extent = plane.extentOf(lon, lat, length, (h) => bestCell[h] >= 0);
    if (extent === null) return new BlockGrid(plane, 0, 0, BLOCK_M, 1, 1, new Int32Array(1).fill(-1), 0, new Uint32Array(2));
    const { minX, minY, maxX, maxY } = extent;
    // a wider extent (a country) gets larger blocks so that the slots stay within MAX_BLOCK_SLOTS
    const sideM = Math.max(BLOCK_M, Math.sqrt(((maxX - minX + BLOCK_M) * (maxY - minY + BLOCK_M)) / MAX_BLOCK_SLOTS));
    const columns = Math.floor((maxX - minX) / sideM) + 1;
    const rows = Math.floor((maxY - minY) / sideM) + 1;
    const slots = new Int32Array(columns * rows).fill(-1);
    const grid = new BlockGrid(plane, minX, minY, sideM, columns, rows, slots, 0, new Uint32Array(rows + 1));
    // the slots holding a household marked (0), then numbered row by row: the blocks of a run of rows are a run of ids
    for (let h = 0; h < length; h++) if (bestCell[h] >= 0) slots[grid.slotOf(lon[h], lat[h])] = 0;
    const rowStart = new Uint32Array(rows + 1);
    let blockCount = 0;
    for (let row = 0; row < rows; row++) {
      rowStart[row] = blockCount;
      for (let slot = row * columns; slot < (row + 1) * columns; slot++) if (slots[slot] >= 0) slots[slot] = blockCount++;
    }
    rowStart[rows] = blockCount;
    return new BlockGrid(plane, minX, minY, sideM, columns, rows, slots, blockCount, rowStart);
  }

  /** The id of the first block at or after `row` (the block count past the last row). */
  firstBlockOfRow(row: number): number {
    return this.rowStart[row];
  }

  private slotOf(lon: number, lat: number): number {
    const column = Math.min(this.columns - 1, Math.floor((lon * this.plane.kx - this.minX) / this.sideM));
    const row = Math.min(this.rows - 1, Math.floor((lat * this.plane.ky - this.minY) / this.sideM));
    return row * this.columns + column;
  }

  /** Compact id of the block of a household that has a server. */
  blockOf(lon: number, lat: number): number {
    return this.slots[this.slotOf(lon, lat)];
  }

  /** Columns and rows of the slots within `radius` plane units of the plane point (x, y), clamped to the grid. */
  slotRange(x: number, y: number, radius: number): [number, number, number, number] {
    return [
      Math.max(0, Math.floor((x - radius - this.minX) / this.sideM)),
      Math.min(this.columns - 1, Math.floor((x + radius - this.minX) / this.sideM)),
      Math.max(0, Math.floor((y - radius - this.minY) / this.sideM)),
      Math.min(this.rows - 1, Math.floor((y + radius - this.minY) / this.sideM)),
    ];
  }
}
