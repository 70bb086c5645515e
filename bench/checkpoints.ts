/**
 * `npm run bench:checkpoints`: how long a cancel waits in the worst case. Drives the worker session's analysis
 * (`EngineSession.analyseSteps`, what the app's worker runs) on the embedded dataset, 4G with weak-signal zones,
 * twice (the first analysis also computes the fibre coverage, a re-run reuses it), and prints the longest times
 * between two checkpoints, where a cancel request is seen, with the stage and fraction that ended each.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS } from '../src/core/model.ts';
import { EngineSession } from '../src/worker/engine-session.ts';

const RUNS = 2;
const SHOWN = 5;
const read = (file: string) => readFileSync(`data/${file}`, 'utf8');
const noProgress = () => undefined;

const session = new EngineSession();
session.load({ layer: 'wards', file: 'hp2025_wards_polygons.geojson' }, read('hp2025_wards_polygons.geojson'), noProgress);
session.load({ layer: 'households', file: 'households.csv.gz' }, gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8'), noProgress);
session.load({ layer: 'sites', file: 'sites.csv' }, read('sites.csv'), noProgress);
session.load({ layer: 'fibre', file: 'fibre.geojson' }, read('fibre.geojson'), noProgress);

console.log('phusong checkpoints bench — embedded dataset, 4G analysis with zones, in the worker session');
for (let run = 1; run <= RUNS; run++) {
  const steps = session.analyseSteps({ settings: { ...DEFAULT_SETTINGS, technology: '4G' }, zones: true });
  const started = performance.now();
  let last = started;
  const gaps: Array<{ ms: number; at: string }> = [];
  for (let step = steps.next(); !step.done; step = steps.next()) {
    const now = performance.now();
    const { stage, fraction } = step.value;
    gaps.push({ ms: now - last, at: `${stage} ${fraction.toFixed(2)}` });
    last = now;
  }
  gaps.sort((a, b) => b.ms - a.ms);
  const longest = gaps.slice(0, SHOWN).map(({ ms, at }) => `${ms.toFixed(0)} ms (to ${at})`);
  console.log(`run ${run}: ${(performance.now() - started).toFixed(0)} ms, ${gaps.length} checkpoints; longest gaps: ${longest.join(', ')}`);
}
