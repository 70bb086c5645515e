import { describe, expect, it } from 'vitest';
import { compareSummaries, type ScenarioSummary } from '../../../src/ui/siting/scenario-compare.ts';

const summary = (wards: Array<[string, number]>): ScenarioSummary => ({
  technology: '4G',
  operator: null,
  wards: wards.map(([wardId, weakOrNone]) => ({ wardId, wardName: `Phường ${wardId}`, households: 100, weakOrNone })),
  total: { households: 100 * wards.length, weakOrNone: wards.reduce((sum, [, weak]) => sum + weak, 0) },
});

describe('compareSummaries', () => {
  it('joins wards by id, largest change first, wards missing from one side first of all', () => {
    // W1: 120 → 35 (−85); W2: 10 → 14 (+4); W3: 7 → 7 (0); W4 only in B
    const rows = compareSummaries(summary([['W1', 120], ['W2', 10], ['W3', 7]]), summary([['W1', 35], ['W2', 14], ['W3', 7], ['W4', 3]]));
    expect(rows.map((row) => [row.wardId, row.weakA, row.weakB, row.difference])).toEqual([
      ['W4', null, 3, null],
      ['W1', 120, 35, -85],
      ['W2', 10, 14, 4],
      ['W3', 7, 7, 0],
    ]);
  });
});
