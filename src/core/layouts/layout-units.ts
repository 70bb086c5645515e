/**
 * What is shown beside a unit of either layout so a reader knows how sure its figures are (its former districts
 * come from unit-layouts.ts `formerDistrictsOf`): whether the unit's figures rest on an approximation of the
 * 2019 → 2025 crosswalk (data/SOURCES.md): a 2019 unit split between new units (all its households counted in one
 * of them), or a link through a 2024 merger that was inferred.
 */

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
