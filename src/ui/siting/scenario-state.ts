/**
 * Scenarios from and to the app state (issue 5): what a scenario records (analysis settings, edited imported
 * cells, proposed sites' cells, decisions) and how the imported cells look once a scenario is applied.
 */
import type { AnalysisSettings, Cell } from '../../core/model.ts';
import type { Scenario, SiteDecision } from '../../io/scenario-file.ts';

export interface ScenarioSource {
  name: string;
  settings: AnalysisSettings;
  /** Imported cells as edited (matched by `cellId` when the scenario is opened again). */
  edited: readonly Cell[];
  /** Cells of the proposed sites. */
  added: readonly Cell[];
  decisions: readonly SiteDecision[];
}

/**
 * The scenario of the current state, stamped with `savedAt` (ISO 8601) and the saved `revision` it started from
 * (0 for one never saved; the store checks it against the browser's copy on save).
 */
export function buildScenario(source: ScenarioSource, savedAt: string, revision = 0): Scenario {
  return {
    name: source.name,
    savedAt,
    revision,
    settings: source.settings,
    cells: { added: [...source.added], edited: [...source.edited], removed: [] },
    decisions: [...source.decisions],
    templates: {},
  };
}

/**
 * The imported cells with a scenario's edits (by `cellId`) and removals applied, in their order; `missing` lists
 * edited or removed ids the layer does not have (the scenario was saved on other data).
 */
export function applyScenarioCells(cells: readonly Cell[], scenario: Scenario): { cells: Cell[]; edited: Cell[]; missing: string[] } {
  const edits = new Map(scenario.cells.edited.map((cell) => [cell.cellId, cell]));
  const removed = new Set(scenario.cells.removed);
  const present = new Set(cells.map((cell) => cell.cellId));
  const missing = [...edits.keys(), ...removed].filter((cellId) => !present.has(cellId));
  return {
    cells: cells.filter((cell) => !removed.has(cell.cellId)).map((cell) => edits.get(cell.cellId) ?? cell),
    edited: scenario.cells.edited.filter((cell) => present.has(cell.cellId)),
    missing,
  };
}

/** The added cells grouped into sites (by `siteId`, in order of first appearance). */
export function sitesOfCells(cells: readonly Cell[]): Array<{ siteId: string; cells: Cell[] }> {
  const sites = new Map<string, Cell[]>();
  for (const cell of cells) sites.set(cell.siteId, [...(sites.get(cell.siteId) ?? []), cell]);
  return [...sites].map(([siteId, siteCells]) => ({ siteId, cells: siteCells }));
}
