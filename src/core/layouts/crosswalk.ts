/**
 * A crosswalk between two unit layouts as the core reads it: one row per (old unit, new unit) pair, and the one new
 * unit that takes each old unit's households (its `share` 1 row). Parsed from data/hp2025_crosswalk.csv (the 2019
 * units of Hải Phòng and Hải Dương → the 114 units of 2025) by io/parse-crosswalk.ts.
 */

export interface CrosswalkRow {
  oldId: string;
  newId: string;
  /** 0…1: the fraction of the old unit's households counted in the new unit. */
  share: number;
  oldName: string | null;
  /** The old unit's district (abolished in the 2025 layout), e.g. "Huyện Thuỷ Nguyên". */
  oldDistrict: string | null;
  newName: string | null;
  /** The old unit is split between new units, or its link rests on an inferred merger: the figure is indicative. */
  approximate: boolean;
  /** The old unit is split between new units (`split` 1): all its households counted in one of them. */
  split: boolean;
  /** Its 2024 → 2025 link rests on an inferred merger (`link_2024_2025_uncertain` 1). */
  uncertainLink: boolean;
}

export interface Crosswalk {
  rows: CrosswalkRow[];
  /** The new unit of each old unit: its row with share 1. */
  newIdOfOldId: Map<string, string>;
}
