/** wkt-parser (proj4's WKT reader, untyped): parses WKT1/WKT2 into a flat object of proj4 parameters; throws on bad text. */
declare module 'wkt-parser' {
  export default function parseWkt(wkt: string): unknown;
}
