/**
 * What the layer parsers read besides CSV/GeoJSON text: UTF-8 CSV read in pieces (text-pieces.ts), a table from a
 * workbook sheet (rows with the numbers Excel shows), or features already converted from KML/KMZ/Shapefile (in
 * WGS84). read-layer-file.ts makes them.
 */
import type { CrsTransform } from './crs.ts';
import type { TextPieces } from './text-pieces.ts';

/** A table of text cells: the header row found (below any title block) and the data rows under it. */
export interface SheetTable {
  kind: 'table';
  /** The sheet's name, quoted in every issue's place. */
  sheet: string;
  header: { cells: string[]; row: number };
  /** Non-blank rows below the header, each with its spreadsheet row number. */
  rows: Array<{ row: number; cells: string[] }>;
}

/** Features of a KML/KMZ/Shapefile/GeoJSON, in WGS84 longitude/latitude, in file order. */
export interface FeatureSource {
  kind: 'features';
  features: unknown[];
}

/** A table: CSV text (whole, or UTF-8 read in pieces) or a sheet's table. */
export type TableSource = string | TextPieces | SheetTable;

/** CSV or GeoJSON text, a table, or converted features. */
export type LayerSource = TableSource | FeatureSource;

/** The sheet a table was read from, named in its issues; undefined for CSV text. */
export function sheetOf(source: TableSource): string | undefined {
  return typeof source === 'string' || source.kind === 'pieces' ? undefined : source.sheet;
}

/** Layer field (the documented column name, e.g. `site_id`) → the header or property name the file uses for it. */
export type ColumnMap = Readonly<Record<string, string>>;

/** How a table's columns are read: headers renamed by the column map, coordinates in a CRS other than WGS84. */
export interface TableOptions {
  columnMap?: ColumnMap;
  /**
   * Converts the coordinate columns (x/lon = easting or longitude, y/lat = northing or latitude) of another CRS to
   * WGS84 (crs-transform.ts: `coordinateTransform`); WGS84 longitude/latitude when absent or null.
   */
  transform?: CrsTransform | null;
}

/**
 * Renames headers (or property names) by a column map: a header equal to a mapped source header (trimmed,
 * case-insensitive) takes the field's name; a header that already had that name is renamed `<name> (unmapped)`
 * so the mapped column wins. Returns new cells; the input is not changed.
 */
export function applyColumnMap(cells: readonly string[], map: ColumnMap | undefined): string[] {
  if (map === undefined) return [...cells];
  const fieldOfSource = new Map<string, string>();
  for (const [field, source] of Object.entries(map)) fieldOfSource.set(source.trim().toLowerCase(), field);
  const mappedFields = new Set(Object.keys(map).map((field) => field.toLowerCase()));
  return cells.map((cell) => {
    const folded = cell.trim().toLowerCase();
    const field = fieldOfSource.get(folded);
    if (field !== undefined) return field;
    return mappedFields.has(folded) ? `${cell} (unmapped)` : cell;
  });
}
