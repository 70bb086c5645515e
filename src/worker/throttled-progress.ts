/**
 * Progress for the page, at most one message per stage every `intervalMs`. A computation reports a checkpoint every
 * fraction of a millisecond in places: the browser's 4G analysis posted 20,000 progress messages, and receiving them
 * kept the page's main thread busy for the whole run, taking a core from the engine and its sums partner.
 */
import type { Progress } from './engine-session.ts';
import type { ProgressStage } from './protocol.ts';

/** Passes a stage's first report and then one report per `intervalMs` (by `now`, ms) to `post`. */
export function throttledProgress(post: Progress, now: () => number, intervalMs: number): Progress {
  let lastStage: ProgressStage | null = null;
  let lastPostMs = -Infinity;
  return (stage, fraction) => {
    const time = now();
    if (stage === lastStage && time - lastPostMs < intervalMs) return;
    lastStage = stage;
    lastPostMs = time;
    post(stage, fraction);
  };
}
