/**
 * A crosswalk between two unit layouts (data/hp2025_crosswalk.csv: every 2019 unit → the 2025 unit(s) it went
 * into): one row per (old unit, new unit) pair, `share` the fraction of the old unit's households counted in the
 * new unit. The roll-up (core/layouts/crosswalk-rollup.ts) gives each old unit the new unit of its `share` 1 row.
 */
import type { Crosswalk, CrosswalkRow } from '../core/layouts/crosswalk.ts';
import type { ImportResult } from './import-result.ts';
import { IssueLog } from './issue-log.ts';
import { findColumn, parseDecimal, readCsv, rejectMalformedRow } from './read-csv.ts';

/** Column names per field, in priority order (matched folded: `findColumn`). */
export const CROSSWALK_COLUMNS = {
  oldId: ['old_code', 'old_id'],
  newId: ['new_code', 'new_id'],
  share: ['share'],
  oldName: ['old_name'],
  oldDistrict: ['old_district'],
  newName: ['new_name'],
  split: ['split'],
  uncertain: ['link_2024_2025_uncertain'],
} as const;

export type { Crosswalk, CrosswalkRow };

function approximationsOf(split: string | null, uncertain: string | null): Pick<CrosswalkRow, 'approximate' | 'split' | 'uncertainLink'> {
  const flags = { split: split === '1', uncertainLink: uncertain === '1' };
  return { approximate: flags.split || flags.uncertainLink, ...flags };
}

/**
 * Parses a crosswalk CSV. Never throws: rows without both codes or with a share outside 0…1 are rejected; a
 * second share-1 row for an old unit is rejected (the first is kept); an old unit with no share-1 row is noted
 * (its households would go to no new unit).
 */
export function parseCrosswalk(text: string, file: string): ImportResult<Crosswalk> {
  const log = new IssueLog(file, 'row');
  const rows: CrosswalkRow[] = [];
  const newIdOfOldId = new Map<string, string>();
  const wholeRowOf = new Map<string, number>();
  const firstRowOf = new Map<string, number>();
  let read = 0;
  readCsv(text, log, ({ cells: header, delimiter }) => {
    const column = (aliases: readonly string[]) => findColumn(header, aliases);
    const oldIndex = column(CROSSWALK_COLUMNS.oldId);
    const newIndex = column(CROSSWALK_COLUMNS.newId);
    const found = header.join(', ');
    if (oldIndex === -1) log.failFile('missing-column', { allowed: CROSSWALK_COLUMNS.oldId.join(', '), value: found }, 'old_code');
    if (newIndex === -1) log.failFile('missing-column', { allowed: CROSSWALK_COLUMNS.newId.join(', '), value: found }, 'new_code');
    if (log.failed) return null;
    const shareIndex = column(CROSSWALK_COLUMNS.share);
    const optional = (aliases: readonly string[], record: string[]): string | null => {
      const index = column(aliases);
      const text = index === -1 ? '' : (record[index] ?? '').trim();
      return text === '' ? null : text;
    };
    return (record, row, quoteProblem) => {
      read++;
      if (rejectMalformedRow(record, row, quoteProblem, header.length, delimiter, log)) return;
      const oldId = (record[oldIndex] ?? '').trim();
      const newId = (record[newIndex] ?? '').trim();
      if (oldId === '') log.reject(row, 'missing-value', header[oldIndex]);
      if (newId === '') log.reject(row, 'missing-value', header[newIndex]);
      let share = 1;
      if (shareIndex !== -1) {
        const shareText = record[shareIndex] ?? '';
        share = parseDecimal(shareText, delimiter === ';');
        if (shareText.trim() === '') log.reject(row, 'missing-value', header[shareIndex]);
        else if (Number.isNaN(share)) log.reject(row, 'not-a-number', header[shareIndex], { value: shareText });
        else if (share < 0 || share > 1) log.reject(row, 'out-of-range', header[shareIndex], { value: shareText, min: 0, max: 1 });
        if (!(share >= 0 && share <= 1)) return;
      }
      if (oldId === '' || newId === '') return;
      if (share === 1) {
        const first = wholeRowOf.get(oldId);
        if (first !== undefined) {
          log.reject(row, 'duplicate-id', header[oldIndex], { value: oldId, first });
          return;
        }
        wholeRowOf.set(oldId, row);
        newIdOfOldId.set(oldId, newId);
      }
      if (!firstRowOf.has(oldId)) firstRowOf.set(oldId, row);
      rows.push({
        oldId,
        newId,
        share,
        oldName: optional(CROSSWALK_COLUMNS.oldName, record),
        oldDistrict: optional(CROSSWALK_COLUMNS.oldDistrict, record),
        newName: optional(CROSSWALK_COLUMNS.newName, record),
        ...approximationsOf(optional(CROSSWALK_COLUMNS.split, record), optional(CROSSWALK_COLUMNS.uncertain, record)),
      });
    };
  });
  for (const [oldId, row] of firstRowOf) if (!wholeRowOf.has(oldId)) log.note(row, 'unit-not-mapped', 'share', { value: oldId });
  return log.finish({ rows, newIdOfOldId }, read, rows.length);
}
