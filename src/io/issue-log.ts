/**
 * Collects the issues of one import, each with its file and place, and tallies defaulted fields into one
 * note per column (a 12,000-row sites file without `tilt_deg` gives one note, not 12,000).
 */
import { finishImport, type ImportIssue, type ImportResult, type IndexKind, type IssueCode } from './import-result.ts';

export type IssueParams = Record<string, string | number>;

/** A column left empty in one row or feature, and the default it got (counted once the row is kept). */
export type DefaultedField = readonly [column: string, value: string];

export class IssueLog {
  private readonly rowIssues: ImportIssue[] = [];
  private readonly fileIssues: ImportIssue[] = [];
  private readonly defaulted = new Map<string, { count: number; values: Set<string>; from?: string }>();
  private readonly tallies = new Map<IssueCode, { count: number; params: IssueParams }>();

  constructor(
    readonly file: string,
    readonly indexKind: IndexKind,
    /** The workbook sheet the rows are on, for XLSX imports. */
    readonly sheet?: string,
  ) {}

  /** The row or feature at `index` is rejected for this reason. */
  reject(index: number, code: IssueCode, column?: string, params?: IssueParams): void {
    this.rowIssues.push(this.issue(index, code, 'error', column, params));
  }

  /** The row or feature at `index` is kept, with a note (e.g. an unknown optional value left empty). */
  note(index: number, code: IssueCode, column?: string, params?: IssueParams): void {
    this.rowIssues.push(this.issue(index, code, 'warning', column, params));
  }

  /** The whole file cannot be used; the issue goes first, where the CLI and the UI look for the reason. */
  failFile(code: IssueCode, params?: IssueParams, column?: string): void {
    this.fileIssues.push(this.issue(null, code, 'error', column, params));
  }

  /** A note about the whole file that does not reject anything. */
  noteFile(code: IssueCode, column?: string, params?: IssueParams): void {
    this.rowIssues.push(this.issue(null, code, 'warning', column, params));
  }

  /**
   * Counts `rows` kept rows or features whose `column` was empty and got the default `value`; summarised
   * by `finish`. Call it only for rows that are kept, so the note's count matches the data.
   */
  countDefault(column: string, value: string | number, rows = 1): void {
    const tally = this.tally(column, undefined);
    tally.count += rows - 1;
    tally.values.add(String(value));
  }

  /**
   * Counts one kept row or feature that got the same note (e.g. X/Y read in survey order): one warning per code
   * at `finish`, with the count and the params of the first.
   */
  tallyNote(code: IssueCode, params: IssueParams = {}): void {
    const tally = this.tallies.get(code);
    if (tally === undefined) this.tallies.set(code, { count: 1, params });
    else tally.count++;
  }

  countDefaults(fields: readonly DefaultedField[]): void {
    for (const [column, value] of fields) this.countDefault(column, value);
  }

  /** Counts one row or feature whose `column` was empty and got a copy of column `from`. */
  countCopied(column: string, from: string): void {
    this.tally(column, from);
  }

  private tally(column: string, from: string | undefined): { count: number; values: Set<string>; from?: string } {
    let tally = this.defaulted.get(column);
    if (tally === undefined) {
      tally = { count: 0, values: new Set(), from };
      this.defaulted.set(column, tally);
    }
    tally.count++;
    return tally;
  }

  get failed(): boolean {
    return this.fileIssues.length > 0;
  }

  /**
   * Builds the result: whole-file errors first, then row issues sorted by place, then one 'defaulted-field'
   * note per column. Nothing kept out of a non-empty file adds 'no-valid-rows'; nothing read adds 'file-empty'.
   */
  finish<T>(data: T, read: number, kept: number): ImportResult<T> {
    if (!this.failed && kept === 0) {
      if (read === 0) this.failFile('file-empty');
      else {
        // name the first rejected row: the CLI prints only this issue
        let first = Infinity;
        for (const issue of this.rowIssues) {
          if (issue.severity === 'error' && issue.index !== null) first = Math.min(first, issue.index);
        }
        this.failFile('no-valid-rows', Number.isFinite(first) ? { count: read, first } : { count: read });
      }
    }
    const notes: ImportIssue[] = [];
    for (const [column, tally] of this.defaulted) {
      const params: IssueParams =
        tally.from === undefined
          ? { count: tally.count, value: [...tally.values].join(', ') }
          : { count: tally.count, from: tally.from };
      notes.push(this.issue(null, 'defaulted-field', 'warning', column, params));
    }
    for (const [code, tally] of this.tallies) notes.push(this.issue(null, code, 'warning', undefined, { ...tally.params, count: tally.count }));
    // checks that run after the main pass (duplicate ids) log late: report in file order all the same
    const rowIssues = this.rowIssues.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
    return finishImport(this.file, this.indexKind === 'row' ? 'csv' : 'geojson', data, read, kept, [...this.fileIssues, ...rowIssues, ...notes]);
  }

  private issue(
    index: number | null,
    code: IssueCode,
    severity: 'error' | 'warning',
    column: string | undefined,
    params: IssueParams | undefined,
  ): ImportIssue {
    const issue: ImportIssue = { file: this.file, index, indexKind: this.indexKind, code, severity };
    if (this.sheet !== undefined) issue.sheet = this.sheet;
    if (column !== undefined) issue.column = column;
    if (params !== undefined) issue.params = params;
    return issue;
  }
}
