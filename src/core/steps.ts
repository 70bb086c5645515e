/**
 * Long computations cut at checkpoints, so that one implementation serves a host that runs it straight through
 * (the CLI, tests, benchmarks) and one that must stay responsive while it runs (the worker, which reads a cancel
 * message between slices). A computation is a generator: it yields its progress at each checkpoint and returns
 * its result; a driver runs it, reporting the progress and stopping with a `CancelledError` when asked.
 */
import { CancelledError } from './cancelled-error.ts';

/** A computation that yields progress values `P` at its checkpoints and returns `T`. */
export type Steps<T, P = number> = Generator<P, T, void>;

/** Progress of a computation of several stages: which stage, and how far through it (0…1). */
export interface StageProgress<S extends string = string> {
  stage: S;
  fraction: number;
}

/**
 * Runs `steps` to the end: each checkpoint's progress goes to `onProgress`, `isCancelled` is polled at each one
 * and stops the run with a `CancelledError`.
 */
export function runSteps<T, P>(steps: Steps<T, P>, onProgress?: (progress: P) => void, isCancelled?: () => boolean): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (isCancelled?.()) throw new CancelledError();
    onProgress?.(next.value);
  }
}

/** How `runStepsAsync` gives way to the host between slices of work. */
export interface StepControl<P> {
  onProgress?: (progress: P) => void;
  /** Polled after each pause; true stops the run with a `CancelledError`. */
  isCancelled: () => boolean;
  /** Lets the host run its other tasks (read its messages); resolves when the work may go on. */
  pause: () => Promise<void>;
  /** Clock in milliseconds (the host's `performance.now`). */
  now: () => number;
  /** Work at least this long between pauses, ms: checkpoints come every few ms, a pause per checkpoint would cost. */
  sliceMs: number;
}

/** Runs `steps` to the end like `runSteps`, pausing at the first checkpoint after each `sliceMs` of work. */
export async function runStepsAsync<T, P>(steps: Steps<T, P>, control: StepControl<P>): Promise<T> {
  let sliceStart = control.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    control.onProgress?.(next.value);
    if (control.now() - sliceStart >= control.sliceMs) {
      await control.pause();
      if (control.isCancelled()) {
        // let the computation run its `finally` blocks, if any
        steps.return(undefined as never);
        throw new CancelledError();
      }
      sliceStart = control.now();
    }
  }
}

/** The steps of one part of a computation, its fractions mapped onto [from, to] of the whole. */
export function* scaled<T>(steps: Steps<T>, from: number, to: number): Steps<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    yield from + (to - from) * next.value;
  }
}

/**
 * The steps of one stage of a larger computation: each fraction is reported as `{ stage, fraction }`. Progress of
 * other stages run inside it (a `CoverageEngine.runSteps` interlude) passes as it is.
 */
export function* inStage<T, S extends string>(stage: S, steps: Steps<T, number | StageProgress<S>>): Steps<T, StageProgress<S>> {
  yield { stage, fraction: 0 };
  for (;;) {
    const next = steps.next();
    if (next.done) {
      yield { stage, fraction: 1 };
      return next.value;
    }
    yield typeof next.value === 'number' ? { stage, fraction: next.value } : next.value;
  }
}

/**
 * Steps that drive `underway` one by one instead of delegating to it, so that a caller that stops (the worker when
 * a request comes, a cancel) closes these steps and not `underway`, which the next `resumable` over it goes on
 * with. `onEnd` is told once `underway` has ended, by returning or by throwing (a failed computation is not resumed).
 */
export function* resumable<T, P>(underway: Steps<T, P>, onEnd: () => void): Steps<T, P> {
  for (;;) {
    let next: IteratorResult<P, T>;
    try {
      next = underway.next();
    } catch (error) {
      onEnd();
      throw error;
    }
    if (next.done === true) {
      onEnd();
      return next.value;
    }
    yield next.value;
  }
}
