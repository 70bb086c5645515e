import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { WardStats } from '../../../src/core/coverage/coverage-result.ts';
import { householdUnitsByCrosswalk, mapUnitsByCrosswalk, rollUpColumns, rollUpWardStats } from '../../../src/core/layouts/crosswalk-rollup.ts';

const unit = (id: string) => ({ id, name: `Unit ${id}` });
/** Old A, B → new X; C → Y; D has no row; E names a new unit Z that the new layer lacks; new W gets nothing. */
const OLD = ['A', 'B', 'C', 'D', 'E'].map(unit);
const NEW = ['X', 'Y', 'W'].map(unit);
const CROSSWALK = new Map([['A', 'X'], ['B', 'X'], ['C', 'Y'], ['E', 'Z']]);

const stats = (wardIndex: number, households: number, good: number, fair: number, weak: number, none: number, fibreHouseholds: number, speedOk: number | null = null): WardStats => ({
  wardIndex,
  wardId: OLD[wardIndex].id,
  wardName: OLD[wardIndex].name,
  households,
  good,
  fair,
  weak,
  none,
  weakPct: households === 0 ? 0 : ((weak + none) * 100) / households,
  fibreHouseholds,
  fibrePct: households === 0 ? 0 : (fibreHouseholds * 100) / households,
  medianSinrDb: speedOk === null ? null : 5,
  medianThroughputMbps: speedOk === null ? null : 30,
  speedOkHouseholds: speedOk,
  speedOkPct: speedOk === null ? null : households === 0 ? 0 : (speedOk * 100) / households,
});
const NO_SPEED = { medianSinrDb: null, medianThroughputMbps: null, speedOkHouseholds: null, speedOkPct: null };

describe('mapUnitsByCrosswalk', () => {
  it('gives each old unit its new unit, and lists what does not map', () => {
    const mapping = mapUnitsByCrosswalk(OLD, NEW, CROSSWALK);
    expect([...mapping.newUnitOfOld]).toEqual([0, 0, 1, -1, -1]);
    expect(mapping.unmappedOldIds).toEqual(['D', 'E']);
    expect(mapping.unknownNewIds).toEqual(['Z']);
    expect(mapping.emptyNewIds).toEqual(['W']);
    // households in A, C, outside every old unit, D: new units X, Y, none, none
    expect([...householdUnitsByCrosswalk(Int32Array.from([0, 2, -1, 3]), mapping)]).toEqual([0, 1, -1, -1]);
  });
});

describe('rollUpWardStats', () => {
  it('sums the households per class and recomputes the percentages from the sums (hand-worked)', () => {
    const mapping = mapUnitsByCrosswalk(OLD, NEW, CROSSWALK);
    const rows = [
      stats(0, 10, 6, 2, 1, 1, 5), // A: 20 % weak, 50 % fibre
      stats(1, 30, 20, 5, 5, 0, 30), // B: 16.7 % weak, 100 % fibre
      stats(2, 0, 0, 0, 0, 0, 0), // C: empty
      stats(3, 4, 0, 0, 0, 4, 0), // D: unmapped
      stats(4, 2, 2, 0, 0, 0, 2), // E: unmapped (its new unit is unknown)
    ];
    const { wards, unmapped } = rollUpWardStats(rows, NEW, mapping);
    // X = A + B: 40 households, 26 good, 7 fair, 6 weak, 1 none; (6 + 1) / 40 = 17.5 %, not the mean of 20 and
    // 16.7; fibre 35 / 40 = 87.5 %, not the mean of 50 and 100
    expect(wards[0]).toEqual({ wardIndex: 0, wardId: 'X', wardName: 'Unit X', households: 40, good: 26, fair: 7, weak: 6, none: 1, weakPct: 17.5, fibreHouseholds: 35, fibrePct: 87.5, ...NO_SPEED });
    expect(wards[1]).toMatchObject({ wardId: 'Y', households: 0, weakPct: 0, fibrePct: 0 });
    expect(wards[2]).toMatchObject({ wardId: 'W', households: 0 });
    expect(unmapped).toEqual({ households: 6, good: 2, fair: 0, weak: 0, none: 4, weakPct: (4 * 100) / 6, fibreHouseholds: 2, fibrePct: (2 * 100) / 6, ...NO_SPEED });
  });

  it('sums the households at the speed target when every row has them; medians do not add up and roll up to null', () => {
    const mapping = mapUnitsByCrosswalk(OLD, NEW, CROSSWALK);
    const rows = [stats(0, 10, 6, 2, 1, 1, 5, 4), stats(1, 30, 20, 5, 5, 0, 30, 12), stats(2, 0, 0, 0, 0, 0, 0, 0), stats(3, 4, 0, 0, 0, 4, 0, 0), stats(4, 2, 2, 0, 0, 0, 2, 1)];
    const { wards, unmapped } = rollUpWardStats(rows, NEW, mapping);
    // X = A + B: 4 + 12 = 16 of 40 households at the target, 40 %; unmapped D + E: 1 of 6
    expect(wards[0]).toMatchObject({ speedOkHouseholds: 16, speedOkPct: 40, medianSinrDb: null, medianThroughputMbps: null });
    expect(wards[1]).toMatchObject({ speedOkHouseholds: 0, speedOkPct: 0 });
    expect(unmapped).toMatchObject({ speedOkHouseholds: 1, speedOkPct: 100 / 6 });
    // one row without throughput: no speed columns at all rather than a partial sum
    rows[1] = stats(1, 30, 20, 5, 5, 0, 30);
    expect(rollUpWardStats(rows, NEW, mapping).wards[0]).toMatchObject(NO_SPEED);
  });

  it('rolls the embedded 2019 census (488 units and Bạch Long Vĩ) up to exactly the 2025 units’ own census figures', () => {
    type Properties = { gso_code?: string; ward_code?: string; name: string; households_2019: number; pop_2019: number };
    const read = (file: string) => (JSON.parse(readFileSync(`data/${file}`, 'utf8')) as { features: Array<{ properties: Properties }> }).features.map((f) => f.properties);
    const old = [...read('hp_wards_polygons.geojson'), ...read('hd_wards_polygons.geojson')].map((p) => ({ id: String(p.gso_code), name: p.name, households: p.households_2019, people: p.pop_2019 }));
    // Bạch Long Vĩ (district 318, no communes): 239 households, 624 people (2019 census district row)
    old.push({ id: '318', name: 'Huyện Bạch Long Vĩ', households: 239, people: 624 });
    const units2025 = read('hp2025_wards_polygons.geojson');
    const rows = Papa.parse<Record<string, string>>(readFileSync('data/hp2025_crosswalk.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
    const crosswalk = new Map(rows.filter((row) => Number(row.share) === 1).map((row) => [row.old_code, row.new_code]));
    const mapping = mapUnitsByCrosswalk(old, units2025.map((p) => ({ id: String(p.ward_code), name: p.name })), crosswalk);
    expect([mapping.unmappedOldIds, mapping.unknownNewIds, mapping.emptyNewIds]).toEqual([[], [], []]);
    const { sums, unmapped } = rollUpColumns([old.map((u) => u.households), old.map((u) => u.people)], mapping, units2025.length);
    expect([...sums[0]]).toEqual(units2025.map((p) => p.households_2019));
    expect([...sums[1]]).toEqual(units2025.map((p) => p.pop_2019));
    expect(unmapped).toEqual([0, 0]);
  });
});
