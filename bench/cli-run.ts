/**
 * `phusong analyze …` run by the benchmarks as a user runs it: the compiled CLI in a child process, timed (wall
 * and CPU), with its peak memory (/usr/bin/time -v, else the child's own maxRSS) and the stage times it writes
 * into summary.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI_NODE_FLAGS } from '../scripts/cli-build.mjs';

export interface CliRun {
  status: number | null;
  wallMs: number;
  /** User + system CPU time of the child, ms (less sensitive than the wall time to other jobs on the machine). */
  cpuMs: number;
  peakMiB: number;
  /** summary.json's stage times. */
  stagesMs: Record<string, number> | null;
  stderr: string;
}

export const timeAvailable = existsSync('/usr/bin/time');

/** `phusong analyze …` in a child process started as the `phusong` command starts it, timed, with its peak memory (/usr/bin/time -v, else the child's maxRSS). */
export function runAnalyze(args: string[], outDir: string): CliRun {
  const cliArgs = [...CLI_NODE_FLAGS, 'scripts/phusong.mjs', 'analyze', ...args, '--out', outDir];
  // without /usr/bin/time the child reports its own maxRSS (KiB) and CPU time (µs) on exit
  const reportUsage =
    "data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('maxRSS '+u.maxRSS+'\\ncpu '+(u.userCPUTime+u.systemCPUTime)+'\\n')})";
  const started = performance.now();
  const child = timeAvailable
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...cliArgs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, ['--import', reportUsage, ...cliArgs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  const stderr = child.stderr ?? '';
  const rss = /(?:Maximum resident set size \(kbytes\):|^maxRSS) (\d+)/m.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const cpu = /^cpu (\d+)/m.exec(stderr);
  const cpuMs = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : cpu ? Number(cpu[1]) / 1000 : NaN;
  let stagesMs: Record<string, number> | null = null;
  try {
    stagesMs = (JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as { timingsMs: Record<string, number> }).timingsMs;
  } catch {
    stagesMs = null;
  }
  return { status: child.status, wallMs, cpuMs, peakMiB: rss ? Number(rss[1]) / 1024 : NaN, stagesMs, stderr };
}

/** summary.json's stage keys as the benches print them. */
const STAGE_NAMES: Record<string, string> = { parse: 'parse', assignWards: 'ward assignment', analyse: 'analysis', zones: 'zones', layout: 'layout comparison', write: 'write' };

/**
 * Why a run misses a wall-time target of `limitMs`, from its own stage times: the stages that alone exceed it (or
 * that none does), then every stage, start-up and exit included.
 */
export function stagesWhy(run: CliRun, limitMs: number): string {
  if (run.stagesMs === null) return 'no stage times (the command failed)';
  const stages: Array<[string, number]> = Object.entries(STAGE_NAMES)
    .filter(([key]) => run.stagesMs![key] !== undefined && run.stagesMs![key] > 0)
    .map(([key, name]) => [name, run.stagesMs![key]]);
  stages.push(['start-up and exit', run.wallMs - run.stagesMs.total]);
  const over = stages.filter(([, ms]) => ms > limitMs).map(([name, ms]) => `the ${name} alone takes ${Math.round(ms).toLocaleString('en-US')} ms`);
  const all = stages.map(([name, ms]) => `${name} ${Math.round(ms).toLocaleString('en-US')}`).join(', ');
  return `${over.length > 0 ? over.join(', ') : 'no stage alone exceeds it'} (stages, ms: ${all})`;
}
