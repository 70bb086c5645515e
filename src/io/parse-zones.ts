/**
 * Zones layer: planning zones, land masks and exclusion areas as polygons (docs/data-formats.md "Zones"), from
 * GeoJSON, KML/KMZ or a Shapefile. Each zone keeps an id, and a name and a kind (industrial_park, port… for the
 * targets scoped to zones: docs/targets.md) when the file gives them.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Zone } from '../core/targets/zone-membership.ts';
import { checkFeature, PropertyReader, readFeatures } from './check-geojson.ts';
import type { ImportResult } from './import-result.ts';
import { IssueLog } from './issue-log.ts';
import type { FeatureSource } from './layer-source.ts';

/** Property names per field, in priority order (matched folded as headers are: `PropertyReader`). */
export const ZONE_PROPERTIES = {
  id: ['zone_id', 'id'],
  name: ['name', 'zone_name'],
  kind: ['kind', 'zone_kind'],
} as const;

/**
 * Parses a zones file: Polygon/MultiPolygon features; other geometries are rejected and reported. Ids are
 * `zone_id`, `id` or the feature id, else `zone-<index>`; a repeated id is rejected. Never throws.
 */
export function parseZones(source: string | FeatureSource, file: string): ImportResult<Zone[]> {
  const log = new IssueLog(file, 'feature');
  const features = readFeatures(source, log);
  if (features === null) return log.finish([], 0, 0);
  const zones: Zone[] = [];
  const firstIndexOfId = new Map<string, number>();
  features.forEach((raw, index) => {
    const feature = checkFeature(raw, index, ['Polygon', 'MultiPolygon'], log);
    if (feature === null) return;
    const properties = new PropertyReader(feature.properties);
    const idProperty = properties.find(ZONE_PROPERTIES.id);
    const id = idProperty?.text ?? feature.id ?? `zone-${index}`;
    const first = firstIndexOfId.get(id);
    if (first !== undefined) {
      log.reject(index, 'duplicate-id', idProperty?.key ?? 'id', { value: id, first });
      return;
    }
    firstIndexOfId.set(id, index);
    zones.push({
      id,
      name: properties.find(ZONE_PROPERTIES.name)?.text ?? null,
      kind: properties.find(ZONE_PROPERTIES.kind)?.text ?? null,
      geometry: feature.geometry as Polygon | MultiPolygon,
    });
  });
  return log.finish(zones, features.length, zones.length);
}
