/**
 * What closes each target's gap, as the targets tab asks for it (issue 9 "What closes it"): on demand, one target
 * at a time, in the worker (`closeTarget`: new sites on the targets' working network, or the fibre extension plan),
 * with progress and cancel, so the tab never waits on a whole-city siting. A plan is kept until the set, the
 * units or the data change, and says so when the targets were evaluated again since it was made.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_FIBRE_COSTS } from '../../core/fibre/fibre-plan-types.ts';
import type { TargetSet } from '../../core/targets/target-set.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import type { CloseTargetResponse } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import type { AppData } from '../use-dataset.ts';
import type { TargetBasis } from './use-targets.ts';
import { errorMessage } from '../../core/error-message.ts';

export interface ClosingEntry {
  response: CloseTargetResponse | null;
  error: string | null;
  /** The targets' evaluation on screen when the plan was asked for (a later one makes it stale). */
  evaluatedOn: object | null;
}

interface UseTargetClosingsOptions {
  request: EngineRequest;
  data: Pick<AppData, 'wards' | 'households' | 'cells' | 'fibre'>;
  set: TargetSet | null;
  basis: TargetBasis;
  /** The targets' current evaluation (its identity tells a plan made before the last change). */
  evaluation: object | null;
}

export function useTargetClosings({ request, data, set, basis, evaluation }: UseTargetClosingsOptions) {
  const [entries, setEntries] = useState<ReadonlyMap<string, ClosingEntry>>(new Map());
  const [running, setRunning] = useState<{ targetId: string; fraction: number } | null>(null);
  const runRef = useRef(0);

  // another set, other units or other data: the plans no longer answer for what is shown
  useEffect(() => {
    runRef.current++;
    setEntries(new Map());
    setRunning(null);
  }, [set, data.wards, data.households, data.cells, data.fibre]);

  const { thresholdsDbm, proposedCells, approvedCells, fibrePlan } = basis;
  const close = useCallback(
    async (targetId: string) => {
      if (set === null) return;
      const run = ++runRef.current;
      const evaluatedOn = evaluation;
      setRunning({ targetId, fraction: 0 });
      const keep = (entry: ClosingEntry) => {
        if (run === runRef.current) setEntries((current) => new Map(current).set(targetId, entry));
      };
      try {
        const response = await request(
          'closeTarget',
          {
            targets: set.targets,
            targetId,
            thresholdsDbm,
            extraCells: [...proposedCells, ...approvedCells],
            fibrePassed: fibrePlan?.passed ?? null,
            fibreCosts: DEFAULT_FIBRE_COSTS,
          },
          { onProgress: (_stage, fraction) => run === runRef.current && setRunning({ targetId, fraction }) },
        );
        keep({ response, error: null, evaluatedOn });
      } catch (caught) {
        if (!(caught instanceof CancelledError)) keep({ response: null, error: errorMessage(caught), evaluatedOn });
      } finally {
        if (run === runRef.current) setRunning(null);
      }
    },
    [request, set, evaluation, thresholdsDbm, proposedCells, approvedCells, fibrePlan],
  );

  const entryOf = useCallback((targetId: string) => entries.get(targetId) ?? null, [entries]);
  const isStale = useCallback((entry: ClosingEntry) => entry.evaluatedOn !== evaluation, [evaluation]);

  return { entryOf, isStale, running, close };
}
