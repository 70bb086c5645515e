/**
 * The wards' first paint (issue 14): the app's map is created and the embedded wards are drawn on it as soon as the
 * engine worker replies with them, before React and the app's code (render-app, ~595 kB to download, compile and
 * run) are ready; `MapView` adopts the map and, the app's committed wards being the same array, keeps the layer
 * (no second `setWards`). Measured first (bench/HISTORY.md rows 30, 34): the wards reached the screen 0.3–0.9 s
 * after the worker's reply, waiting on render-app, the app's first render and the commit. The worker's own reply
 * is drawn, not a parse in the page: the page adds no work, it only does the drawing earlier.
 */
import type { Ward } from '../../core/model.ts';
import type { EmbeddedLoad } from '../embedded-load.ts';
import { loadUiSettings } from '../settings-store.ts';
import { readUrlState } from '../url-state.ts';
import { MapController, type MapControllerEvents } from './map-controller.ts';

export interface FirstPaint {
  controller: MapController;
  /** The map's element, placed over the page until `MapView` moves it into its own. */
  container: HTMLElement;
  /** Filled in by `MapView` when it adopts the map. */
  events: MapControllerEvents;
  /** The wards drawn (the worker's reply, the very array the app commits), or null when they came after adoption. */
  wards: Ward[] | null;
}

let pending: FirstPaint | null = null;

/**
 * The longest `startFirstPaint` waits for the frame after the wards' drawing, ms: a page in a background tab gets
 * no animation frame.
 */
const FRAME_AT_LATEST_MS = 100;

/** Resolves once the page has rendered the frame the drawings made now go into (or FRAME_AT_LATEST_MS later). */
function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    // rAF callbacks run before the frame's rendering; a task queued from one runs after it
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, FRAME_AT_LATEST_MS);
  });
}

/**
 * Creates the map over the page (on the URL's view, if any) and draws the wards of `wardsLoad` when they come, then
 * adds the basemap of the settings. Resolves once the wards are on screen (at once when the load failed or the app
 * has adopted the map): main.tsx runs the app's code only then, as its compilation would otherwise hold the frame
 * that shows them (bench/HISTORY.md step 95).
 */
export function startFirstPaint(wardsLoad: Promise<EmbeddedLoad>): Promise<void> {
  const container = document.createElement('div');
  container.className = 'map';
  container.dataset.testid = 'map';
  document.body.append(container);
  const events: MapControllerEvents = { onWardClick: () => undefined, onBasemapError: () => undefined };
  const controller = new MapController(container, events);
  const view = readUrlState(window.location.hash).view;
  if (view !== undefined) controller.restoreView(view, true);
  const paint: FirstPaint = { controller, container, events, wards: null };
  pending = paint;
  return wardsLoad.then(async (load) => {
    // adopted already: the app draws its wards and sets its basemap itself
    if (pending !== paint) return;
    if (!('error' in load) && load.response.layer === 'wards') {
      paint.wards = load.response.wards;
      controller.setWards(paint.wards, null, { bottomLeftPx: [0, 0] });
      await afterFrame();
    }
    // the basemap of the settings, on the wards' view: its tiles are requested now, not ~0.6 s later when the
    // app's code has run (offline, the land fill that stands in for them comes as much sooner); MapView keeps it
    controller.setBasemap(loadUiSettings().basemap);
  });
}

/** The first paint, for `MapView` to show (null when there is none). */
export const peekFirstPaint = (): FirstPaint | null => pending;

/** Takes the first paint once, moving its map into `host` (null when there is none or it was taken). */
export function adoptFirstPaint(host: HTMLElement, events: MapControllerEvents): FirstPaint | null {
  const paint = pending;
  pending = null;
  if (paint === null) return null;
  Object.assign(paint.events, events);
  host.append(paint.container);
  paint.controller.invalidateSize();
  return paint;
}
