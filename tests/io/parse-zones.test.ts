import { describe, expect, it } from 'vitest';
import { parseZones } from '../../src/io/parse-zones.ts';

const square = (lon: number) => ({ type: 'Polygon', coordinates: [[[lon, 20.8], [lon + 0.1, 20.8], [lon + 0.1, 20.9], [lon, 20.8]]] });

describe('parseZones', () => {
  it('keeps polygons with their id and name, rejects other geometries and repeated ids', () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { zone_id: 'QH-1', name: 'Khu công nghiệp Tràng Duệ' }, geometry: square(106.5) },
        { type: 'Feature', id: 7, properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(106.7).coordinates] } },
        { type: 'Feature', properties: {}, geometry: square(106.9) },
        { type: 'Feature', properties: { name: 'a line' }, geometry: { type: 'LineString', coordinates: [[106.6, 20.8], [106.7, 20.9]] } },
        { type: 'Feature', properties: { id: 'QH-1' }, geometry: square(107) },
      ],
    });
    const result = parseZones(geojson, 'zones.geojson');
    expect(result.data.map((zone) => [zone.id, zone.name, zone.geometry.type])).toEqual([
      ['QH-1', 'Khu công nghiệp Tràng Duệ', 'Polygon'],
      ['7', null, 'MultiPolygon'],
      ['zone-2', null, 'Polygon'],
    ]);
    expect(result.issues.map((issue) => [issue.index, issue.code])).toEqual([[3, 'wrong-geometry-type'], [4, 'duplicate-id']]);
    expect(result).toMatchObject({ read: 5, kept: 3, rejected: 2, status: 'ok-with-notes' });
  });
});
