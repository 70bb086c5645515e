import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, tileOriginsFromEnvironment } from './scripts/content-security-policy.ts';

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
  build: { chunkSizeWarningLimit: 4000 },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
});
