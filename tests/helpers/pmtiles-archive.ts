/**
 * Test fixtures for the offline basemap: a small PMTiles v3 archive written here, since the pmtiles npm package
 * reads archives only (the writers are the Go `pmtiles` CLI and tippecanoe/planetiler, none on npm). The layout
 * follows the PMTiles v3 specification (github.com/protomaps/PMTiles, spec/v3/spec.md): a 127-byte header, the root
 * directory (entries sorted by tile id, varint columns: id deltas, run lengths, lengths, offsets with 0 meaning
 * "right after the previous tile"), JSON metadata, then the tile data. Tile ids come from pmtiles' own
 * `zxyToTileId` (the Hilbert order the reader expects). No leaf directories: enough for a few hundred tiles.
 *
 * `vectorBasemapArchive` fills it with Mapbox Vector Tiles of the Protomaps basemap layers (earth, water, roads,
 * places) over a bounding box, cut by geojson-vt and encoded by vt-pbf, gzip-compressed as Protomaps builds are.
 */
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import { zxyToTileId } from 'pmtiles';
import vtpbf from 'vt-pbf';

/** Tile type and compression codes of the v3 header. */
const TILE_TYPE_MVT = 1;
const COMPRESSION_NONE = 1;
const COMPRESSION_GZIP = 2;
const HEADER_BYTES = 127;

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveOptions {
  tileType: number;
  tileCompression: number;
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number];
  metadata: Record<string, unknown>;
}

/** A PMTiles v3 archive of `tiles` (each stored once, in tile-id order, so the archive is clustered). */
export function writePmtiles(tiles: readonly ArchiveTile[], options: ArchiveOptions): Uint8Array<ArrayBuffer> {
  const sorted = tiles.map((tile) => ({ ...tile, id: zxyToTileId(tile.z, tile.x, tile.y) })).sort((a, b) => a.id - b.id);
  let offset = 0;
  const entries = sorted.map((tile) => {
    const entry = { id: tile.id, offset, length: tile.data.length };
    offset += tile.data.length;
    return entry;
  });
  const directory: number[] = [];
  varint(directory, entries.length);
  entries.forEach((entry, k) => varint(directory, entry.id - (k === 0 ? 0 : entries[k - 1].id)));
  entries.forEach(() => varint(directory, 1));
  entries.forEach((entry) => varint(directory, entry.length));
  entries.forEach((entry, k) => varint(directory, k > 0 && entry.offset === entries[k - 1].offset + entries[k - 1].length ? 0 : entry.offset + 1));
  const metadata = new TextEncoder().encode(JSON.stringify(options.metadata));
  const tileData = concat(sorted.map((tile) => tile.data));

  const zooms = tiles.map((tile) => tile.z);
  const header = new DataView(new ArrayBuffer(HEADER_BYTES));
  new TextEncoder().encodeInto('PMTiles', new Uint8Array(header.buffer));
  header.setUint8(7, 3);
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + directory.length;
  const tileDataOffset = metadataOffset + metadata.length;
  const u64 = (at: number, value: number) => header.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, directory.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, tileDataOffset + tileData.length);
  u64(48, 0);
  u64(56, tileDataOffset);
  u64(64, tileData.length);
  u64(72, tiles.length);
  u64(80, entries.length);
  u64(88, entries.length);
  header.setUint8(96, 1);
  header.setUint8(97, COMPRESSION_NONE);
  header.setUint8(98, options.tileCompression);
  header.setUint8(99, options.tileType);
  header.setUint8(100, Math.min(...zooms));
  header.setUint8(101, Math.max(...zooms));
  const [west, south, east, north] = options.bounds;
  const e7 = (at: number, degrees: number) => header.setInt32(at, Math.round(degrees * 1e7), true);
  e7(102, west);
  e7(106, south);
  e7(110, east);
  e7(114, north);
  header.setUint8(118, Math.min(...zooms));
  e7(119, (west + east) / 2);
  e7(123, (south + north) / 2);
  return concat([new Uint8Array(header.buffer), Uint8Array.from(directory), metadata, tileData]);
}

/** Tile column and row of a point at zoom z (Web Mercator). */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const phi = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)];
}

/**
 * A vector basemap of `bounds` for zooms `minZoom`…`maxZoom`: land ("earth") over the box, a bay of water in its
 * south-east quarter, a grid of major roads and one place label, in the layers and kinds of the Protomaps basemap.
 */
export function vectorBasemapArchive(bounds: [number, number, number, number], minZoom: number, maxZoom: number): Uint8Array<ArrayBuffer> {
  const [west, south, east, north] = bounds;
  const midLon = (west + east) / 2;
  const midLat = (south + north) / 2;
  const box = (w: number, s: number, e: number, n: number): Feature => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
  });
  const layers: Record<string, FeatureCollection> = {
    earth: { type: 'FeatureCollection', features: [{ ...box(west, south, east, north), properties: { kind: 'earth' } }] },
    water: { type: 'FeatureCollection', features: [{ ...box(midLon, south, east, midLat), properties: { kind: 'ocean' } }] },
    roads: {
      type: 'FeatureCollection',
      features: [0.25, 0.5, 0.75].flatMap((f) => [
        { type: 'Feature', properties: { kind: 'major_road', name: 'Đường thử' }, geometry: { type: 'LineString', coordinates: [[west, south + f * (north - south)], [east, south + f * (north - south)]] } },
        { type: 'Feature', properties: { kind: 'major_road', name: 'Phố thử' }, geometry: { type: 'LineString', coordinates: [[west + f * (east - west), south], [west + f * (east - west), north]] } },
      ]),
    },
    places: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { kind: 'locality', name: 'Hải Phòng', 'pmap:min_zoom': 0, population_rank: 15 }, geometry: { type: 'Point', coordinates: [midLon, midLat] } }],
    },
  };
  const indexes = Object.entries(layers).map(([name, data]) => [name, new GeoJSONVT(data, { maxZoom, indexMaxZoom: maxZoom, indexMaxPoints: 0 })] as const);
  const tiles: ArchiveTile[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const [x0, y0] = tileOf(west, north, z);
    const [x1, y1] = tileOf(east, south, z);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const layerTiles = Object.fromEntries(indexes.flatMap(([name, index]) => {
          const tile = index.getTile(z, x, y);
          return tile === null ? [] : [[name, tile]];
        }));
        if (Object.keys(layerTiles).length === 0) continue;
        tiles.push({ z, x, y, data: gzipSync(vtpbf.fromGeojsonVt(layerTiles, { version: 2 })) });
      }
    }
  }
  return writePmtiles(tiles, {
    tileType: TILE_TYPE_MVT,
    tileCompression: COMPRESSION_GZIP,
    bounds,
    metadata: { name: 'phusong test basemap', attribution: '© OpenStreetMap contributors', vector_layers: Object.keys(layers).map((id) => ({ id, fields: {} })) },
  });
}

/** LEB128 varint, as the directory's columns are written. */
function varint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
