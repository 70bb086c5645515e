/**
 * RF templates for new sites: what a planned tower of a technology looks like (height, band, sectors, power),
 * and the cells a site built from a template has. Documented in docs/siting.md.
 */
import type { Cell, SiteStatus, Technology } from '../model.ts';
import { defaultRadioFields, RADIO_FIELD_KEYS, type RadioFieldKey } from '../radio-fields.ts';

/** RF fields of a cell that a candidate file may give and a template otherwise supplies: every radio field. */
const TEMPLATE_RF_FIELDS: readonly RadioFieldKey[] = RADIO_FIELD_KEYS;

export type TemplateRfField = RadioFieldKey;

/**
 * A new site's operator, sectors and the radio fields of its cells but the azimuth (`RADIO_FIELDS`: band, height,
 * beamwidth, tilt, power, gain, loss, model, environment, channel, bandwidth); a null tilt, model or environment
 * means what it means on an imported cell (no vertical pattern, chosen from band and ward).
 */
export type SiteTemplate = {
  technology: Technology;
  /** Operator written on the new cells (the analysed operator replaces it when the analysis has one). */
  operator: string;
  /** One sector per azimuth (degrees clockwise from north); an empty list is one omnidirectional cell. */
  azimuthsDeg: number[];
} & Pick<Cell, Exclude<TemplateRfField, 'azimuthDeg'>>;

/** Operator name of new sites when neither the template nor the analysis names one. */
export const DEFAULT_NEW_SITE_OPERATOR = 'Planned';

/** Three sectors 120° apart, the usual macro layout. */
const DEFAULT_AZIMUTHS_DEG: readonly number[] = [0, 120, 240];

/**
 * The default template of a technology: the importer's RF defaults (`RF_DEFAULTS`, docs/models.md) on three
 * sectors at 0°/120°/240°, no tilt, model and environment chosen per site as for imported cells.
 *
 * @example defaultSiteTemplate('4G').rsPowerDbm // 15.2 (40 W over 1200 subcarriers)
 */
export function defaultSiteTemplate(technology: Technology): SiteTemplate {
  const { azimuthDeg: _sectorsInstead, ...radio } = defaultRadioFields(technology);
  return { technology, operator: DEFAULT_NEW_SITE_OPERATOR, ...radio, azimuthsDeg: [...DEFAULT_AZIMUTHS_DEG] };
}

/** The radio fields of one cell of the template, pointing at `azimuthDeg`. */
function templateCellFields(template: SiteTemplate, azimuthDeg: number | null): Pick<Cell, TemplateRfField> {
  const { technology: _technology, operator: _operator, azimuthsDeg: _azimuths, ...radio } = template;
  return { ...radio, azimuthDeg };
}

/**
 * The cells of a new site built from a template: `${siteId}-1`, `${siteId}-2`, … one per azimuth, or
 * `${siteId}-1` omnidirectional when the template has no azimuths.
 */
export function cellsOfSite(
  siteId: string,
  lon: number,
  lat: number,
  template: SiteTemplate,
  status: SiteStatus = 'planned',
): Cell[] {
  const azimuths: Array<number | null> = template.azimuthsDeg.length > 0 ? template.azimuthsDeg : [null];
  return azimuths.map((azimuthDeg, k) => ({
    cellId: `${siteId}-${k + 1}`,
    siteId,
    lon,
    lat,
    operator: template.operator,
    technology: template.technology,
    ...templateCellFields(template, azimuthDeg),
    status,
  }));
}

/**
 * Cells of a candidate site from a candidate file: the rows' own RF fields where the file gives them, the
 * template's elsewhere. A site whose rows give no azimuth takes the template's sector layout (one cell per
 * template azimuth); a row with its own azimuth stays one sector. `givenFields(cell)` names the fields the
 * file gave for that row.
 */
export function applySiteTemplate(
  rows: readonly Cell[],
  template: SiteTemplate,
  givenFields: (cell: Cell) => ReadonlySet<TemplateRfField>,
): Cell[] {
  const cells: Cell[] = [];
  const spreadSectors = rows.every((row) => !givenFields(row).has('azimuthDeg'));
  const templateFields = templateCellFields(template, null);
  for (const row of rows) {
    const given = givenFields(row);
    const merged: Cell = { ...row };
    for (const field of TEMPLATE_RF_FIELDS) if (!given.has(field)) copyField(merged, templateFields, field);
    if (!spreadSectors) {
      cells.push(merged);
      continue;
    }
    // no azimuth anywhere on the site: the template's sectors, numbered over the site as `cellsOfSite` does
    for (const azimuthDeg of template.azimuthsDeg.length > 0 ? template.azimuthsDeg : [null]) {
      cells.push({ ...merged, cellId: `${row.siteId}-${cells.length + 1}`, azimuthDeg });
    }
  }
  return cells;
}

function copyField<K extends TemplateRfField>(target: Pick<Cell, TemplateRfField>, source: Pick<Cell, TemplateRfField>, field: K): void {
  target[field] = source[field];
}
