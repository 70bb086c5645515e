/** Opens the cell editor on the cell with a typed id (exact, then ignoring case). */
import { useState } from 'react';
import type { Cell } from '../../core/model.ts';
import { useI18n } from '../i18n-context.ts';

export function CellFinder({ cells, onFound }: { cells: readonly Cell[]; onFound: (cellIndex: number) => void }) {
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
