/**
 * The coverage engine against hand-worked link budgets and against itself (incremental = full rerun).
 * Positions are placed with the WGS84 metres-per-degree series (111132.92 − 559.82 cos 2φ + …), independent of
 * the engine's cheap-ruler. FSPL (ITU-R P.525): 20·log10(d_km) + 20·log10(f_MHz) + 32.4478.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { COVERAGE_ARRAYS, copyCoverage } from '../../../src/core/coverage/coverage-result.ts';
import { interferenceCutoffDbm } from '../../../src/core/coverage/link-quality.ts';
import { prepareCell, rsrpAtDbm } from '../../../src/core/link-budget.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { DEFAULT_SETTINGS, type AnalysisSettings, type Cell, type HouseholdPoints, type Ward } from '../../../src/core/model.ts';

import { randomCell, randomCity } from '../../helpers/random-city.ts';
import { at, householdsAt, M_PER_DEG_LAT, M_PER_DEG_LON } from '../../helpers/local-metres.ts';
import { mulberry32 } from '../../../scripts/generate/random.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [[at(-20000, -20000), at(20000, -20000), at(20000, 20000), at(-20000, 20000), at(-20000, -20000)]],
};
const WARDS: Ward[] = [
  { id: 'W', name: 'W', district: null, type: 'Phường', environment: 'urban', population2019: null, households2019: null, geometry: square },
];

const WARD_INDEX = indexWards(WARDS);

const households = householdsAt;

/** A 1800 MHz FSPL cell at handset height (1.5 m), so 3D distance = ground distance; EIRP = power. */
function fsplCell(id: string, eastM: number, northM: number, overrides: Partial<Cell> = {}): Cell {
  const [lon, lat] = at(eastM, northM);
  return {
    cellId: id, siteId: id, lon, lat, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 1.5,
    azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: -15, antennaGainDbi: 0, feederLossDb: 0,
    model: 'fspl', environment: 'urban', status: 'existing', channel: null, bandwidthMhz: null, ...overrides,
  };
}

const fspl1800 = (distanceM: number): number => 20 * Math.log10(distanceM / 1000) + 20 * Math.log10(1800) + 32.4478;

function engineFor(cells: Cell[], points: HouseholdPoints, settings: AnalysisSettings = DEFAULT_SETTINGS): CoverageEngine {
  return new CoverageEngine({ place: new PlaceEnvironment(points, WARD_INDEX), cells, households: points, settings });
}

