/**
 * The live what-if numbers: households out of weak/none gained per ward since the analysis, from the ward rows
 * before (the analysis) and now (after proposed sites and edits).
 */
import type { WardStats } from '../../core/coverage/coverage-result.ts';

export interface WhatIfRow {
  wardIndex: number;
  wardName: string;
  /** Weak + none households at the analysis. */
  weakBefore: number;
  /** Weak + none households now. */
  weakAfter: number;
  /** weakBefore − weakAfter: households moved out (negative when edits made a ward worse). */
  movedOut: number;
}

/**
 * Wards whose weak + none count changed, most households moved out first (ties by ward order).
 *
 * @example whatIfRows([{ …, weak: 5, none: 3 }], [{ …, weak: 2, none: 1 }]) // [{ weakBefore: 8, weakAfter: 3, movedOut: 5 }]
 */
export function whatIfRows(before: readonly WardStats[], after: readonly WardStats[]): WhatIfRow[] {
  const rows: WhatIfRow[] = [];
  before.forEach((ward, w) => {
    const now = after[w];
    if (now === undefined) return;
    const weakBefore = ward.weak + ward.none;
    const weakAfter = now.weak + now.none;
    if (weakBefore !== weakAfter) rows.push({ wardIndex: w, wardName: ward.wardName, weakBefore, weakAfter, movedOut: weakBefore - weakAfter });
  });
  return rows.sort((a, b) => b.movedOut - a.movedOut || a.wardIndex - b.wardIndex);
}
