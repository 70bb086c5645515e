import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { EngineSession, type Progress } from '../../src/worker/engine-session.ts';

const noProgress: Progress = () => undefined;
const ONE_WARD = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { ward_id: 'ALL', name: 'Toàn bộ' },
      geometry: { type: 'Polygon', coordinates: [[[105, 19], [108, 19], [108, 23], [105, 23], [105, 19]]] },
    },
  ],
});
const SITES = [
  'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status',
  'S1,C1,106.5,20.5,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing',
].join('\n');
const KM_PER_DEGREE_LAT = 110.7;

describe('EngineSession.bestServerAt', () => {
  it('refuses before an analysis', () => {
    expect(() => new EngineSession().bestServerAt(106.5, 20.5)).toThrow(/analyse/);
  });

  it('names the cell and its free-space RSRP at a clicked point, and none beyond the interference cut-off', () => {
    const session = new EngineSession();
    session.load({ layer: 'wards', file: 'wards.geojson' }, ONE_WARD, noProgress);
    session.load({ layer: 'households', file: 'h.csv' }, 'household_id,lon,lat,count\nh1,106.5,20.6,1\n', noProgress);
    session.load({ layer: 'sites', file: 'sites.csv' }, SITES, noProgress);
    session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
    // 20 km north (20.5 + 20/110.7°): EIRP = 5 + 10 − 0 = 15 dBm; FSPL = 32.45 + 20·log10(20) + 20·log10(1800)
    // = 32.45 + 26.02 + 65.11 = 123.58 dB (the 28.5 m height difference adds < 0.001 dB) → RSRP ≈ −108.6 dBm
    const near = session.bestServerAt(106.5, 20.5 + 20 / KM_PER_DEGREE_LAT).value;
    expect(near.cellIndex).toBe(0);
    expect(near.cell?.siteId).toBe('S1');
    expect(near.rsrpDbm).toBeCloseTo(-108.6, 0);
    // one cell, no interferer: SINR = RSRP − N, N = −174 + 10·log10(15 000) + 7 = −125.239 dBm → ≈ 16.6 dB;
    // throughput 0.6·log2(1 + 10^(SINR/10)) × 20 MHz × 2 layers ≈ 0.6 · 5.545 · 40 ≈ 133 Mb/s
    expect(near.sinrDb).toBeCloseTo(near.rsrpDbm + 125.239, 2);
    expect(near.throughputMbps).toBeCloseTo(0.6 * Math.log2(1 + 10 ** ((near.rsrpDbm + 125.239) / 10)) * 40, 1);
    expect(near.throughputMbps).toBeGreaterThan(130);
    expect(near.throughputMbps).toBeLessThan(136);
    expect(near.serversWithin6Db).toBe(1);
    // 90 km: FSPL = 32.45 + 39.08 + 65.11 = 136.64 dB → −121.6 dBm, below the −120 dBm weak floor: class none,
    // still served above the 4G interference cut-off (−135.24 dBm)
    expect(session.bestServerAt(106.5, 20.5 + 90 / KM_PER_DEGREE_LAT).value.rsrpDbm).toBeCloseTo(-121.6, 0);
    // 500 km: FSPL = 32.45 + 53.98 + 65.11 = 151.54 dB → −136.5 dBm, below the cut-off
    const far = session.bestServerAt(106.5, 20.5 + 500 / KM_PER_DEGREE_LAT).value;
    expect(far).toEqual({ cellIndex: -1, rsrpDbm: -Infinity, cell: null, sinrDb: null, throughputMbps: null, serversWithin6Db: 0 });
  });

  it('moves several cells in one updateCells reply, as single updates would', () => {
    const twoCells = `${SITES}\nS1,C2,106.5,20.5,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing`;
    const session = new EngineSession();
    session.load({ layer: 'wards', file: 'wards.geojson' }, ONE_WARD, noProgress);
    session.load({ layer: 'households', file: 'h.csv' }, 'household_id,lon,lat,count\nh1,106.5,20.6,1\n', noProgress);
    const { value: loaded } = session.load({ layer: 'sites', file: 'sites.csv' }, twoCells, noProgress);
    if (loaded.layer !== 'sites') throw new Error('not a sites reply');
    session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
    // both cells 300 km west: h1 (11 km north of them before) loses its server
    const moved = loaded.cells.map((cell) => ({ ...cell, lon: 103.6 }));
    const reply = session.updateCells([{ cellIndex: 0, cell: moved[0] }, { cellIndex: 1, cell: moved[1] }]).value;
    expect(Array.from(reply.changed)).toEqual([0]);
    expect(reply.statistics.wards[0].none).toBe(1);
    expect(session.bestServerAt(106.5, 20.6).value.cellIndex).toBe(-1);
  });

  it('keeps an edited cell for the next analysis, and setCells replaces the layer', () => {
    const session = new EngineSession();
    session.load({ layer: 'wards', file: 'wards.geojson' }, ONE_WARD, noProgress);
    session.load({ layer: 'households', file: 'h.csv' }, 'household_id,lon,lat,count\nh1,106.5,20.6,1\n', noProgress);
    const { value: loaded } = session.load({ layer: 'sites', file: 'sites.csv' }, SITES, noProgress);
    if (loaded.layer !== 'sites') throw new Error('not a sites reply');
    session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
    session.updateCell(0, { ...loaded.cells[0], lon: 103.6 });
    // re-run: the moved cell is still 300 km away, h1 has no server
    expect(session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress).value.statistics.total.none).toBe(1);
    session.setCells(loaded.cells);
    expect(() => session.bestServerAt(106.5, 20.6)).toThrow(/analyse/);
    // back in place: 11 km → FSPL 32.45 + 20.83 + 65.11 = 118.39 dB → −103.4 dBm, fair
    expect(session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress).value.statistics.total.fair).toBe(1);
  });
});
