/**
 * Runs the `phusong` CLI for the CLI tests: in-process through `main(argv)` (what almost every case uses: no
 * start-up per case), or spawned through scripts/phusong.mjs, which runs the compiled dist-cli/ exactly as a user
 * does (one end-to-end case per command). Both give the exit code and everything written to stdout and stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** A fresh output directory under the system temp directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** `phusong ...argv` in this process: stdout and stderr captured (and kept off the test output) while it runs. */
export async function runCli(argv: string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture(stdout) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture(stderr) as typeof process.stderr.write);
  try {
    const status = await main(argv);
    return { status, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** `phusong ...argv` as a separate process, through the installed entry point (node + the compiled dist-cli/). */
export function spawnCli(argv: string[]): CliRun {
  const run = spawnSync('node', ['scripts/phusong.mjs', ...argv], { encoding: 'utf8' });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Runs in-process and fails with its stderr unless the command succeeded; returns the run. */
export async function runCliOk(argv: string[]): Promise<CliRun> {
  const run = await runCli(argv);
  if (run.status !== 0) throw new Error(`phusong ${argv.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run;
}
