// `phusong analyze --provinces` (a country) runs with glibc's malloc asked to back its large blocks with transparent
// huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1). Its typed arrays are large and fresh: each province's file
// text and households, its analysis arrays. On the development machine (a virtual machine) touching fresh memory the
// first time costs ~2.6 ns a byte in 4 KB pages and a tenth of that when huge pages are available: 4 full-scale
// provinces took 15.1–16.1 s against 16.6–18.1 s (bench/HISTORY.md step 87). glibc reads the setting only when a
// process starts, so the command starts itself again with it. Not for a city: the second start (~0.15–0.2 s here)
// costs about what huge pages save it (~0.3 s of ~4 s). Nor elsewhere than Linux, or when the setting is given.
import { spawnSync } from 'node:child_process';

const TUNABLE = 'glibc.malloc.hugetlb';

/**
 * The environment to start the command (its arguments `args`) again with, or null to run it as it is: for
 * `analyze --provinces` on Linux, GLIBC_TUNABLES with `glibc.malloc.hugetlb=1` added, unless it already names that
 * tunable (a user's `=0` turns it off).
 */
export function hugePagesEnv(env, platform, args) {
  const country = args[0] === 'analyze' && args.some((arg) => arg === '--provinces' || arg.startsWith('--provinces='));
  if (platform !== 'linux' || !country) return null;
  const given = env.GLIBC_TUNABLES ?? '';
  if (given.split(':').some((setting) => setting.split('=')[0] === TUNABLE)) return null;
  return { ...env, GLIBC_TUNABLES: given === '' ? `${TUNABLE}=1` : `${given}:${TUNABLE}=1` };
}

/**
 * Starts this script again with huge pages when `hugePagesEnv` says so, and ends this process as that one ended
 * (its exit code, or its signal). Returns when the command should run here.
 */
export function runWithHugePages() {
  const env = hugePagesEnv(process.env, process.platform, process.argv.slice(2));
  if (env === null) return;
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  if (child.error) return; // could not start itself again: run here, without huge pages
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
