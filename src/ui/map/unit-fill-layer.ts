/**
 * Units filled with a colour each (a choropleth) in a map pane of their own, on a canvas, ignoring the pointer so
 * clicks reach the ward outlines below. The analysis (weak %, fibre %) and the targets (gap to a target) draw one.
 */
import L from 'leaflet';
import type { Ward } from '../../core/model.ts';
import { polygonLatLngs } from './map-controller.ts';

const FILL_OPACITY = 0.55;

export class UnitFillLayer {
  private readonly renderer: L.Canvas;
  private wards: readonly Ward[] = [];
  private colours: readonly (string | null)[] | null = null;
  /** The units' polygons, made when a fill is first shown (not at start: ~0.1 s for the two layers of 114 detailed outlines). */
  private paths: L.Polygon[] = [];
  private group: L.FeatureGroup | null = null;

  constructor(
    private readonly map: L.Map,
    pane: string,
    zIndex: number,
  ) {
    if (map.getPane(pane) === undefined) {
      const element = map.createPane(pane);
      element.style.zIndex = String(zIndex);
      element.style.pointerEvents = 'none';
    }
    this.renderer = L.canvas({ pane, padding: 0.25 });
  }

  /** The units to fill, in the order of the colours given to `setFills`. */
  setUnits(wards: readonly Ward[]): void {
    this.group?.remove();
    this.group = null;
    this.paths = [];
    this.wards = wards;
    this.show();
  }

  /** Fills unit w with `colours[w]` (null, or no array: no fill). */
  setFills(colours: readonly (string | null)[] | null): void {
    this.colours = colours;
    this.show();
  }

  dispose(): void {
    this.group?.remove();
  }

  /**
   * On the map only while some unit has a fill: an empty choropleth would still be drawn, transparent, at every pan
   * and zoom.
   */
  private show(): void {
    const colours = this.colours;
    if (colours === null || !colours.some((colour) => colour !== null)) {
      this.group?.remove();
      return;
    }
    if (this.group === null) {
      const style: L.PolylineOptions = { stroke: false, fillOpacity: 0, interactive: false, renderer: this.renderer };
      this.paths = this.wards.map((ward) => L.polygon(polygonLatLngs(ward.geometry), style));
      this.group = L.featureGroup(this.paths);
    }
    this.paths.forEach((path, w) => {
      const fillColor = colours[w] ?? null;
      path.setStyle(fillColor === null ? { fillOpacity: 0 } : { fillColor, fillOpacity: FILL_OPACITY });
    });
    if (!this.map.hasLayer(this.group)) this.group.addTo(this.map);
  }
}
