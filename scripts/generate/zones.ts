/** The approximate zones of places.ts as a zones layer (GeoJSON polygons with `name` and `kind`, docs/targets.md). */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { distanceM, offsetM, round6 } from './geometry.ts';
import type { Zone } from './places.ts';

/** The label every approximate zone carries, in Vietnamese and English. */
export const APPROXIMATE_ZONE_NOTE = {
  vi: 'gần đúng — hãy nhập ranh giới chính thức',
  en: 'approximate — import the official boundaries',
} as const;

/** Vertices of the polygon that stands for a zone's circle. */
const ZONE_VERTICES = 48;

/** Whether [lon, lat] lies within the zone's radius. */
export function isInZone(zone: Zone, lon: number, lat: number): boolean {
  return distanceM(lon, lat, zone.lon, zone.lat) <= zone.radiusM;
}

/**
 * The zones as GeoJSON, one feature per line: each circle as the regular polygon circumscribed about it (its
 * vertices at radius / cos(π / n), so every point of the circle is inside), counter-clockwise from east; ids
 * `zone-01`, `zone-02`, … in list order.
 */
export function zonesGeojson(zones: readonly Zone[]): string {
  const features: Array<Feature<Polygon>> = zones.map((zone, z) => {
    const vertexRadiusM = zone.radiusM / Math.cos(Math.PI / ZONE_VERTICES);
    const ring = Array.from({ length: ZONE_VERTICES }, (_, k) => {
      const angle = (2 * Math.PI * k) / ZONE_VERTICES;
      const [lon, lat] = offsetM(zone.lon, zone.lat, vertexRadiusM * Math.cos(angle), vertexRadiusM * Math.sin(angle));
      return [round6(lon), round6(lat)];
    });
    ring.push(ring[0]);
    return {
      type: 'Feature',
      properties: {
        id: `zone-${String(z + 1).padStart(2, '0')}`,
        name: zone.name,
        kind: zone.kind,
        approximate: true,
        note: APPROXIMATE_ZONE_NOTE.vi,
        note_en: APPROXIMATE_ZONE_NOTE.en,
        radius_m: zone.radiusM,
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  const lines = collection.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","name":"hp2025_zones_approximate","features":[\n${lines.join(',\n')}\n]}\n`;
}
