import { describeIssue } from '../../src/io/issue-messages.ts';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/cancelled-error.ts';
import { applyCoverageDelta } from '../../src/core/coverage/coverage-result.ts';
import { tableBytesPlaced } from '../../src/core/coverage/household-batch.ts';
import { applyWardStatisticsDelta } from '../../src/core/coverage/ward-statistics.ts';
import { DEFAULT_SETTINGS, type Cell } from '../../src/core/model.ts';
import { runSteps, runStepsAsync } from '../../src/core/steps.ts';
import { JoinedIds } from '../../src/core/household-ids.ts';
import { encodeLayerBinary, LayerBinaryError } from '../../src/io/layer-binary.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { EngineSession, type Progress } from '../../src/worker/engine-session.ts';
import { packHouseholds, unpackHouseholds } from '../../src/worker/packed-strings.ts';
import type { LoadResponse } from '../../src/worker/protocol.ts';
import { indexWards } from '../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../src/core/coverage/coverage-engine.ts';
import type { CoverageResult } from '../../src/core/coverage/coverage-result.ts';
import { PlaceEnvironment } from '../../src/core/resolve-environment.ts';
import { parseWards } from '../../src/io/parse-wards.ts';
import { mulberry32 } from '../../scripts/generate/random.ts';

const noProgress: Progress = () => undefined;

/** Two unit-ish squares side by side: west (W) 106.0–106.5, east (E) 106.5–107.0, both 20.0–20.5. */
const WARDS = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { ward_id: 'W', name: 'Phường Tây' }, geometry: square(106.0, 20.0, 106.5, 20.5) },
    { type: 'Feature', properties: { ward_id: 'E', name: 'Xã Đông' }, geometry: square(106.5, 20.0, 107.0, 20.5) },
  ],
});

/** One ward spanning both. */
const ONE_WARD = JSON.stringify({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { ward_id: 'ALL', name: 'Toàn bộ' }, geometry: square(105.0, 19.0, 108.0, 23.0) }],
});

