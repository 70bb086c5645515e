/**
 * Locating households in one layout when their file gives ward ids of the other: the embedded households carry
 * the code of their 2025 unit, and the report may be asked by the 2019 layout. Codes cannot simply be looked up
 * in the other layout: 113 of the 114 new codes are also old codes, most of another (smaller) unit, e.g. 11473 is
 * the new Phường Bạch Đằng and the old Thị trấn Minh Đức, one of its five 2019 units.
 *
 * - Ward layer of the old layout, ids of the new one: the point is located by point in polygon among the old
 *   units the crosswalk gives to its new unit (smallest area first, as `indexWards`), so its old unit always
 *   rolls up to the new unit the file names; a point none of them contains is located among all old units and
 *   counted (`outsideTheirUnitCount`).
 * - Ward layer of the new layout, ids of the old one: the crosswalk gives the new unit directly.
 * - Same layout: `assignWards` (the file's id when the layer has it, else point in polygon).
 */
import { assignWards, indexWards, type WardAssignment, type WardIndex } from '../assign-wards.ts';
import type { HouseholdPoints } from '../model.ts';
import type { Crosswalk } from './crosswalk.ts';

/** Which side of the crosswalk the ward layer and the households' ward ids belong to. */
export interface LayoutBridge {
  crosswalk: Pick<Crosswalk, 'newIdOfOldId'>;
  wardLayer: 'old' | 'new';
  householdIds: 'old' | 'new';
}

export interface CrossLayoutAssignment extends WardAssignment {
  /** Points whose file id was read as a unit of the other layout and located through the crosswalk. */
  crosswalkedCount: number;
  /** Of those (old ward layer), points none of their new unit's old units contains, located among all units. */
  outsideTheirUnitCount: number;
}

/**
 * Assigns every household point to a unit of `wardIndex` (see the module comment). Never drops a point: one
 * outside every unit gets −1 and is counted; ids known to neither layout are counted in `unknownWardIdCount` and
 * the point is located by polygon, as `assignWards` does.
 *
 * @example assignWardsAcrossLayouts(households, indexWards(units2019), { crosswalk, wardLayer: 'old', householdIds: 'new' })
 */
export function assignWardsAcrossLayouts(households: HouseholdPoints, wardIndex: WardIndex, bridge: LayoutBridge): CrossLayoutAssignment {
  if (bridge.wardLayer === bridge.householdIds) return { ...assignWards(households, wardIndex), crosswalkedCount: 0, outsideTheirUnitCount: 0 };
  return bridge.wardLayer === 'new' ? newLayerFromOldIds(households, wardIndex, bridge.crosswalk.newIdOfOldId) : oldLayerFromNewIds(households, wardIndex, bridge.crosswalk.newIdOfOldId);
}

function newLayerFromOldIds(households: HouseholdPoints, wardIndex: WardIndex, newIdOfOldId: ReadonlyMap<string, string>): CrossLayoutAssignment {
  // the file's old ids become new ids, then the usual rule applies
  let crosswalkedCount = 0;
  const wardId = households.wardId.map((id) => {
    if (id === null) return null;
    const newId = newIdOfOldId.get(id);
    if (newId !== undefined) crosswalkedCount++;
    return newId ?? id;
  });
  return { ...assignWards({ ...households, wardId }, wardIndex), crosswalkedCount, outsideTheirUnitCount: 0 };
}

function oldLayerFromNewIds(households: HouseholdPoints, wardIndex: WardIndex, newIdOfOldId: ReadonlyMap<string, string>): CrossLayoutAssignment {
  const { wards } = wardIndex;
  const membersOfNew = new Map<string, number[]>();
  wards.forEach((ward, w) => {
    const newId = newIdOfOldId.get(ward.id);
    if (newId === undefined) return;
    const members = membersOfNew.get(newId);
    if (members === undefined) membersOfNew.set(newId, [w]);
    else members.push(w);
  });
  // one small index per new unit, over its old units, built when a household first needs it
  const indexOfNew = new Map<string, WardIndex>();
  const memberIndex = (newId: string, members: number[]): WardIndex => {
    let index = indexOfNew.get(newId);
    if (index === undefined) {
      index = indexWards(members.map((w) => wards[w]));
      indexOfNew.set(newId, index);
    }
    return index;
  };

  const wardIndexOfPoint = new Int32Array(households.length);
  let outsideCount = 0;
  let overlapCount = 0;
  let unknownWardIdCount = 0;
  let crosswalkedCount = 0;
  let outsideTheirUnitCount = 0;
  for (let h = 0; h < households.length; h++) {
    const lon = households.lon[h];
    const lat = households.lat[h];
    const givenId = households.wardId[h];
    const members = givenId === null ? undefined : membersOfNew.get(givenId);
    if (givenId !== null && members === undefined) unknownWardIdCount++;
    if (members !== undefined) {
      crosswalkedCount++;
      const found = memberIndex(givenId!, members).locate(lon, lat);
      if (found.wardIndex !== -1) {
        wardIndexOfPoint[h] = members[found.wardIndex];
        if (found.overlaps) overlapCount++;
        continue;
      }
      outsideTheirUnitCount++;
    }
    const { wardIndex: located, overlaps } = wardIndex.locate(lon, lat);
    wardIndexOfPoint[h] = located;
    if (located === -1) outsideCount++;
    if (overlaps) overlapCount++;
  }
  return { wardIndex: wardIndexOfPoint, outsideCount, overlapCount, unknownWardIdCount, crosswalkedCount, outsideTheirUnitCount };
}
