/** The cell being edited (a click on the map or its id typed in), applied through the worker's incremental update. */
import { useState } from 'react';
import { isAnalysedCell } from '../../core/coverage/analysed-cell.ts';
import type { Cell } from '../../core/model.ts';
import { useI18n } from '../i18n-context.ts';
import { EditChange } from './AnalysisTotals.tsx';
import { CellEditor } from './CellEditor.tsx';
import { CellFinder } from './CellFinder.tsx';
import type { Analysis, useAnalysis } from './use-analysis.ts';

interface CellEditSectionProps {
  cells: readonly Cell[];
  analysis: Analysis;
  api: ReturnType<typeof useAnalysis>;
  editingCell: number;
  onEditCell: (cellIndex: number) => void;
  onEditClose: () => void;
}

export function CellEditSection({ cells, analysis, api, editingCell, onEditCell, onEditClose }: CellEditSectionProps) {
  const { t } = useI18n();
  const [updating, setUpdating] = useState(false);
  const editing: Cell | undefined = cells[editingCell];

  const applyEdit = async (cell: Cell) => {
    setUpdating(true);
    await api.editCellValues(editingCell, cell);
    setUpdating(false);
  };

  return (
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
          <CellFinder cells={cells} onFound={onEditCell} />
        </>
      )}
      <EditChange analysis={analysis} />
    </section>
  );
}
