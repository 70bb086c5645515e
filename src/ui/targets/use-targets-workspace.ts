/**
 * Everything the targets tab and the layout switch need, in one hook so the App only wires it: the layouts, the
 * zones layer, the target set and its evaluation on the working state of the other tabs (their proposed sites,
 * approved proposals and fibre plan), and the selected target drawn on the map.
 */
import { useMemo, useRef } from 'react';
import type { Cell } from '../../core/model.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import type { useAnalysisWorkspace } from '../analysis/use-analysis-workspace.ts';
import type { MapController } from '../map/map-controller.ts';
import type { useDataset } from '../use-dataset.ts';
import { targetFills } from './target-units.ts';
import { useLayouts } from './use-layouts.ts';
import { useTargetMap } from './use-target-map.ts';
import { useTargetClosings } from './use-target-closings.ts';
import { useTargets, type TargetBasis } from './use-targets.ts';
import { useZones } from './use-zones.ts';

interface UseTargetsWorkspaceOptions {
  dataset: Pick<ReturnType<typeof useDataset>, 'data' | 'reports' | 'loadTimes' | 'workerRestarts' | 'showUnits' | 'addReports'>;
  request: EngineRequest;
  workspace: ReturnType<typeof useAnalysisWorkspace>;
  controller: MapController | null;
  /** The targets tab is open: evaluate as things change, draw the selected target. */
  targetsOpen: boolean;
  /** Something else needs the evaluation now (the report being made). */
  evaluationNeeded: boolean;
}

const NO_CELLS: readonly Cell[] = [];

export function useTargetsWorkspace({ dataset, request, workspace, controller, targetsOpen, evaluationNeeded }: UseTargetsWorkspaceOptions) {
  const { data, reports, loadTimes, workerRestarts, showUnits, addReports } = dataset;
  const ready = loadTimes.allLayersMs !== null;
  const layouts = useLayouts({ request, ready, wards: data.wards, workerRestarts, showUnits, regroupAnalysis: workspace.analysis.regroup, addReports });
  const zones = useZones(data, reports);

  const { proposed, proposals, fibre, thresholds } = workspace;
  // the list is filtered anew on every render: its content (ids and positions) is what the targets depend on
  const proposedKey = proposed.sites.map((site) => `${site.siteId}@${site.lon},${site.lat}`).join('|');
  const proposedSitesRef = useRef(proposed.sites);
  proposedSitesRef.current = proposed.sites;
  const proposedCells = useMemo(
    () => (proposedKey === '' ? NO_CELLS : proposedSitesRef.current.flatMap((site) => site.cells)),
    [proposedKey],
  );
  const approvedCells = useMemo(() => {
    const review = proposals.review;
    if (review === null) return NO_CELLS;
    const approved = review.cells.filter((cell) => proposals.decisions.get(cell.siteId)?.decision === 'approved');
    return approved.length === 0 ? NO_CELLS : approved;
  }, [proposals.review, proposals.decisions]);
  const plan = fibre.plan;
  const fibrePlan = useMemo(
    () => (plan === null ? null : { passed: (plan.figures ?? plan.plan).passedAfter, targetPct: plan.request.targetPct }),
    [plan],
  );
  const basis: TargetBasis = { thresholdsDbm: thresholds, proposedCells, approvedCells, fibrePlan, zones: zones.layer };

  const targets = useTargets({ request, data, basis, active: ready && (targetsOpen || evaluationNeeded) });
  const closings = useTargetClosings({ request, data, set: targets.set, basis, evaluation: targets.evaluation });
  const fills = useMemo(() => (targets.selected === null ? null : targetFills(targets.selected.byUnit)), [targets.selected]);
  useTargetMap(controller, data.wards, targetsOpen ? fills : null);

  return { layouts, zones, targets, closings, basis };
}
