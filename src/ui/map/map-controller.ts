/**
 * The Leaflet map, driven imperatively by the React `MapView`: basemap, panes and every data layer.
 *
 * Stacking (bottom to top): tiles 200, land fill 250 (no-basemap mode), households canvas 350, vector canvas
 * 400 (wards and zones, one Leaflet canvas renderer so their hit-testing and tooltips work together), fibre
 * canvas 420, cells canvas 450, the measuring tool's drawing and the search hit's ring 470. The household, fibre
 * and cell canvases ignore the pointer; clicks are resolved here: a cell under the pointer wins, then a fibre
 * route or node, then the vector feature Leaflet found, so every feature's popup is reachable. While the
 * measuring tool draws, clicks go to it and open nothing.
 */
import L from 'leaflet';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Cell, FibreNetwork, Ward } from '../../core/model.ts';
import type { Zone } from '../../core/targets/zone-membership.ts';
import { escapeHtml } from '../escape-html.ts';
import { formatDecimal } from '../format-number.ts';
import { translatorFor, type Language, type Translate } from '../i18n.ts';
import { OSM_ATTRIBUTION, OSM_TILE_URL, type BasemapSettings } from '../settings-store.ts';
import { CellLayer, type CellFilter } from './cell-layer.ts';
import { FibreLayer, type FibreStyle } from './fibre-layer.ts';
import { accessNodeCard, buildCard, buildTooltip, cellCard, routeCard, wardCard } from './feature-cards.ts';
import { HouseholdLayer, type HouseholdCoordinates } from './household-layer.ts';
import { MeasureTool, type MeasureState } from './measure-tool.ts';
import { boundingBoxOf, mainExtent } from '../../core/geo/main-extent.ts';
import { formerDistrictsOf, wardLabels } from '../ward-labels.ts';
import type { UnitLabel } from '../export/localise-table.ts';

export interface LayerVisibility {
  wards: boolean;
  sites: boolean;
  households: boolean;
  fibre: boolean;
  /** The zones layer: planning zones, embedded approximate or imported (absent: shown). */
  zones?: boolean;
}

/** Layers whose opacity the user sets (0 transparent … 1 as styled). */
export type OpacityLayer = 'wards' | 'sites' | 'households' | 'fibre' | 'zones';
export type LayerOpacity = Readonly<Record<OpacityLayer, number>>;
export const FULL_OPACITY: LayerOpacity = { wards: 1, sites: 1, households: 1, fibre: 1, zones: 1 };
const OPACITY_LAYERS = Object.keys(FULL_OPACITY) as OpacityLayer[];

/**
 * The view `map.fitBounds(bounds, { paddingTopLeft, paddingBottomRight })` sets: Leaflet's own computation
 * (`Map._getBoundsCenterZoom`), for a fit that can tell it would not move the map.
 */
function fittedView(map: L.Map, bounds: L.LatLngBounds, topLeft: L.Point, bottomRight: L.Point): { centre: L.LatLng; zoom: number } {
  const zoom = map.getBoundsZoom(bounds, false, topLeft.add(bottomRight));
  if (zoom === Infinity) return { centre: bounds.getCenter(), zoom };
  const offset = bottomRight.subtract(topLeft).divideBy(2);
  const southWest = map.project(bounds.getSouthWest(), zoom);
  const northEast = map.project(bounds.getNorthEast(), zoom);
  return { centre: map.unproject(southWest.add(northEast).divideBy(2).add(offset), zoom), zoom };
}

/** Hải Phòng's centre, used before any ward is loaded. */
const CITY_CENTRE: L.LatLngTuple = [20.84, 106.69];
const CITY_ZOOM = 10;

