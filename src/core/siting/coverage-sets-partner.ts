/**
 * The coverage sets of a siting on two threads (coverage-sets.ts): the host and a partner in another thread take
 * chunks of candidates in turn from a counter in shared memory, and the partner hands the sets of its chunks back
 * at the end. Each chunk is measured by one thread with the same code on the same input, so the sets are those of
 * one thread.
 *
 *   partner: indexes the weak households, then PREPARING → WORKING (unless the host gave it up), measures the
 *            chunks it takes, posts their sets, DONE (or FAILED);
 *   host:    measures the chunks it takes; then exhausts the counter and, unless the partner never started
 *            (PREPARING → ABANDONED), waits for its chunk in hand and receives its sets (`finish`).
 *
 * A partner that fails or stops beating for `STALL_MS` is given up: the host measures every chunk it lacks. The
 * host waits inside synchronous steps (`Atomics.wait`), so the partner's sets come back by a channel it can read
 * without an event loop (Node's `receiveMessageOnPort`: the CLI's src/cli/coverage-sets-partner-thread.ts).
 */
import { RESOLVED_PLACE } from '../resolve-environment.ts';
import { CandidateMeasure, type ChunkSets, type CoverageSetsPartner, type CoverageSetsPartnerInput } from './coverage-sets.ts';

const STATE = 0;
const HEARTBEAT = 1;
const NEXT_CHUNK = 2;
const PREPARING = 0;
const WORKING = 1;
const DONE = 2;
const FAILED = 3;
const ABANDONED = 4;
/** The counter once the host has finished: beyond any siting's chunks, far enough below 2³¹ not to wrap around. */
const CHUNKS_EXHAUSTED = 1 << 30;
/** A working partner whose heartbeat has not moved for this long is given up, ms (it beats at every chunk). */
export const STALL_MS = 10_000;
/** How long the host sleeps between looks at a working partner, ms. */
const WAIT_SLICE_MS = 100;

const NO_CHUNKS: ReadonlyMap<number, ChunkSets> = new Map();

/** [state, heartbeat, next chunk], shared by host and partner. */
export function sharedSetsControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
}

/** The host's side: a `CoverageSetsPartner` reading the partner's state in the shared control. */
export class SharedSetsHost implements CoverageSetsPartner {
  private stopped = false;

  /**
   * @param receive the partner's posted sets, read without waiting (undefined when none arrived)
   * @param stopThread stops the partner's thread; called once
   * @param nowMs the host's clock
   */
  constructor(
    private readonly control: Int32Array,
    private readonly receive: () => ReadonlyMap<number, ChunkSets> | undefined,
    private readonly stopThread: () => void,
    private readonly nowMs: () => number = Date.now,
  ) {}

  nextChunk = (): number => Atomics.add(this.control, NEXT_CHUNK, 1);

  finish(): ReadonlyMap<number, ChunkSets> {
    const { control } = this;
    Atomics.store(control, NEXT_CHUNK, CHUNKS_EXHAUSTED);
    // still starting: it took nothing and will take nothing
    if (Atomics.compareExchange(control, STATE, PREPARING, ABANDONED) === PREPARING) return NO_CHUNKS;
    let beat = Atomics.load(control, HEARTBEAT);
    let beatAtMs = this.nowMs();
    for (;;) {
      const state = Atomics.load(control, STATE);
      if (state === DONE) return this.receive() ?? NO_CHUNKS;
      if (state !== WORKING) return NO_CHUNKS;
      Atomics.wait(control, STATE, WORKING, WAIT_SLICE_MS);
      const now = Atomics.load(control, HEARTBEAT);
      if (now !== beat) {
        beat = now;
        beatAtMs = this.nowMs();
      } else if (this.nowMs() - beatAtMs > STALL_MS) return NO_CHUNKS;
    }
  }

  stop(): void {
    if (!this.stopped) this.stopThread();
    this.stopped = true;
  }
}

/**
 * The partner's side, run in its thread: measures the chunks it takes and posts their sets (chunk → sets), unless
 * the host gave it up before it started. Marks the control FAILED before rethrowing any error.
 */
export function serveSetsShare(input: CoverageSetsPartnerInput, control: Int32Array, post: (sets: Map<number, ChunkSets>) => void): void {
  try {
    const measure = new CandidateMeasure(input.candidates, input.lon, input.lat, RESOLVED_PLACE, input.settings);
    if (Atomics.compareExchange(control, STATE, PREPARING, WORKING) !== PREPARING) return;
    const sets = new Map<number, ChunkSets>();
    for (let k = Atomics.add(control, NEXT_CHUNK, 1); k < measure.chunkCount; k = Atomics.add(control, NEXT_CHUNK, 1)) {
      sets.set(k, measure.chunk(k));
      Atomics.add(control, HEARTBEAT, 1);
    }
    // posted before DONE: a host that sees DONE finds the sets in its channel
    post(sets);
    Atomics.store(control, STATE, DONE);
  } catch (error) {
    Atomics.store(control, STATE, FAILED);
    throw error;
  } finally {
    Atomics.notify(control, STATE);
  }
}
