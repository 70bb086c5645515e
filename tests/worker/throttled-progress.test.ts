import { describe, expect, it } from 'vitest';
import { throttledProgress } from '../../src/worker/throttled-progress.ts';

describe('throttledProgress', () => {
  it("passes each stage's first report, then one per interval", () => {
    const posted: string[] = [];
    let clock = 0;
    const progress = throttledProgress((stage, fraction) => posted.push(`${stage} ${fraction}`), () => clock, 50);
    // checkpoints every 10 ms: 0, 10, …, 120 in "analyse", then "zones" at 130 and 140
    for (let i = 0; i <= 12; i++) {
      clock = i * 10;
      progress('analyse', i / 12);
    }
    clock = 130;
    progress('zones', 0);
    clock = 140;
    progress('zones', 0.5);
    clock = 180;
    progress('zones', 1);
    expect(posted).toEqual([`analyse 0`, `analyse ${5 / 12}`, `analyse ${10 / 12}`, 'zones 0', 'zones 1']);
  });

  it('posts a stage met again after another one at once', () => {
    const posted: string[] = [];
    const progress = throttledProgress((stage) => posted.push(stage), () => 0, 50);
    progress('analyse', 0);
    progress('zones', 0);
    progress('analyse', 0.5);
    expect(posted).toEqual(['analyse', 'zones', 'analyse']);
  });
});
