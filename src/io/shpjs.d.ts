/** The part of shpjs (untyped) that read-shapefile.ts uses: the .shp parser, GeoJSON geometries (null for null shapes). */
declare module 'shpjs' {
  /** Parses .shp bytes; with no .prj (undefined) the coordinates are returned as stored. Throws on a damaged file. */
  export function parseShp(shp: Uint8Array | ArrayBuffer | DataView, prj: string | undefined): unknown[];
}
