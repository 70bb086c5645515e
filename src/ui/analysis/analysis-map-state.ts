import type { WeakZones } from '../../core/coverage/weak-zones.ts';
import type { FibreExtension } from '../../core/fibre/plan-fibre-extension.ts';
import type { RsrpHeatmap } from '../../core/coverage/rsrp-heatmap.ts';
import type { SignalThresholdsDbm } from '../../core/model.ts';
import type { PointPalette } from './analysis-map.ts';

/** What the analysis layers draw, derived from the app state by `useAnalysisWorkspace`. */
export interface AnalysisMapState {
  /** Fill colour per ward (null = none), or null for no choropleth. */
  choropleth: readonly (string | null)[] | null;
  /** Class per household point and how to colour it, or null to show the plain household layer. */
  points: { classes: Uint8Array; palette: PointPalette } | null;
  zones: WeakZones | null;
  /** The RSRP heat map and the thresholds its colours follow, or null; its opacity 0…1. */
  heatmap: { map: RsrpHeatmap; thresholds: SignalThresholdsDbm } | null;
  heatmapOpacity: number;
  extensions: readonly FibreExtension[] | null;
  selectedExtension: string | null;
  /** A result colours the wards: the cells and cables underneath step back (see `MapController.setResultShown`). */
  resultOverWards: boolean;
}