const WARD_STYLE: L.PathOptions = { color: '#37474f', weight: 1, opacity: 0.85, fill: true, fillColor: '#ffffff', fillOpacity: 0 };
const WARD_HOVER_STYLE: L.PathOptions = { weight: 2, color: '#263238' };
const WARD_SELECTED_STYLE: L.PathOptions = { color: '#e65100', weight: 3, opacity: 1, fillColor: '#ffb74d', fillOpacity: 0.18 };
const ZONE_STYLE: L.PathOptions = { color: '#6a1b9a', weight: 1.6, opacity: 0.9, dashArray: '6 4', fill: true, fillColor: '#ce93d8', fillOpacity: 0.12 };
export const FIBRE_STYLE: FibreStyle = {
  backbone: { color: '#00696f', weight: 4, opacity: 0.9 },
  distribution: { color: '#26a69a', weight: 1.6, opacity: 0.85 },
  node: { color: '#ffffff', weight: 1, opacity: 1, fillColor: '#004d52', fillOpacity: 1, radius: 3.5 },
};

export interface MapControllerEvents {
  /** A ward was clicked on the map. */
  onWardClick: (wardIndex: number) => void;
  /** The basemap failed to load a tile (reported once per basemap setting). */
  onBasemapError: () => void;
  /** The pointer moved over the map (WGS84 degrees), or left it (null). */
  onCursor?: (position: { lon: number; lat: number } | null) => void;
  /** The measure being drawn changed, or the tool was closed (null). */
  onMeasure?: (state: MeasureState | null) => void;
  /** The view settled after a pan or zoom (centre in WGS84 degrees). */
  onView?: (view: MapViewState) => void;
}

/** A map view: centre (WGS84 degrees) and zoom. */
export interface MapViewState {
  lat: number;
  lon: number;
  zoom: number;
}

/** Zoom a search hit (a site, a cell or a coordinate) is shown at: a few streets around it. */
const SEARCH_HIT_ZOOM = 16;
/** Map height a popup leaves free (its tip, the auto-pan paddings): taller content scrolls inside the popup. */
const POPUP_MARGIN_PX = 140;
const SEARCH_HIT_STYLE: L.CircleMarkerOptions = { radius: 14, color: '#d84315', weight: 3, opacity: 1, fill: true, fillColor: '#ffab91', fillOpacity: 0.25, interactive: false };

/** Extra popup content: (clicked point, index of the cell under it or −1) → an element, or null for none. */
export type PopupExtension = (latLng: L.LatLng, cellIndex: number) => HTMLElement | null;

/**
 * A layer drawn outside the controller (proposed fibre cables…) that a click may hit: the card of its feature
 * under the point, or null. Asked before the cells and the wards, so a thin line over them is reachable.
 */
export type FeaturePicker = (latLng: L.LatLng) => (() => HTMLElement) | null;

export class MapController {
  readonly map: L.Map;
  private readonly vectorRenderer: L.Canvas;
  private readonly landRenderer: L.Canvas;
  private readonly householdLayer = new HouseholdLayer('households');
  private readonly cellLayer = new CellLayer('cells');
  private readonly fibreLayer = new FibreLayer('fibre', FIBRE_STYLE);
  private basemap: L.TileLayer | null = null;
  private basemapFailed = false;
  private basemapSettings: BasemapSettings | null = null;
  /** A basemap opened from a local file (pmtiles-basemap.ts): while set, it replaces the online one. */
  private localBasemap: L.Layer | null = null;
  /**
   * The layers drawn, as set: setting the same one again (the first paint's, committed by the app: first-paint.ts)
   * keeps it and its drawing.
   */
  private land: Array<Polygon | MultiPolygon> | null = null;
  private fibre: FibreNetwork | null = null;
  private zones: readonly Zone[] | null = null;
  private landLayer: L.FeatureGroup | null = null;
  private wardLayer: L.FeatureGroup | null = null;
  private wardPaths: L.Polygon[] = [];
  /** The wards drawn (`setWards`). */
  private wards: Ward[] = [];
  private zoneLayer: L.FeatureGroup | null = null;
  private opacity: LayerOpacity = FULL_OPACITY;
  private householdsPerWard: Float64Array | null = null;
  /** The units' former districts by unit code (`setUnitLabels`), named on a 2025 unit's card. */
  private unitLabels: ReadonlyMap<string, UnitLabel> = new Map();
  private cells: readonly Cell[] = [];
  private syntheticCells = false;
  private syntheticFibre = false;
  private selectedWard = -1;
  private popupExtension: PopupExtension | null = null;
  /** A result layer over the wards is shown (see `setResultShown`). */
  private resultShown = false;
  private readonly featurePickers = new Set<FeaturePicker>();
  /** Measuring distances and areas (clicks go to it while it draws). */
  readonly measure: MeasureTool;
  private searchHit: L.CircleMarker | null = null;
  /** A view was restored (from the page URL): the next ward layer keeps it instead of fitting the city. */
  private keepView = false;
  /**
   * The ward layer that kept a restored view: the same wards set again keep it too (the first paint's wards,
   * committed by the app once its code has run, refitted the city over the page URL's view until the URL's own
   * restore came back to it, ~0.4 s later; a page reading the URL meanwhile read the city's view).
   */
  private viewKeptFor: readonly Ward[] | null = null;
  private visibility: LayerVisibility = { wards: true, sites: true, households: true, fibre: true };
  private language: Language = 'vi';
  private t: Translate = translatorFor('vi');

