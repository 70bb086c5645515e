/**
 * The engine's cell search (`CellSearch`): every cell that can reach a pass's threshold near a point is visited by
 * that pass or an earlier one, whatever the queries before it (its per-square lists are made once and kept).
 * The reference is the link budget itself: a cell's boresight RSRP (EIRP − path loss, the pattern only lowers it)
 * at its nearest distance to the query's disc, evaluated for every cell.
 */
import { describe, expect, it } from 'vitest';
import { CellSearch, type ActiveCell } from '../../../src/core/coverage/cell-search.ts';
import { CellLinks } from '../../../src/core/coverage/cell-links.ts';
import { LocalPlane } from '../../../src/core/geo/local-plane.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/model.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';
import { randomCell } from '../../helpers/random-city.ts';
import { at } from '../../helpers/local-metres.ts';

const PASSES_DBM = [-72, -80, -90, -100, -110, -120];
const FLOOR_DBM = -120;

/**
 * Random cells of every model within `spreadM` of the origin (east and north), as the engine activates them (reach
 * down to −120 dBm).
 */
function activeCells(seed: number, count: number, spreadM = 8000): ActiveCell[] {
  const random = mulberry32(seed);
  const links = new CellLinks(DEFAULT_SETTINGS, { at: () => 'urban' }, FLOOR_DBM);
  return Array.from({ length: count }, (_, c) => {
    const [lon, lat] = at((random() * 2 - 1) * spreadM, (random() * 2 - 1) * spreadM);
    const cell = { ...randomCell(random, `C${c}`), lon, lat, environment: 'urban' as const };
    const link = links.linkOf(cell, c);
    return { ...link, group: 0, channel: -1, bandwidthMhz: 20 };
  });
}

const plane = LocalPlane.at(at(0, 0)[1]);

/** A random point of the plane within `spreadM` of the origin, east and north. */
function randomPlanePoint(random: () => number, spreadM: number): [number, number] {
  const [lon, lat] = at((random() * 2 - 1) * spreadM, (random() * 2 - 1) * spreadM);
  return [lon * plane.kx, lat * plane.ky];
}

/** Boresight RSRP of `cell` at ground distance `distanceM` (the engine's own link budget, evaluated directly). */
const boresightDbm = (cell: ActiveCell, distanceM: number): number => cell.prepared.eirpDbm - cell.prepared.pathLossDb(Math.max(distanceM, 1));

