/**
 * Opening a target's closing plan in its tab (issue 9): the chosen sites become the siting tab's result (drawn on
 * the map, exportable), the extension plan the fibre tab's plan (its cables on the map, its figures), each saying
 * which target it closes.
 */
import type { Technology } from '../../core/model.ts';
import type { CloseTargetResponse } from '../../worker/protocol.ts';
import type { useFibre } from '../fibre/use-fibre.ts';
import type { Language, Translate } from '../i18n.ts';
import type { useAutoSiting } from '../siting/use-auto-siting.ts';
import { targetName } from './target-text.ts';

/** Puts the plan into its tab's state; returns the tab to open, or null when there is no plan to show. */
export function openClosingPlan(
  response: CloseTargetResponse,
  tabs: { autoSiting: Pick<ReturnType<typeof useAutoSiting>, 'show'>; fibre: Pick<ReturnType<typeof useFibre>, 'showPlan'> },
  language: Language,
  t: Translate,
): 'siting' | 'fibre' | null {
  const { closing, timingMs } = response;
  const { target } = closing;
  const name = targetName(target, language, t);
  if (closing.kind === 'sites' && closing.sitingPlan !== null && closing.chosenSites !== null) {
    // the plan's sites under their final names (NEW-001…), as the siting tab names its own
    tabs.autoSiting.show({ ...closing.sitingPlan, sites: closing.chosenSites }, { targetId: target.id, name, technology: target.technology as Technology }, timingMs);
    return 'siting';
  }
  if (closing.kind === 'fibre' && closing.fibrePlan !== null) {
    tabs.fibre.showPlan(closing.fibrePlan, { targetId: target.id, name }, timingMs);
    return 'fibre';
  }
  return null;
}
