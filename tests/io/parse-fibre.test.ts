import { describe, expect, it } from 'vitest';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { issueTuples, readFixture } from './fixtures.ts';

describe('parseFibre', () => {
  it('reads routes (kind, operator, line parts) and access nodes (capacity, used)', () => {
    const result = parseFibre(readFixture('good/fibre.geojson'), 'fibre.geojson');
    expect([result.status, result.read, result.kept]).toEqual(['ok-with-notes', 7, 7]);
    expect(result.data.routes.map((route) => [route.id, route.kind, route.operator, route.lines.length])).toEqual([
      ['bb-1', 'backbone', 'VNPT', 1],
      ['dist-7', 'distribution', 'Viettel', 2],
      ['route-2', 'distribution', 'FPT Telecom', 1],
      ['route-3', 'backbone', null, 1],
    ]);
    expect(result.data.routes[0].lines[0]).toEqual([[106.6, 20.8], [106.7, 20.85]]);
    expect(result.data.nodes).toEqual([
      { id: 'cab-1', lon: 106.655, lat: 20.825, capacity: 32, used: 20 },
      { id: 'cab-2', lon: 106.665, lat: 20.83, capacity: 16, used: 20 },
      { id: 'splitter-3', lon: 106.615, lat: 20.81, capacity: null, used: null },
    ]);
    expect(issueTuples(result.issues)).toEqual([
      [5, 'used-exceeds-capacity', null, 'warning'],
      [null, 'defaulted-field', 'kind', 'warning'],
    ]);
    expect(result.issues[0].params).toEqual({ used: 20, capacity: 16 });
    expect(result.issues[1].params).toEqual({ count: 1, value: 'distribution' });
  });

  it('rejects other geometries, unknown kinds, bad port counts, short lines and repeated ids', () => {
    const result = parseFibre(readFixture('bad/fibre-bad-features.geojson'), 'bad-fibre.geojson');
    expect(issueTuples(result.issues)).toEqual([
      [1, 'wrong-geometry-type', null, 'error'],
      [2, 'unknown-value', 'kind', 'error'],
      [3, 'out-of-range', 'capacity', 'error'],
      [4, 'not-a-number', 'used', 'error'],
      [5, 'too-few-positions', null, 'error'],
      [6, 'duplicate-id', 'id', 'error'],
      [7, 'wrong-geometry-type', null, 'error'],
      [8, 'not-an-integer', 'used', 'error'],
    ]);
    expect(result.data.routes.map((route) => route.id)).toEqual(['r1']);
    expect(result.data.nodes).toEqual([]);
    expect(result.issues[0].params).toEqual({ value: 'Polygon', allowed: 'LineString, MultiLineString, Point' });
    expect(result.issues[4].params).toEqual({ part: 'line', count: 1, min: 2 });
  });
});
