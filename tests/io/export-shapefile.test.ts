/**
 * Shapefile export: read back by the importer (shpjs for the .shp, the dBASE reader for the .dbf) it gives the
 * same features and fields; the .prj is the one GDAL writes for the CRS (tests/fixtures/crs/prj, made by gdalsrsinfo).
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { vn2000Tm3, WGS84 } from '../../src/io/crs.ts';
import { esriWkt, expandFieldName, MAX_FIELD_NAME, shapefileFieldNames, toShapefileZip, type ShapefileFeature } from '../../src/io/export-shapefile.ts';
import { SITE_COLUMNS } from '../../src/io/parse-sites.ts';
import { readDbf } from '../../src/io/read-shapefile.ts';
import { readLayerFile } from '../../src/io/read-layer-file.ts';

const HOSTILE = `</name><script>alert("x")</script> & 'Trạm' ]]>`;

const wards: ShapefileFeature[] = [
  {
    geometry: {
      type: 'Polygon',
      // counter-clockwise outer ring and clockwise hole, as RFC 7946 GeoJSON has them
      coordinates: [
        [[106.6, 20.8], [106.7, 20.8], [106.7, 20.9], [106.6, 20.9], [106.6, 20.8]],
        [[106.62, 20.82], [106.62, 20.84], [106.64, 20.84], [106.64, 20.82], [106.62, 20.82]],
      ],
    },
    properties: { ward_id: '11296', name: 'Phường Quán Toan', households_2019: 3276, weak_pct: 12.345678, reached: true },
  },
  {
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [[[106.8, 20.7], [106.9, 20.7], [106.9, 20.8], [106.8, 20.7]]],
        [[[107.0, 20.7], [107.1, 20.7], [107.1, 20.8], [107.0, 20.7]]],
      ],
    },
    properties: { ward_id: '11297', name: HOSTILE, households_2019: null, weak_pct: -3, reached: false },
  },
];

const readBack = (zip: Uint8Array) => readLayerFile('wards', [{ name: 'out.zip', bytes: zip }]);

describe('toShapefileZip', () => {
  it('round trip: the wards come back with the same shapes and fields (WGS84)', async () => {
    const { zip, fieldNames } = toShapefileZip('wards', wards);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['wards.cpg', 'wards.dbf', 'wards.prj', 'wards.shp', 'wards.shx']);
    expect(fieldNames).toEqual({ ward_id: 'ward_id', name: 'name', households_2019: 'hh_2019', weak_pct: 'weak_pct', reached: 'reached' });
    const result = await readBack(zip);
    expect(result.status).not.toBe('failed');
    expect(result.data.map((ward) => [ward.id, ward.name])).toEqual([['11296', 'Phường Quán Toan'], ['11297', HOSTILE]]);
    // shpjs gives rings back in GeoJSON order whatever the file's: same positions, the hole kept as a hole
    const polygon = result.data[0].geometry;
    expect(polygon.type).toBe('Polygon');
    expect(polygon.coordinates).toHaveLength(2);
    const sorted = (ring: number[][]) => [...ring].map(String).sort();
    expect(sorted(polygon.coordinates[0] as number[][])).toEqual(sorted((wards[0].geometry as { coordinates: number[][][] }).coordinates[0]));
    expect(sorted(polygon.coordinates[1] as number[][])).toEqual(sorted((wards[0].geometry as { coordinates: number[][][] }).coordinates[1]));
    expect(result.data[1].geometry.type).toBe('MultiPolygon');
  });

  it('writes rings as the Shapefile specification wants them: outer clockwise, holes counter-clockwise', () => {
    const { zip } = toShapefileZip('wards', wards.slice(0, 1));
    const shp = unzipSync(zip)['wards.shp'];
    const view = new DataView(shp.buffer, shp.byteOffset);
    // record 1 content starts at 108: type, box (32), numParts, numPoints, parts, points
    const numParts = view.getInt32(108 + 36, true);
    const numPoints = view.getInt32(108 + 40, true);
    const starts = [view.getInt32(108 + 44, true), view.getInt32(108 + 48, true), numPoints];
    const pointsAt = 108 + 44 + 4 * numParts;
    const area = (from: number, to: number) => {
      let sum = 0;
      for (let i = from; i < to - 1; i++) {
        const [x1, y1, x2, y2] = [0, 8, 16, 24].map((d) => view.getFloat64(pointsAt + 16 * i + d, true));
        sum += x1 * y2 - x2 * y1;
      }
      return sum / 2;
    };
    expect(numParts).toBe(2);
    expect(area(starts[0], starts[1])).toBeLessThan(0); // clockwise
    expect(area(starts[1], starts[2])).toBeGreaterThan(0); // counter-clockwise
  });

  it('writes UTF-8 text with a .cpg, numbers with their decimals, booleans as dBASE logicals', () => {
    const files = unzipSync(toShapefileZip('wards', wards).zip);
    expect(new TextDecoder().decode(files['wards.cpg'])).toBe('UTF-8');
    const dbf = readDbf(files['wards.dbf'], 'UTF-8');
    if ('error' in dbf) throw new Error(dbf.error);
    expect(dbf.records).toEqual([
      { ward_id: '11296', name: 'Phường Quán Toan', hh_2019: 3276, weak_pct: 12.345678, reached: true },
      { ward_id: '11297', name: HOSTILE, hh_2019: null, weak_pct: -3, reached: false },
    ]);
  });

  it('in VN-2000 / TM-3 105°45′ writes the .prj GDAL writes for EPSG:9210, and reads back to the same WGS84 positions', async () => {
    const { zip } = toShapefileZip('wards', wards, { crs: vn2000Tm3(105.75) });
    const prj = new TextDecoder().decode(unzipSync(zip)['wards.prj']);
    expect(prj).toBe(readFileSync('tests/fixtures/crs/prj/esri-9210.prj', 'utf8').replace(/\s+/g, ''));
    const result = await readBack(zip);
    expect(result.crs).toContain('EPSG:9210');
    const back = result.data[0].geometry.coordinates[0] as number[][];
    const original = (wards[0].geometry as { coordinates: number[][][] }).coordinates[0];
    for (const position of original) {
      const nearest = Math.min(...back.map((p) => Math.hypot((p[0] - position[0]) * 104_000, (p[1] - position[1]) * 110_700)));
      expect(nearest).toBeLessThan(0.001);
    }
  });

  it('WGS84 .prj is the one GDAL writes for EPSG:4326', () => {
    expect(esriWkt(WGS84)).toBe(readFileSync('tests/fixtures/crs/prj/esri-4326.prj', 'utf8').replace(/\s+/g, ''));
  });

  it('puts points, lines and polygons in separate shapefiles of one zip, and reports text cut at 254 bytes', () => {
    const long = 'Đường '.repeat(60);
    const { zip, warnings } = toShapefileZip('fibre', [
      { geometry: { type: 'LineString', coordinates: [[106.6, 20.8], [106.7, 20.9]] }, properties: { route_id: 'r1', note: long } },
      { geometry: { type: 'Point', coordinates: [106.6, 20.8] }, properties: { node_id: 'n1' } },
      { geometry: null, properties: { node_id: 'n2' } },
    ]);
    expect(Object.keys(unzipSync(zip)).filter((name) => name.endsWith('.shp')).sort()).toEqual(['fibre_lines.shp', 'fibre_points.shp']);
    expect(warnings.truncated).toEqual([{ column: 'note', rows: 1 }]);
    const dbf = readDbf(unzipSync(zip)['fibre_lines.dbf'], 'UTF-8');
    if ('error' in dbf) throw new Error(dbf.error);
    // cut at a character boundary: still valid UTF-8, a prefix of the text
    expect(long.startsWith(String(dbf.records[0].note))).toBe(true);
    expect(new TextEncoder().encode(String(dbf.records[0].note)).length).toBeLessThanOrEqual(254);
  });
});

describe('shapefileFieldNames', () => {
  it('gives ASCII names of at most 10 characters, unique ignoring case, abbreviations for known long names', () => {
    const names = shapefileFieldNames(['households_gained', 'Tên phường', 'population_2019', 'coverage_pct_4g', 'coverage_pct_5g', 'COVERAGE_PCT_4G_X', 'đường']);
    expect(names).toEqual(['hh_gained', 'Ten_phuong', 'pop_2019', 'coverage_p', 'coverage_1', 'COVERAGE_2', 'duong']);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(MAX_FIELD_NAME);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  });

  it('gives every documented site column (the radio-field table included) a field that imports back under its name', () => {
    const columns = Object.values(SITE_COLUMNS).map((aliases) => aliases[0]);
    expect(columns).toContain('bandwidth_mhz');
    const fields = shapefileFieldNames(columns);
    for (const field of fields) expect(field.length).toBeLessThanOrEqual(MAX_FIELD_NAME);
    expect(fields.map(expandFieldName)).toEqual(columns);
  });
});