  constructor(container: HTMLElement, private readonly events: MapControllerEvents) {
    this.map = L.map(container, { center: CITY_CENTRE, zoom: CITY_ZOOM, preferCanvas: true, zoomSnap: 0.25 });
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    this.createPane('land', 250);
    this.createPane('households', 350);
    this.createPane('fibre', 420);
    this.createPane('cells', 450);
    this.createPane('measure', 470);
    this.vectorRenderer = L.canvas({ padding: 0.25, tolerance: 3 });
    this.landRenderer = L.canvas({ pane: 'land', padding: 0.25 });
    this.householdLayer.addTo(this.map);
    this.fibreLayer.addTo(this.map);
    this.cellLayer.addTo(this.map);
    this.map.on('click', (event: L.LeafletMouseEvent) => this.openPopup(event.latlng, null));
    this.measure = new MeasureTool(this.map, 'measure', (state) => this.events.onMeasure?.(state));
    this.map.on('moveend', () => {
      const centre = this.map.getCenter();
      this.events.onView?.({ lat: centre.lat, lon: centre.lng, zoom: this.map.getZoom() });
    });
    // a metric scale bar, as in QGIS; the cursor's position for the coordinates readout
    L.control.scale({ metric: true, imperial: false, position: 'bottomright', maxWidth: 140 }).addTo(this.map);
    // the container's own mousemove: Leaflet's comes through its canvas renderers, which drop moves within 32 ms of
    // the last and, over a small circle marker (a household point), give the marker's position instead of the cursor's
    this.map.getContainer().addEventListener('mousemove', (event) => {
      const at = this.map.mouseEventToLatLng(event);
      this.events.onCursor?.({ lon: at.lng, lat: at.lat });
    });
    // the container's own mouseleave: Leaflet's mouseout also comes from the markers and labels inside the map
    this.map.getContainer().addEventListener('mouseleave', () => this.events.onCursor?.(null));
    // the zoom is written on the container so tests and styles can read it, at every move's end: the first fit
    // may keep the zoom the map opened at (and end no zoom)
    this.map.on('moveend', () => {
      container.dataset.zoom = String(this.map.getZoom());
    });
  }

  /**
   * Shows a basemap opened from a local file instead of the online one (null goes back to the basemap of the
   * settings). The tiles come from the file, so no offline warning applies.
   */
  setLocalBasemap(layer: L.Layer | null): void {
    this.localBasemap?.remove();
    this.localBasemap = layer;
    if (layer !== null) layer.addTo(this.map);
    if (this.basemapSettings !== null) this.setBasemap(this.basemapSettings);
    else this.updateLand();
  }

