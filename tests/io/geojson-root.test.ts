/**
 * GeoJSON files whose JSON root is not a FeatureCollection object: `null`, a scalar, or a bare array of Features
 * (what some tools write). They are diagnosed as GeoJSON (never as a CSV with missing columns), and a bare array
 * of Features is read as the FeatureCollection it stands for, with a note in the report.
 */
import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/io/issue-messages.ts';
import type { ImportResult } from '../../src/io/import-result.ts';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { parseWards } from '../../src/io/parse-wards.ts';
import { sniffTextFormat } from '../../src/io/sniff-format.ts';

const point = (properties: Record<string, unknown>, lon = 106.68, lat = 20.86) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
const square = { type: 'Polygon', coordinates: [[[106.6, 20.8], [106.7, 20.8], [106.7, 20.9], [106.6, 20.9], [106.6, 20.8]]] };

const PARSERS: Array<{ name: string; parse: (text: string, file: string) => ImportResult<unknown>; features: unknown[] }> = [
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

describe('broken GeoJSON', () => {
  it('is placed by line and column, whatever the browser words JSON.parse errors as', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature" "properties": {}}\n  ]\n}';
    const result = parseWards(text, 'wards.geojson');
    expect(result.issues[0]).toMatchObject({ code: 'file-unparseable', params: { format: 'GeoJSON', detail: 'line 4, column 24: expected a comma' } });
    expect(describeIssue(result.issues[0], 'vi')).toBe('Không đọc được tệp theo định dạng GeoJSON: dòng 4, cột 24: thiếu dấu phẩy.');
  });
});
