/**
 * The target set's rows as the report and the `targets` command write them (issue 9 `targets.csv`): each target's
 * value, threshold and gap in its unit, its status, and what closes its gap (`closeTargetGaps`), with the scope and
 * the source document as text.
 */
import type { TargetEvaluation } from '../targets/evaluate-targets.ts';
import type { GapClosing } from '../targets/close-gaps.ts';
import type { Target, TargetScope, TargetSet } from '../targets/target-set.ts';
import type { ReportLanguage, TargetRow, TargetSetInfo } from './report-model.ts';

/** `city`, `units:CODE;CODE…` or `zones:KIND;KIND…`. */
export function scopeText(scope: TargetScope): string {
  if (scope.kind === 'city') return 'city';
  return scope.kind === 'units' ? `units:${scope.unitIds.join(';')}` : `zones:${scope.zoneKinds.join(';')}`;
}

/** The document, its date and article, as known: e.g. `Quyết định 1132/QĐ-TTg, 2024-10-09, Điều 1`. */
export function sourceText(target: Target): string {
  const { document, date, article } = target.source;
  return [document, date, article].filter((part): part is string => part !== null && part !== '').join(', ');
}

/**
 * One row per evaluated target, in the set's order; the closing columns are null where nothing is planned
 * (`closings` null: not planned at all).
 */
export function targetRows(evaluations: readonly TargetEvaluation[], closings: readonly GapClosing[] | null): TargetRow[] {
  return evaluations.map((evaluation, t) => {
    const { target } = evaluation;
    const closing = closings?.[t] ?? null;
    return {
      targetId: target.id,
      name: target.name,
      indicator: target.indicator,
      technology: target.technology,
      scope: target.scope,
      unit: target.unit,
      value: evaluation.value,
      target: target.threshold,
      gap: evaluation.gap,
      status: evaluation.status,
      deadline: target.deadline,
      toCloseSites: closing?.sites ?? null,
      toCloseCableM: closing?.cableM ?? null,
      toCloseCostVnd: closing?.costVnd ?? null,
      source: sourceText(target),
    };
  });
}

/** The set's id, name in the report's language, and the distinct documents its targets cite. */
export function targetSetInfo(set: TargetSet, language: ReportLanguage): TargetSetInfo {
  return { id: set.id, name: set.name[language], sources: [...new Set(set.targets.map(sourceText))] };
}
