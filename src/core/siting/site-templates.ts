/**
 * RF templates for new sites: what a planned tower of a technology looks like (height, band, sectors, power),
 * and the cells a site built from a template has. Documented in docs/siting.md.
 */
import type { Cell, Environment, PathLossModelName, SiteStatus, Technology } from '../model.ts';
import { RF_DEFAULTS } from '../rf-defaults.ts';

export interface SiteTemplate {
  technology: Technology;
  /** Operator written on the new cells (the analysed operator replaces it when the analysis has one). */
  operator: string;
  bandMhz: number;
  heightM: number;
  /** One sector per azimuth (degrees clockwise from north); an empty list is one omnidirectional cell. */
  azimuthsDeg: number[];
  beamwidthDeg: number;
  /** Downtilt in degrees, or null for no vertical pattern (as imported cells without `tilt_deg`). */
  tiltDeg: number | null;
  rsPowerDbm: number;
  antennaGainDbi: number;
  feederLossDb: number;
  /** Explicit path-loss model, or null to choose one from band and environment. */
  model: PathLossModelName | null;
  /** Propagation environment, or null to take the ward's. */
  environment: Environment | null;
}

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
  const defaults = RF_DEFAULTS[technology];
  return {
    technology,
    operator: DEFAULT_NEW_SITE_OPERATOR,
    ...defaults,
    azimuthsDeg: [...DEFAULT_AZIMUTHS_DEG],
    tiltDeg: null,
    model: null,
    environment: null,
  };
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
    bandMhz: template.bandMhz,
    heightM: template.heightM,
    azimuthDeg,
    beamwidthDeg: template.beamwidthDeg,
    tiltDeg: template.tiltDeg,
    rsPowerDbm: template.rsPowerDbm,
    antennaGainDbi: template.antennaGainDbi,
    feederLossDb: template.feederLossDb,
    model: template.model,
    environment: template.environment,
    status,
  }));
}

/** RF fields of a cell that a candidate file may give and a template otherwise supplies. */
export const TEMPLATE_RF_FIELDS = [
  'bandMhz',
  'heightM',
  'azimuthDeg',
  'beamwidthDeg',
  'tiltDeg',
  'rsPowerDbm',
  'antennaGainDbi',
  'feederLossDb',
  'model',
  'environment',
] as const satisfies ReadonlyArray<keyof Cell>;

export type TemplateRfField = (typeof TEMPLATE_RF_FIELDS)[number];

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
  const templateFields: Pick<Cell, TemplateRfField> = {
    bandMhz: template.bandMhz,
    heightM: template.heightM,
    azimuthDeg: null,
    beamwidthDeg: template.beamwidthDeg,
    tiltDeg: template.tiltDeg,
    rsPowerDbm: template.rsPowerDbm,
    antennaGainDbi: template.antennaGainDbi,
    feederLossDb: template.feederLossDb,
    model: template.model,
    environment: template.environment,
  };
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
