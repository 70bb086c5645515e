/** What every CLI command shares: argument parsing, loading layers with rejection reports, writing outputs. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import Papa from 'papaparse';
import type { ImportIssue, ImportResult } from '../io/import-result.ts';
import { describeIssue } from '../io/issue-messages.ts';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../core/model.ts';
import type { WardStats } from '../core/coverage/coverage-result.ts';
import { mergeSettings } from '../io/parse-settings.ts';
import { wardStatisticsTable } from '../io/export-ward-table.ts';
import { parseWards } from '../io/parse-wards.ts';
import type { MultiPolygon, Polygon } from 'geojson';

/** Bad input: printed as one line `error: <message>` with exit code 2, no stack trace. */
export class CliError extends Error {}

/**
 * Parses `--name value` options; unknown options and missing values are input errors (exit 2), reported on one
 * line (node's messages can run to several, e.g. for `--target -5`).
 */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]);
  }
}

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new CliError(`missing required option --${name}`);
  return value;
}

/** Reads a file as UTF-8 text (gunzipping `.gz` / gzip-magic files), or fails with `FILE: reason`. */
export function readInput(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new CliError(`${path}: ${reason}`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new CliError(`${path}: damaged gzip file`);
    }
  }
  return bytes.toString('utf8');
}

/** Collects the rejections of every layer for `rejected.csv` and the stderr summary. */
export class RejectionLog {
  readonly issues: ImportIssue[] = [];

  /**
   * Reads and parses one input; a file that cannot be read, cannot be parsed or has no valid rows is an
   * input error (exit 2). Rejected rows are kept for the report.
   */
  load<T>(path: string, parse: (text: string, file: string) => ImportResult<T>): ImportResult<T> {
    const result = parse(readInput(path), path);
    if (result.status === 'failed') {
      const fatal = result.issues.find((issue) => issue.index === null) ?? result.issues[0];
      const reason = fatal ? describeIssue(fatal, 'en') : 'no valid rows';
      throw new CliError(`${path}: ${reason}`);
    }
    this.issues.push(...result.issues.filter((issue) => issue.severity === 'error'));
    return result;
  }

  /**
   * Reads the optional `--land FILE` mask (polygons, e.g. the district outlines): ward polygons reach into the sea,
   * weak-signal zones and grid candidates should not. null without a file.
   */
  loadLand(path: string | undefined): Array<Polygon | MultiPolygon> | null {
    return path === undefined ? null : this.load(path, parseWards).data.map((polygon) => polygon.geometry);
  }

  /** One line per file on stderr: how many rows were rejected, and where to read why. */
  summarise(outDir: string): void {
    this.summariseTo(join(outDir, 'rejected.csv'));
  }

  /** As `summarise`, for a rejection file at `rejectedPath` (the `report` command writes one beside its output). */
  summariseTo(rejectedPath: string): void {
    if (this.issues.length === 0) return;
    const byFile = new Map<string, number>();
    for (const issue of this.issues) byFile.set(issue.file, (byFile.get(issue.file) ?? 0) + 1);
    for (const [file, count] of byFile) {
      process.stderr.write(`warning: ${file}: ${count} row(s) or feature(s) rejected, see ${rejectedPath}\n`);
    }
  }

  /** `rejected.csv`: file,row,reason for every rejected row or feature (header only when none). */
  write(outDir: string): void {
    this.writeTo(join(outDir, 'rejected.csv'));
  }

  /** As `write`, to the file `path`. */
  writeTo(path: string): void {
    writeCsv(
      path,
      ['file', 'row', 'reason'],
      this.issues.map((issue) => [issue.file, issue.index ?? '', describeIssue(issue, 'en')]),
    );
  }
}

/** Reads `--config FILE` (JSON) over the defaults; a bad file is an input error. */
export function loadSettings(path: string | undefined, overrides: Partial<AnalysisSettings> = {}): AnalysisSettings {
  return { ...loadConfig(path).settings, ...overrides };
}

/**
 * Reads `--config FILE` (JSON): the analysis settings over the defaults, and the whole object for the keys
 * a command owns (e.g. `siting`); `raw` is {} without a file. A bad file is an input error.
 */
export function loadConfig(path: string | undefined): { settings: AnalysisSettings; raw: Record<string, unknown> } {
  if (path === undefined) return { settings: DEFAULT_SETTINGS, raw: {} };
  const merged = mergeSettings(DEFAULT_SETTINGS, readInput(path));
  if (!merged.ok) throw new CliError(`${path}: ${merged.error}`);
  return { settings: merged.settings, raw: merged.raw };
}

export function prepareOutDir(path: string): string {
  try {
    mkdirSync(path, { recursive: true });
  } catch {
    throw new CliError(`${path}: cannot create output directory`);
  }
  return path;
}

/** Writes a CSV (RFC 4180 quoting via papaparse, LF line ends, no BOM: these are for machines). */
export function writeCsv(path: string, header: string[], rows: Array<Array<string | number | boolean>>): void {
  writeFileSync(path, Papa.unparse({ fields: header, data: rows }, { newline: '\n' }) + '\n');
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

/** Writes `wards.csv` (issue 3 contract): the same table the app exports, as a CSV for machines. */
export function writeWardsCsv(path: string, wards: readonly WardStats[]): void {
  const table = wardStatisticsTable(wards);
  writeCsv(path, table.columns, table.rows.map((row) => row.map((value) => value ?? '')));
}
