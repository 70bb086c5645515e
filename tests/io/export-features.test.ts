/**
 * Results out as KML/KMZ and Shapefile and back in through readLayerFile (issue 13 round trips): the same
 * features, names and fields; a Shapefile written in VN-2000 TM-3 comes back to the same WGS84 positions (the
 * .prj says which CRS); the KML is styled by class and escapes names.
 */
import { describe, expect, it } from 'vitest';
import { parseCrsSpec } from '../../src/io/crs-spec.ts';
import { featuresToKml, featuresToShapefile, kmzOf, type ExportCollection } from '../../src/io/export-features.ts';
import { readLayerFile } from '../../src/io/read-layer-file.ts';

/** Two zones around Lê Chân (hand-made squares, 0.01° a side) and one without geometry. */
const ZONES: ExportCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { ward_id: 'Z0001', name: 'Vùng <b>1</b> & "Lê Chân"', households: 412, ward_ids: ['11311', '11314'], signal_class: 'weak' },
      geometry: { type: 'Polygon', coordinates: [[[106.67, 20.84], [106.68, 20.84], [106.68, 20.85], [106.67, 20.85], [106.67, 20.84]]] },
    },
    {
      type: 'Feature',
      properties: { ward_id: 'Z0002', name: 'Vùng 2', households: 7, ward_ids: ['11317'], signal_class: 'none' },
      geometry: { type: 'Polygon', coordinates: [[[106.69, 20.83], [106.70, 20.83], [106.70, 20.84], [106.69, 20.84], [106.69, 20.83]]] },
    },
  ],
};

const STYLES = { weak: { lineColour: '#f57c00', fillColour: '#f57c00' }, none: { lineColour: '#c62828', fillColour: '#c62828' } };

function polygonRing(index: number): number[][] {
  const geometry = ZONES.features[index].geometry;
  return geometry?.type === 'Polygon' ? geometry.coordinates[0] : [];
}

function outerRing(ward: { geometry: { type: string; coordinates: unknown } }): number[][] {
  const coordinates = ward.geometry.coordinates as number[][][] | number[][][][];
  return (ward.geometry.type === 'Polygon' ? coordinates[0] : (coordinates as number[][][][])[0][0]) as number[][];
}

describe('featuresToKml / kmzOf / featuresToShapefile', () => {
  it('writes styled, escaped placemarks that read back as the same wards', async () => {
    const { kml, skipped } = featuresToKml(ZONES, { documentName: 'Vùng sóng yếu', nameField: 'name', styleField: 'signal_class', styles: STYLES });
    expect(skipped).toBe(0);
    expect(kml).toContain('<styleUrl>#s-weak</styleUrl>');
    expect(kml).toContain('<styleUrl>#s-none</styleUrl>');
    expect(kml).not.toContain('<b>1</b>');
    for (const [name, bytes] of [['zones.kml', new TextEncoder().encode(kml)], ['zones.kmz', kmzOf(kml)]] as const) {
      const back = await readLayerFile('wards', [{ name, bytes }]);
      expect(back.status, name).not.toBe('failed');
      expect(back.data.map((ward) => [ward.id, ward.name])).toEqual([
        ['Z0001', 'Vùng <b>1</b> & "Lê Chân"'],
        ['Z0002', 'Vùng 2'],
      ]);
      // KML carries an altitude (0): compare longitude and latitude
      expect(outerRing(back.data[1]).map((position) => position.slice(0, 2))).toEqual(polygonRing(1));
    }
  });

  it('writes a Shapefile in VN-2000 TM-3 105°45′ that reads back at the same WGS84 positions (within 1e-7°)', async () => {
    const crs = parseCrsSpec('vn2000-tm3:105.75');
    if (!crs.ok) throw new Error(crs.error);
    const { zip, fieldNames } = featuresToShapefile('zones', ZONES, crs.crs);
    expect(fieldNames.signal_class.length).toBeLessThanOrEqual(10);
    const back = await readLayerFile('wards', [{ name: 'zones.zip', bytes: zip }]);
    expect(back.crs).toMatch(/EPSG:9210/);
    expect(back.data.map((ward) => ward.name)).toEqual(['Vùng <b>1</b> & "Lê Chân"', 'Vùng 2']);
    const expected = polygonRing(0);
    const ring = outerRing(back.data[0]);
    // a shapefile's outer ring is clockwise: compare as sets of corners
    const key = ([lon, lat]: number[]) => `${lon.toFixed(7)},${lat.toFixed(7)}`;
    expect(new Set(ring.map(key))).toEqual(new Set(expected.map(key)));
  });

  it('leaves features without geometry out of the KML and counts them', () => {
    const withNull: ExportCollection = { ...ZONES, features: [...ZONES.features, { type: 'Feature', properties: { name: 'x' }, geometry: null }] };
    expect(featuresToKml(withNull, { documentName: 'z', nameField: 'name' }).skipped).toBe(1);
  });
});
