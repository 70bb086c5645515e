/**
 * Side-by-side comparison of two saved scenarios per ward (issue 5): each saved scenario keeps a summary of its
 * analysis (weak/none households per ward), and two summaries are joined by ward id.
 */
import type { WardStatisticsResult } from '../../core/coverage/ward-statistics.ts';

export interface ScenarioSummary {
  technology: string;
  operator: string | null;
  wards: Array<{ wardId: string; wardName: string; households: number; weakOrNone: number }>;
  total: { households: number; weakOrNone: number };
}

export interface ComparisonRow {
  wardId: string;
  wardName: string;
  /** Weak/none households in A and in B (null when that scenario has no such ward). */
  weakA: number | null;
  weakB: number | null;
  /** weakB − weakA (negative: B leaves fewer households in weak/none); null when either is missing. */
  difference: number | null;
}

/** The summary of an analysis as stored with a saved scenario. */
export function summariseStatistics(statistics: WardStatisticsResult, technology: string, operator: string | null): ScenarioSummary {
  return {
    technology,
    operator,
    wards: statistics.wards.map((ward) => ({ wardId: ward.wardId, wardName: ward.wardName, households: ward.households, weakOrNone: ward.weak + ward.none })),
    total: { households: statistics.total.households, weakOrNone: statistics.total.weak + statistics.total.none },
  };
}

/**
 * Rows for every ward of either scenario, largest change first (then by ward name), wards equal in both last.
 *
 * @example compareSummaries(a, b)[0] // { wardId: '11296', weakA: 120, weakB: 35, difference: -85, … }
 */
export function compareSummaries(a: ScenarioSummary, b: ScenarioSummary): ComparisonRow[] {
  const rows = new Map<string, ComparisonRow>();
  for (const ward of a.wards) rows.set(ward.wardId, { wardId: ward.wardId, wardName: ward.wardName, weakA: ward.weakOrNone, weakB: null, difference: null });
  for (const ward of b.wards) {
    const row = rows.get(ward.wardId) ?? { wardId: ward.wardId, wardName: ward.wardName, weakA: null, weakB: null, difference: null };
    row.weakB = ward.weakOrNone;
    rows.set(ward.wardId, row);
  }
  for (const row of rows.values()) row.difference = row.weakA === null || row.weakB === null ? null : row.weakB - row.weakA;
  const size = (row: ComparisonRow) => (row.difference === null ? Number.POSITIVE_INFINITY : Math.abs(row.difference));
  return [...rows.values()].sort((x, y) => size(y) - size(x) || x.wardName.localeCompare(y.wardName));
}
