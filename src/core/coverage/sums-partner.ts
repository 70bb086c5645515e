/**
 * The interference sums of a full analysis on two threads: the host's engine and a partner engine in another
 * thread, built on the same input, take stripes of block rows in turn from a shared counter (interference-sums.ts).
 * Every household is summed by one thread, over the same cells in the same order, so the results are the same
 * numbers as one thread's.
 *
 * The two meet in shared memory (`SharedSumsMemory`, its control words those of partner-control.ts), so that the
 * host waits for its partner inside its synchronous steps (`Atomics.wait`) without an event loop:
 *
 *   partner: builds its engine and prepares the cells while the host prepares its own;
 *   both:    find the best servers by the engine's tiles, taken in turn from a second counter (`nextTile`), the
 *            partner's written into the shared memory, flagged per tile (`tileSettled`), where the host copies them;
 *   host:    writes the best servers, state WORKING (`SharedSumsHost.start`), sums stripes;
 *   partner: sums stripes until none is left, into the shared memory, then state DONE (or FAILED);
 *   host:    adds the partner's sums to its own (`addInto`);
 *   host:    `stop`: the counter exhausted, the thread kept for another analysis if it had its servers.
 *
 * The partner beats a heartbeat at each of its checkpoints; a partner that fails, or stops beating for
 * `STALL_MS`, is given up and every stripe summed again by the host: the thread speeds the analysis up, the
 * results never depend on it. Thread creation is the host's business: a worker thread in the CLI
 * (src/cli/sums-partner-thread.ts), a nested Web Worker in the app's engine worker when the page is cross-origin
 * isolated (src/worker/sums-partner-worker.ts).
 */
import type { AnalysisSettings, Cell, HouseholdLocations } from '../model.ts';
import { RESOLVED_PLACE, type PlaceEnvironment } from '../resolve-environment.ts';
import { beat, exhaustItems, HeartbeatWatch, moveState, PartnerState, servePartnerShare, setState, sharedControl, stateOf, takeItem, waitWhile } from '../partner-control.ts';
import { runSteps } from '../steps.ts';
import { withResolvedEnvironments } from './analysed-cell.ts';
import { CoverageEngine } from './coverage-engine.ts';
import type { NextStripe, Servers } from './interference-sums.ts';
import { warmUpSteps } from './warm-up.ts';

/** What a computation with a partner asks of it (`CoverageEngine.runSteps`, `InterferenceSums.computeSteps`). */
export interface SumsPartner {
  /** The next tile of the best-server pass for the host (`NextStripe`: a counter host and partner share). */
  nextTile: NextStripe;
  /** Whether the partner has settled tile `t`: its households' best servers are then in `tileServers`. */
  tileSettled(t: number): boolean;
  /** Where the partner writes the best servers of the tiles it settles. */
  readonly tileServers: Servers;
  /**
   * Waits at most `timeoutMs` for the partner to settle another tile: 'pending', or 'failed' when it failed or
   * stalled (it is given up: the host settles the tiles it has not, and sums every stripe).
   */
  waitForTile(timeoutMs: number): 'pending' | 'failed';
  /** Hands the partner the best servers: it sums stripes from now on. */
  start(servers: Servers): void;
  /** The next stripe for the host (`NextStripe`: the counter host and partner share). */
  nextStripe: NextStripe;
  /** Waits at most `timeoutMs` for the partner's share: done, still pending, or failed (sum it yourself). */
  wait(timeoutMs: number): 'done' | 'pending' | 'failed';
  /** Adds the partner's sums to `coChannelMw` and `overlap` (zero there for the households of its stripes). */
  addInto(coChannelMw: Float64Array, overlap: Uint16Array): void;
  /** Stops the partner's thread: the computation is over (done, given up or cancelled). */
  stop(): void;
}

/**
 * Below this many households a partner costs more than it saves: it sums nothing before its thread has started
 * (~0.5 s: its modules loaded, the input copied) and prepared its own cells, by which time a small city's sums are
 * done. Hosts start none for fewer.
 */
export const PARTNER_MIN_HOUSEHOLDS = 50_000;

