/**
 * The 2019 layout completed from the crosswalk, the former districts of each new unit, and households located in
 * one layout from ward ids of the other: hand-built layouts of squares, then the embedded merged city.
 */
import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { assignWardsAcrossLayouts } from '../../../src/core/layouts/assign-across-layouts.ts';
import type { Crosswalk, CrosswalkRow } from '../../../src/core/layouts/crosswalk.ts';
import { completeOldLayout, formerDistrictsOf } from '../../../src/core/layouts/unit-layouts.ts';
import type { HouseholdPoints, Ward } from '../../../src/core/model.ts';
import { parseCrosswalk } from '../../../src/io/parse-crosswalk.ts';
import { parseWards } from '../../../src/io/parse-wards.ts';
import { householdsImport } from '../../helpers/embedded-city.ts';

const square = (minLon: number, minLat: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[minLon, minLat], [minLon + size, minLat], [minLon + size, minLat + size], [minLon, minLat + size], [minLon, minLat]]],
});

const ward = (id: string, geometry: Polygon, district: string | null = null, households2019: number | null = null): Ward => ({
  id,
  name: `Unit ${id}`,
  district,
  type: null,
  environment: null,
  population2019: households2019 === null ? null : households2019 * 3,
  households2019,
  geometry,
});

const row = (oldId: string, newId: string, share: number, oldDistrict: string | null): CrosswalkRow => ({
  oldId,
  newId,
  share,
  oldName: `Old ${oldId}`,
  oldDistrict,
  newName: null,
  approximate: share !== 1,
  split: share !== 1,
  uncertainLink: false,
});

function crosswalkOf(rows: CrosswalkRow[]): Crosswalk {
  return { rows, newIdOfOldId: new Map(rows.filter((r) => r.share === 1).map((r) => [r.oldId, r.newId])) };
}

function points(list: Array<[number, number, string | null]>): HouseholdPoints {
  return {
    length: list.length,
    ids: list.map((_, i) => `h${i}`),
    lon: Float64Array.from(list, (p) => p[0]),
    lat: Float64Array.from(list, (p) => p[1]),
    count: Uint32Array.from(list, () => 1),
    wardId: list.map((p) => p[2]),
  };
}

// Old layout: 10 and 11 (side by side, 11 overlapping 10's east edge by 0.01°), 12 to the north; 99 has no polygon.
// New layout: X = 10 + 11 (code reused: "11" is also a new code, of the unit made of old 12), Z = 99 alone.
const OLD = [ward('10', square(0, 0, 0.1), 'District A', 100), ward('11', square(0.09, 0, 0.1), 'District B', 300), ward('12', square(0, 0.1, 0.1), 'District A', 50)];
const NEW = [ward('X', square(0, 0, 0.19), null, 400), ward('11', square(0, 0.1, 0.1), null, 50), ward('Z', square(1, 1, 0.1), null, 7)];
const CROSSWALK = crosswalkOf([row('10', 'X', 1, 'District A'), row('11', 'X', 1, 'District B'), row('12', '11', 1, 'District A'), row('12', 'X', 0, 'District A'), row('99', 'Z', 1, 'District Z')]);

describe('completeOldLayout', () => {
  it('adds the crosswalk’s old units without a polygon that are alone in their new unit, drawn as that unit', () => {
    const units = completeOldLayout(OLD, NEW, CROSSWALK);
    expect(units.map((unit) => unit.id)).toEqual(['10', '11', '12', '99']);
    expect(units[3]).toMatchObject({ name: 'Old 99', district: 'District Z', households2019: 7, population2019: 21 });
    expect(units[3].geometry).toBe(NEW[2].geometry);
  });

  it('leaves out an old unit without a polygon that shares its new unit (it cannot be drawn)', () => {
    const crosswalk = crosswalkOf([...CROSSWALK.rows, row('98', 'X', 1, 'District A')]);
    expect(completeOldLayout(OLD, NEW, crosswalk).map((unit) => unit.id)).toEqual(['10', '11', '12', '99']);
  });
});

describe('formerDistrictsOf', () => {
  it('lists the districts of each new unit’s old units, most 2019 households first', () => {
    // X: District B (old 11, 300 households) before District A (old 10, 100); the share-0 row of 12 does not count
    expect(formerDistrictsOf(CROSSWALK, OLD)).toEqual({ X: ['District B', 'District A'], '11': ['District A'], Z: ['District Z'] });
  });
});

