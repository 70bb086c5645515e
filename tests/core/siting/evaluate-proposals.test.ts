/**
 * Operators' proposals judged against the existing network, worked by hand with the FSPL cells of helpers.ts
 * (RSRP(d) = −112.553 − 20·log10(d_km); fair ≥ −110 up to 745.4 m, weak ≥ −120 up to 2,357 m).
 */
import { describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/model.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { evaluateProposals } from '../../../src/core/siting/evaluate-proposals.ts';
import { fsplCell, households, WARD_INDEX, wardsOf } from './helpers.ts';

/**
 * Existing S at (−1000, 0); a 2G site Z at (3000, 500) (not analysed, but a site for distances).
 * p (−600, 0) ×10: 400 m from S, −104.59 fair; q (−300, 0) ×20: 700 m, −109.46 fair;
 * r (200, 0) ×30: 1,200 m, −114.14 weak; s (600, 0) ×5: 1,600 m, −116.63 weak; t (3000, 0) ×7: none.
 * P at (0, 0), omni: p 600 m −108.12, q 300 m −102.10, r 200 m −98.57, s 600 m −108.12 all ≥ −110; t 3 km no.
 *   covered 10 + 20 + 30 + 5 = 65, lifted r + s = 35, duplicated 30 (share 30/65);
 *   W1 (x < 0): p, q covered 30, lifted 0; W2: r, s covered 35, lifted 35; nearest existing: S, 1,000 m.
 * Q at (3000, 100) with sectors at 0° and 180° (65° beams): t is 100 m away on Q-2's boresight, −92.55:
 *   covered = lifted = 7; nearest existing: Z, 400 m.
 */
const POINTS: Array<[number, number, number]> = [
  [-600, 0, 10],
  [-300, 0, 20],
  [200, 0, 30],
  [600, 0, 5],
  [3000, 0, 7],
];

describe('evaluateProposals', () => {
  const points = households(POINTS);
  const existingCells = [fsplCell('S', -1000, 0), fsplCell('Z', 3000, 500, { technology: '2G' })];
  const engine = new CoverageEngine({ place: new PlaceEnvironment(points, WARD_INDEX), cells: existingCells, households: points, settings: DEFAULT_SETTINGS });
  const coverage = engine.run();
  const proposedCells = [
    fsplCell('P', 0, 0, { status: 'proposed', operator: 'MobiFone' }),
    fsplCell('Q', 3000, 100, { cellId: 'Q-1', azimuthDeg: 0, status: 'proposed' }),
    fsplCell('Q', 3000, 100, { cellId: 'Q-2', azimuthDeg: 180, status: 'proposed' }),
  ];
  const [p, q] = evaluateProposals({ wardIndex: WARD_INDEX, households: points, place: new PlaceEnvironment(points, WARD_INDEX), wardOfHousehold: wardsOf(POINTS), coverage, proposedCells, existingCells, settings: DEFAULT_SETTINGS });

  it('counts the households each proposal covers, newly lifts and duplicates', () => {
    expect(p).toMatchObject({ siteId: 'P', operator: 'MobiFone', cellIds: ['P-1'], householdsCovered: 65, householdsLifted: 35, householdsDuplicated: 30 });
    expect(p.duplicateShare).toBeCloseTo(30 / 65, 12);
    expect(q).toMatchObject({ siteId: 'Q', cellIds: ['Q-1', 'Q-2'], householdsCovered: 7, householdsLifted: 7, householdsDuplicated: 0, duplicateShare: 0 });
  });

  it('lists the wards each proposal serves, most covered first', () => {
    expect(p.wards).toEqual([
      { wardId: 'W2', wardName: 'Phường W2', householdsCovered: 35, householdsLifted: 35 },
      { wardId: 'W1', wardName: 'Phường W1', householdsCovered: 30, householdsLifted: 0 },
    ]);
    expect(q.wards).toEqual([{ wardId: 'W2', wardName: 'Phường W2', householdsCovered: 7, householdsLifted: 7 }]);
  });

  it('measures the distance to the nearest existing site of any technology', () => {
    expect(p.nearestExistingSiteId).toBe('S');
    expect(p.nearestExistingDistanceM).toBeCloseTo(1000, 0);
    expect(q.nearestExistingSiteId).toBe('Z');
    expect(q.nearestExistingDistanceM).toBeCloseTo(400, 0);
  });

  it('judges each proposal alone, and gives null distances without an existing network', () => {
    const [alone] = evaluateProposals({ wardIndex: WARD_INDEX, households: points, place: new PlaceEnvironment(points, WARD_INDEX), wardOfHousehold: wardsOf(POINTS), coverage, proposedCells: proposedCells.slice(0, 1), existingCells: [], settings: DEFAULT_SETTINGS });
    expect({ ...alone, nearestExistingSiteId: p.nearestExistingSiteId, nearestExistingDistanceM: p.nearestExistingDistanceM }).toEqual(p);
    expect(alone.nearestExistingSiteId).toBeNull();
    expect(alone.nearestExistingDistanceM).toBeNull();
  });
});
