/**
 * An offline street basemap from a local PMTiles v3 archive the department made itself (docs/basemap.md): the
 * file the user picks is read in place through pmtiles' `FileSource` (byte ranges of the File, nothing uploaded,
 * no network), vector tiles (a Protomaps extract of OpenStreetMap) drawn by protomaps-leaflet in its light flavour
 * with Vietnamese labels, raster tiles (PNG, JPEG, WebP, AVIF) as images. Kept for the session only: a File
 * cannot be stored, the user opens it again after a reload.
 */
import L from 'leaflet';
import { FileSource, PMTiles, TileType, type Header } from 'pmtiles';
import { leafletLayer } from 'protomaps-leaflet';

/** OpenStreetMap data is under the ODbL: the attribution the licence asks for, shown on the map. */
export const OSM_ODBL_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a> (ODbL) · <a href="https://protomaps.com">Protomaps</a>';

/** What the map draws of an opened archive, and what the settings say about it. */
export interface LocalBasemap {
  layer: L.Layer;
  fileName: string;
  kind: 'vector' | 'raster';
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number];
}

const RASTER_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

/**
 * Opens `file` as a PMTiles archive (its header is read and checked: a file that is not one rejects with the
 * reason) and makes the basemap layer; `language` picks the label language of vector tiles.
 */
export async function openPmtilesBasemap(file: File, language: 'vi' | 'en'): Promise<LocalBasemap> {
  const archive = new PMTiles(new FileSource(file));
  const header = await archive.getHeader();
  const common = {
    fileName: file.name,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat] as [number, number, number, number],
  };
  if (header.tileType === TileType.Mvt) {
    const layer = leafletLayer({ url: archive, flavor: 'light', lang: language, maxDataZoom: header.maxZoom, attribution: OSM_ODBL_ATTRIBUTION, maxZoom: 19 });
    return { ...common, layer: layer as unknown as L.Layer, kind: 'vector' };
  }
  const type = RASTER_TYPES[header.tileType];
  if (type === undefined) throw new Error(`tile type ${header.tileType} is neither vector (MVT) nor an image`);
  return { ...common, layer: rasterLayer(archive, header, type), kind: 'raster' };
}

/** Image tiles of the archive, drawn up to zoom 19 (scaled past the archive's last zoom, as Leaflet does). */
function rasterLayer(archive: PMTiles, header: Header, type: string): L.Layer {
  return new RasterTiles(archive, type, { minNativeZoom: header.minZoom, maxNativeZoom: header.maxZoom, maxZoom: 19, attribution: OSM_ODBL_ATTRIBUTION });
}

class RasterTiles extends L.GridLayer {
  constructor(
    private readonly archive: PMTiles,
    private readonly type: string,
    options: L.GridLayerOptions,
  ) {
    super(options);
  }

  override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const image = document.createElement('img');
    image.alt = '';
    this.archive.getZxy(coords.z, coords.x, coords.y).then(
      (tile) => {
        if (tile === undefined) return done(undefined, image);
        const url = URL.createObjectURL(new Blob([tile.data], { type: this.type }));
        image.onload = () => {
          URL.revokeObjectURL(url);
          done(undefined, image);
        };
        image.onerror = () => {
          URL.revokeObjectURL(url);
          done(new Error(`tile ${coords.z}/${coords.x}/${coords.y} is not a readable image`), image);
        };
        image.src = url;
      },
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), image),
    );
    return image;
  }
}
