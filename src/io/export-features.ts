/**
 * Any layer of results (unit statistics, weak-signal zones, fibre extensions, new or approved sites) out as the
 * files planners open in Google Earth and QGIS: a styled KML or KMZ (toKml: class colours, names, the fields as
 * ExtendedData and a description table, every text escaped) and a zipped Shapefile (toShapefileZip: .prj, UTF-8
 * .cpg, 10-character field names) in WGS84 or a VN-2000 CRS. Array values (a zone's ward ids) are written joined.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { zipSync, strToU8 } from 'fflate';
import type { Crs } from './crs.ts';
import { toKml, type KmlFieldValue, type KmlStyle } from './export-kml.ts';
import { toShapefileZip, type ShapefileValue } from './export-shapefile.ts';
import type { Table } from './export-table.ts';

/** A layer to export: WGS84 GeoJSON features with flat-ish properties. */
export type ExportCollection = FeatureCollection<Geometry | null, object | null>;

export interface FeatureKmlOptions {
  /** The document's name (Google Earth's "Places" entry). */
  documentName: string;
  /** The property naming each placemark (its value; the feature's number when empty). */
  nameField: string;
  /** The property whose value picks the style in `styles` (a class: weak/none, approved/rejected…). */
  styleField?: string;
  styles?: Readonly<Record<string, KmlStyle>>;
  /** The style of placemarks whose class has none in `styles` (or when there is no `styleField`). */
  defaultStyle?: string;
}

/** A property value as one KML/dBASE value: arrays joined by ", ", objects as JSON, undefined as empty. */
function flatValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))).join(', ');
  return JSON.stringify(value);
}

/**
 * The features as a styled KML document (UTF-8 text). Features without geometry have no place in Google Earth
 * and are left out (their count is returned).
 *
 * @example featuresToKml(zones, { documentName: 'Vùng sóng yếu', nameField: 'zone_id', styleField: 'signal_class', styles })
 */
export function featuresToKml(collection: ExportCollection, options: FeatureKmlOptions): { kml: string; skipped: number } {
  let skipped = 0;
  const placemarks = collection.features.flatMap((feature, index) => {
    if (feature.geometry === null) {
      skipped++;
      return [];
    }
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const fields = Object.entries(properties).map(([key, value]): [string, KmlFieldValue] => [key, flatValue(value)]);
    const name = flatValue(properties[options.nameField]);
    const style = options.styleField === undefined ? undefined : flatValue(properties[options.styleField]);
    return [
      {
        name: name === null || name === '' ? `#${index + 1}` : String(name),
        style: style === null || style === undefined || options.styles?.[String(style)] === undefined ? options.defaultStyle : String(style),
        fields,
        geometry: feature.geometry,
      },
    ];
  });
  return { kml: toKml({ name: options.documentName, styles: options.styles, placemarks }), skipped };
}

/**
 * A table's rows as features, each placed by `geometryOf` (null: no geometry), the columns as properties: the
 * unit statistics on their unit polygons, the same columns as the CSV.
 */
export function tableFeatures(table: Table, geometryOf: (row: Table['rows'][number]) => Geometry | null): ExportCollection {
  return {
    type: 'FeatureCollection',
    features: table.rows.map((row) => ({
      type: 'Feature',
      geometry: geometryOf(row),
      properties: Object.fromEntries(table.columns.map((column, i) => [column, row[i] ?? null])),
    })),
  };
}

/** A KMZ: the KML as `doc.kml` in a zip, as Google Earth writes it. */
export function kmzOf(kml: string): Uint8Array {
  return zipSync({ 'doc.kml': strToU8(kml) });
}

/**
 * The features as a zipped Shapefile named `name` (coordinates in `crs`, WGS84 by default); returns the zip and
 * the dBASE name given to each property (documented in docs/data-formats.md).
 */
export function featuresToShapefile(name: string, collection: ExportCollection, crs?: Crs): { zip: Uint8Array; fieldNames: Record<string, string> } {
  const features = collection.features.map((feature) => ({
    geometry: feature.geometry,
    properties: Object.fromEntries(Object.entries(feature.properties ?? {}).map(([key, value]): [string, ShapefileValue] => [key, flatValue(value)])),
  }));
  const { zip, fieldNames } = toShapefileZip(name, features, { crs });
  return { zip, fieldNames };
}
