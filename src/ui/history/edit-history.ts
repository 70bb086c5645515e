/**
 * Undo/redo of the edits of a session (issue 11), as plain data: each edit records its state before and after,
 * so its inverse is another edit of the same kind (`invertEdit`) that the app sends to the worker like any edit.
 * The worker owns the analysis and replies with deltas; undoing through it (rather than restoring a page-side
 * copy) keeps the statistics and the map the worker's answer for the cells as they are again.
 *
 * The history is two stacks (`past`, `future`): a new edit clears the future; undoing moves the newest past edit
 * to the future, redoing moves it back. Functions here never mutate their arguments.
 */
import type { FibreExtension } from '../../core/fibre/plan-fibre-extension.ts';
import type { Cell } from '../../core/model.ts';
import type { ProposalDecision } from '../../io/scenario-file.ts';

/** A proposed site as the history keeps it: its id and cells (their position is the site's). */
export interface SiteCells {
  siteId: string;
  cells: readonly Cell[];
}

/** An engineer's decision on an operator's proposed site, with when it was taken (ISO 8601, '' unknown). */
export interface DecisionState {
  decision: ProposalDecision;
  decidedAt: string;
}

/** Longitude and latitude in degrees (WGS84). */
export type LonLat = readonly [lon: number, lat: number];

export type Edit =
  /** An existing (imported) cell edited in the cell editor: power, tilt, azimuth, height or position. */
  | { kind: 'cell'; cellIndex: number; before: Cell; after: Cell }
  /** Proposed (what-if) sites placed on the map or put there from the automatic siting. */
  | { kind: 'addSites'; sites: readonly SiteCells[] }
  | { kind: 'deleteSites'; sites: readonly SiteCells[] }
  /** A proposed site dragged on the map (one edit per drag, from where it started to where it was dropped). */
  | { kind: 'moveSite'; siteId: string; from: LonLat; to: LonLat }
  /** A decision on an operator's proposal; null = not decided. */
  | { kind: 'decision'; siteId: string; before: DecisionState | null; after: DecisionState | null }
  /**
   * The kept extensions of a fibre plan after deleting one (`extensionId`, with those branching from it); `plan`
   * identifies the plan run they belong to (a new plan makes the edit meaningless).
   */
  | { kind: 'fibreExtensions'; plan: object; extensionId: string; before: readonly FibreExtension[]; after: readonly FibreExtension[] };

export type EditKind = Edit['kind'];

/**
 * The edit that takes the state after `edit` back to the state before it.
 *
 * @example invertEdit({ kind: 'moveSite', siteId: 'NEW-003', from: [106.6, 20.8], to: [106.7, 20.9] })
 *          // { kind: 'moveSite', siteId: 'NEW-003', from: [106.7, 20.9], to: [106.6, 20.8] }
 */
export function invertEdit(edit: Edit): Edit {
  switch (edit.kind) {
    case 'cell':
      return { ...edit, before: edit.after, after: edit.before };
    case 'addSites':
      return { kind: 'deleteSites', sites: edit.sites };
    case 'deleteSites':
      return { kind: 'addSites', sites: edit.sites };
    case 'moveSite':
      return { ...edit, from: edit.to, to: edit.from };
    case 'decision':
      return { ...edit, before: edit.after, after: edit.before };
    case 'fibreExtensions':
      return { ...edit, before: edit.after, after: edit.before };
  }
}

export interface EditHistory {
  /** Edits done, oldest first (the last one is undone next). */
  past: readonly Edit[];
  /** Edits undone, the next to redo last. */
  future: readonly Edit[];
}

export const EMPTY_HISTORY: EditHistory = { past: [], future: [] };

/** Edits kept for undo; older ones are forgotten. */
export const HISTORY_LIMIT = 200;

/** The history after a new edit: it is the next to undo, and nothing is left to redo. */
export function recordEdit(history: EditHistory, edit: Edit, limit = HISTORY_LIMIT): EditHistory {
  const past = [...history.past, edit];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/**
 * The edit to undo (apply `invertEdit` of it) and the history once it is undone; null when there is none. The
 * caller commits the history only when the inverse edit was applied.
 */
export function takeUndo(history: EditHistory): { edit: Edit; history: EditHistory } | null {
  const edit = history.past.at(-1);
  if (edit === undefined) return null;
  return { edit, history: { past: history.past.slice(0, -1), future: [...history.future, edit] } };
}

/** The edit to redo (apply it as it is) and the history once it is redone; null when there is none. */
export function takeRedo(history: EditHistory): { edit: Edit; history: EditHistory } | null {
  const edit = history.future.at(-1);
  if (edit === undefined) return null;
  return { edit, history: { past: [...history.past, edit], future: history.future.slice(0, -1) } };
}

/** The history without the edits `stale` picks (e.g. those of a fibre plan replaced by a new one). */
export function discardEdits(history: EditHistory, stale: (edit: Edit) => boolean): EditHistory {
  const past = history.past.filter((edit) => !stale(edit));
  const future = history.future.filter((edit) => !stale(edit));
  return past.length === history.past.length && future.length === history.future.length ? history : { past, future };
}

/** How an edit is named to the user: a dictionary key of the history strings and its parameters. */
export interface EditLabel {
  key: 'editCell' | 'editAddSites' | 'editDeleteSites' | 'editMoveSite' | 'editApprove' | 'editReject' | 'editUndecide' | 'editDeleteExtension';
  params: Record<string, string>;
}

/** At most this many site ids are named in a label; more are counted ("NEW-001, NEW-002, NEW-003 +2"). */
const NAMED_SITES = 3;

/**
 * The label of an edit as the user did it (the Undo button names the edit it takes back, the Redo button the one
 * it does again).
 *
 * @example editLabel({ kind: 'moveSite', siteId: 'NEW-003', … }) // { key: 'editMoveSite', params: { site: 'NEW-003' } }
 */
export function editLabel(edit: Edit): EditLabel {
  switch (edit.kind) {
    case 'cell':
      return { key: 'editCell', params: { cell: edit.after.cellId } };
    case 'addSites':
      return { key: 'editAddSites', params: { sites: siteList(edit.sites), n: String(edit.sites.length) } };
    case 'deleteSites':
      return { key: 'editDeleteSites', params: { sites: siteList(edit.sites), n: String(edit.sites.length) } };
    case 'moveSite':
      return { key: 'editMoveSite', params: { site: edit.siteId } };
    case 'decision': {
      const key = edit.after === null ? 'editUndecide' : edit.after.decision === 'approved' ? 'editApprove' : 'editReject';
      return { key, params: { site: edit.siteId } };
    }
    case 'fibreExtensions':
      return { key: 'editDeleteExtension', params: { extension: edit.extensionId } };
  }
}

function siteList(sites: readonly SiteCells[]): string {
  const named = sites.slice(0, NAMED_SITES).map((site) => site.siteId).join(', ');
  return sites.length > NAMED_SITES ? `${named} +${sites.length - NAMED_SITES}` : named;
}
