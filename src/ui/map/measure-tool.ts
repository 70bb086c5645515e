/**
 * Measuring on the map, as in QGIS: in `distance` or `area` mode each click adds a point, the figure follows the
 * cursor live, a double-click or Enter finishes, Escape cancels. The drawing stays after finishing until a new
 * measure starts or the tool is closed. Figures come from measurement.ts (Turf).
 */
import L from 'leaflet';
import { pathLengthM, perimeterM, polygonAreaM2, type LonLat } from './measurement.ts';

export type MeasureMode = 'distance' | 'area';

/** What the tool shows: the mode, the points placed, and the figures including the cursor while drawing. */
export interface MeasureState {
  mode: MeasureMode;
  points: number;
  /** Path length (distance) or perimeter (area), metres. */
  lengthM: number;
  /** Area in m² (area mode; 0 for distance). */
  areaM2: number;
  finished: boolean;
}

const LINE_STYLE: L.PolylineOptions = { color: '#d84315', weight: 2.5, opacity: 1, dashArray: '6 4', fillColor: '#ff8a65', fillOpacity: 0.2, interactive: false };
const VERTEX_STYLE: L.CircleMarkerOptions = { radius: 4, color: '#ffffff', weight: 1.5, fillColor: '#d84315', fillOpacity: 1, interactive: false };
/** A second click within this many pixels of the last point is the same point (the clicks of a double-click). */
const SAME_POINT_PX = 4;

export class MeasureTool {
  private mode: MeasureMode | null = null;
  private finished = false;
  private points: L.LatLng[] = [];
  private cursor: L.LatLng | null = null;
  private readonly layer = L.layerGroup();
  private readonly renderer: L.Canvas;
  private readonly onKey = (event: KeyboardEvent) => {
    if (this.mode === null) return;
    if (event.key === 'Escape') this.stop();
    else if (event.key === 'Enter' && !this.finished && !(event.target instanceof HTMLInputElement)) this.finish();
  };

  constructor(
    private readonly map: L.Map,
    pane: string,
    private readonly onChange: (state: MeasureState | null) => void,
  ) {
    this.renderer = L.canvas({ pane, padding: 0.25 });
    // points where the pointer is: Leaflet's event position is a small circle marker's own (a household point)
    // when the pointer is over one, and its mousemove skips moves within 32 ms of the last over canvas layers
    map.on('click', (event: L.LeafletMouseEvent) => this.mode !== null && !this.finished && this.add(map.mouseEventToLatLng(event.originalEvent)));
    map.on('dblclick', () => this.mode !== null && !this.finished && this.finish());
    map.getContainer().addEventListener('mousemove', (event) => {
      if (this.mode === null || this.finished || this.points.length === 0) return;
      this.cursor = map.mouseEventToLatLng(event);
      this.redraw();
    });
    document.addEventListener('keydown', this.onKey);
  }

  /** Whether clicks on the map belong to the tool (no popups, no selection meanwhile). */
  get capturing(): boolean {
    return this.mode !== null && !this.finished;
  }

  /** Starts a new measure of the kind, clearing the last one. */
  start(mode: MeasureMode): void {
    this.mode = mode;
    this.finished = false;
    this.points = [];
    this.cursor = null;
    this.map.doubleClickZoom.disable();
    this.map.getContainer().classList.add('measuring');
    this.map.closePopup();
    if (!this.map.hasLayer(this.layer)) this.layer.addTo(this.map);
    this.redraw();
  }

  /** Ends drawing at the last point placed (the figure stays on the map). */
  finish(): void {
    if (this.mode === null) return;
    this.finished = true;
    this.cursor = null;
    this.map.getContainer().classList.remove('measuring');
    // re-enabled after the double-click's own events have passed
    setTimeout(() => this.mode !== null && this.finished && this.map.doubleClickZoom.enable(), 0);
    this.redraw();
  }

  /** Cancels or clears the measure and leaves the tool. */
  stop(): void {
    if (this.mode === null) return;
    this.mode = null;
    this.points = [];
    this.cursor = null;
    this.layer.clearLayers();
    this.layer.remove();
    this.map.getContainer().classList.remove('measuring');
    this.map.doubleClickZoom.enable();
    this.onChange(null);
  }

  dispose(): void {
    document.removeEventListener('keydown', this.onKey);
  }

  private add(latLng: L.LatLng): void {
    const last = this.points.at(-1);
    if (last !== undefined && this.map.latLngToContainerPoint(last).distanceTo(this.map.latLngToContainerPoint(latLng)) <= SAME_POINT_PX) return;
    this.points.push(latLng);
    this.redraw();
  }

  private redraw(): void {
    if (this.mode === null) return;
    const drawn = this.cursor === null ? this.points : [...this.points, this.cursor];
    const lonLats: LonLat[] = drawn.map((point) => [point.lng, point.lat]);
    this.layer.clearLayers();
    const style = { ...LINE_STYLE, renderer: this.renderer, dashArray: this.finished ? undefined : LINE_STYLE.dashArray };
    if (this.mode === 'area' && drawn.length >= 3) this.layer.addLayer(L.polygon(drawn, style));
    else if (drawn.length >= 2) this.layer.addLayer(L.polyline(drawn, style));
    for (const point of this.points) this.layer.addLayer(L.circleMarker(point, { ...VERTEX_STYLE, renderer: this.renderer }));
    const area = this.mode === 'area';
    this.onChange({
      mode: this.mode,
      points: this.points.length,
      lengthM: area ? perimeterM(lonLats) : pathLengthM(lonLats),
      areaM2: area ? polygonAreaM2(lonLats) : 0,
      finished: this.finished,
    });
  }
}
