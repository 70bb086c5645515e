import { availableParallelism } from 'node:os';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 4000 },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    // Unit test files share one module graph per worker instead of re-importing src/ for each of them (half the
    // suite's CPU time): a test that spies, mocks or stubs a global must not outlive its test, hence the restores.
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
    // vitest keeps a core free by default, leaving one worker on a 2-core machine; the main process idles in `run`
    maxWorkers: availableParallelism(),
  },
});
