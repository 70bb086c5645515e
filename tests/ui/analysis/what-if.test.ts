import { describe, expect, it } from 'vitest';
import type { WardStats } from '../../../src/core/coverage/coverage-result.ts';
import { whatIfRows } from '../../../src/ui/siting/what-if.ts';

const row = (wardIndex: number, weak: number, none: number): WardStats => ({
  wardIndex, wardId: `W${wardIndex}`, wardName: `Phường ${wardIndex}`, households: 100, good: 100 - weak - none, fair: 0, weak, none,
  weakPct: weak + none, fibreHouseholds: 0, fibrePct: 0, medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: null, speedOkPct: null,
});

describe('whatIfRows', () => {
  it('lists the wards whose weak + none changed, most moved out first', () => {
    // ward 0: 5 + 3 = 8 → 2 + 1 = 3 (5 out); ward 1 unchanged; ward 2: 10 → 1 (9 out); ward 3: 0 → 2 (2 worse)
    const rows = whatIfRows([row(0, 5, 3), row(1, 4, 0), row(2, 6, 4), row(3, 0, 0)], [row(0, 2, 1), row(1, 4, 0), row(2, 1, 0), row(3, 2, 0)]);
    expect(rows.map((r) => [r.wardIndex, r.weakBefore, r.weakAfter, r.movedOut])).toEqual([
      [2, 10, 1, 9],
      [0, 8, 3, 5],
      [3, 0, 2, -2],
    ]);
  });

  it('is empty before any change', () => {
    expect(whatIfRows([row(0, 5, 3)], [row(0, 5, 3)])).toEqual([]);
  });
});