function square(west: number, south: number, east: number, north: number) {
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

// h1, h2 in W (2 + 3 households), h3 in E (4), h4 in neither (5, outside both squares)
const HOUSEHOLDS = 'household_id,lon,lat,count\nh1,106.1,20.1,2\nh2,106.2,20.2,3\nh3,106.8,20.3,4\nh4,110.0,20.3,5\n';

function load(session: EngineSession, layer: 'wards' | 'households' | 'sites', text: string, file = `${layer}.txt`) {
  return session.load({ layer, file }, text, noProgress).value;
}

function householdsPerWard(response: LoadResponse): number[] {
  if (!('assignment' in response) || response.assignment === null) throw new Error('no assignment in the reply');
  return Array.from(response.assignment.householdsPerWard);
}

describe('EngineSession loading', () => {
  it('sums households per ward and notes those outside every ward', () => {
    const session = new EngineSession();
    load(session, 'wards', WARDS);
    const response = load(session, 'households', HOUSEHOLDS);
    // W: 2 + 3 = 5, E: 4; h4 (5 households) lies outside both
    expect(householdsPerWard(response)).toEqual([5, 4]);
    if (response.layer !== 'households') throw new Error('wrong layer');
    expect(response.assignment.outsideHouseholds).toBe(5);
    expect(response.report.format).toBe('csv');
    const note = response.report.issues.find((issue) => issue.code === 'outside-all-wards');
    // one point (h4) of 5 households: households and points counted apart
    expect(note).toMatchObject({ severity: 'warning', index: null, params: { count: 5, points: 1 } });
    expect(describeIssue(note!, 'vi')).toContain('5 hộ (ở 1 điểm)');
  });

  it('relocates the households when the wards are replaced', () => {
    const session = new EngineSession();
    load(session, 'wards', WARDS);
    load(session, 'households', HOUSEHOLDS);
    // h4 at 110 E is outside the big ward too: 2 + 3 + 4 = 9 inside
    expect(householdsPerWard(load(session, 'wards', ONE_WARD))).toEqual([9]);
  });

  it('keeps the previous layer when an import fails', () => {
    const session = new EngineSession();
    load(session, 'wards', WARDS);
    const failed = load(session, 'wards', '{"type": "FeatureCollection", "features": [', 'broken.geojson');
    expect(failed.report.status).toBe('failed');
    expect(householdsPerWard(load(session, 'households', HOUSEHOLDS))).toEqual([5, 4]);
  });

  it("loads a layer's binary form as its text: the same reply; a damaged one is refused and changes nothing", () => {
    const fromText = new EngineSession();
    load(fromText, 'wards', WARDS);
    const textReply = load(fromText, 'households', HOUSEHOLDS, 'h.csv');
    const fromBinary = new EngineSession();
    load(fromBinary, 'wards', WARDS);
    const binary = encodeLayerBinary({ layer: 'households', result: parseHouseholds(HOUSEHOLDS, 'h.csv') }, { file: 'h.csv', bytes: HOUSEHOLDS.length, fnv1a: 0 });
    expect(fromBinary.loadBinary('households', binary, noProgress).value).toStrictEqual(textReply);
    const damaged = binary.slice();
    damaged[damaged.length - 1] ^= 1;
    const session = new EngineSession();
    load(session, 'wards', WARDS);
    expect(() => session.loadBinary('households', damaged, noProgress)).toThrow(LayerBinaryError);
    expect(() => session.loadBinary('wards', binary, noProgress)).toThrow(/wards layer has no binary form/);
    expect(() => session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress)).toThrow(/no households are loaded/);
  });

  it('restores binary-loaded households from the page\'s snapshot: a new worker places and analyses them alike', () => {
    const first = new EngineSession();
    const wards = load(first, 'wards', WARDS);
    if (wards.layer !== 'wards') throw new Error('wrong layer');
    const binary = encodeLayerBinary({ layer: 'households', result: parseHouseholds(HOUSEHOLDS, 'h.csv') }, { file: 'h.csv', bytes: HOUSEHOLDS.length, fnv1a: 0 });
    const reply = first.loadBinary('households', binary, noProgress);
    first.setCells([CELL]);
    if (reply.value.layer !== 'households') throw new Error('wrong layer');
    // the page keeps the reply's households (ids joined) and packs them again for a restarted worker
    const onPage = unpackHouseholds(structuredClone(reply.value.households, { transfer: reply.transfer as ArrayBuffer[] }));
    expect(onPage.ids).toBeInstanceOf(JoinedIds);
    const snapshot = structuredClone({ wards: wards.wards, land: null, cells: [CELL], households: packHouseholds(onPage), fibre: null, zones: null });
    const restarted = new EngineSession();
    restarted.restore(snapshot);
    const settings = { settings: DEFAULT_SETTINGS, zones: false };
    const [again, before] = [restarted.analyse(settings, noProgress).value, first.analyse(settings, noProgress).value];
    expect(Array.from(again.coverage.rsrpDbm)).toEqual(Array.from(before.coverage.rsrpDbm));
    expect(again.statistics).toEqual(before.statistics);
    // h1–h3 served by the one cell; h4, 400 km east, by none
    expect(Array.from(again.coverage.bestCell)).toEqual([0, 0, 0, -1]);
  });

  it("takes a cell's environment from the wards loaded now, not from those of an earlier analysis", () => {
    // no environment given: the cell's comes from its ward (when the wards give one) or the households' density
    const cell: Cell = { ...CELL, model: 'cost231-hata', environment: null };
    const metropolitan = ONE_WARD.replace('"name":"Toàn bộ"', '"name":"Toàn bộ","environment":"metropolitan"');
    expect(metropolitan).not.toBe(ONE_WARD);
    const withWards = (wards: string) => {
      const session = new EngineSession();
      load(session, 'wards', wards);
      // 1 km north of the cell
      load(session, 'households', 'household_id,lon,lat,count\nh1,106.5,20.509,1\n');
      session.setCells([cell]);
      return session;
    };
    const settings = { settings: DEFAULT_SETTINGS, zones: false };
    const session = withWards(ONE_WARD);
    const before = session.analyse(settings, noProgress).value.coverage.rsrpDbm[0];
    load(session, 'wards', metropolitan);
    const after = session.analyse(settings, noProgress).value.coverage.rsrpDbm[0];
    expect(after).toBe(withWards(metropolitan).analyse(settings, noProgress).value.coverage.rsrpDbm[0]);
    // COST-231 Hata's metropolitan correction (+3 dB) over the density's rural or suburban one
    expect(before - after).toBeGreaterThan(2.9);
  });

  it('replies with copies: transferring them leaves the session intact', () => {
    const session = new EngineSession();
    load(session, 'wards', WARDS);
    const reply = session.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress);
    // the assignment's two arrays, the households' three, the packed ids' ends, the ward ids' codes
    expect(reply.transfer.length).toBe(7);
    // transferring detaches the reply's buffers, as postMessage does
    structuredClone(reply.value, { transfer: reply.transfer as ArrayBuffer[] });
    if (reply.value.layer !== 'households') throw new Error('wrong layer');
    expect(reply.value.households.lon.length).toBe(0);
    // the session still has its own arrays: relocating after a ward change works
    expect(householdsPerWard(load(session, 'wards', WARDS))).toEqual([5, 4]);
  });
});

