/** What every CLI command shares: argument parsing, loading layers with rejection reports, writing outputs. */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ImportIssue, ImportResult } from '../io/import-result.ts';
import { describeIssue } from '../io/issue-messages.ts';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../core/model.ts';
import type { WardStats } from '../core/coverage/coverage-result.ts';
import { mergeSettings } from '../io/parse-settings.ts';
import { readSitingSettings, type SitingSettings } from '../io/siting-settings.ts';
import { describeJsonError, readJson } from '../io/read-json.ts';
import { wardStatisticsTable } from '../io/export-ward-table.ts';
import { CsvWriter } from '../io/csv-writer.ts';
import type { Crs } from '../io/crs.ts';
import type { InputFile } from '../io/sniff-format.ts';
import { parseCrsSpec } from '../io/crs-spec.ts';
import {
  checkColumnMap,
  LAYER_NAMES,
  readLayerFile,
  type LayerData,
  type LayerName,
  type ReadLayerOptions,
} from '../io/read-layer-file.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { CliError } from './cli-error.ts';

export { CliError } from './cli-error.ts';

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
  return readInputBytes(path).toString('utf8');
}

/** Reads a file's bytes (gunzipping `.gz` / gzip-magic files), or fails with `FILE: reason`. */
function readInputBytes(path: string): Buffer {
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
  return bytes;
}

/**
 * The files of one input: the file itself, and for a `.shp` its `.dbf`, `.prj` and `.cpg` beside it (same base
 * name, any case), as a Shapefile is kept.
 */
function readInputFiles(path: string): InputFile[] {
  const files: InputFile[] = [{ name: basename(path), bytes: readInputBytes(path) }];
  if (!/\.shp$/i.test(path)) return files;
  const base = basename(path).slice(0, -4).toLowerCase();
  for (const name of readdirSync(dirname(path))) {
    if (/\.(dbf|prj|cpg)$/i.test(name) && name.slice(0, -4).toLowerCase() === base) {
      files.push({ name, bytes: readInputBytes(join(dirname(path), name)) });
    }
  }
  return files;
}

/** The input options every command shares: `--crs`, `--sheet` (each `VALUE` or `LAYER=VALUE`, repeatable) and `--map FILE`. */
export const INPUT_OPTIONS = {
  crs: { type: 'string', multiple: true },
  sheet: { type: 'string', multiple: true },
  map: { type: 'string' },
} as const;

/**
 * The options of the commands that analyse coverage (`analyze`, `plan-sites`, `report`): the three layers, land, config,
 * out, and how their files are read (INPUT_OPTIONS).
 */
export const LAYER_OPTIONS = {
  wards: { type: 'string' },
  sites: { type: 'string' },
  households: { type: 'string' },
  land: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  ...INPUT_OPTIONS,
} as const;

/** How each layer's file is read: its CRS, sheet and column map, from the shared input options. */
export type LayerInputs = (layer: LayerName) => ReadLayerOptions;

/**
 * Reads `--crs SPEC` / `--crs LAYER=SPEC`, `--sheet NAME` / `--sheet LAYER=NAME` and `--map FILE` (JSON:
 * `{ "sites": { "site_id": "Mã trạm", … }, … }`). A plain value applies to every layer without its own.
 */
