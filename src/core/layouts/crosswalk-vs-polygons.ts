/**
 * The two ways of rolling the 2019 layout up into the 2025 units (docs/targets.md "Layouts"), compared on one
 * dataset's households: by the crosswalk of the 2019 unit each household lies in (what the reports use: every
 * household of a 2019 unit goes to the new unit the resolution gives it), and by point in polygon on the 2025
 * polygons, dissolved from the 2019 ones but overlapping a little and leaving slivers. Both locate the points by
 * polygon alone (file ward ids ignored), so the comparison is the same whichever layout is reported.
 */
import { assignWards, type WardIndex } from '../assign-wards.ts';
import type { HouseholdLocations } from '../model.ts';
import { compareGroupings, type GroupingComparison } from './compare-groupings.ts';
import type { Crosswalk } from './crosswalk.ts';
import { householdUnitsByCrosswalk, mapUnitsByCrosswalk } from './crosswalk-rollup.ts';

/**
 * Groups the households into the units of `index2025` both ways and compares (`compareGroupings`: households per
 * unit each way, households moved, the flows between units).
 *
 * @example crosswalkVersusPolygons(households, indexWards(units2019), indexWards(units2025), crosswalk).movedHouseholds
 */
export function crosswalkVersusPolygons(
  households: HouseholdLocations,
  index2019: WardIndex,
  index2025: WardIndex,
  crosswalk: Pick<Crosswalk, 'newIdOfOldId'>,
): GroupingComparison {
  const byPolygonOnly = { ...households, wardId: new Array<string | null>(households.length).fill(null) };
  const oldUnit = assignWards(byPolygonOnly, index2019).wardIndex;
  const mapping = mapUnitsByCrosswalk(index2019.wards, index2025.wards, crosswalk.newIdOfOldId);
  const byPolygon = assignWards(byPolygonOnly, index2025).wardIndex;
  return compareGroupings(households.count, householdUnitsByCrosswalk(oldUnit, mapping), byPolygon, index2025.wards.length);
}
