/**
 * The session's undo/redo (issue 11): records the user's edits (cells, proposed sites, decisions, fibre cables),
 * undoes one by applying its inverse edit (through the worker for what the analysis holds, so the statistics stay
 * the worker's answer for the map as shown) and redoes it by applying it again. One step at a time: a step waits
 * for the worker's reply before the next. Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on a Mac), except while
 * typing in a field (the field's own undo).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { applyEdit, type EditAppliers } from './apply-edit.ts';
import { EMPTY_HISTORY, discardEdits, editLabel, invertEdit, recordEdit, takeRedo, takeUndo, type Edit, type EditHistory, type EditLabel } from './edit-history.ts';

export type HistoryDirection = 'undo' | 'redo';

/** Which keyboard shortcut a key press is, if any (null also inside text fields, which keep their own undo). */
export function historyShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>): HistoryDirection | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable === true) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}

export function useEditHistory(appliers: EditAppliers) {
  const [history, setHistoryState] = useState<EditHistory>(EMPTY_HISTORY);
  const historyRef = useRef(history);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  /** The edit that could not be applied at the last step (it stays in the history). */
  const [failed, setFailed] = useState<EditLabel | null>(null);
  const appliersRef = useRef(appliers);
  appliersRef.current = appliers;

  const commit = useCallback((next: EditHistory) => {
    historyRef.current = next;
    setHistoryState(next);
  }, []);

  /** A user's edit, done: it is the next to undo, and nothing is left to redo. */
  const record = useCallback((edit: Edit) => {
    commit(recordEdit(historyRef.current, edit));
    setFailed(null);
  }, [commit]);

  /** Forgets every edit (the data they refer to was replaced: an import, a scenario opened, a new worker). */
  const clear = useCallback(() => {
    commit(EMPTY_HISTORY);
    setFailed(null);
  }, [commit]);

  const discard = useCallback((stale: (edit: Edit) => boolean) => commit(discardEdits(historyRef.current, stale)), [commit]);

  const step = useCallback(
    async (direction: HistoryDirection) => {
      if (busyRef.current) return;
      const from = historyRef.current;
      const taken = direction === 'undo' ? takeUndo(from) : takeRedo(from);
      if (taken === null) return;
      busyRef.current = true;
      setBusy(true);
      try {
        const applied = await applyEdit(direction === 'undo' ? invertEdit(taken.edit) : taken.edit, appliersRef.current);
        if (!applied) {
          setFailed(editLabel(taken.edit));
          return;
        }
        setFailed(null);
        // an edit recorded while this one was applied starts a new line of history: this one leaves it
        commit(historyRef.current === from ? taken.history : discardEdits(historyRef.current, (edit) => edit === taken.edit));
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [commit],
  );

  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const direction = historyShortcut(event);
      if (direction === null) return;
      event.preventDefault();
      void step(direction);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const nextUndo = history.past.at(-1);
  const nextRedo = history.future.at(-1);
  return {
    undo,
    redo,
    record,
    clear,
    discard,
    busy,
    failed,
    /** Edits that can be undone and redone now. */
    depth: { past: history.past.length, future: history.future.length },
    /** What Undo and Redo would do now (null: nothing). */
    undoLabel: nextUndo === undefined ? null : editLabel(nextUndo),
    redoLabel: nextRedo === undefined ? null : editLabel(nextRedo),
  };
}

export type EditHistoryApi = ReturnType<typeof useEditHistory>;
