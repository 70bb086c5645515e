import { describe, expect, it } from 'vitest';
import { unitApproximations } from '../../../src/core/layouts/layout-units.ts';

describe('approximation flags of the units', () => {
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
