/**
 * Fibre reach and extension planning as the app sees it (issue 4): households passed per ward against the 80 %
 * and 90 % targets (asked from the worker when the fibre tab opens), the extension plan run in the worker with
 * progress and cancel, deleting extensions (with the ones branching from them) and re-planning the rest.
 */
import { useCallback, useRef, useState } from 'react';
import { DEFAULT_FIBRE_TARGETS_PCT } from '../../core/fibre/fibre-statistics.ts';
import { removeExtension, type FibreCosts, type FibreExtension, type FibrePlanScope } from '../../core/fibre/plan-fibre-extension.ts';
import { DEFAULT_SETTINGS } from '../../core/model.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import type { FibrePlanRequest, FibrePlanResponse, FibreReachResponse, ProgressStage } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import type { AppData } from '../use-dataset.ts';

export interface FibreReach extends FibreReachResponse {
  inputs: Pick<AppData, 'wards' | 'households' | 'fibre'>;
}

export interface FibrePlanState extends FibrePlanResponse {
  request: FibrePlanRequest;
  /** The plan's extensions minus the deleted ones (re-planning keeps these). */
  extensions: FibreExtension[];
  inputs: Pick<AppData, 'wards' | 'households' | 'fibre'>;
}

export interface PlanChoice {
  targetPct: number;
  scope: FibrePlanScope;
  costs: FibreCosts;
}

export type FibreMessage = { key: 'analysisFailed'; reason: string } | { key: 'analysisCancelled' } | null;

export function useFibre({ data, request, cancelWorker }: { data: AppData; request: EngineRequest; cancelWorker: () => void }) {
  const [reach, setReach] = useState<FibreReach | null>(null);
  const [plan, setPlan] = useState<FibrePlanState | null>(null);
  const [progress, setProgress] = useState<{ stage: ProgressStage | null; fraction: number } | null>(null);
  const [message, setMessage] = useState<FibreMessage>(null);
  const [selectedExtension, setSelectedExtension] = useState<string | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const busyRef = useRef(false);

  const inputsOf = (current: AppData) => ({ wards: current.wards, households: current.households, fibre: current.fibre });

  const track = useCallback(async <T,>(work: () => Promise<T>): Promise<T | null> => {
    busyRef.current = true;
    setMessage(null);
    setProgress({ stage: null, fraction: 0 });
    try {
      return await work();
    } catch (error) {
      setMessage(error instanceof CancelledError ? { key: 'analysisCancelled' } : { key: 'analysisFailed', reason: error instanceof Error ? error.message : String(error) });
      return null;
    } finally {
      busyRef.current = false;
      setProgress(null);
    }
  }, []);

  const onProgress = (stage: ProgressStage, fraction: number) => setProgress({ stage, fraction });

  /** Asks the worker for the households passed per ward (skipped while another fibre request runs). */
  const computeReach = useCallback(async () => {
    if (busyRef.current) return;
    const inputs = inputsOf(dataRef.current);
    const response = await track(() =>
      request('fibreReach', { fibre: DEFAULT_SETTINGS.fibre, targetsPct: [...DEFAULT_FIBRE_TARGETS_PCT] }, { onProgress }),
    );
    if (response !== null) setReach({ ...response, inputs });
  }, [request, track]);

  const runPlan = useCallback(
    async (choice: PlanChoice, kept: FibreExtension[]) => {
      const inputs = inputsOf(dataRef.current);
      const planRequest: FibrePlanRequest = { fibre: DEFAULT_SETTINGS.fibre, ...choice, kept };
      const response = await track(() => request('planFibre', planRequest, { onProgress }));
      if (response === null) return;
      setPlan({ ...response, request: planRequest, extensions: response.plan.extensions, inputs });
      setSelectedExtension(null);
    },
    [request, track],
  );

  /** Drops an extension and everything branching from it; the map and totals follow, re-plan to fill the gap. */
  const deleteExtension = useCallback((id: string) => {
    setPlan((current) => (current === null ? null : { ...current, extensions: removeExtension(current.extensions, id) }));
    setSelectedExtension(null);
  }, []);

  const cancel = useCallback(() => cancelWorker(), [cancelWorker]);

  const current = (inputs: FibreReach['inputs']) =>
    inputs.wards === data.wards && inputs.households === data.households && inputs.fibre === data.fibre;

  return {
    reach: reach !== null && current(reach.inputs) ? reach : null,
    plan: plan !== null && current(plan.inputs) ? plan : null,
    progress,
    message,
    selectedExtension,
    setSelectedExtension,
    computeReach,
    runPlan,
    deleteExtension,
    cancel,
  };
}