/** What the partner's engine is built on: the host's input, every analysed cell's environment already resolved. */
export interface PartnerInput {
  cells: Cell[];
  households: HouseholdLocations;
  settings: AnalysisSettings;
}

/**
 * The partner's input for an analysis of `cells` over `households` (or for its warm-up, `warmSumsShare`): the cells
 * the engine analyses carry the environment the host's engine gives them (`resolveEnvironment` with the host's
 * place), the households their locations only (a structured clone of 600,000 ids would cost more than it saves).
 */
export function partnerInput(cells: readonly Cell[], households: HouseholdLocations, settings: AnalysisSettings, place: Pick<PlaceEnvironment, 'at'>): PartnerInput {
  const { length, lon, lat, count } = households;
  return { cells: withResolvedEnvironments(cells, settings, place), settings, households: { length, lon, lat, count } };
}

/** The memory host and partner share: typed arrays over `SharedArrayBuffer`s (structured clone shares them). */
export interface SharedSumsMemory {
  /** The partner's state, heartbeat and the stripe counter (partner-control.ts). */
  control: Int32Array;
  /** [the tile counter, the tiles the partner has settled]. */
  tileControl: Int32Array;
  /** 1 for each tile the partner has settled (its best servers written in `bestCell`, `bestRsrpDbm`). */
  tileSettled: Uint8Array;
  bestCell: Int32Array;
  bestRsrpDbm: Float64Array;
  coChannelMw: Float64Array;
  overlap: Uint16Array;
}

/** Words of `SharedSumsMemory.tileControl`. */
const TILE_COUNTER = 0;
const TILES_SETTLED = 1;
/** The tile counter once the run is over: beyond any city's tiles, far enough below 2³¹ that later takes cannot wrap. */
const TILES_EXHAUSTED = 1 << 30;

/** The next tile of the best-server pass (0, 1, 2, …), given once whichever thread asks. */
function takeTile(tileControl: Int32Array): number {
  return Atomics.add(tileControl, TILE_COUNTER, 1);
}

/** Shared memory for the sums of `length` households. */
export function sharedSumsMemory(length: number): SharedSumsMemory {
  const shared = <T>(ArrayType: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, count: number): T =>
    new ArrayType(new SharedArrayBuffer(ArrayType.BYTES_PER_ELEMENT * Math.max(1, count)));
  return {
    control: sharedControl(),
    tileControl: shared(Int32Array, 2),
    // a tile holds at least one household
    tileSettled: shared(Uint8Array, length),
    bestCell: shared(Int32Array, length),
    bestRsrpDbm: shared(Float64Array, length),
    coChannelMw: shared(Float64Array, length),
    overlap: shared(Uint16Array, length),
  };
}

/** The host's side: a `SumsPartner` reading the partner's state in shared memory. */
export class SharedSumsHost implements SumsPartner {
  private readonly heartbeat: HeartbeatWatch;
  private stopped = false;

  /**
   * @param stopThread called once, when the partner is given up or `stop`ped: `idle` when it had its servers
   *   and neither failed nor stalled (it has finished its share, or finishes the stripe in hand and takes no
   *   other: its thread may serve another analysis); else the thread must be stopped
   * @param nowMs the host's clock
   */
  constructor(
    private readonly memory: SharedSumsMemory,
    private readonly stopThread: (idle: boolean) => void,
    nowMs: () => number = Date.now,
  ) {
    this.heartbeat = new HeartbeatWatch(memory.control, nowMs);
    this.nextStripe = () => takeItem(memory.control);
    this.nextTile = () => takeTile(memory.tileControl);
    this.tileServers = { bestCell: memory.bestCell, bestRsrpDbm: memory.bestRsrpDbm };
  }

  readonly nextStripe: NextStripe;
  readonly nextTile: NextStripe;
  readonly tileServers: Servers;

  tileSettled(t: number): boolean {
    return Atomics.load(this.memory.tileSettled, t) === 1;
  }

