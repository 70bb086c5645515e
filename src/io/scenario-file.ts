/**
 * Scenario files (JSON): a named set of changes to the sites layer (cells added, edited, removed), the
 * analysis settings, the decisions on operators' proposals and the siting templates. Written by
 * `serializeScenario`, read back by `parseScenario`, which checks every field and reports each problem with
 * its JSON path (broken JSON: its line and column) in Vietnamese and English; what is written reads back
 * equal (format in docs/siting.md). Files carry their format version: an older one is migrated, a newer one
 * refused. Also reads siting templates (`--template FILE`, and the scenario's `templates`).
 */
import { DEFAULT_SETTINGS, SITE_STATUSES, TECHNOLOGIES, type AnalysisSettings, type Cell, type Technology } from '../core/model.ts';
import { RADIO_FIELD_KEYS, RADIO_FIELDS, type RadioFieldKey } from '../core/radio-fields.ts';
import { defaultSiteTemplate, type SiteTemplate } from '../core/siting/site-templates.ts';
import { mergeSettings } from './parse-settings.ts';
import { describeJsonError, readJson } from './read-json.ts';

export const SCENARIO_FORMAT = 'phusong-scenario';
/**
 * The format written. 1: the first; 2: adds `revision`. A new version adds one entry to MIGRATIONS, which
 * turns a file of the version before into one of this version.
 */
export const SCENARIO_VERSION = 2;

type ScenarioJson = Record<string, unknown>;

/** MIGRATIONS[v] turns a version v file into a version v + 1 file. */
const MIGRATIONS: Record<number, (file: ScenarioJson) => ScenarioJson> = {
  // version 1 did not count saves: as if never saved under this stamp
  1: (file) => ({ ...file, version: 2, revision: 0 }),
};

export type ProposalDecision = 'approved' | 'rejected';

export interface SiteDecision {
  siteId: string;
  decision: ProposalDecision;
  /** The engineer's comment (free text; shown as text, never as HTML). */
  comment: string;
  /** ISO 8601 time of the decision, or null. */
  decidedAt: string | null;
}

export interface Scenario {
  name: string;
  /** ISO 8601 time of the last save, or null. */
  savedAt: string | null;
  /**
   * How many times the scenario was saved in a browser (0: never). A save is refused when the browser holds a
   * later revision than the one this copy started from (another tab saved it meanwhile).
   */
  revision: number;
  settings: AnalysisSettings;
  cells: {
    /** New cells (proposed or planned sites). */
    added: Cell[];
    /** Replacements of cells of the base layer, matched by `cellId`. */
    edited: Cell[];
    /** `cellId`s of base cells taken out. */
    removed: string[];
  };
  decisions: SiteDecision[];
  /** Siting templates per technology (those the user changed). */
  templates: Partial<Record<Technology, SiteTemplate>>;
}

/** One problem in a scenario or template file: where (JSON path) and why, in both languages. */
export interface ScenarioError {
  path: string;
  en: string;
  vi: string;
}

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** The scenario as JSON text (2-space indented, keys in a fixed order). */
export function serializeScenario(scenario: Scenario): string {
  const file = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name: scenario.name,
    savedAt: scenario.savedAt,
    revision: scenario.revision,
    settings: scenario.settings,
    cells: scenario.cells,
    decisions: scenario.decisions,
    templates: scenario.templates,
  };
  return JSON.stringify(file, null, 2) + '\n';
}

/** An empty scenario over the default settings. */
export function createScenario(name: string, settings: AnalysisSettings = DEFAULT_SETTINGS): Scenario {
  return { name, savedAt: null, revision: 0, settings, cells: { added: [], edited: [], removed: [] }, decisions: [], templates: {} };
}

/**
 * Reads a scenario file; never throws. Every problem is reported (not only the first), each with its path,
 * e.g. `cells.added[2].bandMhz: must be a number in 30…100000, got "abc"`.
 */
