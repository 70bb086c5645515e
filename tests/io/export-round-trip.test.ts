/**
 * Export → import gives back the same features and fields: the fibre network through a Shapefile zip (lines and
 * points in one archive) and KML, the wards through KML and a VN-2000 Shapefile.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Ward } from '../../src/core/model.ts';
import { vn2000Tm3 } from '../../src/io/crs.ts';
import { toKml } from '../../src/io/export-kml.ts';
import { toShapefileZip } from '../../src/io/export-shapefile.ts';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { parseWards } from '../../src/io/parse-wards.ts';
import { readLayerFile } from '../../src/io/read-layer-file.ts';

const fibre = parseFibre(readFileSync('tests/fixtures/io/good/fibre.geojson', 'utf8'), 'fibre.geojson').data;
const wards = parseWards(readFileSync('tests/fixtures/formats/wards-lechan.geojson', 'utf8'), 'wards.geojson').data;

const fibreFeatures = [
  ...fibre.routes.map((route) => ({
    geometry: { type: 'MultiLineString' as const, coordinates: route.lines },
    properties: { route_id: route.id, kind: route.kind, operator: route.operator },
  })),
  ...fibre.nodes.map((node) => ({
    geometry: { type: 'Point' as const, coordinates: [node.lon, node.lat] },
    properties: { node_id: node.id, capacity: node.capacity, used: node.used },
  })),
];

/** Ward fields that a file carries (the geometry compared separately). */
const wardFields = (list: Ward[]) => list.map(({ id, name, district, type, population2019, households2019 }) => ({ id, name, district, type, population2019, households2019 }));
const wardProperties = (ward: Ward) => ({ ward_id: ward.id, name: ward.name, district: ward.district, type: ward.type, pop_2019: ward.population2019, households_2019: ward.households2019 });

/** Largest distance in metres from each original vertex to the nearest vertex read back. */
function worstVertexM(original: Ward[], back: Ward[]): number {
  let worst = 0;
  original.forEach((ward, i) => {
    const mine = (ward.geometry.type === 'Polygon' ? ward.geometry.coordinates.flat() : ward.geometry.coordinates.flat(2)) as number[][];
    const theirsFlat = back[i].geometry.type === 'Polygon' ? (back[i].geometry.coordinates.flat() as number[][]) : (back[i].geometry.coordinates.flat(2) as number[][]);
    for (const [lon, lat] of mine) {
      let nearest = Infinity;
      for (const [x, y] of theirsFlat) nearest = Math.min(nearest, Math.hypot((x - lon) * 104_000, (y - lat) * 110_700));
      worst = Math.max(worst, nearest);
    }
  });
  return worst;
}

describe('round trips', () => {
  it('fibre network → Shapefile zip (lines and points) → the same routes and nodes', async () => {
    expect(fibre.routes.length).toBeGreaterThan(0);
    expect(fibre.nodes.length).toBeGreaterThan(0);
    const { zip } = toShapefileZip('fibre', fibreFeatures);
    const back = await readLayerFile('fibre', [{ name: 'fibre.zip', bytes: zip }]);
    expect(back.status).not.toBe('failed');
    expect(back.data.routes.map((route) => ({ ...route, lines: route.lines.map((line) => line.map((p) => p.slice(0, 2))) }))).toEqual(fibre.routes);
    expect(back.data.nodes).toEqual(fibre.nodes);
  });

  it('fibre network → KML → the same routes and nodes', async () => {
    const kml = toKml({
      name: 'Cáp quang',
      placemarks: fibreFeatures.map((feature) => ({
        name: 'route_id' in feature.properties ? feature.properties.route_id : feature.properties.node_id,
        fields: Object.entries(feature.properties),
        geometry: feature.geometry,
      })),
    });
    const back = await readLayerFile('fibre', [{ name: 'fibre.kml', bytes: new TextEncoder().encode(kml) }]);
    expect(back.data.routes.map((route) => ({ ...route, lines: route.lines.map((line) => line.map((p) => p.slice(0, 2))) }))).toEqual(fibre.routes);
    expect(back.data.nodes).toEqual(fibre.nodes);
  });

  it('wards → KML → the same wards', async () => {
    const kml = toKml({
      name: 'Phường/xã',
      styles: { ward: { lineColour: '#333333', fillColour: '#74a9cf', fillOpacity: 0.3 } },
      placemarks: wards.map((ward) => ({ name: ward.name, style: 'ward', fields: Object.entries(wardProperties(ward)), geometry: ward.geometry })),
    });
    const back = await readLayerFile('wards', [{ name: 'wards.kml', bytes: new TextEncoder().encode(kml) }]);
    expect(wardFields(back.data)).toEqual(wardFields(wards));
    expect(worstVertexM(wards, back.data)).toBe(0);
  });

  it('wards → VN-2000 TM-3 Shapefile → the same wards, vertices within a millimetre', async () => {
    const { zip } = toShapefileZip('wards', wards.map((ward) => ({ geometry: ward.geometry, properties: wardProperties(ward) })), { crs: vn2000Tm3(105.75) });
    const back = await readLayerFile('wards', [{ name: 'wards.zip', bytes: zip }]);
    expect(back.crs).toContain('EPSG:9210');
    expect(wardFields(back.data)).toEqual(wardFields(wards));
    expect(worstVertexM(wards, back.data)).toBeLessThan(0.001);
  });
});