export function readLayerInputs(values: { crs?: string[]; sheet?: string[]; map?: string }): LayerInputs {
  const perLayer = <T>(entries: string[] | undefined, option: string, read: (value: string) => T) => {
    const byLayer = new Map<LayerName | null, T>();
    for (const entry of entries ?? []) {
      const split = /^(\w+)=(.*)$/s.exec(entry);
      const layer = split && (LAYER_NAMES as readonly string[]).includes(split[1]) ? (split[1] as LayerName) : null;
      const key = layer;
      if (byLayer.has(key)) throw new CliError(`--${option} given twice for ${key ?? 'all layers'}`);
      byLayer.set(key, read(layer === null ? entry : split![2]));
    }
    return (layer: LayerName): T | undefined => (byLayer.has(layer) ? byLayer.get(layer) : byLayer.get(null));
  };
  const crsOf = perLayer<Crs>(values.crs, 'crs', (spec) => {
    const reading = parseCrsSpec(spec);
    if (!reading.ok) throw new CliError(`--crs: ${reading.error}`);
    return reading.crs;
  });
  const sheetOf = perLayer<string>(values.sheet, 'sheet', (name) => name);
  const maps = values.map === undefined ? {} : readColumnMaps(values.map);
  return (layer) => {
    const options: ReadLayerOptions = {};
    const crs = crsOf(layer);
    const sheet = sheetOf(layer);
    if (crs !== undefined) options.crs = crs;
    if (sheet !== undefined) options.sheet = sheet;
    if (maps[layer] !== undefined) options.columnMap = maps[layer];
    return options;
  };
}

function readColumnMaps(path: string): Partial<Record<LayerName, Record<string, string>>> {
  const read = readJson(readInput(path).replace(/^\uFEFF/, ''));
  if (!read.ok) throw new CliError(`${path}: not valid JSON: ${describeJsonError(read, 'en')}`);
  const json = read.value;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CliError(`${path}: the column map must be an object such as {"sites": {"site_id": "Mã trạm"}}`);
  }
  for (const [layer, map] of Object.entries(json)) {
    if (!(LAYER_NAMES as readonly string[]).includes(layer)) throw new CliError(`${path}: unknown layer '${layer}' (layers: ${LAYER_NAMES.join(', ')})`);
    const problem = checkColumnMap(layer as LayerName, map);
    if (problem !== null) throw new CliError(`${path}: ${problem}`);
  }
  return json as Partial<Record<LayerName, Record<string, string>>>;
}

/** Collects the rejections of every layer for `rejected.csv` and the stderr summary, and the notes on kept data. */
export class RejectionLog {
  readonly issues: ImportIssue[] = [];
  /**
   * What was read with a note (a guessed encoding, a bare feature array, unused columns, a value ignored…).
   * Optional columns filled with their documented defaults are not repeated here: every run would list them.
   */
  readonly notes: ImportIssue[] = [];
  /** Files whose columns data/SOURCES.md documents (data/'s own, `documented`). */
  private readonly documentedFiles = new Set<string>();

  /**
   * Marks `path` as one of data/'s files: data/SOURCES.md documents every column of it, so the note on the columns
   * its layer does not read (nothing for the user to map) is not printed. It stays in `notes`.
   */
  documented(path: string): void {
    this.documentedFiles.add(path);
  }

  /**
   * Reads one layer's file in any format phusong reads (CSV, GeoJSON, XLSX, KML/KMZ, Shapefile), with the
   * layer's CRS, sheet and column map; a file that cannot be read, cannot be parsed or has no valid rows is an
   * input error (exit 2). Rejected rows are kept for the report; issues name the path given.
   */
  async loadLayer<L extends LayerName>(path: string, layer: L, inputs: LayerInputs): Promise<ImportResult<LayerData[L]>> {
    const result = await readLayerFile(layer, readInputFiles(path), inputs(layer));
    const issues = result.issues.map((issue) => ({ ...issue, file: path }));
    return this.keep(path, { ...result, file: path, issues });
  }

  /** Keeps a parsed file's rejections (as `loadLayer`); a failed file is an input error (exit 2). */
  keep<T>(path: string, result: ImportResult<T>): ImportResult<T> {
    if (result.status === 'failed') {
      const fatal = result.issues.find((issue) => issue.index === null) ?? result.issues[0];
      const reason = fatal ? describeIssue(fatal, 'en') : 'no valid rows';
      throw new CliError(`${path}: ${reason}`);
    }
    this.issues.push(...result.issues.filter((issue) => issue.severity === 'error'));
    this.notes.push(...result.issues.filter((issue) => issue.severity === 'warning' && issue.code !== 'defaulted-field'));
    return result;
  }

