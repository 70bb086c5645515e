/**
 * The "Phân tích / Analysis" tab (issue 3): choose technology and operator, run the analysis in the worker with
 * a progress bar and cancel, read the city totals (and how a cell edit changed them), switch the analysis
 * layers, edit a cell, see the selected ward's breakdown, export, and browse the statistics by ward.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { CoverageTotals } from '../../core/coverage/ward-statistics.ts';
import { isAnalysedCell } from '../../core/coverage/analysed-cell.ts';
import { TECHNOLOGIES, type Cell, type SignalThresholdsDbm, type Technology } from '../../core/model.ts';
import { downloadWardStatistics, downloadZones } from '../export/analysis-exports.ts';
import { formatCount, formatDecimal, formatPercent } from '../format-number.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import type { AppData } from '../use-dataset.ts';
import { signalColour } from './analysis-colours.ts';
import { AnalysisLegend } from './AnalysisLegend.tsx';
import { CellEditor } from './CellEditor.tsx';
import { StatisticsTable } from './StatisticsTable.tsx';
import { TaskMessage, TaskProgress } from './TaskStatus.tsx';
import type { useAnalysis } from './use-analysis.ts';
import './analysis.css';

export interface AnalysisLayers {
  signal: boolean;
  zones: boolean;
  choropleth: boolean;
}

const STAGE_LABELS: Record<string, DictionaryKey> = {
  analyse: 'stageAnalyse',
  statistics: 'stageStatistics',
  zones: 'stageZones',
};
/** Share of the bar each stage covers (the weak zones take about as long as the household analysis). */
const STAGE_SPANS: Record<string, [number, number]> = { analyse: [0, 0.5], statistics: [0.5, 0.55], zones: [0.55, 1] };

const CLASS_KEYS = ['good', 'fair', 'weak', 'none'] as const;
const CLASS_LABELS: Record<(typeof CLASS_KEYS)[number], DictionaryKey> = {
  good: 'analysisGood',
  fair: 'analysisFair',
  weak: 'analysisWeak',
  none: 'analysisNoneClass',
};

interface AnalysisPanelProps {
  data: AppData;
  analysis: ReturnType<typeof useAnalysis>;
  thresholds: SignalThresholdsDbm;
  layers: AnalysisLayers;
  onLayers: (layers: AnalysisLayers) => void;
  selectedWard: number;
  onSelectWard: (wardIndex: number) => void;
  editingCell: number;
  onEditCell: (cellIndex: number) => void;
  onEditClose: () => void;
}