/**
 * One omni FSPL cell at (106.5, 20.5), 30 m high, EIRP 5 + 10 − 0 = 15 dBm, 1800 MHz. FSPL (ITU-R P.525):
 * L = 32.45 + 20·log10(f_MHz) + 20·log10(d_km) = 97.55 + 20·log10(d_km) dB at 1800 MHz.
 * - h1 100 m north: 3D distance √(100² + 28.5²) = 104.0 m → L = 97.55 − 19.66 = 77.89 → RSRP −62.9: good
 * - h2 20 km north: L = 97.55 + 26.02 = 123.57 → −108.6: fair (≥ −110)
 * - h3 40 km north: L = 97.55 + 32.04 = 129.59 → −114.6: weak (≥ −120)
 * - h4 90 km north: L = 97.55 + 39.08 = 136.63 → −121.6: none
 * North offsets use 110.7 km per degree of latitude at 20.5°–21.3° N (WGS84 meridian arc ≈ 110.70–110.72 km).
 */
const CELL: Cell = {
  cellId: 'C1',
  siteId: 'S1',
  lon: 106.5,
  lat: 20.5,
  operator: 'Viettel',
  technology: '4G',
  bandMhz: 1800,
  heightM: 30,
  azimuthDeg: null,
  beamwidthDeg: 360,
  tiltDeg: null,
  rsPowerDbm: 5,
  antennaGainDbi: 10,
  feederLossDb: 0,
  model: 'fspl',
  environment: 'urban',
  status: 'existing',
  channel: null,
  bandwidthMhz: null,
};
const KM_PER_DEGREE_LAT = 110.7;
const north = (km: number) => (20.5 + km / KM_PER_DEGREE_LAT).toFixed(6);
const FSPL_HOUSEHOLDS = [
  'household_id,lon,lat,count',
  `h1,106.5,${north(0.1)},3`,
  `h2,106.5,${north(20)},5`,
  `h3,106.5,${north(40)},7`,
  `h4,106.5,${north(90)},11`,
].join('\n');

