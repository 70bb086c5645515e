/**
 * Everything the analysis tabs need, in one hook so the App only wires it: the thresholds (Settings), the
 * analysis itself, which analysis layers are on, the cell being edited, and the map layers kept in step.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SignalThresholdsDbm } from '../../core/model.ts';
import type { MapController } from '../map/map-controller.ts';
import type { AppData } from '../use-dataset.ts';
import type { AnalysisLayers } from './AnalysisPanel.tsx';
import type { AnalysisMapState } from './analysis-map-state.ts';
import { loadThresholds, saveThresholds } from './threshold-store.ts';
import { useAnalysis, type EngineRequest } from './use-analysis.ts';
import { useAnalysisMap } from './use-analysis-map.ts';

/** The department's fibre targets, % of households passed (issue 4: 80 % for 2022, 90 % the target). */
export const FIBRE_TARGETS_PCT = { lowPct: 80, highPct: 90 } as const;

export interface FibreLayers {
  choropleth: boolean;
  unpassed: boolean;
}

interface UseAnalysisWorkspaceOptions {
  data: AppData;
  request: EngineRequest;
  replaceCells: (cells: AppData['cells']) => void;
  cancelWorker: () => void;
  controller: MapController | null;
  /** Which tab is open: the fibre tab shows the fibre layers instead of the signal ones. */
  fibreTabOpen: boolean;
  /** Called when a cell's "edit" button is pressed in its popup (the App opens the analysis tab). */
  onEditRequested: () => void;
}

export function useAnalysisWorkspace(options: UseAnalysisWorkspaceOptions) {
  const { data, request, replaceCells, cancelWorker, controller, fibreTabOpen, onEditRequested } = options;
  const [thresholds, setThresholdsState] = useState<SignalThresholdsDbm>(loadThresholds);
  const [layers, setLayers] = useState<AnalysisLayers>({ signal: true, zones: true, choropleth: false });
  const [fibreLayers, setFibreLayers] = useState<FibreLayers>({ choropleth: true, unpassed: true });
  const [editingCell, setEditingCell] = useState(-1);
  const analysis = useAnalysis({ data, request, replaceCells, cancelWorker });

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

  const mapState = useMemo<AnalysisMapState>(() => {
    if (fibreTabOpen) {
      return {
        choropleth: fibreLayers.choropleth ? 'fibre' : 'none',
        points: fibreLayers.unpassed ? 'unpassed' : 'none',
        zones: false,
        targets: FIBRE_TARGETS_PCT,
      };
    }
    return {
      choropleth: layers.choropleth ? 'weak' : 'none',
      points: layers.signal ? 'signal' : 'none',
      zones: layers.zones,
      targets: FIBRE_TARGETS_PCT,
    };
  }, [fibreTabOpen, fibreLayers, layers]);

  useAnalysisMap({
    controller,
    data,
    analysis: analysis.analysis,
    state: mapState,
    bestServerAt: analysis.bestServerAt,
    onEditCell,
  });

  /** Whether the plain household layer should give way to the classed one. */
  const householdsReplaced = analysis.analysis !== null && mapState.points !== 'none';

  return {
    thresholds,
    setThresholds,
    analysis,
    layers,
    setLayers,
    fibreLayers,
    setFibreLayers,
    editingCell,
    editCell: setEditingCell,
    closeEditor: () => setEditingCell(-1),
    householdsReplaced,
  };
}
