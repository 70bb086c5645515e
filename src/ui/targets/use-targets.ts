/**
 * The targets as the app tracks them (issue 9): the chosen set, its evaluation by the worker on the working
 * network, re-evaluated whenever what it depends on changes — a layer imported, a cell edited, a proposed site
 * placed or moved, a proposal approved, a fibre plan made, the thresholds, the zones or the layout — while the
 * targets are on screen (a short pause first, so a drag does not queue up work).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Cell, SignalThresholdsDbm } from '../../core/model.ts';
import { targetSetJson } from '../../io/target-set-file.ts';
import type { ImportResult } from '../../io/import-result.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import type { TargetsResponse } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import { downloadFile } from '../export/download.ts';
import type { AppData } from '../use-dataset.ts';
import type { TargetSet } from '../../core/targets/target-set.ts';
import { DEFAULT_TARGET_SET_ID, editTarget, embeddedTargetSets, readTargetSetFile, withSet, type TargetEdit, type TargetSetEntry } from './target-sets.ts';
import type { ZonesLayer } from './use-zones.ts';
import { errorMessage } from '../../core/error-message.ts';

/** Pause after the last change before the targets are evaluated again, ms. */
const SETTLE_MS = 250;

/** What the targets are evaluated on besides the dataset. */
export interface TargetBasis {
  thresholdsDbm: SignalThresholdsDbm;
  /** Proposed sites' cells and the approved proposals' cells. */
  proposedCells: readonly Cell[];
  approvedCells: readonly Cell[];
  /** Households passed with the fibre plan shown in the fibre tab, and its target; null = the network as loaded. */
  fibrePlan: { passed: Uint8Array; targetPct: number } | null;
  zones: ZonesLayer | null;
}

interface UseTargetsOptions {
  request: EngineRequest;
  data: AppData;
  basis: TargetBasis;
  /** The targets are on screen (their tab, or the report being made): evaluate as things change. */
  active: boolean;
}

export interface TargetsEvaluation extends TargetsResponse {
  set: TargetSet;
  wards: AppData['wards'];
  basis: TargetBasis;
}

export function useTargets({ request, data, basis, active }: UseTargetsOptions) {
  const [entries, setEntries] = useState<TargetSetEntry[]>(embeddedTargetSets);
  const [chosenId, setChosenId] = useState(DEFAULT_TARGET_SET_ID);
  const [evaluation, setEvaluation] = useState<TargetsEvaluation | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importResult, setImportResult] = useState<ImportResult<TargetSet | null> | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const entry = entries.find((candidate) => candidate.set.id === chosenId) ?? entries[0];
  const set = entry?.set ?? null;
  const runRef = useRef(0);

  const ready = data.households !== null && data.wards.length > 0;
  const { thresholdsDbm, proposedCells, approvedCells, fibrePlan, zones } = basis;

  // evaluate when anything it depends on changes, after a pause; an evaluation no longer wanted (the tab left,
  // its inputs changed) is withdrawn from the worker, so that it does not hold up what the user asks next
  useEffect(() => {
    if (!active || !ready || set === null) return;
    const run = ++runRef.current;
    const withdraw = new AbortController();
    const timer = setTimeout(() => {
      setProgress(0);
      setError(null);
      const extraCells = [...proposedCells, ...approvedCells];
      request(
        'evaluateTargets',
        { targets: set.targets, thresholdsDbm, extraCells, fibrePassed: fibrePlan?.passed ?? null },
        { onProgress: (_stage, fraction) => run === runRef.current && setProgress(fraction), signal: withdraw.signal },
      )
        .then((response) => {
          if (run === runRef.current) setEvaluation({ ...response, set, wards: data.wards, basis });
        })
        .catch((caught: unknown) => {
          if (run === runRef.current && !(caught instanceof CancelledError)) setError(errorMessage(caught));
        })
        .finally(() => {
          if (run === runRef.current) setProgress(null);
        });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      withdraw.abort();
    };
    // `basis` is rebuilt on every render: its parts are the dependencies
  }, [active, ready, set, request, data.wards, data.households, data.cells, data.fibre, thresholdsDbm, proposedCells, approvedCells, fibrePlan, zones]);

  const choose = useCallback((id: string) => {
    setChosenId(id);
    setSelectedId(null);
  }, []);

  /** Reads a set file; a set that keeps at least one target becomes the chosen one. */
  const importSet = useCallback(async (file: File) => {
    const result = readTargetSetFile(await file.text(), file.name);
    setImportResult(result);
    const imported = result.data;
    if (imported === null || imported.targets.length === 0) return;
    setEntries((current) => withSet(current, { set: imported, origin: 'imported', edited: false }));
    setChosenId(imported.id);
    setSelectedId(null);
  }, []);

  /** Changes a target's threshold or deadline in the chosen set; false when the value is refused. */
  const edit = useCallback(
    (targetId: string, change: TargetEdit): boolean => {
      if (entry === undefined) return false;
      const target = entry.set.targets.find((candidate) => candidate.id === targetId);
      const edited = target === undefined ? null : editTarget(target, change);
      if (edited === null) return false;
      const next = { ...entry.set, targets: entry.set.targets.map((candidate) => (candidate.id === targetId ? edited : candidate)) };
      setEntries((current) => withSet(current, { ...entry, set: next, edited: true }));
      return true;
    },
    [entry],
  );

  /** Downloads the chosen set as it stands (edits included), in the canonical form of data/targets/. */
  const exportSet = useCallback(() => {
    if (set !== null) downloadFile(`${set.id}.json`, targetSetJson(set), 'application/json');
  }, [set]);

  const current = evaluation !== null && evaluation.set === set && evaluation.wards === data.wards ? evaluation : null;
  const selected = useMemo(() => current?.evaluations.find((candidate) => candidate.target.id === selectedId) ?? null, [current, selectedId]);

  return {
    entries,
    entry,
    set,
    choose,
    importSet,
    importResult,
    edit,
    exportSet,
    evaluation: current,
    /** The last evaluation, even of an earlier state (shown greyed while the next one runs). */
    previous: evaluation,
    progress,
    error,
    selected,
    select: setSelectedId,
  };
}
