/**
 * The analysis layers on the app's Leaflet map, in panes of their own so the foundation layers stay untouched:
 * a ward choropleth (weak % or fibre %) under the households (z 340), household points classed by signal or by
 * fibre (z 360, replacing the plain household layer while shown), and weak-signal zones above the ward outlines
 * (z 420). None of them takes the pointer: clicks reach the wards and cells below, and the zone under a click is
 * found by `zoneAt` for the popup.
 */
import L from 'leaflet';
import inside from 'point-in-polygon-hao';
import type { WardStats } from '../../core/coverage/coverage-result.ts';
import type { WeakZoneProperties, WeakZones } from '../../core/coverage/weak-zones.ts';
import type { HouseholdPoints, Ward } from '../../core/model.ts';
import { FIBRE_COLOURS, SIGNAL_RGB, WEAK_PCT_COLOURS, fibreClass, weakPctClass } from './analysis-colours.ts';
import { polygonLatLngs } from '../map/map-controller.ts';
import { ClassedPointLayer, type ClassPalette } from './classed-point-layer.ts';

export type ChoroplethMode = 'none' | 'weak' | 'fibre';
export type PointMode = 'none' | 'signal' | 'unpassed';

export const ZONE_STYLE = { color: '#7f0000', weight: 1.4, opacity: 0.95, fillColor: '#d7191c', fillOpacity: 0.28 } as const;
export const UNPASSED_RGBA: readonly [number, number, number, number] = [198, 40, 160, 235];

const SIGNAL_PALETTE: ClassPalette = SIGNAL_RGB.map(([red, green, blue]) => [red, green, blue, 215] as const);
/** Fibre classes: 0 passed (not drawn), 1 not passed. */
const UNPASSED_PALETTE: ClassPalette = [null, UNPASSED_RGBA];

export interface FibreTargetsPct {
  lowPct: number;
  highPct: number;
}

export class AnalysisMap {
  private readonly choroplethRenderer: L.Canvas;
  private readonly zoneRenderer: L.Canvas;
  private readonly points = new ClassedPointLayer('analysis-points');
  private choropleth: L.Polygon[] = [];
  private choroplethGroup: L.FeatureGroup | null = null;
  private zoneLayer: L.GeoJSON | null = null;
  private zones: WeakZones | null = null;
  private unpassed = new Uint8Array(0);

  constructor(private readonly map: L.Map) {
    createPane(map, 'analysis-choropleth', 340);
    createPane(map, 'analysis-points', 360);
    createPane(map, 'analysis-zones', 420);
    this.choroplethRenderer = L.canvas({ pane: 'analysis-choropleth', padding: 0.25 });
    this.zoneRenderer = L.canvas({ pane: 'analysis-zones', padding: 0.25 });
  }

  setWards(wards: readonly Ward[]): void {
    this.choroplethGroup?.remove();
    const style: L.PolylineOptions = { stroke: false, fillOpacity: 0, interactive: false, renderer: this.choroplethRenderer };
    this.choropleth = wards.map((ward) => L.polygon(polygonLatLngs(ward.geometry), style));
    this.choroplethGroup = L.featureGroup(this.choropleth).addTo(this.map);
  }

  setHouseholds(households: HouseholdPoints | null): void {
    this.points.setPoints(households);
  }

  /** Colours every ward by its weak % (or fibre % against the targets); 'none' clears the fill. */
  setChoropleth(mode: ChoroplethMode, stats: readonly WardStats[] | null, targets: FibreTargetsPct): void {
    this.choropleth.forEach((path, w) => {
      const row = stats?.[w];
      if (mode === 'none' || row === undefined || row.households === 0) {
        path.setStyle({ fillOpacity: 0 });
        return;
      }
      const fillColor =
        mode === 'weak' ? WEAK_PCT_COLOURS[weakPctClass(row.weakPct)] : FIBRE_COLOURS[fibreClass(row.fibrePct, targets.lowPct, targets.highPct)];
      path.setStyle({ fillColor, fillOpacity: 0.55 });
    });
  }

  /** Shows households by signal class or the ones not passed by fibre; 'none' removes the layer. */
  setPoints(mode: PointMode, signalClass: Uint8Array | null, fibrePassed: Uint8Array | null): void {
    const classes = mode === 'signal' ? signalClass : mode === 'unpassed' ? this.unpassedOf(fibrePassed) : null;
    if (classes === null) {
      this.points.remove();
      return;
    }
    this.points.setClasses(classes, mode === 'signal' ? SIGNAL_PALETTE : UNPASSED_PALETTE);
    if (!this.map.hasLayer(this.points)) this.points.addTo(this.map);
  }

  setZones(zones: WeakZones | null, visible: boolean): void {
    if (zones !== this.zones) {
      this.zoneLayer?.remove();
      this.zones = zones;
      this.zoneLayer =
        zones === null ? null : L.geoJSON(zones, { style: () => ({ ...ZONE_STYLE, interactive: false, renderer: this.zoneRenderer }) });
    }
    if (this.zoneLayer === null) return;
    if (visible && !this.map.hasLayer(this.zoneLayer)) this.zoneLayer.addTo(this.map);
    if (!visible && this.map.hasLayer(this.zoneLayer)) this.zoneLayer.remove();
  }

  /** Properties of the weak-signal zone containing a point (borders count as inside), or null. */
  zoneAt(lon: number, lat: number): WeakZoneProperties | null {
    if (this.zones === null || this.zoneLayer === null || !this.map.hasLayer(this.zoneLayer)) return null;
    for (const feature of this.zones.features) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      if (polygons.some((polygon) => inside([lon, lat], polygon) !== false)) return feature.properties;
    }
    return null;
  }

  dispose(): void {
    this.choroplethGroup?.remove();
    this.zoneLayer?.remove();
    this.points.remove();
  }

  private unpassedOf(fibrePassed: Uint8Array | null): Uint8Array | null {
    if (fibrePassed === null) return null;
    if (this.unpassed.length !== fibrePassed.length) this.unpassed = new Uint8Array(fibrePassed.length);
    for (let i = 0; i < fibrePassed.length; i++) this.unpassed[i] = fibrePassed[i] === 1 ? 0 : 1;
    return this.unpassed;
  }
}

function createPane(map: L.Map, name: string, zIndex: number): void {
  if (map.getPane(name) !== undefined) return;
  const pane = map.createPane(name);
  pane.style.zIndex = String(zIndex);
  pane.style.pointerEvents = 'none';
}
