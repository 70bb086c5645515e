/**
 * Which household points lie in zones of each kind (industrial parks, ports, the central urban area…), for the
 * targets scoped to a zones layer. Zones of different kinds may overlap (a port inside the central area): each
 * kind is located separately, with the same point-in-polygon rule as the wards (boundary counts as inside).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { indexWards } from '../assign-wards.ts';
import type { HouseholdLocations } from '../model.ts';

/** A polygon of a zones layer (planning zones, land masks, exclusion areas: docs/data-formats.md "Zones"). */
export interface Zone {
  id: string;
  /** The zone's name, or null when the file gives none. */
  name: string | null;
  /** e.g. industrial_park, high_tech_park, port, central_urban; null when the file gives none. */
  kind: string | null;
  geometry: Polygon | MultiPolygon;
}

/**
 * Per zone kind, 1 where the household point lies in some zone of that kind (zones without a kind count for none).
 *
 * @example zoneMembership(zones, households).get('industrial_park')?.[k] // 1 when point k is in an industrial park
 */
export function zoneMembership(zones: readonly Zone[], households: HouseholdLocations): Map<string, Uint8Array> {
  const membership = new Map<string, Uint8Array>();
  for (const kind of new Set(zones.flatMap((zone) => (zone.kind === null ? [] : [zone.kind])))) {
    const index = indexWards(
      zones
        .filter((zone) => zone.kind === kind)
        .map((zone) => ({ id: zone.id, name: zone.name ?? zone.id, district: null, type: null, environment: null, population2019: null, households2019: null, geometry: zone.geometry })),
    );
    const flags = new Uint8Array(households.length);
    for (let h = 0; h < households.length; h++) if (index.locate(households.lon[h], households.lat[h]).wardIndex !== -1) flags[h] = 1;
    membership.set(kind, flags);
  }
  return membership;
}
