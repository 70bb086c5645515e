/**
 * Property-based tests of every layer parser: never throws, every row or feature kept or reported at its place,
 * spreadsheet row numbers (harness.ts says what is checked and how to run longer). One entry per parser and
 * format in LAYER_CASES; a new format plugs in with one line, e.g.
 *   anyLayer({ name: 'sites (XLSX)', file: xlsxFile(SITES, 'sites.xlsx'), parse: readAs('sites'), keptIds: cellIds }),
 * where xlsxFile writes the same TableSpec as csvFile does (and computes the same row places), and readAs reads
 * the file's bytes through readLayerFile, the entry point of every format.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { idsArray } from '../../../src/core/household-ids.ts';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../../../src/core/model.ts';
import { parseFibre } from '../../../src/io/parse-fibre.ts';
import { parseHouseholds } from '../../../src/io/parse-households.ts';
import { parseSites } from '../../../src/io/parse-sites.ts';
import { parseWards } from '../../../src/io/parse-wards.ts';
import { readLayerFile, type LayerName } from '../../../src/io/read-layer-file.ts';
import { assertLayerProperties, assertSurvivesDamage, type GeneratedFile, type LayerCase } from './harness.ts';
import { geojsonFile, type FeatureLayerSpec } from './geojson.ts';
import { csvFile, decimalText, idText, junkText, mostly, type TableSpec } from './tables.ts';
import { kmlFile, xlsxFile } from './xml-files.ts';

const optional = (valid: fc.Arbitrary<string>) => mostly(fc.oneof(fc.constant(''), valid));
const lon = mostly(decimalText(106.4, 107.2));
const lat = mostly(decimalText(20.5, 21.1));

const SITES: TableSpec = {
  columns: [
    { name: 'site_id', cell: mostly(idText('S')) },
    { name: 'cell_id', cell: idText('C') },
    { name: 'lon', cell: lon },
    { name: 'lat', cell: lat },
    { name: 'operator', cell: mostly(fc.constantFrom('Viettel', 'VNPT', 'MobiFone', 'Vietnamobile', 'viettel telecom', 'Gtel')) },
    { name: 'technology', cell: mostly(fc.constantFrom('2G', '3G', '4G', '5G', 'lte', ' 4g ')) },
    { name: 'band_mhz', cell: optional(fc.constantFrom('900', '1800', '2100', '3500', '700')) },
    { name: 'height_m', cell: optional(decimalText(5, 80, 1)) },
    { name: 'azimuth_deg', cell: optional(decimalText(0, 359, 0)) },
    { name: 'beamwidth_deg', cell: optional(fc.constantFrom('65', '90', '360')) },
    { name: 'tilt_deg', cell: optional(decimalText(-5, 12, 1)) },
    { name: 'rs_power_dbm', cell: optional(decimalText(5, 46, 1)) },
    { name: 'antenna_gain_dbi', cell: optional(decimalText(0, 21, 1)) },
    { name: 'feeder_loss_db', cell: optional(decimalText(0, 4, 1)) },
    { name: 'model', cell: optional(fc.constantFrom('okumura-hata', 'cost231-hata', '3GPP UMa', '3gpp-umi', 'fspl')) },
    { name: 'environment', cell: optional(fc.constantFrom('urban', 'suburban', 'rural', 'metropolitan')) },
    { name: 'status', cell: optional(fc.constantFrom('existing', 'planned', 'proposed')) },
  ],
  keptId: (cells) => cells.cell_id.trim(),
};

const HOUSEHOLDS: TableSpec = {
  columns: [
    { name: 'household_id', cell: fc.oneof(fc.constant(''), fc.constant('  '), idText('h'), junkText) },
    { name: 'lon', cell: lon },
    { name: 'lat', cell: lat },
    { name: 'count', cell: optional(fc.integer({ min: 1, max: 60 }).map(String)) },
    { name: 'ward_id', cell: optional(fc.constantFrom('11296', '11299', 'W-unknown')) },
  ],
  // an id-less household is named by its place: `row-<spreadsheet row>` / `feature-<index>`
  keptId: (cells, place) => cells.household_id.trim() || `row-${place}`,
};

const WARDS: TableSpec = {
  columns: [
    { name: 'ward_id', cell: fc.oneof(fc.constant(''), idText('W')) },
    { name: 'name', cell: fc.oneof(fc.constant(''), fc.constantFrom('Phường Quán Toan', 'Xã An Lư'), junkText) },
    { name: 'district', cell: optional(fc.constantFrom('Hồng Bàng', 'Thủy Nguyên')) },
    { name: 'environment', cell: optional(fc.constantFrom('urban', 'suburban', 'rural')) },
    { name: 'pop_2019', cell: optional(fc.integer({ min: 0, max: 50_000 }).map(String)) },
  ],
  keptId: (cells, index) => cells.ward_id.trim() || `ward-${index}`,
};

const FIBRE: TableSpec = {
  columns: [
    { name: 'id', cell: fc.oneof(fc.constant(''), idText('F')) },
    { name: 'kind', cell: optional(fc.constantFrom('backbone', 'distribution', 'Trục chính', 'phân phối')) },
    { name: 'operator', cell: optional(fc.constantFrom('VNPT', 'Viettel')) },
    { name: 'capacity', cell: optional(fc.integer({ min: 0, max: 64 }).map(String)) },
    { name: 'used', cell: optional(fc.integer({ min: 0, max: 64 }).map(String)) },
  ],
  keptId: () => {
    throw new Error('fibre ids depend on the geometry: FIBRE_FEATURES.keptId');
  },
};

const FIBRE_FEATURES: FeatureLayerSpec = {
  table: FIBRE,
  geometries: ['LineString', 'MultiLineString', 'Point'],
  numericColumns: ['capacity', 'used'],
  keptId: (cells, index, geometry) => cells.id.trim() || `${geometry === 'Point' ? 'node' : 'route'}-${index}`,
};

const cellIds = (cells: Cell[]) => cells.map((cell) => cell.cellId);
const householdIds = (points: HouseholdPoints) => idsArray(points.ids).slice(0, points.length);
const wardIds = (wards: Ward[]) => wards.map((ward) => ward.id);
const fibreIds = (network: FibreNetwork) => [...network.routes.map((route) => route.id), ...network.nodes.map((node) => node.id)];
const text = (file: GeneratedFile) => file.content as string;
/** Reads the generated file's bytes as the layer through readLayerFile (format told by content, as the CLI does). */
const readAs =
  <L extends LayerName>(layer: L) =>
  (file: GeneratedFile) =>
    readLayerFile(layer, [{ name: file.name, bytes: typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content }]);

