import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/core/model.ts';
import type { FibreExtension } from '../../../src/core/fibre/plan-fibre-extension.ts';
import { applyEdit, type EditAppliers } from '../../../src/ui/history/apply-edit.ts';
import {
  EMPTY_HISTORY,
  discardEdits,
  editLabel,
  invertEdit,
  recordEdit,
  takeRedo,
  takeUndo,
  type DecisionState,
  type Edit,
  type EditHistory,
  type SiteCells,
} from '../../../src/ui/history/edit-history.ts';
import { historyShortcut } from '../../../src/ui/history/use-edit-history.ts';
import { translate } from '../../../src/ui/i18n.ts';

const cell = (cellId: string, lon: number, lat: number, rsPowerDbm = 15): Cell => ({
  cellId, siteId: cellId.split('/')[0], lon, lat, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30, azimuthDeg: 0,
  beamwidthDeg: 65, tiltDeg: null, rsPowerDbm, antennaGainDbi: 17, feederLossDb: 2, model: null, environment: null, status: 'existing',
  channel: null, bandwidthMhz: null,
});
const site = (siteId: string, lon: number, lat: number): SiteCells => ({ siteId, cells: [0, 120, 240].map((azimuth, k) => ({ ...cell(`${siteId}/${k}`, lon, lat), azimuthDeg: azimuth })) });
const extension = (id: string): FibreExtension => ({ id } as FibreExtension);

/**
 * A model of the app's editable state written independently of the app (plain maps, every change by hand), with
 * the appliers the history needs: undoing every edit must bring it back to where it started.
 */
function modelApp() {
  const state = {
    cells: new Map<number, Cell>([[0, cell('C0', 106.6, 20.8)], [1, cell('C1', 106.7, 20.9)]]),
    sites: new Map<string, [number, number]>(),
    decisions: new Map<string, DecisionState>(),
    extensions: [extension('E1'), extension('E2'), extension('E3')] as readonly FibreExtension[],
  };
  const plan = {};
  const appliers: EditAppliers = {
    updateCell: async (cellIndex, next) => (state.cells.set(cellIndex, next), true),
    restoreSites: async (sites) => {
      const added = sites.filter((s) => !state.sites.has(s.siteId));
      for (const s of added) state.sites.set(s.siteId, [s.cells[0].lon, s.cells[0].lat]);
      return added;
    },
    removeSites: async (ids) => {
      const removed = ids.filter((id) => state.sites.has(id));
      for (const id of removed) state.sites.delete(id);
      return removed.map((siteId) => ({ siteId, cells: [] }));
    },
    moveSite: async (siteId, lon, lat) => state.sites.has(siteId) && (state.sites.set(siteId, [lon, lat]), true),
    setDecision: (siteId, decision) => void (decision === null ? state.decisions.delete(siteId) : state.decisions.set(siteId, decision)),
    setExtensions: (run, extensions) => run === plan && ((state.extensions = extensions), true),
  };
  const snapshot = () => JSON.stringify({ cells: [...state.cells], sites: [...state.sites], decisions: [...state.decisions], extensions: state.extensions.map((e) => e.id) });
  return { state, plan, appliers, snapshot };
}

