/**
 * The benches' table (bench/bench-table.ts): rows aligned in columns, and after them each missed target with its
 * reason — issue 14's "each at its target or with the measured reason it cannot be"; and the CLI rows' reason from
 * a run's stage times (bench/cli-run.ts `stagesWhy`).
 */
import { describe, expect, it } from 'vitest';
import { atLeast, atMost, BenchTable } from '../../bench/bench-table.ts';
import { stagesWhy, type CliRun } from '../../bench/cli-run.ts';

function printed(table: BenchTable): string[] {
  let text = '';
  table.print('title', (part) => (text += part));
  return text.split('\n').slice(0, -1);
}

describe('BenchTable', () => {
  it('lists a missed target with its reason, computed when printed, and no section when every target is met', () => {
    const table = new BenchTable();
    let reason = 'not yet known';
    table.row('analysis', '3,003 ms', atMost(500, 'ms', () => reason), [3003]);
    table.row('speed-up', '1,074 ×', atLeast(100, '×', () => 'never printed'), [1074]);
    table.row('stage', '12 ms');
    reason = 'the sums alone take 1,896 ms';
    expect(printed(table)).toEqual([
      'title',
      'analysis  3,003 ms  ≤ 500 ms',
      'speed-up   1,074 ×  ≥ 100×',
      'stage        12 ms',
      'targets missed, and why (figures of this run):',
      '- analysis (≤ 500 ms): the sums alone take 1,896 ms',
    ]);
    const met = new BenchTable();
    met.row('move', '19.6 ms', atMost(50, 'ms', () => 'never printed'), [19.6]);
    expect(printed(met)).toEqual(['title', 'move  19.6 ms  ≤ 50 ms']);
  });

  it('counts a row of several runs as missed when any run misses, on the limit as met', () => {
    const table = new BenchTable();
    table.row('loads', '480–520 ms', atMost(500, 'ms', () => 'one load was slow'), [480, 520]);
    table.row('on the limit', '500 ms', atMost(500, 'ms', () => 'never printed'), [500]);
    table.row('a note', 'failed (exit 2)', 'the command failed');
    expect(printed(table).slice(-2)).toEqual(['targets missed, and why (figures of this run):', '- loads (≤ 500 ms): one load was slow']);
    expect(printed(table)[3]).toBe('a note        failed (exit 2)  the command failed');
  });
});

describe('stagesWhy', () => {
  const run = (stagesMs: Record<string, number> | null, wallMs: number): CliRun => ({ status: 0, wallMs, cpuMs: NaN, peakMiB: NaN, stagesMs, stderr: '' });

  it('names the stages over the target alone, then every stage with start-up and exit (wall − total)', () => {
    const stages = { parse: 1071.4, assignWards: 139.5, analyse: 2656.4, zones: 201.7, layout: 0, write: 648.5, total: 4719.5 };
    expect(stagesWhy(run(stages, 5069.5), 2000)).toBe(
      'the analysis alone takes 2,656 ms (stages, ms: parse 1,071, ward assignment 140, analysis 2,656, zones 202, write 649, start-up and exit 350)',
    );
    expect(stagesWhy(run(stages, 5069.5), 3000)).toMatch(/^no stage alone exceeds it \(stages, ms: parse 1,071,/);
  });

  it('says so when the command wrote no stage times', () => {
    expect(stagesWhy(run(null, 100), 2000)).toBe('no stage times (the command failed)');
  });
});
