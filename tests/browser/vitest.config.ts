/**
 * The real-browser test: Debian's Chromium (/usr/bin/chromium) driven by playwright-core against the production
 * build in dist/ (`npm run build` runs first, see package.json "test"). Node environment, one file at a time.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
