/**
 * Generated GeoJSON layer files: features built from the same table specs as the CSV files (properties as text,
 * sometimes as JSON numbers), with a geometry of the layer's type or one of the ways a feature goes wrong
 * (not an object, not a Feature, no geometry, the wrong type, positions out of range or swapped, an unclosed
 * ring, too few positions). The root is a FeatureCollection or a bare array of features.
 */
import fc from 'fast-check';
import type { GeneratedEntry, GeneratedFile } from './harness.ts';
import { tableRows, type TableSpec } from './tables.ts';

type Position = [number, number];

/** Around Hải Phòng (lon 106.4–107.2, lat 20.5–21.1). */
const position: fc.Arbitrary<Position> = fc.tuple(
  fc.double({ min: 106.4, max: 107.2, noNaN: true }),
  fc.double({ min: 20.5, max: 21.1, noNaN: true }),
);

const line = fc.array(position, { minLength: 2, maxLength: 5 });

/** A closed ring: 3–6 positions and the first again. */
const ring = fc.array(position, { minLength: 3, maxLength: 6 }).map((positions) => [...positions, positions[0]]);

export type GeometryKind = 'Point' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

const VALID_GEOMETRY: Record<GeometryKind, fc.Arbitrary<unknown>> = {
  Point: position.map((coordinates) => ({ type: 'Point', coordinates })),
  LineString: line.map((coordinates) => ({ type: 'LineString', coordinates })),
  MultiLineString: fc.array(line, { minLength: 1, maxLength: 3 }).map((coordinates) => ({ type: 'MultiLineString', coordinates })),
  Polygon: fc.array(ring, { minLength: 1, maxLength: 2 }).map((coordinates) => ({ type: 'Polygon', coordinates })),
  MultiPolygon: fc.array(fc.array(ring, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates })),
};

/** Geometries every layer must reject (whatever types it accepts). */
const BROKEN_GEOMETRY: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant({ type: 'Point' }),
  fc.constant({ type: 'Point', coordinates: ['106.7', '20.8'] }),
  fc.constant({ type: 'Point', coordinates: [206.7, 20.8] }),
  fc.constant({ type: 'Point', coordinates: [20.8, 106.7] }),
  fc.constant({ type: 'LineString', coordinates: [[106.7, 20.8]] }),
  fc.constant({ type: 'Polygon', coordinates: [[[106.6, 20.8], [106.7, 20.8], [106.7, 20.9], [106.6, 20.9]]] }),
  fc.constant({ type: 'GeometryCollection', geometries: [] }),
  fc.constant({ type: 'Circle', coordinates: [106.7, 20.8] }),
  fc.constant('POINT(106.7 20.8)'),
);

/** Raw elements of a `features` array that are no Feature at all. */
const NOT_A_FEATURE: fc.Arbitrary<unknown> = fc.constantFrom(null, 42, 'Feature', [], { type: 'Featur', properties: {}, geometry: null }, { properties: {} });

export interface FeatureLayerSpec {
  table: TableSpec;
  /** Geometry types the layer accepts, and the share of features of each. */
  geometries: GeometryKind[];
  /** Columns that may be written as JSON numbers when their text is numeric. */
  numericColumns?: readonly string[];
  /** The id of a kept feature when it depends on its geometry type (fibre: route or node); else `table.keptId`. */
  keptId?: (cells: Readonly<Record<string, string>>, index: number, geometry: GeometryKind) => string;
}

export interface GeneratedFeature {
  json: unknown;
  /** The accepted geometry it carries, or null for a feature that is broken by construction. */
  geometry: GeometryKind | null;
  cells: Record<string, string>;
}

/** Features of the layer, mostly valid, some broken by construction (`geometry` null). */
export function features(spec: FeatureLayerSpec, maxFeatures: number): fc.Arbitrary<GeneratedFeature[]> {
  const properties = (cells: Record<string, string>, asNumbers: boolean) =>
    Object.fromEntries(
      Object.entries(cells).map(([name, text]) => {
        const numeric = asNumbers && (spec.numericColumns ?? []).includes(name) && /^-?\d+(\.\d+)?$/.test(text.trim());
        return [name, numeric ? Number(text) : text];
      }),
    );
  return tableRows(spec.table, maxFeatures).chain((rows) =>
    fc.tuple(
      ...rows.map((row) =>
        fc.oneof(
          {
            weight: 12,
            arbitrary: fc
              .tuple(fc.constantFrom(...spec.geometries), fc.boolean())
              .chain(([kind, asNumbers]) =>
                VALID_GEOMETRY[kind].map((geometry): GeneratedFeature => ({
                  json: { type: 'Feature', properties: properties(row.cells, asNumbers), geometry },
                  geometry: kind,
                  cells: row.cells,
                })),
              ),
          },
          {
            weight: 1,
            arbitrary: BROKEN_GEOMETRY.map((geometry): GeneratedFeature => ({
              json: { type: 'Feature', properties: row.cells, geometry },
              geometry: null,
              cells: row.cells,
            })),
          },
          { weight: 1, arbitrary: NOT_A_FEATURE.map((json): GeneratedFeature => ({ json, geometry: null, cells: row.cells })) },
        ),
      ),
    ),
  );
}

/** A GeoJSON file of the layer: a FeatureCollection or a bare array, compact or indented. */
export function geojsonFile(spec: FeatureLayerSpec, name: string, maxFeatures = 10): fc.Arbitrary<GeneratedFile> {
  return fc.tuple(features(spec, maxFeatures), fc.boolean(), fc.constantFrom(0, 1)).map(([generated, bare, indent]) => {
    const list = generated.map((feature) => feature.json);
    const root = bare ? list : { type: 'FeatureCollection', features: list };
    const entries = generated.map((feature, index) => featureEntry(spec, feature, index));
    return { name, content: JSON.stringify(root, null, indent), entries };
  });
}

/** The entry of the feature at `index`: kept under the layer's id for it, or rejected when broken by construction. */
export function featureEntry(spec: FeatureLayerSpec, feature: GeneratedFeature, index: number): GeneratedEntry {
  return {
    place: index,
    // a feature broken by construction must be rejected: an id that no kept feature can have says so
    id:
      feature.geometry === null
        ? `\u0000broken-${index}`
        : (spec.keptId?.(feature.cells, index, feature.geometry) ?? spec.table.keptId(feature.cells, index)),
  };
}
