import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { hugePagesEnv } from '../../scripts/huge-pages.mjs';

describe('the phusong command with huge pages (scripts/huge-pages.mjs)', () => {
  it('asks glibc for them on Linux, keeping other tunables, and leaves a given setting alone', () => {
    expect(hugePagesEnv({ PATH: '/bin' }, 'linux')).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux')).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' });
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, 'linux')).toBeNull();
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' }, 'linux')).toBeNull();
    expect(hugePagesEnv({}, 'darwin')).toBeNull();
    expect(hugePagesEnv({}, 'win32')).toBeNull();
  });

  it('starts the process again with them, its flags and arguments kept, and ends as that one ended', () => {
    const env = { ...process.env };
    delete env.GLIBC_TUNABLES;
    const script = "import('./scripts/huge-pages.mjs').then((m) => { m.runWithHugePages(); console.log(process.env.GLIBC_TUNABLES, process.argv.slice(1).join(' ')); process.exitCode = 3; })";
    const again = spawnSync('node', ['--max-semi-space-size=4', '-e', script, 'a', 'b'], { encoding: 'utf8', env });
    // only the process started again prints: with the tunable, the same arguments and its exit code
    expect(again.stdout).toBe('glibc.malloc.hugetlb=1 a b\n');
    expect(again.status).toBe(3);
  });

  it('runs the phusong command so: its output, its exit code', () => {
    const env = { ...process.env };
    delete env.GLIBC_TUNABLES;
    const help = spawnSync('node', ['scripts/phusong.mjs', '--help'], { encoding: 'utf8', env });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: phusong <command>/);
    const bad = spawnSync('node', ['scripts/phusong.mjs', 'analyze', '--wards', 'nowhere.geojson'], { encoding: 'utf8', env });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
