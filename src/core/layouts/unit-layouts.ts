/**
 * The two unit layouts of the merged Hải Phòng and how the 2019 layout is built from its files: the 2019 units
 * (223 of Hải Phòng, 265 of former Hải Dương) and the units of 2025 (114), tied by the crosswalk (crosswalk.ts).
 * The old layout is completed with the old units the crosswalk lists but no polygon file draws (Bạch Long Vĩ, a
 * district without communes in 2019), so that every household of the new layout has an old unit and the old
 * layout rolls up to the new one without loss. Each new unit also gets its former districts, for orientation.
 */
import type { Ward } from '../model.ts';
import type { Crosswalk } from './crosswalk.ts';

/** The units of 1 July 2025 (the default), or the 2019 layout of the census and of the polygons. */
export type UnitLayoutId = '2025' | '2019';
export const UNIT_LAYOUTS: readonly UnitLayoutId[] = ['2025', '2019'];

/**
 * The old layout: `oldUnits` (the polygons' units, in order), then every old unit of the crosswalk that has no
 * polygon and is the only old unit of its new unit, drawn with that new unit's polygon and census figures, with
 * the crosswalk's name and district (Bạch Long Vĩ, old code 318 → the special zone 11948). Old units without a
 * polygon that share their new unit with others cannot be drawn and are left out (the roll-up lists them as
 * unmapped).
 *
 * @example completeOldLayout([...hp2019, ...hd2019], units2025, crosswalk).length // 489: 488 communes + Bạch Long Vĩ
 */
export function completeOldLayout(oldUnits: readonly Ward[], newUnits: readonly Ward[], crosswalk: Crosswalk): Ward[] {
  const drawn = new Set(oldUnits.map((unit) => unit.id));
  const membersOfNew = new Map<string, number>();
  for (const newId of crosswalk.newIdOfOldId.values()) membersOfNew.set(newId, (membersOfNew.get(newId) ?? 0) + 1);
  const newUnitOf = new Map(newUnits.map((unit) => [unit.id, unit]));
  const rowOf = new Map(crosswalk.rows.filter((row) => row.share === 1).map((row) => [row.oldId, row]));
  const added: Ward[] = [];
  for (const [oldId, newId] of crosswalk.newIdOfOldId) {
    const newUnit = newUnitOf.get(newId);
    if (drawn.has(oldId) || newUnit === undefined || membersOfNew.get(newId) !== 1) continue;
    const row = rowOf.get(oldId);
    added.push({
      ...newUnit,
      id: oldId,
      name: row?.oldName ?? newUnit.name,
      district: row?.oldDistrict ?? null,
      type: null,
    });
  }
  return [...oldUnits, ...added];
}

/**
 * The former district(s) of each new unit: the districts of the old units the crosswalk gives it (share 1), the
 * district with most 2019 households first (census of `oldUnits`; ties by name). New units without any are left
 * out. The report and the exports print them beside the new unit's name for orientation.
 *
 * @example formerDistrictsOf(crosswalk, units2019)['11311'] // ['Quận Hồng Bàng']
 */
export function formerDistrictsOf(crosswalk: Crosswalk, oldUnits: readonly Ward[]): Record<string, string[]> {
  const householdsOf = new Map(oldUnits.map((unit) => [unit.id, unit.households2019 ?? 0]));
  const byNew = new Map<string, Map<string, number>>();
  for (const row of crosswalk.rows) {
    if (row.share !== 1 || row.oldDistrict === null) continue;
    const districts = byNew.get(row.newId) ?? new Map<string, number>();
    districts.set(row.oldDistrict, (districts.get(row.oldDistrict) ?? 0) + (householdsOf.get(row.oldId) ?? 0));
    byNew.set(row.newId, districts);
  }
  const result: Record<string, string[]> = {};
  for (const [newId, districts] of byNew) {
    result[newId] = [...districts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'vi')).map(([district]) => district);
  }
  return result;
}
