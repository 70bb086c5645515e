/**
 * Keeps the map's view, the visible layers and the selected unit in the page URL (url-state.ts) and restores them:
 * on load (the view at once, the unit once the units are loaded) and on back/forward. A new selection adds a
 * history entry, so Back returns to the previous unit; panning, zooming and layer toggles replace the current one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ward } from '../core/model.ts';
import type { LayerVisibility, MapController, MapViewState } from './map/map-controller.ts';
import { readUrlState, writeUrlState, type UrlState } from './url-state.ts';

/** Every layer shown: the app's default. */
export const ALL_LAYERS: LayerVisibility = { wards: true, sites: true, households: true, fibre: true, zones: true };

interface UrlStateOptions {
  controller: MapController | null;
  wards: readonly Ward[];
  visibility: LayerVisibility;
  onVisibility: (visibility: LayerVisibility) => void;
  selectedWard: number;
  onSelectWard: (index: number, zoom: boolean) => void;
}

/** The state the page was opened with (read once, before the first render uses it). */
export function initialUrlState(): UrlState {
  return readUrlState(window.location.hash);
}

/** Wires the URL to the app's state; returns the handler for the map's settled view. */
export function useUrlState({ controller, wards, visibility, onVisibility, selectedWard, onSelectWard }: UrlStateOptions): (view: MapViewState) => void {
  const [view, setView] = useState<MapViewState | null>(null);
  /** The unit named by the URL, waiting for the units to load (undefined: none). */
  const pendingUnit = useRef<string | undefined>(undefined);
  /** The selection asked for from the URL, not yet in the state: writing waits for it. */
  const awaitedIndex = useRef<number | null>(null);
  /** The unit of the last URL written (a change adds a history entry); null before the first write. */
  const writtenUnit = useRef<string | undefined | null>(null);

  // the view and the unit the page was opened with
  useEffect(() => {
    if (controller === null) return;
    const opened = initialUrlState();
    if (opened.view !== undefined) controller.restoreView(opened.view, true);
    pendingUnit.current = opened.unit;
  }, [controller]);

  useEffect(() => {
    if (wards.length === 0 || pendingUnit.current === undefined) return;
    const index = wards.findIndex((ward) => ward.id === pendingUnit.current);
    pendingUnit.current = undefined;
    if (index === -1) return;
    awaitedIndex.current = index;
    onSelectWard(index, readUrlState(window.location.hash).view === undefined);
  }, [wards, onSelectWard]);

  // back / forward: the state of the entry returned to
  useEffect(() => {
    const onPopState = () => {
      const state = readUrlState(window.location.hash);
      onVisibility(state.layers ?? ALL_LAYERS);
      if (state.view !== undefined) controller?.restoreView(state.view, false);
      const index = state.unit === undefined ? -1 : wards.findIndex((ward) => ward.id === state.unit);
      awaitedIndex.current = index;
      onSelectWard(index, false);
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [controller, wards, onVisibility, onSelectWard]);

  useEffect(() => {
    if (wards.length === 0 || view === null) return;
    if (awaitedIndex.current !== null) {
      if (selectedWard !== awaitedIndex.current) return;
      awaitedIndex.current = null;
    }
    const unit = wards[selectedWard]?.id;
    const hash = writeUrlState({ view, layers: visibility, unit });
    if (hash !== window.location.hash) {
      const push = writtenUnit.current !== null && writtenUnit.current !== unit;
      if (push) window.history.pushState(null, '', hash);
      else window.history.replaceState(null, '', hash);
    }
    writtenUnit.current = unit;
  }, [wards, view, visibility, selectedWard]);

  return useCallback((next: MapViewState) => setView(next), []);
}