  /** Planning zones drawn as dashed outlines with their name on hover (null removes them). */
  setZones(zones: readonly Zone[] | null): void {
    if (zones === this.zones) return;
    this.zones = zones;
    this.zoneLayer?.remove();
    this.zoneLayer = null;
    if (zones === null) return;
    const style = faded(ZONE_STYLE, this.opacity.zones);
    this.zoneLayer = L.featureGroup(
      zones.map((zone) => {
        const path = L.polygon(polygonLatLngs(zone.geometry), { ...style, renderer: this.vectorRenderer });
        path.bindTooltip(() => buildTooltip(zone.name ?? zone.id), { sticky: true, direction: 'top', className: 'ward-tooltip' });
        path.on('click', (event) =>
          this.onFeatureClick(event, () =>
            buildCard(zone.name ?? zone.id, [
              { label: 'id', value: zone.id },
              { label: this.t('fieldLabelKind'), value: zone.kind ?? this.t('valueUnknown') },
            ]),
          ),
        );
        return path;
      }),
    );
    if (this.visibility.zones !== false) this.zoneLayer.addTo(this.map);
  }

  /** Sets each layer's opacity (1 = as styled); the canvases of households and cells fade as a whole. */
  setOpacity(opacity: LayerOpacity): void {
    // the layers made since take the opacity set (`wardStyle`, `setZones`, the panes and the cables keep theirs):
    // the same values again redraw nothing
    if (OPACITY_LAYERS.every((layer) => opacity[layer] === this.opacity[layer])) return;
    this.opacity = opacity;
    this.map.getPane('households')!.style.opacity = String(opacity.households);
    this.map.getPane('cells')!.style.opacity = String(opacity.sites);
    this.wardPaths.forEach((path, index) => path.setStyle(this.wardStyle(index)));
    this.fibreLayer.setOpacity(opacity.fibre);
    this.zoneLayer?.eachLayer((layer) => (layer as L.Path).setStyle(faded(ZONE_STYLE, opacity.zones)));
  }

  private wardStyle(index: number): L.PathOptions {
    return faded(index === this.selectedWard ? WARD_SELECTED_STYLE : WARD_STYLE, this.opacity.wards);
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.t = translatorFor(language);
    this.map.closePopup();
  }

  setBasemap(settings: BasemapSettings): void {
    const online = settings.mode !== 'none' && this.localBasemap === null;
    const previous = this.basemapSettings;
    // the same online basemap again (the first paint's, when MapView adopts the map) keeps its tiles, not requested
    // twice; a failure it had already is told again, to whoever listens now
    if (online && this.basemap !== null && previous !== null && sameBasemap(previous, settings)) {
      if (this.basemapFailed) this.events.onBasemapError();
      return;
    }
    this.basemapSettings = settings;
    this.basemap?.remove();
    this.basemap = null;
    this.basemapFailed = false;
    const container = this.map.getContainer();
    container.classList.toggle('no-basemap', settings.mode === 'none' && this.localBasemap === null);
    if (online) {
      const custom = settings.mode === 'custom';
      const attribution = custom
        ? escapeHtml(settings.customAttribution)
        : `<a href="https://www.openstreetmap.org/copyright">${escapeHtml(OSM_ATTRIBUTION)}</a>`;
      const layer = L.tileLayer(custom ? settings.customUrl.trim() : OSM_TILE_URL, { attribution, maxZoom: 19 });
      layer.once('tileerror', () => {
        // tiles are missing (offline, server down): the land fill takes their place so the map still reads
        this.basemapFailed = true;
        this.updateLand();
        this.events.onBasemapError();
      });
      layer.addTo(this.map);
      this.basemap = layer;
    }
    this.updateLand();
  }

  setLand(land: Array<Polygon | MultiPolygon> | null): void {
    if (land === this.land) return;
    this.land = land;
    this.landLayer?.remove();
    const style: L.PolylineOptions = { stroke: false, fillColor: '#f7f4ec', fillOpacity: 1, interactive: false, renderer: this.landRenderer };
    this.landLayer = land === null ? null : L.featureGroup(land.map((geometry) => L.polygon(polygonLatLngs(geometry), style)));
    this.updateLand();
  }

