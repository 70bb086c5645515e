/**
 * The analysis layers on the app's Leaflet map, in panes of their own so the foundation layers stay untouched:
 * the RSRP heat map (z 335), a clicked cell's served households (z 370), a ward choropleth (weak % or fibre %) under the households (z 340), household points classed by signal, by
 * downlink quality (SINR, throughput, best server, overlap) or by fibre (z 360, replacing the plain household
 * layer while shown), and weak-signal zones and proposed fibre extensions above the ward outlines (z 420). None
 * of them takes the pointer: clicks reach the wards and cells below, and the zone under a click is found by
 * `zoneAt` for the popup.
 */
import L from 'leaflet';
import inside from 'point-in-polygon-hao';
import type { QualityLayer } from '../../core/coverage/quality-classes.ts';
import type { WeakZoneProperties, WeakZones } from '../../core/coverage/weak-zones.ts';
import type { FibreExtension } from '../../core/fibre/plan-fibre-extension.ts';
import type { HouseholdPoints, Ward } from '../../core/model.ts';
import { OVERLAP_RGB, QUALITY_RGB, SERVER_RGB, SIGNAL_RGB } from './analysis-colours.ts';
import { UnitFillLayer } from '../map/unit-fill-layer.ts';
import { ClassedPointLayer, type ClassPalette } from './classed-point-layer.ts';
import type { HeatmapStop } from './heatmap-colours.ts';
import { HeatmapLayer } from './heatmap-layer.ts';
import { FootprintLayer } from './footprint-layer.ts';
import type { RsrpHeatmap } from '../../core/coverage/rsrp-heatmap.ts';

export type PointPalette = 'signal' | 'unpassed' | QualityLayer;

export const ZONE_STYLE = { color: '#7f0000', weight: 1.4, opacity: 0.95, fillColor: '#d7191c', fillOpacity: 0.28 } as const;
export const UNPASSED_RGBA: readonly [number, number, number, number] = [198, 40, 160, 235];
export const EXTENSION_STYLE = { color: '#6a1b9a', weight: 2.5, opacity: 0.95, dashArray: '6 4' } as const;
const SELECTED_EXTENSION_STYLE = { color: '#ff6f00', weight: 5, opacity: 1, dashArray: undefined } as const;

const opaque = (rgb: readonly (readonly [number, number, number])[]): ClassPalette => rgb.map(([red, green, blue]) => [red, green, blue, 215] as const);
/** Colours per class of each point palette; fibre classes: 0 passed (not drawn), 1 not passed. */
const PALETTES: Record<PointPalette, ClassPalette> = {
  signal: opaque(SIGNAL_RGB),
  unpassed: [null, UNPASSED_RGBA],
  sinr: opaque(QUALITY_RGB),
  throughput: opaque(QUALITY_RGB),
  // households without a server (class 4) have no overlap to show
  overlap: [...opaque(OVERLAP_RGB), null],
  server: opaque(SERVER_RGB),
};

export class AnalysisMap {
  private readonly choropleth: UnitFillLayer;
  private readonly zoneRenderer: L.Canvas;
  private readonly points = new ClassedPointLayer('analysis-points');
  private readonly heatmap = new HeatmapLayer('analysis-heatmap', '');
  private readonly footprint = new FootprintLayer('analysis-footprint');
  private zoneLayer: L.GeoJSON | null = null;
  private zones: WeakZones | null = null;
  private extensionLayer: L.FeatureGroup | null = null;
  private extensionPaths = new Map<string, L.Polyline>();
  private extensions: readonly FibreExtension[] | null = null;
  private selectedExtension: string | null = null;

  constructor(private readonly map: L.Map) {
    createPane(map, 'analysis-heatmap', 335);
    this.choropleth = new UnitFillLayer(map, 'analysis-choropleth', 340);
    createPane(map, 'analysis-points', 360);
    createPane(map, 'analysis-footprint', 370);
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

  /** Shows households by class (signal class, quality class, or 1 = not passed by fibre); null removes the layer. */
  setPoints(classes: Uint8Array | null, palette: PointPalette): void {
    if (classes === null) {
      this.points.remove();
      return;
    }
    this.points.setClasses(classes, PALETTES[palette]);
    if (!this.map.hasLayer(this.points)) this.points.addTo(this.map);
  }

  /**
   * Shows the RSRP heat map coloured by `stops`, labelled `label` in the attribution line; null removes it.
   */
  setHeatmap(heatmap: RsrpHeatmap | null, stops: readonly HeatmapStop[], label: string): void {
    if (heatmap === null) {
      this.heatmap.remove();
      return;
    }
    this.heatmap.setHeatmap(heatmap, stops);
    this.heatmap.setAttribution(label);
    if (!this.map.hasLayer(this.heatmap)) this.heatmap.addTo(this.map);
  }

  /** Rings on the households a clicked cell serves (`members`: indices into `households`); null removes them. */
  setFootprint(footprint: { households: HouseholdPoints; members: Uint32Array } | null): void {
    if (footprint === null) {
      this.footprint.remove();
      return;
    }
    this.footprint.setFootprint(footprint.households, footprint.members);
    if (!this.map.hasLayer(this.footprint)) this.footprint.addTo(this.map);
  }

  /** The heat map's opacity, 0 transparent … 1 opaque (the pane fades as a whole, no recolouring). */
  setHeatmapOpacity(opacity: number): void {
    this.map.getPane('analysis-heatmap')!.style.opacity = String(opacity);
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

  /** The drawn extension within `tolerancePx` screen pixels of a point (the nearest), or null. */
  extensionAt(latLng: L.LatLng, tolerancePx = 6): FibreExtension | null {
    if (this.extensionLayer === null || !this.map.hasLayer(this.extensionLayer)) return null;
    const point = this.map.latLngToLayerPoint(latLng);
    let nearest: FibreExtension | null = null;
    let nearestPx = tolerancePx;
    for (const extension of this.extensions ?? []) {
      const start = this.map.latLngToLayerPoint(L.latLng(extension.start[1], extension.start[0]));
      const end = this.map.latLngToLayerPoint(L.latLng(extension.end[1], extension.end[0]));
      const distancePx = L.LineUtil.pointToSegmentDistance(point, start, end);
      if (distancePx <= nearestPx) {
        nearest = extension;
        nearestPx = distancePx;
      }
    }
    return nearest;
  }

  /** Pans and zooms the map onto an extension (a short cable stops at zoom 17). */
  zoomToExtension(id: string): void {
    const path = this.extensionPaths.get(id);
    if (path !== undefined) this.map.fitBounds(path.getBounds(), { maxZoom: 17, padding: L.point(80, 80) });
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
    this.heatmap.remove();
    this.footprint.remove();
  }
}

function createPane(map: L.Map, name: string, zIndex: number): void {
  if (map.getPane(name) !== undefined) return;
  const pane = map.createPane(name);
  pane.style.zIndex = String(zIndex);
  pane.style.pointerEvents = 'none';
}
