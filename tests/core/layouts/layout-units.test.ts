import { describe, expect, it } from 'vitest';
import { mapUnitsByCrosswalk } from '../../../src/core/layouts/crosswalk-rollup.ts';
import { formerDistrictsOfNewUnits, unitApproximations } from '../../../src/core/layouts/layout-units.ts';

describe('former districts and approximation flags of the units', () => {
  // old units a, b (district X), c (district Y) → new unit N; d (Y) → M; e (no district) → M; P gets nothing
  const oldUnits = [
    { id: 'a', name: 'a', district: 'X', households2019: 100 },
    { id: 'b', name: 'b', district: 'X', households2019: 50 },
    { id: 'c', name: 'c', district: 'Y', households2019: 120 },
    { id: 'd', name: 'd', district: 'Y', households2019: 10 },
    { id: 'e', name: 'e', district: null, households2019: 500 },
  ];
  const newUnits = [{ id: 'N', name: 'N' }, { id: 'M', name: 'M' }, { id: 'P', name: 'P' }];
  const mapping = mapUnitsByCrosswalk(oldUnits, newUnits, new Map([['a', 'N'], ['b', 'N'], ['c', 'N'], ['d', 'M'], ['e', 'M']]));

  it('lists the districts of each new unit, most 2019 households first', () => {
    // N: X has 100 + 50 = 150 households, Y 120 → X, Y; M: Y (e has no district); P: none
    expect(formerDistrictsOfNewUnits(oldUnits, mapping, 3)).toEqual([['X', 'Y'], ['Y'], []]);
  });

  it('flags a unit any of whose crosswalk rows is split or an inferred link, on either side', () => {
    const links = [
      { oldId: 'a', newId: 'N', split: false, uncertainLink: false },
      { oldId: 'c', newId: 'N', split: true, uncertainLink: false },
      { oldId: 'c', newId: 'M', split: true, uncertainLink: false },
      { oldId: 'd', newId: 'M', split: false, uncertainLink: true },
    ];
    expect(unitApproximations(links, ['N', 'M', 'P'], 'new')).toEqual([
      { split: true, uncertainLink: false },
      { split: true, uncertainLink: true },
      { split: false, uncertainLink: false },
    ]);
    expect(unitApproximations(links, ['a', 'c', 'd'], 'old')).toEqual([
      { split: false, uncertainLink: false },
      { split: true, uncertainLink: false },
      { split: false, uncertainLink: true },
    ]);
  });
});
