/**
 * Fibre layer: GeoJSON LineString/MultiLineString routes and Point access nodes (docs/data-formats.md
 * "Fibre"). Any other geometry is rejected per feature.
 */
import type { MultiLineString, Position } from 'geojson';
import type { AccessNode, FibreKind, FibreNetwork, FibreRoute } from '../core/model.ts';
import { checkFeature, PropertyReader, readFeatures } from './check-geojson.ts';
import type { ImportResult } from './import-result.ts';
import { IssueLog } from './issue-log.ts';
import type { FeatureSource } from './layer-source.ts';
import { normalizeKeyword } from '../core/normalize-keyword.ts';
import { canonicalOperator } from './operators.ts';
import { parseDecimal } from './read-csv.ts';

/** Property names per field, in priority order (matched folded as headers are: `PropertyReader`). */
export const FIBRE_PROPERTIES = {
  routeId: ['route_id', 'id'],
  nodeId: ['node_id', 'id'],
  kind: ['kind'],
  operator: ['operator'],
  capacity: ['capacity'],
  used: ['used'],
} as const;

/** Kinds accepted, folded: English and Vietnamese (trục, trục chính = backbone; phân phối = distribution). */
const KIND_KEYWORDS = new Map<string, FibreKind>([
  ['backbone', 'backbone'],
  ['truc', 'backbone'],
  ['trucchinh', 'backbone'],
  ['distribution', 'distribution'],
  ['phanphoi', 'distribution'],
]);

/**
 * Parses a fibre GeoJSON file. Never throws.
 * - Routes: `kind` missing → distribution (noted once per file: distribution routes pass households, so
 *   check it); an unknown kind is rejected rather than guessed. `operator` optional.
 * - Access nodes: `capacity` and `used` whole numbers ≥ 0 or empty (unknown); used > capacity is noted.
 * - Ids: `route_id`/`node_id`, `id` or the feature id, else `route-<index>` / `node-<index>`; unique.
 */
export function parseFibre(source: string | FeatureSource, file: string): ImportResult<FibreNetwork> {
  const log = new IssueLog(file, 'feature');
  const network: FibreNetwork = { routes: [], nodes: [] };
  const features = readFeatures(source, log);
  if (features === null) return log.finish(network, 0, 0);

  const firstIndexOfId = new Map<string, number>();
  /** Claims an id for the feature; false (and the feature rejected) when an earlier feature has it. */
  const claimId = (id: string, index: number, column: string): boolean => {
    const first = firstIndexOfId.get(id);
    if (first !== undefined) {
      log.reject(index, 'duplicate-id', column, { value: id, first });
      return false;
    }
    firstIndexOfId.set(id, index);
    return true;
  };

  for (let index = 0; index < features.length; index++) {
    const feature = checkFeature(features[index], index, ['LineString', 'MultiLineString', 'Point'], log);
    if (feature === null) continue;
    const properties = new PropertyReader(feature.properties);
    const geometry = feature.geometry;

    if (geometry.type === 'Point') {
      const idProperty = properties.find(FIBRE_PROPERTIES.nodeId);
      const id = idProperty?.text ?? feature.id ?? `node-${index}`;
      const capacity = readPortCount(properties, FIBRE_PROPERTIES.capacity, index, log);
      const used = readPortCount(properties, FIBRE_PROPERTIES.used, index, log);
      if (capacity === undefined || used === undefined || !claimId(id, index, idProperty?.key ?? 'id')) continue;
      if (capacity !== null && used !== null && used > capacity) {
        log.note(index, 'used-exceeds-capacity', undefined, { used, capacity });
      }
      const [lon, lat] = geometry.coordinates;
      network.nodes.push({ id, lon, lat, capacity, used } satisfies AccessNode);
      continue;
    }

    const idProperty = properties.find(FIBRE_PROPERTIES.routeId);
    const id = idProperty?.text ?? feature.id ?? `route-${index}`;
    const kindProperty = properties.find(FIBRE_PROPERTIES.kind);
    let kind: FibreKind = 'distribution';
    if (kindProperty !== null) {
      const known = KIND_KEYWORDS.get(normalizeKeyword(kindProperty.text));
      if (known === undefined) {
        log.reject(index, 'unknown-value', kindProperty.key, { value: kindProperty.text, allowed: 'backbone, distribution' });
        continue;
      }
      kind = known;
    }
    if (!claimId(id, index, idProperty?.key ?? 'id')) continue;
    if (kindProperty === null) log.countDefault('kind', 'distribution');
    const operatorProperty = properties.find(FIBRE_PROPERTIES.operator);
    const operator = operatorProperty === null ? null : canonicalOperator(operatorProperty.text);
    const lines: Position[][] =
      geometry.type === 'LineString' ? [geometry.coordinates] : (geometry as MultiLineString).coordinates;
    network.routes.push({ id, kind, operator, lines } satisfies FibreRoute);
  }
  return log.finish(network, features.length, network.routes.length + network.nodes.length);
}

/** A port count: a whole number ≥ 0, null when absent (unknown), undefined when invalid (feature rejected). */
function readPortCount(
  properties: PropertyReader,
  aliases: readonly string[],
  index: number,
  log: IssueLog,
): number | null | undefined {
  const property = properties.find(aliases);
  if (property === null) return null;
  const value = parseDecimal(property.text, false);
  if (Number.isNaN(value)) log.reject(index, 'not-a-number', property.key, { value: property.text });
  else if (!Number.isInteger(value)) log.reject(index, 'not-an-integer', property.key, { value: property.text });
  else if (value < 0) log.reject(index, 'out-of-range', property.key, { value: property.text, min: 0 });
  else return value;
  return undefined;
}
