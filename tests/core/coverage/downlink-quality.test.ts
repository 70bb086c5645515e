/**
 * SINR, throughput and the overlap count of the coverage engine against independent values: hand-worked cases
 * (FSPL cells, ITU-R P.525: 20·log10(d_km) + 20·log10(f_MHz) + 32.4478), a brute force over every cell with
 * distances by the WGS84 metres-per-degree series (not the engine's cheap-ruler), the cut-off's bound, and
 * incremental edits against a full rerun. The tabulated link budget is held to the exact one.
 */
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { isCoChannel } from '../../../src/core/coverage/co-channel.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import type { CoverageResult } from '../../../src/core/coverage/coverage-result.ts';
import { forgetRetiredBatch, tableBytesPlaced } from '../../../src/core/coverage/household-batch.ts';
import { warmUpSteps } from '../../../src/core/coverage/warm-up.ts';
import { interferenceCutoffDbm, noisePerResourceElementDbm, throughputMbps } from '../../../src/core/coverage/link-quality.ts';
import { tabulateCell, type TabulatedCell } from '../../../src/core/coverage/link-tables.ts';
import { prepareCell, reachM, rsrpAtDbm, type PreparedCell } from '../../../src/core/link-budget.ts';
import { DEFAULT_SETTINGS, type AnalysisSettings, type Cell, type HouseholdPoints, type Ward } from '../../../src/core/model.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { runSteps } from '../../../src/core/steps.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';
import { randomCell, randomCity } from '../../helpers/random-city.ts';
import { at, householdsAt, M_PER_DEG_LAT, M_PER_DEG_LON, squareWard } from '../../helpers/local-metres.ts';

const WARDS: Ward[] = [squareWard('Phường', 'urban')];
const WARD_INDEX = indexWards(WARDS);

/** An omni 1800 MHz FSPL cell at handset height: RSRP = −15 dBm − FSPL(d). */
function fsplCell(id: string, eastM: number, northM: number, overrides: Partial<Cell> = {}): Cell {
  const [lon, lat] = at(eastM, northM);
  return {
    cellId: id, siteId: id, lon, lat, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 1.5,
    azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: -15, antennaGainDbi: 0, feederLossDb: 0,
    model: 'fspl', environment: 'urban', status: 'existing', channel: null, bandwidthMhz: null, ...overrides,
  };
}
const rsrpFspl = (distanceM: number): number => -15 - (20 * Math.log10(distanceM / 1000) + 20 * Math.log10(1800) + 32.4478);
const mw = (dbm: number): number => 10 ** (dbm / 10);
const NOISE_4G_DBM = -174 + 10 * Math.log10(15000) + 7;

function run(cells: Cell[], points: HouseholdPoints, settings: AnalysisSettings = DEFAULT_SETTINGS, editable = true) {
  const engine = new CoverageEngine({ place: new PlaceEnvironment(points, WARD_INDEX), cells, households: points, settings, editable });
  return { engine, result: engine.run() };
}

/**
 * Holds each household's server, SINR and overlap count to a brute force over every cell (distances by the WGS84
 * series), but where a cell is within 0.02 dB of the cut-off, the overlap window or the server; returns how many were
 * compared.
 */
function comparedWithBruteForce(cells: Cell[], points: HouseholdPoints, result: CoverageResult): number {
  const prepared = cells.map((cell, c) => prepareCell(cell, c, cell.environment ?? 'urban', { handsetHeightM: 1.5, los3gpp: false }));
  const cutoff = interferenceCutoffDbm('4G', DEFAULT_SETTINGS);
  let compared = 0;
  for (let h = 0; h < points.length; h++) {
    const rsrp = prepared.map((cell) => {
      const eastM = (points.lon[h] - cell.lon) * M_PER_DEG_LON;
      const northM = (points.lat[h] - cell.lat) * M_PER_DEG_LAT;
      return rsrpAtDbm(cell, Math.hypot(eastM, northM), (Math.atan2(eastM, northM) * 180) / Math.PI);
    });
    let server = 0;
    rsrp.forEach((value, c) => (value > rsrp[server] ? (server = c) : undefined));
    const s = rsrp[server];
    // the series and the engine's cheap-ruler differ by ~0.01 %: skip households where a cell sits on an edge
    const nearEdge = rsrp.some((value, c) => Math.abs(value - cutoff) < 0.02 || (c !== server && (Math.abs(value - (s - 6)) < 0.02 || s - value < 0.02)));
    if (nearEdge || s < cutoff + 0.02) continue;
    let interference = 0;
    let servers = 1;
    rsrp.forEach((value, c) => {
      if (c === server || value < cutoff || !isCoChannel(cells[c], cells[server])) return;
      interference += mw(value);
      if (value >= s - 6) servers++;
    });
    const sinr = 10 * Math.log10(mw(s) / (0.5 * interference + mw(NOISE_4G_DBM)));
    expect(result.bestCell[h]).toBe(server);
    expect(Math.abs(result.sinrDb[h] - sinr)).toBeLessThan(0.02);
    expect(result.serversWithin6Db[h]).toBe(servers);
    compared++;
  }
  return compared;
}

