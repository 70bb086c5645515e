import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { assignWards, indexWards } from '../../../src/core/assign-wards.ts';
import { compareGroupings } from '../../../src/core/layouts/compare-groupings.ts';
import { householdUnitsByCrosswalk, mapUnitsByCrosswalk } from '../../../src/core/layouts/crosswalk-rollup.ts';
import { parseWards } from '../../../src/io/parse-wards.ts';
import { householdsImport } from '../../helpers/embedded-city.ts';

describe('compareGroupings', () => {
  it('sums households per unit both ways, the households moved and the flows between units (hand-worked)', () => {
    // six points of 1…6 households; by crosswalk 0, 0, 1, 1, none, 0; by polygon 0, 1, 1, 1, 0, none
    const comparison = compareGroupings([1, 2, 3, 4, 5, 6], Int32Array.from([0, 0, 1, 1, -1, 0]), Int32Array.from([0, 1, 1, 1, 0, -1]), 2);
    // crosswalk: unit 0 = 1 + 2 + 6 = 9, unit 1 = 3 + 4 = 7, none 5; polygon: unit 0 = 1 + 5 = 6, unit 1 = 2 + 3
    // + 4 = 9, none 6; moved: the points of 2 (0 → 1), 5 (none → 0) and 6 (0 → none) = 13
    expect([...comparison.byCrosswalk]).toEqual([9, 7]);
    expect([...comparison.byPolygon]).toEqual([6, 9]);
    expect([comparison.outsideByCrosswalk, comparison.outsideByPolygon, comparison.movedHouseholds]).toEqual([5, 6, 13]);
    expect(comparison.flows).toEqual([
      { fromUnit: 0, toUnit: -1, households: 6 },
      { fromUnit: -1, toUnit: 0, households: 5 },
      { fromUnit: 0, toUnit: 1, households: 2 },
    ]);
    // unit 0 differs by 3, unit 1 by 2
    expect(comparison.differingUnits).toEqual([0, 1]);
  });

  it('finds no difference when both groupings agree', () => {
    const same = Int32Array.from([1, 0, -1]);
    const comparison = compareGroupings([3, 4, 5], same, same, 2);
    expect([comparison.movedHouseholds, comparison.flows, comparison.differingUnits]).toEqual([0, [], []]);
  });

  it('on the embedded data: the crosswalk gives every 2025 unit its census households; point in polygon moves a few', () => {
    const wardsOf = (file: string) => parseWards(readFileSync(`data/${file}`, 'utf8'), file).data;
    const units2019 = [...wardsOf('hp_wards_polygons.geojson'), ...wardsOf('hd_wards_polygons.geojson')];
    const units2025 = wardsOf('hp2025_wards_polygons.geojson');
    const households = householdsImport().data;
    // locate by position only (the file's ward_id is the 2025 unit, which would short-cut point in polygon)
    const located = { ...households, wardId: households.wardId.map(() => null) };
    const rows = Papa.parse<Record<string, string>>(readFileSync('data/hp2025_crosswalk.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
    const mapping = mapUnitsByCrosswalk(units2019, units2025, new Map(rows.filter((row) => Number(row.share) === 1).map((row) => [row.old_code, row.new_code])));
    const byCrosswalk = householdUnitsByCrosswalk(assignWards(located, indexWards(units2019)).wardIndex, mapping);
    const byPolygon = assignWards(located, indexWards(units2025)).wardIndex;
    const comparison = compareGroupings(households.count, byCrosswalk, byPolygon, units2025.length);
    // Bạch Long Vĩ has no 2019 polygon: its 239 households are outside the 2019 layout, in unit 11948 by polygon
    const bachLongVi = units2025.findIndex((unit) => unit.id === '11948');
    expect(comparison.outsideByCrosswalk).toBe(239);
    expect(comparison.byCrosswalk[bachLongVi]).toBe(0);
    expect([...comparison.byCrosswalk].map((sum, u) => (u === bachLongVi ? sum + 239 : sum))).toEqual(units2025.map((unit) => unit.households2019));
    expect(comparison.byPolygon[bachLongVi]).toBe(239);
    // by polygon every household is somewhere (the generator keeps them inside their 2025 unit), but overlaps
    // give some to a smaller neighbour
    expect(comparison.outsideByPolygon).toBe(0);
    expect(comparison.flows.filter((flow) => flow.fromUnit === -1)).toEqual([{ fromUnit: -1, toUnit: bachLongVi, households: 239 }]);
    expect(comparison.movedHouseholds - 239).toBeLessThan(0.01 * 1_184_588);
  }, 60_000);
});
