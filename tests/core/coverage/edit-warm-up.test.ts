/**
 * The edit path's warm-up (edit-warm-up.ts): site moves on a small engine of its own, once per thread and kind of
 * edit path, leaving the analysis' engine, the thread's kept tile layout and its retired sums memory as they were.
 */
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { forgetEditWarmUps, warmUpEditsSteps } from '../../../src/core/coverage/edit-warm-up.ts';
import { forgetRetiredBatch, tableBytesPlaced } from '../../../src/core/coverage/household-batch.ts';
import { tileLayoutsMade } from '../../../src/core/coverage/household-tiles.ts';
import { DEFAULT_SETTINGS, type Ward } from '../../../src/core/model.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { randomCity } from '../../helpers/random-city.ts';
import { squareWard } from '../../helpers/local-metres.ts';

const WARDS: Ward[] = [squareWard('Phường', 'urban')];
const city = randomCity(41, 20_000, 60);
const place = new PlaceEnvironment(city.points, indexWards(WARDS));
const input = { place, cells: city.cells, households: city.points };
const KEYS = ['bestCell', 'rsrpDbm', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const;

describe('warmUpEditsSteps', () => {
  it('does nothing, and stays to be done, where no analysed cell is near the middle household', () => {
    // the test files share their threads' modules: another may have warmed this thread up
    forgetEditWarmUps();
    expect([...warmUpEditsSteps({ ...input, settings: { ...DEFAULT_SETTINGS, operator: 'MobiFone' } })]).toEqual([]);
    expect([...warmUpEditsSteps({ ...input, settings: DEFAULT_SETTINGS })].length).toBeGreaterThan(10);
  });

  it('moves sites on an engine of its own: the analysis keeps its results, tile layout and sums memory', () => {
    forgetEditWarmUps();
    forgetRetiredBatch();
    const engine = new CoverageEngine({ ...input, settings: DEFAULT_SETTINGS });
    const before = engine.run();
    const results = KEYS.map((key) => Array.from(before[key]));
    const layouts = tileLayoutsMade();
    const tables = tableBytesPlaced();
    const steps = [...warmUpEditsSteps({ ...input, settings: DEFAULT_SETTINGS })];
    // a run of its own (it copied tables into memory of its own) and its moves, in order
    expect(steps.length).toBeGreaterThan(10);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(tableBytesPlaced()).toBeGreaterThan(tables);
    KEYS.forEach((key, k) => expect(Array.from(before[key])).toEqual(results[k]));
    // a re-run on the same households finds the thread's layout and retired memory: it makes and copies none
    const warmedUp = tableBytesPlaced();
    const rerun = new CoverageEngine({ ...input, settings: DEFAULT_SETTINGS }).run();
    expect(tileLayoutsMade()).toBe(layouts);
    expect(tableBytesPlaced()).toBe(warmedUp);
    KEYS.forEach((key, k) => expect(Array.from(rerun[key])).toEqual(results[k]));
  });

  it('runs once per thread for each kind of edit path: with interference sums (4G/5G), without (2G/3G)', () => {
    forgetEditWarmUps();
    expect([...warmUpEditsSteps({ ...input, settings: DEFAULT_SETTINGS })].length).toBeGreaterThan(10);
    expect([...warmUpEditsSteps({ ...input, settings: { ...DEFAULT_SETTINGS, technology: '5G' } })]).toEqual([]);
    const cells3g = city.cells.map((cell) => ({ ...cell, technology: '3G' as const }));
    const signalOnly = { ...input, cells: cells3g, settings: { ...DEFAULT_SETTINGS, technology: '3G' as const } };
    expect([...warmUpEditsSteps(signalOnly)].length).toBeGreaterThan(10);
    expect([...warmUpEditsSteps(signalOnly)]).toEqual([]);
  });
});
