/**
 * Shared builders for the siting tests: positions in metres east/north of (106.6, 20.85) converted with the
 * WGS84 metres-per-degree series (111132.92 − 559.82·cos 2φ + …), independent of the code's cheap-ruler;
 * omni 1800 MHz FSPL cells at handset height (1.5 m), so ground distance = 3D distance and, with EIRP −15 dBm,
 * RSRP(d) = −15 − (20·log10(d_km) + 20·log10(1800) + 32.4478) = −112.553 − 20·log10(d_km):
 * ≥ −110 (fair floor) up to 745.4 m, ≥ −120 (weak floor) up to 2,357 m.
 */
import type { Polygon } from 'geojson';
import { indexWards, type WardIndex } from '../../../src/core/assign-wards.ts';
import type { Cell, HouseholdPoints, Ward } from '../../../src/core/model.ts';

export { at } from '../../helpers/local-metres.ts';
import { at, householdsAt } from '../../helpers/local-metres.ts';

/** A rectangle polygon between two corners given in metres. */
export function rectangle(westM: number, southM: number, eastM: number, northM: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[at(westM, southM), at(eastM, southM), at(eastM, northM), at(westM, northM), at(westM, southM)]],
  };
}

function ward(id: string, geometry: Polygon): Ward {
  return { id, name: `Phường ${id}`, district: null, type: 'Phường', environment: 'urban', population2019: null, households2019: null, geometry };
}

/** Two wards side by side: W1 west of x = 0, W2 east of it, 20 km each way. */
export const WARDS: Ward[] = [ward('W1', rectangle(-20000, -20000, 0, 20000)), ward('W2', rectangle(0, -20000, 20000, 20000))];
export const WARD_INDEX: WardIndex = indexWards(WARDS);

/** Household points [eastM, northM, count = 1]. */
export const households = (points: Array<[number, number, number?]>): HouseholdPoints => householdsAt(points);

/** An omni 1800 MHz FSPL cell at 1.5 m with EIRP −15 dBm. */
export function fsplCell(id: string, eastM: number, northM: number, overrides: Partial<Cell> = {}): Cell {
  const [lon, lat] = at(eastM, northM);
  return {
    cellId: `${id}-1`, siteId: id, lon, lat, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 1.5,
    azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: -15, antennaGainDbi: 0, feederLossDb: 0,
    model: 'fspl', environment: 'urban', status: 'existing', channel: null, bandwidthMhz: null, ...overrides,
  };
}

/** Ward index per household point by position: W1 west of x = 0, W2 east. */
export function wardsOf(points: Array<[number, number, number?]>): Int32Array {
  return Int32Array.from(points.map(([e]) => (e < 0 ? 0 : 1)));
}
