/**
 * What the app does with files a user picks or drops before they reach the worker: a Shapefile's parts dropped
 * together become one input, the layer a file holds is told from its first look (header, geometry types,
 * name), and the questions an import needs answered are worked out: a sheet when a workbook has several, a column
 * map when required fields have no column, a coordinate system when coordinates are metres the file does not
 * place. Pure, so the rules are unit-tested.
 */
import { fieldSources, requiredFields, tableCrsGuess, type CrsGuess, type LayerFileInspection } from '../../io/inspect-layer-file.ts';
import type { LayerName } from '../../io/read-layer-file.ts';
import type { ImportableLayer } from '../../worker/protocol.ts';
import { foldForSearch } from '../search-text.ts';

/** Extensions of a Shapefile's parts (the .shp holds the shapes; the others travel with it). */
const SHAPEFILE_PART = /\.(shp|shx|dbf|prj|cpg|qpj|sbn|sbx|qix|fix|xml)$/i;

/**
 * Groups files into inputs: the parts of each Shapefile (same base name, with a .shp) together, every other file
 * alone, in the order given. Parts without their .shp stay alone (their import then says the .shp is missing).
 */
export function groupInputs<F extends { name: string }>(files: readonly F[]): F[][] {
  const base = (name: string) => name.replace(SHAPEFILE_PART, '').toLowerCase();
  const withShp = new Set(files.filter((file) => /\.shp$/i.test(file.name)).map((file) => base(file.name)));
  const groups: F[][] = [];
  const byBase = new Map<string, F[]>();
  for (const file of files) {
    const key = SHAPEFILE_PART.test(file.name) && withShp.has(base(file.name)) ? base(file.name) : null;
    if (key === null) {
      groups.push([file]);
      continue;
    }
    const group = byBase.get(key);
    if (group === undefined) {
      const created = [file];
      byBase.set(key, created);
      groups.push(created);
    } else group.push(file);
  }
  return groups;
}

/** The name an input is shown and reported by: the .shp of a Shapefile's parts, else the (first) file. */
export function inputName(files: ReadonlyArray<{ name: string }>): string {
  return (files.find((file) => /\.shp$/i.test(file.name)) ?? files[0])?.name ?? '';
}

/** How the app's importable layers are read by readLayerFile (the land mask is a layer of polygons, as zones). */
export function readerLayer(layer: ImportableLayer): LayerName {
  return layer === 'land' ? 'zones' : layer;
}

const SITE_COLUMNS = ['site_id', 'cell_id', 'azimuth_deg', 'technology', 'band_mhz', 'beamwidth_deg', 'rs_power_dbm', 'radio', 'mcc'];
const HOUSEHOLD_COLUMNS = ['household_id', 'count'];
const FIBRE_PROPERTIES = ['capacity', 'kind', 'route_id', 'node_id'];
const ZONE_PROPERTIES = ['zone_id', 'zone_kind', 'zone_name'];

/** OpenCelliD exports may come without a header: their first row starts with the radio type and MCC. */
const OPENCELLID_ROW = /^(GSM|UMTS|LTE|NR|CDMA)$/;

/** Name hints (folded, without diacritics), checked when the content does not decide. */
const NAME_HINTS: Array<[RegExp, ImportableLayer]> = [
  [/household|ho[ _-]?gia[ _-]?dinh|\bhh\b/, 'households'],
  [/fib(re|er)|cap[ _-]?quang|ftth/, 'fibre'],
  [/zone|khu[ _-]?cong[ _-]?nghiep|\bkcn\b|quy[ _-]?hoach/, 'zones'],
  [/site|bts|cell|tram|opencellid|de[ _-]?xuat|proposal/, 'sites'],
  [/ward|phuong|xa|commune|don[ _-]?vi/, 'wards'],
];

/**
 * The layer a file holds, from its first look: polygons are wards (or zones, by their properties), lines fibre,
 * points and tables by their columns; the file name decides only what the content cannot. Null: ask the user.
 *
 * @example detectLayerOf('tram.kmz', { header: ['name', 'technology'], geometryTypes: ['Point'] }) // 'sites'
 */
export function detectLayerOf(fileName: string, look: Pick<LayerFileInspection, 'header' | 'geometryTypes'>): ImportableLayer | null {
  const columns = look.header.map((cell) => cell.trim().toLowerCase());
  const has = (names: readonly string[]) => columns.some((column) => names.includes(column));
  const types = look.geometryTypes;
  const name = foldForSearch(fileName.replace(/\.(gz|csv|geojson|json|txt|xlsx|kml|kmz|zip|shp)$/gi, ''));
  const hinted = NAME_HINTS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
  if (types.some((type) => /Polygon$/.test(type))) return has(ZONE_PROPERTIES) || hinted === 'zones' ? 'zones' : 'wards';
  if (types.some((type) => /LineString$/.test(type))) return 'fibre';
  if (has(SITE_COLUMNS) || OPENCELLID_ROW.test(look.header[0] ?? '')) return 'sites';
  if (has(HOUSEHOLD_COLUMNS)) return 'households';
  if (has(FIBRE_PROPERTIES) && types.length > 0) return 'fibre';
  return hinted;
}

/** What must be asked before a file can be imported; all false: import at once. */
export interface ImportQuestions {
  /** The workbook has several sheets with data. */
  sheet: boolean;
  /** Required fields of the layer that no column feeds, by documented name. */
  missingFields: string[];
  /** Coordinates in metres that the file does not place: what they look like (the chooser is pre-filled). */
  crs: CrsGuess | null;
}

/** The questions for a file read as `layer`, with the column map known so far (remembered or chosen). */
export function importQuestions(layer: ImportableLayer, look: LayerFileInspection, columnMap: Record<string, string>): ImportQuestions {
  const reader = readerLayer(layer);
  const sources = fieldSources(reader, look.header, columnMap, look.format);
  return {
    sheet: look.sheets.length > 1,
    missingFields: look.error !== null ? [] : requiredFields(reader, look.rowKind).filter((field) => sources[field] === null),
    crs: look.error !== null ? null : look.rowKind === 'row' ? tableCrsGuess(look, columnMap) : look.projected,
  };
}

/** Whether anything must be asked. */
export function needsAnswers(questions: ImportQuestions): boolean {
  return questions.sheet || questions.missingFields.length > 0 || questions.crs !== null;
}
