/**
 * households.csv's rows from a run whose households were reordered (`inLocalityOrder`, as `analyze --provinces`
 * reads each province) are byte for byte those of the same run in file order: the records put in file order
 * (cli/household-row-records.ts) across several blocks, with and without fibre, every empty case included. And a
 * few rows against the contract's text, worked by hand.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_CSV_COLUMNS, writeHouseholdRows, type HouseholdRowsInput } from '../../src/cli/analysis-outputs.ts';
import { CsvFile } from '../../src/cli/common.ts';
import type { CoverageResult } from '../../src/core/coverage/coverage-result.ts';
import type { FibreCoverage } from '../../src/core/fibre/fibre-coverage.ts';
import { inLocalityOrder } from '../../src/core/locality-order.ts';
import type { Cell, HouseholdPoints, Ward } from '../../src/core/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'phusong-household-rows-'));
let files = 0;

function written(input: HouseholdRowsInput): string {
  const path = join(dir, `households-${files++}.csv`);
  const file = new CsvFile(path, HOUSEHOLD_CSV_COLUMNS);
  writeHouseholdRows(file, input);
  file.close();
  return readFileSync(path, 'utf8');
}

const wards = [{ id: 'W1' }, { id: 'W2' }] as Ward[];
const cells = [{ siteId: 'S1' }, { siteId: 'S,2' }] as Cell[];

/** A run's values in file order: a seeded mix of every case (no ward, no server, no SINR, fibre or not). */
function fileOrderRun(length: number, withFibre: boolean): HouseholdRowsInput {
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const households: HouseholdPoints = {
    length,
    ids: Array.from({ length }, (_, i) => `H${i}`),
    lon: Float64Array.from({ length }, () => 106.5 + next() * 0.3),
    lat: Float64Array.from({ length }, () => 20.7 + next() * 0.3),
    count: Uint32Array.from({ length }, () => 1 + Math.floor(next() * 40)),
    wardId: new Array(length).fill(null),
  };
  const served = Array.from({ length }, () => next() > 0.1);
  const sinrDb = Float32Array.from(served, (s) => (s && next() > 0.05 ? -10 + next() * 40 : NaN));
  const coverage: CoverageResult = {
    technology: '4G',
    operator: null,
    bestCell: Int32Array.from(served, (s) => (s ? Math.floor(next() * 2) : -1)),
    rsrpDbm: Float32Array.from(served, (s) => (s ? -60 - next() * 70 : -Infinity)),
    signalClass: Uint8Array.from(served, (s) => (s ? Math.floor(next() * 3) : 3)),
    sinrDb,
    // as the engine gives it: none without a SINR
    throughputMbps: Float32Array.from(sinrDb, (sinr) => (Number.isNaN(sinr) ? NaN : next() * 300)),
    serversWithin6Db: Uint8Array.from({ length }, () => Math.floor(next() * 6)),
  };
  const fibreCoverage: FibreCoverage | null = withFibre
    ? ({ distanceM: Float64Array.from({ length }, () => (next() > 0.3 ? next() * 900 : Infinity)), passed: Uint8Array.from({ length }, () => (next() > 0.5 ? 1 : 0)) } as FibreCoverage)
    : null;
  const wardOfHousehold = Int32Array.from({ length }, () => Math.floor(next() * 3) - 1);
  return { households, wards, cells, wardOfHousehold, coverage, fibreCoverage };
}

/** The same run with its households reordered: every per-household value moved with its point. */
function reorderedRun(run: HouseholdRowsInput): HouseholdRowsInput {
  const { households, fileOrder: reordering } = inLocalityOrder(run.households as HouseholdPoints);
  const fileOrder = reordering!;
  const moved = <T extends { length: number; [k: number]: number }>(values: T): T => {
    const result = new (values.constructor as new (length: number) => T)(values.length);
    for (let position = 0; position < values.length; position++) result[position] = values[fileOrder.rowOfPosition[position]];
    return result;
  };
  const { coverage, fibreCoverage } = run;
  return {
    ...run,
    households,
    wardOfHousehold: moved(run.wardOfHousehold),
    coverage: {
      ...coverage,
      bestCell: moved(coverage.bestCell),
      rsrpDbm: moved(coverage.rsrpDbm),
      signalClass: moved(coverage.signalClass),
      sinrDb: moved(coverage.sinrDb),
      throughputMbps: moved(coverage.throughputMbps),
      serversWithin6Db: moved(coverage.serversWithin6Db),
    },
    fibreCoverage: fibreCoverage === null ? null : { ...fibreCoverage, distanceM: moved(fibreCoverage.distanceM), passed: moved(fibreCoverage.passed) },
    fileOrder,
  };
}

describe('households.csv rows of a reordered run', () => {
  for (const withFibre of [false, true]) {
    it(`are those of the run in file order (10,000 points, ${withFibre ? 'with' : 'without'} fibre)`, () => {
      const run = fileOrderRun(10_000, withFibre);
      const reordered = reorderedRun(run);
      // the reordering moved most points: the test is not of an identity
      expect(reordered.fileOrder!.rowOfPosition.filter((row, position) => row !== position).length).toBeGreaterThan(9000);
      const text = written(run);
      expect(text.split('\n')).toHaveLength(10_002);
      expect(written(reordered)).toBe(text);
    });
  }

  it('print the contract text of hand-made rows (no ward, no server, no SINR, no service, fibre passed)', () => {
    const run = fileOrderRun(4, true);
    run.wardOfHousehold.set([-1, 1, 0, 0]);
    run.households.count.set([1, 12, 3, 2]);
    run.coverage.bestCell.set([-1, 1, 0, 0]);
    run.coverage.rsrpDbm.set([-Infinity, -97.125, -80.5, -124.5]);
    run.coverage.signalClass.set([3, 1, 0, 3]);
    // H3: class none above the interference cut-off: a SINR, but no service, so no throughput
    run.coverage.sinrDb.set([NaN, 3.25, 12.5, 0.75]);
    run.coverage.throughputMbps.set([NaN, 41.5, 96.75, NaN]);
    run.coverage.serversWithin6Db.set([0, 4, 1, 1]);
    run.fibreCoverage!.distanceM.set([Infinity, 120.25, 8, 300]);
    run.fibreCoverage!.passed.set([0, 1, 0, 0]);
    const expected = [
      HOUSEHOLD_CSV_COLUMNS.join(','),
      'H0,,1,,,none,,false,,,',
      'H1,W2,12,"S,2",-97.13,fair,120.3,true,3.25,41.5,4',
      'H2,W1,3,S1,-80.5,good,8,false,12.5,96.75,1',
      'H3,W1,2,S1,-124.5,none,300,false,0.75,,1',
      '',
    ].join('\n');
    expect(written(run)).toBe(expected);
    expect(written(reorderedRun(run))).toBe(expected);
  });
});
