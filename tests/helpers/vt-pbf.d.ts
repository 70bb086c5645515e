/** The part of vt-pbf (no types of its own) the basemap fixture uses: geojson-vt tiles → MVT bytes. */
declare module 'vt-pbf' {
  const vtpbf: {
    fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array;
  };
  export default vtpbf;
}
