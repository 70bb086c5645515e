import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { hugePagesEnv } from '../../scripts/huge-pages.mjs';

const COUNTRY = ['analyze', '--provinces', 'country', '--out', 'out'];

describe('phusong analyze --provinces with huge pages (scripts/huge-pages.mjs)', () => {
  it('asks glibc for them on Linux, keeping other tunables, and leaves a given setting alone', () => {
    expect(hugePagesEnv({ PATH: '/bin' }, 'linux', COUNTRY)).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(hugePagesEnv({}, 'linux', ['analyze', '--provinces=country'])).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux', COUNTRY)).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' });
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, 'linux', COUNTRY)).toBeNull();
    expect(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' }, 'linux', COUNTRY)).toBeNull();
    expect(hugePagesEnv({}, 'darwin', COUNTRY)).toBeNull();
    expect(hugePagesEnv({}, 'win32', COUNTRY)).toBeNull();
  });

  it('is only for a country: a city\'s run and the other commands start once', () => {
    expect(hugePagesEnv({}, 'linux', ['analyze', '--wards', 'w.geojson', '--sites', 's.csv', '--households', 'h.csv'])).toBeNull();
    expect(hugePagesEnv({}, 'linux', ['report', '--dataset', 'embedded'])).toBeNull();
    expect(hugePagesEnv({}, 'linux', ['--help'])).toBeNull();
  });

  it('starts the process again with them, its flags and arguments kept, and ends as that one ended', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phusong-huge-pages-'));
    try {
      const script = join(dir, 'again.mjs');
      const module = pathToFileURL(resolve('scripts/huge-pages.mjs')).href;
      writeFileSync(script, `import { runWithHugePages } from '${module}';\nrunWithHugePages();\nconsole.log(process.env.GLIBC_TUNABLES, process.execArgv.join(' '), process.argv.slice(2).join(' '));\nprocess.exitCode = 3;\n`);
      const env = { ...process.env };
      delete env.GLIBC_TUNABLES;
      const again = spawnSync('node', ['--max-semi-space-size=4', script, ...COUNTRY], { encoding: 'utf8', env });
      // only the process started again prints: with the tunable, the same flags and arguments, and its exit code
      expect(again.stdout).toBe(`glibc.malloc.hugetlb=1 --max-semi-space-size=4 ${COUNTRY.join(' ')}\n`);
      expect(again.status).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
