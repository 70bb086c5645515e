/**
 * The view, the visible layers, the units' layout and the selected unit kept in the page URL's hash, so a link
 * reopens the same map: `#map=12.25/20.84310/106.69120&layers=wards,sites,zones&layout=2019&unit=11311`
 * (zoom/lat/lon as OpenStreetMap writes it, the layers shown, the 2019 layout when it is the one shown, the
 * unit's id). Reading is forgiving: a value that is missing, malformed or out of range is
 * left out (the app's default then holds), never an error.
 */
import type { ReportingLayout } from '../worker/protocol.ts';
import type { LayerVisibility } from './map/map-controller.ts';

export interface UrlState {
  view?: { zoom: number; lat: number; lon: number };
  layers?: LayerVisibility;
  /** The units' layout (absent: the 2025 default). */
  layout?: ReportingLayout;
  /** The selected unit's id (of the layout's units). */
  unit?: string;
}

const LAYERS = ['wards', 'sites', 'households', 'fibre', 'zones'] as const;
/** Leaflet's zoom range with the basemap's tiles (0…19) and a step beyond for close reading. */
const MAX_ZOOM = 20;
/** Longest unit id read back (GSO codes have 5 digits; imported files may have their own). */
const MAX_ID_CHARS = 64;

/** Reads the state from a hash ("#map=…&layers=…&unit=…"); each part independently, invalid parts ignored. */
export function readUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = {};
  const map = params.get('map')?.split('/').map((part) => (/^-?\d+(\.\d+)?$/.test(part) ? Number(part) : NaN));
  if (map !== undefined && map.length === 3) {
    const [zoom, lat, lon] = map;
    if (zoom >= 0 && zoom <= MAX_ZOOM && Math.abs(lat) <= 85 && Math.abs(lon) <= 180) state.view = { zoom, lat, lon };
  }
  const layers = params.get('layers');
  if (layers !== null) {
    const named = new Set(layers.split(','));
    // a list naming none of the layers is no list (a mangled link), not "hide everything"
    if (layers === '' || LAYERS.some((layer) => named.has(layer))) {
      state.layers = { wards: named.has('wards'), sites: named.has('sites'), households: named.has('households'), fibre: named.has('fibre'), zones: named.has('zones') };
    }
  }
  const layout = params.get('layout');
  if (layout === '2019' || layout === '2025') state.layout = layout;
  const unit = params.get('unit');
  if (unit !== null && unit !== '' && unit.length <= MAX_ID_CHARS) state.unit = unit;
  return state;
}

/** Writes the state as a hash (degrees to 5 decimals ≈ 1 m, zoom to 2). */
export function writeUrlState(state: UrlState): string {
  const parts: string[] = [];
  if (state.view !== undefined) {
    const { zoom, lat, lon } = state.view;
    parts.push(`map=${Number(zoom.toFixed(2))}/${lat.toFixed(5)}/${lon.toFixed(5)}`);
  }
  if (state.layers !== undefined) {
    const shown = LAYERS.filter((layer) => state.layers![layer] !== false);
    parts.push(`layers=${shown.join(',')}`);
  }
  if (state.layout === '2019') parts.push('layout=2019');
  if (state.unit !== undefined) parts.push(`unit=${encodeURIComponent(state.unit)}`);
  return `#${parts.join('&')}`;
}
