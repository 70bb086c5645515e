/**
 * Builders for hand-made fibre fixtures: positions in metres east/north of (106.6° E, 20.85° N) placed with the
 * WGS84 metres-per-degree series (111132.92 − 559.82 cos 2φ + 1.175 cos 4φ; 111412.84 cos φ − 93.5 cos 3φ),
 * independent of the cheap-ruler factors the code uses. Over a few km the two agree to ~1e-4 relative.
 */
import type { Position } from 'geojson';
import type { AccessNode, FibreKind, FibreNetwork, FibreRoute } from '../../../src/core/model.ts';

export { at, householdsAt } from '../../helpers/local-metres.ts';
import { at, LAT0, LON0, M_PER_DEG_LAT, M_PER_DEG_LON } from '../../helpers/local-metres.ts';

/** Metres east/north of the origin for a [lon, lat]. */
export const metresOf = ([lon, lat]: Position): [number, number] => [(lon - LON0) * M_PER_DEG_LON, (lat - LAT0) * M_PER_DEG_LAT];


/** A route through the given [eastM, northM] vertices. */
export function routeAt(id: string, vertices: Array<[number, number]>, kind: FibreKind = 'distribution'): FibreRoute {
  return { id, kind, operator: 'VNPT', lines: [vertices.map(([e, n]) => at(e, n))] };
}

export function nodeAt(id: string, eastM: number, northM: number, capacity: number | null = null, used: number | null = null): AccessNode {
  const [lon, lat] = at(eastM, northM);
  return { id, lon, lat, capacity, used };
}

export function network(routes: FibreRoute[], nodes: AccessNode[] = []): FibreNetwork {
  return { routes, nodes };
}
