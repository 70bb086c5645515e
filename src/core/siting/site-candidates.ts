/**
 * Candidate sites for automatic siting and the names new sites get, the same in the CLI (`plan-sites`) and the
 * app: grid candidates are G1, G2, … in grid order; the chosen ones are renamed NEW-001, NEW-002, … in pick
 * order; candidates from a file keep their site ids. Every candidate carries the cells it would have (a
 * template's sectors, or the file's rows completed by the template).
 */
import { isAnalysedCell } from '../coverage/analysed-cell.ts';
import type { CoverageResult } from '../coverage/coverage-result.ts';
import type { WeakZones } from '../coverage/weak-zones.ts';
import type { AnalysisSettings, Cell, HouseholdPoints } from '../model.ts';
import { generateCandidateGrid } from './candidate-grid.ts';
import { collectWeakHouseholds, type SitingCandidate } from './coverage-sets.ts';
import type { ChosenSite } from './select-new-sites.ts';
import { applySiteTemplate, cellsOfSite, type SiteTemplate, type TemplateRfField } from './site-templates.ts';

/** The template new sites of an analysis get: the analysed operator, when the analysis has one, replaces the template's. */
export function templateForAnalysis(template: SiteTemplate, settings: Pick<AnalysisSettings, 'operator'>): SiteTemplate {
  return settings.operator !== null ? { ...template, operator: settings.operator } : template;
}

export interface GridCandidatesInput {
  households: HouseholdPoints;
  /** Coverage of the existing network: its weak/none households get candidates. */
  coverage: Pick<CoverageResult, 'signalClass'>;
  /** The analysis's weak-signal zones, or null to place candidates by households only. */
  zones: WeakZones | null;
  spacingM: number;
  template: SiteTemplate;
}

/** Candidates on the grid over the weak-signal zones (`generateCandidateGrid`), named G1, G2, … with the template's cells. */
export function gridCandidates(input: GridCandidatesInput): SitingCandidate[] {
  const points = generateCandidateGrid({
    households: input.households,
    weak: collectWeakHouseholds(input.households, input.coverage),
    zones: input.zones === null ? null : input.zones.features.map((feature) => feature.geometry),
    spacingM: input.spacingM,
  });
  return points.map((point, i) => {
    const siteId = `G${i + 1}`;
    return { siteId, lon: point.lon, lat: point.lat, cells: cellsOfSite(siteId, point.lon, point.lat, input.template) };
  });
}

/**
 * Candidate sites from the cells of a candidate file, grouped by site id, completed by the template where the
 * file gives no value (`given`: the RF fields each cell's row gave), with status planned. Sites with no cell of
 * the analysed layer are not candidates, only counted (`otherLayer`).
 */
export function fileCandidates(
  cells: readonly Cell[],
  given: ReadonlyMap<string, ReadonlySet<TemplateRfField>>,
  template: SiteTemplate,
  settings: AnalysisSettings,
): { candidates: SitingCandidate[]; otherLayer: number } {
  const bySite = new Map<string, Cell[]>();
  for (const cell of cells) {
    const rows = bySite.get(cell.siteId);
    if (rows === undefined) bySite.set(cell.siteId, [cell]);
    else rows.push(cell);
  }
  const candidates: SitingCandidate[] = [];
  let otherLayer = 0;
  const empty = new Set<TemplateRfField>();
  for (const [siteId, rows] of bySite) {
    // a chosen candidate is a planned site, whatever status the candidate file gave (or defaulted)
    const siteCells = applySiteTemplate(rows, template, (cell) => given.get(cell.cellId) ?? empty).map((cell) => ({ ...cell, status: 'planned' as const }));
    if (!siteCells.some((cell) => isAnalysedCell(cell, settings))) otherLayer++;
    else candidates.push({ siteId, lon: rows[0].lon, lat: rows[0].lat, cells: siteCells });
  }
  return { candidates, otherLayer };
}

/** Chosen grid candidates renamed NEW-001, NEW-002, … in pick order, with the template's cells under the new name. */
export function nameNewSites(sites: readonly ChosenSite[], template: SiteTemplate): ChosenSite[] {
  return sites.map((site, i) => {
    const siteId = `NEW-${String(i + 1).padStart(3, '0')}`;
    return { ...site, siteId, cells: cellsOfSite(siteId, site.lon, site.lat, template) };
  });
}
