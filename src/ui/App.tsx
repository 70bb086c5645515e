/**
 * The phusong app: header, map and a side panel with four tabs (layers, wards, import, settings).
 * State lives here and in `useDataset`; the map and panels only render and dispatch.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Ward } from '../core/model.ts';
import { IMPORTABLE_LAYERS, type CloseTargetResponse } from '../worker/protocol.ts';
import { useAnalysisWorkspace } from './analysis/use-analysis-workspace.ts';
import { UndoRedoButtons } from './history/UndoRedoButtons.tsx';
import { ImportFlowContext, useImportFlow } from './import/use-import-flow.ts';
import { AnalysisPanel, FibrePanel, ImportDialog, OnDemand, preloadComponents, ReportPanel, SitingPanel, StatisticsTable, TargetsPanel, ThresholdSettings, WardTable } from './lazy-components.tsx';
import { LANGUAGES, translatorFor, type DictionaryKey, type Language } from './i18n.ts';
import { I18nContext, useI18n } from './i18n-context.ts';
import { FULL_OPACITY, type LayerOpacity, type LayerVisibility, type MapController } from './map/map-controller.ts';
import { useLocalBasemap } from './map/use-local-basemap.ts';
import { MapView } from './MapView.tsx';
import { OPERATOR_GROUPS } from './operator-colour.ts';
import { ImportPanel, LAYER_LABELS } from './panels/ImportPanel.tsx';
import { LayersPanel, type CellFilterState } from './panels/LayersPanel.tsx';
import type { StartEntry } from './panels/StartGuide.tsx';
import { SettingsPanel } from './panels/SettingsPanel.tsx';
import { useReport } from './report/use-report.ts';
import { ExportUnitsContext } from './export/export-units.ts';
import { loadUiSettings, saveUiSettings, type UiSettings } from './settings-store.ts';
import { useDataset, type Task } from './use-dataset.ts';
import { ALL_LAYERS, initialUrlState, useUrlState } from './use-url-state.ts';
import { LayoutSwitch } from './targets/LayoutSwitch.tsx';
import { openClosingPlan } from './targets/open-closing.ts';
import { TargetClosingDetail, TargetClosingSummary } from './targets/TargetClosing.tsx';
import { useTargetsWorkspace } from './targets/use-targets-workspace.ts';

type Tab = 'targets' | 'layers' | 'analysis' | 'fibre' | 'siting' | 'report' | 'wards' | 'import' | 'settings';
const TABS: ReadonlyArray<{ tab: Tab; label: DictionaryKey }> = [
  { tab: 'targets', label: 'tabTargets' },
  { tab: 'layers', label: 'tabLayers' },
  { tab: 'analysis', label: 'tabAnalysis' },
  { tab: 'fibre', label: 'tabFibre' },
  { tab: 'siting', label: 'tabSiting' },
  { tab: 'report', label: 'tabReport' },
  { tab: 'wards', label: 'tabWards' },
  { tab: 'import', label: 'tabImport' },
  { tab: 'settings', label: 'tabSettings' },
];

/** The tab each way in of the start guide opens (the report's says there what to run first). */
const START_TABS: Record<StartEntry, Tab> = { coverage: 'analysis', proposals: 'siting', report: 'report' };

/** The online basemap while a local one is shown (the local file replaces it; no offline warning then). */
const NO_ONLINE_BASEMAP: UiSettings['basemap'] = { mode: 'none', customUrl: '', customAttribution: '' };

/** Share of a task each stage covers, for one bar across the stages of a load or an analysis. */
const STAGE_SPANS: Record<NonNullable<Task['stage']>, [number, number]> = {
  decompress: [0, 0.1],
  parse: [0.1, 0.7],
  assign: [0.7, 1],
  analyse: [0, 0.8],
  statistics: [0.8, 0.85],
  zones: [0.85, 1],
  heatmap: [0, 1],
  fibre: [0, 0.2],
  fibrePlan: [0.2, 1],
  siting: [0, 1],
  targets: [0, 1],
  report: [0, 1],
};

const STAGE_LABELS: Record<NonNullable<Task['stage']>, DictionaryKey> = {
  decompress: 'stageDecompress',
  parse: 'stageParse',
  assign: 'stageAssign',
  analyse: 'stageAnalyse',
  statistics: 'stageStatistics',
  zones: 'stageZones',
  heatmap: 'stageHeatmap',
  fibre: 'stageFibre',
  fibrePlan: 'stageFibrePlan',
  siting: 'stageSiting',
  targets: 'stageTargets',
  report: 'stageReport',
};

