/**
 * The sums' pair loop in WebAssembly (household-batch.ts, src/core/wasm/sums-loop.ts) against the JavaScript tabulated
 * budget it ports (`TabulatedCell.rsrpMw`, itself held to the exact budget in downlink-quality.test.ts): the same
 * doubles, bit for bit; the decisions it leaves to JavaScript; hand-worked cases (channels, the server's own
 * power, a cos φ rounded below −1); and its memory growing and starting its tables over.
 */
import { describe, expect, it } from 'vitest';
import { HouseholdBatch } from '../../../src/core/coverage/household-batch.ts';
import { DECISION_BAND, PATTERN_FLOOR_GAIN, TabulatedCell, tabulateCell } from '../../../src/core/coverage/link-tables.ts';
import { prepareCell, reachM, type PreparedCell } from '../../../src/core/link-budget.ts';
import type { Cell } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';
import { at, M_PER_DEG_LAT, M_PER_DEG_LON } from '../../helpers/local-metres.ts';

const WINDOW = 10 ** (-6 / 10);

function sectorCell(overrides: Partial<Cell> = {}): Cell {
  const [lon, lat] = at(0, 0);
  return {
    cellId: 'T', siteId: 'T', lon, lat, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30,
    azimuthDeg: 40, beamwidthDeg: 65, tiltDeg: 5, rsPowerDbm: 15, antennaGainDbi: 0, feederLossDb: 0,
    model: 'cost231-hata', environment: 'urban', status: 'existing', channel: null, bandwidthMhz: null, ...overrides,
  };
}

/** A cell whose tables hold `mw` at every step: an omni cell with that RSRP everywhere within `reachM2`. */
function flatCell(mw: number, steps: number, reachM2: number): TabulatedCell {
  const table = new Float64Array(steps).fill(mw);
  const [lon, lat] = at(0, 0);
  return new TabulatedCell({ lon, lat } as PreparedCell, M_PER_DEG_LON, M_PER_DEG_LAT, 0, 0, null, table, table, reachM2);
}

/** Sums `link` as cell 0 into a batch of households at `positions` (m from the cell), all served by cell 1 at `serverMw`. */
function sumOver(link: TabulatedCell, positions: Array<[number, number]>, serverMw: number, cutoffMw: number) {
  const batch = new HouseholdBatch(positions.length, cutoffMw, WINDOW);
  positions.forEach(([east, north], i) => batch.set(i, i, ...at(east, north), serverMw, 1, -1));
  batch.useCell(0, link, -1);
  const undecided = batch.accumulateDecided(0, positions.length, 1);
  const stops = Array.from({ length: undecided }, (_, k) => batch.undecided(k));
  return { batch, stops };
}

