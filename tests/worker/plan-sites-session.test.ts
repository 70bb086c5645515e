import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { EngineSession, type Progress } from '../../src/worker/engine-session.ts';

const noProgress: Progress = () => undefined;
const WARD = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { ward_id: 'W', name: 'Xã Thử' },
      geometry: { type: 'Polygon', coordinates: [[[106.6, 20.8], [106.8, 20.8], [106.8, 20.9], [106.6, 20.9], [106.6, 20.8]]] },
    },
  ],
});
// one existing 4G cell far to the west (60 km: out of reach), and two clusters of households with no signal:
// 30 households around (106.65, 20.85) and 12 around (106.75, 20.85), 10 km apart
const SITES = [
  'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status',
  'S1,C1,106.0,20.85,Viettel,4G,1800,30,,360,15,15,2,,urban,existing',
].join('\n');
const HOUSEHOLDS = [
  'household_id,lon,lat,count',
  'a1,106.650,20.850,10', 'a2,106.651,20.850,10', 'a3,106.650,20.851,10',
  'b1,106.750,20.850,4', 'b2,106.751,20.850,4', 'b3,106.750,20.851,4',
].join('\n');

describe('EngineSession.planSites', () => {
  it('picks the grid candidate that lifts the larger cluster first, then the other', async () => {
    const session = new EngineSession();
    session.load({ layer: 'wards', file: 'w.geojson' }, WARD, noProgress);
    session.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress);
    session.load({ layer: 'sites', file: 's.csv' }, SITES, noProgress);
    const analysis = session.analyse({ settings: DEFAULT_SETTINGS, zones: true }, noProgress).value;
    expect(analysis.statistics.total.none).toBe(42);
    const { plan, candidates } = (await session.planSites({ goal: { kind: 'count', count: 2 }, exact: false }, noProgress, null)).value;
    expect(candidates).toBeGreaterThanOrEqual(2);
    // a 4G template site (defaults) placed within a 500 m grid cell of a cluster reaches all of its households
    expect(plan.sites.map((site) => site.householdsGained)).toEqual([30, 12]);
    expect(plan.sites[0].siteId).toBe('NEW-001');
    expect(Math.abs(plan.sites[0].lon - 106.65)).toBeLessThan(0.01);
    expect(plan.sites[0].cells.every((cell) => cell.technology === '4G' && cell.siteId === 'NEW-001')).toBe(true);
    expect(plan.households.outAfter).toBe(42);
  });

  it('evaluates an operator proposal file alone against the analysis', async () => {
    const session = new EngineSession();
    session.load({ layer: 'wards', file: 'w.geojson' }, WARD, noProgress);
    session.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress);
    session.load({ layer: 'sites', file: 's.csv' }, SITES, noProgress);
    session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
    // P1 on cluster a (30 households, all without signal), P2 with a bad longitude (rejected, row 3)
    const proposals = [
      'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status',
      'P1,P1-1,106.6505,20.8505,Viettel,4G,1800,30,,360,15,15,2,,urban,proposed',
      'P2,P2-1,abc,20.85,Viettel,4G,1800,30,,360,15,15,2,,urban,proposed',
    ].join('\n');
    const bytes = new TextEncoder().encode(proposals);
    const { report, evaluations } = (await session.evaluateProposals([{ name: 'proposals.csv', bytes }])).value;
    expect([report.kept, report.rejected]).toEqual([1, 1]);
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0].siteId).toBe('P1');
    expect(evaluations[0].householdsLifted).toBe(30);
    expect(evaluations[0].householdsDuplicated).toBe(0);
    expect(evaluations[0].nearestExistingSiteId).toBe('S1');
    // S1 at 106.0° E, P1 at 106.6505° E on ≈ 20.85° N: 0.6505° × 111.32 km × cos 20.85° ≈ 67.7 km
    expect((evaluations[0].nearestExistingDistanceM ?? 0) / 1000).toBeCloseTo(67.7, 0);
  });
});
