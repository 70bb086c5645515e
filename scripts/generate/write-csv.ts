/** CSV text of generated layers, in the import formats of docs/data-formats.md. */
import type { Cell, HouseholdPoints } from '../../src/core/model.ts';

/** The cells as a sites CSV (one row per cell; empty azimuth = omni, empty tilt = no vertical pattern). */
export function sitesCsv(cells: Cell[]): string {
  const header =
    'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,tilt_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status';
  const rows = cells.map((c) =>
    [
      c.siteId, c.cellId, c.lon, c.lat, c.operator, c.technology, c.bandMhz, c.heightM, c.azimuthDeg ?? '',
      c.beamwidthDeg, c.tiltDeg ?? '', c.rsPowerDbm, c.antennaGainDbi, c.feederLossDb, c.model ?? '',
      c.environment ?? '', c.status,
    ].join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

/**
 * The household points as a households CSV, coordinates with 6 decimals. The `ward_id` column is written
 * when any point carries a ward id (the embedded dataset); without it the importer locates the points.
 */
export function householdsCsv(households: HouseholdPoints): string {
  const withWard = households.wardId.some((id) => id !== null);
  const lines = [withWard ? 'household_id,lon,lat,count,ward_id' : 'household_id,lon,lat,count'];
  for (let k = 0; k < households.length; k++) {
    const point = `${households.ids[k]},${households.lon[k].toFixed(6)},${households.lat[k].toFixed(6)},${households.count[k]}`;
    lines.push(withWard ? `${point},${households.wardId[k] ?? ''}` : point);
  }
  return lines.join('\n') + '\n';
}
