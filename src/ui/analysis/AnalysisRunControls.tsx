/**
 * The analysis' settings and run: technology and operator, the run button, the progress bar with cancel while it
 * runs, and what the last run left to say (failed, cancelled, stale, nothing yet).
 */
import { useEffect, useMemo, useState } from 'react';
import { TECHNOLOGIES, type Cell, type SignalThresholdsDbm, type Technology } from '../../core/model.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { TaskMessage, TaskProgress } from './TaskStatus.tsx';
import type { useAnalysis } from './use-analysis.ts';

const STAGE_LABELS: Record<string, DictionaryKey> = {
  analyse: 'stageAnalyse',
  statistics: 'stageStatistics',
  zones: 'stageZones',
  heatmap: 'stageHeatmap',
};
/** Share of the bar each stage covers (the weak zones take about as long as the household analysis). */
const STAGE_SPANS: Record<string, [number, number]> = { analyse: [0, 0.5], statistics: [0.5, 0.55], zones: [0.55, 1] };

interface AnalysisRunControlsProps {
  cells: readonly Cell[];
  analysis: ReturnType<typeof useAnalysis>;
  thresholds: SignalThresholdsDbm;
  /** Whether the layers the analysis needs are loaded. */
  ready: boolean;
  /** Whether the result no longer matches the data or the thresholds. */
  stale: boolean;
}

export function AnalysisRunControls({ cells, analysis: api, thresholds, ready, stale }: AnalysisRunControlsProps) {
  const { t } = useI18n();
  const { analysis, progress, message } = api;
  const [technology, setTechnology] = useState<Technology>(analysis?.settings.technology ?? '4G');
  const [operator, setOperator] = useState<string>(analysis?.settings.operator ?? '');
  const operators = useMemo(
    () => [...new Set(cells.filter((cell) => cell.technology === technology).map((cell) => cell.operator))].sort(),
    [cells, technology],
  );
  const stageSpan = progress?.stage ? (STAGE_SPANS[progress.stage] ?? [0, 1]) : [0, 0];
  // while the panel offers a run (none yet, or the result is stale), the worker computes that run in its idle time
  const offersRun = ready && progress === null && (analysis === null || stale);
  const { expect } = api;
  useEffect(() => {
    expect(offersRun ? { technology, operator: operator === '' ? null : operator, thresholdsDbm: thresholds } : null);
  }, [expect, offersRun, technology, operator, thresholds]);
  // a panel closed offers nothing
  useEffect(() => () => expect(null), [expect]);

  return (
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
  );
}
