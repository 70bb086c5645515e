/**
 * `node --import tsx bench/sums.ts [runs]`: the interference sums alone, in a focused run (issue 12/14), for
 * comparing steps of their speed-up on a shared machine. On the seeded city of bench/generate-city.ts, per run:
 * the 4G best-server pass and interference sums (CoverageEngine.runSteps, split at the steps' midpoint) and an
 * RSRP-only run of the same cells, with their ratio; then 50 seeded 3-sector site moves (median, p95), after the
 * preparation the app's worker makes in idle time (edit tables placed, edit path warmed up). Prints a
 * digest of the result arrays (best cell, RSRP, SINR, throughput, overlap), after the run and after the moves, so
 * that a change of method can be checked to give byte-identical results, and how far the moved result is from a
 * full rerun on the moved cells. Last, a full run with the sums shared by a partner thread (the CLI's
 * `sumsPartnerThread`; from the sources, so the thread compiles them through tsx first) and its digest.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS } from '../src/core/model.ts';
import { indexWards } from '../src/core/assign-wards.ts';
import { CoverageEngine } from '../src/core/coverage/coverage-engine.ts';
import { partnerInput } from '../src/core/coverage/sums-partner.ts';
import { sumsPartnerThread } from '../src/cli/sums-partner-thread.ts';
import type { CoverageResult } from '../src/core/coverage/coverage-result.ts';
import { PlaceEnvironment } from '../src/core/resolve-environment.ts';
import { layerInLocalityOrder } from '../src/core/locality-order.ts';
import { DEFAULT_CITY, generateCity, mulberry32 } from './generate-city.ts';
import { prepareEditsAsTheWorker, seededSiteMoves, timePasses } from './engine-timing.ts';

const runs = Number(process.argv[2] ?? 2);
const MOVES = 50;
const settings = DEFAULT_SETTINGS;
const city = generateCity(DEFAULT_CITY);
const { cells, wards } = city;
// the household layer as the app's worker keeps it: in locality order (core/locality-order.ts)
const { households, fileOrder } = layerInLocalityOrder(city.households);
const place = new PlaceEnvironment(households, indexWards(wards));

/** SHA-256 of the quality arrays' bytes in the file's order of the households (first 16 hex digits). */
function digest(result: CoverageResult): string {
  const hash = createHash('sha256');
  for (const array of [result.bestCell, result.rsrpDbm, result.sinrDb, result.throughputMbps, result.serversWithin6Db]) {
    const inFileOrder = array.slice();
    if (fileOrder !== undefined) for (let p = 0; p < array.length; p++) inFileOrder[fileOrder.rowOfPosition[p]] = array[p];
    hash.update(new Uint8Array(inFileOrder.buffer, inFileOrder.byteOffset, inFileOrder.byteLength));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * How far incremental edits drifted from a full rerun on the same cells: households whose server or overlap count
 * differs, and the largest SINR difference (the sums are kept by additions and subtractions: equal to rounding).
 */
function driftFromRerun(updated: CoverageResult, rerun: CoverageResult): { servers: number; overlap: number; sinrDb: number } {
  let servers = 0;
  let overlap = 0;
  let sinrDb = 0;
  for (let h = 0; h < rerun.bestCell.length; h++) {
    if (updated.bestCell[h] !== rerun.bestCell[h]) servers++;
    if (updated.serversWithin6Db[h] !== rerun.serversWithin6Db[h]) overlap++;
    const difference = Math.abs(updated.sinrDb[h] - rerun.sinrDb[h]);
    // NaN on one side only is a difference too
    if (difference > sinrDb || (Number.isNaN(difference) && !(Number.isNaN(updated.sinrDb[h]) && Number.isNaN(rerun.sinrDb[h])))) {
      sinrDb = Number.isNaN(difference) ? Infinity : difference;
    }
  }
  return { servers, overlap, sinrDb };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const rsrpOnlyCells = cells.map((cell) => (cell.technology === settings.technology ? { ...cell, technology: '3G' as const } : cell));
for (let run = 0; run < runs; run++) {
  const engine = new CoverageEngine({ place, cells, households, settings });
  const passes = timePasses(engine);
  const fullDigest = digest(passes.result);
  const rsrpStart = performance.now();
  new CoverageEngine({ place, cells: rsrpOnlyCells, households, settings: { ...settings, technology: '3G' } }).run();
  const rsrpOnlyMs = performance.now() - rsrpStart;
  const moveMs: number[] = [];
  const current = cells.slice();
  prepareEditsAsTheWorker(engine, { place, cells, households, settings });
  // the moves of bench/run.ts (the same seed)
  for (const { sectors, moved } of seededSiteMoves(cells, mulberry32(DEFAULT_CITY.seed + 1), MOVES)) {
    const start = performance.now();
    engine.updateCells(sectors.map((cellIndex, k) => ({ cellIndex, cell: moved[k] })));
    moveMs.push(performance.now() - start);
    sectors.forEach((index, k) => (current[index] = moved[k]));
  }
  const movedDigest = digest(engine.result as CoverageResult);
  const drift = driftFromRerun(engine.result as CoverageResult, new CoverageEngine({ place, cells: current, households, settings }).run());
  const sharedStart = performance.now();
  const sumsPartner = (): ReturnType<typeof sumsPartnerThread> => sumsPartnerThread(partnerInput(cells, households, settings, place));
  const shared = new CoverageEngine({ place, cells, households, settings, sumsPartner }).run();
  const sharedMs = performance.now() - sharedStart;
  process.stdout.write(
    `run ${run + 1}: best-server ${passes.bestServerMs.toFixed(0)} ms, sums ${passes.sumsMs.toFixed(0)} ms (CPU ${passes.sumsCpuMs.toFixed(0)} ms), ` +
      `RSRP-only ${rsrpOnlyMs.toFixed(0)} ms, quality/RSRP-only ${((passes.bestServerMs + passes.sumsMs) / rsrpOnlyMs).toFixed(2)}×; ` +
      `move median ${percentile(moveMs, 50).toFixed(1)} ms, p95 ${percentile(moveMs, 95).toFixed(1)} ms; ` +
      `digest ${fullDigest}, after the moves ${movedDigest} (against a full rerun: ${drift.servers} servers and ` +
      `${drift.overlap} overlap counts differ, SINR within ${drift.sinrDb.toExponential(1)} dB); ` +
      `sums on both cores: full run ${sharedMs.toFixed(0)} ms (one thread ${(passes.bestServerMs + passes.sumsMs).toFixed(0)} ms), digest ${digest(shared)}\n`,
  );
}
