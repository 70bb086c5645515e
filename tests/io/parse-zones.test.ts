import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseZones } from '../../src/io/parse-zones.ts';
import { readLayerFile } from '../../src/io/read-layer-file.ts';

const square = (lon: number) => ({ type: 'Polygon', coordinates: [[[lon, 20.8], [lon + 0.1, 20.8], [lon + 0.1, 20.9], [lon, 20.8]]] });

describe('parseZones', () => {
  it('keeps polygons with their id, name and kind, rejects other geometries and repeated ids', () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { zone_id: 'QH-1', name: 'Khu công nghiệp Tràng Duệ', Kind: 'industrial_park' }, geometry: square(106.5) },
        { type: 'Feature', id: 7, properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(106.7).coordinates] } },
        { type: 'Feature', properties: {}, geometry: square(106.9) },
        { type: 'Feature', properties: { name: 'a line' }, geometry: { type: 'LineString', coordinates: [[106.6, 20.8], [106.7, 20.9]] } },
        { type: 'Feature', properties: { id: 'QH-1' }, geometry: square(107) },
      ],
    });
    const result = parseZones(geojson, 'zones.geojson');
    expect(result.data.map((zone) => [zone.id, zone.name, zone.kind, zone.geometry.type])).toEqual([
      ['QH-1', 'Khu công nghiệp Tràng Duệ', 'industrial_park', 'Polygon'],
      ['7', null, null, 'MultiPolygon'],
      ['zone-2', null, null, 'Polygon'],
    ]);
    expect(result.issues.map((issue) => [issue.index, issue.code])).toEqual([[3, 'wrong-geometry-type'], [4, 'duplicate-id']]);
    expect(result).toMatchObject({ read: 5, kept: 3, rejected: 2, status: 'ok-with-notes' });
  });
});

describe('the embedded zones layer', () => {
  it('reads data/hp2025_zones.geojson through readLayerFile as zones: every feature kept with its id, name and kind', async () => {
    const bytes = readFileSync('data/hp2025_zones.geojson');
    const raw = JSON.parse(bytes.toString('utf8')) as { features: Array<{ properties: { id: string; name: string; kind: string } }> };
    const result = await readLayerFile('zones', [{ name: 'hp2025_zones.geojson', bytes: new Uint8Array(bytes) }]);
    expect(result.status).not.toBe('failed');
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    // kind is read, not reported as an unused column (the other properties are notes for people)
    const unused = result.issues.find((issue) => issue.code === 'unused-columns');
    expect(String(unused?.params?.value ?? '').split(', ')).not.toContain('kind');
    expect(result.data.map((zone) => [zone.id, zone.name, zone.kind])).toEqual(raw.features.map(({ properties: p }) => [p.id, p.name, p.kind]));
    expect(result.data.length).toBe(18);
  });
});
