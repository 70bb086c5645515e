import { describe, expect, it } from 'vitest';
import { patternLossDb, prepareCell, reachM, rsrpAtDbm } from '../../src/core/link-budget.ts';
import type { Cell } from '../../src/core/model.ts';

/** 4G macro sector: EIRP = 15.2 + 17 − 2 = 30.2 dBm per RE, 30 m mast, 1800 MHz. */
function cell(overrides: Partial<Cell> = {}): Cell {
  return {
    cellId: 'HP-001-1',
    siteId: 'HP-001',
    lon: 106.68,
    lat: 20.86,
    operator: 'Viettel',
    technology: '4G',
    bandMhz: 1800,
    heightM: 30,
    azimuthDeg: null,
    beamwidthDeg: 65,
    tiltDeg: null,
    rsPowerDbm: 15.2,
    antennaGainDbi: 17,
    feederLossDb: 2,
    model: 'fspl',
    environment: null,
    status: 'existing',
    channel: null,
    bandwidthMhz: null,
    ...overrides,
  };
}

const OPTIONS = { handsetHeightM: 1.5, los3gpp: false };

describe('prepareCell', () => {
  it('computes EIRP = rs_power + gain − feeder and keeps the cell’s geometry', () => {
    const prepared = prepareCell(cell(), 7, 'urban', OPTIONS);
    expect(prepared.eirpDbm).toBeCloseTo(30.2, 10);
    expect(prepared).toMatchObject({ cellIndex: 7, lon: 106.68, lat: 20.86, heightM: 30, handsetHeightM: 1.5, bandMhz: 1800 });
    expect(prepared).toMatchObject({ model: 'fspl', environment: 'urban', azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null });
  });

  it('chooses the model from band and environment when the cell names none', () => {
    const prepared = prepareCell(cell({ model: null }), 0, 'metropolitan', OPTIONS);
    expect(prepared.model).toBe('cost231-hata');
    // COST-231 metropolitan, h_b 30, h_m 1.5, 2 km: 46.3 + 33.9·log10 1800 (110.35374) − 13.82·log10 30 (20.41382)
    //   − a(h_m) (−0.000919) + 3 + (44.9 − 6.55·log10 30)·log10 2 (35.22486·0.301030 = 10.60374) = 149.8446 dB
    expect(prepared.pathLossDb(2000)).toBeCloseTo(149.8446, 3);
    expect(prepareCell(cell({ model: null, bandMhz: 3500 }), 0, 'rural', OPTIONS).model).toBe('3gpp-rma');
  });

  it('passes the LOS option to the 3GPP models', () => {
    // UMa 3.5 GHz, h_BS 25, 300 m: LOS 93.4073 dB, NLOS 121.2792 dB (worked in tr38901.test.ts)
    const uma = cell({ model: '3gpp-uma', bandMhz: 3500, heightM: 25 });
    expect(prepareCell(uma, 0, 'urban', { handsetHeightM: 1.5, los3gpp: true }).pathLossDb(300)).toBeCloseTo(93.4073, 3);
    expect(prepareCell(uma, 0, 'urban', { handsetHeightM: 1.5, los3gpp: false }).pathLossDb(300)).toBeCloseTo(121.2792, 3);
  });

  it('throws on a cell whose RF fields were never filled (an importer bug), naming the field', () => {
    expect(() => prepareCell(cell({ rsPowerDbm: Number.NaN }), 0, 'urban', OPTIONS)).toThrow(/HP-001-1: rsPowerDbm is NaN/);
    expect(() => prepareCell(cell({ beamwidthDeg: 0 }), 0, 'urban', OPTIONS)).toThrow(/beamwidthDeg must be > 0/);
    expect(() => prepareCell(cell({ bandMhz: -900 }), 0, 'urban', OPTIONS)).toThrow(/bandMhz must be > 0/);
  });
});