export function parseScenario(text: string): ScenarioResult {
  const check = new Checker();
  const read = readJsonFile(text, check);
  if (read === undefined) return { ok: false, errors: check.errors };
  if (!isRecord(read)) {
    check.fail('', 'a scenario file must hold a JSON object', 'tệp kịch bản phải chứa một đối tượng JSON');
    return { ok: false, errors: check.errors };
  }
  if (read.format !== SCENARIO_FORMAT) {
    check.fail('format', `must be "${SCENARIO_FORMAT}" (is this a phusong scenario?)`, `phải là "${SCENARIO_FORMAT}" (đây có phải kịch bản phusong?)`);
  }
  const json = migrate(read, check);
  if (json === null) return { ok: false, errors: check.errors };
  const name = check.text(json.name, 'name', false);
  const savedAt = json.savedAt === null || json.savedAt === undefined ? null : check.text(json.savedAt, 'savedAt', false);
  // absent in a hand-written file: never saved
  const revision = json.revision === undefined ? 0 : check.wholeNumber(json.revision, 'revision');

  let settings = DEFAULT_SETTINGS;
  if (!isRecord(json.settings)) check.fail('settings', 'must be an object', 'phải là một đối tượng');
  else {
    const merged = mergeSettings(DEFAULT_SETTINGS, JSON.stringify(json.settings));
    if (merged.ok) settings = merged.settings;
    else check.fail('settings', merged.error, `cài đặt không hợp lệ: ${merged.error}`);
  }

  const cells = { added: [] as Cell[], edited: [] as Cell[], removed: [] as string[] };
  if (!isRecord(json.cells)) check.fail('cells', 'must be an object {added, edited, removed}', 'phải là đối tượng {added, edited, removed}');
  else {
    for (const list of ['added', 'edited'] as const) {
      const seen = new Set<string>();
      check.list(json.cells[list], `cells.${list}`).forEach((value, i) => {
        const cell = readCell(value, `cells.${list}[${i}]`, check);
        if (cell === null) return;
        if (seen.has(cell.cellId)) {
          check.fail(`cells.${list}[${i}].cellId`, `repeats "${cell.cellId}"`, `trùng mã "${cell.cellId}"`);
        }
        seen.add(cell.cellId);
        cells[list].push(cell);
      });
    }
    check.list(json.cells.removed, 'cells.removed').forEach((value, i) => {
      const id = check.text(value, `cells.removed[${i}]`, true);
      if (id !== null) cells.removed.push(id);
    });
  }

  const decisions: SiteDecision[] = [];
  check.list(json.decisions, 'decisions').forEach((value, i) => {
    const path = `decisions[${i}]`;
    if (!isRecord(value)) {
      check.fail(path, 'must be an object {siteId, decision, comment, decidedAt}', 'phải là đối tượng {siteId, decision, comment, decidedAt}');
      return;
    }
    const siteId = check.text(value.siteId, `${path}.siteId`, true);
    const decision = check.oneOf(value.decision, `${path}.decision`, ['approved', 'rejected'] as const);
    const comment = value.comment === undefined ? '' : check.text(value.comment, `${path}.comment`, false);
    const decidedAt = value.decidedAt === null || value.decidedAt === undefined ? null : check.text(value.decidedAt, `${path}.decidedAt`, false);
    if (siteId !== null && decision !== null && comment !== null) decisions.push({ siteId, decision, comment, decidedAt });
  });

  const templates: Scenario['templates'] = {};
  if (json.templates !== undefined) {
    if (!isRecord(json.templates)) check.fail('templates', 'must be an object keyed by technology', 'phải là đối tượng theo công nghệ');
    else {
      for (const [key, value] of Object.entries(json.templates)) {
        if (!TECHNOLOGIES.includes(key as Technology)) {
          check.fail(`templates.${key}`, `unknown technology (allowed: ${TECHNOLOGIES.join(', ')})`, `công nghệ không hợp lệ (cho phép: ${TECHNOLOGIES.join(', ')})`);
          continue;
        }
        const template = readTemplate(value, key as Technology, `templates.${key}`, check);
        if (template !== null) templates[key as Technology] = template;
      }
    }
  }

  if (check.errors.length > 0 || name === null || revision === null) return { ok: false, errors: check.errors };
  return { ok: true, scenario: { name, savedAt, revision, settings, cells, decisions, templates } };
}

/** Parses the JSON text (a BOM dropped); undefined after logging a syntax error with its line and column. */
function readJsonFile(text: string, check: Checker): unknown {
  const read = readJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (read.ok) return read.value;
  check.fail('', `not valid JSON: ${describeJsonError(read, 'en')}`, `không phải JSON hợp lệ: ${describeJsonError(read, 'vi')}`);
  return undefined;
}