describe('edit history stacks', () => {
  const a: Edit = { kind: 'moveSite', siteId: 'A', from: [1, 1], to: [2, 2] };
  const b: Edit = { kind: 'moveSite', siteId: 'B', from: [1, 1], to: [3, 3] };
  const c: Edit = { kind: 'decision', siteId: 'VT-A', before: null, after: { decision: 'approved', decidedAt: '' } };

  it('undoes the newest edit first and redoes in the order undone', () => {
    let history: EditHistory = recordEdit(recordEdit(EMPTY_HISTORY, a), b);
    const first = takeUndo(history)!;
    expect(first.edit).toBe(b);
    history = first.history;
    const second = takeUndo(history)!;
    expect(second.edit).toBe(a);
    history = second.history;
    expect(takeUndo(history)).toBeNull();
    expect(history).toEqual({ past: [], future: [b, a] });
    const redo = takeRedo(history)!;
    expect(redo.edit).toBe(a);
    expect(redo.history).toEqual({ past: [a], future: [b] });
  });

  it('a new edit after an undo clears what could be redone', () => {
    const undone = takeUndo(recordEdit(recordEdit(EMPTY_HISTORY, a), b))!.history;
    expect(undone.future).toEqual([b]);
    expect(recordEdit(undone, c)).toEqual({ past: [a, c], future: [] });
    expect(takeRedo(recordEdit(undone, c))).toBeNull();
  });

  it('keeps at most `limit` edits, forgetting the oldest', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < 5; i++) history = recordEdit(history, { ...a, to: [i, i] }, 3);
    expect(history.past.map((edit) => (edit.kind === 'moveSite' ? edit.to[0] : null))).toEqual([2, 3, 4]);
  });

  it('discards stale edits from both stacks and leaves the history as it is when none is stale', () => {
    const history = { past: [a, c], future: [b] };
    expect(discardEdits(history, (edit) => edit.kind === 'moveSite')).toEqual({ past: [c], future: [] });
    expect(discardEdits(history, () => false)).toBe(history);
  });

  it('never mutates the history it is given', () => {
    const history = Object.freeze({ past: Object.freeze([a, b]), future: Object.freeze([c]) });
    expect(() => [recordEdit(history, c), takeUndo(history), takeRedo(history), discardEdits(history, () => true)]).not.toThrow();
    expect(history.past).toEqual([a, b]);
  });
});

describe('inverse edits', () => {
  const edits: Edit[] = [
    { kind: 'cell', cellIndex: 4, before: cell('C4', 1, 2, 15), after: cell('C4', 1, 2, 18) },
    { kind: 'addSites', sites: [site('NEW-001', 106.5, 20.8)] },
    { kind: 'deleteSites', sites: [site('P-002', 106.5, 20.8)] },
    { kind: 'moveSite', siteId: 'NEW-003', from: [106.5, 20.8], to: [106.52, 20.81] },
    { kind: 'decision', siteId: 'VT-A', before: { decision: 'rejected', decidedAt: 't1' }, after: { decision: 'approved', decidedAt: 't2' } },
    { kind: 'fibreExtensions', plan: {}, extensionId: 'E2', before: [extension('E1'), extension('E2')], after: [extension('E1')] },
  ];

  it('inverting twice gives the edit back', () => {
    for (const edit of edits) expect(invertEdit(invertEdit(edit))).toEqual(edit);
  });

  it('an addition is undone by a deletion of the same sites and a move by the move back', () => {
    expect(invertEdit(edits[1])).toEqual({ kind: 'deleteSites', sites: edits[1].kind === 'addSites' ? edits[1].sites : [] });
    expect(invertEdit(edits[3])).toEqual({ kind: 'moveSite', siteId: 'NEW-003', from: [106.52, 20.81], to: [106.5, 20.8] });
    expect(invertEdit(edits[0])).toMatchObject({ before: { rsPowerDbm: 18 }, after: { rsPowerDbm: 15 } });
  });

  it('undoing a sequence of every kind of edit through the appliers brings the state back, and redoing brings the edits back', async () => {
    const app = modelApp();
    const start = app.snapshot();
    let history = EMPTY_HISTORY;
    // the user's edits, each applied then recorded, as the app does
    const userEdits: Edit[] = [
      { kind: 'addSites', sites: [site('NEW-001', 106.5, 20.8), site('NEW-002', 106.6, 20.7)] },
      { kind: 'moveSite', siteId: 'NEW-001', from: [106.5, 20.8], to: [106.55, 20.82] },
      { kind: 'cell', cellIndex: 1, before: app.state.cells.get(1)!, after: cell('C1', 106.7, 20.9, 12) },
      { kind: 'decision', siteId: 'VT-A', before: null, after: { decision: 'approved', decidedAt: '2026-12-02T05:00:00Z' } },
      { kind: 'decision', siteId: 'VT-A', before: { decision: 'approved', decidedAt: '2026-12-02T05:00:00Z' }, after: { decision: 'rejected', decidedAt: '2026-12-02T05:01:00Z' } },
      { kind: 'deleteSites', sites: [site('NEW-002', 106.6, 20.7)] },
      { kind: 'fibreExtensions', plan: app.plan, extensionId: 'E2', before: app.state.extensions, after: [extension('E1'), extension('E3')] },
    ];
    for (const edit of userEdits) {
      expect(await applyEdit(edit, app.appliers)).toBe(true);
      history = recordEdit(history, edit);
    }
    const end = app.snapshot();
    expect(end).not.toBe(start);
    expect(app.state.sites).toEqual(new Map([['NEW-001', [106.55, 20.82]]]));
    expect(app.state.decisions.get('VT-A')?.decision).toBe('rejected');

    for (let taken = takeUndo(history); taken !== null; taken = takeUndo(history)) {
      expect(await applyEdit(invertEdit(taken.edit), app.appliers)).toBe(true);
      history = taken.history;
    }
    expect(app.snapshot()).toBe(start);
    for (let taken = takeRedo(history); taken !== null; taken = takeRedo(history)) {
      expect(await applyEdit(taken.edit, app.appliers)).toBe(true);
      history = taken.history;
    }
    expect(app.snapshot()).toBe(end);
  });

  it('reports a fibre edit of a replaced plan, or a move of a missing site, as not applied', async () => {
    const app = modelApp();
    expect(await applyEdit({ kind: 'fibreExtensions', plan: {}, extensionId: 'E1', before: [], after: [] }, app.appliers)).toBe(false);
    expect(await applyEdit({ kind: 'moveSite', siteId: 'GONE', from: [0, 0], to: [1, 1] }, app.appliers)).toBe(false);
  });
});

