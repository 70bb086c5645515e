/** The `phusong` command starts Node with `CLI_NODE_FLAGS` however it is run: as the bin, and as `npm run phusong`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_NODE_FLAGS } from '../../scripts/cli-build.mjs';

describe('the CLI’s Node flags', () => {
  it('are on the bin’s first line and in the npm script', () => {
    const firstLine = readFileSync('scripts/phusong.mjs', 'utf8').split('\n')[0];
    expect(firstLine).toBe(`#!/usr/bin/env -S node ${CLI_NODE_FLAGS.join(' ')}`);
    const { scripts, bin } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
    expect(bin.phusong).toBe('scripts/phusong.mjs');
    expect(scripts.phusong).toBe(`node ${CLI_NODE_FLAGS.join(' ')} scripts/phusong.mjs`);
  });
});
