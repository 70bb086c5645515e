/**
 * The network worked out by hand that the worker-session tests share: one omnidirectional 4G cell (free-space loss,
 * 1800 MHz, 5 dBm RS power + 10 dBi) and three household points east of it at 1 km (10 households, good), 35 km
 * (5, weak) and 120 km (5, none). FSPL = 20·log10(d km) + 20·log10(1800) + 32.44 dB: RSRP ≈ −82.6 dBm at 1 km,
 * −113.4 dBm at 35 km, −124.1 dBm at 120 km against the default thresholds (−100 / −110 / −120 dBm). Unit W holds
 * the 10 good households, unit E the 5 weak and 5 none.
 */
import { EngineSession, type Progress } from '../../src/worker/engine-session.ts';

export const noProgress: Progress = () => undefined;
/** Degrees of longitude per km at 20° N (WGS84, cheap-ruler's scale: 104.6 km per degree). */
const DEG_PER_KM = 1 / 104.65;
export const east = (km: number) => (106 + km * DEG_PER_KM).toFixed(6);

export function box(west: number, south: number, eastLon: number, north: number) {
  return { type: 'Polygon', coordinates: [[[west, south], [eastLon, south], [eastLon, north], [west, north], [west, south]]] };
}

export const WARDS = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { ward_id: 'W', name: 'Tây' }, geometry: box(105.9, 19.9, 106.2, 20.1) },
    { type: 'Feature', properties: { ward_id: 'E', name: 'Đông' }, geometry: box(106.2, 19.9, 107.4, 20.1) },
  ],
});
export const HOUSEHOLDS = `household_id,lon,lat,count\nA,${east(1)},20,10\nB,${east(35)},20,5\nC,${east(120)},20,5\n`;
export const SITES =
  'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status\n' +
  'S1,C1,106,20,Viettel,4G,1800,30,,360,5,10,0,fspl,urban,existing';

/** A session holding the network's wards, households and cell (not analysed). */
export function handWorkedSession(): EngineSession {
  const s = new EngineSession();
  s.load({ layer: 'wards', file: 'w.geojson' }, WARDS, noProgress);
  s.load({ layer: 'households', file: 'h.csv' }, HOUSEHOLDS, noProgress);
  s.load({ layer: 'sites', file: 's.csv' }, SITES, noProgress);
  return s;
}
