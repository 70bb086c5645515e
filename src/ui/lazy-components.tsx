/**
 * The side panels, the import dialog and the map tools, each a chunk of its own loaded when first shown
 * (React.lazy): none of them is needed to paint the wards, so their code (the exports, the import's readers, the
 * report, proj4 for VN-2000) is neither downloaded nor compiled before the map is. `preloadComponents` fetches
 * them all once the embedded layers are loaded, so that a tab opens without a wait.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const LOADERS = {
  targets: () => import('./targets/TargetsPanel.tsx'),
  analysis: () => import('./analysis/AnalysisPanel.tsx'),
  statistics: () => import('./analysis/StatisticsTable.tsx'),
  thresholds: () => import('./analysis/ThresholdSettings.tsx'),
  fibre: () => import('./fibre/FibrePanel.tsx'),
  siting: () => import('./siting/SitingPanel.tsx'),
  report: () => import('./report/ReportPanel.tsx'),
  wards: () => import('./panels/WardTable.tsx'),
  importDialog: () => import('./import/ImportDialog.tsx'),
  mapTools: () => import('./map/MapTools.tsx'),
  cursorReadout: () => import('./map/CursorReadout.tsx'),
};

/** React.lazy for a component a module exports by name (any props: React.lazy's own bound). */
function lazyNamed<K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K): LazyExoticComponent<C> {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const TargetsPanel = lazyNamed(LOADERS.targets, 'TargetsPanel');
export const AnalysisPanel = lazyNamed(LOADERS.analysis, 'AnalysisPanel');
export const StatisticsTable = lazyNamed(LOADERS.statistics, 'StatisticsTable');
export const ThresholdSettings = lazyNamed(LOADERS.thresholds, 'ThresholdSettings');
export const FibrePanel = lazyNamed(LOADERS.fibre, 'FibrePanel');
export const SitingPanel = lazyNamed(LOADERS.siting, 'SitingPanel');
export const ReportPanel = lazyNamed(LOADERS.report, 'ReportPanel');
export const WardTable = lazyNamed(LOADERS.wards, 'WardTable');
export const ImportDialog = lazyNamed(LOADERS.importDialog, 'ImportDialog');
export const MapTools = lazyNamed(LOADERS.mapTools, 'MapTools');
export const CursorReadout = lazyNamed(LOADERS.cursorReadout, 'CursorReadout');

/** Starts loading every component's chunk (a module is loaded once however often it is asked for). */
export function preloadComponents(): void {
  for (const load of Object.values(LOADERS)) void load();
}
