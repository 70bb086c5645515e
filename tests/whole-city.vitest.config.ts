/**
 * The whole-city suite: test files named *.city.test.ts, each running the CLI or the pipeline on the whole embedded
 * city (~530,000 households), seconds of CPU per run, so kept out of the unit suite (`npx vitest run`, which stays
 * under a minute) and run by `npm test` and CI after it. Same settings as the unit suite (vite.config.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../vite.config.ts';

export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('..', import.meta.url)),
  // replaced, not merged (mergeConfig would add the unit suite's include to this one)
  test: { ...base.test, include: ['tests/**/*.city.test.ts'], exclude: ['node_modules/**'] },
});
