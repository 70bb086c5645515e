/**
 * The RSRP heat map against hand-worked free-space link budgets at its cell centres, computed here with the WGS84
 * metres-per-degree series (independent of the engine's cheap-ruler) and ITU-R P.525 FSPL:
 * 20·log10(d_km) + 20·log10(f_MHz) + 32.4478; and the refresh after an edit against a full recomputation.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { heatmapCellCentre, refreshRsrpHeatmap, rsrpHeatmapSteps, type RsrpHeatmap } from '../../../src/core/coverage/rsrp-heatmap.ts';
import { DEFAULT_SETTINGS, type Cell, type Ward } from '../../../src/core/model.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { runSteps } from '../../../src/core/steps.ts';
import { at, householdsAt, LAT0, LON0, M_PER_DEG_LAT, M_PER_DEG_LON } from '../../helpers/local-metres.ts';

/** An L-shaped island: the square (−3 km … 3 km)² without its north-east quarter. */
const island: Polygon = {
  type: 'Polygon',
  coordinates: [[at(-3000, -3000), at(3000, -3000), at(3000, 0), at(0, 0), at(0, 3000), at(-3000, 3000), at(-3000, -3000)]],
};
const ward: Ward = { id: 'W', name: 'W', district: null, type: null, environment: 'urban', population2019: null, households2019: null, geometry: island };

/** An omni 1800 MHz FSPL cell at handset height (ground distance = 3D distance), EIRP = RS power. */
function fsplCell(id: string, eastM: number, northM: number, rsPowerDbm: number): Cell {
  const [lon, lat] = at(eastM, northM);
  return {
    cellId: id, siteId: id, lon, lat, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 1.5,
    azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm, antennaGainDbi: 0, feederLossDb: 0,
    model: 'fspl', environment: 'urban', status: 'existing', channel: null, bandwidthMhz: null,
  };
}

const fspl1800Db = (distanceM: number): number => 20 * Math.log10(distanceM / 1000) + 20 * Math.log10(1800) + 32.4478;
/** 4G interference cut-off, the engine's search floor: −174 + 10·log10(15 000) + 7 − 10 = −135.239 dBm. */
const CUTOFF_DBM = -174 + 10 * Math.log10(15000) + 7 - 10;

/** The best of the cells' free-space RSRP at a point, or −Infinity below the cut-off. */
function expectedRsrpDbm(cells: ReadonlyArray<{ eastM: number; northM: number; rsPowerDbm: number }>, lon: number, lat: number): number {
  const eastM = (lon - LON0) * M_PER_DEG_LON;
  const northM = (lat - LAT0) * M_PER_DEG_LAT;
  const best = Math.max(...cells.map((cell) => cell.rsPowerDbm - fspl1800Db(Math.hypot(eastM - cell.eastM, northM - cell.northM))));
  return best >= CUTOFF_DBM ? best : -Infinity;
}

function engineFor(cells: Cell[]): CoverageEngine {
  const households = householdsAt([[-2000, -2000]]);
  return new CoverageEngine({ place: new PlaceEnvironment(households, indexWards([ward])), cells, households, settings: DEFAULT_SETTINGS });
}

const heatmapOf = (engine: CoverageEngine, cellM: number): RsrpHeatmap => {
  const heatmap = runSteps(rsrpHeatmapSteps([island], cellM, engine));
  if (heatmap === null) throw new Error('no land');
  return heatmap;
};