describe('rsrpAtDbm', () => {
  // FSPL, 1 km, h_BS 30, h_UT 1.5: d_3D = √(1000² + 28.5²) = 1000.4060 m
  // L = −27.5522 + 20·log10 1800 + 20·log10 1000.4060 = 37.5532 + 60.0035 = 97.5568 dB; RSRP = 30.2 − 97.5568
  const boresightDbm = -67.3568;

  it('is eirp − path loss for an omni cell, whatever the bearing', () => {
    const prepared = prepareCell(cell(), 0, 'urban', OPTIONS);
    for (const bearing of [0, 45, -170, 359]) expect(rsrpAtDbm(prepared, 1000, bearing)).toBeCloseTo(boresightDbm, 3);
  });

  it('subtracts the horizontal pattern of a sector (φ = 60°, 65° beam: 10.2249 dB)', () => {
    const prepared = prepareCell(cell({ azimuthDeg: 120 }), 0, 'urban', OPTIONS);
    expect(rsrpAtDbm(prepared, 1000, 180)).toBeCloseTo(boresightDbm - 10.2249, 3);
    expect(rsrpAtDbm(prepared, 1000, 60)).toBeCloseTo(boresightDbm - 10.2249, 3);
    expect(rsrpAtDbm(prepared, 1000, 120)).toBeCloseTo(boresightDbm, 3);
    // behind: 25 dB
    expect(rsrpAtDbm(prepared, 1000, -60)).toBeCloseTo(boresightDbm - 25, 3);
    expect(patternLossDb(prepared, 1000, -60)).toBe(25);
  });

  it('accepts turf bearings (−180…180): azimuth 300° and bearing −60° are boresight', () => {
    const prepared = prepareCell(cell({ azimuthDeg: 300 }), 0, 'urban', OPTIONS);
    expect(rsrpAtDbm(prepared, 1000, -60)).toBeCloseTo(boresightDbm, 3);
  });

  it('adds the vertical pattern only for a tilted cell, from the prepared handset height', () => {
    // tilt 6°, 1 km: θ = atan2(28.5, 1000) = 1.6325°, A_V = 12·((1.6325 − 6)/10)² = 2.2890 dB
    const tilted = prepareCell(cell({ azimuthDeg: 0, tiltDeg: 6 }), 0, 'urban', OPTIONS);
    expect(patternLossDb(tilted, 1000, 0)).toBeCloseTo(2.289, 3);
    expect(rsrpAtDbm(tilted, 1000, 0)).toBeCloseTo(boresightDbm - 2.289, 3);
    // a 10 m handset: θ = atan2(20, 1000) = 1.1458°, A_V = 12·(4.8542/10)² = 2.8276 dB
    const tenMetres = prepareCell(cell({ azimuthDeg: 0, tiltDeg: 6 }), 0, 'urban', { handsetHeightM: 10, los3gpp: false });
    expect(patternLossDb(tenMetres, 1000, 0)).toBeCloseTo(2.8276, 3);
  });
});

describe('reachM', () => {
  it('inverts FSPL: eirp − L(d) = floor ⇔ d = √(10^((eirp − floor − 37.5532)/10) − 28.5²)', () => {
    // floor −90: (30.2 + 90 − 37.55323)/10 = 8.264677 → √(10^8.264677 − 812.25) = 13,562.43 m
    const prepared = prepareCell(cell(), 0, 'urban', OPTIONS);
    expect(reachM(prepared, -90)).toBeCloseTo(13562.43, 1);
  });

  it('inverts COST-231-Hata: d_km = 10^((eirp − floor − L(1 km))/B)', () => {
    // urban, h_b 30, h_m 1.5: L(1 km) = 46.3 + 110.35374 − 20.41382 − 0.042975 = 136.19695, B = 35.22486
    // floor −110: 10^((140.2 − 136.19695)/35.22486) = 10^0.113642 = 1.299101 km
    const prepared = prepareCell(cell({ model: 'cost231-hata' }), 0, 'urban', OPTIONS);
    expect(reachM(prepared, -110)).toBeCloseTo(1299.1, 0);
  });

  it('lands on the last distance that clears the floor, across the UMa breakpoint and max(LOS, NLOS)', () => {
    const prepared = prepareCell(cell({ model: '3gpp-uma', bandMhz: 3500, heightM: 25 }), 0, 'urban', OPTIONS);
    for (const floorDbm of [-90, -100, -110, -120]) {
      const reach = reachM(prepared, floorDbm);
      expect(reach).toBeGreaterThan(10);
      expect(prepared.eirpDbm - prepared.pathLossDb(reach)).toBeGreaterThanOrEqual(floorDbm);
      expect(prepared.eirpDbm - prepared.pathLossDb(reach + 0.01)).toBeLessThan(floorDbm);
    }
  });

  it('ignores the pattern (boresight reach)', () => {
    const omni = prepareCell(cell({ model: '3gpp-rma' }), 0, 'rural', OPTIONS);
    const sector = prepareCell(cell({ model: '3gpp-rma', azimuthDeg: 90, tiltDeg: 4 }), 0, 'rural', OPTIONS);
    expect(reachM(sector, -115)).toBe(reachM(omni, -115));
  });

  it('is 0 when even the mast foot misses the floor, and capped at maxM', () => {
    const prepared = prepareCell(cell(), 0, 'urban', OPTIONS);
    // at the foot: L = 37.5532 + 20·log10 28.5 = 66.6501 dB → RSRP −36.45 dBm < −30
    expect(reachM(prepared, -30)).toBe(0);
    // floor −120: FSPL reach would be ~429 km
    expect(reachM(prepared, -120)).toBe(100_000);
    expect(reachM(prepared, -120, 5_000)).toBe(5_000);
  });
});