const SITE_FEATURES: FeatureLayerSpec = { table: SITES, geometries: ['Point'], numericColumns: ['lon', 'band_mhz', 'height_m'] };
const HOUSEHOLD_FEATURES: FeatureLayerSpec = {
  table: { ...HOUSEHOLDS, keptId: (cells, index) => cells.household_id.trim() || `feature-${index}` },
  geometries: ['Point'],
  numericColumns: ['count'],
};
const WARD_FEATURES: FeatureLayerSpec = { table: WARDS, geometries: ['Polygon', 'MultiPolygon'], numericColumns: ['pop_2019'] };

/** A layer case of any data type, for the list (each case is type-checked where it is written). */
function anyLayer<T>(layer: LayerCase<T>): LayerCase<unknown> {
  return layer as LayerCase<unknown>;
}

/**
 * Every parser and format. The Shapefile has no case: a generated one would have to come from phusong's own
 * writer (which puts points, lines and null shapes in separate files of the zip, so places move); its reader is
 * checked against GDAL-made fixtures and by round trips (read-layer-file.test.ts, export-shapefile.test.ts).
 */
export const LAYER_CASES: Array<LayerCase<unknown>> = [
  anyLayer({ name: 'sites (CSV)', file: csvFile(SITES, 'sites.csv'), parse: (f) => parseSites(text(f), f.name), keptIds: cellIds }),
  anyLayer({ name: 'sites (GeoJSON)', file: geojsonFile(SITE_FEATURES, 'sites.geojson'), parse: (f) => parseSites(text(f), f.name), keptIds: cellIds }),
  anyLayer({ name: 'sites (XLSX)', file: xlsxFile(SITES, 'sites.xlsx'), parse: readAs('sites'), keptIds: cellIds }),
  anyLayer({ name: 'sites (KML)', file: kmlFile(SITE_FEATURES, 'sites.kml'), parse: readAs('sites'), keptIds: cellIds }),
  anyLayer({ name: 'households (CSV)', file: csvFile(HOUSEHOLDS, 'households.csv'), parse: (f) => parseHouseholds(text(f), f.name), keptIds: householdIds }),
  anyLayer({ name: 'households (GeoJSON)', file: geojsonFile(HOUSEHOLD_FEATURES, 'households.geojson'), parse: (f) => parseHouseholds(text(f), f.name), keptIds: householdIds }),
  anyLayer({ name: 'households (XLSX)', file: xlsxFile(HOUSEHOLDS, 'households.xlsx'), parse: readAs('households'), keptIds: householdIds }),
  anyLayer({ name: 'households (KML)', file: kmlFile(HOUSEHOLD_FEATURES, 'households.kml'), parse: readAs('households'), keptIds: householdIds }),
  anyLayer({ name: 'wards (GeoJSON)', file: geojsonFile(WARD_FEATURES, 'wards.geojson'), parse: (f) => parseWards(text(f), f.name), keptIds: wardIds }),
  anyLayer({ name: 'wards (KML)', file: kmlFile(WARD_FEATURES, 'wards.kml'), parse: readAs('wards'), keptIds: wardIds }),
  anyLayer({ name: 'fibre (GeoJSON)', file: geojsonFile(FIBRE_FEATURES, 'fibre.geojson'), parse: (f) => parseFibre(text(f), f.name), keptIds: fibreIds }),
  anyLayer({ name: 'fibre (KML)', file: kmlFile(FIBRE_FEATURES, 'fibre.kml'), parse: readAs('fibre'), keptIds: fibreIds }),
];

/**
 * A generated file with characters inserted, deleted or replaced (quotes, braces, markup, line breaks, junk);
 * a binary file (a workbook) with bytes inserted, deleted or replaced.
 */
function damaged(file: fc.Arbitrary<GeneratedFile>): fc.Arbitrary<string | Uint8Array> {
  const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 3 }), fc.constantFrom('"', '\n', '\r', ',', ';', '{', '}', '[', ']', ':', '<', '>', '/', '&', '\u0000', 'é', ''));
  return fc.tuple(file, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([generated, edits]) => {
    let content = generated.content;
    for (const [at, remove, insert] of edits) {
      const i = Math.floor(at * content.length);
      content =
        typeof content === 'string'
          ? content.slice(0, i) + insert + content.slice(i + remove)
          : new Uint8Array([...content.subarray(0, i), ...new TextEncoder().encode(insert), ...content.subarray(i + remove)]);
    }
    return content;
  });
}

describe.each(LAYER_CASES)('$name', (layer) => {
  it('never throws; every row or feature is kept or reported at its place', async () => {
    await assertLayerProperties(layer);
  });

  it('survives damaged files (inserted quotes, braces, line breaks, NULs)', async () => {
    await assertSurvivesDamage(layer.name, damaged(layer.file), (content) => layer.parse({ name: 'damaged', content, entries: [] }), 0.5);
  });
});