describe('CoverageEngine: hand-worked link budgets', () => {
  it('gives FSPL RSRP and classes for an omni cell at measured distances', () => {
    // −15 − FSPL: 100 m → −92.553 (good), 500 m → −106.532 (fair), 1500 m → −116.075 (weak), 4000 m → −124.594 and
    // 10 km → −132.553 (none), 15 km → −136.075: below the 4G interference cut-off, −174 + 10·log10(15000) + 7 − 10
    // = −135.239 dBm
    const points = households([[0, 100], [0, 500], [1500, 0], [0, -4000], [10000, 0], [0, 15000]]);
    const result = engineFor([fsplCell('S1', 0, 0)], points).run();
    expect(result.rsrpDbm[0]).toBeCloseTo(-15 - fspl1800(100), 2);
    expect(result.rsrpDbm[0]).toBeCloseTo(-92.553, 2);
    expect(result.rsrpDbm[1]).toBeCloseTo(-106.532, 2);
    expect(result.rsrpDbm[2]).toBeCloseTo(-116.075, 2);
    expect(Array.from(result.signalClass)).toEqual([0, 1, 2, 3, 3, 3]);
    // class none keeps its server and RSRP down to the cut-off; below it there is none
    expect(Array.from(result.bestCell)).toEqual([0, 0, 0, 0, 0, -1]);
    expect(result.rsrpDbm[3]).toBeCloseTo(-124.594, 2);
    expect(result.rsrpDbm[4]).toBeCloseTo(-132.553, 2);
    expect(result.rsrpDbm[5]).toBe(-Infinity);
  });

  it('keeps the weak floor as the end of service for 2G and 3G (no SINR there)', () => {
    const points = households([[0, 1500], [0, -4000]]);
    const settings = { ...DEFAULT_SETTINGS, technology: '3G' as const };
    const result = engineFor([fsplCell('S1', 0, 0, { technology: '3G' })], points, settings).run();
    expect(Array.from(result.bestCell)).toEqual([0, -1]);
    expect(result.rsrpDbm[1]).toBe(-Infinity);
    expect(Number.isNaN(result.sinrDb[0])).toBe(true);
    expect(result.serversWithin6Db[0]).toBe(0);
  });

  it('applies the TR 36.814 horizontal pattern of a sector', () => {
    // azimuth 0° (north), beamwidth 65°: a household due east (φ = 90°) loses min(12·(90/65)², 25) = 23.006 dB;
    // one at bearing 30° loses 12·(30/65)² = 2.556 dB
    const [eastOf30, northOf30] = [300 * Math.sin(Math.PI / 6), 300 * Math.cos(Math.PI / 6)];
    const points = households([[300, 0], [eastOf30, northOf30], [0, 300]]);
    const result = engineFor([fsplCell('S1', 0, 0, { azimuthDeg: 0, rsPowerDbm: 0 })], points).run();
    const boresight = 0 - fspl1800(300); // −87.10 dBm, so even the side lobe (−110.10) clears the weak floor
    expect(result.rsrpDbm[2]).toBeCloseTo(boresight, 2);
    expect(result.rsrpDbm[1]).toBeCloseTo(boresight - 2.556, 2);
    expect(result.rsrpDbm[0]).toBeCloseTo(boresight - 23.006, 2);
  });

  it('picks the strongest cell, ignores other technologies and, when asked, other operators', () => {
    // h0 is 200 m from A and 600 m from B: A wins; B has 10 dB more power but loses 20·log10(3) = 9.54 dB → B wins by 0.46 dB
    const points = households([[200, 0]]);
    const a = fsplCell('A', 0, 0);
    const b = fsplCell('B', 800, 0, { rsPowerDbm: -5, operator: 'MobiFone' });
    const twoG = fsplCell('G', 200, 10, { technology: '2G', rsPowerDbm: 40 });
    expect(engineFor([a, b, twoG], points).run().bestCell[0]).toBe(1);
    const viettelOnly = engineFor([a, b, twoG], points, { ...DEFAULT_SETTINGS, operator: 'viettel' }).run();
    expect(viettelOnly.bestCell[0]).toBe(0);
    expect(viettelOnly.rsrpDbm[0]).toBeCloseTo(-15 - fspl1800(200), 2);
  });

  it('handles data spread over a whole country (tiles in a map, not a dense table)', () => {
    // Móng Cái and Cà Mau, 1,600 km apart (a 3,400 × 14,300 grid of 100 m tiles, over the dense-table limit):
    // each household 100 m north of its own cell
    const north = { lon: 107.97, lat: 21.52 };
    const south = { lon: 104.75, lat: 8.6 };
    const metresPerDegreeLat = (lat: number): number => {
      const phi = (lat * Math.PI) / 180;
      return 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    };
    const points = {
      length: 2, ids: ['n', 's'], count: Uint32Array.of(1, 1), wardId: [null, null],
      lon: Float64Array.of(north.lon, south.lon),
      lat: Float64Array.of(north.lat + 100 / metresPerDegreeLat(north.lat), south.lat + 100 / metresPerDegreeLat(south.lat)),
    };
    const cells = [
      { ...fsplCell('N', 0, 0), ...north },
      { ...fsplCell('S', 0, 0), ...south },
    ];
    const result = engineFor(cells, points).run();
    expect(Array.from(result.bestCell)).toEqual([0, 1]);
    expect(result.rsrpDbm[0]).toBeCloseTo(-15 - fspl1800(100), 2);
    expect(result.rsrpDbm[1]).toBeCloseTo(-15 - fspl1800(100), 2);
  });

  it('gives ties to the lower cell index', () => {
    const points = households([[500, 0]]);
    expect(engineFor([fsplCell('B', 1000, 0), fsplCell('A', 0, 0)], points).run().bestCell[0]).toBe(0);
  });

  it('uses the configured thresholds', () => {
    const points = households([[0, 500]]); // −106.53 dBm
    const settings = { ...DEFAULT_SETTINGS, thresholdsDbm: { good: -105, fair: -108, weak: -130 } };
    expect(engineFor([fsplCell('S', 0, 0)], points, settings).run().signalClass[0]).toBe(1);
    const strict = { ...DEFAULT_SETTINGS, thresholdsDbm: { good: -90, fair: -100, weak: -106 } };
    const result = engineFor([fsplCell('S', 0, 0)], points, strict).run();
    expect(result.signalClass[0]).toBe(3);
    // class none, still served above the interference cut-off
    expect(result.bestCell[0]).toBe(0);
    const strict3g = { ...strict, technology: '3G' as const };
    expect(engineFor([fsplCell('S', 0, 0, { technology: '3G' })], points, strict3g).run().bestCell[0]).toBe(-1);
  });

  // the point query skips cells by their tabulated RSRP, the full run evaluates each exactly: the same servers, bit for bit
  it.each([
    [7, 400, 12],
    [21, 2000, 60],
  ])('answers bestServerAt like the full run at every household (seed %i, %i points, %i cells)', (seed, pointCount, cellCount) => {
    const { cells, points } = randomCity(seed, pointCount, cellCount);
    const engine = engineFor(cells, points);
    const result = engine.run();
    for (let h = 0; h < points.length; h++) {
      const best = engine.bestServerAt(points.lon[h], points.lat[h]);
      expect(best.cellIndex).toBe(result.bestCell[h]);
      expect(Math.fround(best.rsrpDbm)).toBe(result.rsrpDbm[h]);
    }
  });
});

