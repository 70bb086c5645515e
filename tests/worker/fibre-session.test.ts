import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { EngineSession, type Progress } from '../../src/worker/engine-session.ts';
import { DEFAULT_FIBRE_COSTS } from '../../src/core/fibre/plan-fibre-extension.ts';

const noProgress: Progress = () => undefined;
const WARD = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { ward_id: 'W', name: 'Phường Thử' },
      geometry: { type: 'Polygon', coordinates: [[[106, 20], [107, 20], [107, 21], [106, 21], [106, 20]]] },
    },
  ],
});
const METRES_PER_DEGREE_LAT = 110_700;
const north = (metres: number) => (20.5 + metres / METRES_PER_DEGREE_LAT).toFixed(7);
// a distribution cable along the parallel 20.5° N; h1 (6 households) 100 m north of it, h2 (4 households) 500 m north
const FIBRE = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { route_id: 'R1', kind: 'distribution' },
      geometry: { type: 'LineString', coordinates: [[106.4, 20.5], [106.6, 20.5]] },
    },
  ],
});
const HOUSEHOLDS = `household_id,lon,lat,count\nh1,106.5,${north(100)},6\nh2,106.5,${north(500)},4\n`;

function loadedSession(): EngineSession {
  const session = new EngineSession();
  session.load({ layer: 'wards', file: 'w.geojson' }, WARD, noProgress);
  session.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress);
  const fibre = session.load({ layer: 'fibre', file: 'f.geojson' }, FIBRE, noProgress).value;
  expect(fibre.report.kept).toBe(1);
  return session;
}

describe('EngineSession fibre requests', () => {
  it('counts households passed within the 200 m drop and the shortfall to 80 % and 90 %', () => {
    const { statistics, passed } = loadedSession().fibreReach({ fibre: DEFAULT_SETTINGS.fibre, targetsPct: [80, 90] }, noProgress).value;
    expect(Array.from(passed)).toEqual([1, 0]);
    const [ward] = statistics.wards;
    // 6 of 10 households passed = 60 %; 80 % needs 8 (shortfall 2), 90 % needs 9 (shortfall 3)
    expect([ward.households, ward.passed, ward.fibrePct]).toEqual([10, 6, 60]);
    expect(ward.shortfall).toEqual([2, 3]);
  });

  it('computes the fibre coverage while the worker is idle, goes on from where a request stopped it, and keeps it', () => {
    const drain = (steps: Iterator<unknown>): unknown[] => {
      const yielded: unknown[] = [];
      for (let step = steps.next(); step.done !== true; step = steps.next()) yielded.push(step.value);
      return yielded;
    };
    const fresh = drain(loadedSession().idleSteps()!);
    expect(fresh.length).toBeGreaterThanOrEqual(3);

    const session = loadedSession();
    const idle = session.idleSteps()!;
    expect(idle.next().value).toBe(fresh[0]);
    // a request came: the worker stops iterating and closes what it was iterating
    idle.return(undefined);
    // the next idle time goes on from the second step, not from the first
    expect(drain(session.idleSteps()!)).toEqual(fresh.slice(1));
    expect(session.idleSteps()).toBeNull();
    // the fibre reach then reads the coverage kept, without computing it again (no fibre stage)
    const stages: string[] = [];
    const { passed } = session.fibreReach({ fibre: DEFAULT_SETTINGS.fibre, targetsPct: [80] }, (stage) => stages.push(stage)).value;
    expect(Array.from(passed)).toEqual([1, 0]);
    expect(stages).not.toContain('fibre');
  });

  it('an analysis finishes the fibre coverage idle time began, with the numbers of a fresh one', () => {
    const settings = { ...DEFAULT_SETTINGS, technology: '4G' as const };
    const fresh = loadedSession().analyse({ settings, zones: false }, noProgress).value;
    const session = loadedSession();
    const idle = session.idleSteps()!;
    idle.next();
    idle.return(undefined);
    const resumed = session.analyse({ settings, zones: false }, noProgress).value;
    expect(Array.from(resumed.fibrePassed!)).toEqual([1, 0]);
    expect(resumed.statistics.wards).toEqual(fresh.statistics.wards);
    // no fibre left to cover: idle time only sets up what the analysis' first edit would (its running medians)
    const idleAfter = session.idleSteps()!;
    for (let step = idleAfter.next(); step.done !== true; step = idleAfter.next());
    expect(session.idleSteps()).toBeNull();
  });

  it('plans a cable of about 300 m to pass the far household and re-plans without a deleted extension', () => {
    const session = loadedSession();
    const request = { fibre: DEFAULT_SETTINGS.fibre, targetPct: 90, scope: 'ward' as const, costs: DEFAULT_FIBRE_COSTS, kept: [] };
    const { plan } = session.planFibre(request, noProgress).value;
    // h2 is 500 m from the cable and passes once a new cable ends within 200 m of it: ≥ 300 m of cable
    expect(plan.totals.pctAfter).toBe(100);
    expect(plan.totals.extensionM).toBeGreaterThanOrEqual(299);
    expect(plan.totals.extensionM).toBeLessThan(310);
    expect(plan.totals.householdsGained).toBe(4);
    // cost = metres × 40,000 VND + 4 households × 800,000 VND
    expect(plan.totals.costVnd).toBeCloseTo(plan.totals.extensionM * 40_000 + 4 * 800_000, -2);
    // keeping the plan's extensions reproduces the same result
    const again = session.planFibre({ ...request, kept: plan.extensions }, noProgress).value.plan;
    expect(again.totals.pctAfter).toBe(100);
    expect(again.extensions.map((extension) => extension.id)).toEqual(plan.extensions.map((extension) => extension.id));
  });
});
