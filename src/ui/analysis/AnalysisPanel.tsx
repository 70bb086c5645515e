/**
 * The "Phân tích / Analysis" tab (issue 3): choose technology and operator, run the analysis in the worker with
 * a progress bar and cancel, read the city totals (and how a cell edit changed them), switch the analysis
 * layers, edit a cell, see the selected ward's breakdown, export, and browse the statistics by ward. Each of
 * those is its own component; this one lays them out and says whether the result is stale.
 */
import type { SignalThresholdsDbm } from '../../core/model.ts';
import { useI18n } from '../i18n-context.ts';
import type { AppData } from '../use-dataset.ts';
import { AnalysisExports } from './AnalysisExports.tsx';
import { AnalysisLayerToggles, type AnalysisLayers } from './AnalysisLayerToggles.tsx';
import { AnalysisRunControls } from './AnalysisRunControls.tsx';
import type { HeatmapStatus } from './HeatmapLegend.tsx';
import { AnalysisTotals, weakOrNone } from './AnalysisTotals.tsx';
import { CellEditSection } from './CellEditSection.tsx';
import { StatisticsTable } from './StatisticsTable.tsx';
import type { useAnalysis } from './use-analysis.ts';
import { WardBreakdown } from './WardBreakdown.tsx';
import { wardLabels } from '../ward-labels.ts';
import './analysis.css';

interface AnalysisPanelProps {
  data: AppData;
  analysis: ReturnType<typeof useAnalysis>;
  thresholds: SignalThresholdsDbm;
  layers: AnalysisLayers;
  onLayers: (layers: AnalysisLayers) => void;
  heatmapStatus: HeatmapStatus;
  selectedWard: number;
  onSelectWard: (wardIndex: number) => void;
  editingCell: number;
  onEditCell: (cellIndex: number) => void;
  onEditClose: () => void;
}

export function AnalysisPanel(props: AnalysisPanelProps) {
  const { data, analysis: api, thresholds, layers, onLayers, heatmapStatus, selectedWard, onSelectWard, editingCell, onEditCell, onEditClose } = props;
  const { t } = useI18n();
  const { analysis } = api;
  const thresholdsChanged =
    analysis !== null &&
    (['good', 'fair', 'weak'] as const).some((key) => analysis.settings.thresholdsDbm[key] !== thresholds[key]);
  const ready = data.wards.length > 0 && data.households !== null && data.cells.length > 0;
  const total = analysis?.statistics.total ?? null;
  const selected = analysis !== null && selectedWard >= 0 ? analysis.statistics.wards[selectedWard] : undefined;

  return (
    <div
      className="analysis-panel"
      data-analysed={analysis !== null ? 'true' : 'false'}
      data-analysis-ms={analysis?.elapsedMs.toFixed(0)}
      data-worker-ms={analysis?.workerMs.toFixed(0)}
      data-computed-ahead={analysis?.computedAhead}
      data-analysis-generation={analysis?.generation}
      data-zones-status={analysis?.zonesStatus}
      data-update-ms={analysis?.lastUpdate?.ms.toFixed(1)}
      data-weak-households={total === null ? undefined : weakOrNone(total)}
    >
      <AnalysisRunControls cells={data.cells} analysis={api} thresholds={thresholds} ready={ready} stale={api.stale || thresholdsChanged} />

      {analysis !== null && (
        <>
          <AnalysisTotals analysis={analysis} />
          <AnalysisLayerToggles analysis={analysis} layers={layers} onLayers={onLayers} heatmapStatus={heatmapStatus} />
          <CellEditSection
            cells={data.cells}
            analysis={analysis}
            api={api}
            editingCell={editingCell}
            onEditCell={onEditCell}
            onEditClose={onEditClose}
          />
          <section className="panel-section ward-breakdown-section">
            {selected !== undefined ? <WardBreakdown totals={selected} name={wardLabels(data.wards)[selectedWard] ?? selected.wardName} /> : <p className="hint">{t('analysisSelectWard')}</p>}
          </section>
          <AnalysisExports analysis={analysis} />
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
