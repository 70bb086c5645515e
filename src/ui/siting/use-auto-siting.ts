/**
 * Automatic siting in the worker (issue 5): greedy (and exact with HiGHS when asked), with progress and cancel.
 * The result is kept through a re-run of the analysis, marked stale.
 */
import { useCallback, useState } from 'react';
import type { Technology } from '../../core/model.ts';
import type { NewSitesGoal } from '../../core/siting/select-new-sites.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import type { PlanSitesResponse } from '../../worker/protocol.ts';
import type { useAnalysis } from '../analysis/use-analysis.ts';
import { errorMessage } from '../../core/error-message.ts';

/** A plan the siting tab shows that it did not make: what closes a target's gap (targets tab). */
export interface PlanOrigin {
  targetId: string;
  /** The target's name in the UI language. */
  name: string;
  technology: Technology;
}

export function useAutoSiting(api: ReturnType<typeof useAnalysis>, cancelWorker: () => void) {
  const [result, setResult] = useState<(PlanSitesResponse & { generation: number; origin: PlanOrigin | null }) | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { request, analysis } = api;
  const generation = analysis?.generation ?? 0;

  const run = useCallback(
    async (goal: NewSitesGoal, exact: boolean) => {
      setError(null);
      setProgress(0);
      try {
        const response = await request('planSites', { goal, exact }, { onProgress: (_stage, fraction) => setProgress(fraction) });
        setResult({ ...response, generation, origin: null });
      } catch (caught) {
        setError(caught instanceof CancelledError ? null : errorMessage(caught));
      } finally {
        setProgress(null);
      }
    },
    [request, generation],
  );

  /** Shows a plan made elsewhere (a target's closing plan) as the tab's result, its chosen sites on the map. */
  const show = useCallback(
    (plan: PlanSitesResponse['plan'], origin: PlanOrigin, timingMs: number) => {
      setError(null);
      setResult({ plan, candidates: plan.candidates.total, timingMs, generation, origin });
    },
    [generation],
  );

  // the result outlives a re-run (the user is told to re-run to redraw the weak zones): it then says it was
  // computed on an earlier analysis
  return { result, stale: result !== null && result.origin === null && result.generation !== generation, progress, error, run, show, cancel: cancelWorker };
}
