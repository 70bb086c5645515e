/**
 * The words a host thread and its partner thread share while they split one computation (the interference sums:
 * coverage/sums-partner.ts; a siting's coverage sets: siting/coverage-sets-partner.ts): the partner's state, its
 * heartbeat, and the counter from which both take the next item of work (a stripe of households, a chunk of
 * candidates). Each item is taken once, whichever thread asks; the host exhausts the counter when it is done, and
 * gives the partner up when it fails or its heartbeat stops for `STALL_MS`, doing the rest itself: the partner
 * speeds the work up, the results never depend on it.
 */

/** What the partner is doing, as both threads read it. */
export const PartnerState = {
  /** Building what it needs (its engine, its index); takes no work yet. */
  PREPARING: 0,
  /** Taking items from the counter (for the sums: once the host has handed it the best servers). */
  WORKING: 1,
  /** Its share is written or posted. */
  DONE: 2,
  FAILED: 3,
  /** Given up by the host before it started: it must take nothing. */
  ABANDONED: 4,
} as const;
export type PartnerState = (typeof PartnerState)[keyof typeof PartnerState];

const STATE = 0;
const HEARTBEAT = 1;
const NEXT_ITEM = 2;
/**
 * The counter once the host has finished: beyond any computation's items, so a partner still working takes no more
 * and finishes the item in hand (far enough below 2³¹ that its later takes cannot wrap around).
 */
const ITEMS_EXHAUSTED = 1 << 30;
/** A working partner whose heartbeat has not moved for this long is given up, ms (it beats every few ms). */
export const STALL_MS = 10_000;

/** [state, heartbeat, next item] over a `SharedArrayBuffer` (structured clone shares it), state PREPARING. */
export function sharedControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
}

export function stateOf(control: Int32Array): PartnerState {
  return Atomics.load(control, STATE) as PartnerState;
}

/** Moves the state from `from` to `to` unless another thread moved it first; true when it did. */
export function moveState(control: Int32Array, from: PartnerState, to: PartnerState): boolean {
  const moved = Atomics.compareExchange(control, STATE, from, to) === from;
  if (moved) Atomics.notify(control, STATE);
  return moved;
}

/** Sets the state and wakes a thread waiting on it. */
export function setState(control: Int32Array, state: PartnerState): void {
  Atomics.store(control, STATE, state);
  Atomics.notify(control, STATE);
}

/** Sleeps while the state is `state`, at most `timeoutMs`. */
export function waitWhile(control: Int32Array, state: PartnerState, timeoutMs: number): void {
  Atomics.wait(control, STATE, state, timeoutMs);
}

/** The next item of work (0, 1, 2, …), given once whichever thread asks. */
export function takeItem(control: Int32Array): number {
  return Atomics.add(control, NEXT_ITEM, 1);
}

/** No thread takes another item after this. */
export function exhaustItems(control: Int32Array): void {
  Atomics.store(control, NEXT_ITEM, ITEMS_EXHAUSTED);
}

/** The partner's sign of life, at each of its checkpoints. */
export function beat(control: Int32Array): void {
  Atomics.add(control, HEARTBEAT, 1);
}

/** The host's watch on the partner's heartbeat. */
export class HeartbeatWatch {
  private lastBeat: number;
  private lastBeatAtMs: number;

  constructor(
    private readonly control: Int32Array,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.lastBeat = Atomics.load(control, HEARTBEAT);
    this.lastBeatAtMs = nowMs();
  }

  /** Counts from now, as if the partner had just beaten (it has just been given work). */
  restart(): void {
    this.lastBeatAtMs = this.nowMs();
  }

  /** True when the heartbeat has not moved for more than `STALL_MS`. */
  stalled(): boolean {
    const beatNow = Atomics.load(this.control, HEARTBEAT);
    const nowMs = this.nowMs();
    if (beatNow !== this.lastBeat) {
      this.lastBeat = beatNow;
      this.lastBeatAtMs = nowMs;
    }
    return nowMs - this.lastBeatAtMs > STALL_MS;
  }
}

/**
 * Runs the partner's side: `work` sets DONE (or leaves the state when it was given up); an error marks the
 * control FAILED before it is rethrown, and a waiting host is woken either way.
 */
export function servePartnerShare(control: Int32Array, work: () => void): void {
  try {
    work();
  } catch (error) {
    Atomics.store(control, STATE, PartnerState.FAILED);
    throw error;
  } finally {
    Atomics.notify(control, STATE);
  }
}
