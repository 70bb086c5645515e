/**
 * The cell editor's form, as plain data: a draft of text fields made from a cell, and the edited cell read back
 * from it with the importer's ranges (`RADIO_FIELDS`), so an edit can never produce a cell an import would reject.
 */
import type { Cell } from '../../core/model.ts';
import { RADIO_FIELDS } from '../../core/radio-fields.ts';

export const EDITABLE_FIELDS = ['lon', 'lat', 'heightM', 'rsPowerDbm', 'azimuthDeg', 'tiltDeg'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type CellDraft = Record<EditableField, string>;

/** Ranges of the editable fields: the importer's, and WGS84 for the position. */
const RANGES: Record<EditableField, readonly [number, number]> = {
  lon: [-180, 180],
  lat: [-90, 90],
  heightM: RADIO_FIELDS.heightM.range,
  rsPowerDbm: RADIO_FIELDS.rsPowerDbm.range,
  azimuthDeg: RADIO_FIELDS.azimuthDeg.range,
  tiltDeg: RADIO_FIELDS.tiltDeg.range,
};

/** Fields that may be left empty: azimuth (omnidirectional) and tilt (no vertical pattern). */
const NULLABLE: ReadonlySet<EditableField> = new Set(['azimuthDeg', 'tiltDeg']);

export function draftOf(cell: Cell): CellDraft {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    lon: text(cell.lon),
    lat: text(cell.lat),
    heightM: text(cell.heightM),
    rsPowerDbm: text(cell.rsPowerDbm),
    azimuthDeg: text(cell.azimuthDeg),
    tiltDeg: text(cell.tiltDeg),
  };
}

/**
 * The cell with the draft applied, or the first field that is not a number in its range. A decimal comma is
 * accepted ("30,5" = 30.5).
 *
 * @example applyDraft(cell, { ...draftOf(cell), heightM: '45' }) // { cell: { ...cell, heightM: 45 } }
 */
export function applyDraft(cell: Cell, draft: CellDraft): { cell: Cell } | { invalidField: EditableField } {
  const values: Partial<Record<EditableField, number | null>> = {};
  for (const field of EDITABLE_FIELDS) {
    const text = draft[field].trim().replace(',', '.').replace('−', '-');
    if (text === '' && NULLABLE.has(field)) {
      values[field] = null;
      continue;
    }
    const value = text === '' ? Number.NaN : Number(text);
    const [min, max] = RANGES[field];
    if (!Number.isFinite(value) || value < min || value > max) return { invalidField: field };
    values[field] = value;
  }
  return {
    cell: {
      ...cell,
      lon: values.lon as number,
      lat: values.lat as number,
      heightM: values.heightM as number,
      rsPowerDbm: values.rsPowerDbm as number,
      azimuthDeg: values.azimuthDeg ?? null,
      tiltDeg: values.tiltDeg ?? null,
    },
  };
}

/**
 * The editor's draft once its cell changes from `before` to `after` (a drag, its edit applied): for another cell, that
 * cell's values; for the same cell, field by field, what was typed since `before` was shown, else the new value. An
 * applied edit's cell may come back after its result, while the next values are being typed.
 *
 * @example draftAfterChange({ ...draftOf(cell), rsPowerDbm: '20' }, cell, moved) // moved's position, power '20'
 */
export function draftAfterChange(current: CellDraft, before: Cell, after: Cell): CellDraft {
  const next = draftOf(after);
  if (before.cellId !== after.cellId) return next;
  const shown = draftOf(before);
  for (const field of EDITABLE_FIELDS) if (current[field] !== shown[field]) next[field] = current[field];
  return next;
}
