/**
 * What is shown beside a unit of either layout so a reader finds it and knows how sure its figures are: the
 * former district(s) of a 2025 unit (the districts were abolished on 1 July 2025; engineers still think in them),
 * and whether the unit's figures rest on an approximation of the 2019 → 2025 crosswalk (data/SOURCES.md): a
 * 2019 unit split between new units (all its households counted in one of them), or a link through a 2024
 * merger that was inferred.
 */
import type { UnitMapping } from './crosswalk-rollup.ts';

/** A unit of the 2019 layout as this module needs it. */
export interface OldUnit {
  id: string;
  district: string | null;
  /** 2019 census households; weights the districts of a new unit (null counts as 0). */
  households2019: number | null;
}

/** One row of the crosswalk (io/parse-crosswalk.ts) as this module needs it. */
export interface CrosswalkLink {
  oldId: string;
  newId: string;
  split: boolean;
  uncertainLink: boolean;
}

/** The approximations a unit's figures depend on. */
export interface UnitApproximation {
  /** Some 2019 unit of it is split between new units (the crosswalk's `split`, the polygons' `approx_split`). */
  split: boolean;
  /** Some link of it rests on an inferred 2024 merger (`link_2024_2025_uncertain`, `approx_2024_link`). */
  uncertainLink: boolean;
}

/**
 * The former district(s) of each new unit: the districts of the old units the mapping rolls into it, the one with
 * most 2019 households first (ties by name, Vietnamese order); [] for a unit no old unit reaches.
 *
 * @example formerDistrictsOfNewUnits(units2019, mapping, 114)[u] // ['Huyện Thuỷ Nguyên']
 */
export function formerDistrictsOfNewUnits(oldUnits: readonly OldUnit[], mapping: UnitMapping, newUnitCount: number): string[][] {
  const weights = Array.from({ length: newUnitCount }, () => new Map<string, number>());
  oldUnits.forEach((unit, k) => {
    const u = mapping.newUnitOfOld[k];
    if (u === -1 || unit.district === null || unit.district === '') return;
    weights[u].set(unit.district, (weights[u].get(unit.district) ?? 0) + (unit.households2019 ?? 0));
  });
  return weights.map((byDistrict) =>
    [...byDistrict].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi')).map(([district]) => district),
  );
}

/**
 * Per unit id of one side of the crosswalk (`new`: the 2025 units; `old`: the 2019 units), the approximations
 * of its rows; units without any row are exact.
 *
 * @example unitApproximations(crosswalk.rows, units2025.map((u) => u.id), 'new')[0] // { split: true, uncertainLink: true }
 */
export function unitApproximations(links: readonly CrosswalkLink[], unitIds: readonly string[], side: 'new' | 'old'): UnitApproximation[] {
  const byId = new Map<string, UnitApproximation>();
  for (const link of links) {
    const id = side === 'new' ? link.newId : link.oldId;
    const flags = byId.get(id) ?? { split: false, uncertainLink: false };
    byId.set(id, { split: flags.split || link.split, uncertainLink: flags.uncertainLink || link.uncertainLink });
  }
  return unitIds.map((id) => byId.get(id) ?? { split: false, uncertainLink: false });
}