describe('assignWardsAcrossLayouts', () => {
  const oldIndex = indexWards(completeOldLayout(OLD, NEW, CROSSWALK));

  it('locates points with new ids among the old units of their new unit, never by the old unit of the same code', () => {
    const households = points([
      [0.05, 0.05, 'X'], // in old 10
      [0.15, 0.05, 'X'], // in old 11 only
      [0.095, 0.05, 'X'], // in the overlap of 10 and 11: same area, the first wins
      [0.05, 0.15, '11'], // new 11 = old 12: not old 11 although the code is one
      [1.05, 1.05, 'Z'], // the old unit drawn from its new unit
      [0.05, 0.15, 'X'], // the file says X, but no old unit of X holds it: located among all
      [0.5, 0.5, 'X'], // in no unit at all
      [0.05, 0.05, 'nope'], // an id of neither layout: located by polygon, counted
      [0.15, 0.05, null], // no id: located by polygon
    ]);
    const result = assignWardsAcrossLayouts(households, oldIndex, { crosswalk: CROSSWALK, wardLayer: 'old', householdIds: 'new' });
    expect([...result.wardIndex]).toEqual([0, 1, 0, 2, 3, 2, -1, 0, 1]);
    expect(result).toMatchObject({ crosswalkedCount: 7, outsideTheirUnitCount: 2, outsideCount: 1, unknownWardIdCount: 1, overlapCount: 1 });
  });

  it('maps old ids to their new unit through the crosswalk in the new layout', () => {
    const households = points([
      [5, 5, '10'], // far from every polygon: the id decides
      [5, 5, '12'],
      [5, 5, '99'],
      [0.05, 0.15, 'gone'],
    ]);
    const result = assignWardsAcrossLayouts(households, indexWards(NEW), { crosswalk: CROSSWALK, wardLayer: 'new', householdIds: 'old' });
    expect([...result.wardIndex]).toEqual([0, 1, 2, 1]);
    expect(result).toMatchObject({ crosswalkedCount: 3, unknownWardIdCount: 1, outsideCount: 0 });
  });

  it('reads ids of the same layout as assignWards does', () => {
    const result = assignWardsAcrossLayouts(points([[5, 5, '11'], [0.05, 0.05, null]]), oldIndex, { crosswalk: CROSSWALK, wardLayer: 'old', householdIds: 'old' });
    expect([...result.wardIndex]).toEqual([1, 0]);
    expect(result.crosswalkedCount).toBe(0);
  });
});

describe('the embedded merged city', () => {
  const read = (file: string): Ward[] => parseWards(readFileSync(`data/${file}`, 'utf8'), file).data;
  const units2025 = read('hp2025_wards_polygons.geojson');
  const crosswalk = parseCrosswalk(readFileSync('data/hp2025_crosswalk.csv', 'utf8'), 'crosswalk').data as Crosswalk;
  const units2019 = completeOldLayout([...read('hp_wards_polygons.geojson'), ...read('hd_wards_polygons.geojson')], units2025, crosswalk);

  it('has the 488 communes of 2019 and Bạch Long Vĩ, whose census sums to the 2025 units’', () => {
    expect(units2019.length).toBe(489);
    expect(units2019[488]).toMatchObject({ id: '318', name: 'Huyện Bạch Long Vĩ', households2019: 239 });
    const sum = (units: Ward[]) => units.reduce((total, unit) => total + (unit.households2019 ?? 0), 0);
    expect(sum(units2019)).toBe(sum(units2025));
    expect(sum(units2025)).toBe(1_184_588);
  });

  it('locates every embedded household in a 2019 unit that rolls up to the 2025 unit its file names', () => {
    const households = householdsImport().data;
    const result = assignWardsAcrossLayouts(households, indexWards(units2019), { crosswalk, wardLayer: 'old', householdIds: 'new' });
    expect(result).toMatchObject({ outsideCount: 0, unknownWardIdCount: 0, outsideTheirUnitCount: 0, crosswalkedCount: households.length });
    let mismatched = 0;
    for (let h = 0; h < households.length; h++) if (crosswalk.newIdOfOldId.get(units2019[result.wardIndex[h]].id) !== households.wardId[h]) mismatched++;
    expect(mismatched).toBe(0);
  }, 60_000);
});
