/** Side form editing one cell (position, height, power, azimuth, tilt); applying it recomputes only what it affects. */
import { useEffect, useRef, useState } from 'react';
import type { Cell } from '../../core/model.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { EDITABLE_FIELDS, applyDraft, draftAfterChange, draftOf, type CellDraft, type EditableField } from './cell-edit.ts';

const LABELS: Record<EditableField, DictionaryKey> = {
  lon: 'editLon',
  lat: 'editLat',
  heightM: 'fieldHeight',
  rsPowerDbm: 'fieldRsPower',
  azimuthDeg: 'fieldAzimuth',
  tiltDeg: 'fieldTilt',
};

interface CellEditorProps {
  cell: Cell;
  /** Whether the cell is of the analysed technology and operator (otherwise the edit changes no result). */
  analysed: boolean;
  busy: boolean;
  onApply: (cell: Cell) => void;
  onClose: () => void;
}

export function CellEditor({ cell, analysed, busy, onApply, onClose }: CellEditorProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CellDraft>(() => draftOf(cell));
  const [invalid, setInvalid] = useState<EditableField | null>(null);
  const shown = useRef(cell);
  useEffect(() => {
    const before = shown.current;
    shown.current = cell;
    if (before === cell) return;
    // what was typed since survives (an applied edit's cell comes back after its result, while the next is typed)
    setDraft((current) => draftAfterChange(current, before, cell));
    if (before.cellId !== cell.cellId) setInvalid(null);
  }, [cell]);

  return (
    <form
      className="cell-editor"
      data-cell-id={cell.cellId}
      onSubmit={(event) => {
        event.preventDefault();
        const result = applyDraft(cell, draft);
        if ('invalidField' in result) setInvalid(result.invalidField);
        else {
          setInvalid(null);
          onApply(result.cell);
        }
      }}
    >
      <div className="cell-editor-title">
        <strong>{t('editTitle', { cell: cell.cellId })}</strong>
        <span>
          {cell.operator} · {cell.technology} · {cell.bandMhz} MHz
        </span>
      </div>
      {!analysed && <p className="hint">{t('editNotAnalysed')}</p>}
      <div className="cell-editor-fields">
        {EDITABLE_FIELDS.map((field) => (
          <label key={field}>
            {t(LABELS[field])}
            <input
              type="text"
              inputMode="decimal"
              name={field}
              value={draft[field]}
              aria-invalid={invalid === field}
              onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
            />
          </label>
        ))}
      </div>
      {invalid !== null && <p className="field-error">{t('editInvalid', { field: t(LABELS[invalid]) })}</p>}
      <div className="cell-editor-actions">
        <button type="submit" className="button button-small" disabled={busy}>
          {t('editApply')}
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          {t('editClose')}
        </button>
      </div>
    </form>
  );
}
