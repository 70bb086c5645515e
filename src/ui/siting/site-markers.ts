/**
 * Proposed sites on the map: one draggable marker per site (a handful, so DOM markers are fine here), moves
 * reported while dragging and at the drop, and a placing mode in which the next click on the map adds a site
 * (taken in the capture phase so the ward under the pointer does not open its popup).
 */
import L from 'leaflet';
import type { Cell } from '../../core/model.ts';
import { SITE_ICON_SIZE_PX, siteIconSvg } from '../map/site-icon.ts';
import type { ProposedSite } from './use-proposed-sites.ts';

/** A marker icon showing the site's sectors, styled by `className` (what-if, proposal, automatic pick). */
function siteIcon(className: string, cells: readonly Cell[]): L.DivIcon {
  const half = SITE_ICON_SIZE_PX / 2;
  return L.divIcon({ className, html: siteIconSvg(cells), iconSize: [SITE_ICON_SIZE_PX, SITE_ICON_SIZE_PX], iconAnchor: [half, half] });
}

/** A site shown for review: an operator's proposal (with the engineer's decision) or an automatic pick. */
export interface ReviewSite {
  siteId: string;
  lon: number;
  lat: number;
  cells: readonly Cell[];
  decision?: string;
}

/**
 * Sites under review drawn with their sectors as soon as they exist (imported or computed), before anyone puts
 * them into the what-if; not draggable, their id on hover, the decision on the marker (`data-decision`).
 */
export class ReviewSiteMarkers {
  private readonly group = L.layerGroup();
  private sites: readonly ReviewSite[] = [];

  constructor(map: L.Map, private readonly className: string) {
    this.group.addTo(map);
  }

  setSites(sites: readonly ReviewSite[]): void {
    if (sites === this.sites) return;
    this.sites = sites;
    this.group.clearLayers();
    for (const site of sites) {
      const marker = L.marker([site.lat, site.lon], { icon: siteIcon(this.className, site.cells), title: site.siteId, keyboard: false });
      marker.on('add', () => {
        const element = marker.getElement();
        element?.setAttribute('data-site-id', site.siteId);
        if (site.decision !== undefined) element?.setAttribute('data-decision', site.decision);
      });
      marker.addTo(this.group);
    }
  }

  dispose(): void {
    this.group.remove();
  }
}

export interface SiteMarkerEvents {
  onMove: (siteId: string, lon: number, lat: number) => void;
  /** A drag ended: where the site was when it started and where it was dropped (one undoable edit). */
  onMoveEnd?: (siteId: string, from: readonly [number, number], to: readonly [number, number]) => void;
  onPlace: (lon: number, lat: number) => void;
}

export class SiteMarkers {
  private readonly group = L.layerGroup();
  private readonly markers = new Map<string, L.Marker>();
  private readonly dragging = new Set<string>();
  private placing = false;

  constructor(private readonly map: L.Map, private readonly events: SiteMarkerEvents) {
    this.group.addTo(map);
    map.getContainer().addEventListener('click', this.onClickCapture, { capture: true });
  }

  /** Adds, moves and removes markers to match the sites (a marker being dragged keeps its own position). */
  setSites(sites: readonly ProposedSite[]): void {
    const wanted = new Set(sites.map((site) => site.siteId));
    for (const [siteId, marker] of this.markers) {
      if (!wanted.has(siteId)) {
        marker.remove();
        this.markers.delete(siteId);
      }
    }
    for (const site of sites) {
      let marker = this.markers.get(site.siteId);
      if (marker === undefined) {
        marker = this.createMarker(site);
        this.markers.set(site.siteId, marker);
      } else if (!this.dragging.has(site.siteId)) {
        marker.setLatLng([site.lat, site.lon]);
      }
    }
  }

  setPlacing(placing: boolean): void {
    this.placing = placing;
    this.map.getContainer().classList.toggle('placing-site', placing);
  }

  dispose(): void {
    this.map.getContainer().removeEventListener('click', this.onClickCapture, { capture: true });
    this.group.remove();
  }

  private createMarker(site: ProposedSite): L.Marker {
    const icon = siteIcon('proposed-site-icon', site.cells);
    const marker = L.marker([site.lat, site.lon], { icon, draggable: true, title: site.siteId, autoPan: true });
    marker.getElement()?.setAttribute('data-site-id', site.siteId);
    marker.on('add', () => marker.getElement()?.setAttribute('data-site-id', site.siteId));
    const report = () => {
      const { lat, lng } = marker.getLatLng();
      this.events.onMove(site.siteId, lng, lat);
    };
    let start: readonly [number, number] = [site.lon, site.lat];
    marker.on('dragstart', () => {
      this.dragging.add(site.siteId);
      const { lat, lng } = marker.getLatLng();
      start = [lng, lat];
    });
    marker.on('drag', report);
    marker.on('dragend', () => {
      this.dragging.delete(site.siteId);
      report();
      const { lat, lng } = marker.getLatLng();
      this.events.onMoveEnd?.(site.siteId, start, [lng, lat]);
    });
    marker.addTo(this.group);
    return marker;
  }

  private readonly onClickCapture = (event: MouseEvent): void => {
    if (!this.placing) return;
    const target = event.target as HTMLElement | null;
    // controls (zoom buttons, attribution) keep working while placing
    if (target?.closest('.leaflet-control')) return;
    event.stopPropagation();
    event.preventDefault();
    const { lat, lng } = this.map.mouseEventToLatLng(event);
    this.events.onPlace(lng, lat);
  };
}
