/** English strings of undo/redo (merged into i18n.ts). */
import type { historyVi } from './history-i18n-vi.ts';

export const historyEn: Record<keyof typeof historyVi, string> = {
  undo: 'Undo',
  redo: 'Redo',
  undoEdit: 'Undo: {edit}',
  redoEdit: 'Redo: {edit}',
  undoNothing: 'Nothing to undo',
  redoNothing: 'Nothing to redo',
  undoFailed: 'Could not apply “{edit}”: it needs an analysis result; run the analysis first.',
  editCell: 'edit cell {cell}',
  editAddSites: 'add {n} {n|site|sites} ({sites})',
  editDeleteSites: 'delete {n} {n|site|sites} ({sites})',
  editMoveSite: 'move site {site}',
  editApprove: 'approve site {site}',
  editReject: 'reject site {site}',
  editUndecide: 'clear the decision on site {site}',
  editDeleteExtension: 'delete cable {extension}',
};
