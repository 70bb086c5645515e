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
    const style: L.PolylineOptions = { stroke: false, fillOpacity: 0, interactive: false, renderer: this.renderer };
    this.paths = wards.map((ward) => L.polygon(polygonLatLngs(ward.geometry), style));
    this.group = L.featureGroup(this.paths).addTo(this.map);
  }

  /** Fills unit w with `colours[w]` (null, or no array: no fill). */
  setFills(colours: readonly (string | null)[] | null): void {
    this.paths.forEach((path, w) => {
      const fillColor = colours?.[w] ?? null;
      path.setStyle(fillColor === null ? { fillOpacity: 0 } : { fillColor, fillOpacity: FILL_OPACITY });
    });
  }

  dispose(): void {
    this.group?.remove();
  }
}
