/** `phusong` itself: usage, unknown commands and their exit codes (src/cli/main.ts), in-process. */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('phusong', () => {
  it('prints the usage of every command on --help (exit 0) and without a command (exit 2)', async () => {
    const help = await runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    for (const command of ['analyze', 'fibre-plan', 'plan-sites', 'targets', 'report']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} +\\(--dataset embedded \\| --wards FILE`, 'm'));
    }
    const none = await runCli([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe(help.stdout);
  });

  it('refuses an unknown command with exit 2, naming it on the first line of stderr', async () => {
    const run = await runCli(['analyse']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe("error: unknown command 'analyse'");
    expect(run.stderr).toContain('usage: phusong <command> [options]');
  });
});