  waitForTile(timeoutMs: number): 'pending' | 'failed' {
    const { control, tileControl } = this.memory;
    if (stateOf(control) !== PartnerState.FAILED) Atomics.wait(tileControl, TILES_SETTLED, Atomics.load(tileControl, TILES_SETTLED), timeoutMs);
    if (stateOf(control) === PartnerState.FAILED || this.heartbeat.stalled()) {
      this.end(false);
      return 'failed';
    }
    return 'pending';
  }

  start(servers: Servers): void {
    const { memory } = this;
    memory.bestCell.set(servers.bestCell);
    memory.bestRsrpDbm.set(servers.bestRsrpDbm);
    // a partner that failed while preparing stays failed
    moveState(memory.control, PartnerState.PREPARING, PartnerState.WORKING);
    this.heartbeat.restart();
  }

  wait(timeoutMs: number): 'done' | 'pending' | 'failed' {
    const { control } = this.memory;
    if (stateOf(control) === PartnerState.WORKING) waitWhile(control, PartnerState.WORKING, timeoutMs);
    const state = stateOf(control);
    if (state === PartnerState.DONE) return 'done';
    if (state === PartnerState.FAILED || this.heartbeat.stalled()) {
      this.end(false);
      return 'failed';
    }
    return 'pending';
  }

  stop(): void {
    const { control, tileControl } = this.memory;
    exhaustItems(control);
    Atomics.store(tileControl, TILE_COUNTER, TILES_EXHAUSTED);
    // a partner still preparing would wait for servers that never come
    const state = stateOf(control);
    this.end(state === PartnerState.WORKING || state === PartnerState.DONE);
  }

  private end(idle: boolean): void {
    if (!this.stopped) this.stopThread(idle);
    this.stopped = true;
  }

  addInto(coChannelMw: Float64Array, overlap: Uint16Array): void {
    const { memory } = this;
    for (let h = 0; h < coChannelMw.length; h++) {
      coChannelMw[h] += memory.coChannelMw[h];
      overlap[h] += memory.overlap[h];
    }
  }
}

/**
 * The partner's side, run in its thread: builds the engine and prepares the cells, waits for the host's servers,
 * sums the stripes it takes into the shared memory. Marks the memory FAILED before rethrowing any error.
 */
export function serveSumsShare(input: PartnerInput, memory: SharedSumsMemory): void {
  const { control } = memory;
  servePartnerShare(control, () => {
    // its sums go straight into the shared memory, where the host reads them once DONE
    const engine = new CoverageEngine({ ...input, place: RESOLVED_PLACE, sumsInto: { coChannelMw: memory.coChannelMw, overlap: memory.overlap } });
    runSteps(engine.prepareSteps(), () => beat(control));
    const { tileControl, tileSettled } = memory;
    engine.settlePartnerTiles({ bestCell: memory.bestCell, bestRsrpDbm: memory.bestRsrpDbm }, () => takeTile(tileControl), (t) => {
      // the tile's best servers are written before its flag: the host reads them after it
      Atomics.store(tileSettled, t, 1);
      Atomics.add(tileControl, TILES_SETTLED, 1);
      Atomics.notify(tileControl, TILES_SETTLED);
      beat(control);
    });
    // the host's analysis may end without asking (an error): it then stops the thread, which must run some code
    // now and then to be stopped
    while (stateOf(control) === PartnerState.PREPARING) waitWhile(control, PartnerState.PREPARING, 1000);
    const servers = { bestCell: memory.bestCell, bestRsrpDbm: memory.bestRsrpDbm };
    const sums = runSteps(engine.interferenceStripeSteps(servers, () => takeItem(control)), () => beat(control));
    if (sums === null) throw new Error(`a ${input.settings.technology} analysis has no interference sums`);
    setState(control, PartnerState.DONE);
  });
}

/**
 * The partner's side of a warm-up, run in its thread before its first analysis (warm-up.ts): the link-budget
 * tables that analysis' preparation would build, its engine's household tiles' layout and the tables in the sums'
 * WebAssembly memory, so that its engine then prepares the cells in a fraction of the time, joins the best-server
 * pass early and copies no table into its sums.
 */
export function warmSumsShare(input: PartnerInput): void {
  runSteps(warmUpSteps(input.cells, input.households, input.settings, RESOLVED_PLACE));
}