describe('EngineSession analysis', () => {
  it('refuses to analyse without households, and to edit before an analysis', () => {
    const session = new EngineSession();
    expect(() => session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress)).toThrow(/households/);
    expect(() => session.removeCell(0)).toThrow(/analyse/);
  });

  it('classifies households by the hand-worked FSPL link budget and sums them per ward', () => {
    const session = new EngineSession();
    load(session, 'wards', ONE_WARD);
    load(session, 'households', FSPL_HOUSEHOLDS);
    const sitesCsv = [
      'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status',
      'S1,C1,106.5,20.5,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing',
    ].join('\n');
    expect(load(session, 'sites', sitesCsv).report.kept).toBe(1);
    const stages: string[] = [];
    const { value } = session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, (stage) => stages.push(stage));
    expect(Array.from(value.coverage.signalClass)).toEqual([0, 1, 2, 3]);
    // h4, 90 km away (−121.6 dBm), is of class none but still served above the 4G interference cut-off (−135.2 dBm)
    expect(Array.from(value.coverage.bestCell)).toEqual([0, 0, 0, 0]);
    expect(value.coverage.rsrpDbm[0]).toBeCloseTo(-62.9, 1);
    expect(value.coverage.rsrpDbm[2]).toBeCloseTo(-114.6, 1);
    // one cell: SINR = S / N = −62.9 + 125.24 = 62.3 dB, capped efficiency 4.4 × 20 MHz × 2 layers = 176 Mb/s;
    // h3: −114.6 + 125.24 = 10.6 dB → 0.6·log2(1 + 11.5) × 40 = 87.5 Mb/s; h4: 3.6 dB, but below the no-signal
    // floor (−120 dBm): no service, no throughput (the curve would give 0.6·log2(3.31) × 40 = 41.5 Mb/s)
    expect(value.coverage.sinrDb[0]).toBeCloseTo(62.3, 0);
    expect(value.coverage.throughputMbps[0]).toBeCloseTo(176, 3);
    expect(value.coverage.throughputMbps[2]).toBeCloseTo(87.5, 0);
    expect(value.coverage.sinrDb[3]).toBeCloseTo(3.6, 0);
    expect(value.coverage.throughputMbps[3]).toBeNaN();
    const [ward] = value.statistics.wards;
    expect([ward.good, ward.fair, ward.weak, ward.none]).toEqual([3, 5, 7, 11]);
    // weak % = (7 + 11) / 26 × 100 = 69.23
    expect(ward.weakPct).toBeCloseTo(69.23, 2);
    // every household with service reaches the 40 Mb/s 4G target: 3 + 5 + 7 of 26, h4's 11 have no signal
    expect(ward.speedOkHouseholds).toBe(15);
    expect(value.zones).toBeNull();
    expect(stages).toContain('analyse');
  });

  it('updates the statistics after a cell is moved away, removed or added back', () => {
    const session = new EngineSession();
    load(session, 'wards', ONE_WARD);
    load(session, 'households', FSPL_HOUSEHOLDS);
    load(session, 'sites', 'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status\nS1,C1,106.5,20.5,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing');
    session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
    // 300 km west: out of every household's reach, so all 26 households lose their server
    const moved = session.updateCell(0, { ...CELL, lon: 103.6 }).value;
    expect(moved.statistics.wards[0].none).toBe(26);
    expect(moved.statistics.wards[0].speedOkHouseholds).toBe(0);
    expect(Array.from(moved.changed).sort()).toEqual([0, 1, 2, 3]);
    const added = session.addCell(CELL).value;
    expect(added.cellIndex).toBe(1);
    expect(added.statistics.wards[0].good).toBe(3);
    const removed = session.removeCell(1).value;
    expect(removed.statistics.wards[0].none).toBe(26);
  });

  it.each([false, true])('replies to an edit with the changed households only, which bring the copy in the app to a fresh run (idle time between: %s)', (idle) => {
    const session = new EngineSession();
    load(session, 'wards', ONE_WARD);
    load(session, 'households', FSPL_HOUSEHOLDS);
    load(session, 'sites', 'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status\nS1,C1,106.5,20.5,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing');
    const app = session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress).value;
    if (idle) {
      // idle time sets up what the first edit would otherwise, once: the statistics' running medians and the
      // tables of the edits' interference sums
      const steps = session.idleSteps();
      expect(steps).not.toBeNull();
      for (let step = steps!.next(); step.done !== true; step = steps!.next());
      expect(session.idleSteps()).toBeNull();
    }
    // 1 km north: every household gets another RSRP and SINR (h4, 89 km away, −121.5 dBm, is still served)
    const moved = { ...CELL, lat: Number(north(1)) };
    const tableBytes = tableBytesPlaced();
    const change = session.updateCell(0, moved).value;
    // the moved cell keeps its tables (they follow its power, height and pattern, not its place)
    if (idle) expect(tableBytesPlaced()).toBe(tableBytes);
    else expect(tableBytesPlaced()).toBeGreaterThan(tableBytes);
    expect(Array.from(change.changed).sort()).toEqual([0, 1, 2, 3]);
    expect(change.signalClass).toHaveLength(4);
    expect(change.sinrDb).toHaveLength(4);
    applyCoverageDelta(app.coverage, change);
    const statistics = applyWardStatisticsDelta(app.statistics, change.statistics);
    const fresh = new EngineSession();
    load(fresh, 'wards', ONE_WARD);
    load(fresh, 'households', FSPL_HOUSEHOLDS);
    fresh.setCells([moved]);
    const rerun = fresh.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress).value;
    expect(Array.from(app.coverage.signalClass)).toEqual(Array.from(rerun.coverage.signalClass));
    expect(Array.from(app.coverage.bestCell)).toEqual(Array.from(rerun.coverage.bestCell));
    expect(Array.from(app.coverage.rsrpDbm)).toEqual(Array.from(rerun.coverage.rsrpDbm));
    expect(Array.from(app.coverage.sinrDb)).toEqual(Array.from(rerun.coverage.sinrDb));
    expect(Array.from(app.coverage.throughputMbps)).toEqual(Array.from(rerun.coverage.throughputMbps));
    expect(statistics).toEqual(rerun.statistics);
  });

  it('keeps the previous analysis when a run is cancelled between two slices', async () => {
    const session = new EngineSession();
    load(session, 'wards', ONE_WARD);
    load(session, 'households', FSPL_HOUSEHOLDS);
    load(session, 'sites', 'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status\nS1,C1,106.5,20.5,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing');
    session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
    let clock = 0;
    // a 5G run (no 5G cell: nobody would be served), cancelled at its first pause
    const cancelled = runStepsAsync(session.analyseSteps({ settings: { ...DEFAULT_SETTINGS, technology: '5G' }, zones: true }), {
      isCancelled: () => true,
      pause: async () => undefined,
      now: () => clock++,
      sliceMs: 0,
    });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    // the 4G analysis still answers: h1, 100 m from the cell, is served by it
    expect(session.bestServerAt(106.5, Number(north(0.1))).value.cellIndex).toBe(0);
    expect(session.removeCell(0).value.statistics.total.none).toBe(26);
  });
});

