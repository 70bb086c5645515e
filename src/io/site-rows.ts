/**
 * Cells as rows of the sites layer (one row per cell, the columns `parseSites` reads, from the radio-field table)
 * and new sites with `households_gained`: the values behind `new_sites.csv`, the GeoJSON export and the generated
 * `data/sites.csv`, each importable again as a sites file.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Cell } from '../core/model.ts';
import { RADIO_FIELD_KEYS, RADIO_FIELDS, type RadioFieldKey } from '../core/radio-fields.ts';
import type { ChosenSite } from '../core/siting/select-new-sites.ts';

export type SiteRowValue = string | number;

/** A column of the sites format as written: its name and a cell's value in it (null = left empty). */
export interface SiteColumn {
  name: string;
  value(cell: Cell): string | number | null;
}

const radioColumn = (key: RadioFieldKey): SiteColumn => ({ name: RADIO_FIELDS[key].column, value: (cell) => cell[key] });
const isOptional = (key: RadioFieldKey): boolean => RADIO_FIELDS[key].optional;

const SITE_ID: SiteColumn = { name: 'site_id', value: (cell) => cell.siteId };
const CELL_ID: SiteColumn = { name: 'cell_id', value: (cell) => cell.cellId };

/** The columns every sites file gets, in the documented order (docs/data-formats.md), after `site_id`. */
const REQUIRED_COLUMNS: readonly SiteColumn[] = [
  { name: 'lon', value: (cell) => cell.lon },
  { name: 'lat', value: (cell) => cell.lat },
  { name: 'operator', value: (cell) => cell.operator },
  { name: 'technology', value: (cell) => cell.technology },
  ...RADIO_FIELD_KEYS.filter((key) => !isOptional(key)).map(radioColumn),
  { name: 'status', value: (cell) => cell.status },
];

/**
 * The sites columns for these cells: `site_id` (then `cell_id` when asked), the documented columns, and the
 * optional ones (`channel`, `bandwidth_mhz`) only when some cell has a value, so that files of cells without them
 * stay exactly as they were before those columns existed.
 */
export function siteColumns(cells: readonly Cell[], withCellId: boolean): SiteColumn[] {
  const optional = RADIO_FIELD_KEYS.filter((key) => isOptional(key) && cells.some((cell) => cell[key] !== null));
  return [SITE_ID, ...(withCellId ? [CELL_ID] : []), ...REQUIRED_COLUMNS, ...optional.map(radioColumn)];
}

/** A cell's values in `columns`; empty text for omni azimuth, no tilt, model, environment, channel or bandwidth. */
export function siteRowValues(cell: Cell, columns: readonly SiteColumn[]): SiteRowValue[] {
  return columns.map((column) => column.value(cell) ?? '');
}

/**
 * `new_sites.csv`: the sites columns plus `households_gained`, one row per cell, sites in pick order;
 * `households_gained` is the site's gain (the households it newly lifts given the sites before it), repeated on
 * each of its cells: sum it per site, not per row.
 */
export function newSitesTable(sites: readonly ChosenSite[]): { columns: string[]; rows: SiteRowValue[][] } {
  const columns = siteColumns(sites.flatMap((site) => site.cells), false);
  return {
    columns: [...columns.map((column) => column.name), 'households_gained'],
    rows: sites.flatMap((site) => site.cells.map((cell) => [...siteRowValues(cell, columns), site.householdsGained])),
  };
}

/**
 * A new site's cell as GeoJSON properties: the sites columns with `cell_id` (null where empty), then `pick`
 * (1 for the first site picked), `households_gained` and `ward_ids` (the wards of the households gained, most first).
 */
export type NewSiteProperties = Record<string, string | number | null | string[]>;

/** New sites as GeoJSON Points, one feature per cell (the form `parseSites` reads back). */
export function newSitesGeoJson(sites: readonly ChosenSite[]): FeatureCollection<Point, NewSiteProperties> {
  const cells = sites.flatMap((site) => site.cells);
  const columns = siteColumns(cells, true).filter((column) => column.name !== 'lon' && column.name !== 'lat');
  const features: Array<Feature<Point, NewSiteProperties>> = sites.flatMap((site, i) =>
    site.cells.map((cell) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [cell.lon, cell.lat] },
      properties: {
        ...Object.fromEntries(columns.map((column) => [column.name, column.value(cell)])),
        pick: i + 1,
        households_gained: site.householdsGained,
        ward_ids: site.wards.map((ward) => ward.wardId),
      },
    })),
  );
  return { type: 'FeatureCollection', features };
}
