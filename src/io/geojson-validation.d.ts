/** The part of geojson-validation (CommonJS, untyped) that check-geojson.ts uses; see its README "API". */
declare module 'geojson-validation' {
  interface GeoJsonValidation {
    /** With trace = true: the list of problems (empty when valid). */
    isFeature(value: unknown, trace: true): string[];
    isFeature(value: unknown, trace?: false): boolean;
  }
  const gjv: GeoJsonValidation;
  export default gjv;
}