describe('edit labels', () => {
  it('names the edit in Vietnamese and English for the Undo and Redo tooltips', () => {
    const move = editLabel({ kind: 'moveSite', siteId: 'NEW-003', from: [0, 0], to: [1, 1] });
    expect(translate('vi', 'undoEdit', { edit: translate('vi', move.key, move.params) })).toBe('Hoàn tác: di chuyển trạm NEW-003');
    expect(translate('en', 'undoEdit', { edit: translate('en', move.key, move.params) })).toBe('Undo: move site NEW-003');
    const approve = editLabel({ kind: 'decision', siteId: 'VT-A', before: null, after: { decision: 'approved', decidedAt: '' } });
    expect(translate('vi', 'redoEdit', { edit: translate('vi', approve.key, approve.params) })).toBe('Làm lại: duyệt trạm VT-A');
    const cleared = editLabel({ kind: 'decision', siteId: 'VT-A', before: { decision: 'approved', decidedAt: '' }, after: null });
    expect(translate('en', cleared.key, cleared.params)).toBe('clear the decision on site VT-A');
    const cellEdit = editLabel({ kind: 'cell', cellIndex: 0, before: cell('HP-0001-1', 0, 0), after: cell('HP-0001-1', 0, 0, 20) });
    expect(translate('vi', cellEdit.key, cellEdit.params)).toBe('sửa cell HP-0001-1');
  });

  it('lists up to three added sites and counts the rest, with the English plural', () => {
    const five = editLabel({ kind: 'addSites', sites: ['NEW-001', 'NEW-002', 'NEW-003', 'NEW-004', 'NEW-005'].map((id) => site(id, 0, 0)) });
    expect(translate('vi', five.key, five.params)).toBe('thêm 5 trạm (NEW-001, NEW-002, NEW-003 +2)');
    expect(translate('en', five.key, five.params)).toBe('add 5 sites (NEW-001, NEW-002, NEW-003 +2)');
    const one = editLabel({ kind: 'deleteSites', sites: [site('P-001', 0, 0)] });
    expect(translate('en', one.key, one.params)).toBe('delete 1 site (P-001)');
    const cable = editLabel({ kind: 'fibreExtensions', plan: {}, extensionId: 'X-7', before: [], after: [] });
    expect(translate('vi', cable.key, cable.params)).toBe('xoá tuyến cáp X-7');
  });
});

describe('keyboard shortcuts', () => {
  const key = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>, tagName = 'DIV') =>
    historyShortcut({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers, target: { tagName } as unknown as EventTarget });

  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ too)', () => {
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('z', { metaKey: true })).toBe('undo');
  });

  it('leaves plain keys, other shortcuts and typing in fields alone', () => {
    expect(key('z', {})).toBeNull();
    expect(key('z', { ctrlKey: true, altKey: true })).toBeNull();
    expect(key('c', { ctrlKey: true })).toBeNull();
    expect(key('z', { ctrlKey: true }, 'INPUT')).toBeNull();
    expect(key('z', { ctrlKey: true }, 'TEXTAREA')).toBeNull();
    expect(key('y', { ctrlKey: true }, 'SELECT')).toBeNull();
  });
});
