/**
 * The map area: a `MapController` kept in sync with the app state, the floating legend, and the drop zone
 * for files dragged onto the map. The map tools (search, measure) and the cursor's coordinates are loaded apart
 * (lazy-components.tsx): they need proj4 (VN-2000), which the wards' first paint does not.
 */
import { memo, useContext, useEffect, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import type { Technology, Ward } from '../core/model.ts';
import { useI18n } from './i18n-context.ts';
import { Legend } from './Legend.tsx';
import { CursorReadout, MapTools, OnDemand } from './lazy-components.tsx';
import { CursorStore } from './map/cursor-store.ts';
import { adoptFirstPaint, peekFirstPaint, type DrawnLayer } from './map/first-paint.ts';
import { MapController, type LayerOpacity, type LayerVisibility, type MapViewState, type MapControllerEvents } from './map/map-controller.ts';
import type { MeasureState } from './map/measure-tool.ts';
import type { OperatorGroup } from './operator-colour.ts';
import type { BasemapSettings } from './settings-store.ts';
import type { AppData } from './use-dataset.ts';
import { ExportUnitsContext } from './export/export-units.ts';

/** The legend, drawn again only when its props (the synthetic layers) or the language change, not at each update. */
const StaticLegend = memo(Legend);

/** The cursor's coordinates, rendered on their own at each mouse move (cursor-store.ts). */
function LiveCursorReadout({ store }: { store: CursorStore }) {
  const cursor = useSyncExternalStore(store.subscribe, store.get);
  return cursor === null ? null : <CursorReadout lon={cursor.lon} lat={cursor.lat} />;
}

interface MapViewProps {
  data: AppData;
  visibility: LayerVisibility;
  cellFilter: { technology: Technology | 'all'; operators: ReadonlySet<OperatorGroup> };
  basemap: BasemapSettings;
  selectedWard: { index: number; zoom: boolean };
  /** Each layer's opacity (0…1). */
  opacity: LayerOpacity;
  onWardClick: (wardIndex: number) => void;
  /** A unit was chosen in the map's search box. */
  onSearchUnit: (wardIndex: number) => void;
  /** The view settled after a pan or zoom. */
  onView?: (view: MapViewState) => void;
  onFilesDropped: (files: File[]) => void;
  /** Shows the map tools (search, measure): once the wards are painted, so that loading them does not delay it. */
  tools: boolean;
  /** Receives the map controller once created (and null when it is disposed), for layers drawn by other panels. */
  onController?: (controller: MapController | null) => void;
}

export function MapView({ data, visibility, cellFilter, basemap, selectedWard, opacity, onWardClick, onSearchUnit, onView, onFilesDropped, tools, onController }: MapViewProps) {
  const { language, t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const [basemapFailed, setBasemapFailed] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [legendOpen, setLegendOpen] = useState(true);
  const [cursor] = useState(() => new CursorStore());
  const [measure, setMeasure] = useState<MeasureState | null>(null);
  const wardClickRef = useRef(onWardClick);
  wardClickRef.current = onWardClick;
  const viewRef = useRef(onView);
  viewRef.current = onView;
  // the map drawn before the app (first-paint.ts): its element (`.map`), inside this one, is the map's
  const [firstPaint] = useState(peekFirstPaint);
  /** The first paint's wards until the app commits its own (the same array, kept). */
  const firstPaintWardsRef = useRef<Ward[] | null>(null);
  /** The first paint's other layers until the app commits its own (the same arrays, kept). */
  const firstPaintLayersRef = useRef(new Set<DrawnLayer>());
  /**
   * Whether a layer the first paint drew stays as it is: while the app's data have none (its first renders, before
   * its commits), not to be cleared and drawn again.
   */
  const keepsFirstPaint = (layer: DrawnLayer, empty: boolean): boolean => {
    const drawn = firstPaintLayersRef.current;
    if (empty && drawn.has(layer)) return true;
    drawn.delete(layer);
    return false;
  };

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const events: MapControllerEvents = {
      onWardClick: (index) => wardClickRef.current(index),
      onBasemapError: () => setBasemapFailed(true),
      onCursor: cursor.set,
      onMeasure: setMeasure,
      onView: (view) => viewRef.current?.(view),
    };
    const adopted = adoptFirstPaint(container, events);
    firstPaintWardsRef.current = adopted?.wards ?? null;
    firstPaintLayersRef.current = adopted?.drawn ?? new Set();
    const created = adopted?.controller ?? new MapController(container, events);
    setController(created);
    const observer = new ResizeObserver(() => created.invalidateSize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      created.dispose();
      adopted?.container.remove();
      setController(null);
    };
  }, []);

  useEffect(() => onController?.(controller), [controller, onController]);
  useEffect(() => controller?.setLanguage(language), [controller, language]);
  useEffect(() => {
    setBasemapFailed(false);
    controller?.setBasemap(basemap);
  }, [controller, basemap]);
  useEffect(() => {
    if (!keepsFirstPaint('land', data.land === null)) controller?.setLand(data.land);
  }, [controller, data.land]);
  // refit only when the ward layer itself is replaced, not when households are re-counted
  const householdsPerWard = data.assignment?.householdsPerWard ?? null;
  const householdsRef = useRef(householdsPerWard);
  householdsRef.current = householdsPerWard;
  const legendRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // the first paint's wards stay until the app commits them (setWards of the same array only refits)
    if (firstPaintWardsRef.current !== null && data.wards.length === 0) return;
    firstPaintWardsRef.current = null;
    const legend = legendRef.current?.getBoundingClientRect();
    controller?.setWards(data.wards, householdsRef.current, { bottomLeftPx: legend === undefined ? [0, 0] : [legend.width + 10, legend.height + 24] });
  }, [controller, data.wards]);
  useEffect(() => controller?.setHouseholdsPerWard(householdsPerWard), [controller, householdsPerWard]);
  const unitLabels = useContext(ExportUnitsContext);
  useEffect(() => controller?.setUnitLabels(unitLabels), [controller, unitLabels]);
  useEffect(() => {
    if (!keepsFirstPaint('households', data.households === null)) controller?.setHouseholds(data.households);
  }, [controller, data.households]);
  // the labels as booleans: every layer committed brings a new set, and the cells' clusters and the cables'
  // projection are not redone for another layer's arrival
  const syntheticSites = data.synthetic.has('sites');
  const syntheticFibre = data.synthetic.has('fibre');
  useEffect(() => {
    if (!keepsFirstPaint('sites', data.cells.length === 0)) controller?.setCells(data.cells, syntheticSites);
  }, [controller, data.cells, syntheticSites]);
  useEffect(() => {
    if (!keepsFirstPaint('fibre', data.fibre === null)) controller?.setFibre(data.fibre, syntheticFibre);
  }, [controller, data.fibre, syntheticFibre]);
  useEffect(() => {
    if (!keepsFirstPaint('zones', data.zones === null)) controller?.setZones(data.zones);
  }, [controller, data.zones]);
  useEffect(() => controller?.setCellFilter(cellFilter), [controller, cellFilter]);
  useEffect(() => controller?.setOpacity(opacity), [controller, opacity, data.wards, data.fibre, data.zones]);
  useEffect(() => controller?.setVisibility(visibility), [controller, visibility, data.wards, data.fibre]);
  useEffect(() => controller?.selectWard(selectedWard.index, selectedWard.zoom), [controller, selectedWard, data.wards]);

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

  return (
    <div
      className={`map-area ${dragging ? 'dragging' : ''}`}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        onFilesDropped(Array.from(event.dataTransfer.files));
      }}
    >
      <div ref={containerRef} className={firstPaint === null ? 'map' : 'map-host'} data-testid={firstPaint === null ? 'map' : undefined} />
      {dragging && <div className="drop-overlay">{t('dropHere')}</div>}
      {basemapFailed && basemap.mode !== 'none' && (
        <div className="map-notice" role="status">
          {t('basemapOffline')}
          <button type="button" className="link-button" onClick={() => setBasemapFailed(false)}>
            {t('dismiss')}
          </button>
        </div>
      )}
      <OnDemand>
        {tools && <MapTools controller={controller} wards={data.wards} cells={data.cells} measure={measure} onSelectUnit={onSearchUnit} />}
        <LiveCursorReadout store={cursor} />
      </OnDemand>
      <div className="map-legend" ref={legendRef}>
        <button type="button" className="map-legend-toggle" aria-expanded={legendOpen} onClick={() => setLegendOpen(!legendOpen)}>
          {t('legend')} {legendOpen ? '▾' : '▸'}
        </button>
        {legendOpen && <StaticLegend synthetic={data.synthetic} compact />}
      </div>
    </div>
  );
}
