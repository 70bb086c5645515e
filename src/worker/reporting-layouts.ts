/**
 * The reporting layouts of the embedded dataset, as the worker holds them: the 114 units of 2025 (the ward layer
 * loaded) and the 489 units of the 2019 layout (488 communes and Bạch Long Vĩ) (both former provinces), tied by the 2019 → 2025 crosswalk
 * (data/hp2025_crosswalk.csv). Switching layout regroups the households and nothing else: every prediction stays
 * (the environment comes from the household density, never from the units: core/resolve-environment.ts).
 *
 * Two groupings into the 2025 units can be compared (core/layouts/compare-groupings.ts): by the crosswalk of the
 * 2019 unit each household lies in, and by point in polygon on the 2025 polygons (dissolved from the 2019 ones).
 * The app's own 2025 grouping is the one every command uses: the `ward_id` a households file gives (the embedded
 * households carry their 2025 unit), else point in polygon.
 */
import { indexWards, locateByPosition, type WardIndex } from '../core/assign-wards.ts';
import { compareGroupings } from '../core/layouts/compare-groupings.ts';
import { householdUnitsByCrosswalk, mapUnitsByCrosswalk, type UnitMapping } from '../core/layouts/crosswalk-rollup.ts';
import { unitApproximations } from '../core/layouts/layout-units.ts';
import { completeOldLayout, formerDistrictsOf } from '../core/layouts/unit-layouts.ts';
import { NONE, WEAK } from '../core/coverage/signal-class.ts';
import type { HouseholdPoints, Ward } from '../core/model.ts';
import type { Crosswalk } from '../io/parse-crosswalk.ts';
import type { LayoutComparison, UnitNote } from './protocol.ts';

/** The 2019 layout and the crosswalk, read once from the embedded files. */
export interface LayoutReference {
  units2019: Ward[];
  index2019: WardIndex;
  crosswalk: Crosswalk;
}

/**
 * The 2019 layout of a 2025 layer: the communes of the 2019 files completed with the old units no polygon draws
 * (Bạch Long Vĩ, drawn with its 2025 unit's polygon: `completeOldLayout`, as the CLI's `--layout 2019`), 489 units.
 */
export function layoutReference(communes2019: readonly Ward[], units2025: readonly Ward[], crosswalk: Crosswalk): LayoutReference {
  const units2019 = completeOldLayout(communes2019, units2025, crosswalk);
  return { units2019, index2019: indexWards(units2019), crosswalk };
}

/** The units of the 2019 layout mapped into a ward layer by the crosswalk. */
export function mappingInto(reference: LayoutReference, wards: readonly Ward[]): UnitMapping {
  return mapUnitsByCrosswalk(reference.units2019, wards, reference.crosswalk.newIdOfOldId);
}

/**
 * Whether a ward layer is the crosswalk's 2025 layout (the switch to 2019 is offered only then): every new unit
 * the crosswalk names is a unit of the layer, and the old units reach nearly all of them (Bạch Long Vĩ, a
 * district without communes, has no 2019 unit).
 */
export function isCrosswalkLayout(reference: LayoutReference, wards: readonly Ward[]): boolean {
  if (wards.length === 0) return false;
  const mapping = mappingInto(reference, wards);
  return mapping.unknownNewIds.length === 0 && mapping.unmappedOldIds.length === 0 && mapping.emptyNewIds.length * 20 < wards.length;
}

/**
 * Former districts and approximation flags of each unit of the layer: for the 2025 layout the districts of its
 * 2019 units (most households first), for the 2019 layout the unit's own district.
 */
export function unitNotes(layout: '2025' | '2019', wards: readonly Ward[], reference: LayoutReference): UnitNote[] {
  const ids = wards.map((ward) => ward.id);
  if (layout === '2019') {
    const flags = unitApproximations(reference.crosswalk.rows, ids, 'old');
    return wards.map((ward, w) => ({ formerDistricts: ward.district === null || ward.district === '' ? [] : [ward.district], ...flags[w] }));
  }
  const districts = formerDistrictsOf(reference.crosswalk, reference.units2019);
  const flags = unitApproximations(reference.crosswalk.rows, ids, 'new');
  return wards.map((ward, w) => ({ formerDistricts: districts[ward.id] ?? [], ...flags[w] }));
}

/** Households placed differently by two groupings (either may be −1 = in no unit). */
function movedBetween(count: ArrayLike<number>, a: Int32Array, b: Int32Array): number {
  let moved = 0;
  for (let h = 0; h < count.length; h++) if (a[h] !== b[h]) moved += count[h];
  return moved;
}

/**
 * The 2025 groupings compared (see the module comment): `current` is the grouping the statistics use, `classes`
 * the signal class per household when an analysis exists (its weak and none households are compared too).
 */
export function compareLayouts(
  reference: LayoutReference,
  units2025: readonly Ward[],
  index2025: WardIndex,
  households: HouseholdPoints,
  current: Int32Array,
  classes: Uint8Array | null,
): LayoutComparison {
  const byCrosswalk = householdUnitsByCrosswalk(locateByPosition(households, reference.index2019).wardIndex, mappingInto(reference, units2025));
  const byPolygon = locateByPosition(households, index2025).wardIndex;
  const grouped = compareGroupings(households.count, byCrosswalk, byPolygon, units2025.length);
  const weakCount = classes === null ? null : Float64Array.from(households.count, (count, h) => (classes[h] === WEAK || classes[h] === NONE ? count : 0));
  const weak = weakCount === null ? null : compareGroupings(weakCount, byCrosswalk, byPolygon, units2025.length);
  const differing = new Set([...grouped.differingUnits, ...(weak?.differingUnits ?? [])]);
  let byFileId = 0;
  const unitOfId = new Map(units2025.map((unit, u) => [unit.id, u]));
  for (let h = 0; h < households.length; h++) {
    const id = households.wardId[h];
    if (id !== null && unitOfId.has(id)) byFileId += households.count[h];
  }
  return {
    movedHouseholds: grouped.movedHouseholds,
    outsideByCrosswalk: grouped.outsideByCrosswalk,
    outsideByPolygon: grouped.outsideByPolygon,
    currentVsCrosswalk: movedBetween(households.count, current, byCrosswalk),
    currentVsPolygon: movedBetween(households.count, current, byPolygon),
    householdsByFileId: byFileId,
    units: [...differing]
      .map((u) => ({
        unitIndex: u,
        householdsByCrosswalk: grouped.byCrosswalk[u],
        householdsByPolygon: grouped.byPolygon[u],
        weakByCrosswalk: weak === null ? null : weak.byCrosswalk[u],
        weakByPolygon: weak === null ? null : weak.byPolygon[u],
      }))
      .sort(
        (a, b) =>
          Math.abs(b.householdsByPolygon - b.householdsByCrosswalk) - Math.abs(a.householdsByPolygon - a.householdsByCrosswalk) || a.unitIndex - b.unitIndex,
      ),
  };
}