  /**
   * Replaces the ward layer; with `fit`, opens on the city's main extent clear of what floats over the map's
   * bottom-left corner (the legend: `bottomLeftPx`, its width and height).
   */
  setWards(wards: Ward[], householdsPerWard: Float64Array | null, fit: { bottomLeftPx: [number, number] } | null): void {
    this.householdsPerWard = householdsPerWard;
    // the same wards again (the first paint's, committed by the app: first-paint.ts) keep their paths: only the fit
    const changed = wards !== this.wards;
    if (changed) {
      this.wardLayer?.remove();
      this.wards = wards;
      this.selectedWard = -1;
      const labels = wardLabels(wards);
      this.wardPaths = wards.map((ward, index) => this.createWardPath(ward, index, labels[index]));
      this.wardLayer = L.featureGroup(this.wardPaths);
    }
    // the view first, then the paths: added before the fit, they were projected, simplified and drawn at the old view,
    // then again at the new one (and their canvas sized twice)
    this.fitWards(wards, fit);
    if (changed && this.visibility.wards) this.wardLayer!.addTo(this.map);
  }

  /** Fits the view to the wards' main extent, above or beside the legend, unless a restored view is kept. */
  private fitWards(wards: readonly Ward[], fit: { bottomLeftPx: [number, number] } | null): void {
    if (wards.length > 0 && (this.keepView || wards === this.viewKeptFor)) {
      this.keepView = false;
      this.viewKeptFor = wards;
      return;
    }
    this.viewKeptFor = null;
    const extent = fit !== null ? mainExtent(wards.map((ward) => boundingBoxOf(ward.geometry))) : null;
    if (extent === null || fit === null) return;
    const bounds = L.latLngBounds([extent[1], extent[0]], [extent[3], extent[2]]);
    // the legend takes a corner: fit above it, or beside it, whichever leaves the larger view
    const [legendWidthPx, legendHeightPx] = fit.bottomLeftPx;
    const above = this.map.getBoundsZoom(bounds, false, L.point(16, 16 + legendHeightPx));
    const beside = this.map.getBoundsZoom(bounds, false, L.point(16 + legendWidthPx, 16));
    const [topLeft, bottomRight] = above >= beside ? [L.point(8, 8), L.point(8, 8 + legendHeightPx)] : [L.point(8 + legendWidthPx, 8), L.point(8, 8)];
    const view = fittedView(this.map, bounds, topLeft, bottomRight);
    // the view shown already (the first paint's fit, the app's wards the same): a move, even of 0 px, redraws every layer
    const shown = this.map.project(this.map.getCenter(), view.zoom);
    if (view.zoom === this.map.getZoom() && this.map.project(view.centre, view.zoom).distanceTo(shown) < 0.5) return;
    // not animated: Leaflet then redraws the wards' canvas at once (at the new view), where an animated fit (pan or zoom) left
    // the first drawing to a later animation frame, behind whatever work the page had queued (the next layers' replies)
    this.map.setView(view.centre, view.zoom, { animate: false });
  }

  setHouseholdsPerWard(householdsPerWard: Float64Array | null): void {
    this.householdsPerWard = householdsPerWard;
  }

  setUnitLabels(unitLabels: ReadonlyMap<string, UnitLabel>): void {
    this.unitLabels = unitLabels;
  }

  setHouseholds(households: HouseholdCoordinates | null): void {
    this.householdLayer.setHouseholds(households);
  }

  setCells(cells: readonly Cell[], synthetic: boolean): void {
    if (cells === this.cells && synthetic === this.syntheticCells) return;
    this.cells = cells;
    this.syntheticCells = synthetic;
    this.cellLayer.setCells(cells);
  }

  setCellFilter(filter: CellFilter): void {
    this.cellLayer.setFilter(filter);
  }

  setFibre(fibre: FibreNetwork | null, synthetic: boolean): void {
    this.syntheticFibre = synthetic;
    if (fibre === this.fibre) return;
    this.fibre = fibre;
    this.fibreLayer.setNetwork(fibre);
  }

