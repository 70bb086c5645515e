/** CSV text of generated layers, in the import formats of docs/data-formats.md. */
import type { Cell, HouseholdPoints } from '../../src/core/model.ts';
import { siteColumns, siteRowValues } from '../../src/io/site-rows.ts';

/**
 * The cells as a sites CSV (one row per cell, with `cell_id`; the sites writers' columns, empty azimuth = omni,
 * empty tilt = no vertical pattern). No value of ours holds a comma or a quote, so fields are joined unquoted.
 */
export function sitesCsv(cells: Cell[]): string {
  const columns = siteColumns(cells, true);
  const rows = cells.map((cell) => siteRowValues(cell, columns).join(','));
  return [columns.map((column) => column.name).join(','), ...rows].join('\n') + '\n';
}

/**
 * The household points as a households CSV, coordinates with 6 decimals. The `ward_id` column is written
 * when any point carries a ward id (the embedded dataset); without it the importer locates the points.
 */
export function householdsCsv(households: HouseholdPoints): string {
  const withWard = households.wardId.some((id) => id !== null);
  const lines = [withWard ? 'household_id,lon,lat,count,ward_id' : 'household_id,lon,lat,count'];
  for (let k = 0; k < households.length; k++) {
    const point = `${households.ids.at(k)},${households.lon[k].toFixed(6)},${households.lat[k].toFixed(6)},${households.count[k]}`;
    lines.push(withWard ? `${point},${households.wardId[k] ?? ''}` : point);
  }
  return lines.join('\n') + '\n';
}
