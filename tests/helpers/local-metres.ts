/**
 * Test fixtures placed in metres around one origin in Hải Phòng, with the standard WGS84 metres-per-degree series
 * (111132.92 − 559.82 cos 2φ + 1.175 cos 4φ; 111412.84 cos φ − 93.5 cos 3φ), independent of the code's cheap-ruler.
 */
import type { Polygon } from 'geojson';
import type { HouseholdPoints, Ward } from '../../src/core/model.ts';

export const LON0 = 106.6;
export const LAT0 = 20.85;
const PHI = (LAT0 * Math.PI) / 180;
export const M_PER_DEG_LAT = 111132.92 - 559.82 * Math.cos(2 * PHI) + 1.175 * Math.cos(4 * PHI);
export const M_PER_DEG_LON = 111412.84 * Math.cos(PHI) - 93.5 * Math.cos(3 * PHI);

/** [lon, lat] of the point eastM, northM metres from the origin. */
export const at = (eastM: number, northM: number): [number, number] => [LON0 + eastM / M_PER_DEG_LON, LAT0 + northM / M_PER_DEG_LAT];

/** Household points from [eastM, northM, count = 1, wardId = none]. */
export function householdsAt(points: Array<[number, number, number?, string?]>): HouseholdPoints {
  return {
    length: points.length,
    ids: points.map((_, i) => `h${i}`),
    lon: Float64Array.from(points.map(([e, n]) => at(e, n)[0])),
    lat: Float64Array.from(points.map(([e, n]) => at(e, n)[1])),
    count: Uint32Array.from(points.map(([, , count]) => count ?? 1)),
    wardId: points.map(([, , , ward]) => ward ?? null),
  };
}

/** The 60 km square around the origin: one ward holding every fixture, with its type and environment. */
export function squareWard(type: Ward['type'], environment: Ward['environment']): Ward {
  const geometry: Polygon = {
    type: 'Polygon',
    coordinates: [[at(-30000, -30000), at(30000, -30000), at(30000, 30000), at(-30000, 30000), at(-30000, -30000)]],
  };
  return { id: 'W', name: 'W', district: null, type, environment, population2019: null, households2019: null, geometry };
}