export function App() {
  const [settings, setSettings] = useState<UiSettings>(loadUiSettings);
  const { language, basemap, organisation } = settings;
  const i18n = useMemo(() => ({ language, t: translatorFor(language) }), [language]);
  const { t } = i18n;
  const dataset = useDataset();
  const { data, reports, notices, task, loadTimes, workerRestarts, importFiles, cancel, dismissNotice, notify, request, replaceCells } = dataset;
  // the targets are what an engineer looks at first
  const [tab, setTab] = useState<Tab>('targets');
  const [controller, setController] = useState<MapController | null>(null);
  const localBasemap = useLocalBasemap(controller, language);
  const openAnalysis = useCallback(() => setTab('analysis'), []);
  const workspace = useAnalysisWorkspace({
    data,
    request,
    replaceCells,
    cancelWorker: cancel,
    workerRestarts,
    controller,
    fibreTabOpen: tab === 'fibre',
    onEditRequested: openAnalysis,
  });
  const analysis = workspace.analysis.analysis;
  const planning = useTargetsWorkspace({ dataset, request, workspace, controller, targetsOpen: tab === 'targets', evaluationNeeded: false });
  const targetSet = planning.targets.set;
  const { proposedCells, approvedCells, fibrePlan } = planning.basis;
  const reportTargets = useMemo(
    () => (targetSet === null ? null : { set: targetSet, extraCells: [...proposedCells, ...approvedCells], fibrePassed: fibrePlan?.passed ?? null }),
    [targetSet, proposedCells, approvedCells, fibrePlan],
  );
  const report = useReport({
    request,
    reports,
    language,
    organisation,
    layout: planning.layouts.layout,
    targets: reportTargets,
    decisions: workspace.proposals.decisions,
  });
  const unitLabels = useMemo(() => {
    const notes = planning.layouts.info?.notes ?? [];
    return new Map(data.wards.map((ward, w) => [ward.id, { name: ward.name, formerDistricts: (notes[w]?.formerDistricts ?? (ward.district ? [ward.district] : [])).join(', ') }]));
  }, [data.wards, planning.layouts.info]);
  // the layers shown as the page URL gives them (a shared link), else all
  const [visibility, setVisibility] = useState<LayerVisibility>(() => initialUrlState().layers ?? ALL_LAYERS);
  const { householdsReplaced } = workspace;
  // one object per change, not per render: the map closes its popup when what it shows changes
  const mapVisibility = useMemo(() => (householdsReplaced ? { ...visibility, households: false } : visibility), [householdsReplaced, visibility]);
  const [cellFilter, setCellFilter] = useState<CellFilterState>({ technology: 'all', operators: new Set(OPERATOR_GROUPS) });
  /** The selected unit: its index in the ward layer it was chosen on (`of`), and whether the map zooms to it. */
  const [selectedWard, setSelectedWard] = useState<{ index: number; zoom: boolean; of: readonly Ward[] | null }>({ index: -1, zoom: false, of: null });
  const wardsRef = useRef(data.wards);
  wardsRef.current = data.wards;
  // a selection belongs to the layer it was made on: another ward layer (an import, the other layout) has none,
  // from its first render on (an index into the new layer would name another unit)
  const selectedIndex = selectedWard.of === data.wards ? selectedWard.index : -1;
  const shownSelection = useMemo(() => ({ index: selectedIndex, zoom: selectedWard.zoom }), [selectedWard, selectedIndex]);
  const [opacity, setOpacity] = useState<LayerOpacity>(FULL_OPACITY);

  // The map tools are shown once the wards are (or the start ended without them): their code (proj4) loads after the
  // wards' first paint, not with it. Every panel's code is fetched once the embedded layers are loaded (compiling it
  // sooner would delay their drawing), so that a tab opens at once.
  const allLoaded = loadTimes.allLayersMs !== null;
  const wardsFirst = loadTimes.wardsVisibleMs === null && !allLoaded;
  useEffect(() => {
    if (allLoaded) preloadComponents();
  }, [allLoaded]);

  useEffect(() => {
    saveUiSettings(settings);
    document.documentElement.lang = settings.language;
  }, [settings]);

  const imports = useImportFlow({
    request,
    importLayer: importFiles,
    importProposals: workspace.proposals.importFile,
    notify,
    // a zones file chosen in the targets tab stays there (its zones section shows the layer in use)
    onStart: (target) => target.kind === 'layer' && setTab((current) => (current === 'targets' && target.layer === 'zones' ? current : 'import')),
  });
  const startImport = imports.start;

  const selectWard = useCallback((index: number, zoom: boolean) => setSelectedWard({ index, zoom, of: wardsRef.current }), []);
  const { autoSiting, fibre: fibreTab } = workspace;
  const openClosing = useCallback(
    (response: CloseTargetResponse) => {
      const opened = openClosingPlan(response, { autoSiting, fibre: fibreTab }, language, t);
      if (opened !== null) setTab(opened);
    },
    [autoSiting, fibreTab, language, t],
  );
  const { switchTo: switchLayout } = planning.layouts;
  const onMapView = useUrlState({
    controller,
    wards: data.wards,
    visibility,
    onVisibility: setVisibility,
    selectedWard: selectedIndex,
    onSelectWard: selectWard,
    layout: planning.layouts.layout,
    layoutAvailable: planning.layouts.info?.available === true && planning.layouts.switching === null,
    onLayout: switchLayout,
  });

  return (
    <I18nContext.Provider value={i18n}>
      <ImportFlowContext.Provider value={startImport}>
      <ExportUnitsContext.Provider value={unitLabels}>
      <div
        className="app"
        data-wards-loaded={data.wards.length > 0 ? 'true' : 'false'}
        data-all-loaded={loadTimes.allLayersMs !== null ? 'true' : 'false'}
        data-wards-visible-ms={loadTimes.wardsVisibleMs?.toFixed(0)}
        data-all-loaded-ms={loadTimes.allLayersMs?.toFixed(0)}
      >
        <header className="app-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            <h1>{t('appName')}</h1>
            <span className="tagline">{t('appTagline')}</span>
            <span className="organisation" data-testid="organisation">
              {organisation}
            </span>
          </div>
          {task !== null && <ProgressBar task={task} onCancel={cancel} />}
          <UndoRedoButtons history={workspace.history} />
          <LayoutSwitch layouts={planning.layouts} />
          <div className="language-switch" role="group" aria-label={t('languageSwitch')}>
            {LANGUAGES.map((option) => (
              <button
                key={option}
                type="button"
                className={option === language ? 'active' : ''}
                aria-pressed={option === language}
                data-language={option}
                onClick={() => setSettings({ ...settings, language: option })}
              >
                {option.toUpperCase()}
              </button>
            ))}
          </div>
        </header>
        <main className="app-main">
          <MapView
            data={data}
            visibility={mapVisibility}
            cellFilter={cellFilter}
            basemap={localBasemap.state.status === 'open' ? NO_ONLINE_BASEMAP : basemap}
            selectedWard={shownSelection}
            opacity={opacity}
            onWardClick={(index) => selectWard(index, false)}
            onSearchUnit={(index) => selectWard(index, true)}
            onView={onMapView}
            onFilesDropped={(files) => startImport(files, { kind: 'layer', layer: null })}
            tools={!wardsFirst}
            onController={setController}
          />
          <aside className={`side-panel side-panel-${tab}`}>
            <nav className="tabs" role="tablist">
              {TABS.map(({ tab: option, label }) => (
                <button
                  key={option}
                  type="button"
                  role="tab"
                  aria-selected={tab === option}
                  data-tab={option}
                  className={tab === option ? 'active' : ''}
                  onClick={() => setTab(option)}
                >
                  {t(label)}
                </button>
              ))}
            </nav>
            <div className="notices">
              {notices.map((notice) => (
                <div key={notice.id} className={`notice notice-${notice.level}`} role="alert">
                  <span>{t(notice.key, notice.params)}</span>
                  <button type="button" className="link-button" onClick={() => dismissNotice(notice.id)}>
                    {t('dismiss')}
                  </button>
                </div>
              ))}
            </div>
            <div className="tab-body" role="tabpanel">
              <OnDemand key={tab}>
                {tab === 'targets' && (
                  <TargetsPanel
                    targets={planning.targets}
                    zones={planning.zones}
                    layouts={planning.layouts}
                    wards={data.wards}
                    hasHouseholds={data.households !== null}
                    selectedWard={selectedIndex}
                    onSelectWard={(index) => selectWard(index, true)}
                    onCancel={cancel}
                    closing={(evaluation) => ({
                      summary: <TargetClosingSummary evaluation={evaluation} closings={planning.closings} onCancel={cancel} />,
                      detail: <TargetClosingDetail evaluation={evaluation} closings={planning.closings} onOpen={openClosing} />,
                    })}
                  />
                )}
                {tab === 'layers' && (
                  <LayersPanel
                    data={data}
                    visibility={visibility}
                    onVisibility={setVisibility}
                    opacity={opacity}
                    onOpacity={setOpacity}
                    cellFilter={cellFilter}
                    onCellFilter={setCellFilter}
                    onStartEntry={(entry) => setTab(START_TABS[entry])}
                  />
                )}
                {tab === 'analysis' && (
                  <AnalysisPanel
                    data={data}
                    analysis={workspace.analysis}
                    thresholds={workspace.thresholds}
                    layers={workspace.layers}
                    onLayers={workspace.setLayers}
                    heatmapStatus={workspace.heatmapStatus}
                    selectedWard={selectedIndex}
                    onSelectWard={(index) => selectWard(index, true)}
                    editingCell={workspace.editingCell}
                    onEditCell={workspace.editCell}
                    onEditClose={workspace.closeEditor}
                  />
                )}
                {tab === 'fibre' && (
                  <FibrePanel
                    data={data}
                    fibre={workspace.fibre}
                    layers={workspace.fibreLayers}
                    onLayers={workspace.setFibreLayers}
                    selectedWard={selectedIndex}
                    onSelectWard={(index) => selectWard(index, true)}
                  />
                )}
                {tab === 'siting' && (
                  <SitingPanel
                    analysis={workspace.analysis}
                    proposed={workspace.proposed}
                    auto={workspace.autoSiting}
                    proposals={workspace.proposals}
                    scenarios={workspace.scenarios}
                    placing={workspace.placing}
                    onPlacing={workspace.setPlacing}
                    onSelectWard={(index) => selectWard(index, true)}
                    onOpenAnalysis={openAnalysis}
                  />
                )}
                {tab === 'report' && (
                  <ReportPanel
                    report={report}
                    onCancel={cancel}
                    layouts={planning.layouts}
                    wards={data.wards}
                    analysed={analysis !== null}
                    organisation={organisation}
                    onOpenAnalysis={openAnalysis}
                  />
                )}
                {tab === 'wards' && analysis !== null && (
                  <StatisticsTable
                    wards={data.wards}
                    stats={analysis.statistics.wards}
                    selectedWard={selectedIndex}
                    onSelect={(index) => selectWard(index, true)}
                  />
                )}
                {tab === 'wards' && analysis === null && (
                  <WardTable
                    wards={data.wards}
                    householdsPerWard={data.assignment?.householdsPerWard ?? null}
                    outsideHouseholds={data.assignment?.outsideHouseholds ?? null}
                    selectedWard={selectedIndex}
                    onSelect={(index) => selectWard(index, true)}
                  />
                )}
                {tab === 'import' && (
                  <ImportPanel reports={reports} busy={task !== null || imports.looking} looking={imports.looking} onPick={(layer, files) => startImport(files, { kind: 'layer', layer })} />
                )}
                {tab === 'settings' && (
                  <div>
                    <SettingsPanel
                      basemap={basemap}
                      onBasemap={(next) => setSettings({ ...settings, basemap: next })}
                      localBasemap={localBasemap.state}
                      onLocalBasemap={(file) => (file === null ? localBasemap.close() : localBasemap.open(file))}
                      organisation={organisation}
                      onOrganisation={(next) => setSettings({ ...settings, organisation: next })}
                      onLanguage={(next: Language) => setSettings({ ...settings, language: next })}
                    />
                    <ThresholdSettings thresholds={workspace.thresholds} onChange={workspace.setThresholds} />
                  </div>
                )}
              </OnDemand>
            </div>
          </aside>
        </main>
        {imports.question !== null && imports.question.layer === null && (
          <div className="modal-backdrop">
            <div className="modal" role="dialog" aria-modal="true" aria-labelledby="ask-layer-title">
              <h2 id="ask-layer-title">{t('askLayerTitle', { file: imports.question.name })}</h2>
              <div className="modal-actions">
                {IMPORTABLE_LAYERS.map((layer) => (
                  <button key={layer} type="button" className="button" onClick={() => imports.chooseLayer(layer)}>
                    {t(LAYER_LABELS[layer])}
                  </button>
                ))}
                <button type="button" className="link-button" onClick={() => imports.chooseLayer(null)}>
                  {t('askLayerCancel')}
                </button>
              </div>
            </div>
          </div>
        )}
        {imports.question !== null && imports.question.layer !== null && (
          <OnDemand>
            <ImportDialog
              key={`${imports.question.id}-${imports.question.inspection.sheet ?? ''}`}
              question={imports.question}
              wards={data.wards}
              onAnswer={imports.answer}
              onSheet={(sheet) => void imports.changeSheet(sheet)}
            />
          </OnDemand>
        )}
      </div>
      </ExportUnitsContext.Provider>
      </ImportFlowContext.Provider>
    </I18nContext.Provider>
  );
}

function ProgressBar({ task, onCancel }: { task: Task; onCancel: () => void }) {
  const { t } = useI18n();
  const [start, end] = task.stage === null ? [0, 0] : STAGE_SPANS[task.stage];
  const percent = Math.round((start + (end - start) * task.fraction) * 100);
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-text">
        <span>{t(task.label, { file: task.file })}</span>
        {task.stage !== null && (
          <span className="progress-stage">{t(STAGE_LABELS[task.stage])}…</span>
        )}
      </div>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${Math.max(5, percent)}%` }} />
      </div>
      <button type="button" className="button button-small" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
