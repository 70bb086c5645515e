/**
 * Two ways of grouping households into the 2025 units, and where they differ: by the crosswalk of the 2019 unit
 * each household lies in (the units' census definition: every household of a 2019 unit goes to one new unit), or
 * by point in polygon on the 2025 polygons (which were dissolved from the 2019 ones, but overlap a little and leave
 * slivers, so a point in an overlap goes to the smaller unit and a point in a sliver to none).
 */

/** Households moved between two units by the change of grouping. */
export interface GroupingFlow {
  /** Unit by the crosswalk, −1 = none. */
  fromUnit: number;
  /** Unit by point in polygon, −1 = none. */
  toUnit: number;
  households: number;
}

export interface GroupingComparison {
  /** Households (sum of `count`) per unit by the crosswalk, and outside every unit that way. */
  byCrosswalk: Float64Array;
  outsideByCrosswalk: number;
  /** Households per unit by point in polygon, and outside every polygon. */
  byPolygon: Float64Array;
  outsideByPolygon: number;
  /** Households the two groupings put in different units (or one of them in none). */
  movedHouseholds: number;
  /** Every pair of units households moved between, most households first (ties by unit indices). */
  flows: GroupingFlow[];
  /** Units whose household counts differ, largest difference first (ties by index). */
  differingUnits: number[];
}

/**
 * Compares two groupings of the same households into `unitCount` units (−1 = in no unit).
 *
 * @example compareGroupings(households.count, byCrosswalk, byPolygon, units2025.length).movedHouseholds
 */
export function compareGroupings(
  count: ArrayLike<number>,
  byCrosswalk: Int32Array,
  byPolygon: Int32Array,
  unitCount: number,
): GroupingComparison {
  const crosswalkSums = new Float64Array(unitCount);
  const polygonSums = new Float64Array(unitCount);
  let outsideByCrosswalk = 0;
  let outsideByPolygon = 0;
  let movedHouseholds = 0;
  const flows = new Map<number, GroupingFlow>();
  for (let h = 0; h < count.length; h++) {
    const from = byCrosswalk[h];
    const to = byPolygon[h];
    if (from === -1) outsideByCrosswalk += count[h];
    else crosswalkSums[from] += count[h];
    if (to === -1) outsideByPolygon += count[h];
    else polygonSums[to] += count[h];
    if (from === to) continue;
    movedHouseholds += count[h];
    // one key per pair: units shifted by one so that −1 fits
    const key = (from + 1) * (unitCount + 1) + (to + 1);
    const flow = flows.get(key);
    if (flow === undefined) flows.set(key, { fromUnit: from, toUnit: to, households: count[h] });
    else flow.households += count[h];
  }
  const differingUnits: number[] = [];
  for (let u = 0; u < unitCount; u++) if (crosswalkSums[u] !== polygonSums[u]) differingUnits.push(u);
  differingUnits.sort((a, b) => Math.abs(polygonSums[b] - crosswalkSums[b]) - Math.abs(polygonSums[a] - crosswalkSums[a]) || a - b);
  return {
    byCrosswalk: crosswalkSums,
    outsideByCrosswalk,
    byPolygon: polygonSums,
    outsideByPolygon,
    movedHouseholds,
    flows: [...flows.values()].sort((a, b) => b.households - a.households || a.fromUnit - b.fromUnit || a.toUnit - b.toUnit),
    differingUnits,
  };
}
