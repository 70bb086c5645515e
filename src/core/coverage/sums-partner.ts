/**
 * The interference sums of a full analysis on two threads: the host's engine and a partner engine in another
 * thread, built on the same input, take stripes of block rows in turn from a shared counter (interference-sums.ts).
 * Every household is summed by one thread, over the same cells in the same order, so the results are the same
 * numbers as one thread's.
 *
 * The two meet in shared memory (`SharedSumsMemory`), so that the host waits for its partner inside its
 * synchronous steps (`Atomics.wait`) without an event loop:
 *
 *   partner: builds its engine and prepares the cells while the host finds the best servers;
 *   host:    writes the best servers, state SERVERS_READY (`SharedSumsHost.start`), sums stripes;
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
import { runSteps } from '../steps.ts';
import { withResolvedEnvironments } from './analysed-cell.ts';
import { CoverageEngine } from './coverage-engine.ts';
import type { NextStripe, Servers } from './interference-sums.ts';

/** What a computation with a partner asks of it (`InterferenceSums.computeSteps`). */
export interface SumsPartner {
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
 * The partner's input for an analysis of `cells` over `households`: the cells the engine analyses carry the
 * environment the host's engine gives them (`resolveEnvironment` with the host's place), the households their
 * locations only (a structured clone of 600,000 ids would cost more than it saves).
 */
export function partnerInput(cells: readonly Cell[], households: HouseholdLocations, settings: AnalysisSettings, place: Pick<PlaceEnvironment, 'at'>): PartnerInput {
  const { length, lon, lat, count } = households;
  return {
    cells: withResolvedEnvironments(cells, settings, place),
    households: { length, lon, lat, count },
    settings,
  };
}

/** The memory host and partner share: typed arrays over `SharedArrayBuffer`s (structured clone shares them). */
export interface SharedSumsMemory {
  /** [state, heartbeat, next stripe]. */
  control: Int32Array;
  bestCell: Int32Array;
  bestRsrpDbm: Float64Array;
  coChannelMw: Float64Array;
  overlap: Uint16Array;
}

const STATE = 0;
const HEARTBEAT = 1;
const NEXT_STRIPE = 2;
const PREPARING = 0;
const SERVERS_READY = 1;
const DONE = 2;
const FAILED = 3;
/**
 * The stripe counter once the host has stopped: beyond any city's stripes, so a partner still summing takes no
 * more and finishes with the stripe in hand (far enough below 2³¹ that its later takes cannot wrap around).
 */
const STRIPES_EXHAUSTED = 1 << 30;
/** A partner whose heartbeat has not moved for this long is given up, ms (its checkpoints come every few ms). */
export const STALL_MS = 10_000;

/** Shared memory for the sums of `length` households. */
export function sharedSumsMemory(length: number): SharedSumsMemory {
  const shared = <T>(ArrayType: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, count: number): T =>
    new ArrayType(new SharedArrayBuffer(ArrayType.BYTES_PER_ELEMENT * Math.max(1, count)));
  return {
    control: shared(Int32Array, 3),
    bestCell: shared(Int32Array, length),
    bestRsrpDbm: shared(Float64Array, length),
    coChannelMw: shared(Float64Array, length),
    overlap: shared(Uint16Array, length),
  };
}

/** The host's side: a `SumsPartner` reading the partner's state in shared memory. */
export class SharedSumsHost implements SumsPartner {
  private lastBeat = -1;
  private lastBeatAtMs = 0;
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
    private readonly nowMs: () => number = Date.now,
  ) {
    this.nextStripe = stripeCounter(memory);
  }

  readonly nextStripe: NextStripe;

  start(servers: Servers): void {
    const { memory } = this;
    memory.bestCell.set(servers.bestCell);
    memory.bestRsrpDbm.set(servers.bestRsrpDbm);
    // a partner that failed while preparing stays failed
    Atomics.compareExchange(memory.control, STATE, PREPARING, SERVERS_READY);
    Atomics.notify(memory.control, STATE);
    this.lastBeatAtMs = this.nowMs();
  }

  wait(timeoutMs: number): 'done' | 'pending' | 'failed' {
    const { control } = this.memory;
    if (Atomics.load(control, STATE) === SERVERS_READY) Atomics.wait(control, STATE, SERVERS_READY, timeoutMs);
    const state = Atomics.load(control, STATE);
    if (state === DONE) return 'done';
    const beat = Atomics.load(control, HEARTBEAT);
    if (beat !== this.lastBeat) {
      this.lastBeat = beat;
      this.lastBeatAtMs = this.nowMs();
    }
    if (state === FAILED || this.nowMs() - this.lastBeatAtMs > STALL_MS) {
      this.end(false);
      return 'failed';
    }
    return 'pending';
  }

  stop(): void {
    const { control } = this.memory;
    Atomics.store(control, NEXT_STRIPE, STRIPES_EXHAUSTED);
    // a partner still preparing would wait for servers that never come
    const state = Atomics.load(control, STATE);
    this.end(state === SERVERS_READY || state === DONE);
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
  const beat = (): void => void Atomics.add(control, HEARTBEAT, 1);
  try {
    // its sums go straight into the shared memory, where the host reads them once DONE
    const engine = new CoverageEngine({ ...input, place: RESOLVED_PLACE, sumsInto: { coChannelMw: memory.coChannelMw, overlap: memory.overlap } });
    runSteps(engine.prepareSteps(), beat);
    // the host's analysis may end without asking (an error): it then stops the thread, which must run some code
    // now and then to be stopped
    while (Atomics.load(control, STATE) === PREPARING) Atomics.wait(control, STATE, PREPARING, 1000);
    const servers = { bestCell: memory.bestCell, bestRsrpDbm: memory.bestRsrpDbm };
    const sums = runSteps(engine.interferenceStripeSteps(servers, stripeCounter(memory)), beat);
    if (sums === null) throw new Error(`a ${input.settings.technology} analysis has no interference sums`);
    Atomics.store(control, STATE, DONE);
  } catch (error) {
    Atomics.store(control, STATE, FAILED);
    throw error;
  } finally {
    Atomics.notify(control, STATE);
  }
}

/** The counter of stripes host and partner share. */
function stripeCounter(memory: SharedSumsMemory): NextStripe {
  return () => Atomics.add(memory.control, NEXT_STRIPE, 1);
}