describe('EngineSession: the analysis the app expects, computed while idle', () => {
  const SITES = 'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status\nS1,C1,106.5,20.5,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing';
  const REQUEST = { settings: DEFAULT_SETTINGS, zones: false };

  function loaded(): EngineSession {
    const session = new EngineSession();
    load(session, 'wards', ONE_WARD);
    load(session, 'households', FSPL_HOUSEHOLDS);
    load(session, 'sites', SITES);
    return session;
  }

  /** Runs the idle work: all of it, or its first `steps` steps (a request then stops it). */
  function idle(session: EngineSession, steps = Infinity): void {
    const work = session.idleSteps();
    for (let k = 0; work !== null && k < steps && work.next().done !== true; k++);
    work?.return(undefined);
  }

  /** The steps of a fresh session's whole idle work with `request` expected. */
  function countIdleSteps(request: typeof REQUEST | null): number {
    const session = loaded();
    session.expectAnalysis(request);
    let steps = 0;
    for (const work = session.idleSteps()!; work.next().done !== true; ) steps++;
    return steps;
  }

  /** The same analysis in a session that computed nothing ahead, with `cells`. */
  function freshAnalysis(cells: Cell[] | null = null) {
    const fresh = loaded();
    if (cells !== null) fresh.setCells(cells);
    return fresh.analyse(REQUEST, noProgress).value;
  }

  function expectSameResult(value: ReturnType<typeof freshAnalysis>, reference: ReturnType<typeof freshAnalysis>): void {
    for (const key of ['signalClass', 'bestCell', 'rsrpDbm', 'sinrDb', 'throughputMbps'] as const) {
      expect(Array.from(value.coverage[key])).toEqual(Array.from(reference.coverage[key]));
    }
    expect(value.statistics).toEqual(reference.statistics);
  }

  /** The weak-signal zones a session that computed nothing ahead outlines for the same analysis. */
  function freshZones() {
    const fresh = loaded();
    fresh.analyse(REQUEST, noProgress);
    return runSteps(fresh.analysisZonesSteps()).value.zones;
  }

  it('hands the analysis computed ahead, and its zones, to the request for it, with the result of a fresh run', () => {
    const session = loaded();
    session.expectAnalysis(REQUEST);
    idle(session);
    // done: idle time has nothing left to do before the first edit's preparation, which needs an analysis
    expect(session.idleSteps()).toBeNull();
    const { value } = session.analyse(REQUEST, noProgress);
    expect(value.computedAhead).toBe('whole');
    expectSameResult(value, freshAnalysis());
    // the zones, outlined in idle time after the analysis, come with it
    expect(value.zones).not.toBeNull();
    expect(value.zones).toEqual(freshZones());
    expect(runSteps(session.analysisZonesSteps()).value.zones).toBe(value.zones);
    // the analysis is the session's: its edits work on it
    expect(session.removeCell(0).value.statistics.total.none).toBe(26);
  });

  it('goes on outlining the zones idle time had begun, once the app asks for them', () => {
    const session = loaded();
    session.expectAnalysis(REQUEST);
    // the last idle step is the zones' last: stopped one before, their outline is under way
    idle(session, countIdleSteps(REQUEST) - 1);
    const { value } = session.analyse(REQUEST, noProgress);
    expect(value.computedAhead).toBe('whole');
    expect(value.zones).toBeNull();
    /** A request's zones, and how many steps it took. */
    const zonesOf = (on: EngineSession) => {
      const steps = on.analysisZonesSteps();
      let count = 0;
      for (let next = steps.next(); ; next = steps.next(), count++) if (next.done === true) return { zones: next.value.value.zones, count };
    };
    const fresh = loaded();
    fresh.analyse(REQUEST, noProgress);
    const outlined = zonesOf(fresh);
    const resumed = zonesOf(session);
    expect(resumed.zones).toEqual(outlined.zones);
    // from where idle time left them: one step, not the whole outline
    expect(resumed.count).toBeLessThan(outlined.count);
  });

  it('goes on with an analysis idle time had begun, and computes afresh one it had not', () => {
    // the warm-up's steps come first, then the analysis'
    const warmUpSteps = countIdleSteps(null);
    expect(countIdleSteps(REQUEST)).toBeGreaterThan(warmUpSteps + 2);
    const partly = loaded();
    partly.expectAnalysis(REQUEST);
    idle(partly, warmUpSteps + 2);
    const part = partly.analyse(REQUEST, noProgress).value;
    expect(part.computedAhead).toBe('part');
    expectSameResult(part, freshAnalysis());
    const unexpected = loaded();
    expect(unexpected.analyse(REQUEST, noProgress).value.computedAhead).toBe('none');
  });

  it('computes nothing ahead for another request, or once the expectation is withdrawn', () => {
    const session = loaded();
    session.expectAnalysis({ settings: { ...DEFAULT_SETTINGS, operator: 'MobiFone' }, zones: false });
    idle(session);
    const value = session.analyse(REQUEST, noProgress).value;
    expect(value.computedAhead).toBe('none');
    expectSameResult(value, freshAnalysis());
    const withdrawn = loaded();
    withdrawn.expectAnalysis(REQUEST);
    withdrawn.expectAnalysis(null);
    idle(withdrawn);
    expect(withdrawn.analyse(REQUEST, noProgress).value.computedAhead).toBe('none');
    // while the session holds an analysis (its edits run), idle time computes none ahead
    const analysed = loaded();
    analysed.analyse({ settings: { ...DEFAULT_SETTINGS, technology: '5G' }, zones: false }, noProgress);
    analysed.expectAnalysis(REQUEST);
    idle(analysed);
    expect(analysed.analyse(REQUEST, noProgress).value.computedAhead).toBe('none');
  });

  it('computes it again for the data loaded since, never handing over a result of older data', () => {
    const session = loaded();
    session.expectAnalysis(REQUEST);
    idle(session);
    // the site moved 20 km north after the analysis was computed ahead
    const moved = { ...CELL, lat: Number(north(20)) };
    session.setCells([moved]);
    idle(session);
    const value = session.analyse(REQUEST, noProgress).value;
    expect(value.computedAhead).toBe('whole');
    expectSameResult(value, freshAnalysis([moved]));
    // without idle time between the change and the request, the request computes it itself
    const hurried = loaded();
    hurried.expectAnalysis(REQUEST);
    idle(hurried);
    hurried.setCells([moved]);
    const direct = hurried.analyse(REQUEST, noProgress).value;
    expect(direct.computedAhead).toBe('none');
    expectSameResult(direct, freshAnalysis([moved]));
  });
});