/**
 * The file in the current format: older versions migrated step by step. A version from a newer phusong is
 * refused alone (its other fields may mean something else), as is one that is not a version at all (the rest
 * is then checked as the current format). null when the file cannot be read.
 */
function migrate(file: ScenarioJson, check: Checker): ScenarioJson | null {
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    check.fail(
      'version',
      `must be a whole number from 1 to ${SCENARIO_VERSION}, got ${JSON.stringify(version) ?? 'nothing'}`,
      `phải là số nguyên từ 1 đến ${SCENARIO_VERSION}, nhận được ${JSON.stringify(version) ?? 'không có'}`,
    );
    return file;
  }
  if (version > SCENARIO_VERSION) {
    check.fail(
      'version',
      `the file was written by a newer phusong (scenario format ${version}); this version reads formats 1 to ${SCENARIO_VERSION}: update phusong to open it`,
      `tệp được ghi bởi phusong mới hơn (định dạng kịch bản ${version}); phiên bản này đọc định dạng 1 đến ${SCENARIO_VERSION}: hãy cập nhật phusong để mở tệp`,
    );
    return null;
  }
  let migrated = file;
  for (let from = version; from < SCENARIO_VERSION; from++) migrated = MIGRATIONS[from](migrated);
  return migrated;
}

/**
 * Reads a siting template (JSON object, camelCase keys as `SiteTemplate`; every key optional, missing ones
 * from `defaultSiteTemplate(technology)`). `technology` in the file, when given, must be the analysed one.
 *
 * @example parseSiteTemplate('{"heightM": 40, "azimuthsDeg": [30, 150, 270]}', '4G')
 */
export function parseSiteTemplate(text: string, technology: Technology): { ok: true; template: SiteTemplate } | { ok: false; errors: ScenarioError[] } {
  const check = new Checker();
  const json = readJsonFile(text, check);
  if (json === undefined) return { ok: false, errors: check.errors };
  const template = readTemplate(json, technology, '', check);
  return template === null || check.errors.length > 0 ? { ok: false, errors: check.errors } : { ok: true, template };
}

/** An error as one line in the language asked for: `path: reason`. */
export function describeScenarioError(error: ScenarioError, language: 'vi' | 'en'): string {
  const reason = language === 'vi' ? error.vi : error.en;
  return error.path === '' ? reason : `${error.path}: ${reason}`;
}

/** The radio fields a template sets: all but the azimuth (a template has a list of them, `azimuthsDeg`). */
const TEMPLATE_RADIO_KEYS = RADIO_FIELD_KEYS.filter((key) => key !== 'azimuthDeg');

/** Keys of a template file, in the order of the radio fields (`azimuthsDeg` where a cell has `azimuthDeg`). */
const TEMPLATE_KEYS = ['technology', 'operator', ...RADIO_FIELD_KEYS.map((key) => (key === 'azimuthDeg' ? 'azimuthsDeg' : key))];

function readTemplate(value: unknown, technology: Technology, path: string, check: Checker): SiteTemplate | null {
  const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
  if (!isRecord(value)) {
    check.fail(path, 'a template must be a JSON object', 'mẫu trạm phải là một đối tượng JSON');
    return null;
  }
  const before = check.errors.length;
  for (const key of Object.keys(value)) {
    if (!TEMPLATE_KEYS.includes(key)) {
      check.fail(at(key), `unknown key (allowed: ${TEMPLATE_KEYS.join(', ')})`, `khóa không hợp lệ (cho phép: ${TEMPLATE_KEYS.join(', ')})`);
    }
  }
  if (value.technology !== undefined && value.technology !== technology) {
    check.fail(at('technology'), `must be the analysed technology ${technology}, got ${JSON.stringify(value.technology)}`, `phải là công nghệ đang phân tích ${technology}, nhận được ${JSON.stringify(value.technology)}`);
  }
  const template = defaultSiteTemplate(technology);
  if (value.operator !== undefined) template.operator = check.text(value.operator, at('operator'), true) ?? template.operator;
  const radio: Record<string, unknown> = template;
  for (const key of TEMPLATE_RADIO_KEYS) if (value[key] !== undefined) radio[key] = check.radioField(key, value[key], at(key));
  if (value.azimuthsDeg !== undefined) {
    template.azimuthsDeg = check
      .list(value.azimuthsDeg, at('azimuthsDeg'))
      .map((azimuth, i) => check.radioField('azimuthDeg', azimuth, `${at('azimuthsDeg')}[${i}]`))
      .filter((azimuth): azimuth is number => typeof azimuth === 'number');
  }
  return check.errors.length > before ? null : template;
}

