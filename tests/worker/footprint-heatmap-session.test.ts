/**
 * The worker session's cell footprint and RSRP heat map requests on a hand-worked network: one omni 4G FSPL cell
 * (EIRP 5 + 10 = 15 dBm per resource element, 30 m high, 1800 MHz) with households due north of it. Distances are
 * the WGS84 metres-per-degree series (tests/helpers/local-metres.ts), FSPL ITU-R P.525: 20·log10(d_km) +
 * 20·log10(1800) + 32.4478 over the 3D distance to the 1.5 m handset.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Cell } from '../../src/core/model.ts';
import { runSteps } from '../../src/core/steps.ts';
import { EngineSession, type Progress } from '../../src/worker/engine-session.ts';
import { at, M_PER_DEG_LAT, M_PER_DEG_LON } from '../helpers/local-metres.ts';

const noProgress: Progress = () => undefined;
const SITE = at(0, 0);
const SITES = `site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status
S1,C1,${SITE[0]},${SITE[1]},Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing
S2,C2,${at(0, -6000)[0]},${at(0, -6000)[1]},Viettel,2G,900,30,,360,5,10,0,fspl,urban,existing`;

/** C1 as the sites file gives it. */
const C1: Cell = {
  cellId: 'C1', siteId: 'S1', lon: SITE[0], lat: SITE[1], operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30,
  azimuthDeg: null, beamwidthDeg: 360, tiltDeg: null, rsPowerDbm: 5, antennaGainDbi: 10, feederLossDb: 0, model: 'fspl',
  environment: 'urban', status: 'existing', channel: null, bandwidthMhz: null,
};

/** 3 km × 3 km around the site: the ward and the heat map's land. */
const WARD = JSON.stringify({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { ward_id: 'W', name: 'Phường thử' }, geometry: { type: 'Polygon', coordinates: [[at(-1500, -1500), at(1500, -1500), at(1500, 1500), at(-1500, 1500), at(-1500, -1500)]] } }],
});

/** h1 100 m, h2 600 m, h3 1,200 m north of the site, with 3, 5 and 7 households. */
const HOUSEHOLDS = ['household_id,lon,lat,count', ...[[100, 3], [600, 5], [1200, 7]].map(([northM, count], k) => `h${k + 1},${at(0, northM)[0]},${at(0, northM)[1]},${count}`)].join('\n');

const rsrpAtDbm = (groundM: number): number => 15 - (20 * Math.log10(Math.hypot(groundM, 28.5) / 1000) + 20 * Math.log10(1800) + 32.4478);

function analysedSession(): EngineSession {
  const session = new EngineSession();
  session.load({ layer: 'wards', file: 'w.geojson' }, WARD, noProgress);
  session.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress);
  session.load({ layer: 'sites', file: 's.csv' }, SITES, noProgress);
  session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
  return session;
}

describe('EngineSession.cellFootprint', () => {
  it('gives the households a cell serves and their household-weighted medians', () => {
    const { value } = analysedSession().cellFootprint(0);
    expect(Array.from(value.households)).toEqual([0, 1, 2]);
    expect(value.served.households).toBe(15);
    // lower weighted median: h3 (7 of 15) is below half, h3 + h2 (12) reach it → h2's RSRP at 600 m
    expect(value.served.medianRsrpDbm).toBeCloseTo(rsrpAtDbm(600), 1);
    expect(value.served.medianRsrpDbm).toBeCloseTo(-78.11, 1);
    // one cell alone: SINR = S / N with N = −174 + 10·log10(15 000) + 7 = −125.24 dBm → h2: 47.1 dB
    expect(value.served.medianSinrDb).toBeCloseTo(rsrpAtDbm(600) + 125.239, 1);
    // far above the TR 36.942 cap: 4.4 bit/s/Hz × 20 MHz (1800 MHz LTE default) × 2 layers = 176 Mb/s for everyone
    expect(value.served.medianThroughputMbps).toBeCloseTo(176, 6);
  });

  it('serves nobody from a cell of another layer (the 2G cell in a 4G analysis)', () => {
    const { value } = analysedSession().cellFootprint(1);
    expect(value.households).toHaveLength(0);
    expect(value.served).toEqual({ households: 0, medianRsrpDbm: null, medianSinrDb: null, medianThroughputMbps: null });
  });
});

describe('EngineSession.rsrpHeatmapSteps', () => {
  it('computes the grid over the ward once, then after an edit only the cells within the edited cell\'s reach', () => {
    const session = analysedSession();
    const first = runSteps(session.rsrpHeatmapSteps()).value;
    expect(first.heatmap).not.toBeNull();
    const { grid, rsrpDbm } = first.heatmap!;
    // 3 km of land in 100 m cells: 30 (or 31 with cheap-ruler's slightly longer metres) plus the shared edge
    expect(grid.columns * grid.rows).toBeGreaterThanOrEqual(31 * 31);
    expect(first.evaluatedCells).toBeGreaterThanOrEqual(30 * 30);
    // the cell centre 50 m east and 1,050 m north of the site (cell (15, 25) from the ward's south-west corner)
    const i = Math.round((at(50, 0)[0] - grid.westLon) / grid.cellLonDeg - 0.5);
    const j = Math.round((at(0, 1050)[1] - grid.southLat) / grid.cellLatDeg - 0.5);
    const [lon, lat] = [grid.westLon + (i + 0.5) * grid.cellLonDeg, grid.southLat + (j + 0.5) * grid.cellLatDeg];
    const groundM = Math.hypot((lon - SITE[0]) * M_PER_DEG_LON, (lat - SITE[1]) * M_PER_DEG_LAT);
    expect(rsrpDbm[j * grid.columns + i]).toBeCloseTo(rsrpAtDbm(groundM), 1);

    // a second request without an edit evaluates nothing again
    expect(runSteps(session.rsrpHeatmapSteps()).value.evaluatedCells).toBe(0);
    // 10 dB less power: the cell still reaches the whole ward (its reach is tens of km), so every land cell is
    // evaluated again, each 10 dB lower
    session.updateCell(0, { ...C1, rsPowerDbm: -5 });
    const edited = runSteps(session.rsrpHeatmapSteps()).value;
    expect(edited.evaluatedCells).toBe(first.evaluatedCells);
    expect(edited.heatmap!.rsrpDbm[j * grid.columns + i]).toBeCloseTo(rsrpAtDbm(groundM) - 10, 1);
  });
});
