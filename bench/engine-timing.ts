/**
 * What bench/run.ts and bench/sums.ts share: timing a 4G run's two passes, the seeded 3-sector site moves both
 * replay (the same sites and offsets for the same seed, so their figures compare), and the preparation before them.
 */
import { performance } from 'node:perf_hooks';
import type { Cell } from '../src/core/model.ts';
import type { CoverageEngine } from '../src/core/coverage/coverage-engine.ts';
import type { CoverageResult } from '../src/core/coverage/coverage-result.ts';
import { warmUpEditsSteps, type WarmUpInput } from '../src/core/coverage/edit-warm-up.ts';
import { runSteps } from '../src/core/steps.ts';

/** A run's result, the wall time of its best-server pass and interference sums, and the sums' CPU time, ms. */
export interface PassTimes {
  result: CoverageResult;
  bestServerMs: number;
  sumsMs: number;
  /** This thread's user time during the sums: on a shared machine it says more than the wall time. */
  sumsCpuMs: number;
}

/** Times a run's best-server pass (up to the steps' midpoint) and its interference sums (the rest). */
export function timePasses(engine: CoverageEngine): PassTimes {
  const start = performance.now();
  let settledAt = NaN;
  let cpuAtMs = NaN;
  const steps = engine.runSteps();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) {
      const sumsCpuMs = process.cpuUsage().user / 1000 - cpuAtMs;
      return { result: step.value, bestServerMs: settledAt - start, sumsMs: performance.now() - settledAt, sumsCpuMs };
    }
    if (step.value >= 0.5 && Number.isNaN(settledAt)) {
      settledAt = performance.now();
      cpuAtMs = process.cpuUsage().user / 1000;
    }
  }
}

/** One move: the cell indices of a site's sectors and their new states. */
export interface SiteMove {
  sectors: number[];
  moved: Cell[];
}

/**
 * `count` moves of random sites of `cells`, drawn from `random` (a seeded generator, `mulberry32`), each up to
 * 500 m in a random direction as a drag on the map would; each move starts from the cells as the earlier moves
 * left them.
 */
export function* seededSiteMoves(cells: readonly Cell[], random: () => number, count: number): Generator<SiteMove> {
  const sectorsOf = new Map<string, number[]>();
  cells.forEach((cell, index) => sectorsOf.set(cell.siteId, [...(sectorsOf.get(cell.siteId) ?? []), index]));
  const siteIds = [...sectorsOf.keys()];
  const current: Cell[] = cells.map((cell) => ({ ...cell }));
  for (let m = 0; m < count; m++) {
    const sectors = sectorsOf.get(siteIds[Math.floor(random() * siteIds.length)]) ?? [];
    const eastM = (random() * 2 - 1) * 500;
    const northM = (random() * 2 - 1) * 500;
    const moved = sectors.map((index) => ({
      ...current[index],
      lon: current[index].lon + eastM / 104_100,
      lat: current[index].lat + northM / 110_733,
    }));
    sectors.forEach((index, k) => (current[index] = moved[k]));
    yield { sectors, moved };
  }
}

/**
 * What the app's engine worker does in idle time after an analysis, before a drag (`EngineSession.editsAhead`): the
 * edits' link tables copied into their WebAssembly memory, and V8's optimised code of the edit path made on a small
 * engine cut from the same input (without it, the slowest of the first three moves took 58–113 ms: bench/HISTORY.md
 * step 80).
 */
export function prepareEditsAsTheWorker(engine: CoverageEngine, input: WarmUpInput): void {
  runSteps(engine.placeEditTablesSteps());
  runSteps(warmUpEditsSteps(input));
}
