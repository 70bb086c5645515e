/**
 * Targets evaluated by the worker session on the network worked out by hand in hand-worked-network.ts (one 4G cell,
 * households at 1 km good, 35 km weak, 120 km none), with an industrial-park zone around the cell.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIBRE_COSTS } from '../../src/core/fibre/fibre-plan-types.ts';
import { DEFAULT_SETTINGS, type Cell } from '../../src/core/model.ts';
import { runSteps } from '../../src/core/steps.ts';
import type { Target } from '../../src/core/targets/target-set.ts';
import { EngineSession } from '../../src/worker/engine-session.ts';
import type { TargetsRequest } from '../../src/worker/protocol.ts';
import { box, east, handWorkedSession as session, HOUSEHOLDS, noProgress, SITES, WARDS } from './hand-worked-network.ts';

const ZONES = JSON.stringify({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { zone_id: 'KCN', name: 'KCN thử', kind: 'industrial_park' }, geometry: box(105.95, 19.95, 106.05, 20.05) }],
});

function target(id: string, indicator: Target['indicator'], technology: Target['technology'], threshold: number, scope: Target['scope'] = { kind: 'city' }): Target {
  return { id, indicator, technology, scope, threshold, unit: '%', deadline: '2030', name: null, source: { document: 'test', date: null, article: null, url: null, note: null } };
}

const TARGETS = [
  target('weak', 'weak_signal_households', '4G', 0),
  target('fibre', 'fibre_passed_households', 'FTTH', 80),
  target('kcn', 'coverage_households', '4G', 100, { kind: 'zones', zoneKinds: ['industrial_park'] }),
];

function evaluate(s: EngineSession, request: Partial<TargetsRequest> = {}) {
  return runSteps(s.evaluateTargetsSteps({ targets: TARGETS, thresholdsDbm: DEFAULT_SETTINGS.thresholdsDbm, extraCells: [], fibrePassed: null, ...request })).value;
}

const extraCell = (lon: string): Cell => ({
  cellId: 'P-001-1', siteId: 'P-001', lon: Number(lon), lat: 20, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30, azimuthDeg: null,
  beamwidthDeg: 360, tiltDeg: null, rsPowerDbm: 5, antennaGainDbi: 10, feederLossDb: 0, model: 'fspl', environment: 'urban', channel: null,
  bandwidthMhz: null, status: 'proposed',
}) as Cell;

describe('EngineSession.evaluateTargetsSteps', () => {
  it('judges the targets on the network by hand: weak/none 10 of 20 households, no fibre layer, no zones layer', () => {
    const { evaluations, technologies } = evaluate(session());
    expect(technologies).toEqual(['4G']);
    const [weak, fibre, kcn] = evaluations;
    expect(weak).toMatchObject({ status: 'not-met', value: 50, gap: 50, shortfall: 10 });
    // per unit: W holds A (good), E holds B (weak) and C (none)
    expect(weak.byUnit.map((unit) => unit.value)).toEqual([0, 100]);
    expect(fibre).toMatchObject({ status: 'no-data', reason: 'no-fibre-layer' });
    expect(kcn).toMatchObject({ status: 'no-data', reason: 'no-zones-layer' });
  });

  it('evaluates a speed target: the mean modelled throughput of the households served, by hand', () => {
    // one cell, no interferer: SINR = S / N with N = −174 + 10·log10(15 kHz) + 7 dB and S = 15 dBm − FSPL(d, 1800 MHz);
    // throughput = min(4.4, 0.6·log2(1 + SINR)) bit/s/Hz × 20 MHz × 2 layers (TR 36.942 A.2, the 4G defaults)
    const noiseDbm = -174 + 10 * Math.log10(15_000) + 7;
    const speedMbps = (km: number): number => {
      const sinrDb = 15 - (20 * Math.log10(km) + 20 * Math.log10(1800) + 32.44) - noiseDbm;
      return Math.min(4.4, 0.6 * Math.log2(1 + 10 ** (sinrDb / 10))) * 20 * 2;
    };
    // A 176 (capped), B 96.3 Mb/s; C, 120 km off, is beyond the longest reach searched (100 km): no server, no speed
    const meanMbps = (10 * speedMbps(1) + 5 * speedMbps(35)) / 15;
    expect(meanMbps).toBeCloseTo(149.44, 1);
    const speed = (threshold: number): Target => ({ ...target(`speed${threshold}`, 'mean_download_mbps', '4G', threshold), unit: 'Mb/s' });
    const { evaluations, technologies } = evaluate(session(), { targets: [speed(100), speed(150)] });
    expect(technologies).toEqual(['4G']);
    // within 0.2 Mb/s: the engine's tabulated link budget is within 0.01 dB of the formula
    const near = (mbps: number | null, expected: number): boolean => mbps !== null && Math.abs(mbps - expected) < 0.2;
    expect(near(evaluations[0].value, meanMbps)).toBe(true);
    expect(evaluations[0].status).toBe('met');
    expect(evaluations[1]).toMatchObject({ status: 'not-met' });
    // per unit: W holds A, E holds B (and C, without a speed)
    expect(near(evaluations[0].byUnit[0].value, speedMbps(1))).toBe(true);
    expect(near(evaluations[0].byUnit[1].value, speedMbps(35))).toBe(true);
  });

  it('counts the extra cells the app adds (a proposed site at B) and drops them again', () => {
    const s = session();
    expect(evaluate(s).evaluations[0].value).toBe(50);
    // B becomes good: weak/none = C only, 5 of 20
    expect(evaluate(s, { extraCells: [extraCell(east(35))] }).evaluations[0].value).toBe(25);
    // moved next to C instead: B weak again, C good
    expect(evaluate(s, { extraCells: [extraCell(east(120))] }).evaluations[0].value).toBe(25);
    expect(evaluate(s, { extraCells: [extraCell(east(120))] }).evaluations[0].byUnit.map((unit) => unit.value)).toEqual([0, 50]);
    expect(evaluate(s).evaluations[0].value).toBe(50);
  });

  it('follows a cell edited in the analysis (the worker keeps the edit in the sites layer)', () => {
    const s = session();
    s.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress);
    expect(evaluate(s).evaluations[0].value).toBe(50);
    // the cell moved half way between B and C, 77.5 km east
    const moved = { ...extraCell(east(77.5)), cellId: 'C1', siteId: 'S1', status: 'existing' } as Cell;
    s.updateCell(0, moved);
    // A at 76.5 km: −120.2 dBm, none; B, C at 42.5 km: −115.1 dBm, weak → all 20 weak or none
    expect(evaluate(s).evaluations[0].value).toBe(100);
  });

  it('takes the fibre passed by the app’s plan and the zones layer', async () => {
    const s = session();
    const fibre = evaluate(s, { fibrePassed: Uint8Array.from([1, 0, 0]) }).evaluations[1];
    expect(fibre).toMatchObject({ status: 'not-met', value: 50, shortfall: 6 });
    // the one zones layer, imported as the app's import flow does (readLayerFile), read by the zone-scoped target
    const zones = await s.importFiles('zones', [{ name: 'kcn.geojson', bytes: new TextEncoder().encode(ZONES) }], {}, () => undefined);
    expect(zones.value.report.status).toBe('ok');
    expect(evaluate(s).evaluations[2]).toMatchObject({ status: 'met', value: 100, base: 10 });
  });

  it('reads the one zones layer of the dataset: loaded as the embedded file, kept by a failed import, given to a restarted worker', async () => {
    const s = new EngineSession();
    const wards = s.load({ layer: 'wards', file: 'w.geojson' }, WARDS, noProgress).value;
    const households = s.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress).value;
    const sites = s.load({ layer: 'sites', file: 's.csv' }, SITES, noProgress).value;
    const zones = s.load({ layer: 'zones', file: 'hp2025_zones.geojson' }, ZONES, noProgress).value;
    // the zone holds A only: 10 households, good
    expect(evaluate(s).evaluations[2]).toMatchObject({ status: 'met', value: 100, base: 10 });
    const failed = await s.importFiles('zones', [{ name: 'bad.geojson', bytes: new TextEncoder().encode('{ not json') }], {}, noProgress);
    expect(failed.value.report.status).toBe('failed');
    expect(evaluate(s).evaluations[2]).toMatchObject({ status: 'met', value: 100, base: 10 });
    if (wards.layer !== 'wards' || households.layer !== 'households' || sites.layer !== 'sites' || zones.layer !== 'zones') throw new Error('unexpected layers');
    const snapshot = { wards: wards.wards, land: null, cells: sites.cells, households: households.households, fibre: null };
    const restarted = new EngineSession();
    restarted.restore({ ...snapshot, zones: zones.zones });
    expect(evaluate(restarted).evaluations[2]).toMatchObject({ status: 'met', value: 100, base: 10 });
    const without = new EngineSession();
    without.restore({ ...snapshot, zones: null });
    expect(evaluate(without).evaluations[2]).toMatchObject({ status: 'no-data', reason: 'no-zones-layer' });
  });
});

describe('EngineSession.closeTargetSteps', () => {
  const close = (s: EngineSession, targetId: string, extraCells: Cell[] = []) =>
    runSteps(
      s.closeTargetSteps({ targets: TARGETS, targetId, thresholdsDbm: DEFAULT_SETTINGS.thresholdsDbm, extraCells, fibrePassed: null, fibreCosts: DEFAULT_FIBRE_COSTS }),
    ).value;

  it('closes the weak-signal gap with new sites at B (35 km) and C (120 km): weak/none from 50 % to 0 %', () => {
    const { evaluation, closing } = close(session(), 'weak');
    expect(evaluation).toMatchObject({ status: 'not-met', value: 50 });
    expect(closing).toMatchObject({ kind: 'sites', sites: 2, reachable: true, valueAfter: 0, reason: null });
    // the new sites stand within a grid step of the weak households, named as the siting tab names them
    const [b, c] = [Number(east(35)), Number(east(120))];
    const near = (lon: number) => closing.chosenSites!.some((site) => Math.abs(site.lon - lon) < 0.01 && Math.abs(site.lat - 20) < 0.01);
    expect(near(b) && near(c)).toBe(true);
    expect(closing.chosenSites!.map((site) => site.siteId)).toEqual(['NEW-001', 'NEW-002']);
    expect(closing.sitingPlan?.households).toMatchObject({ total: 20, outBefore: 10, outAfter: 20 });
  });

  it('starts from the working network: with a proposed site at B, only C needs one', () => {
    const { evaluation, closing } = close(session(), 'weak', [extraCell(east(35))]);
    expect(evaluation.value).toBe(25);
    expect(closing).toMatchObject({ kind: 'sites', sites: 1, valueAfter: 0 });
  });

  it('has nothing to plan without data (no fibre layer, no zones layer), and refuses an unknown target', () => {
    expect(close(session(), 'fibre').closing).toMatchObject({ kind: null, reason: 'no-data' });
    expect(close(session(), 'kcn').closing).toMatchObject({ kind: null, reason: 'no-data' });
    expect(() => close(session(), 'nope')).toThrow(/nope/);
  });
});
