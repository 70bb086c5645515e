/**
 * GeoJSON files whose JSON root is not a FeatureCollection object: `null`, a scalar, or a bare array of Features
 * (what some tools write). They are diagnosed as GeoJSON (never as a CSV with missing columns), and a bare array
 * of Features is read as the FeatureCollection it stands for, with a note in the report — by the parsers on text
 * (the app) and by readLayerFile on bytes (the CLI) alike, whose format detection is one (sniff-format.ts).
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/io/issue-messages.ts';
import type { ImportResult } from '../../src/io/import-result.ts';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { parseWards } from '../../src/io/parse-wards.ts';
import { vn2000Tm3 } from '../../src/io/crs.ts';
import { readLayerFile, type LayerName } from '../../src/io/read-layer-file.ts';
import { sniffFormat } from '../../src/io/sniff-format.ts';
import { sniffTextFormat } from '../../src/io/sniff-text-format.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

const point = (properties: Record<string, unknown>, lon = 106.68, lat = 20.86) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
const square = { type: 'Polygon', coordinates: [[[106.6, 20.8], [106.7, 20.8], [106.7, 20.9], [106.6, 20.9], [106.6, 20.8]]] };

const PARSERS: Array<{ name: LayerName; parse: (text: string, file: string) => ImportResult<unknown>; features: unknown[] }> = [
  {
    name: 'sites',
    parse: parseSites,
    features: [point({ site_id: 'S1', operator: 'Viettel', technology: '4G' }), point({ site_id: 'S2', operator: 'VNPT', technology: '4G' })],
  },
  { name: 'households', parse: parseHouseholds, features: [point({ household_id: 'h1' }), point({ household_id: 'h2' })] },
  {
    name: 'wards',
    parse: parseWards,
    features: [
      { type: 'Feature', properties: { ward_id: 'W1', name: 'Phường Một' }, geometry: square },
      { type: 'Feature', properties: { ward_id: 'W2', name: 'Phường Hai' }, geometry: square },
    ],
  },
  {
    name: 'fibre',
    parse: parseFibre,
    features: [
      { type: 'Feature', properties: { route_id: 'R1', kind: 'distribution' }, geometry: { type: 'LineString', coordinates: [[106.6, 20.8], [106.7, 20.8]] } },
      point({ node_id: 'N1', capacity: 16 }),
    ],
  },
];

describe('sniffTextFormat', () => {
  it('takes GeoJSON from the name (.geojson, .json, also gzipped) or from a leading { or [', () => {
    expect(sniffTextFormat('sites.geojson', 'null')).toBe('geojson');
    expect(sniffTextFormat('C:\\data\\SITES.GeoJSON.gz', '42')).toBe('geojson');
    expect(sniffTextFormat('sites.json', 'site_id,lon,lat')).toBe('geojson');
    expect(sniffTextFormat('export.txt', '\uFEFF  [{"type":"Feature"}]')).toBe('geojson');
    expect(sniffTextFormat('sites.csv', '{"type":"FeatureCollection"}')).toBe('geojson');
    expect(sniffTextFormat('sites.csv', 'site_id,lon,lat\nS1,106,20')).toBe('csv');
    expect(sniffTextFormat('sites.csv', 'null')).toBe('csv');
  });

  it('takes KML from a leading <, whatever the name', () => {
    expect(sniffTextFormat('proposals.txt', '\uFEFF\r\n<?xml version="1.0" encoding="UTF-8"?><kml/>')).toBe('kml');
    expect(sniffTextFormat('proposals.geojson', '<kml xmlns="http://www.opengis.net/kml/2.2"/>')).toBe('kml');
  });
});

describe('sniffFormat (bytes, as readLayerFile gets them)', () => {
  const TEXTS: Array<[name: string, text: string]> = [
    ['sites.geojson', 'null'],
    ['SITES.GeoJSON.gz', '42'],
    ['sites.json', 'site_id,lon,lat'],
    ['export.txt', '\uFEFF  [{"type":"Feature"}]'],
    ['sites.csv', '{"type":"FeatureCollection"}'],
    ['sites.csv', 'site_id,lon,lat\nS1,106,20'],
    ['sites.csv', 'null'],
    ['proposals.txt', '\uFEFF\t<?xml version="1.0"?><kml/>'],
    ['empty.geojson', ''],
    ['empty.csv', '\uFEFF  '],
  ];

  it('tells a text file as sniffTextFormat does on its decoded text', () => {
    for (const [name, text] of TEXTS) expect(sniffFormat([{ name, bytes: bytes(text) }]), `${name}: ${JSON.stringify(text)}`).toBe(sniffTextFormat(name, text));
  });

  it('tells archives by their entries, .xls by its OLE2 signature, a Shapefile by its parts', () => {
    const zip = (entries: string[]) => zipSync(Object.fromEntries(entries.map((entry) => [entry, bytes('x')])));
    expect(sniffFormat([{ name: 'sites.bin', bytes: zip(['[Content_Types].xml', 'xl/workbook.xml']) }])).toBe('xlsx');
    expect(sniffFormat([{ name: 'proposals.zip', bytes: zip(['doc.kml']) }])).toBe('kmz');
    expect(sniffFormat([{ name: 'wards.zip', bytes: zip(['wards/WARDS.SHP', 'wards/wards.dbf']) }])).toBe('shapefile');
    expect(sniffFormat([{ name: 'notes.zip', bytes: zip(['readme.txt']) }])).toEqual({ error: 'a ZIP archive with no Excel workbook, KML document or Shapefile in it' });
    expect(sniffFormat([{ name: 'sites.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]) }])).toBe('xls');
    expect(sniffFormat([{ name: 'wards.shp', bytes: new Uint8Array(100) }])).toBe('shapefile');
    expect(sniffFormat([{ name: 'a.dbf', bytes: new Uint8Array(1) }, { name: 'a.shx', bytes: new Uint8Array(1) }])).toBe('shapefile');
  });
});

describe.each(PARSERS)('$name: a GeoJSON root that is not an object', ({ parse, features }) => {
  it.each(['null', '42', '"FeatureCollection"', 'true'])('%s in a .geojson fails as GeoJSON, naming what the root is', (text) => {
    const result = parse(text, 'layer.geojson');
    expect(result.status).toBe('failed');
    expect(result.issues[0]).toMatchObject({ index: null, code: 'invalid-geojson', severity: 'error' });
    expect(describeIssue(result.issues[0], 'en')).toMatch(/must hold a FeatureCollection object/);
    expect(result.issues.map((issue) => issue.code)).not.toContain('missing-column');
  });

  it('a bare array of Features is read as a FeatureCollection, with a note (vi/en)', () => {
    const result = parse(JSON.stringify(features), 'layer.geojson');
    expect([result.status, result.read, result.kept, result.rejected]).toEqual(['ok-with-notes', 2, 2, 0]);
    const note = result.issues.find((issue) => issue.code === 'feature-array-root');
    expect(note).toMatchObject({ index: null, severity: 'warning', params: { count: 2 } });
    expect(describeIssue(note!, 'en')).toBe('The file holds a bare array of 2 features instead of a FeatureCollection; it was read as a FeatureCollection of those features.');
    expect(describeIssue(note!, 'vi')).toBe('Tệp chứa một mảng 2 đối tượng thay vì một FeatureCollection; đã đọc như một FeatureCollection gồm các đối tượng đó.');
  });

  it('a bare array keeps the feature places: a bad element is rejected with its index', () => {
    const result = parse(JSON.stringify([features[0], { type: 'Nope' }, features[1]]), 'layer.geojson');
    expect([result.read, result.kept, result.rejected]).toEqual([3, 2, 1]);
    expect(result.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code])).toEqual([[1, 'invalid-geojson']]);
  });
});

describe.each(PARSERS)('$name through readLayerFile (the CLI): the same diagnosis', ({ name, features }) => {
  const read = (text: string) => readLayerFile(name, [{ name: 'layer.geojson', bytes: bytes(text) }]);

  it.each(['null', '42'])('%s fails as GeoJSON, naming what the root is', async (text) => {
    const result = await read(text);
    expect([result.status, result.format]).toEqual(['failed', 'geojson']);
    expect(result.issues[0]).toMatchObject({ index: null, code: 'invalid-geojson', severity: 'error' });
    expect(describeIssue(result.issues[0], 'en')).toMatch(/must hold a FeatureCollection object/);
  });

  it('a bare array of Features is read as a FeatureCollection, with the note, its places kept', async () => {
    const result = await read(JSON.stringify([features[0], { type: 'Nope' }, features[1]]));
    expect([result.status, result.format, result.read, result.kept, result.rejected]).toEqual(['ok-with-notes', 'geojson', 3, 2, 1]);
    expect(result.issues.filter((issue) => issue.code === 'feature-array-root')).toMatchObject([{ index: null, severity: 'warning', params: { count: 3 } }]);
    expect(result.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code])).toEqual([[1, 'invalid-geojson']]);
  });
});

describe('a bare array of Features in VN-2000 metres', () => {
  // Hải Phòng in VN-2000 / TM-3 105°45′: northings near 2,300 km, eastings near 580 km
  const inMetres = [point({ household_id: 'h1' }, 581_000, 2_306_000), point({ household_id: 'h2' }, 582_000, 2_307_000)];

  it('goes through the CRS handling like a FeatureCollection: refused without a CRS (with a guess), converted with one', async () => {
    const file = [{ name: 'households.json', bytes: bytes(JSON.stringify(inMetres)) }];
    const guessed = await readLayerFile('households', file);
    expect(guessed.status).toBe('failed');
    expect(guessed.issues.find((issue) => issue.index === null && issue.severity === 'error')?.code).toBe('crs-required');
    const converted = await readLayerFile('households', file, { crs: vn2000Tm3(105.75) });
    expect([converted.status, converted.kept, converted.crs]).toEqual(['ok-with-notes', 2, expect.stringContaining('VN-2000')]);
    for (let i = 0; i < converted.data.length; i++) {
      expect(converted.data.lon[i]).toBeGreaterThan(106.5);
      expect(converted.data.lon[i]).toBeLessThan(106.6);
      expect(converted.data.lat[i]).toBeGreaterThan(20.8);
      expect(converted.data.lat[i]).toBeLessThan(20.9);
    }
  });
});

describe('broken GeoJSON', () => {
  it('is placed by line and column, whatever the browser words JSON.parse errors as', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature" "properties": {}}\n  ]\n}';
    const result = parseWards(text, 'wards.geojson');
    expect(result.issues[0]).toMatchObject({ code: 'file-unparseable', params: { format: 'GeoJSON', detail: 'line 4, column 24: expected a comma' } });
    expect(describeIssue(result.issues[0], 'vi')).toBe('Không đọc được tệp theo định dạng GeoJSON: dòng 4, cột 24: thiếu dấu phẩy.');
  });
});
