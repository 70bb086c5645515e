import { describe, expect, it } from 'vitest';
import type { FibreExtension, FibreWardPlan } from '../../src/core/fibre/plan-fibre-extension.ts';
import { toCsv } from '../../src/io/export-table.ts';
import { extensionsGeojson, extensionsTable, fibreWardPlanTable } from '../../src/io/export-fibre-plan.ts';

const EXTENSION: FibreExtension = {
  id: 'ext-1', parentId: null, wardId: '11296', start: [106.5, 20.5], end: [106.5, 20.503], lengthM: 332.04,
  // 332.04 m × 40,000 VND + 4 households × 800,000 VND = 13,281,600 + 3,200,000 = 16,481,600 VND
  householdsGained: 4, costVnd: 16_481_600,
};

describe('fibre plan exports', () => {
  it('writes each extension as a LineString with length, cost, households and ward', () => {
    const collection = extensionsGeojson([EXTENSION]);
    expect(collection.features[0].geometry.coordinates).toEqual([[106.5, 20.5], [106.5, 20.503]]);
    expect(collection.features[0].properties).toEqual({
      extension_id: 'ext-1', parent_id: null, ward_id: '11296', length_m: 332, cost_vnd: 16_481_600, households_gained: 4,
    });
    expect(toCsv(extensionsTable([EXTENSION]))).toBe(
      'extension_id,parent_id,ward_id,start_lon,start_lat,end_lon,end_lat,length_m,households_gained,cost_vnd\r\n' +
        'ext-1,,11296,106.5,20.5,106.5,20.503,332,4,16481600\r\n',
    );
  });

  it('writes the per-ward before/after table with the CLI columns', () => {
    // 6/10 = 60 % before, 9/10 = 90 % after
    const ward: FibreWardPlan = {
      wardIndex: 0, wardId: 'W', wardName: 'Phường Thử', households: 10, passedBefore: 6, pctBefore: 60, passedAfter: 9,
      pctAfter: 90, extensionM: 332.04, costVnd: 16_481_600, capacityBlocked: 0, targetMet: true,
    };
    expect(toCsv(fibreWardPlanTable([ward]))).toBe(
      'ward_id,ward_name,households,passed_before,pct_before,passed_after,pct_after,extension_m,cost_vnd\r\n' +
        'W,Phường Thử,10,6,60,9,90,332,16481600\r\n',
    );
  });
});
