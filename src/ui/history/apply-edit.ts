/**
 * Applying an edit of the undo history (`edit-history.ts`) to the app: the same requests a user's edit makes
 * (cell updates and site changes through the worker, decisions and kept cables in the page), through functions
 * that do not record it again.
 */
import type { Cell } from '../../core/model.ts';
import type { FibreExtension } from '../../core/fibre/plan-fibre-extension.ts';
import type { DecisionState, Edit, SiteCells } from './edit-history.ts';

/** What applying an edit needs; each resolves to false (or null) when it could not be applied. */
export interface EditAppliers {
  /** Replaces an imported cell in the analysis (false without an analysis). */
  updateCell(cellIndex: number, cell: Cell): Promise<boolean>;
  /** Puts proposed sites into the analysis (those not there yet); null when refused. */
  restoreSites(sites: readonly SiteCells[]): Promise<readonly SiteCells[] | null>;
  /** Takes proposed sites out of the analysis; null when refused. */
  removeSites(siteIds: readonly string[]): Promise<readonly SiteCells[] | null>;
  moveSite(siteId: string, lon: number, lat: number): Promise<boolean>;
  setDecision(siteId: string, state: DecisionState | null): void;
  /** Keeps these extensions of the plan run `plan`; false when another plan replaced it. */
  setExtensions(plan: object, extensions: readonly FibreExtension[]): boolean;
}

/** Applies `edit` (its `after` state); resolves to whether it was applied. */
export async function applyEdit(edit: Edit, appliers: EditAppliers): Promise<boolean> {
  switch (edit.kind) {
    case 'cell':
      return appliers.updateCell(edit.cellIndex, edit.after);
    case 'addSites':
      return (await appliers.restoreSites(edit.sites)) !== null;
    case 'deleteSites':
      return (await appliers.removeSites(edit.sites.map((site) => site.siteId))) !== null;
    case 'moveSite':
      return appliers.moveSite(edit.siteId, edit.to[0], edit.to[1]);
    case 'decision':
      appliers.setDecision(edit.siteId, edit.after);
      return true;
    case 'fibreExtensions':
      return appliers.setExtensions(edit.plan, edit.after);
  }
}
