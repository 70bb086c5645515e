import type { ChoroplethMode, FibreTargetsPct, PointMode } from './analysis-map.ts';

/** What the analysis layers show: the ward fill, the household classes, the weak zones, and the fibre targets. */
export interface AnalysisMapState {
  choropleth: ChoroplethMode;
  points: PointMode;
  zones: boolean;
  targets: FibreTargetsPct;
}
