import type { WeakZones } from '../../core/coverage/weak-zones.ts';
import type { FibreExtension } from '../../core/fibre/plan-fibre-extension.ts';
import type { PointPalette } from './analysis-map.ts';

/** What the analysis layers draw, derived from the app state by `useAnalysisWorkspace`. */
export interface AnalysisMapState {
  /** Fill colour per ward (null = none), or null for no choropleth. */
  choropleth: readonly (string | null)[] | null;
  /** Class per household point and how to colour it, or null to show the plain household layer. */
  points: { classes: Uint8Array; palette: PointPalette } | null;
  zones: WeakZones | null;
  extensions: readonly FibreExtension[] | null;
  selectedExtension: string | null;
  /** A result colours the wards: the cells and cables underneath step back (see `MapController.setResultShown`). */
  resultOverWards: boolean;
}
