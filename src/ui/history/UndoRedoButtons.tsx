/** The header's Undo and Redo buttons; each tooltip names the edit it would take back or do again. */
import './history.css';
import { useI18n } from '../i18n-context.ts';
import type { EditLabel } from './edit-history.ts';
import type { EditHistoryApi } from './use-edit-history.ts';

export function UndoRedoButtons({ history }: { history: EditHistoryApi }) {
  const { t } = useI18n();
  const name = (label: EditLabel) => t(label.key, label.params);
  const buttons = [
    { action: 'undo', icon: '↶', text: t('undo'), label: history.undoLabel, title: (edit: string) => t('undoEdit', { edit }), nothing: t('undoNothing'), shortcut: 'Ctrl+Z', run: history.undo },
    { action: 'redo', icon: '↷', text: t('redo'), label: history.redoLabel, title: (edit: string) => t('redoEdit', { edit }), nothing: t('redoNothing'), shortcut: 'Ctrl+Shift+Z', run: history.redo },
  ] as const;
  return (
    <div
      className="undo-redo"
      role="group"
      aria-label={`${t('undo')} / ${t('redo')}`}
      data-busy={history.busy}
      data-past={history.depth.past}
      data-future={history.depth.future}
    >
      {buttons.map((button) => {
        const tooltip = button.label === null ? button.nothing : `${button.title(name(button.label))} (${button.shortcut})`;
        return (
          <button
            key={button.action}
            type="button"
            className="button button-small"
            data-action={button.action}
            disabled={button.label === null || history.busy}
            title={tooltip}
            aria-label={tooltip}
            onClick={() => void button.run()}
          >
            <span aria-hidden="true">{button.icon}</span> {button.text}
          </button>
        );
      })}
      {history.failed !== null && (
        <span className="undo-failed" role="status" data-testid="undo-failed">
          {t('undoFailed', { edit: name(history.failed) })}
        </span>
      )}
    </div>
  );
}