/** Throughputs equal to rounding, or both none (no server above the cut-off, or no service below the no-signal floor). */
function expectSameThroughput(mbps: number, expected: number): void {
  expect(Number.isNaN(mbps)).toBe(Number.isNaN(expected));
  if (!Number.isNaN(expected)) expect(Math.abs(mbps - expected)).toBeLessThan(1e-2);
}

describe('SINR: hand-worked cases', () => {
  it('two equal co-channel cells at equal distance: SINR from the load factor alone', () => {
    // 10 m from each: −15 − FSPL(10 m) = −72.55 dBm each; N = −125.24 dBm is 52.7 dB down, 5.4·10⁻⁶ of S:
    // SINR = S / (0.5·S + N) = 10·log10(1 / (0.5 + 5.4·10⁻⁶)) = 3.0103 dB; load 1 → 0 dB, load 0.25 → 6.0206 dB
    const cells = [fsplCell('A', -10, 0), fsplCell('B', 10, 0)];
    const points = householdsAt([[0, 0]]);
    expect(run(cells, points).result.sinrDb[0]).toBeCloseTo(3.0103, 3);
    expect(run(cells, points, { ...DEFAULT_SETTINGS, loadFactor: 1 }).result.sinrDb[0]).toBeCloseTo(0, 3);
    expect(run(cells, points, { ...DEFAULT_SETTINGS, loadFactor: 0.25 }).result.sinrDb[0]).toBeCloseTo(6.0206, 3);
    expect(run(cells, points).result.serversWithin6Db[0]).toBe(2);
  });

  it('one cell: SINR = S / N', () => {
    // 500 m: −106.532 dBm; S/N = −106.532 + 125.239 = 18.707 dB; 10 km: −132.553 → −7.314 dB
    const points = householdsAt([[0, 500], [10000, 0]]);
    const { result } = run([fsplCell('A', 0, 0)], points);
    expect(result.sinrDb[0]).toBeCloseTo(rsrpFspl(500) - NOISE_4G_DBM, 2);
    expect(result.sinrDb[0]).toBeCloseTo(18.707, 2);
    expect(result.sinrDb[1]).toBeCloseTo(-7.314, 2);
    expect(result.serversWithin6Db[0]).toBe(1);
    // throughput: 20 MHz (1800 MHz default) × 2 layers; 18.707 dB → 0.6·log2(1 + 74.26) = 3.7389 → 149.56 Mb/s
    expect(result.throughputMbps[0]).toBeCloseTo(149.56, 1);
    // −132.553 dBm is below the no-signal floor (the weak threshold, −120 dBm): class none, no service, no throughput;
    // with the floor lowered to −133 dBm it is served: −7.314 dB → 0.6·log2(1.1856) = 0.1474 → 5.90 Mb/s
    expect(result.throughputMbps[1]).toBeNaN();
    const lowFloor = { ...DEFAULT_SETTINGS, thresholdsDbm: { ...DEFAULT_SETTINGS.thresholdsDbm, weak: -133 } };
    expect(run([fsplCell('A', 0, 0)], points, lowFloor).result.throughputMbps[1]).toBeCloseTo(5.9, 1);
  });

  it('only co-channel cells interfere: other operators, bands and given channels do not', () => {
    const points = householdsAt([[0, 0]]);
    const server = fsplCell('A', -10, 0);
    const sOverN = rsrpFspl(10) - NOISE_4G_DBM;
    for (const other of [
      fsplCell('B', 10, 0, { operator: 'VNPT' }),
      fsplCell('B', 10, 0, { bandMhz: 1801 }),
      fsplCell('B', 10, 0, { technology: '5G' }),
    ]) {
      // a 1801 MHz cell is 0.005 dB weaker, still no interferer of the 1800 MHz server
      expect(run([server, other], points).result.sinrDb[0]).toBeCloseTo(sOverN, 2);
    }
    const onChannel = (a: number | null, b: number | null) => run([fsplCell('A', -10, 0, { channel: a }), fsplCell('B', 10, 0, { channel: b })], points).result.sinrDb[0];
    expect(onChannel(1300, 1301)).toBeCloseTo(sOverN, 2);
    expect(onChannel(1300, 1300)).toBeCloseTo(3.0103, 2);
    // a cell without a channel shares the band's channel with every cell of its operator
    expect(onChannel(1300, null)).toBeCloseTo(3.0103, 2);
    // operators match by folded keyword
    expect(isCoChannel(fsplCell('A', 0, 0), fsplCell('B', 0, 0, { operator: ' VIETTEL ' }))).toBe(true);
  });

  it('counts the co-channel cells within 6 dB of the server (pilot pollution from 4)', () => {
    // FSPL falls 20·log10(d): from 100 m, 141.25 m is 3 dB down, 197.2 m 5.9 dB, 201.9 m 6.1 dB, 300 m 9.5 dB
    const points = householdsAt([[0, 0]]);
    const cells = [
      fsplCell('S', 100, 0),
      fsplCell('A', 0, 141.25),
      fsplCell('B', -197.2, 0),
      fsplCell('C', 0, -201.9),
      fsplCell('D', 300, 0),
      fsplCell('E', 0, 110, { operator: 'VNPT' }),
    ];
    const { result } = run(cells, points);
    expect(result.bestCell[0]).toBe(0);
    expect(result.serversWithin6Db[0]).toBe(3);
    // I = 0.5 × (S − 3 dB + S − 5.9 dB + S − 6.1 dB + S − 9.5 dB) in mW, plus N
    const s = rsrpFspl(100);
    const interference = [141.25, 197.2, 201.9, 300].reduce((sum, d) => sum + mw(rsrpFspl(d)), 0);
    expect(result.sinrDb[0]).toBeCloseTo(10 * Math.log10(mw(s) / (0.5 * interference + mw(NOISE_4G_DBM))), 3);
    const polluted = run([...cells, fsplCell('F', 0, -150)], points).result;
    expect(polluted.serversWithin6Db[0]).toBe(4);
  });

  it('uses the bandwidth column, else the default of technology and band, and the configured layers', () => {
    const points = householdsAt([[0, 500]]);
    const sinr = rsrpFspl(500) - NOISE_4G_DBM;
    expect(run([fsplCell('A', 0, 0, { bandwidthMhz: 5 })], points).result.throughputMbps[0]).toBeCloseTo(throughputMbps(sinr, 5, 2), 1);
    const layered = { ...DEFAULT_SETTINGS, mimoLayers: { '4G': 4, '5G': 4 } };
    expect(run([fsplCell('A', 0, 0)], points, layered).result.throughputMbps[0]).toBeCloseTo(throughputMbps(sinr, 20, 4), 1);
    // 5G at 3.5 GHz: 100 MHz, 4 layers, noise per 30 kHz subcarrier
    const nr = { ...DEFAULT_SETTINGS, technology: '5G' as const };
    const nrCell = fsplCell('N', 0, 0, { technology: '5G', bandMhz: 3500 });
    const nrRsrp = -15 - (20 * Math.log10(0.5) + 20 * Math.log10(3500) + 32.4478);
    const nrResult = run([nrCell], points, nr).result;
    expect(nrResult.sinrDb[0]).toBeCloseTo(nrRsrp - noisePerResourceElementDbm('5G', nr), 2);
    expect(nrResult.throughputMbps[0]).toBeCloseTo(throughputMbps(nrResult.sinrDb[0], 100, 4), 3);
  });

  it('keeps SINR for class none down to the cut-off, none below it; no throughput below the no-signal floor', () => {
    // 12 km: −134.136 dBm, above the −135.239 dBm cut-off: SINR −8.897 dB; 13 km: −134.831; 14 km: −135.475, below
    const points = householdsAt([[12000, 0], [0, 14000]]);
    const { result } = run([fsplCell('A', 0, 0)], points);
    expect(result.signalClass[0]).toBe(3);
    expect(result.sinrDb[0]).toBeCloseTo(-8.897, 2);
    // class none (below −120 dBm) has no service: no throughput, not the −8.897 dB curve's 0.6·log2(1.129) × 40 = 4.2 Mb/s
    expect(result.throughputMbps[0]).toBeNaN();
    expect(result.bestCell[1]).toBe(-1);
    expect(Number.isNaN(result.sinrDb[1])).toBe(true);
    expect(Number.isNaN(result.throughputMbps[1])).toBe(true);
    expect(result.serversWithin6Db[1]).toBe(0);
  });

  it('leaves out interferers below the cut-off, within the bound that costs', () => {
    // server 100 m away; an interferer 13.5 km away gives −135.15 dBm (counted), one at 15 km −136.08 (left out).
    // Left out, it would add 0.5 × I to the noise: SINR changes by 10·log10(1 + 0.5·I/N) ≤ 10·log10(1.05) = 0.21 dB
    const points = householdsAt([[0, 0]]);
    const server = fsplCell('S', 100, 0);
    const sOverN = rsrpFspl(100) - NOISE_4G_DBM;
    const counted = run([server, fsplCell('I', -13500, 0)], points).result.sinrDb[0];
    const left = run([server, fsplCell('I', -15000, 0)], points).result.sinrDb[0];
    expect(counted).toBeCloseTo(10 * Math.log10(mw(rsrpFspl(100)) / (0.5 * mw(rsrpFspl(13500)) + mw(NOISE_4G_DBM))), 3);
    expect(left).toBeCloseTo(sOverN, 3);
    const withoutCutoff = 10 * Math.log10(mw(rsrpFspl(100)) / (0.5 * mw(rsrpFspl(15000)) + mw(NOISE_4G_DBM)));
    expect(left - withoutCutoff).toBeGreaterThan(0);
    expect(left - withoutCutoff).toBeLessThanOrEqual(10 * Math.log10(1.05));
  });
});

