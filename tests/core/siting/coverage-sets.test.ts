/**
 * Coverage sets and the siting plan on hand-worked FSPL cases (arithmetic in helpers.ts), and the sets against
 * the coverage engine itself: a candidate's set weight must be exactly what the engine gains when the
 * candidate's cells are added.
 */
import { describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { DEFAULT_SETTINGS, type AnalysisSettings, type Cell } from '../../../src/core/model.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { buildCoverageSets, collectWeakHouseholds, setWeight, type SitingCandidate } from '../../../src/core/siting/coverage-sets.ts';
import { selectNewSites, type NewSitesGoal } from '../../../src/core/siting/select-new-sites.ts';
import { cellsOfSite, defaultSiteTemplate } from '../../../src/core/siting/site-templates.ts';
import { at, fsplCell, households, WARD_INDEX, wardsOf } from './helpers.ts';

/**
 * Existing S at (−5000, 0) serves h0 (100 m north, 50 households, −92.55 dBm good). The rest are beyond its
 * weak reach (2,357 m), so none:
 * - a (−1000, 700) ×10 and c (−1000, −300) ×20: K1 at (−1000, 0) gives −112.553 + 3.098 = −109.46 and
 *   −112.553 + 10.458 = −102.10 dBm, both ≥ −110: lifted;
 * - b (−1000, 800) ×5: K1 gives −112.553 + 1.938 = −110.62 < −110: not lifted (it becomes weak, not fair);
 * - d (1500, 0) ×15: K2 at (1000, 0), 500 m: −106.53, lifted. K1 is 2,500 m from d, K2 1,281 m from b.
 * Total 100 households, 50 out of weak/none; the candidates can lift 45 more.
 */
const POINTS: Array<[number, number, number]> = [
  [-5000, 100, 50],
  [-1000, 700, 10],
  [-1000, 800, 5],
  [-1000, -300, 20],
  [1500, 0, 15],
];
const HOUSEHOLDS = households(POINTS);
const CANDIDATES: SitingCandidate[] = [
  { siteId: 'K1', lon: at(-1000, 0)[0], lat: at(-1000, 0)[1], cells: [fsplCell('K1', -1000, 0, { status: 'planned' })] },
  { siteId: 'K2', lon: at(1000, 0)[0], lat: at(1000, 0)[1], cells: [fsplCell('K2', 1000, 0, { status: 'planned' })] },
  // a 2G site is not analysed in a 4G plan: it lifts nothing
  { siteId: 'K3', lon: at(1500, 0)[0], lat: at(1500, 0)[1], cells: [fsplCell('K3', 1500, 0, { technology: '2G' })] },
];

function existingCoverage(settings: AnalysisSettings = DEFAULT_SETTINGS) {
  const engine = new CoverageEngine({ place: new PlaceEnvironment(HOUSEHOLDS, WARD_INDEX), cells: [fsplCell('S', -5000, 0)], households: HOUSEHOLDS, settings });
  return engine.run();
}

describe('buildCoverageSets', () => {
  it('lists, per candidate, the weak/none households its best cell brings to the fair floor', () => {
    const coverage = existingCoverage();
    const weak = collectWeakHouseholds(HOUSEHOLDS, coverage);
    expect([...weak.household]).toEqual([1, 2, 3, 4]);
    expect([...weak.weight]).toEqual([10, 5, 20, 15]);
    const sets = buildCoverageSets({ candidates: CANDIDATES, households: HOUSEHOLDS, weak, place: new PlaceEnvironment(HOUSEHOLDS, WARD_INDEX), settings: DEFAULT_SETTINGS });
    const members = (c: number) => [...sets.elements.subarray(sets.offsets[c], sets.offsets[c + 1])].map((e) => HOUSEHOLDS.ids.at(weak.household[e]));
    expect(members(0)).toEqual(['h1', 'h3']);
    expect(members(1)).toEqual(['h4']);
    expect(members(2)).toEqual([]);
    expect([setWeight(sets, 0), setWeight(sets, 1)]).toEqual([30, 15]);
  });

  it('follows the fair threshold of the settings', () => {
    // fair at −111 dBm: b (−110.62) is now lifted by K1
    const settings = { ...DEFAULT_SETTINGS, thresholdsDbm: { good: -100, fair: -111, weak: -120 } };
    const weak = collectWeakHouseholds(HOUSEHOLDS, existingCoverage(settings));
    const sets = buildCoverageSets({ candidates: CANDIDATES, households: HOUSEHOLDS, weak, place: new PlaceEnvironment(HOUSEHOLDS, WARD_INDEX), settings });
    expect(setWeight(sets, 0)).toBe(35);
  });

  it('gives each candidate exactly the gain the coverage engine sees when its cells are added', () => {
    // a seeded town: 1,200 points over 8 km × 8 km, 4 existing 3-sector Hata sites, 40 candidate sites with tilt
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const points: Array<[number, number, number]> = Array.from({ length: 1200 }, () => [next() * 8000 - 4000, next() * 8000 - 4000, 1 + Math.floor(next() * 30)]);
    const town = households(points);
    const template = { ...defaultSiteTemplate('4G'), tiltDeg: 4 };
    const existing: Cell[] = [[-2500, -2500], [2500, 2500], [-2500, 2500], [2500, -2500]].flatMap(([e, n], i) =>
      cellsOfSite(`S${i}`, ...at(e, n), template, 'existing').map((cell) => ({ ...cell, rsPowerDbm: 5 })),
    );
    const candidates: SitingCandidate[] = Array.from({ length: 40 }, (_, i) => {
      const [lon, lat] = at(next() * 8000 - 4000, next() * 8000 - 4000);
      return { siteId: `C${i}`, lon, lat, cells: cellsOfSite(`C${i}`, lon, lat, { ...template, azimuthsDeg: [next() * 120, 120 + next() * 120, 240 + next() * 120] }) };
    });
    const input = { place: new PlaceEnvironment(town, WARD_INDEX), cells: existing, households: town, settings: DEFAULT_SETTINGS };
    const coverage = new CoverageEngine(input).run();
    const outOfWeak = (classes: Uint8Array) => classes.reduce((sum, signalClass, h) => sum + (signalClass <= 1 ? town.count[h] : 0), 0);
    const before = outOfWeak(coverage.signalClass);
    const weak = collectWeakHouseholds(town, coverage);
    expect(weak.household.length).toBeGreaterThan(100);
    // the environment of the candidates' cells from the same households as the engine's
    const sets = buildCoverageSets({ candidates, households: town, weak, place: new PlaceEnvironment(town, WARD_INDEX), settings: DEFAULT_SETTINGS });
    let nonEmpty = 0;
    candidates.forEach((candidate, c) => {
      const engine = new CoverageEngine(input);
      engine.run();
      for (const cell of candidate.cells) engine.addCell(cell);
      expect(setWeight(sets, c)).toBe(outOfWeak(engine.result!.signalClass) - before);
      if (setWeight(sets, c) > 0) nonEmpty++;
    });
    expect(nonEmpty).toBeGreaterThan(10);
  });
});

describe('selectNewSites', () => {
  const plan = (goal: NewSitesGoal, exact: Parameters<typeof selectNewSites>[0]['exact'] = null) =>
    selectNewSites({ wardIndex: WARD_INDEX, households: HOUSEHOLDS, place: new PlaceEnvironment(HOUSEHOLDS, WARD_INDEX), wardOfHousehold: wardsOf(POINTS), coverage: existingCoverage(), settings: DEFAULT_SETTINGS, candidates: CANDIDATES, goal, exact });

  it('reports households gained per site and ward, before, after and what is left', () => {
    const result = plan({ kind: 'count', count: 1 });
    expect(result.sites.map((site) => [site.siteId, site.householdsGained, site.wards.map((w) => [w.wardId, w.households])])).toEqual([
      ['K1', 30, [['W1', 30]]],
    ]);
    expect(result.households).toEqual({ total: 100, outBefore: 50, outAfter: 80, coverable: 45 });
    expect(result.remaining).toEqual({ weakOrNone: 20, shortOfTarget: 0 });
    expect(result.candidates).toEqual({ total: 3, useful: 2 });
  });

  it('turns a percentage into whole households: ⌈pct · total / 100⌉ out of weak/none', () => {
    // 80 % of 100 = 80 → 30 more: K1 alone; 80.5 % → 81 → 31 more: K1 and K2
    expect(plan({ kind: 'target-pct', pct: 80 }).sites.map((site) => site.siteId)).toEqual(['K1']);
    const above = plan({ kind: 'target-pct', pct: 80.5 });
    expect(above.target).toEqual({ pct: 80.5, households: 81, reachable: true });
    expect(above.sites.map((site) => site.siteId)).toEqual(['K1', 'K2']);
    // 96 % needs 46 more; only 45 can be lifted (b stays weak)
    const unreachable = plan({ kind: 'target-pct', pct: 96 });
    expect(unreachable.target).toEqual({ pct: 96, households: 96, reachable: false });
    expect(unreachable.households.outAfter).toBe(95);
    expect(unreachable.remaining).toEqual({ weakOrNone: 5, shortOfTarget: 1 });
  });

  it('falls back to greedy, saying why, when the exact model is over the size limit', async () => {
    const highs = await loadHighs();
    const result = plan({ kind: 'count', count: 1 }, { highs, options: { timeLimitS: 5, maxNonzeros: 1 } });
    expect(result.method).toBe('greedy');
    expect(result.fallbackReason).toMatch(/^exact: too-large/);
    const solved = plan({ kind: 'count', count: 1 }, { highs, options: { timeLimitS: 5, maxNonzeros: 1000 } });
    expect(solved.method).toBe('exact');
    expect(solved.optimalityGap).toEqual({ relative: 0, sites: null, proven: true });
    expect(solved.greedyGap).toEqual({ households: 0, relative: 0, sites: 0 });
  });
});
