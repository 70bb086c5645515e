/**
 * What every importer returns: the kept data plus every problem with its place, never a throw.
 * Modelled on Placemark's failed / succeeded-with-notes / succeeded and check-geojson's issues.
 */
import type { InputFormat } from './sniff-format.ts';

/** Machine-readable reason; `describeIssue` (issue-messages.ts) turns it into Vietnamese or English. */
export type IssueCode =
  | 'file-unparseable'
  | 'file-empty'
  | 'no-valid-rows'
  | 'missing-column'
  | 'missing-value'
  | 'not-a-number'
  | 'not-an-integer'
  | 'out-of-range'
  | 'unknown-value'
  | 'lon-out-of-range'
  | 'lat-out-of-range'
  | 'lon-lat-swapped'
  | 'duplicate-id'
  | 'invalid-geojson'
  | 'feature-array-root'
  | 'unsupported-crs'
  | 'wrong-geometry-type'
  | 'missing-geometry'
  | 'unclosed-ring'
  | 'too-few-positions'
  | 'too-many-fields'
  | 'unclosed-quote'
  | 'bad-quotes'
  | 'used-exceeds-capacity'
  | 'unknown-ward'
  | 'defaulted-field'
  | 'outside-all-wards'
  | 'overlapping-wards'
  | 'needs-geometry'
  | 'invalid-prj'
  | 'crs-required'
  | 'outside-crs-area'
  | 'survey-axis-order'
  | 'encoding-guessed'
  | 'legacy-encoding'
  | 'sheet-chosen'
  | 'unused-columns'
  | 'mapped-column-missing'
  | 'deleted-records'
  | 'not-a-date'
  | 'not-a-target-set'
  | 'unsupported-version'
  | 'unit-not-mapped'
  | 'ward-ids-other-layout';

/** What an issue's index counts. */
export type IndexKind = 'row' | 'feature' | 'target';

export interface ImportIssue {
  file: string;
  /**
   * Where in the file: for CSV the spreadsheet row number (header = row 1, first data row = row 2);
   * for GeoJSON the 0-based index in `features`; for a target set the 0-based index in `targets`. null for a
   * whole-file problem.
   */
  index: number | null;
  /** Whether `index` counts CSV rows, GeoJSON features or targets (how `describeIssue` names the place). */
  indexKind?: IndexKind;
  /** The workbook sheet the row is on (XLSX imports); rows are then numbered as Excel shows them. */
  sheet?: string;
  column?: string;
  code: IssueCode;
  /** Values quoted in the message (the offending value, the allowed range…). */
  params?: Record<string, string | number>;
  /** error = the row or feature was rejected; warning = kept, with a note (e.g. a defaulted field). */
  severity: 'error' | 'warning';
}

export interface ImportResult<T> {
  file: string;
  /**
   * The format read, so nobody sniffs the file again: a parser given text says `csv` (issue indices are spreadsheet
   * rows) or `geojson` (0-based feature indices); `readLayerFile` says the file's own format (`xlsx`, `kml`,
   * `shapefile`…), null when it could not recognise one.
   */
  format: InputFormat | null;
  /** failed: nothing usable (see `issues`); ok-with-notes: kept data but some rows rejected or noted. */
  status: 'failed' | 'ok-with-notes' | 'ok';
  data: T;
  /** Rows or features read, kept and rejected (read = kept + rejected). */
  read: number;
  kept: number;
  rejected: number;
  issues: ImportIssue[];
}

/** Builds the result's status and counts from the kept data and the issues gathered. */
export function finishImport<T>(
  file: string,
  format: InputFormat | null,
  data: T,
  read: number,
  kept: number,
  issues: ImportIssue[],
): ImportResult<T> {
  const rejected = read - kept;
  const fatal = issues.some((issue) => issue.index === null && issue.severity === 'error');
  const status = fatal || kept === 0 ? 'failed' : issues.length > 0 ? 'ok-with-notes' : 'ok';
  return { file, format, status, data, read, kept, rejected, issues };
}
