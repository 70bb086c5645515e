/**
 * The compiled CLI (scripts/cli-build.mjs): `npm install` makes dist-cli/ and the test setup refreshes it, the
 * `phusong` entry point runs it (no note about tsx), and it is the same program as src/cli.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE, cliBuildState } from '../../scripts/cli-build.mjs';
import { runCli, spawnCli } from './run-cli.ts';

describe('the compiled CLI', () => {
  it('is built from the current sources, and scripts/phusong.mjs runs it rather than tsx', async () => {
    expect(cliBuildState()).toBe('fresh');
    expect(readFileSync(CLI_BUNDLE, 'utf8')).toContain('export {');
    const spawned = spawnCli(['--help']);
    expect(spawned.stderr).toBe('');
    expect(spawned.status).toBe(0);
    expect(spawned.stdout).toBe((await runCli(['--help'])).stdout);
  });

  it("starts a worker thread's job without loading the other jobs' modules (thread-jobs.mjs imports each when it runs)", () => {
    const jobs = readFileSync(CLI_BUNDLE.replace(/cli\.mjs$/, 'thread-jobs.mjs'), 'utf8');
    // static imports (`import … from "…"`, `import "…"`) load with the module; `import("…")` when a job starts
    const staticImports = [...jobs.matchAll(/^\s*import\s*(?:[^("'][^;]*?from\s*)?["']([^"']+)["']/gm)].map((match) => match[1]);
    // at most esbuild's helpers for the bundled CommonJS packages, a chunk that holds no module (esbuild heads each
    // module's code with a comment naming its file)
    for (const path of staticImports) {
      expect(path).toMatch(/^\.\/chunks\/chunk-\w+\.mjs$/);
      expect(readFileSync(new URL(path, `file://${CLI_BUNDLE}`), 'utf8')).not.toMatch(/^\/\/ (src|node_modules)\//m);
    }
    expect(jobs).toMatch(/import\("\.\/chunks\/sums-partner-[\w-]+\.mjs"\)/);
  });

  it('lists every source file it bundled, each under src/', () => {
    const info = JSON.parse(readFileSync(CLI_BUNDLE.replace(/cli\.mjs$/, 'build.json'), 'utf8')) as { inputs: string[] };
    expect(info.inputs).toContain('src/cli/main.ts');
    expect(info.inputs).toContain('src/core/analyse.ts');
    expect(info.inputs.every((input) => input.startsWith('src/'))).toBe(true);
  });
});