  setVisibility(visibility: LayerVisibility): void {
    this.visibility = visibility;
    let changed = false;
    const toggle = (layer: L.Layer | null, on: boolean) => {
      if (layer === null) return;
      if (on && !this.map.hasLayer(layer)) layer.addTo(this.map);
      else if (!on && this.map.hasLayer(layer)) layer.remove();
      else return;
      changed = true;
    };
    toggle(this.wardLayer, visibility.wards);
    toggle(this.fibreLayer, visibility.fibre && !this.resultShown);
    toggle(this.householdLayer, visibility.households);
    toggle(this.cellLayer, visibility.sites);
    toggle(this.zoneLayer, visibility.zones !== false);
    // a popup may describe a layer just hidden; one over layers that stay (a re-render) is left open
    if (changed) this.map.closePopup();
  }

  /**
   * While a result layer colours the wards (the weak-% choropleth), the cells step back (faint) and the cables
   * are hidden, so the colours are not buried under them; they return when it is switched off.
   */
  setResultShown(shown: boolean): void {
    if (shown === this.resultShown) return;
    this.resultShown = shown;
    this.map.getPane('cells')!.style.opacity = shown ? '0.3' : '';
    this.setVisibility(this.visibility);
  }

  /** Highlights a ward (−1 for none) and, when asked, zooms to it. */
  selectWard(wardIndex: number, zoom: boolean): void {
    const previous = this.selectedWard;
    this.selectedWard = wardIndex;
    if (previous >= 0) this.wardPaths[previous]?.setStyle(this.wardStyle(previous));
    const path = this.wardPaths[wardIndex];
    if (path === undefined) return;
    path.setStyle(this.wardStyle(wardIndex));
    path.bringToFront();
    if (zoom) this.map.fitBounds(path.getBounds(), { padding: [40, 40], maxZoom: 15 });
  }

  /**
   * Adds content below every popup (the analysis adds the best server and the weak zone at the clicked point, or
   * an edit button under a cell's card); null removes it. Called with the cell index under the click, or −1.
   */
  setPopupExtension(extension: PopupExtension | null): void {
    this.popupExtension = extension;
  }

  /** Lets a click on a feature of another layer open its card (see `FeaturePicker`); returns the removal. */
  addFeaturePicker(picker: FeaturePicker): () => void {
    this.featurePickers.add(picker);
    return () => this.featurePickers.delete(picker);
  }

  /** Shows a view (from the page URL); the next ward layer then keeps it rather than fitting the city. */
  restoreView(view: MapViewState, keepOnNextWards: boolean): void {
    this.keepView = keepOnNextWards;
    this.map.setView([view.lat, view.lon], view.zoom);
  }

  /** Centres the map on a search hit (a site, a cell, a coordinate) and rings it; null removes the ring. */
  showSearchHit(position: { lon: number; lat: number } | null): void {
    this.searchHit?.remove();
    this.searchHit = null;
    if (position === null) return;
    this.searchHit = L.circleMarker([position.lat, position.lon], { ...SEARCH_HIT_STYLE, pane: 'measure' }).addTo(this.map);
    this.map.setView([position.lat, position.lon], Math.max(SEARCH_HIT_ZOOM, this.map.getZoom()));
  }

  /** Recomputes the map size after its container was resized. */
  invalidateSize(): void {
    this.map.invalidateSize();
  }

  dispose(): void {
    this.measure.dispose();
    this.map.remove();
  }

  private createPane(name: string, zIndex: number): void {
    const pane = this.map.createPane(name);
    pane.style.zIndex = String(zIndex);
    pane.style.pointerEvents = 'none';
  }

  private updateLand(): void {
    if (this.landLayer === null) return;
    const showLand = this.localBasemap === null && (this.basemap === null || this.basemapFailed);
    this.map.getContainer().classList.toggle('land-fill', showLand);
    if (showLand && !this.map.hasLayer(this.landLayer)) this.landLayer.addTo(this.map);
    if (!showLand && this.map.hasLayer(this.landLayer)) this.landLayer.remove();
  }

