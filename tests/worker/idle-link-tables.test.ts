/**
 * Idle time before the first analysis prepares what it builds at its start (EngineSession.idleSteps, warm-up.ts):
 * its link-budget tables, its household tiles' layout, the tables in the sums' WebAssembly memory and the weak
 * zones' land mask; the analysis then builds and copies none of them, and its numbers are those of a session that
 * prepared nothing ahead; the sums partner is started to prepare its own (its side:
 * tests/core/coverage/sums-partner.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { forgetRetiredBatch, tableBytesPlaced } from '../../src/core/coverage/household-batch.ts';
import { tileLayoutsMade } from '../../src/core/coverage/household-tiles.ts';
import { linkTableValuesBuilt } from '../../src/core/coverage/link-tables.ts';
import { zoneLandsMade } from '../../src/core/coverage/zone-land.ts';
import type { PartnerInput } from '../../src/core/coverage/sums-partner.ts';
import { DEFAULT_SETTINGS, ENVIRONMENTS } from '../../src/core/model.ts';
import { EngineSession } from '../../src/worker/engine-session.ts';
import { box, noProgress } from './hand-worked-network.ts';

const WARD = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { ward_id: 'W', name: 'Phường Thử' }, geometry: box(106, 20, 107, 21) }] });
// powers and heights no other test uses, so that their tables are not in the process' cache already; the second
// cell gives no environment (it is read from the household density around it)
const SITES = [
  'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status',
  'S1,S1-1,106.50,20.50,Viettel,4G,1800,31.7,40,65,17.37,15,2,cost231-hata,urban,existing',
  'S2,S2-1,106.53,20.52,Viettel,4G,1800,27.3,220,65,16.91,15,2,cost231-hata,,existing',
].join('\n');
const HOUSEHOLDS = ['household_id,lon,lat,count', ...Array.from({ length: 40 }, (_, i) => `h${i},${(106.49 + 0.002 * i).toFixed(4)},${(20.49 + 0.0015 * i).toFixed(4)},${1 + (i % 5)}`)].join('\n');

function loadedSession(warmSumsPartner?: ConstructorParameters<typeof EngineSession>[1]): EngineSession {
  const session = new EngineSession(undefined, warmSumsPartner);
  session.load({ layer: 'wards', file: 'w.geojson' }, WARD, noProgress);
  expect(session.load({ layer: 'sites', file: 's.csv' }, SITES, noProgress).value.report.kept).toBe(2);
  session.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress);
  return session;
}

const drain = (steps: Iterator<unknown>): number => {
  let count = 0;
  for (let step = steps.next(); step.done !== true; step = steps.next()) count++;
  return count;
};

describe('the first analysis prepared while the worker is idle', () => {
  it("builds its tables, tiles and sums' memory ahead, goes on after an interruption, and the analysis builds none, with the same numbers", () => {
    const request = { settings: DEFAULT_SETTINGS, zones: true };
    // the thread's sums memory of other tests' analyses would be taken over instead
    forgetRetiredBatch();
    const partnerWarmUps: PartnerInput[] = [];
    const session = loadedSession((input) => partnerWarmUps.push(input));
    const before = linkTableValuesBuilt();
    const idle = session.idleSteps();
    expect(idle).not.toBeNull();
    // a request came at the first step: the worker closes what it iterated; the next idle time goes on
    idle!.next();
    idle!.return(undefined);
    expect(partnerWarmUps).toEqual([]);
    drain(session.idleSteps()!);
    const warmed = linkTableValuesBuilt();
    const layouts = tileLayoutsMade();
    const tableBytes = tableBytesPlaced();
    const zoneLands = zoneLandsMade();
    // the tables built, the sums partner is started to build its own: once, for the analysed cells with their
    // environments (the second's from the household density), over the 40 household points
    expect(partnerWarmUps).toHaveLength(1);
    const [input] = partnerWarmUps;
    expect(input.households.length).toBe(40);
    expect(input.settings).toBe(DEFAULT_SETTINGS);
    expect(input.cells.map((cell) => cell.cellId)).toEqual(['S1-1', 'S2-1']);
    expect(input.cells[0].environment).toBe('urban');
    expect(ENVIRONMENTS).toContain(input.cells[1].environment);
    // the fixture's tables were new to the process, and idle time built them
    expect(warmed).toBeGreaterThan(before);
    // done once for these cells (and no fibre to cover): nothing left to do while idle
    expect(session.idleSteps()).toBeNull();

    const analysed = session.analyse(request, noProgress).value;
    expect(linkTableValuesBuilt()).toBe(warmed);
    expect(tileLayoutsMade()).toBe(layouts);
    expect(tableBytesPlaced()).toBe(tableBytes);
    expect(zoneLandsMade()).toBe(zoneLands);
    // after an analysis, idle time prepares no engine again (an edit's few new tables are the next run's), only
    // what the first edit would set up (the statistics' running medians)
    drain(session.idleSteps()!);
    expect(session.idleSteps()).toBeNull();
    expect(linkTableValuesBuilt()).toBe(warmed);
    expect(partnerWarmUps).toHaveLength(1);

    // the numbers of a session that prepared nothing ahead
    const fresh = loadedSession().analyse(request, noProgress).value;
    expect(analysed.statistics.wards).toEqual(fresh.statistics.wards);
    expect(Array.from(analysed.coverage.rsrpDbm)).toEqual(Array.from(fresh.coverage.rsrpDbm));
    expect(Array.from(analysed.coverage.sinrDb!)).toEqual(Array.from(fresh.coverage.sinrDb!));
  });
});
