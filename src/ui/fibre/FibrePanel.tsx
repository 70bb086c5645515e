/**
 * The "Cáp quang / Fibre" tab (issue 4): households passed per ward against the 80 % and 90 % targets (map
 * choropleth with the targets as colour breaks, unpassed households highlighted), the extension plan run in the
 * worker with progress and cancel, the proposed cables listed (select to highlight, delete, re-plan the rest),
 * the per-ward before/after table and the exports.
 */
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_FIBRE_COSTS, type FibrePlanScope } from '../../core/fibre/plan-fibre-extension.ts';
import { isFibreCost } from '../../io/fibre-plan-settings.ts';
import { extensionsGeojson, extensionsTable, fibreWardPlanTable } from '../../io/export-fibre-plan.ts';
import { FIBRE_COLOURS } from '../analysis/analysis-colours.ts';
import { EXTENSION_STYLE, UNPASSED_RGBA } from '../analysis/analysis-map.ts';
import { TaskMessage, TaskProgress } from '../analysis/TaskStatus.tsx';
import { FIBRE_TARGETS_PCT, type FibreLayers } from '../analysis/use-analysis-workspace.ts';
import type { DataColumn, DataRow } from '../data-rows.ts';
import { useTableExport } from '../export/use-table-export.ts';
import { MIME_GEOJSON, downloadFile } from '../export/download.ts';
import { GeoExportButtons } from '../export/GeoExportButtons.tsx';
import { formatCount, formatDecimal, formatPercent } from '../format-number.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { searchTextOf } from '../search-text.ts';
import type { AppData } from '../use-dataset.ts';
import { VirtualList } from '../VirtualList.tsx';
import { wardLabels } from '../ward-labels.ts';
import { DataTable } from './DataTable.tsx';
import type { useFibre } from './use-fibre.ts';
import '../analysis/analysis.css';

// the figures the targets read (and the tables open sorted by) first: the counts behind them after, where a panel
// too narrow for every column scrolls them out of view (grid-layout.ts)
const REACH_COLUMNS: readonly DataColumn[] = [
  { key: 'name', label: 'wardColumnName', kind: 'text', width: 2.3 },
  { key: 'pct', label: 'fibrePct', kind: 'percent', width: 0.8 },
  { key: 'short90', label: 'fibreShort90', kind: 'count', width: 1 },
  { key: 'short80', label: 'fibreShort80', kind: 'count', width: 1 },
  { key: 'households', label: 'analysisHouseholds', kind: 'count', width: 1 },
  { key: 'passed', label: 'fibrePassed', kind: 'count', width: 1 },
];

const PLAN_COLUMNS: readonly DataColumn[] = [
  { key: 'name', label: 'wardColumnName', kind: 'text', width: 2.2 },
  { key: 'costVnd', label: 'fibreCostVnd', kind: 'count', width: 1.3 },
  { key: 'extensionM', label: 'fibreExtensionKm', kind: 'km', width: 0.95 },
  { key: 'pctBefore', label: 'fibrePctBefore', kind: 'percent', width: 0.8 },
  { key: 'pctAfter', label: 'fibrePctAfter', kind: 'percent', width: 0.8 },
  { key: 'households', label: 'analysisHouseholds', kind: 'count', width: 0.95 },
];

const STAGE_LABELS: Partial<Record<string, DictionaryKey>> = { fibre: 'stageFibre', fibrePlan: 'stageFibrePlan' };
const EXTENSION_ROW_PX = 30;

interface FibrePanelProps {
  data: AppData;
  /** The fibre state, and a way to bring an extension into view on the map. */
  fibre: ReturnType<typeof useFibre> & { zoomToExtension: (id: string) => void };
  layers: FibreLayers;
  onLayers: (layers: FibreLayers) => void;
  selectedWard: number;
  onSelectWard: (wardIndex: number) => void;
}

/** Planned extensions as the map draws them. */
const EXTENSION_STYLES = { extension: { lineColour: '#6a1b9a', lineWidth: 3 } };

