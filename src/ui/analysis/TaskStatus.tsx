/**
 * How a worker task (analysis, fibre plan) is going and how it ended: a progress bar with the stage and a cancel
 * button while it runs, then the failure, cancellation or restart notice.
 */
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import type { AnalysisMessage } from './use-analysis.ts';

interface TaskProgressProps {
  /** Share of the whole task done, 0–1. */
  fraction: number;
  stageLabel: DictionaryKey | undefined;
  /** `data-action` of the cancel button (the browser tests press it). */
  cancelAction: string;
  onCancel: () => void;
}

export function TaskProgress({ fraction, stageLabel, cancelAction, onCancel }: TaskProgressProps) {
  const { t } = useI18n();
  return (
    <div className="analysis-progress" role="status" aria-live="polite">
      <div className="progress-track">
        {/* a sliver even at 0 % so the bar reads as started */}
        <div className="progress-fill" style={{ width: `${Math.max(4, Math.round(fraction * 100))}%` }} />
      </div>
      <span className="progress-stage">{stageLabel !== undefined ? t(stageLabel) : ''}</span>
      <button type="button" className="button button-small" data-action={cancelAction} onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

/** The failure reason as an error, a cancellation or restart as a hint. */
export function TaskMessage({ message }: { message: NonNullable<AnalysisMessage> }) {
  const { t } = useI18n();
  return (
    <p className={message.key === 'analysisFailed' ? 'field-error' : 'hint'}>
      {message.key === 'analysisFailed' ? t('analysisFailed', { reason: message.reason }) : t(message.key)}
    </p>
  );
}
