import { availableParallelism } from 'node:os';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, CROSS_ORIGIN_ISOLATION_HEADERS, tileOriginsFromEnvironment } from './scripts/content-security-policy.ts';

/** Writes the Content-Security-Policy into the built index.html (the dev server's inline HMR script would break under it). */
function contentSecurityPolicyMeta(): Plugin {
  const policy = contentSecurityPolicy(tileOriginsFromEnvironment(process.env.PHUSONG_TILE_ORIGINS));
  return {
    name: 'phusong-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  base: './',
  worker: { format: 'es' },
  // the dev server and `vite preview` serve the page cross-origin isolated, as docs/security.md asks of a web server
  server: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  preview: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  build: { chunkSizeWarningLimit: 4000 },
  test: {
    include: ['tests/**/*.test.ts'],
    // the whole-city runs (*.city.test.ts) and the real browser have suites of their own (package.json "test")
    exclude: ['tests/browser/**', 'tests/**/*.city.test.ts', 'node_modules/**'],
    // the spawned CLI runs the compiled dist-cli/: rebuilt here when src/ is newer
    globalSetup: ['tests/build-cli.global.ts'],
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