  /** The ward's outline with its tooltip and card; `label` is its name, with its district when the name repeats. */
  private createWardPath(ward: Ward, index: number, label: string): L.Polygon {
    const path = L.polygon(polygonLatLngs(ward.geometry), { ...faded(WARD_STYLE, this.opacity.wards), renderer: this.vectorRenderer });
    path.bindTooltip(() => buildTooltip(label), { sticky: true, direction: 'top', className: 'ward-tooltip' });
    path.on('mouseover', () => index !== this.selectedWard && path.setStyle(faded({ ...WARD_STYLE, ...WARD_HOVER_STYLE }, this.opacity.wards)));
    path.on('mouseout', () => path.setStyle(this.wardStyle(index)));
    path.on('click', (event) => {
      const formerDistricts = formerDistrictsOf(this.unitLabels, ward.id);
      this.onFeatureClick(event, () => wardCard({ ...ward, name: label }, this.householdsPerWard?.[index] ?? null, formerDistricts, this.t, this.language));
      // a cell or a cable drawn over the ward takes the click
      if (!this.measure.capturing && this.cellAt(event.latlng) === -1 && this.fibreAt(event.latlng) === null) this.events.onWardClick(index);
    });
    return path;
  }

  private onFeatureClick(event: L.LeafletEvent, content: () => HTMLElement): void {
    // while measuring, the click goes on to the map (the measure tool) and opens nothing
    if (this.measure.capturing) return;
    L.DomEvent.stopPropagation(event as L.LeafletMouseEvent);
    this.openPopup((event as L.LeafletMouseEvent).latlng, content);
  }

  /** The topmost visible cell under a point, or −1. */
  private cellAt(latLng: L.LatLng): number {
    return this.cellsAt(latLng)[0] ?? -1;
  }

  /** The card of the fibre route or access node drawn under a point, or null (none, or the layer hidden). */
  private fibreAt(latLng: L.LatLng): (() => HTMLElement) | null {
    if (!this.map.hasLayer(this.fibreLayer)) return null;
    const global = this.map.project(latLng, this.map.getZoom());
    const hit = this.fibreLayer.hitTest(global.x, global.y);
    if (hit === null) return null;
    return hit.kind === 'route'
      ? () => routeCard(hit.route, this.syntheticFibre, this.t)
      : () => accessNodeCard(hit.node, this.syntheticFibre, this.t, this.language);
  }

  /** The visible cells under a point, topmost first (stacked sectors of one site share a wedge). */
  private cellsAt(latLng: L.LatLng): number[] {
    if (!this.visibility.sites) return [];
    const global = this.map.project(latLng, this.map.getZoom());
    return this.cellLayer.hitTestAll(global.x, global.y);
  }

  /**
   * Zooms into a clicked cluster of sites; else opens the card of a picked feature (see `FeaturePicker`), else of the cells under the point (with a chooser
   * when sectors are stacked), else of the clicked feature (if any), with the popup extension below.
   */
  private openPopup(latLng: L.LatLng, fallback: (() => HTMLElement) | null): void {
    if (this.measure.capturing) return;
    // a click on a cluster of sites (city zoom) zooms in to where it splits
    const global = this.map.project(latLng, this.map.getZoom());
    const cluster = this.visibility.sites ? this.cellLayer.clusterAt(global.x, global.y) : null;
    if (cluster !== null) return void this.map.setView(L.latLng(cluster.lat, cluster.lon), Math.max(cluster.expansionZoom, this.map.getZoom() + 1));
    for (const picker of this.featurePickers) {
      const picked = picker(latLng);
      if (picked !== null) return void this.showPopup(latLng, picked());
    }
    const cellIndices = this.cellsAt(latLng);
    // a cable or node over the ward or zone Leaflet found is what the user aimed at
    const feature = cellIndices.length > 0 ? null : (this.fibreAt(latLng) ?? fallback);
    const content = document.createElement('div');
    const body = document.createElement('div');
    const fill = (cellIndex: number) => {
      const card = cellIndex >= 0 ? cellCard(this.cells[cellIndex], this.syntheticCells, this.t, this.language) : feature?.();
      const extra = this.popupExtension?.(latLng, cellIndex) ?? null;
      body.replaceChildren(...(card === undefined ? [] : [card]), ...(extra === null ? [] : [extra]));
    };
    fill(cellIndices[0] ?? -1);
    if (body.childElementCount === 0) return;
    // a chosen cell's card may be taller: the popup is laid out and panned into view again
    if (cellIndices.length > 1) content.appendChild(this.cellChooser(cellIndices, fill));
    content.appendChild(body);
    this.showPopup(latLng, content);
  }