describe('the sums’ pair loop in WebAssembly', () => {
  it('adds the JavaScript tabulated RSRP bit for bit, counts the overlap, and lists the households the band leaves undecided', () => {
    const random = mulberry32(7);
    for (const overrides of [{}, { azimuthDeg: null }, { tiltDeg: null }, { model: '3gpp-uma' as const }]) {
      const prepared = prepareCell(sectorCell(overrides), 0, 'urban', { handsetHeightM: 1.5, los3gpp: false });
      const cutoffMw = 10 ** (-110 / 10);
      const reach = reachM(prepared, -110);
      const link = tabulateCell(prepared, reach, M_PER_DEG_LON, M_PER_DEG_LAT);
      const positions: Array<[number, number]> = [];
      for (let n = 0; n < 4000; n++) {
        const distanceM = 1 + 1.2 * reach * random() ** 2;
        const bearing = random() * 2 * Math.PI;
        positions.push([distanceM * Math.sin(bearing), distanceM * Math.cos(bearing)]);
      }
      const serverMw = 10 ** (-85 / 10);
      const { batch, stops } = sumOver(link, positions, serverMw, cutoffMw);
      let summed = 0;
      positions.forEach(([east, north], i) => {
        const [lon, lat] = at(east, north);
        const dx = (lon - prepared.lon) * M_PER_DEG_LON;
        const dy = (lat - prepared.lat) * M_PER_DEG_LAT;
        const d2 = dx * dx + dy * dy;
        const mw = d2 > link.reachSquaredM2 ? 0 : link.rsrpMw(dx, dy, d2, cutoffMw);
        const edgeMw = serverMw * WINDOW;
        const undecided = mw >= cutoffMw * (1 - DECISION_BAND) && (mw < cutoffMw * (1 + DECISION_BAND) || Math.abs(mw / edgeMw - 1) <= DECISION_BAND);
        expect(stops.includes(i)).toBe(undecided);
        expect(stops).toEqual([...stops].sort((a, b) => a - b));
        if (undecided || mw < cutoffMw * (1 - DECISION_BAND)) {
          expect([batch.sum(i), batch.count(i)]).toEqual([0, 0]);
        } else {
          expect(batch.sum(i)).toBe(mw);
          expect(batch.count(i)).toBe(mw >= edgeMw ? 1 : 0);
          summed++;
        }
      });
      // most households summed, some below the cut-off and beyond the reach
      expect(summed).toBeGreaterThan(1000);
      expect(summed).toBeLessThan(positions.length);
    }
  });

  it('skips households on another given channel, gives a household served by the cell its own power, subtracts with sign −1', () => {
    const link = flatCell(1e-9, 8000, 1e8);
    const batch = new HouseholdBatch(4, 1e-12, WINDOW);
    batch.set(0, 0, ...at(100, 0), 5e-9, 1, 7); // channel 7: the cell's
    batch.set(1, 1, ...at(100, 0), 5e-9, 1, 8); // channel 8: not co-channel
    batch.set(2, 2, ...at(100, 0), 5e-9, 1, -1); // no channel: co-channel with every channel
    batch.set(3, 3, ...at(100, 0), 3e-8, 0, 7); // served by the cell itself
    batch.useCell(0, link, 7);
    expect(batch.accumulateDecided(0, 4, 1)).toBe(0);
    expect([0, 1, 2, 3].map((i) => [batch.sum(i), batch.count(i)])).toEqual([[1e-9, 0], [0, 0], [1e-9, 0], [3e-8, 1]]);
    expect(batch.accumulateDecided(0, 4, -1)).toBe(0);
    expect([0, 1, 2, 3].map((i) => [batch.sum(i), batch.count(i)])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0]]);
  });

  it('gives the pattern’s floor where cos φ is rounded below −1 (JavaScript read `undefined` there)', () => {
    // boresight north, |cos| one ulp above 1: straight behind the cell cos φ = −1 − 2⁻⁵², the table's step −1
    const [lon, lat] = at(0, 0);
    const gains = new Float64Array(16386).fill(1);
    const table = new Float64Array(8000).fill(1e-9);
    const link = new TabulatedCell({ lon, lat } as PreparedCell, M_PER_DEG_LON, M_PER_DEG_LAT, 0, 1 + 2 ** -52, gains, table, table, 1e8);
    const { batch } = sumOver(link, [[0, -(2 ** 10)]], 1, 1e-15);
    expect(batch.sum(0)).toBe(1e-9 * PATTERN_FLOOR_GAIN);
    expect(link.rsrpMw(0, -(2 ** 10), 2 ** 20, 1e-15)).toBe(1e-9 * PATTERN_FLOOR_GAIN);
  });

  it('keeps its sums while its memory grows and its tables start over (past 64 MB of them)', () => {
    const batch = new HouseholdBatch(1, 1e-15, WINDOW);
    batch.set(0, 0, ...at(100, 0), 1, 1, -1);
    let expected = 0;
    // ten cells of 8 MB tables each (1,048,576 steps): the tenth no longer fits with the others
    for (let k = 1; k <= 10; k++) {
      batch.useCell(2 + k, flatCell(k * 1e-9, 1 << 20, 1e8), -1);
      expect(batch.accumulateDecided(0, 1, 1)).toBe(0);
      expected += k * 1e-9;
      expect(batch.sum(0)).toBe(expected);
    }
  });

  it('bounds a disc as TabulatedCell.boundOverDiscMw does, bit for bit', () => {
    const random = mulberry32(11);
    for (const overrides of [{}, { azimuthDeg: null }, { tiltDeg: null }, { model: '3gpp-uma' as const, azimuthDeg: 250 }]) {
      const prepared = prepareCell(sectorCell(overrides), 0, 'urban', { handsetHeightM: 1.5, los3gpp: false });
      const reach = reachM(prepared, -110);
      const link = tabulateCell(prepared, reach, M_PER_DEG_LON, M_PER_DEG_LAT);
      const batch = new HouseholdBatch(1, 10 ** (-110 / 10), WINDOW);
      batch.useCell(0, link, -1);
      let inside = 0;
      let beyond = 0;
      let shortcuts = 0;
      for (let n = 0; n < 20000; n++) {
        // discs on the mast, overlapping it, in reach at every angle, and past the reach
        const distanceM = 1.3 * reach * random() ** 2;
        const bearing = random() * 2 * Math.PI;
        const radiusM = [0, 50, 354, 2000][n % 4] * random();
        const dx = distanceM * Math.sin(bearing);
        const dy = distanceM * Math.cos(bearing);
        const expected = link.boundOverDiscMw(dx, dy, radiusM);
        expect(batch.boundOverDiscMw(dx, dy, radiusM)).toBe(expected);
        // a caller comparing the bound with a level (coverage-engine.ts settleTile) decides as with the full bound,
        // and gets the full bound wherever it reaches the level
        const levelMw = expected * 4 ** (2 * random() - 1);
        const compared = link.boundOverDiscMw(dx, dy, radiusM, levelMw);
        expect(compared < levelMw).toBe(expected < levelMw);
        if (compared >= levelMw) expect(compared).toBe(expected);
        if (compared !== expected) shortcuts++;
        if (expected === link.boresightMw[0]) inside++;
        if (expected === 0) beyond++;
      }
      expect(inside).toBeGreaterThan(0);
      expect(beyond).toBeGreaterThan(0);
      // the pattern's part is skipped below the level (an omni cell has none)
      if (overrides.azimuthDeg !== null) expect(shortcuts).toBeGreaterThan(0);
    }
  });

  it('sums a cell over the blocks of its group in range as block-by-block sums do, skipping those its bound rules out', () => {
    // a 6 × 6 grid of 250 m blocks around a sector facing north-east (reach ~1 km), two groups, households in every block
    const prepared = prepareCell(sectorCell(), 0, 'urban', { handsetHeightM: 1.5, los3gpp: false });
    const cutoffMw = 10 ** (-125 / 10);
    const link = tabulateCell(prepared, reachM(prepared, -125), M_PER_DEG_LON, M_PER_DEG_LAT);
    const sideM = 250;
    const [rows, columns, groups] = [6, 6, 2];
    const [minX, minY] = [prepared.lon * M_PER_DEG_LON - 3 * sideM, prepared.lat * M_PER_DEG_LAT - 3 * sideM];
    const random = mulberry32(5);
    // households in the order of the computation: by block (row by row), then group; a key's positions [from, to)
    const households: Array<{ lon: number; lat: number; server: number }> = [];
    const keyFrom: number[] = [];
    for (let block = 0; block < rows * columns; block++) {
      for (let group = 0; group < groups; group++) {
        keyFrom.push(households.length);
        // group 1 has no household in the last column: a row's entries then end before it
        const count = group === 1 && block % columns === columns - 1 ? 0 : 3;
        for (let k = 0; k < count; k++) {
          const x = minX + ((block % columns) + random()) * sideM;
          const y = minY + (Math.floor(block / columns) + random()) * sideM;
          households.push({ lon: x / M_PER_DEG_LON, lat: y / M_PER_DEG_LAT, server: 1 + group });
        }
      }
    }
    keyFrom.push(households.length);
    const entryStart = new Uint32Array(groups * rows + 1);
    const entries: Array<{ column: number; from: number; to: number; group: number; row: number }> = [];
    for (let group = 0; group < groups; group++) {
      for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
          const key = (row * columns + column) * groups + group;
          if (keyFrom[key] < keyFrom[key + 1]) entries.push({ column, from: keyFrom[key], to: keyFrom[key + 1], group, row });
        }
        entryStart[group * rows + row + 1] = entries.length;
      }
    }
    const blocks = {
      minX, minY, sideM, planeKx: M_PER_DEG_LON, planeKy: M_PER_DEG_LAT, rows, entryStart,
      entryColumn: Int32Array.from(entries, (e) => e.column),
      entryFrom: Uint32Array.from(entries, (e) => e.from),
      entryTo: Uint32Array.from(entries, (e) => e.to),
    };
    // the batch holds the households from position 10 of the order on (a stripe starting there)
    const batchFrom = 10;
    const fill = (batch: HouseholdBatch) => {
      for (let p = batchFrom; p < households.length; p++) batch.set(p - batchFrom, p, households[p].lon, households[p].lat, 1e-7, households[p].server, -1);
      batch.useCell(0, link, -1);
    };
    const [fromRow, toRow, firstColumn, lastColumn] = [1, 6, 1, 4];
    const radiusM = sideM * Math.SQRT1_2;
    const floorMw = cutoffMw * (1 - DECISION_BAND);
    const scanned = new HouseholdBatch(households.length - batchFrom, cutoffMw, WINDOW, blocks);
    fill(scanned);
    const undecided = scanned.sumOverBlocks(0, fromRow, toRow, firstColumn, lastColumn, radiusM, floorMw, batchFrom);
    // the reference: the same blocks one by one, the bound taken in JavaScript
    const reference = new HouseholdBatch(households.length - batchFrom, cutoffMw, WINDOW);
    fill(reference);
    const referenceUndecided: number[] = [];
    let kept = 0;
    let skipped = 0;
    for (const { column, from, to, group, row } of entries) {
      if (group !== 0 || row < fromRow || row >= toRow || column < firstColumn || column > lastColumn) continue;
      const dx = ((minX + (column + 0.5) * sideM) / M_PER_DEG_LON - prepared.lon) * link.kx;
      const dy = ((minY + (row + 0.5) * sideM) / M_PER_DEG_LAT - prepared.lat) * link.ky;
      if (link.boundOverDiscMw(dx, dy, radiusM) < floorMw) {
        skipped++;
        continue;
      }
      kept++;
      const n = reference.accumulateDecided(from - batchFrom, to - batchFrom, 1);
      for (let k = 0; k < n; k++) referenceUndecided.push(reference.undecided(k));
    }
    expect(kept).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
    expect(Array.from({ length: undecided }, (_, k) => scanned.undecided(k))).toEqual(referenceUndecided);
    let touched = 0;
    for (let i = 0; i < households.length - batchFrom; i++) {
      expect([scanned.sum(i), scanned.count(i)]).toEqual([reference.sum(i), reference.count(i)]);
      if (scanned.sum(i) !== 0) touched++;
      // households of group 1, and of rows and columns out of range, are left alone
      const p = i + batchFrom;
      const block = Math.floor((households[p].lat * M_PER_DEG_LAT - minY) / sideM) * columns + Math.floor((households[p].lon * M_PER_DEG_LON - minX) / sideM);
      const outOfRange = households[p].server === 2 || Math.floor(block / columns) < fromRow || block % columns < firstColumn || block % columns > lastColumn;
      if (outOfRange) expect(scanned.sum(i)).toBe(0);
    }
    expect(touched).toBeGreaterThan(10);
  });
});
