/**
 * The inputs of `plan-sites` beyond the usual layers: a candidate file (the sites columns, each row a possible
 * new cell, RF fields optional: the template fills the rest) and exclusion polygons (where no new site may go).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Cell } from '../core/model.ts';
import { TEMPLATE_RF_FIELDS, type TemplateRfField } from '../core/siting/site-templates.ts';
import { checkFeature, propertiesOf, PropertyReader, readFeatures } from './check-geojson.ts';
import type { ImportResult } from './import-result.ts';
import { IssueLog } from './issue-log.ts';
import { parseSites, SITE_COLUMNS } from './parse-sites.ts';
import { findColumn, readCsv } from './read-csv.ts';

/** The kept cells of a candidate file, and which RF fields each kept row gives (the rest come from the template). */
export interface CandidateCells {
  cells: Cell[];
  /** RF fields the file gives for each kept cell, by cell id. */
  given: Map<string, Set<TemplateRfField>>;
}

/** Reads a candidate file as a sites file (same checks and rejections), with the RF fields each kept row gives. */
export function parseCandidateSites(text: string, file: string): ImportResult<CandidateCells> {
  const result = parseSites(text, file);
  return { ...result, data: { cells: result.data, given: givenRfFields(text, result) } };
}

/**
 * For each kept cell of a parsed sites file, the RF fields its own row or feature gives (non-empty). Rows are
 * matched to cells in file order, skipping the rows the parser rejected. `model` and `environment` count as
 * given only when the parser understood them.
 */
function givenRfFields(text: string, result: ImportResult<Cell[]>): Map<string, Set<TemplateRfField>> {
  const rejected = new Set(result.issues.filter((issue) => issue.severity === 'error' && issue.index !== null).map((issue) => issue.index));
  const perRow: Array<Set<TemplateRfField>> = [];
  const scratch = new IssueLog(result.file, 'row');
  if (result.format === 'geojson') {
    (readFeatures(text, scratch) ?? []).forEach((feature, index) => {
      if (rejected.has(index)) return;
      const properties = new PropertyReader(propertiesOf(feature));
      perRow.push(new Set(TEMPLATE_RF_FIELDS.filter((field) => properties.find(SITE_COLUMNS[field]) !== null)));
    });
  } else {
    readCsv(text, scratch, ({ cells: header }) => {
      const columns = TEMPLATE_RF_FIELDS.map((field) => [field, findColumn(header, SITE_COLUMNS[field])] as const);
      return (record, row) => {
        if (rejected.has(row)) return;
        perRow.push(new Set(columns.filter(([, k]) => k !== -1 && (record[k] ?? '').trim() !== '').map(([field]) => field)));
      };
    });
  }
  const given = new Map<string, Set<TemplateRfField>>();
  result.data.forEach((cell, i) => {
    const fields = perRow[i] ?? new Set<TemplateRfField>();
    if (cell.model === null) fields.delete('model');
    if (cell.environment === null) fields.delete('environment');
    given.set(cell.cellId, fields);
  });
  return given;
}

/** Exclusion polygons: a GeoJSON file of Polygon/MultiPolygon features; other features are rejected and reported. */
export function parseExclusions(text: string, file: string): ImportResult<Array<Polygon | MultiPolygon>> {
  const log = new IssueLog(file, 'feature');
  const features = readFeatures(text, log);
  if (features === null) return log.finish([], 0, 0);
  const polygons: Array<Polygon | MultiPolygon> = [];
  features.forEach((feature, index) => {
    const checked = checkFeature(feature, index, ['Polygon', 'MultiPolygon'], log);
    if (checked !== null) polygons.push(checked.geometry as Polygon | MultiPolygon);
  });
  return log.finish(polygons, features.length, polygons.length);
}