  /**
   * Reads a file of polygons (the zones layer): the optional `--land FILE` mask (e.g. the district outlines: ward
   * polygons reach into the sea, weak-signal zones and grid candidates should not) or `plan-sites`' exclusion
   * zones. null without a file.
   */
  async loadPolygons(path: string | undefined, inputs: LayerInputs): Promise<Array<Polygon | MultiPolygon> | null> {
    return path === undefined ? null : (await this.loadLayer(path, 'zones', inputs)).data.map((zone) => zone.geometry);
  }

  /** One line per file on stderr: how many rows were rejected, and where to read why. */
  summarise(outDir: string): void {
    this.summariseTo(join(outDir, 'rejected.csv'));
  }

  /** As `summarise`, for a rejection file at `rejectedPath` (the `report` command writes one beside its output). */
  summariseTo(rejectedPath: string): void {
    // notes change how data was read without rejecting it: the user must see them, not only the app's users
    for (const note of this.notes) {
      if (note.code === 'unused-columns' && this.documentedFiles.has(note.file)) continue;
      process.stderr.write(`note: ${note.file}: ${describeIssue(note, 'en')}\n`);
    }
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

/** The config's `siting` section (`readSitingSettings`), with the exclusions file resolved against the config's folder. */
export type SitingConfig = Omit<SitingSettings, 'exclusions'> & {
  /** The exclusion zones file, resolved; null for none. */
  exclusionsPath: string | null;
};

/** Reads the `siting` section of `--config FILE` (as `loadConfig` returns it in `raw`); a bad section is an input error. */
export function loadSitingConfig(raw: Record<string, unknown>, configPath: string | undefined): SitingConfig {
  const read = readSitingSettings(raw);
  if (!read.ok) throw new CliError(`${configPath}: ${read.error}`);
  const { gridSpacingM, minSeparationM, exclusions, exactTimeLimitS, exactMaxNonzeros } = read.settings;
  // a section is only read from a config file, so configPath is set whenever exclusions is
  const exclusionsPath = exclusions === null || configPath === undefined ? null : resolve(dirname(configPath), exclusions);
  return { gridSpacingM, minSeparationM, exclusionsPath, exactTimeLimitS, exactMaxNonzeros };
}

export function prepareOutDir(path: string): string {
  try {
    mkdirSync(path, { recursive: true });
  } catch {
    throw new CliError(`${path}: cannot create output directory`);
  }
  return path;
}

/**
 * A CSV file written as it is built (csv-writer.ts: RFC 4180 quoting, LF line ends, no BOM: these are for
 * machines), in chunks of about 64 K characters: no row arrays, no string of the whole file. Numbers are written
 * as numbers; text starting like a formula (= + - @ tab CR) gets a leading `'` (docs/data-formats.md "Outputs").
 * `close()` writes the rest.
 */
export class CsvFile extends CsvWriter {
  private readonly fd: number;

  constructor(path: string, header: readonly string[]) {
    const fd = openSync(path, 'w');
    super((chunk) => void writeSync(fd, chunk), header, { newline: '\n' });
    this.fd = fd;
  }

  close(): void {
    this.end();
    closeSync(this.fd);
  }
}

/** Writes a CSV of rows at once (the small outputs: wards, rejected rows, new sites), as `CsvFile` does. */
export function writeCsv(path: string, header: string[], rows: Array<Array<string | number | boolean>>): void {
  const file = new CsvFile(path, header);
  for (const row of rows) file.row(row);
  file.close();
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

/** Writes `wards.csv` (issue 3 contract): the same table the app exports, as a CSV for machines. */
export function writeWardsCsv(path: string, wards: readonly WardStats[]): void {
  const table = wardStatisticsTable(wards);
  writeCsv(path, table.columns, table.rows.map((row) => row.map((value) => value ?? '')));
}

/** A number rounded to `decimals` places for the CLI's outputs (RSRP to 0.01 dB, times to 0.1 ms…), as a number. */
export const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));
