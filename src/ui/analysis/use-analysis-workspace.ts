/**
 * Everything the analysis tabs need, in one hook so the App only wires it: the thresholds (Settings), the
 * analysis itself, which analysis layers are on, the cell being edited, and the map layers kept in step.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { qualityClasses } from '../../core/coverage/quality-classes.ts';
import { speedTargetMbps } from '../../core/coverage/speed-statistics.ts';
import { DEFAULT_FIBRE_TARGETS_PCT } from '../../core/fibre/fibre-statistics.ts';
import type { SignalThresholdsDbm } from '../../core/model.ts';
import { useFibre } from '../fibre/use-fibre.ts';
import { ReviewSiteMarkers, SiteMarkers, type ReviewSite } from '../siting/site-markers.ts';
import { useAutoSiting } from '../siting/use-auto-siting.ts';
import { useProposals } from '../siting/use-proposals.ts';
import { useScenarios } from '../siting/use-scenarios.ts';
import { useI18n } from '../i18n-context.ts';
import { useProposedSites } from '../siting/use-proposed-sites.ts';
import type { MapController } from '../map/map-controller.ts';
import type { AppData } from '../use-dataset.ts';
import { FIBRE_COLOURS, WEAK_PCT_COLOURS, fibreClass, weakPctClass } from './analysis-colours.ts';
import { shownColouring, type AnalysisLayers } from './AnalysisLayerToggles.tsx';
import type { AnalysisMapState } from './analysis-map-state.ts';
import { loadThresholds, saveThresholds } from './threshold-store.ts';
import { useAnalysis, type EngineRequest } from './use-analysis.ts';
import { useAnalysisMap } from './use-analysis-map.ts';
import type { Edit } from '../history/edit-history.ts';
import { useEditHistory } from '../history/use-edit-history.ts';
import type { HeatmapStatus } from './HeatmapLegend.tsx';
import { useRsrpHeatmap } from './use-rsrp-heatmap.ts';

/** The department's fibre targets, % of households passed (issue 4: 80 % for 2022, 90 % the target). */
export const FIBRE_TARGETS_PCT = { lowPct: DEFAULT_FIBRE_TARGETS_PCT[0], highPct: DEFAULT_FIBRE_TARGETS_PCT[1] };

export interface FibreLayers {
  choropleth: boolean;
  unpassed: boolean;
}

interface UseAnalysisWorkspaceOptions {
  data: AppData;
  request: EngineRequest;
  replaceCells: (cells: AppData['cells']) => void;
  cancelWorker: () => void;
  /** Counts worker restarts (see `useDataset`): each one ends the analysis. */
  workerRestarts: number;
  controller: MapController | null;
  /** Which tab is open: the fibre tab shows the fibre layers instead of the signal ones. */
  fibreTabOpen: boolean;
  /** Called when a cell's "edit" button is pressed in its popup (the App opens the analysis tab). */
  onEditRequested: () => void;
}

