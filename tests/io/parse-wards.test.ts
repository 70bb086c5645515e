import { describe, expect, it } from 'vitest';
import { parseWards } from '../../src/io/parse-wards.ts';
import { describeIssue } from '../../src/io/issue-messages.ts';
import { issueTuples, readFixture } from './fixtures.ts';

describe('parseWards', () => {
  it('reads ids, names, attributes and census figures; text comes through verbatim', () => {
    const result = parseWards(readFixture('good/wards.geojson'), 'wards.geojson');
    expect([result.status, result.read, result.kept, result.rejected]).toEqual(['ok-with-notes', 4, 4, 0]);
    const [quanToan, xss, unnamed, island] = result.data;
    expect(quanToan).toMatchObject({
      id: '11296', name: 'Phường Quán Toan', type: 'Phường', district: 'Quận Hồng Bàng', environment: 'urban',
      population2019: 11380, households2019: 3276,
    });
    expect(quanToan.geometry.type).toBe('Polygon');
    // a numeric ward_id becomes a string; HTML in names is data, never interpreted
    expect(xss).toMatchObject({
      id: '11311', name: '<img src=x onerror=alert(1)>', district: 'Quận <b>Lê Chân</b>', type: null,
      environment: null, population2019: 1234, households2019: 300,
    });
    expect(xss.geometry.type).toBe('MultiPolygon');
    // no id property: the feature id; no name: the id, noted once
    expect(unnamed).toMatchObject({ id: 'W-3', name: 'W-3', environment: null });
    expect(island).toMatchObject({ id: 'W4', name: 'Xã Đảo "Cát Hải"', type: 'Xã' });
    expect(island.geometry.coordinates).toHaveLength(2);
    expect(issueTuples(result.issues)).toEqual([
      [2, 'unknown-value', 'environment', 'warning'],
      [null, 'defaulted-field', 'name', 'warning'],
    ]);
    expect(describeIssue(result.issues[1], 'en')).toBe("Column 'name': empty in 1 feature; the value of “ward_id” was used instead.");
  });

  it("reads a Vietnamese GIS file's property names, as a Shapefile writes them (MA_XA, TEN_XA, TEN_HUYEN, LOAI)", () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { MA_XA: '11311', TEN_XA: 'Phường Lê Chân', TEN_HUYEN: 'Quận Lê Chân', LOAI: 'Phường' },
          geometry: { type: 'Polygon', coordinates: [[[106.68, 20.85], [106.69, 20.85], [106.69, 20.86], [106.68, 20.85]]] },
        },
      ],
    };
    const result = parseWards(JSON.stringify(collection), 'xa.geojson');
    expect(result.data[0]).toMatchObject({ id: '11311', name: 'Phường Lê Chân', district: 'Quận Lê Chân', type: 'Phường' });
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('reads the embedded Hải Phòng wards: 223 wards, GSO codes, 2019 census', () => {
    const result = parseWards(readFixture('../../../data/hp_wards_polygons.geojson'), 'hp_wards_polygons.geojson');
    expect([result.status, result.kept]).toEqual(['ok', 223]);
    expect(result.data[0]).toMatchObject({ id: '11296', name: 'Phường Quán Toan', district: 'Quận Hồng Bàng', population2019: 11380, households2019: 3276 });
    expect(new Set(result.data.map((ward) => ward.id)).size).toBe(223);
  });

  it('reads the embedded 2025 units: 114 units by their new codes (`ward_code`), 2019 census sums, no issue', () => {
    const result = parseWards(readFixture('../../../data/hp2025_wards_polygons.geojson'), 'hp2025_wards_polygons.geojson');
    expect([result.status, result.kept, result.issues]).toEqual(['ok', 114, []]);
    // Resolution 1669, art. 1 khoản 114 and GSO Công văn 1027/CTK-CSCL: Đặc khu Bạch Long Vĩ is 11948; census
    // district row: 239 households, 624 people
    expect(result.data.find((ward) => ward.id === '11948')).toMatchObject({ name: 'Đặc khu Bạch Long Vĩ', type: 'Đặc khu', households2019: 239, population2019: 624, district: null });
    expect(new Set(result.data.map((ward) => ward.id)).size).toBe(114);
    // the official 2019 census totals of both provinces: Hải Phòng 599,156 + Hải Dương 585,432 households
    expect(result.data.reduce((sum, ward) => sum + (ward.households2019 ?? 0), 0)).toBe(599_156 + 585_432);
  });

  it('rejects each bad feature with its 0-based index and reason', () => {
    const result = parseWards(readFixture('bad/wards-bad-features.geojson'), 'bad-wards.geojson');
    expect(issueTuples(result.issues)).toEqual([
      [1, 'unclosed-ring', null, 'error'],
      [2, 'wrong-geometry-type', null, 'error'],
      [3, 'missing-geometry', null, 'error'],
      [4, 'lon-lat-swapped', null, 'error'],
      [5, 'duplicate-id', 'gso_code', 'error'],
      [6, 'too-few-positions', null, 'error'],
      [7, 'lon-out-of-range', null, 'error'],
      [8, 'invalid-geojson', null, 'error'],
      [9, 'invalid-geojson', null, 'error'],
      [10, 'invalid-geojson', null, 'error'],
      [11, 'not-a-number', 'pop_2019', 'warning'],
      [11, 'out-of-range', 'households_2019', 'warning'],
    ]);
    expect(result.data.map((ward) => ward.id)).toEqual(['A0', 'A11']);
    expect(result.data[1]).toMatchObject({ population2019: null, households2019: null });
    expect([result.read, result.kept, result.rejected]).toEqual([12, 2, 10]);
    const params = result.issues.map((issue) => issue.params);
    expect(params[0]).toEqual({ ring: 1, first: '106.6, 20.8', last: '106.605, 20.8' });
    expect(params[1]).toEqual({ value: 'LineString', allowed: 'Polygon, MultiPolygon' });
    expect(params[3]).toEqual({ lon: 20.8, lat: 106.6 });
    expect(params[4]).toEqual({ value: 'A0', first: 0 });
    expect(params[5]).toEqual({ part: 'ring', count: 3, min: 4 });
    expect(params[8]).toEqual({ detail: 'must have a member with the name "properties"' });
  });

  it('fails, naming the problem, a truncated file, a projected CRS and a TopoJSON file', () => {
    const truncated = parseWards(readFixture('bad/wards-truncated.geojson'), 'truncated.geojson');
    expect(truncated.status).toBe('failed');
    expect(issueTuples(truncated.issues)).toEqual([[null, 'file-unparseable', null, 'error']]);
    expect(describeIssue(truncated.issues[0], 'en')).toMatch(/^The file cannot be read as GeoJSON: .+\.$/);

    const vn2000 = parseWards(readFixture('bad/wards-vn2000.geojson'), 'vn2000.geojson');
    expect(issueTuples(vn2000.issues)).toEqual([[null, 'unsupported-crs', null, 'error']]);
    expect(vn2000.issues[0].params).toEqual({ value: 'urn:ogc:def:crs:EPSG::3405' });

    const topology = parseWards(readFixture('bad/wards-topojson.json'), 'wards.json');
    expect(issueTuples(topology.issues)).toEqual([[null, 'invalid-geojson', null, 'error']]);
    expect(describeIssue(topology.issues[0], 'en')).toBe('Not valid GeoJSON: the file must hold a FeatureCollection, not "Topology".');

    expect(parseWards('{"type":"FeatureCollection","features":[]}', 'none.geojson').issues.map((issue) => issue.code)).toEqual(['file-empty']);
    expect(parseWards('', 'empty.geojson').status).toBe('failed');
  });

  it('accepts a single Feature and a WGS84 crs member', () => {
    const feature = {
      type: 'Feature',
      properties: { ward_id: 'S', name: 'Một' },
      geometry: { type: 'Polygon', coordinates: [[[106, 20], [106.1, 20], [106.1, 20.1], [106, 20]]] },
    };
    expect(parseWards(JSON.stringify(feature), 'one.geojson').data.map((ward) => ward.id)).toEqual(['S']);
    const crs = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, features: [feature] };
    expect(parseWards(JSON.stringify(crs), 'crs.geojson').status).toBe('ok');
  });
});
