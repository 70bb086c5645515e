/**
 * Keeps the map's view, the visible layers, the units' layout and the selected unit in the page URL (url-state.ts)
 * and restores them: on load (the view at once, the layout once the 2019 units are loaded, the unit once its
 * layout's units are shown) and on back/forward. A new selection adds a history entry, so Back returns to the
 * previous unit; panning, zooming and layer toggles replace the current one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ward } from '../core/model.ts';
import type { ReportingLayout } from '../worker/protocol.ts';
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
  /** The layout shown, whether the other can be switched to, and the switch. */
  layout: ReportingLayout;
  layoutAvailable: boolean;
  onLayout: (layout: ReportingLayout) => void;
}

/** The state the page was opened with (read once, before the first render uses it). */
export function initialUrlState(): UrlState {
  return readUrlState(window.location.hash);
}

/** Wires the URL to the app's state; returns the handler for the map's settled view. */
export function useUrlState(options: UrlStateOptions): (view: MapViewState) => void {
  const { controller, wards, visibility, onVisibility, selectedWard, onSelectWard, layout, layoutAvailable, onLayout } = options;
  const [view, setView] = useState<MapViewState | null>(null);
  /** The layout and unit named by the URL (on load or back/forward), waiting for the units to be shown. */
  const pending = useRef<{ layout: ReportingLayout; unit: string | undefined; zoom: boolean } | null>(null);
  /** The selection asked for from the URL, not yet in the state: writing waits for it. */
  const awaitedIndex = useRef<number | null>(null);
  /** The unit of the last URL written (a change adds a history entry); null: the next write replaces. */
  const writtenUnit = useRef<string | undefined | null>(null);

  // the view, the layout and the unit the page was opened with
  useEffect(() => {
    if (controller === null) return;
    const opened = initialUrlState();
    if (opened.view !== undefined) controller.restoreView(opened.view, true);
    pending.current = { layout: opened.layout ?? '2025', unit: opened.unit, zoom: opened.view === undefined };
  }, [controller]);

  // the layout first (the 2019 units load after the layers), then the unit among its units
  useEffect(() => {
    const wanted = pending.current;
    if (wanted === null || wards.length === 0) return;
    if (wanted.layout !== layout) {
      if (layoutAvailable) onLayout(wanted.layout);
      return;
    }
    pending.current = null;
    const index = wanted.unit === undefined ? -1 : wards.findIndex((ward) => ward.id === wanted.unit);
    awaitedIndex.current = index;
    // a restored selection is the URL's own: the next write replaces the entry
    writtenUnit.current = null;
    onSelectWard(index, wanted.zoom && index !== -1);
  }, [wards, layout, layoutAvailable, onLayout, onSelectWard]);

  // back / forward: the state of the entry returned to
  useEffect(() => {
    const onPopState = () => {
      const state = readUrlState(window.location.hash);
      onVisibility(state.layers ?? ALL_LAYERS);
      if (state.view !== undefined) controller?.restoreView(state.view, false);
      pending.current = { layout: state.layout ?? '2025', unit: state.unit, zoom: false };
      // the units' effect above restores the layout and the unit (also when the units are not loaded yet)
      if (wards.length === 0) return;
      if ((state.layout ?? '2025') === layout) {
        const index = state.unit === undefined ? -1 : wards.findIndex((ward) => ward.id === state.unit);
        pending.current = null;
        awaitedIndex.current = index;
        writtenUnit.current = null;
        onSelectWard(index, false);
      } else if (layoutAvailable) onLayout(state.layout ?? '2025');
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [controller, wards, layout, layoutAvailable, onLayout, onVisibility, onSelectWard]);

  useEffect(() => {
    if (wards.length === 0 || view === null || pending.current !== null) return;
    if (awaitedIndex.current !== null) {
      if (selectedWard !== awaitedIndex.current) return;
      awaitedIndex.current = null;
    }
    const unit = wards[selectedWard]?.id;
    const hash = writeUrlState({ view, layers: visibility, layout, unit });
    if (hash !== window.location.hash) {
      const push = writtenUnit.current !== null && writtenUnit.current !== unit;
      if (push) window.history.pushState(null, '', hash);
      else window.history.replaceState(null, '', hash);
    }
    writtenUnit.current = unit;
  }, [wards, view, visibility, layout, selectedWard]);

  return useCallback((next: MapViewState) => setView(next), []);
}
