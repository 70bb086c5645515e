/**
 * Exports of the proposals review (issue 5): the decision list (one row per proposed site with its evaluation,
 * the engineer's decision and comment) and the approved sites as GeoJSON points carrying their cells' RF fields.
 * Comments are data: CSV export escapes formulae, XLSX writes strings as strings.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Cell } from '../core/model.ts';
import type { ProposalEvaluation } from '../core/siting/evaluate-proposals.ts';
import type { Table } from './export-table.ts';
import type { SiteDecision } from './scenario-file.ts';

const DECISION_COLUMNS = [
  'site_id', 'operator', 'lon', 'lat', 'households_lifted', 'households_covered', 'duplicate_pct', 'wards',
  'nearest_site_id', 'nearest_distance_m', 'decision', 'comment', 'decided_at',
];

/** One row per evaluated site, in file order; sites without a decision have an empty decision. */
export function proposalDecisionsTable(evaluations: readonly ProposalEvaluation[], decisions: ReadonlyMap<string, SiteDecision>): Table {
  return {
    name: 'decisions',
    columns: DECISION_COLUMNS,
    rows: evaluations.map((evaluation) => {
      const decision = decisions.get(evaluation.siteId);
      return [
        evaluation.siteId,
        evaluation.operator,
        evaluation.lon,
        evaluation.lat,
        evaluation.householdsLifted,
        evaluation.householdsCovered,
        Math.round(evaluation.duplicateShare * 10_000) / 100,
        evaluation.wards.map((ward) => ward.wardName).join('; '),
        evaluation.nearestExistingSiteId,
        evaluation.nearestExistingDistanceM === null ? null : Math.round(evaluation.nearestExistingDistanceM),
        decision?.decision ?? '',
        decision?.comment ?? '',
        decision?.decidedAt ?? '',
      ];
    }),
  };
}

export interface ApprovedSiteProperties {
  site_id: string;
  operator: string;
  households_lifted: number;
  comment: string;
  decided_at: string | null;
  /** The site's cells with their RF fields, as imported. */
  cells: Cell[];
}

/** The approved sites as points (their cells in the properties), in file order. */
export function approvedSitesGeojson(
  evaluations: readonly ProposalEvaluation[],
  cells: readonly Cell[],
  decisions: ReadonlyMap<string, SiteDecision>,
): FeatureCollection<Point, ApprovedSiteProperties> {
  return {
    type: 'FeatureCollection',
    features: evaluations
      .filter((evaluation) => decisions.get(evaluation.siteId)?.decision === 'approved')
      .map((evaluation): Feature<Point, ApprovedSiteProperties> => {
        const decision = decisions.get(evaluation.siteId);
        return {
          type: 'Feature',
          properties: {
            site_id: evaluation.siteId,
            operator: evaluation.operator,
            households_lifted: evaluation.householdsLifted,
            comment: decision?.comment ?? '',
            decided_at: decision?.decidedAt ?? null,
            cells: cells.filter((cell) => cell.siteId === evaluation.siteId),
          },
          geometry: { type: 'Point', coordinates: [evaluation.lon, evaluation.lat] },
        };
      }),
  };
}
