/**
 * Coordinates converted between a CRS (crs.ts) and WGS84 with proj4. Apart from crs.ts so that the parsers of the
 * embedded layers, which the engine worker compiles at its start, carry no proj4 (~100 kB with wkt-parser and
 * mgrs): a conversion is made by whoever reads a file in another CRS (read-layer-file.ts, loaded on the first
 * import) and handed to the parsers (`TableOptions.transform`).
 */
import proj4 from 'proj4';
import { proj4Definition, type Crs, type CrsTransform } from './crs.ts';

/**
 * Where a CRS's coordinates can be meant (WGS84 degrees, with a margin): VN-2000 is defined for Việt Nam
 * (EPSG:4756 area of use: 102.14–109.53°E, 8.33–23.4°N; with sea areas and a margin), a Transverse Mercator
 * zone for a few degrees either side of its meridian. A point outside is a file read in the wrong CRS.
 */
function inArea(crs: Crs, lon: number, lat: number): boolean {
  if (crs.datum === 'vn2000' && (lon < 100 || lon > 118 || lat < 4 || lat > 25)) return false;
  if (crs.kind === 'transverse-mercator' && Math.abs(lon - crs.lon0Deg) > 6) return false;
  return Number.isFinite(lon) && Number.isFinite(lat) && lat >= -90 && lat <= 90;
}

const transforms = new Map<string, CrsTransform>();

/** The transformation of a CRS to and from WGS84 (cached per definition). */
export function crsTransform(crs: Crs): CrsTransform {
  const definition = proj4Definition(crs);
  let transform = transforms.get(definition);
  if (transform !== undefined) return transform;
  const converter = proj4(definition, 'EPSG:4326');
  transform = {
    crs,
    toWgs84(x, y) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
      let lonLat: number[];
      try {
        lonLat = converter.forward([x, y]);
      } catch {
        return null;
      }
      const [lon, lat] = lonLat;
      return inArea(crs, lon, lat) ? [lon, lat] : null;
    },
    fromWgs84(lon, lat) {
      const [x, y] = converter.inverse([lon, lat]);
      return [x, y];
    },
  };
  transforms.set(definition, transform);
  return transform;
}

/** The transform coordinates in `crs` need: null for WGS84 longitude/latitude (read as they are) or no CRS. */
export function coordinateTransform(crs: Crs | undefined): CrsTransform | null {
  return crs === undefined || (crs.kind === 'geographic' && crs.datum === 'wgs84') ? null : crsTransform(crs);
}
