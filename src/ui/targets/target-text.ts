/** How a target and its figures read in the UI (the report has its own wording: core/report/report-i18n.ts). */
import type { TargetEvaluation, TargetValue } from '../../core/targets/evaluate-targets.ts';
import { INDICATORS, type Target } from '../../core/targets/target-set.ts';
import { formatCount, formatDecimal } from '../format-number.ts';
import type { DictionaryKey, Language, Translate } from '../i18n.ts';

/** The target's own name in the language, else its indicator and technology. */
export function targetName(target: Target, language: Language, t: Translate): string {
  return target.name?.[language] ?? `${t(`indicator_${target.indicator}` as DictionaryKey)} (${target.technology})`;
}

export function scopeText(target: Target, t: Translate): string {
  const { scope } = target;
  if (scope.kind === 'city') return t('targetScopeCity');
  if (scope.kind === 'units') return t('targetScopeUnits', { n: scope.unitIds.length });
  return t('targetScopeZones', { kinds: scope.zoneKinds.map((kind) => zoneKindText(kind, t)).join(', ') });
}

/** A zone kind in words when the app knows it, else as the file writes it. */
export function zoneKindText(kind: string, t: Translate): string {
  const key = `zoneKind_${kind}`;
  return ['zoneKind_industrial_park', 'zoneKind_high_tech_park', 'zoneKind_port', 'zoneKind_central_urban'].includes(key) ? t(key as DictionaryKey) : kind;
}

/** The unit of a target's gap: a percentage's is in points (`điểm %`, `pp`), a speed's in Mb/s. */
export function gapUnit(unit: Target['unit'], t: Translate): string {
  return unit === '%' ? t('targetsPoints') : unit;
}

/** A gap in the target's unit (`gapUnit`): `3,8 điểm %`, `3.8 pp` or `12.5 Mb/s`; "–" without one. */
export function gapText(gap: number | null, unit: Target['unit'], language: Language, t: Translate, fractionDigits = 1): string {
  return gap === null ? '–' : `${formatDecimal(gap, language, fractionDigits)}\u00a0${gapUnit(unit, t)}`;
}

/**
 * A value that misses its target, with the decimals it takes not to read as reaching it: a plan that stops at
 * 99.96 % of a 100 % target is `99,96 %`, not `100,0 %` (one decimal, up to four).
 */
export function shortOfTargetText(value: number | null, target: Pick<Target, 'indicator' | 'threshold' | 'unit'>, language: Language): string {
  return value === null ? '–' : `${formatDecimal(value, language, digitsShortOf(value, target))}\u00a0${target.unit}`;
}

/** The decimals (1 to 4) at which `value`, short of its target, does not read as reaching it (`shortOfTargetText`). */
export function digitsShortOf(value: number, target: Pick<Target, 'indicator' | 'threshold'>): number {
  const atLeast = INDICATORS[target.indicator].direction === 'at-least';
  const reads = (digits: number) => Number(value.toFixed(digits));
  let digits = 1;
  while (digits < 4 && (atLeast ? reads(digits) >= target.threshold : reads(digits) <= target.threshold)) digits++;
  return digits;
}

/** A value in the target's unit: `96,2 %` or `42,0 Mb/s`; "–" without one. */
export function valueText(value: number | null, unit: Target['unit'], language: Language): string {
  return value === null ? '–' : `${formatDecimal(value, language, 1)}\u00a0${unit}`;
}

export function statusText(status: TargetValue['status'], t: Translate): string {
  return t(`targetStatus_${status}` as DictionaryKey);
}

/** Why there is no value, when there is none. */
export function reasonText(evaluation: TargetEvaluation, t: Translate): string | null {
  return evaluation.reason === null ? null : t(`targetReason_${evaluation.reason}` as DictionaryKey);
}

/** "3.120 households short" (or people), when not met. */
export function shortfallText(target: Target, value: TargetValue, language: Language, t: Translate): string | null {
  if (value.status !== 'not-met' || value.shortfall === null) return null;
  const persons = target.indicator === 'coverage_population';
  return t(persons ? 'targetsShortfallPersons' : 'targetsShortfallHouseholds', { n: formatCount(value.shortfall, language) });
}

/** The source as one line: document, article, date, and how sure. */
export function sourceText(target: Target): string {
  const { document, article, date, note } = target.source;
  return [document, article, date, note].filter((part) => part !== null && part !== '').join(' · ');
}