  /** Buttons naming each cell under the cursor; pressing one shows its card instead. */
  private cellChooser(cellIndices: readonly number[], choose: (cellIndex: number) => void): HTMLElement {
    const chooser = document.createElement('div');
    chooser.className = 'cell-chooser';
    const heading = document.createElement('div');
    heading.className = 'cell-chooser-heading';
    heading.textContent = this.t('cellChooser', { n: cellIndices.length });
    chooser.appendChild(heading);
    cellIndices.forEach((cellIndex, k) => {
      const cell = this.cells[cellIndex];
      const button = document.createElement('button');
      button.type = 'button';
      button.className = k === 0 ? 'chip active' : 'chip';
      button.dataset.cellId = cell.cellId;
      button.textContent = `${cell.cellId} · ${cell.technology} · ${formatDecimal(cell.bandMhz, this.language, 0)} MHz`;
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        chooser.querySelectorAll('button').forEach((other) => other.classList.toggle('active', other === button));
        choose(cellIndex);
      });
      chooser.appendChild(button);
    });
    return chooser;
  }

  private showPopup(latLng: L.LatLng, content: HTMLElement): void {
    // the top-left padding keeps popups clear of the zoom buttons and of the bars drawn over the map's top (search,
    // notice); the height cap keeps a tall card (a cell with its footprint) within the map's height, scrolling
    const popup = L.popup({
      maxWidth: 360,
      maxHeight: Math.max(200, this.map.getSize().y - POPUP_MARGIN_PX),
      className: 'feature-popup',
      autoPanPaddingTopLeft: L.point(60, Math.max(60, this.topBarsBottom() + 10)),
    })
      .setLatLng(latLng)
      .setContent(content)
      .openOn(this.map);
    // Leaflet sizes a popup once, when it opens: content that changes later (a card filled when the worker answers,
    // another cell chosen) is laid out and panned into view again, else it keeps the first content's width. `update`
    // takes the content out and puts it back, which drops the focus: a chooser's button pressed from the keyboard
    // keeps it
    const relayout = new MutationObserver(() => {
      if (!popup.isOpen()) return;
      const focused = document.activeElement instanceof HTMLElement && content.contains(document.activeElement) ? document.activeElement : null;
      popup.update();
      focused?.focus({ preventScroll: true });
    });
    relayout.observe(content, { childList: true, subtree: true, characterData: true });
    popup.once('remove', () => relayout.disconnect());
  }

  /**
   * Lowest edge of the bars laid over the map's top (`MapView`'s notice, `MapTools`, children of its `.map-area`), in
   * pixels below the map's top. The map's element is the area's child, or its grandchild when `MapView` adopted the
   * first paint's map (first-paint.ts: in a `.map-host`).
   */
  private topBarsBottom(): number {
    const container = this.map.getContainer();
    const top = container.getBoundingClientRect().top;
    const area = container.closest('.map-area') ?? container.parentElement;
    const bars = area?.querySelectorAll(':scope > .map-notice, :scope > .map-tools') ?? [];
    return Math.max(0, ...Array.from(bars, (bar) => bar.getBoundingClientRect().bottom - top));
  }
}

/** A style with its stroke and fill opacities scaled by `opacity`. */
function faded(style: L.PathOptions, opacity: number): L.PathOptions {
  return { ...style, opacity: (style.opacity ?? 1) * opacity, fillOpacity: (style.fillOpacity ?? 0.2) * opacity };
}

/** Leaflet lat/lng rings of a GeoJSON polygon or multipolygon (GeoJSON is [lon, lat]). */
export function polygonLatLngs(geometry: Polygon | MultiPolygon): L.LatLng[][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => L.latLng(lat, lon))));
}

const sameBasemap = (a: BasemapSettings, b: BasemapSettings): boolean =>
  a.mode === b.mode && a.customUrl === b.customUrl && a.customAttribution === b.customAttribution;
