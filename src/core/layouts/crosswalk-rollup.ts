/**
 * Statistics of one unit layout rolled up into another by a crosswalk: the 2019 layout (488 units, and Bạch Long
 * Vĩ, a district without communes) into the 114 units of 2025. The crosswalk gives each old unit the one new unit
 * that takes all its households (the `share` 1 row of data/hp2025_crosswalk.csv); additive statistics (household
 * counts per class, households passed by fibre) are summed, and percentages are computed again from the sums,
 * never averaged.
 */
import { percentOf, type CoverageTotals } from '../coverage/ward-statistics.ts';
import type { WardStats } from '../coverage/coverage-result.ts';

/** Units as the roll-up needs them: an id (GSO code) and a name. */
export interface LayoutUnit {
  id: string;
  name: string;
}

/** How the old layout's units map into the new layout's. */
export interface UnitMapping {
  /** Per old unit: index of its new unit, −1 when the crosswalk has no new unit for it in the new layer. */
  newUnitOfOld: Int32Array;
  /** Old units (ids) the crosswalk does not map. */
  unmappedOldIds: string[];
  /** New ids the crosswalk names that are not in the new layer (their old units are unmapped too). */
  unknownNewIds: string[];
  /** New units no old unit rolls up to. */
  emptyNewIds: string[];
}

/**
 * Maps every old unit to its new unit by `newIdOfOldId` (old id → new id).
 *
 * @example mapUnitsByCrosswalk(units2019, units2025, crosswalk).newUnitOfOld[k] // index into units2025
 */
export function mapUnitsByCrosswalk(
  oldUnits: readonly LayoutUnit[],
  newUnits: readonly LayoutUnit[],
  newIdOfOldId: ReadonlyMap<string, string>,
): UnitMapping {
  const newIndexOf = new Map(newUnits.map((unit, u) => [unit.id, u]));
  const newUnitOfOld = new Int32Array(oldUnits.length).fill(-1);
  const unmappedOldIds: string[] = [];
  const unknownNewIds = new Set<string>();
  const reached = new Uint8Array(newUnits.length);
  oldUnits.forEach((unit, k) => {
    const newId = newIdOfOldId.get(unit.id);
    const u = newId === undefined ? undefined : newIndexOf.get(newId);
    if (newId !== undefined && u === undefined) unknownNewIds.add(newId);
    if (u === undefined) {
      unmappedOldIds.push(unit.id);
      return;
    }
    newUnitOfOld[k] = u;
    reached[u] = 1;
  });
  return {
    newUnitOfOld,
    unmappedOldIds,
    unknownNewIds: [...unknownNewIds],
    emptyNewIds: newUnits.filter((_, u) => reached[u] === 0).map((unit) => unit.id),
  };
}

/**
 * Each household's new unit by the crosswalk of its old unit: −1 when it lies outside every old unit or its old
 * unit is unmapped.
 */
export function householdUnitsByCrosswalk(oldUnitOfHousehold: Int32Array, mapping: UnitMapping): Int32Array {
  return Int32Array.from(oldUnitOfHousehold, (k) => (k === -1 ? -1 : mapping.newUnitOfOld[k]));
}

/**
 * Sums columns of per-old-unit values into the new units: `columns[c][k]` is value c of old unit k; the result
 * has `sums[c][u]` for new unit u, and `unmapped[c]`, the part of unmapped old units.
 */
export function rollUpColumns(
  columns: ReadonlyArray<ArrayLike<number>>,
  mapping: UnitMapping,
  newUnitCount: number,
): { sums: Float64Array[]; unmapped: number[] } {
  const sums = columns.map(() => new Float64Array(newUnitCount));
  const unmapped = columns.map(() => 0);
  columns.forEach((column, c) => {
    for (let k = 0; k < column.length; k++) {
      const u = mapping.newUnitOfOld[k];
      if (u === -1) unmapped[c] += column[k];
      else sums[c][u] += column[k];
    }
  });
  return { sums, unmapped };
}

type SummedField = 'households' | 'good' | 'fair' | 'weak' | 'none' | 'fibreHouseholds' | 'speedOkHouseholds';
const SUMMED: readonly SummedField[] = ['households', 'good', 'fair', 'weak', 'none', 'fibreHouseholds', 'speedOkHouseholds'];

/**
 * Totals from summed counts. Households at the speed target add up (null when the rows have no throughput);
 * medians do not, so the rolled-up medians are null.
 */
function withPercentages(sums: Record<SummedField, number>, withSpeed: boolean): CoverageTotals {
  const { speedOkHouseholds, ...counts } = sums;
  return {
    ...counts,
    weakPct: percentOf(sums.weak + sums.none, sums.households),
    fibrePct: percentOf(sums.fibreHouseholds, sums.households),
    medianSinrDb: null,
    medianThroughputMbps: null,
    speedOkHouseholds: withSpeed ? speedOkHouseholds : null,
    speedOkPct: withSpeed ? percentOf(speedOkHouseholds, sums.households) : null,
  };
}

/**
 * The ward statistics of the old layout (one row per old unit, in the order of the mapping's old units) rolled
 * up into one row per new unit, with weak_pct and fibre_pct computed from the summed households; `unmapped` holds
 * the old units the crosswalk does not map.
 *
 * @example rollUpWardStats(statistics2019.wards, units2025, mapping).wards[0].weakPct
 */
export function rollUpWardStats(
  oldRows: readonly WardStats[],
  newUnits: readonly LayoutUnit[],
  mapping: UnitMapping,
): { wards: WardStats[]; unmapped: CoverageTotals } {
  const { sums, unmapped } = rollUpColumns(
    SUMMED.map((field) => oldRows.map((row) => row[field] ?? 0)),
    mapping,
    newUnits.length,
  );
  const withSpeed = oldRows.length > 0 && oldRows.every((row) => row.speedOkHouseholds !== null);
  const totalsOf = (value: (c: number) => number) =>
    withPercentages(Object.fromEntries(SUMMED.map((field, c) => [field, value(c)])) as Record<SummedField, number>, withSpeed);
  return {
    wards: newUnits.map((unit, u) => ({ wardIndex: u, wardId: unit.id, wardName: unit.name, ...totalsOf((c) => sums[c][u]) })),
    unmapped: totalsOf((c) => unmapped[c]),
  };
}
