/**
 * The side panels, the import dialog and the map tools, each a chunk of its own: none of them is needed to paint
 * the wards, so their code (the exports, the import's readers, the report, proj4 for VN-2000) is neither
 * downloaded nor compiled before the wards are shown. `preloadComponents` fetches them all once the embedded
 * layers are loaded, so that a tab opens without a wait.
 */
import { Component, createElement, Suspense, use, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { I18nContext, type I18n } from './i18n-context.ts';
import { errorMessage } from '../core/error-message.ts';

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

/** What `onDemand` gives: the component, and a way to start loading its chunk ahead (any props: React's own bound). */
interface OnDemand<C extends ComponentType<any>> {
  Component: (props: ComponentProps<C>) => ReturnType<typeof createElement>;
  preload: () => Promise<C>;
}

/**
 * A component a module exports by name, loaded on first render (it suspends until then) or by `preload`; once loaded
 * it renders at once, without suspending (React.lazy would suspend on first render however early it was preloaded,
 * showing an empty tab for a moment after the click).
 */
function onDemand<K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K): OnDemand<C> {
  let loaded: C | null = null;
  let loading: Promise<C> | null = null;
  const preload = (): Promise<C> => (loading ??= load().then((module) => (loaded = module[name])));
  const Component = (props: ComponentProps<C>) => createElement(loaded ?? use(preload()), props);
  return { Component, preload };
}

const COMPONENTS = {
  targets: onDemand(LOADERS.targets, 'TargetsPanel'),
  analysis: onDemand(LOADERS.analysis, 'AnalysisPanel'),
  statistics: onDemand(LOADERS.statistics, 'StatisticsTable'),
  thresholds: onDemand(LOADERS.thresholds, 'ThresholdSettings'),
  fibre: onDemand(LOADERS.fibre, 'FibrePanel'),
  siting: onDemand(LOADERS.siting, 'SitingPanel'),
  report: onDemand(LOADERS.report, 'ReportPanel'),
  wards: onDemand(LOADERS.wards, 'WardTable'),
  importDialog: onDemand(LOADERS.importDialog, 'ImportDialog'),
  mapTools: onDemand(LOADERS.mapTools, 'MapTools'),
  cursorReadout: onDemand(LOADERS.cursorReadout, 'CursorReadout'),
};

export const TargetsPanel = COMPONENTS.targets.Component;
export const AnalysisPanel = COMPONENTS.analysis.Component;
export const StatisticsTable = COMPONENTS.statistics.Component;
export const ThresholdSettings = COMPONENTS.thresholds.Component;
export const FibrePanel = COMPONENTS.fibre.Component;
export const SitingPanel = COMPONENTS.siting.Component;
export const ReportPanel = COMPONENTS.report.Component;
export const WardTable = COMPONENTS.wards.Component;
export const ImportDialog = COMPONENTS.importDialog.Component;
export const MapTools = COMPONENTS.mapTools.Component;
export const CursorReadout = COMPONENTS.cursorReadout.Component;

/**
 * Starts loading every component's chunk (each is loaded once however often it is asked for). A chunk that fails
 * here is not an error of the page: the component that needs it says so where it is rendered (`OnDemand`).
 */
export function preloadComponents(): void {
  for (const { preload } of Object.values(COMPONENTS)) preload().catch(() => undefined);
}

/**
 * Where on-demand components are rendered: nothing while their code loads; if it cannot be loaded (the network, or
 * a new deployment that removed the old chunks), a readable message in their place, where React would otherwise
 * unmount the whole app. Its button reloads the page: the browser keeps a module that failed to load as failed, so
 * importing it again in the same page cannot succeed.
 */
export function OnDemand({ children }: { children: ReactNode }) {
  return (
    <LoadFailure>
      <Suspense fallback={null}>{children}</Suspense>
    </LoadFailure>
  );
}

class LoadFailure extends Component<{ children: ReactNode }, { reason: string | null }> {
  static override contextType = I18nContext;
  override state = { reason: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { reason: errorMessage(error) };
  }

  override render() {
    const { reason } = this.state;
    if (reason === null) return this.props.children;
    const { t } = this.context as I18n;
    return (
      <div className="notice notice-error" role="alert">
        <span>{t('errorLoadPart', { reason })}</span>
        <button type="button" className="link-button" onClick={() => window.location.reload()}>
          {t('reloadPage')}
        </button>
      </div>
    );
  }
}
