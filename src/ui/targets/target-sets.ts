/**
 * The target sets the app offers: the three shipped in data/targets/ (bundled as text, read by the same reader
 * as an imported file), then any the user imports or edits. A set keeps where it came from so the panel can say
 * whether what is evaluated is the plan as published or the user's version of it.
 */
import type { Target, TargetSet } from '../../core/targets/target-set.ts';
import type { ImportResult } from '../../io/import-result.ts';
import { isTargetDate, parseTargetSet } from '../../io/target-set-file.ts';

const EMBEDDED_TEXTS = import.meta.glob<string>('../../../data/targets/*.json', { query: '?raw', import: 'default', eager: true });

/** The set the app starts with (as the CLI's `targets` command): Hải Phòng's plan 2026–2030. */
export const DEFAULT_TARGET_SET_ID = 'hp-2026-2030';

export interface TargetSetEntry {
  set: TargetSet;
  origin: 'embedded' | 'imported';
  /** Thresholds or deadlines changed in the app since it was loaded. */
  edited: boolean;
}

/** The shipped sets, in file-name order. */
export function embeddedTargetSets(): TargetSetEntry[] {
  return Object.entries(EMBEDDED_TEXTS)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, text]) => {
      const set = parseTargetSet(text, path.split('/').pop() ?? path).data;
      return set === null ? [] : [{ set, origin: 'embedded' as const, edited: false }];
    });
}

/** Reads a set file of the user's; the result carries the rejections to show. */
export function readTargetSetFile(text: string, file: string): ImportResult<TargetSet | null> {
  return parseTargetSet(text, file);
}

/** Adds or replaces (same id) a set in the list. */
export function withSet(entries: readonly TargetSetEntry[], entry: TargetSetEntry): TargetSetEntry[] {
  const index = entries.findIndex((existing) => existing.set.id === entry.set.id);
  return index === -1 ? [...entries, entry] : entries.map((existing, i) => (i === index ? entry : existing));
}

/** What a planner may edit in the app: the threshold (in the target's unit) and the deadline. */
export type TargetEdit = { field: 'threshold'; value: number } | { field: 'deadline'; value: string };

/**
 * A target edited, or null when the value is not acceptable: a threshold in 0–100 for %, ≥ 0 for Mb/s (as the set
 * reader checks it); a deadline YYYY, YYYY-MM or YYYY-MM-DD.
 */
export function editTarget(target: Target, edit: TargetEdit): Target | null {
  if (edit.field === 'threshold') {
    const { value } = edit;
    const valid = Number.isFinite(value) && value >= 0 && (target.unit !== '%' || value <= 100);
    return valid ? { ...target, threshold: value } : null;
  }
  return isTargetDate(edit.value) ? { ...target, deadline: edit.value } : null;
}
