/** A full collection between a CLI command's stages (src/cli/release-garbage.ts), in a process without --expose-gc. */
import { expect, it } from 'vitest';
import { releaseGarbage } from '../../src/cli/release-garbage.ts';

it('collects what is no longer reachable', async () => {
  const ref = new WeakRef({ rows: Array.from({ length: 1000 }, (_, k) => `row ${k}`) });
  // a WeakRef's target is kept to the end of the job that made or read it
  await new Promise((resolve) => setTimeout(resolve, 0));
  releaseGarbage();
  expect(ref.deref()).toBeUndefined();
  releaseGarbage();
});