export function FibrePanel({ data, fibre, layers, onLayers, selectedWard, onSelectWard }: FibrePanelProps) {
  const { language, t } = useI18n();
  const exports = useTableExport();
  const { reach, plan, progress, message, selectedExtension } = fibre;
  const [targetPct, setTargetPct] = useState(FIBRE_TARGETS_PCT.highPct);
  const [scope, setScope] = useState<FibrePlanScope>('ward');
  const [costPerMetre, setCostPerMetre] = useState(String(DEFAULT_FIBRE_COSTS.costPerMetreVnd));
  const [connectionCost, setConnectionCost] = useState(String(DEFAULT_FIBRE_COSTS.connectionCostVnd));
  const ready = data.wards.length > 0 && data.households !== null && data.fibre !== null;
  const { computeReach } = fibre;

  // a plan opened from the Targets tab puts its own target and scope in the form, so the form says what is shown
  // and a new run starts from it
  const opened = plan?.origin ?? null;
  const openedRequest = plan?.request ?? null;
  useEffect(() => {
    if (opened === null || openedRequest === null) return;
    setTargetPct(openedRequest.targetPct);
    setScope(openedRequest.scope);
  }, [opened, openedRequest]);
  const targetOptionsPct = [...new Set([FIBRE_TARGETS_PCT.lowPct, FIBRE_TARGETS_PCT.highPct, targetPct])].sort((a, b) => a - b);

  // the reach is quick (well under a second): computed as soon as the tab is open on a loaded dataset
  useEffect(() => {
    if (ready && reach === null && progress === null) void computeReach();
  }, [ready, reach, progress, computeReach]);

  const costs = { costPerMetreVnd: Number(costPerMetre), connectionCostVnd: Number(connectionCost) };
  // the CLI's rule for `--config` unit prices
  const costsValid = isFibreCost(costs.costPerMetreVnd) && isFibreCost(costs.connectionCostVnd);

  const labels = useMemo(() => wardLabels(data.wards), [data.wards]);
  const reachRows = useMemo<DataRow[]>(
    () =>
      reach?.statistics.wards.map((ward) => ({
        wardIndex: ward.wardIndex,
        searchText: searchTextOf(ward.wardName, data.wards[ward.wardIndex]?.district),
        name: labels[ward.wardIndex] ?? ward.wardName,
        households: ward.households,
        passed: ward.passed,
        pct: ward.fibrePct,
        short80: ward.shortfall[0],
        short90: ward.shortfall[1],
      })) ?? [],
    [reach, data.wards, labels],
  );
  const planRows = useMemo<DataRow[]>(
    () =>
      (plan?.figures ?? plan?.plan)?.wards.map((ward) => ({
        wardIndex: ward.wardIndex,
        searchText: searchTextOf(ward.wardName, data.wards[ward.wardIndex]?.district),
        name: labels[ward.wardIndex] ?? ward.wardName,
        households: ward.households,
        pctBefore: ward.pctBefore,
        pctAfter: ward.pctAfter,
        extensionM: ward.extensionM,
        costVnd: ward.costVnd,
      })) ?? [],
    [plan, data.wards, labels],
  );

  if (!ready) return <p className="panel-empty">{t('fibreNoLayer')}</p>;

  const city = reach?.statistics.city;
  const wardsBelow = (index: number) => reach?.statistics.wards.filter((ward) => ward.households > 0 && ward.shortfall[index] > 0) ?? [];
  // after a deletion the figures are those of the kept extensions (their gains, costs and the passed households)
  const figures = plan?.figures ?? null;
  const extensions = figures?.extensions ?? plan?.extensions ?? [];
  const deleted = plan === null ? 0 : plan.plan.extensions.length - extensions.length;
  const remainingM = extensions.reduce((sum, extension) => sum + extension.lengthM, 0);
  const remainingVnd = extensions.reduce((sum, extension) => sum + extension.costVnd, 0);
  const wardName = new Map(data.wards.map((ward, index) => [ward.id, labels[index]]));
  const baseName = `fibre_${plan?.request.targetPct ?? targetPct}pct_${plan?.request.scope ?? scope}_${new Date().toISOString().slice(0, 10)}`;

  return (
    <div className="analysis-panel fibre-panel" data-reach={reach !== null ? 'true' : 'false'} data-planned={plan !== null ? 'true' : 'false'} data-plan-ms={plan?.timingMs.toFixed(0)}>
      <section className="panel-section">
        <h2>{t('fibreTitle')}</h2>
        <p className="hint">{t('fibreTargets', { low: FIBRE_TARGETS_PCT.lowPct, high: FIBRE_TARGETS_PCT.highPct })}</p>
        {city !== undefined && (
          <>
            <p className="fibre-city" data-testid="fibre-city" data-fibre-pct={city.fibrePct.toFixed(2)}>
              {t('fibreCity', {
                pct: formatPercent(city.fibrePct, language),
                passed: formatCount(city.passed, language),
                households: formatCount(city.households, language),
              })}
            </p>
            <div className="class-bar" aria-hidden="true">
              <span style={{ width: `${city.fibrePct}%`, background: FIBRE_COLOURS.reached }} />
            </div>
            {[0, 1].map((index) => (
              <p key={index} className="hint">
                {t('fibreWardsBelow', {
                  n: formatCount(wardsBelow(index).length, language),
                  pct: index === 0 ? FIBRE_TARGETS_PCT.lowPct : FIBRE_TARGETS_PCT.highPct,
                  short: formatCount(city.shortfall[index], language),
                })}
              </p>
            ))}
            {reach !== null && reach.fullNodes.length > 0 && <p className="hint">{t('fibreFullNodes', { n: formatCount(reach.fullNodes.length, language) })}</p>}
          </>
        )}
      </section>

      <section className="panel-section">
        <label className="check-row">
          <input type="checkbox" data-fibre-layer="choropleth" checked={layers.choropleth} onChange={(event) => onLayers({ ...layers, choropleth: event.target.checked })} />
          {t('fibreShowChoropleth')}
        </label>
        <label className="check-row">
          <input type="checkbox" data-fibre-layer="unpassed" checked={layers.unpassed} onChange={(event) => onLayers({ ...layers, unpassed: event.target.checked })} />
          {t('fibreShowUnpassed')}
        </label>
        <ul className="fibre-legend">
          <li>
            <span className="swatch" style={{ background: FIBRE_COLOURS.belowLow }} />
            {t('fibreBelowLow', { pct: FIBRE_TARGETS_PCT.lowPct })}
          </li>
          <li>
            <span className="swatch" style={{ background: FIBRE_COLOURS.between }} />
            {t('fibreBetween', { low: FIBRE_TARGETS_PCT.lowPct, high: FIBRE_TARGETS_PCT.highPct })}
          </li>
          <li>
            <span className="swatch" style={{ background: FIBRE_COLOURS.reached }} />
            {t('fibreAboveHigh', { pct: FIBRE_TARGETS_PCT.highPct })}
          </li>
          <li>
            <span className="swatch" style={{ background: `rgba(${UNPASSED_RGBA.slice(0, 3).join(',')},0.9)` }} />
            {t('legendUnpassed')}
          </li>
          <li>
            <svg width="22" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="21" y2="5" stroke={EXTENSION_STYLE.color} strokeWidth="2.5" strokeDasharray="6 4" />
            </svg>
            {t('legendExtension')}
          </li>
        </ul>
      </section>

      <section className="panel-section">
        <h2>{t('fibrePlanTitle')}</h2>
        <form
          className="fibre-plan-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (costsValid) void fibre.runPlan({ targetPct, scope, costs }, []);
          }}
        >
          <label>
            {t('fibrePlanTarget')}
            <select value={targetPct} data-testid="fibre-target" onChange={(event) => setTargetPct(Number(event.target.value))}>
              {targetOptionsPct.map((pct) => (
                <option key={pct} value={pct}>
                  {pct} %
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fibrePlanScope')}
            <select value={scope} data-testid="fibre-scope" onChange={(event) => setScope(event.target.value as FibrePlanScope)}>
              <option value="ward">{t('fibrePlanScopeWard')}</option>
              <option value="city">{t('fibrePlanScopeCity')}</option>
            </select>
          </label>
          <label>
            {t('fibreCostPerMetre')}
            <input type="text" inputMode="numeric" value={costPerMetre} aria-invalid={!costsValid} onChange={(event) => setCostPerMetre(event.target.value)} />
          </label>
          <label>
            {t('fibreConnectionCost')}
            <input type="text" inputMode="numeric" value={connectionCost} aria-invalid={!costsValid} onChange={(event) => setConnectionCost(event.target.value)} />
          </label>
          <button type="submit" className="button" data-action="plan-fibre" disabled={progress !== null || !costsValid}>
            {progress?.stage === 'fibrePlan' ? t('fibrePlanRunning') : t('fibrePlanRun')}
          </button>
        </form>
        <p className="hint">{t('fibreCostsNote')}</p>
        {progress !== null && (
          <TaskProgress
            fraction={progress.fraction}
            stageLabel={progress.stage !== null ? STAGE_LABELS[progress.stage] : undefined}
            cancelAction="cancel-fibre"
            onCancel={fibre.cancel}
          />
        )}
        {message !== null && <TaskMessage message={message} />}
        {plan !== null && (
          <div className="fibre-plan-result" data-testid="fibre-plan-result" data-origin={plan.origin?.targetId ?? ''}>
            {plan.origin !== null && (
              <p className="siting-origin" data-testid="fibre-plan-origin">
                {t('fibrePlanForTarget', { target: plan.origin.name })}
              </p>
            )}
            <p className="analysis-change">
              {t('fibrePlanSummary', {
                n: formatCount(extensions.length, language),
                km: formatDecimal(remainingM / 1000, language, 1),
                vnd: formatCount(remainingVnd, language),
              })}
            </p>
            <p className="hint">
              <span data-testid="fibre-plan-pct" data-pct-after={figures?.totals.pctAfter.toFixed(2)}>
                {t('fibrePlanPct', { before: formatPercent(plan.plan.totals.pctBefore, language), after: formatPercent((figures ?? plan.plan).totals.pctAfter, language) })}
              </span>
              {' · '}
              {t('fibrePlanTime', { ms: formatCount(plan.timingMs, language) })}
            </p>
            {plan.plan.unreachableWards.length > 0 && (
              <div className="hint fibre-unreachable" data-testid="fibre-unreachable">
                {t('fibrePlanUnreachable', { n: formatCount(plan.plan.unreachableWards.length, language) })}
                <ul>
                  {plan.plan.unreachableWards.map((ward) => (
                    <li key={ward.wardIndex}>
                      <button type="button" className="link-button" onClick={() => onSelectWard(ward.wardIndex)}>
                        {labels[ward.wardIndex] ?? ward.wardName}
                      </button>
                      {' — '}
                      {ward.reason === 'no-households'
                        ? t('fibreUnreachableNoHouseholds')
                        : t(ward.reason === 'ports-full' ? 'fibreUnreachablePortsFull' : 'fibreUnreachableTooFar', {
                            n: formatCount(Math.max(0, ward.needed - ward.passedAfter), language),
                            pct: formatPercent(ward.households > 0 ? (ward.passedAfter * 100) / ward.households : 0, language),
                          })}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {deleted > 0 && (
              <>
                <p className="field-error">{t('fibreDeleted', { n: formatCount(deleted, language) })}</p>
                {figures === null && <p className="field-error">{t('fibreFiguresStale')}</p>}
                <button
                  type="button"
                  className="button button-small"
                  data-action="replan-fibre"
                  disabled={progress !== null}
                  onClick={() => void fibre.runPlan({ targetPct: plan.request.targetPct, scope: plan.request.scope, costs: plan.request.costs }, extensions)}
                >
                  {t('fibreReplan')}
                </button>
              </>
            )}
          </div>
        )}
      </section>

      {plan !== null && (
        <>
          <section className="panel-section">
            <h2>{t('fibreExtensions', { n: formatCount(extensions.length, language) })}</h2>
            <VirtualList
              className="extension-list"
              itemCount={extensions.length}
              rowHeightPx={EXTENSION_ROW_PX}
              heightPx={Math.min(6, Math.max(1, extensions.length)) * EXTENSION_ROW_PX}
              renderRow={(index) => {
                const extension = extensions[index];
                const detail = t('fibreExtensionRow', {
                  ward: extension.wardId === null ? '–' : (wardName.get(extension.wardId) ?? extension.wardId),
                  m: formatCount(extension.lengthM, language),
                  n: formatCount(extension.householdsGained, language),
                  vnd: formatCount(extension.costVnd, language),
                });
                return (
                  <div
                    className={`extension-row ${extension.id === selectedExtension ? 'selected' : ''}`}
                    data-extension-id={extension.id}
                    onClick={() => {
                      fibre.setSelectedExtension(extension.id);
                      fibre.zoomToExtension(extension.id);
                    }}
                  >
                    <strong>{extension.id}</strong>
                    <span className="extension-detail" title={detail}>
                      {detail}
                    </span>
                    <button
                      type="button"
                      className="link-button"
                      onClick={(event) => {
                        event.stopPropagation();
                        fibre.deleteExtension(extension.id);
                      }}
                    >
                      {t('fibreExtensionDelete')}
                    </button>
                  </div>
                );
              }}
            />
          </section>
          <section className="panel-section">
            <h2>{t('fibreExport')}</h2>
            <div className="export-buttons">
              <button type="button" className="button button-small" data-export="extensions-geojson" onClick={() => downloadFile(`${baseName}_extensions.geojson`, JSON.stringify(extensionsGeojson(extensions)), MIME_GEOJSON)}>
                {t('fibreExportGeojson')}
              </button>
              <button type="button" className="button button-small" data-export="extensions-csv" onClick={() => exports.csv(extensionsTable(extensions), `${baseName}_extensions`)}>
                {t('fibreExportCsv')}
              </button>
              <button type="button" className="button button-small" data-export="extensions-xlsx" onClick={() => void exports.xlsx(extensionsTable(extensions), `${baseName}_extensions`)}>
                {t('fibreExportXlsx')}
              </button>
              <button type="button" className="button button-small" data-export="fibre-wards-csv" onClick={() => exports.csv(fibreWardPlanTable((figures ?? plan.plan).wards), `${baseName}_wards`)}>
                {t('fibreExportWardsCsv')}
              </button>
              <button type="button" className="button button-small" data-export="fibre-wards-xlsx" onClick={() => void exports.xlsx(fibreWardPlanTable((figures ?? plan.plan).wards), `${baseName}_wards`)}>
                {t('fibreExportWardsXlsx')}
              </button>
            </div>
            <p className="hint">{t('fibreExportGis')}</p>
            <GeoExportButtons
              id="extensions"
              baseName={`${baseName}_extensions`}
              collection={() => extensionsGeojson(extensions)}
              kml={{ documentName: t('fibreExportGis'), nameField: 'extension_id', defaultStyle: 'extension', styles: EXTENSION_STYLES }}
            />
          </section>
        </>
      )}

      {reach !== null && (
        <section className="analysis-table-section">
          <h2>{t('fibreWardTable')}</h2>
          {plan === null ? (
            <DataTable
              key="reach"
              rows={reachRows}
              columns={REACH_COLUMNS}
              initialSort={{ key: 'short90', descending: true }}
              selectedWard={selectedWard}
              onSelect={onSelectWard}
              bodyHeightPx={330}
              testId="fibre-reach-table"
            />
          ) : (
            <DataTable
              key="plan"
              rows={planRows}
              columns={PLAN_COLUMNS}
              initialSort={{ key: 'costVnd', descending: true }}
              selectedWard={selectedWard}
              onSelect={onSelectWard}
              bodyHeightPx={330}
              testId="fibre-plan-table"
            />
          )}
        </section>
      )}
    </div>
  );
}
