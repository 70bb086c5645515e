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
 * A partner that fails or stops beating for `STALL_MS` (partner-control.ts) is given up: the host measures every
 * chunk it lacks. The host waits inside synchronous steps (`Atomics.wait`), so the partner's sets come back by a
 * channel it can read without an event loop (Node's `receiveMessageOnPort`: the CLI's src/cli/coverage-sets-partner-thread.ts).
 */
import { beat, exhaustItems, HeartbeatWatch, moveState, PartnerState, servePartnerShare, setState, stateOf, takeItem, waitWhile } from '../partner-control.ts';
import { RESOLVED_PLACE } from '../resolve-environment.ts';
import { CandidateMeasure, type ChunkSets, type CoverageSetsPartner, type CoverageSetsPartnerInput } from './coverage-sets.ts';

/** How long the host sleeps between looks at a working partner, ms. */
const WAIT_SLICE_MS = 100;

const NO_CHUNKS: ReadonlyMap<number, ChunkSets> = new Map();

/** The host's side: a `CoverageSetsPartner` reading the partner's state in the shared control (partner-control.ts). */
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

  nextChunk = (): number => takeItem(this.control);

  finish(): ReadonlyMap<number, ChunkSets> {
    const { control } = this;
    exhaustItems(control);
    // still starting: it took nothing and will take nothing
    if (moveState(control, PartnerState.PREPARING, PartnerState.ABANDONED)) return NO_CHUNKS;
    const heartbeat = new HeartbeatWatch(control, this.nowMs);
    for (;;) {
      const state = stateOf(control);
      if (state === PartnerState.DONE) return this.receive() ?? NO_CHUNKS;
      if (state !== PartnerState.WORKING) return NO_CHUNKS;
      waitWhile(control, PartnerState.WORKING, WAIT_SLICE_MS);
      if (heartbeat.stalled()) return NO_CHUNKS;
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
  servePartnerShare(control, () => {
    const measure = new CandidateMeasure(input.candidates, input.lon, input.lat, RESOLVED_PLACE, input.settings);
    if (!moveState(control, PartnerState.PREPARING, PartnerState.WORKING)) return;
    const sets = new Map<number, ChunkSets>();
    for (let k = takeItem(control); k < measure.chunkCount; k = takeItem(control)) {
      sets.set(k, measure.chunk(k));
      beat(control);
    }
    // posted before DONE: a host that sees DONE finds the sets in its channel
    post(sets);
    setState(control, PartnerState.DONE);
  });
}
