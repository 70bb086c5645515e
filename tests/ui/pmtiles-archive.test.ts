/**
 * The basemap test fixture read back by the libraries the app uses: pmtiles' reader (header, tile lookup through
 * the directory, gzip) and @mapbox/vector-tile (the layers and kinds protomaps-leaflet draws), so the browser
 * test's archive is a valid PMTiles v3 file.
 */
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { FileSource, PMTiles, TileType } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { tileOf, vectorBasemapArchive } from '../helpers/pmtiles-archive.ts';

const BOUNDS: [number, number, number, number] = [106.3, 20.6, 107.0, 21.1];

describe('vectorBasemapArchive', () => {
  const bytes = vectorBasemapArchive(BOUNDS, 8, 12);
  const archive = new PMTiles(new FileSource(new File([bytes], 'test.pmtiles')));

  it('has a v3 header the reader accepts, with the zooms, bounds and tile type written', async () => {
    const header = await archive.getHeader();
    expect(header.specVersion).toBe(3);
    expect(header.tileType).toBe(TileType.Mvt);
    expect([header.minZoom, header.maxZoom]).toEqual([8, 12]);
    expect(header.minLon).toBeCloseTo(106.3, 6);
    expect(header.maxLat).toBeCloseTo(21.1, 6);
    // zoom 12 alone spans columns ⌊286.3 / 360 × 4096⌋ = 3257 … ⌊287 / 360 × 4096⌋ = 3265: 9 columns, several rows
    expect(header.numTileEntries).toBeGreaterThan(9 * 5);
  });

  it('finds every tile of the box by z/x/y, with the basemap layers in it', async () => {
    // lon 106.3 at zoom 12: (286.3 / 360) × 4096 = 3257.5…; lat 21.1: row (1 − ln(tan φ + sec φ)/π)/2 × 4096
    expect(tileOf(106.3, 21.1, 12)[0]).toBe(Math.floor((286.3 / 360) * 4096));
    const [x, y] = tileOf(106.65, 20.85, 10);
    const tile = await archive.getZxy(10, x, y);
    expect(tile).toBeDefined();
    const layers = new VectorTile(new Pbf(new Uint8Array(tile!.data))).layers;
    expect(Object.keys(layers).sort()).toEqual(['earth', 'places', 'roads', 'water']);
    expect(layers.roads.feature(0).properties.kind).toBe('major_road');
    expect(layers.earth.feature(0).type).toBe(3);
    // outside the box there is nothing
    expect(await archive.getZxy(10, x + 20, y)).toBeUndefined();
  });

  it('stores tiles gzip-compressed, as Protomaps builds do', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint8(98)).toBe(2);
    const dataOffset = Number(view.getBigUint64(56, true));
    expect(gunzipSync(bytes.subarray(dataOffset)).length).toBeGreaterThan(0);
  });
});