describe('SINR: the engine equals a brute force over every cell', () => {
  it('in a mixed city (all models, sectors, tilts, two operators, three bands)', () => {
    const { cells, points } = randomCity(31, 1500, 80);
    expect(comparedWithBruteForce(cells, points, run(cells, points).result)).toBeGreaterThan(1200);
  });

  it('in the later computations of the thread (the sums take over the last one’s WebAssembly memory and tables)', () => {
    const big = randomCity(31, 1500, 80);
    const first = run(big.cells, big.points).result;
    // a smaller city (its batch ends before the tables kept), then a larger one (it does not: the tables start over)
    const small = randomCity(9, 300, 30);
    expect(comparedWithBruteForce(small.cells, small.points, run(small.cells, small.points).result)).toBeGreaterThan(200);
    const large = randomCity(12, 4000, 80);
    expect(comparedWithBruteForce(large.cells, large.points, run(large.cells, large.points).result)).toBeGreaterThan(3000);
    const again = run(big.cells, big.points).result;
    for (const key of ['bestCell', 'rsrpDbm', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const) expect(Array.from(again[key])).toEqual(Array.from(first[key]));
  });

  it('after a warm-up of the thread (warm-up.ts): its first computation copies no table, and equals a cold one bit for bit', () => {
    forgetRetiredBatch();
    const city = randomCity(33, 1500, 80);
    runSteps(warmUpSteps(city.cells, city.points, DEFAULT_SETTINGS, new PlaceEnvironment(city.points, WARD_INDEX)));
    const warmedUp = tableBytesPlaced();
    const warm = run(city.cells, city.points).result;
    expect(tableBytesPlaced()).toBe(warmedUp);
    expect(comparedWithBruteForce(city.cells, city.points, warm)).toBeGreaterThan(1200);
    forgetRetiredBatch();
    const cold = run(city.cells, city.points).result;
    expect(tableBytesPlaced()).toBeGreaterThan(warmedUp);
    for (const key of ['bestCell', 'rsrpDbm', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const) expect(Array.from(warm[key])).toEqual(Array.from(cold[key]));
  });

  it('after a warm-up for fewer households than a batch holds: the tables start over, the same results', () => {
    // 100,000 households over 18 km: a stripe of the sums (4 rows of its 36) holds ~11,000, more than the room
    // kept ahead of the tables for 100 (~270 kB)
    const large = randomCity(34, 100_000, 30);
    const small = { ...large.points, length: 100 };
    forgetRetiredBatch();
    runSteps(warmUpSteps(large.cells, small, DEFAULT_SETTINGS, new PlaceEnvironment(large.points, WARD_INDEX)));
    const warmedUp = tableBytesPlaced();
    const warm = run(large.cells, large.points).result;
    expect(tableBytesPlaced()).toBeGreaterThan(warmedUp);
    forgetRetiredBatch();
    const cold = run(large.cells, large.points).result;
    for (const key of ['bestCell', 'rsrpDbm', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const) expect(Array.from(warm[key])).toEqual(Array.from(cold[key]));
  });

  it('answers a point query (exact budget) like the full run (tabulated)', () => {
    const { cells, points } = randomCity(8, 300, 40);
    const { engine, result } = run(cells, points);
    for (let h = 0; h < points.length; h++) {
      const point = engine.qualityAt(points.lon[h], points.lat[h]);
      expect(point.cellIndex).toBe(result.bestCell[h]);
      if (point.sinrDb === null) {
        expect(Number.isNaN(result.sinrDb[h])).toBe(true);
        continue;
      }
      expect(Math.abs(point.sinrDb - result.sinrDb[h])).toBeLessThan(0.01);
      expect(point.serversWithin6Db).toBe(result.serversWithin6Db[h]);
      // none below the no-signal floor in both; elsewhere within what 0.01 dB of SINR moves: at most
      // 0.6 × 20 MHz × 2 layers × log2(10)/10 ≈ 8 Mb/s per dB
      expect(point.throughputMbps === null).toBe(Number.isNaN(result.throughputMbps[h]));
      if (point.throughputMbps !== null) expect(Math.abs(point.throughputMbps - result.throughputMbps[h])).toBeLessThan(0.1);
    }
    expect(Array.from(result.signalClass).filter((signalClass) => signalClass === 3).length).toBeGreaterThan(0);
  });
});

describe('SINR: incremental edits equal a full rerun', () => {
  // editable false: the edits' index of households by tile and group is built by the first edit after each full run
  it.each([true, false])('after moves, edits, additions and removals, and a full run between them (editable: %s)', (editable) => {
    const { cells, points } = randomCity(12, 2500, 40);
    const { engine } = run(cells, points, DEFAULT_SETTINGS, editable);
    const random = mulberry32(77);
    const current = cells.slice();
    for (let step = 0; step < 50; step++) {
      if (step === 25) engine.run();
      const kind = random();
      if (kind < 0.6) {
        const c = Math.floor(random() * current.length);
        const [lon, lat] = at((random() * 2 - 1) * 6000, (random() * 2 - 1) * 6000);
        current[c] = { ...current[c], lon, lat, azimuthDeg: Math.floor(random() * 360), rsPowerDbm: 5 + random() * 15 };
        engine.updateCell(c, current[c]);
      } else if (kind < 0.8) {
        const cell = randomCell(random, `N${step}`);
        current.push(cell);
        engine.addCell(cell);
      } else {
        const c = Math.floor(random() * current.length);
        current[c] = { ...current[c], technology: '2G' };
        engine.removeCell(c);
      }
    }
    const updated = engine.result!;
    const rerun = run(current, points).result;
    expect(Array.from(updated.bestCell)).toEqual(Array.from(rerun.bestCell));
    expect(Array.from(updated.serversWithin6Db)).toEqual(Array.from(rerun.serversWithin6Db));
    for (let h = 0; h < points.length; h++) {
      if (Number.isNaN(rerun.sinrDb[h])) {
        expect(Number.isNaN(updated.sinrDb[h])).toBe(true);
        continue;
      }
      // the sums are kept by additions and subtractions: equal to rounding
      expect(Math.abs(updated.sinrDb[h] - rerun.sinrDb[h])).toBeLessThan(1e-3);
      expectSameThroughput(updated.throughputMbps[h], rerun.throughputMbps[h]);
    }
  });
});

describe('SINR: several cells edited at once equal a full rerun', () => {
  it('sites of three sectors moved together, edits of six cells (in two parts) and a cell edited twice in one call', () => {
    const { cells, points } = randomCity(31, 2500, 40);
    const { engine } = run(cells, points);
    const random = mulberry32(5);
    const current = cells.slice();
    const moved = (c: number): Cell => {
      const [lon, lat] = at((random() * 2 - 1) * 6000, (random() * 2 - 1) * 6000);
      return { ...current[c], lon, lat, azimuthDeg: Math.floor(random() * 360), tiltDeg: random() < 0.5 ? null : 4 };
    };
    for (let step = 0; step < 30; step++) {
      // three distinct cells as a site's sectors (mixed operators and bands: several co-channel groups), or six
      const count = step % 3 === 2 ? 6 : 3;
      const indices = new Set<number>();
      while (indices.size < count) indices.add(Math.floor(random() * current.length));
      const changes = [...indices].map((cellIndex) => ({ cellIndex, cell: moved(cellIndex) }));
      // a cell edited twice: the later state holds
      if (step % 5 === 4) changes.push({ cellIndex: changes[0].cellIndex, cell: { ...moved(changes[0].cellIndex), technology: step % 10 === 4 ? '2G' : '4G' } });
      const changed = engine.updateCells(changes);
      expect(new Set(changed).size).toBe(changed.length);
      for (const { cellIndex, cell } of changes) current[cellIndex] = cell;
    }
    const updated = engine.result!;
    const rerun = run(current, points).result;
    expect(Array.from(updated.bestCell)).toEqual(Array.from(rerun.bestCell));
    expect(Array.from(updated.signalClass)).toEqual(Array.from(rerun.signalClass));
    expect(Array.from(updated.serversWithin6Db)).toEqual(Array.from(rerun.serversWithin6Db));
    for (let h = 0; h < points.length; h++) {
      expect(Number.isNaN(updated.sinrDb[h])).toBe(Number.isNaN(rerun.sinrDb[h]));
      if (Number.isNaN(rerun.sinrDb[h])) continue;
      expect(Math.abs(updated.sinrDb[h] - rerun.sinrDb[h])).toBeLessThan(1e-3);
      expectSameThroughput(updated.throughputMbps[h], rerun.throughputMbps[h]);
    }
  });

  it('reports exactly the households whose server, RSRP, class or quality changed', () => {
    const { cells, points } = randomCity(32, 1500, 30);
    const { engine, result } = run(cells, points);
    const before = {
      bestCell: result.bestCell.slice(), rsrpDbm: result.rsrpDbm.slice(), sinrDb: result.sinrDb.slice(),
      throughputMbps: result.throughputMbps.slice(), serversWithin6Db: result.serversWithin6Db.slice(),
    };
    const changes = [0, 1, 2].map((cellIndex) => ({ cellIndex, cell: { ...cells[cellIndex], lon: cells[cellIndex].lon + 0.01, rsPowerDbm: 18 } }));
    const changed = new Set(engine.updateCells(changes));
    const after = engine.result!;
    for (let h = 0; h < points.length; h++) {
      const differs =
        before.bestCell[h] !== after.bestCell[h] || !Object.is(before.rsrpDbm[h], after.rsrpDbm[h]) ||
        !Object.is(before.sinrDb[h], after.sinrDb[h]) || !Object.is(before.throughputMbps[h], after.throughputMbps[h]) ||
        before.serversWithin6Db[h] !== after.serversWithin6Db[h];
      expect(changed.has(h)).toBe(differs);
    }
    expect(changed.size).toBeGreaterThan(0);
  });
});

describe('SINR: a site move in a dense block equals a full rerun', () => {
  it('thousands of households of one block change server together, or gain and lose the moved cells (more than a batch)', () => {
    // 6,000 households in a 700 m square (at most four 800 m blocks of tiles: one holds more than 1,024, the edit's
    // batch), most served by site A, then A moved 2.5 km away: they change server, most to B or C (co-channel)
    const random = mulberry32(11);
    const points = householdsAt(Array.from({ length: 6000 }, () => [(random() * 2 - 1) * 350, (random() * 2 - 1) * 350]));
    const sector = (id: string, eastM: number, northM: number, azimuthDeg: number, operator: Cell['operator'] = 'Viettel'): Cell =>
      fsplCell(id, eastM, northM, { siteId: id.slice(0, 1), azimuthDeg, heightM: 30, tiltDeg: 3, operator });
    const cells = [
      ...[0, 120, 240].map((azimuth, k) => sector(`A${k}`, 0, 0, azimuth)),
      ...[0, 120, 240].map((azimuth, k) => sector(`B${k}`, 1800, 300, azimuth)),
      ...[0, 120, 240].map((azimuth, k) => sector(`C${k}`, -1500, -1200, azimuth)),
      ...[0, 120, 240].map((azimuth, k) => sector(`D${k}`, 200, 900, azimuth, 'VNPT')),
    ];
    const { engine, result } = run(cells, points);
    expect(Array.from(result.bestCell).filter((c) => c <= 2).length).toBeGreaterThan(5000);
    const current = cells.slice();
    const moveA = (eastM: number, northM: number): void => {
      const [lon, lat] = at(eastM, northM);
      const changes = [0, 1, 2].map((cellIndex) => ({ cellIndex, cell: { ...cells[cellIndex], lon, lat } }));
      for (const { cellIndex, cell } of changes) current[cellIndex] = cell;
      engine.updateCells(changes);
    };
    moveA(0, -2500);
    const updated = engine.result!;
    expect(Array.from(updated.bestCell).filter((c) => c >= 3 && c <= 8).length).toBeGreaterThan(2000);
    // then A nearer again, still beyond B and C for most: their households (thousands in reach, co-channel with A)
    // lose A's old contribution and gain its new one
    moveA(-300, -2200);
    expect(Array.from(updated.bestCell).filter((c) => c >= 3 && c <= 8).length).toBeGreaterThan(2000);
    const rerun = run(current, points).result;
    expect(Array.from(updated.bestCell)).toEqual(Array.from(rerun.bestCell));
    expect(Array.from(updated.serversWithin6Db)).toEqual(Array.from(rerun.serversWithin6Db));
    for (let h = 0; h < points.length; h++) {
      expect(Number.isNaN(updated.sinrDb[h])).toBe(Number.isNaN(rerun.sinrDb[h]));
      if (Number.isNaN(rerun.sinrDb[h])) continue;
      expect(Math.abs(updated.sinrDb[h] - rerun.sinrDb[h])).toBeLessThan(1e-3);
    }
  });
});

/** |tabulated − exact| RSRP (dB) of a cell at `distanceM` on bearing `bearingRad` (clockwise from north). */
function tabulationErrorDb(prepared: PreparedCell, link: TabulatedCell, distanceM: number, bearingRad: number): number {
  const exact = rsrpAtDbm(prepared, distanceM, (bearingRad * 180) / Math.PI);
  const tabulated = 10 * Math.log10(link.rsrpMw(distanceM * Math.sin(bearingRad), distanceM * Math.cos(bearingRad), distanceM * distanceM, 0));
  return Math.abs(tabulated - exact);
}

describe('the tabulated link budget', () => {
  it('is within 0.005 dB of the exact one for every model, with and without sector and tilt', () => {
    // the largest errors sit on the models' kinks: the Hata family's switch to free space near the mast
    // (≈ 0.003 dB), the horizontal pattern's 25 dB cap at 93.8° and the vertical one's (≈ 0.001 dB)
    const random = mulberry32(4);
    const models = ['fspl', 'okumura-hata', 'cost231-hata', '3gpp-uma', '3gpp-umi', '3gpp-rma'] as const;
    let worst = 0;
    for (const model of models) {
      for (const tiltDeg of [null, 5]) {
        for (const azimuthDeg of [null, 40]) {
          const cell = fsplCell('T', 0, 0, { model, bandMhz: model === 'okumura-hata' ? 900 : 2600, heightM: 30, tiltDeg, azimuthDeg, rsPowerDbm: 15 });
          const prepared = prepareCell(cell, 0, 'urban', { handsetHeightM: 1.5, los3gpp: false });
          const reach = reachM(prepared, -140);
          const link = tabulateCell(prepared, reach, M_PER_DEG_LON, M_PER_DEG_LAT);
          for (let n = 0; n < 5000; n++) {
            const distanceM = Math.min(reach, 1 + reach * random() ** 3);
            worst = Math.max(worst, tabulationErrorDb(prepared, link, distanceM, random() * 2 * Math.PI));
          }
        }
      }
    }
    expect(worst).toBeLessThan(0.005);
  });

  it('stays within 0.005 dB when its tables share path losses and elevations with those built before', () => {
    // built in this order: a short table, then longer ones of the same curve (other EIRP and tilt), of the same
    // mast height on another curve, and of another height: each reuses, extends or replaces what the last built
    const random = mulberry32(5);
    const sequence: Array<{ cell: Partial<Cell>; floorDbm: number }> = [
      { cell: { model: 'cost231-hata', heightM: 30, tiltDeg: 5, rsPowerDbm: 15 }, floorDbm: -100 },
      { cell: { model: 'cost231-hata', heightM: 30, tiltDeg: 8, rsPowerDbm: 18 }, floorDbm: -140 },
      { cell: { model: '3gpp-uma', heightM: 30, tiltDeg: 2, rsPowerDbm: 12 }, floorDbm: -140 },
      { cell: { model: 'cost231-hata', heightM: 45, tiltDeg: 8, rsPowerDbm: 18 }, floorDbm: -140 },
      { cell: { model: 'cost231-hata', heightM: 30, tiltDeg: null, rsPowerDbm: 9 }, floorDbm: -120 },
    ];
    let worst = 0;
    for (const { cell, floorDbm } of sequence) {
      const prepared = prepareCell(fsplCell('S', 0, 0, { ...cell, bandMhz: 1800, azimuthDeg: 120 }), 0, 'urban', { handsetHeightM: 1.5, los3gpp: false });
      const reach = reachM(prepared, floorDbm);
      const link = tabulateCell(prepared, reach, M_PER_DEG_LON, M_PER_DEG_LAT);
      for (let n = 0; n < 3000; n++) {
        const distanceM = Math.min(reach, 1 + reach * random());
        worst = Math.max(worst, tabulationErrorDb(prepared, link, distanceM, random() * 2 * Math.PI));
      }
    }
    expect(worst).toBeLessThan(0.005);
  });
});

describe('a signal-only 4G/5G engine (the targets’ networks)', () => {
  it('gives the classes of the full analysis, its servers and RSRP down to the weak threshold, and no SINR, also after edits', () => {
    const { cells, points } = randomCity(8, 2500, 40);
    const place = new PlaceEnvironment(points, WARD_INDEX);
    for (const technology of ['4G', '5G'] as const) {
      const settings = { ...DEFAULT_SETTINGS, technology };
      const ofTechnology = cells.map((cell) => ({ ...cell, technology }));
      // a partner is asked for by an engine with sums to share only
      const started = { full: 0, signal: 0 };
      const full = new CoverageEngine({ place, cells: ofTechnology, households: points, settings, sumsPartner: () => (started.full++, null) });
      const signal = new CoverageEngine({ place, cells: ofTechnology, households: points, settings, signalOnly: true, sumsPartner: () => (started.signal++, null) });
      const expectSameSignal = (): void => {
        const [a, b] = [full.result!, signal.result!];
        expect(Array.from(b.signalClass)).toEqual(Array.from(a.signalClass));
        // below the weak threshold (and above the cut-off) the full analysis has a server, the signal-only one none
        const weak = (h: number): boolean => !(a.rsrpDbm[h] >= settings.thresholdsDbm.weak);
        expect(Array.from(b.bestCell)).toEqual(Array.from(a.bestCell, (cell, h) => (weak(h) ? -1 : cell)));
        expect(Array.from(b.rsrpDbm)).toEqual(Array.from(a.rsrpDbm, (dbm, h) => (weak(h) ? -Infinity : dbm)));
        expect(a.bestCell.some((cell, h) => cell >= 0 && weak(h))).toBe(true);
        // the full analysis has SINR where a server is above the cut-off; the signal-only one nowhere
        expect(a.sinrDb.some((sinr) => !Number.isNaN(sinr))).toBe(true);
        expect(b.sinrDb.every((sinr) => Number.isNaN(sinr)) && b.throughputMbps.every((mbps) => Number.isNaN(mbps))).toBe(true);
        expect(b.serversWithin6Db.every((count) => count === 0)).toBe(true);
      };
      full.run();
      signal.run();
      expect(started).toEqual({ full: 1, signal: 0 });
      expectSameSignal();
      const random = mulberry32(11);
      for (let step = 0; step < 10; step++) {
        const c = Math.floor(random() * ofTechnology.length);
        const [lon, lat] = at((random() * 2 - 1) * 5000, (random() * 2 - 1) * 5000);
        const moved = { ...ofTechnology[c], lon, lat, azimuthDeg: Math.floor(random() * 360) };
        full.updateCell(c, moved);
        signal.updateCell(c, moved);
      }
      expectSameSignal();
    }
  });
});
