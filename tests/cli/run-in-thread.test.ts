/**
 * `runInThread` (src/cli/run-in-thread.ts): a job run in a worker thread gives what the same call gives in the
 * main thread, its intermediate values first; its errors become the errors main.ts turns into exit codes (a
 * `CliError`: exit 2 with one line; anything else: exit 1 with the stack); aborting stops the thread.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/cancelled-error.ts';
import { computeFibreCoverage, type FibreCoverage } from '../../src/core/fibre/fibre-coverage.ts';
import type { Ward } from '../../src/core/model.ts';
import { fibreForReport, type FibreReportOptions } from '../../src/core/report/report-inputs.ts';
import { closeTargetGaps } from '../../src/core/targets/close-gaps.ts';
import { evaluateTargets } from '../../src/core/targets/evaluate-targets.ts';
import { targetInputsOf } from '../../src/core/targets/target-inputs.ts';
import type { Target } from '../../src/core/targets/target-set.ts';
import { CliError } from '../../src/cli/common.ts';
import { runInThread, runModuleJobInThread } from '../../src/cli/run-in-thread.ts';
import { householdsAt, network, nodeAt, routeAt } from '../core/fibre/fibre-fixture.ts';

const FIXTURE_JOBS = new URL('../fixtures/cli/thread-jobs.ts', import.meta.url).href;

const ward = (id: string): Ward => ({
  id, name: `Phường ${id}`, district: null, type: null, environment: null, population2019: null, households2019: null,
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});

const fibreTarget = (id: string, threshold: number): Target => ({
  id, indicator: 'fibre_passed_households', technology: 'FTTH', scope: { kind: 'city' }, threshold, unit: '%', deadline: '2030', name: null,
  source: { document: 'test', date: null, article: null, url: null, note: null },
});

describe('runInThread', () => {
  it("runs the report's fibre job in a thread with the result of the same calls in this thread, the reach first", async () => {
    // two wards: households along a cable (passed), farther ones the plans must reach, one node with 1 free port
    const households = householdsAt([
      [0, 50], [100, 80], [200, 20, 3], [300, 150], [400, 600], [450, 650, 2], [900, 900], [1200, 300, 5], [1300, 350], [2000, 0, 4],
    ]);
    const wardOfHousehold = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, -1]);
    const net = network([routeAt('r1', [[0, 0], [500, 0]])], [nodeAt('n1', 1250, 320, 2, 1)]);
    const wards = [ward('W1'), ward('W2')];
    const fibreSettings = { maxDropM: 200, backbonePasses: false };
    const options: FibreReportOptions = { targetsPct: [50], scopeIds: null, maxDropM: 200, backbonePasses: false, costPerMetreVnd: 150_000, connectionCostVnd: 1_000_000 };

    const coverage = computeFibreCoverage(households, net, fibreSettings);
    const expected = fibreForReport({ wards, wardOfHousehold, households, network: net, coverage }, options);
    expect(expected.plans.length).toBeGreaterThan(0);

    const emitted: FibreCoverage[] = [];
    const result = await runInThread(
      'fibreForReport',
      { wards, wardOfHousehold, households: { length: households.length, lon: households.lon, lat: households.lat, count: households.count }, network: net, fibreSettings, options, targets: null },
      { onPartial: (reach) => emitted.push(reach) },
    );
    expect(emitted).toEqual([coverage]);
    expect(result).toEqual({ section: expected, targetClosings: null });

    // with a target set: its fibre targets' gaps planned as closeTargetGaps plans them on the main thread
    const targets = [fibreTarget('city-90', 90), { ...fibreTarget('5g', 100), indicator: 'coverage_population', technology: '5G' } satisfies Target, fibreTarget('city-20', 20)];
    const inputs = targetInputsOf({ units: wards, unitOfHousehold: wardOfHousehold, households, results: {}, fibrePassed: coverage.passed, zones: null });
    const closings = closeTargetGaps({
      evaluations: evaluateTargets(targets, inputs),
      inputs,
      households,
      siting: {},
      fibre: { input: { wards, wardOfHousehold, households, network: net, coverage }, options: { ...options, ...fibreSettings } },
    });
    expect(closings[0].kind).toBe('fibre');
    expect(closings[2].reason).toBe('met');
    const withTargets = await runInThread('fibreForReport', {
      wards, wardOfHousehold, households: { length: households.length, lon: households.lon, lat: households.lat, count: households.count }, network: net, fibreSettings, options, targets: { targets, zones: null, fibreCosts: options },
    });
    expect(withTargets.targetClosings).toEqual([closings[0], closings[2]]);
  });

  it('hands over every partial value in order, then the result; typed arrays come back as typed arrays', async () => {
    const partials: number[] = [];
    const result = await runModuleJobInThread(FIXTURE_JOBS, 'sums', { values: Float64Array.from([1, 2, 3.5]) }, { onPartial: (sum) => partials.push(sum as number) });
    expect(partials).toEqual([1, 3, 6.5]);
    expect(result).toEqual({ total: 6.5, doubled: Float64Array.from([2, 4, 7]) });
  });

  it("turns bad input found in the thread into the host's CliError (main: exit code 2, one line)", async () => {
    const error = await runModuleJobInThread(FIXTURE_JOBS, 'rejectsInput', { file: 'households.csv' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe('households.csv: row 3: lon must be a number');
  });

  it('turns a bug in the thread into an error with its name, message and the stack from the thread (main: exit code 1)', async () => {
    const error = await runModuleJobInThread(FIXTURE_JOBS, 'hasABug', null).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CliError);
    expect((error as Error).name).toBe('TypeError');
    expect((error as Error).message).toBe('cannot read properties of undefined');
    expect((error as Error).stack).toContain('thread-jobs.ts');
    expect((error as Error).stack).toContain('(in a worker thread)');
  });

  it('stops the thread when aborted: the promise rejects with a CancelledError', async () => {
    const controller = new AbortController();
    const running = runModuleJobInThread(FIXTURE_JOBS, 'runsForever', null, { signal: controller.signal, onPartial: () => controller.abort() });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    const aborted = new AbortController();
    aborted.abort();
    await expect(runModuleJobInThread(FIXTURE_JOBS, 'sums', { values: new Float64Array() }, { signal: aborted.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects an aborted job only once its thread has stopped: what the thread was doing is over', async () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const controller = new AbortController();
    // aborted once the thread is seen counting
    const abortWhenCounting = (): unknown => (Atomics.load(counter, 0) > 1000 ? controller.abort() : setTimeout(abortWhenCounting, 1));
    const running = runModuleJobInThread(FIXTURE_JOBS, 'countsForever', { counter }, { signal: controller.signal, onPartial: abortWhenCounting });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    const atRejection = Atomics.load(counter, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(atRejection).toBeGreaterThan(1000);
    expect(Atomics.load(counter, 0)).toBe(atRejection);
  });
});
