/**
 * The coordinate systems the import's CRS chooser offers first (any other spec can be typed: crs-spec.ts), with
 * what a chosen one does to the file's first position, so the user sees where a zone puts the points before
 * importing (TM-3 zones 15′ apart put the same numbers 26 km apart).
 */
import { parseCrsSpec } from '../../io/crs-spec.ts';
import { isProjected } from '../../io/crs.ts';
import { crsTransform } from '../../io/crs-transform.ts';
import { findColumn, LAT_ALIASES, LON_ALIASES, parseDecimal } from '../../io/read-csv.ts';
import { applyColumnMap } from '../../io/layer-source.ts';
import type { DictionaryKey } from '../i18n.ts';

export interface CrsChoice {
  spec: string;
  label: DictionaryKey;
}

/** In the order offered: the province's TM-3 zones, UTM, geographic. */
export const CRS_CHOICES: readonly CrsChoice[] = [
  { spec: 'vn2000-tm3:105.75', label: 'crsTm3HaiPhong' },
  { spec: 'vn2000-tm3:105.5', label: 'crsTm3HaiDuong' },
  { spec: 'EPSG:3405', label: 'crsUtm48' },
  { spec: 'EPSG:3406', label: 'crsUtm49' },
  { spec: 'vn2000', label: 'crsVn2000Geographic' },
  { spec: 'wgs84', label: 'crsWgs84' },
];

/**
 * The first table row's coordinates (after the column map) read in `spec`, as WGS84 [lon, lat]; null when the
 * spec is not a CRS, the row has no numeric coordinates, or they fall outside the CRS's area. Survey order
 * (X = northing, larger than the easting in Việt Nam) is read as the import reads it.
 */
export function firstPositionIn(spec: string, header: readonly string[], rows: readonly string[][], columnMap: Record<string, string>): [number, number] | null {
  const crs = parseCrsSpec(spec);
  if (!crs.ok) return null;
  const mapped = applyColumnMap(header, columnMap);
  const lon = findColumn(mapped, LON_ALIASES);
  const lat = findColumn(mapped, LAT_ALIASES);
  if (lon === -1 || lat === -1) return null;
  for (const row of rows) {
    let x = parseDecimal(row[lon] ?? '', true);
    let y = parseDecimal(row[lat] ?? '', true);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (isProjected(crs.crs) && x > y) [x, y] = [y, x];
    return crsTransform(crs.crs).toWgs84(x, y);
  }
  return null;
}
