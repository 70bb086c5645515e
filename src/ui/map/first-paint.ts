/**
 * The wards' first paint (issue 14): the app's map is created and the embedded wards are drawn on it as soon as the
 * engine worker replies with them, before React and the app's code (render-app, ~595 kB to download, compile and
 * run) are ready; `MapView` adopts the map and, the app's committed wards being the same array, keeps the layer
 * (no second `setWards`). Measured first (bench/HISTORY.md rows 30, 34): the wards reached the screen 0.3–0.9 s
 * after the worker's reply, waiting on render-app, the app's first render and the commit. The worker's own reply
 * is drawn, not a parse in the page: the page adds no work, it only does the drawing earlier. The other layers'
 * replies are drawn the same way as they come (step 110), and the app keeps them as it keeps the wards.
 */
import type { Ward } from '../../core/model.ts';
import type { EarlyLoads, EmbeddedLoad } from '../embedded-load.ts';
import type { LoadResponse } from '../../worker/protocol.ts';
import { loadUiSettings } from '../settings-store.ts';
import { readUrlState } from '../url-state.ts';
import { MapController, type MapControllerEvents } from './map-controller.ts';

export interface FirstPaint {
  controller: MapController;
  /** The map's element, in `frame` until `MapView` moves it into its own. */
  container: HTMLElement;
  /** The app's frame drawn over the page until the app's own replaces it (`appFrame`). */
  frame: HTMLElement;
  /** Filled in by `MapView` when it adopts the map. */
  events: MapControllerEvents;
  /** The wards drawn (the worker's reply, the very array the app commits), or null when they came after adoption. */
  wards: Ward[] | null;
  /**
   * The other layers drawn before the adoption (the replies' very arrays, which the app commits and the map then
   * keeps: `MapController`'s setters keep a layer set again). MapView leaves each until the app has its own.
   */
  drawn: Set<DrawnLayer>;
}

/** The layers the first paint draws besides the wards. */
export type DrawnLayer = Exclude<LoadResponse['layer'], 'wards'>;

let pending: FirstPaint | null = null;

/**
 * The app's frame without its content: the header's bar and the side panel as the app opens (its first tab, the
 * targets), in the app's own classes, so that the map has the place and size it will have in the app. Drawn over
 * the whole page, the map was fitted to it, then shrunk and fitted again when the app came (zoom 10.5 to 10 at
 * 1366 × 768, the city moving left and down at ~1 s).
 */
function appFrame(): HTMLElement {
  const frame = document.createElement('div');
  frame.className = 'app first-paint-frame';
  frame.innerHTML =
    '<header class="app-header"><div class="brand"><span class="brand-mark" aria-hidden="true"><span></span><span></span><span></span></span><h1>phủ sóng</h1></div></header>' +
    '<main class="app-main"><div class="map-area"></div><aside class="side-panel side-panel-targets"></aside></main>';
  return frame;
}

/**
 * The legend's box as the app's fit counts it (MapView: its width + 10 and height + 24 px) at 1366 × 768, the
 * legend open: the wards are fitted clear of where it will be, and the app's fit, counting the legend drawn, moves them
 * little or not at all.
 */
const LEGEND_PX: [number, number] = [636, 128];

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
 * Creates the map in the app's frame (on the URL's view and layers, if any) and draws the wards when they come, then
 * adds the basemap of the settings; each other layer is drawn as its reply comes, until the app adopts the map.
 * Resolves once the wards are on screen (at once when the load failed or the app has adopted the map): main.tsx
 * runs the app's code only then, as its compilation would otherwise hold the frame that shows them
 * (bench/HISTORY.md step 95).
 */
export function startFirstPaint(loads: EarlyLoads): Promise<void> {
  const frame = appFrame();
  document.body.append(frame);
  const container = document.createElement('div');
  container.className = 'map';
  container.dataset.testid = 'map';
  frame.querySelector('.map-area')!.append(container);
  const events: MapControllerEvents = { onWardClick: () => undefined, onBasemapError: () => undefined };
  const controller = new MapController(container, events);
  const { view, layers } = readUrlState(window.location.hash);
  if (view !== undefined) controller.restoreView(view, true);
  if (layers !== undefined) controller.setVisibility(layers);
  const paint: FirstPaint = { controller, container, frame, events, wards: null, drawn: new Set() };
  pending = paint;
  for (const other of loads.others) void other.then((load) => drawLayer(paint, load));
  return loads.wards.then(async (load) => {
    // adopted already: the app draws its wards and sets its basemap itself
    if (pending !== paint) return;
    if (!('error' in load) && load.response.layer === 'wards') {
      paint.wards = load.response.wards;
      controller.setWards(paint.wards, null, { bottomLeftPx: LEGEND_PX });
      await afterFrame();
    }
    // the basemap of the settings, on the wards' view: its tiles are requested now, not ~0.6 s later when the
    // app's code has run (offline, the land fill that stands in for them comes as much sooner); MapView keeps it
    controller.setBasemap(loadUiSettings().basemap);
  });
}

/**
 * Draws a layer the worker loaded (before the app has adopted the map), as the app will: its labels are the
 * embedded file's. The app's layers came ~0.4 s after the last reply, once its code had run and rendered
 * (bench/HISTORY.md step 110).
 */
function drawLayer(paint: FirstPaint, load: EmbeddedLoad): void {
  if (pending !== paint || 'error' in load || load.response.report.status === 'failed') return;
  const { controller } = paint;
  const { response } = load;
  const synthetic = load.entry.synthetic === true;
  if (response.layer === 'wards') return;
  paint.drawn.add(response.layer);
  if (response.layer === 'land') controller.setLand(response.land);
  else if (response.layer === 'sites') controller.setCells(response.cells, synthetic);
  else if (response.layer === 'households') controller.setHouseholds(response.households);
  else if (response.layer === 'fibre') controller.setFibre(response.fibre, synthetic);
  else controller.setZones(response.zones);
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
  paint.frame.remove();
  paint.controller.invalidateSize();
  return paint;
}