describe('rsrpHeatmapSteps', () => {
  // S1 strong in the south-west, S2 weak: far enough (−35 dBm, 2.5 km) that the island's west edge is beyond the cut-off of both
  const specs = [
    { id: 'S1', eastM: -1500, northM: -1500, rsPowerDbm: 0 },
    { id: 'S2', eastM: 1500, northM: 2500, rsPowerDbm: -20 },
  ];
  const engine = engineFor(specs.map((s) => fsplCell(s.id, s.eastM, s.northM, s.rsPowerDbm)));
  const heatmap = heatmapOf(engine, 100);
  const { grid, rsrpDbm } = heatmap;

  it('covers the land extent with cells of the asked side', () => {
    // 6 km in 100 m cells plus the shared edge: 61, or 62 where cheap-ruler's 6 km come out a hair longer
    expect([61, 62]).toContain(grid.columns);
    expect([61, 62]).toContain(grid.rows);
    expect(grid.cellLonDeg * M_PER_DEG_LON).toBeCloseTo(100, 0);
    expect(grid.cellLatDeg * M_PER_DEG_LAT).toBeCloseTo(100, 0);
  });

  it('gives the free-space best-server RSRP at cell centres on land, NaN off land', () => {
    let checked = 0;
    let offLand = 0;
    for (let j = 0; j < grid.rows; j += 3) {
      for (let i = 0; i < grid.columns; i += 3) {
        const [lon, lat] = heatmapCellCentre(grid, i, j);
        const eastM = (lon - LON0) * M_PER_DEG_LON;
        const northM = (lat - LAT0) * M_PER_DEG_LAT;
        const value = rsrpDbm[j * grid.columns + i];
        const inside = Math.abs(eastM) < 3000 && Math.abs(northM) < 3000 && !(eastM > 0 && northM > 0);
        // cell centres within 1 m of the outline may fall either way
        const nearEdge = [eastM + 3000, 3000 - eastM, northM + 3000, 3000 - northM].some((d) => Math.abs(d) < 1) || (Math.abs(eastM) < 1 && northM > 0) || (Math.abs(northM) < 1 && eastM > 0);
        if (nearEdge) continue;
        if (!inside) {
          expect(value, `(${eastM.toFixed(0)}, ${northM.toFixed(0)}) is at sea`).toBeNaN();
          offLand++;
          continue;
        }
        const expected = expectedRsrpDbm(specs, lon, lat);
        expect(value, `(${eastM.toFixed(0)}, ${northM.toFixed(0)})`).toBeCloseTo(expected, 1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(250);
    expect(offLand).toBeGreaterThan(80);
  });

  it('hand-worked: the cell centre 50 m east and north of S1 receives 0 − FSPL(70.71 m) = −74.5 dBm', () => {
    // S1 at (−1500, −1500) lies on the corner of cells 15 (west edge at −3000 + 15 × 100 m)
    const i = Math.round((at(-1450, 0)[0] - grid.westLon) / grid.cellLonDeg - 0.5);
    const j = Math.round((at(0, -1450)[1] - grid.southLat) / grid.cellLatDeg - 0.5);
    expect(rsrpDbm[j * grid.columns + i]).toBeCloseTo(-(20 * Math.log10(0.0707107) + 20 * Math.log10(1800) + 32.4478), 1);
    expect(rsrpDbm[j * grid.columns + i]).toBeCloseTo(-74.50, 1);
  });

  it('is −Infinity on land where no cell clears the 4G cut-off', () => {
    const weakOnly = engineFor([fsplCell('W', -1500, -1500, -40)]);
    const { grid: g, rsrpDbm: values } = heatmapOf(weakOnly, 100);
    // −40 − FSPL(d) ≥ −135.239 dBm up to d = 10^((95.239 − 65.105 − 32.4478) / 20) km = 0.766 km
    for (let j = 0; j < g.rows; j++) {
      for (let i = 0; i < g.columns; i++) {
        const value = values[j * g.columns + i];
        if (Number.isNaN(value)) continue;
        const [lon, lat] = heatmapCellCentre(g, i, j);
        const distanceM = Math.hypot((lon - LON0) * M_PER_DEG_LON + 1500, (lat - LAT0) * M_PER_DEG_LAT + 1500);
        if (Math.abs(distanceM - 766) < 2) continue;
        if (distanceM > 766) expect(value).toBe(-Infinity);
        else expect(value).toBeCloseTo(-40 - fspl1800Db(distanceM), 1);
      }
    }
  });
});

describe('refreshRsrpHeatmap', () => {
  it('after a cell moves, re-evaluates only its old and new footprints and matches the free-space values and a full recomputation', () => {
    const engine = engineFor([fsplCell('A', -2000, -2000, -40), fsplCell('B', -2000, 2000, -40)]);
    engine.run();
    const heatmap = heatmapOf(engine, 100);
    const before = engine.footprintOf(0);
    engine.updateCell(0, fsplCell('A', 2000, -2000, -40));
    const after = engine.footprintOf(0);
    expect(before).not.toBeNull();
    expect(after).not.toBeNull();
    // −40 − FSPL(d) ≥ −135.239 dBm up to d = 10^((95.239 − 65.105 − 32.4478) / 20) km = 0.766 km
    expect(before?.radiusM).toBeCloseTo(766, 0);
    const evaluated = refreshRsrpHeatmap(heatmap, [before, after].filter((region) => region !== null), engine);
    expect(evaluated).toBeGreaterThan(0);
    const full = heatmapOf(engine, 100);
    expect(Array.from(heatmap.rsrpDbm)).toEqual(Array.from(full.rsrpDbm));
    const cells = [{ eastM: 2000, northM: -2000, rsPowerDbm: -40 }, { eastM: -2000, northM: 2000, rsPowerDbm: -40 }];
    const k = 10 * heatmap.grid.columns + 50;
    const [lon, lat] = heatmapCellCentre(heatmap.grid, 50, 10);
    expect(heatmap.rsrpDbm[k]).toBeCloseTo(expectedRsrpDbm(cells, lon, lat), 1);
  });

  it('leaves cells beyond every footprint untouched', () => {
    const engine = engineFor([fsplCell('A', -2000, -2000, -40)]);
    engine.run();
    const heatmap = heatmapOf(engine, 100);
    // as above: −40 dBm clears the cut-off within 766 m
    const footprint = engine.footprintOf(0);
    expect(footprint?.radiusM).toBeCloseTo(766, 0);
    heatmap.rsrpDbm.fill(0);
    refreshRsrpHeatmap(heatmap, footprint === null ? [] : [footprint], engine);
    const [lon, lat] = heatmapCellCentre(heatmap.grid, 0, 0);
    expect(Math.hypot((lon - at(-2000, 0)[0]) * M_PER_DEG_LON, (lat - at(0, -2000)[1]) * M_PER_DEG_LAT)).toBeGreaterThan(766);
    expect(heatmap.rsrpDbm[0]).toBe(0);
    const centre = Math.round((at(-2000, 0)[0] - heatmap.grid.westLon) / heatmap.grid.cellLonDeg - 0.5) + Math.round((at(0, -2000)[1] - heatmap.grid.southLat) / heatmap.grid.cellLatDeg - 0.5) * heatmap.grid.columns;
    expect(heatmap.rsrpDbm[centre]).toBeLessThan(-40);
  });
});