export function useAnalysisWorkspace(options: UseAnalysisWorkspaceOptions) {
  const { data, request, replaceCells, cancelWorker, workerRestarts, controller, fibreTabOpen, onEditRequested } = options;
  const [thresholds, setThresholdsState] = useState<SignalThresholdsDbm>(loadThresholds);
  const [layers, setLayers] = useState<AnalysisLayers>({ signal: true, zones: true, choropleth: false, colourBy: 'signal', heatmap: false, heatmapOpacity: 0.7 });
  const [fibreLayers, setFibreLayers] = useState<FibreLayers>({ choropleth: true, unpassed: true });
  const [editingCell, setEditingCell] = useState(-1);
  // the edit hooks report each user edit to the undo history made below from their own appliers
  const recordRef = useRef<(edit: Edit) => void>(() => undefined);
  const onEdit = useCallback((edit: Edit) => recordRef.current(edit), []);
  const analysis = useAnalysis({ data, request, replaceCells, cancelWorker, workerRestarts, onEdit });
  const fibre = useFibre({ data, request, cancelWorker, onEdit });
  const proposed = useProposedSites(analysis, onEdit);
  const autoSiting = useAutoSiting(analysis, cancelWorker);
  const proposals = useProposals(request, onEdit);
  const history = useEditHistory({
    updateCell: analysis.updateCell,
    restoreSites: proposed.restoreSites,
    removeSites: proposed.removeSites,
    moveSite: proposed.moveSite,
    setDecision: proposals.setDecision,
    setExtensions: fibre.setExtensions,
  });
  recordRef.current = history.record;
  useHistoryLifetime(history, { data, analysis, workerRestarts, fibrePlan: fibre.plan?.plan ?? null });
  const { language } = useI18n();
  const [placing, setPlacing] = useState(false);
  const [markers, setMarkers] = useState<SiteMarkers | null>(null);
  const { addSite, moveSite, recordMove } = proposed;

  useEffect(() => {
    if (controller === null) return;
    const created = new SiteMarkers(controller.map, {
      onMove: (siteId, lon, lat) => void moveSiteRef.current(siteId, lon, lat),
      onMoveEnd: (siteId, from, to) => void recordMoveRef.current(siteId, from, to),
      onPlace: (lon, lat) => {
        setPlacing(false);
        void addSiteRef.current(lon, lat);
      },
    });
    setMarkers(created);
    return () => {
      created.dispose();
      setMarkers(null);
    };
  }, [controller]);
  const moveSiteRef = useRef(moveSite);
  moveSiteRef.current = moveSite;
  const addSiteRef = useRef(addSite);
  addSiteRef.current = addSite;
  const recordMoveRef = useRef(recordMove);
  recordMoveRef.current = recordMove;
  useEffect(() => markers?.setSites(proposed.sites), [markers, proposed.sites]);

  // operators' proposals and automatic picks are on the map as soon as they exist, with their sectors
  const [reviewMarkers, setReviewMarkers] = useState<{ proposals: ReviewSiteMarkers; auto: ReviewSiteMarkers } | null>(null);
  useEffect(() => {
    if (controller === null) return;
    const created = { proposals: new ReviewSiteMarkers(controller.map, 'proposal-site-marker'), auto: new ReviewSiteMarkers(controller.map, 'auto-site-marker') };
    setReviewMarkers(created);
    return () => {
      created.proposals.dispose();
      created.auto.dispose();
      setReviewMarkers(null);
    };
  }, [controller]);
  const proposalSites = useMemo<ReviewSite[]>(() => {
    const review = proposals.review;
    if (review === null) return [];
    return review.evaluations.map((evaluation) => ({
      siteId: evaluation.siteId,
      lon: evaluation.lon,
      lat: evaluation.lat,
      cells: review.cells.filter((cell) => cell.siteId === evaluation.siteId),
      decision: proposals.decisions.get(evaluation.siteId)?.decision,
    }));
  }, [proposals.review, proposals.decisions]);
  useEffect(() => reviewMarkers?.proposals.setSites(proposalSites), [reviewMarkers, proposalSites]);
  // a pick put into the what-if is drawn there (draggable) instead
  const autoSites = useMemo<ReviewSite[]>(() => {
    const placed = new Set(proposed.sites.map((site) => site.siteId));
    return (autoSiting.result?.plan.sites ?? []).filter((site) => !placed.has(site.siteId));
  }, [autoSiting.result, proposed.sites]);
  useEffect(() => reviewMarkers?.auto.setSites(autoSites), [reviewMarkers, autoSites]);
  useEffect(() => markers?.setPlacing(placing && analysis.analysis !== null), [markers, placing, analysis.analysis]);

  const setThresholds = useCallback((next: SignalThresholdsDbm) => {
    setThresholdsState(next);
    saveThresholds(next);
  }, []);

  // a replaced sites layer invalidates the cell being edited
  useEffect(() => setEditingCell((current) => (current < data.cells.length ? current : -1)), [data.cells]);

  const onEditCell = useCallback(
    (cellIndex: number) => {
      setEditingCell(cellIndex);
      onEditRequested();
    },
    [onEditRequested],
  );

  // a result computed on other households would colour the wrong points
  const result = analysis.analysis !== null && analysis.analysis.inputs.households === data.households ? analysis.analysis : null;
  const heatmap = useRsrpHeatmap(request, result, layers.heatmap && !fibreTabOpen);
  const heatmapStatus: HeatmapStatus =
    heatmap.failed !== null
      ? { kind: 'failed', reason: heatmap.failed }
      : heatmap.heatmap === null || heatmap.coverage !== result?.coverage
        ? { kind: 'computing' }
        : { kind: 'shown', gridM: Math.round(heatmap.heatmap.grid.cellM), evaluatedCells: heatmap.evaluatedCells, elapsedMs: heatmap.elapsedMs };
  // its own memo: the opacity slider (in `layers`) and cell edits (a new result, same settings) must not recolour the grid
  const heatmapThresholds = result?.settings.thresholdsDbm ?? null;
  const heatmapShown = useMemo(
    () => (layers.heatmap && heatmapThresholds !== null && heatmap.heatmap !== null ? { map: heatmap.heatmap, thresholds: heatmapThresholds } : null),
    [layers.heatmap, heatmapThresholds, heatmap.heatmap],
  );
  const { reach, plan, selectedExtension } = fibre;
  const fibrePassed = plan !== null ? (plan.figures ?? plan.plan).passedAfter : (reach?.passed ?? null);
  // the engine computed SINR, throughput and overlap per household; here they are only binned into legend classes
  const colouring = result === null ? 'signal' : shownColouring(layers, result);
  const signalPoints = useMemo(() => {
    if (result === null) return null;
    if (colouring === 'signal') return { classes: result.coverage.signalClass, palette: colouring };
    return { classes: qualityClasses(result.coverage, colouring, speedTargetMbps(result.settings) ?? 0), palette: colouring };
  }, [result, colouring]);
  const unpassed = useMemo(() => (fibrePassed === null ? null : fibrePassed.map((passed) => (passed === 1 ? 0 : 1))), [fibrePassed]);

  const mapState = useMemo<AnalysisMapState>(() => {
    if (fibreTabOpen) {
      // after a plan, wards and households show the planned reach
      const pcts = plan !== null ? (plan.figures ?? plan.plan).wards.map((ward) => (ward.households > 0 ? ward.pctAfter : null)) : reach?.statistics.wards.map((ward) => (ward.households > 0 ? ward.fibrePct : null));
      return {
        choropleth: fibreLayers.choropleth && pcts !== undefined
          ? pcts.map((pct) => (pct === null ? null : FIBRE_COLOURS[fibreClass(pct, FIBRE_TARGETS_PCT.lowPct, FIBRE_TARGETS_PCT.highPct)]))
          : null,
        points: fibreLayers.unpassed && unpassed !== null ? { classes: unpassed, palette: 'unpassed' } : null,
        zones: null,
        heatmap: null,
        heatmapOpacity: layers.heatmapOpacity,
        extensions: plan?.extensions ?? null,
        selectedExtension,
        // the fibre choropleth is read with the network over it
        resultOverWards: false,
      };
    }
    const choropleth = layers.choropleth && result !== null
      ? result.statistics.wards.map((ward) => (ward.households > 0 ? WEAK_PCT_COLOURS[weakPctClass(ward.weakPct)] : null))
      : null;
    return {
      choropleth,
      points: layers.signal ? signalPoints : null,
      zones: layers.zones ? (result?.zones ?? null) : null,
      // the last heat map stays while an edit's refresh is on its way
      heatmap: heatmapShown,
      heatmapOpacity: layers.heatmapOpacity,
      extensions: null,
      selectedExtension: null,
      resultOverWards: choropleth !== null,
    };
  }, [fibreTabOpen, fibreLayers, layers, result, signalPoints, reach, plan, unpassed, selectedExtension, heatmapShown]);

  const analysisMap = useAnalysisMap({
    controller,
    data,
    analysis: analysis.analysis,
    state: mapState,
    bestServerAt: analysis.bestServerAt,
    cellFootprint: analysis.cellFootprint,
    onEditCell,
  });

  // opening a scenario replaces the cells, sites and decisions the history refers to
  const scenarios = useScenarios({ data, api: analysis, proposed, proposals, setThresholds, language, onOpen: history.clear });

  /** Whether the plain household layer should give way to the classed one. */
  const householdsReplaced = mapState.points !== null;

  return {
    thresholds,
    setThresholds,
    analysis,
    fibre: { ...fibre, zoomToExtension: (id: string) => analysisMap?.zoomToExtension(id) },
    proposed,
    autoSiting,
    proposals,
    scenarios,
    history,
    placing,
    setPlacing,
    layers,
    setLayers,
    heatmapStatus,
    fibreLayers,
    setFibreLayers,
    editingCell,
    editCell: setEditingCell,
    closeEditor: () => setEditingCell(-1),
    householdsReplaced,
  };
}

/**
 * Ends the undo history when the data its edits refer to is replaced: a layer imported (households, fibre, or a
 * sites layer other than the one cell edits here made), a new worker (it holds no analysis); drops the fibre edits
 * of a plan that a new plan replaced.
 */
function useHistoryLifetime(
  history: ReturnType<typeof useEditHistory>,
  { data, analysis, workerRestarts, fibrePlan }: { data: AppData; analysis: ReturnType<typeof useAnalysis>; workerRestarts: number; fibrePlan: object | null },
) {
  const { clear, discard } = history;
  const { ownCells } = analysis;
  useEffect(() => clear(), [clear, data.households, data.fibre, workerRestarts]);
  useEffect(() => {
    if (data.cells !== ownCells()) clear();
  }, [clear, ownCells, data.cells]);
  useEffect(() => discard((edit) => edit.kind === 'fibreExtensions' && edit.plan !== fibrePlan), [discard, fibrePlan]);
}
