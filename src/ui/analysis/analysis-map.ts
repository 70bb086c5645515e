/**
 * The analysis layers on the app's Leaflet map, in panes of their own so the foundation layers stay untouched:
 * a ward choropleth (weak % or fibre %) under the households (z 340), household points classed by signal or by
 * fibre (z 360, replacing the plain household layer while shown), and weak-signal zones and proposed fibre
 * extensions above the ward outlines (z 420). None of them takes the pointer: clicks reach the wards and cells
 * below, and the zone under a click is found by `zoneAt` for the popup.
 */
import L from 'leaflet';
import inside from 'point-in-polygon-hao';
import type { WeakZoneProperties, WeakZones } from '../../core/coverage/weak-zones.ts';
import type { FibreExtension } from '../../core/fibre/plan-fibre-extension.ts';
import type { HouseholdPoints, Ward } from '../../core/model.ts';
import { SIGNAL_RGB } from './analysis-colours.ts';
import { UnitFillLayer } from '../map/unit-fill-layer.ts';
import { ClassedPointLayer, type ClassPalette } from './classed-point-layer.ts';

export type PointPalette = 'signal' | 'unpassed';

export const ZONE_STYLE = { color: '#7f0000', weight: 1.4, opacity: 0.95, fillColor: '#d7191c', fillOpacity: 0.28 } as const;
export const UNPASSED_RGBA: readonly [number, number, number, number] = [198, 40, 160, 235];
export const EXTENSION_STYLE = { color: '#6a1b9a', weight: 2.5, opacity: 0.95, dashArray: '6 4' } as const;
const SELECTED_EXTENSION_STYLE = { color: '#ff6f00', weight: 5, opacity: 1, dashArray: undefined } as const;

const SIGNAL_PALETTE: ClassPalette = SIGNAL_RGB.map(([red, green, blue]) => [red, green, blue, 215] as const);
/** Fibre classes: 0 passed (not drawn), 1 not passed. */
const UNPASSED_PALETTE: ClassPalette = [null, UNPASSED_RGBA];

export class AnalysisMap {
  private readonly choropleth: UnitFillLayer;
  private readonly zoneRenderer: L.Canvas;
  private readonly points = new ClassedPointLayer('analysis-points');
  private zoneLayer: L.GeoJSON | null = null;
  private zones: WeakZones | null = null;
  private extensionLayer: L.FeatureGroup | null = null;
  private extensionPaths = new Map<string, L.Polyline>();
  private extensions: readonly FibreExtension[] | null = null;
  private selectedExtension: string | null = null;

  constructor(private readonly map: L.Map) {
    this.choropleth = new UnitFillLayer(map, 'analysis-choropleth', 340);
    createPane(map, 'analysis-points', 360);
    createPane(map, 'analysis-zones', 420);
    this.zoneRenderer = L.canvas({ pane: 'analysis-zones', padding: 0.25 });
  }

  setWards(wards: readonly Ward[]): void {
    this.choropleth.setUnits(wards);
  }

  setHouseholds(households: HouseholdPoints | null): void {
    this.points.setPoints(households);
  }

  /** Fills ward w with `colours[w]` (null or a missing array: no fill). */
  setChoropleth(colours: readonly (string | null)[] | null): void {
    this.choropleth.setFills(colours);
  }

  /** Shows households by class (signal class, or 1 = not passed by fibre); null removes the layer. */
  setPoints(classes: Uint8Array | null, palette: PointPalette): void {
    if (classes === null) {
      this.points.remove();
      return;
    }
    this.points.setClasses(classes, palette === 'signal' ? SIGNAL_PALETTE : UNPASSED_PALETTE);
    if (!this.map.hasLayer(this.points)) this.points.addTo(this.map);
  }

  /** Draws proposed fibre extensions (straight cables), the selected one highlighted; null removes them. */
  setExtensions(extensions: readonly FibreExtension[] | null, selectedId: string | null): void {
    if (extensions !== this.extensions) {
      this.extensionLayer?.remove();
      this.extensions = extensions;
      this.extensionPaths = new Map(
        (extensions ?? []).map((extension) => [
          extension.id,
          L.polyline(
            [L.latLng(extension.start[1], extension.start[0]), L.latLng(extension.end[1], extension.end[0])],
            { ...EXTENSION_STYLE, interactive: false, renderer: this.zoneRenderer },
          ),
        ]),
      );
      this.extensionLayer = extensions === null ? null : L.featureGroup([...this.extensionPaths.values()]).addTo(this.map);
      this.selectedExtension = null;
    }
    if (selectedId === this.selectedExtension) return;
    if (this.selectedExtension !== null) this.extensionPaths.get(this.selectedExtension)?.setStyle(EXTENSION_STYLE);
    this.selectedExtension = selectedId;
    const selected = selectedId === null ? undefined : this.extensionPaths.get(selectedId);
    if (selected !== undefined) {
      selected.setStyle(SELECTED_EXTENSION_STYLE);
      selected.bringToFront();
    }
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
    this.choropleth.dispose();
    this.zoneLayer?.remove();
    this.extensionLayer?.remove();
    this.points.remove();
  }
}

function createPane(map: L.Map, name: string, zIndex: number): void {
  if (map.getPane(name) !== undefined) return;
  const pane = map.createPane(name);
  pane.style.zIndex = String(zIndex);
  pane.style.pointerEvents = 'none';
}
