import { describe, expect, it } from 'vitest';
import type { WardStats } from '../../src/core/coverage/coverage-result.ts';
import { toCsv } from '../../src/io/export-table.ts';
import { WARD_TABLE_COLUMNS, wardStatisticsTable } from '../../src/io/export-ward-table.ts';

describe('wardStatisticsTable', () => {
  it('writes the wards.csv columns with percentages rounded to 0.01', () => {
    // 1 weak + 2 none of 7 households: 3/7 × 100 = 42.857… → 42.86; fibre 5/7 × 100 = 71.428… → 71.43
    const ward: WardStats = {
      wardIndex: 0, wardId: '11296', wardName: 'Phường "Quán" Toan', households: 7, good: 3, fair: 1, weak: 1, none: 2,
      weakPct: (3 * 100) / 7, fibreHouseholds: 5, fibrePct: (5 * 100) / 7,
    };
    const table = wardStatisticsTable([ward]);
    expect(table.columns).toEqual(WARD_TABLE_COLUMNS);
    expect(table.rows).toEqual([['11296', 'Phường "Quán" Toan', 7, 3, 1, 1, 2, 42.86, 5, 71.43]]);
    expect(toCsv(table, { bom: true })).toBe(
      '\uFEFFward_id,ward_name,households,good,fair,weak,none,weak_pct,fibre_households,fibre_pct\r\n' +
        '11296,"Phường ""Quán"" Toan",7,3,1,1,2,42.86,5,71.43\r\n',
    );
  });
});
