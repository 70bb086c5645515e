import type { AnalysisSettings, Cell } from '../model.ts';
import { normalizeKeyword } from '../normalize-keyword.ts';
import { resolveEnvironment, type PlaceEnvironment } from '../resolve-environment.ts';

/**
 * Whether a cell belongs to the analysed layer: the settings' technology and, when set, operator. Operators
 * match by their folded keyword (case, diacritics, spaces and punctuation ignored: "viettel", "Viettel" and
 * "VIETTEL " are one operator), so every host counts and analyses the same cells.
 *
 * @example isAnalysedCell({ ...cell, technology: '4G', operator: 'Viettel' }, { technology: '4G', operator: 'viettel' }) // true
 */
export function isAnalysedCell(cell: Cell, settings: Pick<AnalysisSettings, 'technology' | 'operator'>): boolean {
  if (cell.technology !== settings.technology) return false;
  return settings.operator === null || normalizeKeyword(cell.operator) === normalizeKeyword(settings.operator);
}

/**
 * The cells with the environment of each analysed one resolved (`resolveEnvironment` with `place`): what a host
 * hands a partner thread, which has no place of its own (`RESOLVED_PLACE`).
 */
export function withResolvedEnvironments(cells: readonly Cell[], settings: Pick<AnalysisSettings, 'technology' | 'operator'>, place: Pick<PlaceEnvironment, 'at'>): Cell[] {
  return cells.map((cell) => (isAnalysedCell(cell, settings) ? { ...cell, environment: resolveEnvironment(cell, place) } : cell));
}
