/**
 * A full garbage collection between a command's stages: V8 collects the old generation only when it grows to
 * a limit set by the heap's size, so a stage that leaves much garbage (the parse of a city: its text, row strings,
 * grown arrays, ~100 MB) passes it on to the next, whose own arrays then come on top of it (issue 14: ≤ 300 MiB).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/** Collects the garbage now (V8's `gc`, exposed to a context of its own: the command runs without --expose-gc). */
export function releaseGarbage(): void {
  if (collect === null) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
