import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/cancelled-error.ts';
import { inStage, resumable, runSteps, runStepsAsync, scaled, type Steps } from '../../src/core/steps.ts';

/** Sums 1 … n, yielding i / n before adding i. */
function* sumSteps(n: number): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    yield i / n;
    sum += i;
  }
  return sum;
}

describe('runSteps', () => {
  it('returns the result and reports every checkpoint', () => {
    const seen: number[] = [];
    expect(runSteps(sumSteps(4), (fraction) => seen.push(fraction))).toBe(10);
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('stops with a CancelledError at the checkpoint where isCancelled turns true', () => {
    let checks = 0;
    expect(() => runSteps(sumSteps(10), undefined, () => ++checks === 3)).toThrow(CancelledError);
    expect(checks).toBe(3);
  });

  it('maps fractions onto a span, and tags them with a stage', () => {
    const seen: unknown[] = [];
    runSteps(inStage('zones', scaled(sumSteps(2), 0.5, 1)), (progress) => seen.push(progress));
    expect(seen).toEqual([
      { stage: 'zones', fraction: 0 },
      { stage: 'zones', fraction: 0.75 },
      { stage: 'zones', fraction: 1 },
      { stage: 'zones', fraction: 1 },
    ]);
  });
});

describe('runStepsAsync', () => {
  it('pauses once per slice of work and gives the same result', async () => {
    // a clock that advances 10 ms per reading: with 25 ms slices, a pause every few checkpoints
    let clock = 0;
    let pauses = 0;
    const result = await runStepsAsync(sumSteps(20), {
      isCancelled: () => false,
      pause: async () => void pauses++,
      now: () => (clock += 10),
      sliceMs: 25,
    });
    expect(result).toBe(210);
    expect(pauses).toBeGreaterThan(3);
    expect(pauses).toBeLessThan(20);
  });

  it('stops after the pause in which a cancel arrived, and closes the computation', async () => {
    let cancelled = false;
    let closed = false;
    function* guarded(): Steps<number> {
      try {
        return yield* sumSteps(100);
      } finally {
        closed = true;
      }
    }
    let reached = 0;
    const run = runStepsAsync(guarded(), {
      onProgress: (fraction) => (reached = fraction),
      isCancelled: () => cancelled,
      // the "message" arrives during the third pause
      pause: async () => {
        if (reached >= 0.03) cancelled = true;
      },
      now: (() => {
        let t = 0;
        return () => (t += 1);
      })(),
      sliceMs: 1,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(reached).toBeCloseTo(0.03, 10);
    expect(closed).toBe(true);
  });
});


describe('resumable', () => {
  it('goes on where a stopped caller left the computation, and tells its end once', () => {
    const underway = sumSteps(4);
    let ends = 0;
    const first = resumable(underway, () => ends++);
    expect(first.next().value).toBe(0.25);
    expect(first.next().value).toBe(0.5);
    first.return(undefined as never); // the caller stops: the computation is not closed
    const seen: number[] = [];
    expect(runSteps(resumable(underway, () => ends++), (fraction) => seen.push(fraction))).toBe(10);
    expect(seen).toEqual([0.75, 1]);
    expect(ends).toBe(1);
  });

  it('tells the end of a computation that throws, and passes the error on', () => {
    function* failing(): Steps<number> {
      yield 0.5;
      throw new Error('bad input');
    }
    let ends = 0;
    expect(() => runSteps(resumable(failing(), () => ends++))).toThrow('bad input');
    expect(ends).toBe(1);
  });
});
