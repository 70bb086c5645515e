#!/usr/bin/env -S node --max-semi-space-size=4
// The `phusong` command: runs the compiled CLI (dist-cli/cli.mjs, made by `npm install` / `npm run build:cli` from
// src/cli, which shares src/core with the app). When that build is missing or older than its sources, it runs the
// TypeScript through tsx instead (≈ 1 s more at every start) and says so on stderr.
// Node starts it with 4 MB semi-spaces (`CLI_NODE_FLAGS`, scripts/cli-build.mjs; the bin's first line and `npm run
// phusong` give them): V8's young generation grown to its default size was ~20 MiB of `analyze`'s peak on the
// seeded city (bench/HISTORY.md step 39). V8 reads the flag at start only, so it cannot be set from here.
// `analyze --provinces` starts itself again with glibc's huge pages for large blocks (scripts/huge-pages.mjs).
import { cliBuildState, CLI_BUNDLE } from './cli-build.mjs';
import { runWithHugePages } from './huge-pages.mjs';

runWithHugePages();

const state = cliBuildState();
let main;
if (state === 'fresh') {
  ({ main } = await import(CLI_BUNDLE));
} else {
  process.stderr.write(
    `note: the compiled CLI (dist-cli/) is ${state === 'missing' ? 'missing' : 'older than src/'}: running the TypeScript through tsx; ` +
      '`npm run build:cli` compiles it\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