describe('CoverageEngine: the settling search equals trying every cell', () => {
  it('matches a brute force over all cells (distances by the WGS84 metres-per-degree series)', () => {
    // a mixed city (all models, sectors, tilts); the brute force offers every cell to every household
    const { cells, points } = randomCity(21, 1500, 60);
    const result = engineFor(cells, points).run();
    const prepared = cells.map((cell, c) =>
      prepareCell(cell, c, cell.environment ?? 'urban', { handsetHeightM: 1.5, los3gpp: false }),
    );
    // 4G: served down to the interference cut-off
    const floorDbm = interferenceCutoffDbm('4G', DEFAULT_SETTINGS);
    let compared = 0;
    for (let h = 0; h < points.length; h++) {
      let bestDbm = -Infinity;
      prepared.forEach((cell) => {
        const eastM = (points.lon[h] - cell.lon) * M_PER_DEG_LON;
        const northM = (points.lat[h] - cell.lat) * M_PER_DEG_LAT;
        const bearingDeg = (Math.atan2(eastM, northM) * 180) / Math.PI;
        bestDbm = Math.max(bestDbm, rsrpAtDbm(cell, Math.hypot(eastM, northM), bearingDeg));
      });
      // the series at one latitude and the engine's cheap-ruler per cell agree to ~0.01 % over 10 km
      if (bestDbm < floorDbm - 0.02) expect(result.bestCell[h]).toBe(-1);
      else if (bestDbm > floorDbm + 0.02) {
        expect(Math.abs(result.rsrpDbm[h] - bestDbm)).toBeLessThan(0.02);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('CoverageEngine: a point query with a floor', () => {
  it('is the full query at or above the floor and no server below it, before and after edits', () => {
    const { cells, points } = randomCity(5, 50, 40);
    const engine = engineFor(cells, points);
    const random = mulberry32(17);
    const floorDbm = -122;
    let belowFloor = 0;
    let atOrAbove = 0;
    const check = (): void => {
      for (let k = 0; k < 1500; k++) {
        const [lon, lat] = at((random() * 2 - 1) * 14000, (random() * 2 - 1) * 14000);
        const full = engine.bestServerAt(lon, lat);
        const floored = engine.bestServerAt(lon, lat, floorDbm);
        if (full.rsrpDbm >= floorDbm) {
          expect(floored).toEqual(full);
          atOrAbove++;
        } else {
          expect(floored).toEqual({ cellIndex: -1, rsrpDbm: -Infinity });
          // points the floor spares: the full query still finds a server there, above the 4G cut-off
          if (full.cellIndex >= 0) belowFloor++;
        }
      }
    };
    check();
    // moves and a removal: the floored search must see them as the full one does
    for (let c = 0; c < 6; c++) engine.updateCell(c, { ...cells[c], lon: cells[c].lon + 0.02, rsPowerDbm: 18 });
    engine.updateCell(7, { ...cells[7], technology: '2G' });
    check();
    expect(atOrAbove).toBeGreaterThan(500);
    expect(belowFloor).toBeGreaterThan(300);
  });

  it('answers a floor at or below the search floor with the full query', () => {
    const { cells, points } = randomCity(6, 20, 20);
    const engine = engineFor(cells, points);
    const [lon, lat] = at(15000, 15000);
    expect(engine.bestServerAt(lon, lat, -200)).toEqual(engine.bestServerAt(lon, lat));
  });
});

describe('CoverageEngine: the signal over a rectangle (signalOver)', () => {
  it("is the point query's at every point of it, for every floor, before and after edits", () => {
    const { cells, points } = randomCity(8, 50, 40);
    const engine = engineFor(cells, points);
    const random = mulberry32(23);
    let compared = 0;
    let served = 0;
    const check = (): void => {
      // rectangles from one grid cell (50 m) to 2.4 km, anywhere over the city and beyond its cells
      for (let r = 0; r < 60; r++) {
        const westM = (random() * 2 - 1) * 14000;
        const southM = (random() * 2 - 1) * 14000;
        const [west, south] = at(westM, southM);
        const [east, north] = at(westM + 50 + random() * 2400, southM + 50 + random() * 2400);
        for (const floorDbm of [-Infinity, -125, -117, -105, -90]) {
          const signal = engine.signalOver(west, south, east, north, floorDbm);
          for (let k = 0; k < 25; k++) {
            // the corners, then points within
            const lon = k < 4 ? (k % 2 === 0 ? west : east) : west + random() * (east - west);
            const lat = k < 4 ? (k < 2 ? south : north) : south + random() * (north - south);
            const expected = engine.bestServerAt(lon, lat, floorDbm).rsrpDbm;
            expect(signal(lon, lat), `${lon} ${lat} floor ${floorDbm}`).toBe(expected);
            compared++;
            if (expected > -Infinity) served++;
          }
        }
      }
    };
    check();
    // moved and strengthened cells, a removal and an added one: pending and stale cells are listed as the point query visits them
    for (let c = 0; c < 6; c++) engine.updateCell(c, { ...cells[c], lon: cells[c].lon + 0.02, rsPowerDbm: 18 });
    engine.updateCell(7, { ...cells[7], technology: '2G' });
    engine.addCell({ ...cells[9], cellId: 'new', lat: cells[9].lat - 0.03 });
    check();
    expect(compared).toBe(2 * 60 * 5 * 25);
    // many points are served, and some are not (below the floor asked)
    expect(served).toBeGreaterThan(0.3 * compared);
    expect(served).toBeLessThan(compared);
  });
});

describe('CoverageEngine: incremental updates equal a full rerun', () => {
  it('after moves, edits, additions and removals', () => {
    const { cells, points } = randomCity(11, 3000, 40);
    const engine = engineFor(cells, points);
    engine.run();
    const random = mulberry32(99);
    const current = cells.slice();
    for (let step = 0; step < 60; step++) {
      const kind = random();
      let changed: number[];
      if (kind < 0.6) {
        const c = Math.floor(random() * current.length);
        const [lon, lat] = at((random() * 2 - 1) * 6000, (random() * 2 - 1) * 6000);
        current[c] = { ...current[c], lon, lat, heightM: 15 + random() * 30, rsPowerDbm: 5 + random() * 15 };
        changed = engine.updateCell(c, current[c]);
      } else if (kind < 0.8) {
        const cell = randomCell(random, `N${step}`);
        current.push(cell);
        changed = engine.addCell(cell).changed;
        expect(engine.cells.length).toBe(current.length);
      } else {
        const c = Math.floor(random() * current.length);
        // a removed cell is replaced by one of another technology: the same as not being analysed
        current[c] = { ...current[c], technology: '2G' };
        changed = engine.removeCell(c);
      }
      expect(new Set(changed).size).toBe(changed.length);
    }
    const updated = engine.result!;
    const rerun = engineFor(current, points).run();
    expect(Array.from(updated.bestCell)).toEqual(Array.from(rerun.bestCell));
    expect(Array.from(updated.signalClass)).toEqual(Array.from(rerun.signalClass));
    expect(Array.from(updated.rsrpDbm)).toEqual(Array.from(rerun.rsrpDbm));
  });

  it('reports exactly the households whose result changed', () => {
    const { cells, points } = randomCity(5, 2000, 20);
    const engine = engineFor(cells, points);
    const before = engine.run();
    const snapshot = copyCoverage(before);
    const [lon, lat] = at(1000, -2000);
    const changed = new Set(engine.updateCell(3, { ...cells[3], lon, lat }));
    let qualityOnly = 0;
    for (let h = 0; h < points.length; h++) {
      const serverDiffers = snapshot.bestCell[h] !== before.bestCell[h] || snapshot.rsrpDbm[h] !== before.rsrpDbm[h];
      const differs = COVERAGE_ARRAYS.some((name) => !Object.is(snapshot[name][h], before[name][h]));
      if (differs && !serverDiffers) qualityOnly++;
      expect(changed.has(h)).toBe(differs);
    }
    // the move changes the interference of households it does not serve
    expect(qualityOnly).toBeGreaterThan(0);
  });

  it('never loses coverage when a cell gains power', () => {
    const { cells, points } = randomCity(3, 2000, 20);
    const engine = engineFor(cells, points);
    const before = engine.run().rsrpDbm.slice();
    engine.updateCell(0, { ...cells[0], rsPowerDbm: cells[0].rsPowerDbm + 6 });
    const after = engine.result!.rsrpDbm;
    for (let h = 0; h < points.length; h++) expect(after[h]).toBeGreaterThanOrEqual(before[h]);
  });
});