export function AnalysisPanel(props: AnalysisPanelProps) {
  const { data, analysis: api, thresholds, layers, onLayers, selectedWard, onSelectWard, editingCell, onEditCell, onEditClose } = props;
  const { language, t } = useI18n();
  const { analysis, progress, message } = api;
  const thresholdsChanged =
    analysis !== null &&
    (['good', 'fair', 'weak'] as const).some((key) => analysis.settings.thresholdsDbm[key] !== thresholds[key]);
  const stale = api.stale || thresholdsChanged;
  const [technology, setTechnology] = useState<Technology>(analysis?.settings.technology ?? '4G');
  const [operator, setOperator] = useState<string>(analysis?.settings.operator ?? '');
  const [updating, setUpdating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const operators = useMemo(
    () => [...new Set(data.cells.filter((cell) => cell.technology === technology).map((cell) => cell.operator))].sort(),
    [data.cells, technology],
  );
  const ready = data.wards.length > 0 && data.households !== null && data.cells.length > 0;
  const total = analysis?.statistics.total ?? null;
  const weakOrNone = (totals: CoverageTotals) => totals.weak + totals.none;
  const editing: Cell | undefined = data.cells[editingCell];

  const applyEdit = async (cell: Cell) => {
    setUpdating(true);
    await api.updateCell(editingCell, cell);
    setUpdating(false);
  };

  const stageSpan = progress?.stage ? (STAGE_SPANS[progress.stage] ?? [0, 1]) : [0, 0];

  return (
    <div
      className="analysis-panel"
      data-analysed={analysis !== null ? 'true' : 'false'}
      data-analysis-ms={analysis?.elapsedMs.toFixed(0)}
      data-update-ms={analysis?.lastUpdate?.ms.toFixed(1)}
      data-weak-households={total === null ? undefined : weakOrNone(total)}
    >
      <section className="panel-section">
        <h2>{t('analysisTitle')}</h2>
        <div className="analysis-controls">
          <div className="segmented" role="group" aria-label={t('analysisTechnology')}>
            {TECHNOLOGIES.map((option) => (
              <button
                key={option}
                type="button"
                className={option === technology ? 'active' : ''}
                aria-pressed={option === technology}
                data-technology={option}
                onClick={() => {
                  setTechnology(option);
                  setOperator('');
                }}
              >
                {option}
              </button>
            ))}
          </div>
          <label className="operator-select">
            {t('analysisOperator')}
            <select value={operator} onChange={(event) => setOperator(event.target.value)} data-testid="analysis-operator">
              <option value="">{t('analysisOperatorAll')}</option>
              {operators.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            data-action="run-analysis"
            disabled={!ready || progress !== null}
            onClick={() => void api.run(technology, operator === '' ? null : operator, thresholds)}
          >
            {progress !== null ? t('analysisRunning') : analysis === null ? t('analysisRun') : t('analysisRerun')}
          </button>
        </div>
        {!ready && <p className="hint">{t('analysisNeedsData')}</p>}
        {progress !== null && (
          <TaskProgress
            fraction={stageSpan[0] + (stageSpan[1] - stageSpan[0]) * progress.fraction}
            stageLabel={progress.stage !== null ? STAGE_LABELS[progress.stage] : undefined}
            cancelAction="cancel-analysis"
            onCancel={api.cancel}
          />
        )}
        {message !== null && <TaskMessage message={message} />}
        {analysis === null && ready && progress === null && <p className="hint">{t('analysisNone')}</p>}
        {stale && <p className="field-error">{t('analysisStale')}</p>}
      </section>

      {analysis !== null && total !== null && (
        <>
          <section className="panel-section">
            <h2>{t('analysisTotals')}</h2>
            <p className="hint analysis-summary">
              {t('analysisDone', {
                technology: analysis.settings.technology,
                operator: analysis.settings.operator ?? t('analysisOperatorAll'),
                ms: formatCount(analysis.elapsedMs, language),
                zonesMs: formatCount(analysis.timingsMs.zones, language),
              })}
            </p>
            <div className="totals-grid" data-testid="analysis-totals">
              <Total label={t('analysisHouseholds')} value={formatCount(total.households, language)} />
              {CLASS_KEYS.map((key) => (
                <Total key={key} label={t(CLASS_LABELS[key])} value={formatCount(total[key], language)} colour={signalColour(key)} name={key} />
              ))}
              <Total label={t('analysisWeakPct')} value={formatPercent(total.weakPct, language)} name="weak-pct" />
              <Total label={t('analysisFibrePct')} value={formatPercent(total.fibrePct, language)} />
            </div>
            <ClassBar totals={total} />
            {analysis.lastUpdate !== null && (
              <>
                <p className="analysis-change" data-testid="analysis-change">
                  {t('analysisChange', { delta: signed(weakOrNone(total) - weakOrNone(analysis.baseline), language) })}
                </p>
                <p className="hint">
                  {t('analysisUpdateMs', {
                    ms: formatDecimal(analysis.lastUpdate.ms, language, 1),
                    n: formatCount(analysis.lastUpdate.changedPoints, language),
                  })}
                </p>
              </>
            )}
            {analysis.statistics.outside.households > 0 && (
              <p className="hint">{t('analysisOutside', { n: formatCount(analysis.statistics.outside.households, language) })}</p>
            )}
          </section>

          <section className="panel-section">
            <LayerCheckbox layer="signal" label={t('analysisShowSignal')} layers={layers} onLayers={onLayers} />
            <LayerCheckbox layer="zones" label={t('analysisShowZones')} layers={layers} onLayers={onLayers}>
              {analysis.zones !== null && <span className="hint"> · {t('analysisZonesCount', { n: formatCount(analysis.zones.features.length, language) })}</span>}
            </LayerCheckbox>
            <LayerCheckbox layer="choropleth" label={t('analysisShowChoropleth')} layers={layers} onLayers={onLayers} />
            {analysis.lastUpdate !== null && layers.zones && <p className="hint">{t('analysisZonesStale')}</p>}
            <AnalysisLegend thresholds={analysis.settings.thresholdsDbm} />
          </section>

          <section className="panel-section">
            {editing !== undefined ? (
              <CellEditor
                cell={editing}
                analysed={isAnalysedCell(editing, analysis.settings)}
                busy={updating}
                onApply={(cell) => void applyEdit(cell)}
                onClose={onEditClose}
              />
            ) : (
              <>
                <p className="hint">{t('editHint')}</p>
                <CellFinder cells={data.cells} onFound={onEditCell} />
              </>
            )}
          </section>

          <section className="panel-section ward-breakdown-section">
            {selectedWard >= 0 && analysis.statistics.wards[selectedWard] !== undefined ? (
              <WardBreakdown totals={analysis.statistics.wards[selectedWard]} name={analysis.statistics.wards[selectedWard].wardName} />
            ) : (
              <p className="hint">{t('analysisSelectWard')}</p>
            )}
          </section>

          <section className="panel-section">
            <h2>{t('analysisExport')}</h2>
            <div className="export-buttons">
              <button
                type="button"
                className="button button-small"
                data-export="wards-csv"
                onClick={() => void downloadWardStatistics(analysis.statistics.wards, analysis.settings, 'csv')}
              >
                {t('analysisExportCsv')}
              </button>
              <button
                type="button"
                className="button button-small"
                data-export="wards-xlsx"
                disabled={exporting}
                onClick={() => {
                  setExporting(true);
                  void downloadWardStatistics(analysis.statistics.wards, analysis.settings, 'xlsx').finally(() => setExporting(false));
                }}
              >
                {t('analysisExportXlsx')}
              </button>
              <button
                type="button"
                className="button button-small"
                data-export="zones-geojson"
                disabled={analysis.zones === null}
                onClick={() => analysis.zones !== null && downloadZones(analysis.zones, analysis.settings)}
              >
                {t('analysisExportZones')}
              </button>
            </div>
          </section>

          <section className="analysis-table-section">
            <h2>{t('analysisWardTable')}</h2>
            <StatisticsTable
              wards={data.wards}
              stats={analysis.statistics.wards}
              selectedWard={selectedWard}
              onSelect={onSelectWard}
              bodyHeightPx={330}
            />
          </section>
        </>
      )}
    </div>
  );
}

/** Opens the editor on the cell with a typed id (exact, then ignoring case). */
function CellFinder({ cells, onFound }: { cells: readonly Cell[]; onFound: (cellIndex: number) => void }) {
  const { t } = useI18n();
  const [cellId, setCellId] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  return (
    <form
      className="cell-finder"
      onSubmit={(event) => {
        event.preventDefault();
        const wanted = cellId.trim();
        let index = cells.findIndex((cell) => cell.cellId === wanted);
        if (index < 0) index = cells.findIndex((cell) => cell.cellId.toLowerCase() === wanted.toLowerCase());
        setMissing(index < 0 ? wanted : null);
        if (index >= 0) onFound(index);
      }}
    >
      <label>
        {t('editFindLabel')}
        <input type="text" name="cell-id" value={cellId} onChange={(event) => setCellId(event.target.value)} />
      </label>
      <button type="submit" className="button button-small" disabled={cellId.trim() === ''}>
        {t('editFindButton')}
      </button>
      {missing !== null && <p className="field-error">{t('editNotFound', { cell: missing })}</p>}
    </form>
  );
}

interface LayerCheckboxProps {
  layer: keyof AnalysisLayers;
  label: string;
  layers: AnalysisLayers;
  onLayers: (layers: AnalysisLayers) => void;
  children?: ReactNode;
}

/** Shows or hides one analysis layer; `children` follow the label. */
function LayerCheckbox({ layer, label, layers, onLayers, children }: LayerCheckboxProps) {
  return (
    <label className="check-row">
      <input type="checkbox" data-analysis-layer={layer} checked={layers[layer]} onChange={(event) => onLayers({ ...layers, [layer]: event.target.checked })} />
      {label}
      {children}
    </label>
  );
}

function Total({ label, value, colour, name }: { label: string; value: string; colour?: string; name?: string }) {
  return (
    <div className="total" data-total={name}>
      <span className="total-label">
        {colour !== undefined && <span className="swatch" style={{ background: colour }} />}
        {label}
      </span>
      <span className="total-value">{value}</span>
    </div>
  );
}

/** A stacked bar of households by class (widths ∝ households). */
function ClassBar({ totals }: { totals: Pick<CoverageTotals, 'households' | 'good' | 'fair' | 'weak' | 'none'> }) {
  if (totals.households === 0) return null;
  return (
    <div className="class-bar" aria-hidden="true">
      {CLASS_KEYS.map((key) => (
        <span key={key} style={{ width: `${(totals[key] * 100) / totals.households}%`, background: signalColour(key) }} />
      ))}
    </div>
  );
}

function WardBreakdown({ totals, name }: { totals: CoverageTotals; name: string }) {
  const { language, t } = useI18n();
  return (
    <div className="ward-breakdown" data-testid="ward-breakdown">
      <h2>{t('analysisBreakdown', { name })}</h2>
      <ClassBar totals={totals} />
      <table>
        <tbody>
          <tr>
            <th>{t('analysisHouseholds')}</th>
            <td className="numeric">{formatCount(totals.households, language)}</td>
            <td />
          </tr>
          {CLASS_KEYS.map((key) => (
            <tr key={key}>
              <th>
                <span className="swatch" style={{ background: signalColour(key) }} />
                {t(CLASS_LABELS[key])}
              </th>
              <td className="numeric">{formatCount(totals[key], language)}</td>
              <td className="numeric">{formatPercent(totals.households > 0 ? (totals[key] * 100) / totals.households : 0, language)}</td>
            </tr>
          ))}
          <tr>
            <th>{t('analysisWeakPct')}</th>
            <td className="numeric">{formatPercent(totals.weakPct, language)}</td>
            <td />
          </tr>
          <tr>
            <th>{t('analysisFibrePct')}</th>
            <td className="numeric">{formatPercent(totals.fibrePct, language)}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** "+12", "−3", "0" in the locale's grouping. */
function signed(value: number, language: 'vi' | 'en'): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${formatCount(Math.abs(value), language)}`;
}