/** The ground distance from the cell to the plane point (x, y), as the engine measures it (the cell's factors). */
function groundDistanceM(cell: ActiveCell, x: number, y: number): number {
  const dx = (x / plane.kx - cell.prepared.lon) * cell.kx;
  const dy = (y / plane.ky - cell.prepared.lat) * cell.ky;
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * `search.listNear` as an array. It writes after two entries already there (kept as they were), into room for a
 * thousand cells, every test's cells.
 */
function listNear(search: CellSearch, x: number, y: number, radius: number, pass: number, stretch: number, useLists = true): number[] {
  const out = new Int32Array(1002).fill(-7);
  const end = search.listNear(x, y, radius, pass, stretch, out, 2, useLists);
  expect([out[0], out[1], out[end]]).toEqual([-7, -7, -7]);
  return [...out.subarray(2, end)];
}

/** The cells listed by passes 0 … `lastPass` of a query, each pass's in turn. */
function visitsThrough(search: CellSearch, x: number, y: number, radius: number, lastPass: number, stretch: number): number[][] {
  return Array.from({ length: lastPass + 1 }, (_, pass) => listNear(search, x, y, radius, pass, stretch));
}

describe('CellSearch', () => {
  const cells = activeCells(7, 120);
  // the plane's factors are those of the origin; the cells' own differ by < 0.01 % over 16 km: 1.001 covers them
  const stretch = 1.001;

  it('visits, by each pass, every cell whose boresight reaches its threshold within the query disc', () => {
    const search = new CellSearch(cells, PASSES_DBM, plane);
    const random = mulberry32(11);
    let checked = 0;
    for (let q = 0; q < 400; q++) {
      const [x, y] = randomPlanePoint(random, 12000);
      const radius = q % 2 === 0 ? 0 : 70.7;
      const pass = Math.floor(random() * PASSES_DBM.length);
      const visits = visitsThrough(search, x, y, radius, pass, stretch);
      const seen = new Set(visits.flat());
      for (let c = 0; c < cells.length; c++) {
        const nearestM = Math.max(0, groundDistanceM(cells[c], x, y) - radius);
        if (nearestM <= cells[c].reachM && boresightDbm(cells[c], nearestM) >= PASSES_DBM[pass]) {
          expect(seen.has(c), `cell ${c}, query ${q}, pass ${pass}`).toBe(true);
          checked++;
        }
      }
    }
    // the check is not vacuous: queries found cells to check
    expect(checked).toBeGreaterThan(400);
  });

  it('visits a cell at most once over the passes of one query', () => {
    const search = new CellSearch(cells, PASSES_DBM, plane);
    const random = mulberry32(12);
    for (let q = 0; q < 200; q++) {
      const [x, y] = randomPlanePoint(random, 9000);
      const all = visitsThrough(search, x, y, 0, PASSES_DBM.length - 1, stretch).flat();
      expect(new Set(all).size).toBe(all.length);
    }
  });

  // over a wider area, where a list holds a few of the cells: a list read after the pool was reused would differ
  const spread = activeCells(9, 400, 40000);
  it.each([
    ['kept lists', undefined],
    ['the pool grown as lists are made', 10 * spread.length],
    ['lists forgotten when the pool is full', spread.length + 60],
  ])('answers as a fresh search does, whatever was asked before (%s, other radii and stretches, far points)', (_, capacity) => {
    const kept = new CellSearch(spread, PASSES_DBM, plane, capacity);
    const random = mulberry32(13);
    // points asked again and again (their squares' lists reused, or made again after the pool was reused), some far
    // away (outside every list's grid)
    const points = Array.from({ length: 24 }, (_, k) => at((k % 7 === 0 ? 400_000 : 0) + (random() * 2 - 1) * 45000, (random() * 2 - 1) * 45000));
    let visits = 0;
    for (let q = 0; q < 480; q++) {
      const [lon, lat] = points[Math.floor(random() * points.length)];
      // a run of queries per radius and stretch, as an engine asks (other ones make the lists again)
      const radius = [0, 70.7, 0, 2000][Math.floor(q / 120)];
      const queryStretch = q >= 420 ? 1.01 : stretch;
      const fresh = new CellSearch(spread, PASSES_DBM, plane);
      const expected = visitsThrough(fresh, lon * plane.kx, lat * plane.ky, radius, PASSES_DBM.length - 1, queryStretch);
      const actual = visitsThrough(kept, lon * plane.kx, lat * plane.ky, radius, PASSES_DBM.length - 1, queryStretch);
      expect(actual.map((pass) => [...pass].sort((a, b) => a - b))).toEqual(expected.map((pass) => [...pass].sort((a, b) => a - b)));
      visits += expected.flat().length;
    }
    expect(visits).toBeGreaterThan(500);
  });

  it('visits the same cells through its lists as through its indexes (useLists false)', () => {
    const search = new CellSearch(spread, PASSES_DBM, plane);
    const random = mulberry32(14);
    let visits = 0;
    for (let q = 0; q < 400; q++) {
      const [x, y] = randomPlanePoint(random, 45000);
      const radius = q < 200 ? 0 : 70.7;
      for (let pass = 0; pass < PASSES_DBM.length; pass++) {
        const listed = listNear(search, x, y, radius, pass, stretch);
        const direct = listNear(search, x, y, radius, pass, stretch, false);
        expect(listed.sort((a, b) => a - b)).toEqual(direct.sort((a, b) => a - b));
        visits += direct.length;
      }
    }
    expect(visits).toBeGreaterThan(500);
  });

  it('visits nothing where no cell can reach, and skips cells outside the analysed layer', () => {
    const withGaps: Array<ActiveCell | null> = cells.map((cell, c) => (c % 2 === 0 ? cell : null));
    const search = new CellSearch(withGaps, PASSES_DBM, plane);
    const [lon, lat] = at(0, 0);
    const visited = visitsThrough(search, lon * plane.kx, lat * plane.ky, 0, PASSES_DBM.length - 1, stretch).flat();
    expect(visited.length).toBeGreaterThan(0);
    expect(visited.every((c) => c % 2 === 0)).toBe(true);
    const [farLon, farLat] = at(500_000, 0);
    expect(visitsThrough(search, farLon * plane.kx, farLat * plane.ky, 0, PASSES_DBM.length - 1, stretch).flat()).toEqual([]);
  });
});