function readCell(value: unknown, path: string, check: Checker): Cell | null {
  if (!isRecord(value)) {
    check.fail(path, 'a cell must be an object', 'một cell phải là một đối tượng');
    return null;
  }
  const before = check.errors.length;
  const at = (key: string): string => `${path}.${key}`;
  const cell: Record<string, unknown> = {
    cellId: check.text(value.cellId, at('cellId'), true),
    siteId: check.text(value.siteId, at('siteId'), true),
    lon: check.number(value.lon, at('lon'), [-180, 180]),
    lat: check.number(value.lat, at('lat'), [-90, 90]),
    operator: check.text(value.operator, at('operator'), true),
    technology: check.oneOf(value.technology, at('technology'), TECHNOLOGIES),
  };
  for (const key of RADIO_FIELD_KEYS) {
    // scenarios saved before an optional field existed do not have it: the cell has none
    cell[key] = RADIO_FIELDS[key].optional && value[key] === undefined ? null : check.radioField(key, value[key], at(key));
  }
  cell.status = check.oneOf(value.status, at('status'), SITE_STATUSES);
  return check.errors.length > before ? null : (cell as unknown as Cell);
}

/** Collects errors while reading values; each reader returns null when the value is wrong. */
class Checker {
  readonly errors: ScenarioError[] = [];

  fail(path: string, en: string, vi: string): void {
    this.errors.push({ path, en, vi });
  }

  text(value: unknown, path: string, nonEmpty: boolean): string | null {
    if (typeof value !== 'string' || (nonEmpty && value.trim() === '')) {
      const what = nonEmpty ? 'a non-empty text' : 'a text';
      this.fail(path, `must be ${what}, got ${JSON.stringify(value) ?? 'nothing'}`, `phải là ${nonEmpty ? 'chuỗi không rỗng' : 'chuỗi'}, nhận được ${JSON.stringify(value) ?? 'không có'}`);
      return null;
    }
    return value;
  }

  number(value: unknown, path: string, [min, max]: readonly [number, number], integer = false): number | null {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      const [en, vi] = integer ? ['a whole number', 'số nguyên'] : ['a number', 'số'];
      this.fail(path, `must be ${en} in ${min}…${max}, got ${JSON.stringify(value) ?? 'nothing'}`, `phải là ${vi} trong khoảng ${min}…${max}, nhận được ${JSON.stringify(value) ?? 'không có'}`);
      return null;
    }
    return value;
  }

  /**
   * A radio field's value (`RADIO_FIELDS`): a number in its range (whole where the table says so) or one of its
   * documented values; null where the field may be empty (omni azimuth, no tilt, automatic model…). Null also
   * when the value is wrong (the error is recorded: callers compare the error count).
   */
  radioField(key: RadioFieldKey, value: unknown, path: string): string | number | null {
    const field = RADIO_FIELDS[key];
    if (field.kind === 'keyword') return value === null ? null : this.oneOf(value, path, field.values);
    if (value === null && field.defaults === null) return null;
    return this.number(value, path, field.range, field.integer);
  }

  /** A whole number ≥ 0 (a count). */
  wholeNumber(value: unknown, path: string): number | null {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      this.fail(path, `must be a whole number ≥ 0, got ${JSON.stringify(value) ?? 'nothing'}`, `phải là số nguyên ≥ 0, nhận được ${JSON.stringify(value) ?? 'không có'}`);
      return null;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | null {
    if (!allowed.includes(value as T)) {
      this.fail(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value) ?? 'nothing'}`, `phải là một trong ${allowed.join(', ')}, nhận được ${JSON.stringify(value) ?? 'không có'}`);
      return null;
    }
    return value as T;
  }

  list(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'must be a list', 'phải là một danh sách');
      return [];
    }
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
