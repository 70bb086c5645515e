/**
 * What summary.json says about the reporting layout (every command run with a layout): which units, how the
 * households were located, the roll-up of 2019 rows to the 2025 units by the crosswalk (written as
 * `wards_2025.csv` by `analyze`), and where point in polygon on the dissolved 2025 polygons would group the
 * households otherwise (`crosswalkVersusPolygons`).
 */
import type { WardStats } from '../core/coverage/coverage-result.ts';
import type { GroupingComparison } from '../core/layouts/compare-groupings.ts';
import { mapUnitsByCrosswalk, rollUpWardStats } from '../core/layouts/crosswalk-rollup.ts';
import type { CrossLayoutAssignment } from '../core/layouts/assign-across-layouts.ts';
import type { HouseholdLocations, Ward } from '../core/model.ts';
import type { LayoutContext } from './dataset.ts';
import { round } from './common.ts';
import { runInThread } from './run-in-thread.ts';

/** Flows between units listed in summary.json (the largest; the total is `movedHouseholds`). */
const LISTED_FLOWS = 20;

export interface LayoutSummary {
  /** summary.json's `layout`. */
  json: Record<string, unknown>;
  /** 2019 layout: the ward rows rolled up to the 2025 units by the crosswalk; null for the 2025 layout. */
  rolledUp: { wards: WardStats[]; unmapped: Omit<WardStats, 'wardIndex' | 'wardId' | 'wardName'> } | null;
}

/**
 * The comparison of the layout's two groupings for `layoutSummary`, in a worker thread (`layoutComparison`): started
 * as soon as the households are read, it is done by the time the analysis is.
 */
export function startLayoutComparison(layout: LayoutContext, households: HouseholdLocations, signal: AbortSignal): Promise<GroupingComparison> {
  const { length, lon, lat, count } = households;
  return runInThread('layoutComparison', { households: { length, lon, lat, count }, units2019: layout.units2019, units2025: layout.units2025, newIdOfOldId: layout.crosswalk.newIdOfOldId }, { signal });
}

/**
 * The layout's part of summary.json for a run whose units are `wards` and whose rows are `wardRows` (the
 * statistics of those units, in their order), `assignment` as the run located its households, `comparison` the
 * households grouped into the 2025 units both ways (`startLayoutComparison`).
 */
export function layoutSummary(
  layout: LayoutContext,
  wards: readonly Ward[],
  comparison: GroupingComparison,
  assignment: CrossLayoutAssignment,
  wardRows: readonly WardStats[] | null,
): LayoutSummary {
  const { units2025, crosswalk } = layout;
  const unit = (u: number) => (u === -1 ? null : { unitId: units2025[u].id, unitName: units2025[u].name });
  const total = comparison.byCrosswalk.reduce((sum, households) => sum + households, comparison.outsideByCrosswalk);

  let rolledUp: LayoutSummary['rolledUp'] = null;
  let rollUp: Record<string, unknown> | null = null;
  if (layout.id === '2019') {
    const mapping = mapUnitsByCrosswalk(wards, units2025, crosswalk.newIdOfOldId);
    if (wardRows !== null) rolledUp = rollUpWardStats(wardRows, units2025, mapping);
    rollUp = {
      to: '2025',
      method: 'crosswalk: each 2019 unit with all its households into the 2025 unit of its share-1 row',
      crosswalk: layout.crosswalkPath,
      units: units2025.length,
      unmappedOldIds: mapping.unmappedOldIds,
      emptyNewIds: mapping.emptyNewIds,
      unmappedHouseholds: rolledUp?.unmapped.households ?? null,
    };
  }
  return {
    rolledUp,
    json: {
      id: layout.id,
      units: wards.length,
      householdWardIds: layout.householdIds,
      householdsLocated:
        layout.householdIds === layout.id
          ? 'by the file’s ward_id when the layer has it, else by point in polygon (smallest unit wins an overlap)'
          : layout.id === '2019'
            ? 'the file’s 2025 code restricts point in polygon to the 2019 units the crosswalk gives to that unit'
            : 'the file’s 2019 code gives its 2025 unit through the crosswalk',
      throughCrosswalkPoints: assignment.crosswalkedCount,
      outsideTheirUnitPoints: assignment.outsideTheirUnitCount,
      rollUp,
      crosswalkVersusPolygons: {
        method: 'households into the 2025 units by the crosswalk of the 2019 unit they lie in, against point in polygon on the dissolved 2025 polygons (file ward ids ignored)',
        movedHouseholds: comparison.movedHouseholds,
        movedPct: total > 0 ? round((comparison.movedHouseholds * 100) / total, 4) : 0,
        outsideByCrosswalk: comparison.outsideByCrosswalk,
        outsideByPolygon: comparison.outsideByPolygon,
        differingUnits: comparison.differingUnits.map((u) => ({ ...unit(u), byCrosswalk: comparison.byCrosswalk[u], byPolygon: comparison.byPolygon[u] })),
        largestFlows: comparison.flows.slice(0, LISTED_FLOWS).map((flow) => ({ from: unit(flow.fromUnit), to: unit(flow.toUnit), households: flow.households })),
      },
    },
  };
}
