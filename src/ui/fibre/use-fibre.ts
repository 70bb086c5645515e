/**
 * Fibre reach and extension planning as the app sees it (issue 4): households passed per ward against the 80 %
 * and 90 % targets (asked from the worker when the fibre tab opens), the extension plan run in the worker with
 * progress and cancel, deleting extensions (with the ones branching from them, the figures following at once)
 * and re-planning the rest. A deletion is reported to `onEdit` (the undo history), which puts the kept extensions
 * back with `setExtensions`.
 */
import { useCallback, useRef, useState } from 'react';
import { DEFAULT_FIBRE_TARGETS_PCT } from '../../core/fibre/fibre-statistics.ts';
import { removeExtension, type FibreCosts, type FibreExtension, type FibrePlan, type FibrePlanScope } from '../../core/fibre/plan-fibre-extension.ts';
import { DEFAULT_SETTINGS } from '../../core/model.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import type { FibrePlanRequest, FibrePlanResponse, FibreReachResponse, ProgressStage } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import type { AppData } from '../use-dataset.ts';
import { planWithKeptExtensions } from '../../core/fibre/plan-with-kept-extensions.ts';
import type { Edit } from '../history/edit-history.ts';
import { errorMessage } from '../../core/error-message.ts';

export interface FibreReach extends FibreReachResponse {
  inputs: Pick<AppData, 'wards' | 'households' | 'fibre'>;
}

export interface FibrePlanState extends FibrePlanResponse {
  request: FibrePlanRequest;
  /** The plan's extensions minus the deleted ones (re-planning keeps these). */
  extensions: FibreExtension[];
  /**
   * The plan's figures (wards, totals, passed points, gains) for `extensions` alone: the plan itself until a
   * deletion; null when they could not be recomputed (no current fibre reach to start from): re-plan.
   */
  figures: FibrePlan | null;
  inputs: Pick<AppData, 'wards' | 'households' | 'fibre'>;
  /** A plan made elsewhere: what closes a target's gap (targets tab), with the target's id and name; null: this tab's. */
  origin: { targetId: string; name: string } | null;
}

export interface PlanChoice {
  targetPct: number;
  scope: FibrePlanScope;
  costs: FibreCosts;
}

export type FibreMessage = { key: 'analysisFailed'; reason: string } | { key: 'analysisCancelled' } | null;

interface UseFibreOptions {
  data: AppData;
  request: EngineRequest;
  cancelWorker: () => void;
  onEdit?: (edit: Edit) => void;
}

export function useFibre({ data, request, cancelWorker, onEdit = () => undefined }: UseFibreOptions) {
  const [reach, setReach] = useState<FibreReach | null>(null);
  const [plan, setPlan] = useState<FibrePlanState | null>(null);
  const [progress, setProgress] = useState<{ stage: ProgressStage | null; fraction: number } | null>(null);
  const [message, setMessage] = useState<FibreMessage>(null);
  const [selectedExtension, setSelectedExtension] = useState<string | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const busyRef = useRef(false);
  const reachRef = useRef(reach);
  reachRef.current = reach;
  const planRef = useRef(plan);
  planRef.current = plan;

  const inputsOf = (current: AppData) => ({ wards: current.wards, households: current.households, fibre: current.fibre });

  const track = useCallback(async <T,>(work: () => Promise<T>): Promise<T | null> => {
    busyRef.current = true;
    setMessage(null);
    setProgress({ stage: null, fraction: 0 });
    try {
      return await work();
    } catch (error) {
      setMessage(error instanceof CancelledError ? { key: 'analysisCancelled' } : { key: 'analysisFailed', reason: errorMessage(error) });
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
      setPlan({ ...response, request: planRequest, extensions: response.plan.extensions, figures: response.plan, inputs, origin: null });
      setSelectedExtension(null);
    },
    [request, track],
  );

  /**
   * Drops an extension and everything branching from it; the map, totals and passed figures follow (households
   * passed by the network and the kept extensions), re-plan to fill the gap.
   */
  const deleteExtension = useCallback(
    (id: string) => {
      const current = planRef.current;
      if (current === null) return;
      const extensions = removeExtension(current.extensions, id);
      if (extensions.length === current.extensions.length) return;
      planRef.current = { ...current, extensions, figures: figuresFor(current, extensions, reachRef.current, dataRef.current) };
      setPlan(planRef.current);
      setSelectedExtension(null);
      onEdit({ kind: 'fibreExtensions', plan: current.plan, extensionId: id, before: current.extensions, after: extensions });
    },
    [onEdit],
  );

  /**
   * Keeps exactly these extensions of the plan run `planRun` (undo/redo of a deletion), the figures following;
   * false when another plan has replaced that one.
   */
  const setExtensions = useCallback((planRun: object, extensions: readonly FibreExtension[]): boolean => {
    const current = planRef.current;
    if (current === null || current.plan !== planRun) return false;
    planRef.current = { ...current, extensions: [...extensions], figures: figuresFor(current, [...extensions], reachRef.current, dataRef.current) };
    setPlan(planRef.current);
    setSelectedExtension(null);
    return true;
  }, []);

  /** Shows a plan made elsewhere (a target's closing plan) as the tab's plan: its cables on the map, its figures. */
  const showPlan = useCallback((plan: FibrePlan, origin: NonNullable<FibrePlanState['origin']>, timingMs: number) => {
    const { targetPct, scope, costPerMetreVnd, connectionCostVnd } = plan.options;
    const planRequest: FibrePlanRequest = { fibre: DEFAULT_SETTINGS.fibre, targetPct, scope, costs: { costPerMetreVnd, connectionCostVnd }, kept: [] };
    setPlan({ plan, timingMs, request: planRequest, extensions: plan.extensions, figures: plan, inputs: inputsOf(dataRef.current), origin });
    setSelectedExtension(null);
    setMessage(null);
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
    showPlan,
    setExtensions,
    cancel,
  };
}

/** The plan's figures for the kept extensions, from the fibre reach of the same layers; null without one. */
function figuresFor(state: FibrePlanState, kept: FibreExtension[], reach: FibreReach | null, data: AppData): FibrePlan | null {
  const { wards, households, fibre } = state.inputs;
  const sameLayers = (inputs: FibreReach['inputs']) => inputs.wards === wards && inputs.households === households && inputs.fibre === fibre;
  if (reach === null || !sameLayers(reach.inputs) || !sameLayers(data) || households === null || data.assignment === null) return null;
  return planWithKeptExtensions(state.plan, kept, { households, wardOfHousehold: data.assignment.wardOfHousehold, passedBefore: reach.passed });
}
