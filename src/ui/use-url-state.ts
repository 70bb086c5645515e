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

/** A layout and unit to restore; zoomed to on opening a link without a view of its own. */
interface PendingSelection {
  layout: ReportingLayout;
  unit: string | undefined;
  zoom: boolean;
}

function pendingOf(state: UrlState, opening: boolean): PendingSelection {
  return { layout: state.layout ?? '2025', unit: state.unit, zoom: opening && state.view === undefined };
}

/** The state the page was opened with (read once, before the first render uses it). */
export function initialUrlState(): UrlState {
  return readUrlState(window.location.hash);
}

/** Wires the URL to the app's state; returns the handler for the map's settled view. */
export function useUrlState(options: UrlStateOptions): (view: MapViewState) => void {
  const { controller, wards, visibility, onVisibility, selectedWard, onSelectWard, layout, layoutAvailable, onLayout } = options;
  const [view, setView] = useState<MapViewState | null>(null);
  /** The state the page was opened with, read once. */
  const [opened] = useState(initialUrlState);
  /**
   * The layout and unit named by the URL (on load or back/forward), waiting for the units to be shown. State, not a
   * ref: the page is opened on it before the map or the units exist, and writing the URL waits until it is done.
   */
  const [pending, setPending] = useState<PendingSelection | null>(() => pendingOf(opened, true));
  /** The selection asked for from the URL, not yet in the state: writing waits for it. */
  const awaitedIndex = useRef<number | null>(null);
  /** The unit of the last URL written (a change adds a history entry); null: the next write replaces. */
  const writtenUnit = useRef<string | undefined | null>(null);
  /**
   * The view last restored from the URL: the map settles on it within a pixel, and the URL keeps its figures. From
   * the start the page's own: the first paint restored it before the app ran (first-paint.ts), and the map's move
   * into the app's layout shifts its centre by a fraction of a pixel before the effect below restores it again.
   */
  const restoredView = useRef<MapViewState | null>(opened.view ?? null);
  const restore = useCallback(
    (restored: MapViewState, opening: boolean) => {
      restoredView.current = restored;
      controller?.restoreView(restored, opening);
    },
    [controller],
  );

  // the view the page was opened with, once the map exists
  useEffect(() => {
    if (opened.view !== undefined) restore(opened.view, true);
  }, [restore, opened]);

  // the layout first (the 2019 units load after the layers), then the unit among its units
  useEffect(() => {
    if (pending === null || wards.length === 0) return;
    if (pending.layout !== layout) {
      if (layoutAvailable) onLayout(pending.layout);
      return;
    }
    setPending(null);
    const index = pending.unit === undefined ? -1 : wards.findIndex((ward) => ward.id === pending.unit);
    awaitedIndex.current = index;
    // a restored selection is the URL's own: the next write replaces the entry
    writtenUnit.current = null;
    onSelectWard(index, pending.zoom && index !== -1);
  }, [pending, wards, layout, layoutAvailable, onLayout, onSelectWard]);

  // back / forward: the state of the entry returned to (its unit through the effect above)
  useEffect(() => {
    const onPopState = () => {
      const state = readUrlState(window.location.hash);
      onVisibility(state.layers ?? ALL_LAYERS);
      if (state.view !== undefined) restore(state.view, false);
      setPending(pendingOf(state, false));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [restore, onVisibility]);

  useEffect(() => {
    if (wards.length === 0 || view === null || pending !== null) return;
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
  }, [wards, view, visibility, layout, selectedWard, pending]);

  return useCallback((next: MapViewState) => {
    const restored = restoredView.current;
    setView(restored !== null && withinAPixel(next, restored) ? restored : next);
  }, []);
}

/** Same zoom, centres less than a pixel apart (a pixel spans 360° / (256 · 2^zoom) of longitude, less of latitude). */
function withinAPixel(a: MapViewState, b: MapViewState): boolean {
  const pixelDegrees = 360 / (256 * 2 ** a.zoom);
  return a.zoom === b.zoom && Math.abs(a.lon - b.lon) < pixelDegrees && Math.abs(a.lat - b.lat) < pixelDegrees;
}
