/**
 * Wards layer: GeoJSON Polygon/MultiPolygon features (docs/data-formats.md "Wards").
 * Text properties are kept as plain strings, never interpreted; the UI escapes them.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { ENVIRONMENTS, type Environment, type Ward } from '../core/model.ts';
import { checkFeature, PropertyReader, readFeatures } from './check-geojson.ts';
import type { ImportResult } from './import-result.ts';
import { IssueLog } from './issue-log.ts';
import type { FeatureSource } from './layer-source.ts';
import { parseEnvironment } from './parse-environment.ts';
import { parseDecimal } from './read-csv.ts';

/** Property names per field, in priority order (matched folded as headers are: `PropertyReader`). */
export const WARD_PROPERTIES = {
  id: ['ward_id', 'gso_code', 'ward_code', 'id', 'mã đơn vị', 'mã xã'],
  name: ['name', 'ward_name', 'tên đơn vị', 'tên xã'],
  district: ['district', 'district_name', 'quận huyện', 'tên huyện'],
  type: ['type', 'ward_type', 'loại'],
  environment: ['environment'],
  population2019: ['pop_2019', 'population_2019'],
  households2019: ['households_2019', 'households'],
} as const;

/**
 * Parses a wards GeoJSON file. Never throws: rejected features are listed in the result's issues.
 * - id: `ward_id`, `gso_code`, `ward_code` (the 2025 units' file), `id` or the feature id; without any, `ward-<index>` (noted once per file).
 * - name: required in spirit; when empty the ward keeps its id as name (noted once per file), so its
 *   households still count under a visible label.
 * - environment: metropolitan/urban/suburban/rural; another value is noted and left empty.
 * - census: `pop_2019`/`population_2019`, `households_2019`/`households`; a bad value is noted and left empty.
 */
export function parseWards(source: string | FeatureSource, file: string): ImportResult<Ward[]> {
  const log = new IssueLog(file, 'feature');
  const features = readFeatures(source, log);
  if (features === null) return log.finish([], 0, 0);

  const wards: Ward[] = [];
  const firstIndexOfId = new Map<string, number>();
  for (let index = 0; index < features.length; index++) {
    const feature = checkFeature(features[index], index, ['Polygon', 'MultiPolygon'], log);
    if (feature === null) continue;
    const properties = new PropertyReader(feature.properties);

    const idProperty = properties.find(WARD_PROPERTIES.id);
    const givenId = idProperty?.text ?? feature.id;
    const id = givenId ?? `ward-${index}`;
    const first = firstIndexOfId.get(id);
    if (first !== undefined) {
      log.reject(index, 'duplicate-id', idProperty?.key ?? 'id', { value: id, first });
      continue;
    }
    firstIndexOfId.set(id, index);
    if (givenId === null) log.countDefault('ward_id', 'ward-<feature index>');

    let name = properties.find(WARD_PROPERTIES.name)?.text;
    if (name === undefined) {
      name = id;
      log.countCopied('name', 'ward_id');
    }

    let environment: Environment | null = null;
    const environmentProperty = properties.find(WARD_PROPERTIES.environment);
    if (environmentProperty !== null) {
      environment = parseEnvironment(environmentProperty.text);
      if (environment === null) {
        log.note(index, 'unknown-value', environmentProperty.key, {
          value: environmentProperty.text,
          allowed: ENVIRONMENTS.join(', '),
        });
      }
    }

    wards.push({
      id,
      name,
      district: properties.find(WARD_PROPERTIES.district)?.text ?? null,
      type: properties.find(WARD_PROPERTIES.type)?.text ?? null,
      environment,
      population2019: readCensusCount(properties, WARD_PROPERTIES.population2019, index, log),
      households2019: readCensusCount(properties, WARD_PROPERTIES.households2019, index, log),
      geometry: feature.geometry as Polygon | MultiPolygon,
    });
  }
  return log.finish(wards, features.length, wards.length);
}

/** A census figure: a whole number ≥ 0, else noted and left empty (it does not enter any computation). */
function readCensusCount(
  properties: PropertyReader,
  aliases: readonly string[],
  index: number,
  log: IssueLog,
): number | null {
  const property = properties.find(aliases);
  if (property === null) return null;
  const value = parseDecimal(property.text, false);
  if (Number.isNaN(value)) {
    log.note(index, 'not-a-number', property.key, { value: property.text });
    return null;
  }
  if (!Number.isInteger(value) || value < 0) {
    log.note(index, value < 0 ? 'out-of-range' : 'not-an-integer', property.key, { value: property.text, min: 0 });
    return null;
  }
  return value;
}