describe('EngineSession: a large household layer in locality order', () => {
  // 70,000 points (over LAYER_LOCALITY_MIN_POINTS) spread at random over both wards, listed in that random order
  const POINTS = 70_000;
  const random = mulberry32(20261207);
  const rows = ['household_id,lon,lat,count'];
  for (let i = 0; i < POINTS; i++) rows.push(`h${i},${(106 + random()).toFixed(6)},${(20 + random() / 2).toFixed(6)},${1 + (i % 3)}`);
  const LARGE = rows.join('\n');
  const second: Cell = { ...CELL, cellId: 'C2', siteId: 'S2', lon: 106.2, lat: 20.2 };
  const settings = { settings: DEFAULT_SETTINGS, zones: false };

  /** Mean ground distance between consecutive points, degrees (a file in no order: about a third of the extent). */
  const meanStep = (lon: ArrayLike<number>, lat: ArrayLike<number>) => {
    let sum = 0;
    for (let i = 1; i < lon.length; i++) sum += Math.hypot(lon[i] - lon[i - 1], lat[i] - lat[i - 1]);
    return sum / (lon.length - 1);
  };

  it('keeps it in locality order, and every household gets the results of its file row', () => {
    const session = new EngineSession();
    load(session, 'wards', WARDS);
    const reply = load(session, 'households', LARGE);
    if (reply.layer !== 'households') throw new Error('wrong layer');
    const kept = unpackHouseholds(reply.households);
    const file = parseHouseholds(LARGE, 'h.csv').data;
    expect(kept.length).toBe(POINTS);
    // the same points, in another order: near ones together
    const rowOf = new Map(Array.from({ length: POINTS }, (_, row) => [file.ids.at(row)!, row]));
    const rows = Array.from({ length: POINTS }, (_, k) => rowOf.get(kept.ids.at(k)!)!);
    expect(new Set(rows).size).toBe(POINTS);
    expect(rows.slice(0, 5)).not.toEqual([0, 1, 2, 3, 4]);
    rows.forEach((row, k) => {
      if (kept.lon[k] !== file.lon[row] || kept.lat[k] !== file.lat[row] || kept.count[k] !== file.count[row]) throw new Error(`point ${k} is not row ${row}`);
    });
    expect(meanStep(kept.lon, kept.lat)).toBeLessThan(meanStep(file.lon, file.lat) / 20);
    // W holds the points west of 106.5 (counts 1, 2, 3 in turn), E the rest: the sums of the file's rows
    const perWard = [0, 0];
    for (let row = 0; row < POINTS; row++) perWard[file.lon[row] < 106.5 ? 0 : 1] += file.count[row];
    expect(householdsPerWard(reply)).toEqual(perWard);

    // each household's results against the engine run on the file's order, before and after a site move
    const wards = parseWards(WARDS, 'w.geojson').data;
    const reference = (cells: Cell[]) =>
      new CoverageEngine({ place: new PlaceEnvironment(file, indexWards(wards)), cells, households: file, settings: DEFAULT_SETTINGS }).run();
    const expectSameByRow = (coverage: CoverageResult, expected: CoverageResult) => {
      for (const key of ['bestCell', 'rsrpDbm', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const) {
        const inFileOrder = new Float64Array(POINTS);
        rows.forEach((row, k) => (inFileOrder[row] = coverage[key][k]));
        expect(Array.from(inFileOrder), key).toEqual(Array.from(expected[key], Number));
      }
    };
    session.setCells([CELL, second]);
    const analysed = session.analyse(settings, noProgress).value;
    expectSameByRow(analysed.coverage, reference([CELL, second]));
    const moved = { ...second, lon: 106.7, lat: 20.3 };
    const change = session.updateCell(1, moved).value;
    applyCoverageDelta(analysed.coverage, change);
    expectSameByRow(analysed.coverage, reference([CELL, moved]));
  });

  it('leaves a smaller layer in its file order', () => {
    const session = new EngineSession();
    load(session, 'wards', WARDS);
    const small = rows.slice(0, 1001).join('\n');
    const reply = load(session, 'households', small);
    if (reply.layer !== 'households') throw new Error('wrong layer');
    const kept = unpackHouseholds(reply.households);
    expect(Array.from({ length: kept.length }, (_, k) => kept.ids.at(k))).toEqual(Array.from({ length: 1000 }, (_, i) => `h${i}`));
  });
});
