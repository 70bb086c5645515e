/**
 * `phusong plan-sites`: new sites that take the most households out of weak/none signal (issue 5).
 * Options as in issue 5, plus `--land FILE` (a land mask, as for `analyze`, so that grid candidates stay on land).
 * Writes new_sites.csv (sites columns + households_gained, in pick order, one row per cell), wards.csv (as
 * `analyze`, after the new sites), summary.json, rejected.csv, and the new sites as new_sites.geojson and
 * new_sites.kml. Same exit codes and rejection rules as `analyze`. Method and options: docs/siting.md.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import loadHighs from 'highs';
import type { MultiPolygon, Polygon } from 'geojson';
import { assignWards, indexWards } from '../core/assign-wards.ts';
import { CoverageEngine, isAnalysedCell } from '../core/coverage/coverage-engine.ts';
import { wardStatistics } from '../core/coverage/ward-statistics.ts';
import { computeWeakZones, type WeakZonesInput } from '../core/coverage/weak-zones.ts';
import type { AnalysisSettings, Cell } from '../core/model.ts';
import {
  DEFAULT_GRID_SPACING_M,
  DEFAULT_MIN_SEPARATION_M,
  filterCandidates,
  generateCandidateGrid,
} from '../core/siting/candidate-grid.ts';
import { collectWeakHouseholds, type SitingCandidate } from '../core/siting/coverage-sets.ts';
import { DEFAULT_EXACT_OPTIONS } from '../core/siting/select-sites-exact.ts';
import { selectNewSites, type ChosenSite, type NewSitesGoal } from '../core/siting/select-new-sites.ts';
import { NEW_SITE_COLUMNS, newSiteRows, newSitesGeoJson } from '../core/siting/site-rows.ts';
import {
  applySiteTemplate,
  cellsOfSite,
  defaultSiteTemplate,
  TEMPLATE_RF_FIELDS,
  type SiteTemplate,
  type TemplateRfField,
} from '../core/siting/site-templates.ts';
import { checkFeature, propertiesOf, PropertyReader, readFeatures } from '../io/check-geojson.ts';
import { sitesToKml } from '../io/export-kml.ts';
import type { ImportResult } from '../io/import-result.ts';
import { IssueLog } from '../io/issue-log.ts';
import { parseHouseholds } from '../io/parse-households.ts';
import { parseSites, SITE_COLUMNS } from '../io/parse-sites.ts';
import { parseWards } from '../io/parse-wards.ts';
import { findColumn, readCsv } from '../io/read-csv.ts';
import { describeScenarioError, parseSiteTemplate } from '../io/scenario-file.ts';
import {
  CliError,
  loadConfig,
  parseOptions,
  prepareOutDir,
  readInput,
  RejectionLog,
  requireOption,
  writeCsv,
  writeJson,
  writeWardsCsv,
} from './common.ts';

const OPTIONS = {
  wards: { type: 'string' },
  sites: { type: 'string' },
  households: { type: 'string' },
  count: { type: 'string' },
  'target-pct': { type: 'string' },
  candidates: { type: 'string' },
  template: { type: 'string' },
  exact: { type: 'boolean' },
  land: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
} as const;

/** The `siting` section of `--config FILE`; every key optional. */
export interface SitingConfig {
  gridSpacingM: number;
  minSeparationM: number;
  /** GeoJSON file of exclusion polygons, relative to the config file; null for none. */
  exclusionsPath: string | null;
  exactTimeLimitS: number;
  exactMaxNonzeros: number;
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

export async function run(argv: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(argv, OPTIONS);
  const wardsPath = requireOption(options, 'wards');
  const sitesPath = requireOption(options, 'sites');
  const householdsPath = requireOption(options, 'households');
  const outDir = requireOption(options, 'out');
  const goal = readGoal(options.count, options['target-pct']);
  const { settings, raw } = loadConfig(options.config);
  const siting = readSitingConfig(raw.siting, options.config);
  const template = readTemplate(options.template, settings);

  const log = new RejectionLog();
  const wards = log.load(wardsPath, parseWards).data;
  const cells = log.load(sitesPath, parseSites).data;
  const households = log.load(householdsPath, parseHouseholds).data;
  const candidateFile = options.candidates !== undefined ? readCandidateFile(options.candidates, log) : null;
  const exclusions = siting.exclusionsPath !== null ? log.load(siting.exclusionsPath, parseExclusions).data : [];
  const land = log.loadLand(options.land);
  prepareOutDir(outDir);
  const parsed = performance.now();

  const wardIndex = indexWards(wards);
  const assignment = assignWards(households, wardIndex);
  const engine = new CoverageEngine({ wards, cells, households, wardOfHousehold: assignment.wardIndex, settings });
  const coverage = engine.run();
  const before = wardStatistics(wards, assignment.wardIndex, households, coverage, null);
  const analysed = performance.now();

  const proposed =
    candidateFile !== null
      ? candidatesFromFile(candidateFile, template, settings)
      : candidatesFromGrid({ wards, land, households, wardOfHousehold: assignment.wardIndex, coverage, engine }, settings, siting, template);
  const existingSites = cells.map((cell) => ({ lon: cell.lon, lat: cell.lat }));
  const filtered = filterCandidates(proposed.candidates, { exclusions, existingSites, minSeparationM: siting.minSeparationM });
  const candidated = performance.now();

  const plan = selectNewSites({
    wardIndex,
    households,
    wardOfHousehold: assignment.wardIndex,
    coverage,
    settings,
    candidates: filtered.kept,
    goal,
    exact: options.exact ? { highs: await loadHighs(), options: { timeLimitS: siting.exactTimeLimitS, maxNonzeros: siting.exactMaxNonzeros } } : null,
  });
  const selected = performance.now();

  // grid candidates are named in pick order; candidate-file sites keep their ids
  const sites: ChosenSite[] =
    candidateFile !== null
      ? plan.sites
      : plan.sites.map((site, i) => {
          const siteId = `NEW-${String(i + 1).padStart(3, '0')}`;
          return { ...site, siteId, cells: cellsOfSite(siteId, site.lon, site.lat, template) };
        });
  for (const site of sites) for (const cell of site.cells) engine.addCell(cell);
  const after = wardStatistics(wards, assignment.wardIndex, households, coverage, null);
  const outAfter = after.total.good + after.total.fair;
  if (outAfter !== plan.households.outAfter) {
    throw new Error(`households out of weak/none after the new sites: engine ${outAfter}, siting ${plan.households.outAfter}`);
  }

  writeCsv(join(outDir, 'new_sites.csv'), [...NEW_SITE_COLUMNS], newSiteRows(sites));
  writeFileSync(join(outDir, 'new_sites.geojson'), JSON.stringify(newSitesGeoJson(sites)) + '\n');
  writeFileSync(
    join(outDir, 'new_sites.kml'),
    sitesToKml(
      sites.map((site) => ({ ...site, data: { households_gained: site.householdsGained, ward_ids: site.wards.map((ward) => ward.wardId).join(', ') } })),
      'phusong plan-sites',
    ),
  );
  writeWardsCsv(join(outDir, 'wards.csv'), after.wards);
  log.write(outDir);
  const written = performance.now();

  const total = plan.households.total;
  const pct = (households: number): number => (total > 0 ? round((households * 100) / total, 4) : 0);
  writeJson(join(outDir, 'summary.json'), {
    inputs: {
      wards: wardsPath,
      sites: sitesPath,
      households: householdsPath,
      candidates: options.candidates ?? null,
      template: options.template ?? null,
      config: options.config ?? null,
      land: options.land ?? null,
    },
    settings,
    siting,
    template,
    goal: goal.kind === 'count' ? { count: goal.count } : { targetPct: goal.pct },
    method: plan.method,
    exactRequested: options.exact === true,
    fallbackReason: plan.fallbackReason,
    households: {
      total,
      outOfWeakBefore: plan.households.outBefore,
      outOfWeakAfter: plan.households.outAfter,
      outOfWeakPctBefore: pct(plan.households.outBefore),
      outOfWeakPctAfter: pct(plan.households.outAfter),
      coverableByCandidates: plan.households.coverable,
      weakOrNoneBefore: before.total.weak + before.total.none,
      weakOrNoneAfter: plan.remaining.weakOrNone,
    },
    target: plan.target,
    remainingGap: plan.remaining,
    newSites: sites.length,
    sites: sites.map((site, i) => ({
      pick: i + 1,
      siteId: site.siteId,
      lon: site.lon,
      lat: site.lat,
      cells: site.cells.length,
      householdsGained: site.householdsGained,
      wards: site.wards.map((ward) => ({ wardId: ward.wardId, wardName: ward.wardName, households: ward.households })),
    })),
    optimalityGap: plan.optimalityGap,
    greedy: { ...plan.greedy, elapsedMs: round(plan.greedy.elapsedMs, 1), guarantee: goal.kind === 'count' ? '1 - 1/e' : 'H(d) <= 1 + ln d' },
    greedyGap: plan.greedyGap,
    exact:
      plan.exact === null
        ? null
        : {
            status: plan.exact.status,
            detail: plan.exact.detail,
            objective: plan.exact.objective,
            bound: plan.exact.bound,
            gap: plan.exact.gap,
            model: plan.exact.model,
            solveMs: plan.exact.solveMs,
          },
    candidates: {
      source: candidateFile !== null ? 'file' : 'grid',
      proposed: proposed.candidates.length,
      otherLayer: proposed.otherLayer,
      droppedInExclusion: filtered.dropped.filter((drop) => drop.rejection.reason === 'exclusion-zone').length,
      droppedNearExistingSite: filtered.dropped.filter((drop) => drop.rejection.reason === 'near-existing-site').length,
      evaluated: filtered.kept.length,
      liftingSomeHousehold: plan.candidates.useful,
    },
    counts: { wards: wards.length, cells: cells.length, householdPoints: households.length, rejected: log.issues.length },
    timingsMs: {
      parse: round(parsed - started, 1),
      analyse: round(analysed - parsed, 1),
      candidates: round(candidated - analysed, 1),
      select: round(selected - candidated, 1),
      write: round(written - selected, 1),
      total: round(written - started, 1),
    },
  });
  log.summarise(outDir);
  if (plan.target !== null && !plan.target.reachable) {
    process.stderr.write(
      `warning: target ${plan.target.pct} % not reachable with these candidates: ${pct(plan.households.outAfter)} % out of weak/none after ${sites.length} new site(s), see ${join(outDir, 'summary.json')}\n`,
    );
  }
}

/** Exactly one of --count N (whole number ≥ 1) and --target-pct P (0 < P ≤ 100). */
function readGoal(count: string | undefined, targetPct: string | undefined): NewSitesGoal {
  if ((count === undefined) === (targetPct === undefined)) throw new CliError('give exactly one of --count N and --target-pct P');
  if (count !== undefined) {
    const value = Number(count);
    if (!/^\d+$/.test(count.trim()) || !(value >= 1)) throw new CliError(`--count must be a whole number ≥ 1, got '${count}'`);
    return { kind: 'count', count: value };
  }
  const value = Number(targetPct);
  if (targetPct === undefined || targetPct.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 100) {
    throw new CliError(`--target-pct must be a percentage in (0, 100], got '${targetPct}'`);
  }
  return { kind: 'target-pct', pct: value };
}

/** The config's `siting` section (docs/siting.md); unknown keys and bad values are input errors. */
export function readSitingConfig(value: unknown, configPath: string | undefined): SitingConfig {
  const config: SitingConfig = {
    gridSpacingM: DEFAULT_GRID_SPACING_M,
    minSeparationM: DEFAULT_MIN_SEPARATION_M,
    exclusionsPath: null,
    exactTimeLimitS: DEFAULT_EXACT_OPTIONS.timeLimitS,
    exactMaxNonzeros: DEFAULT_EXACT_OPTIONS.maxNonzeros,
  };
  if (value === undefined) return config;
  const fail = (message: string): never => {
    throw new CliError(`${configPath}: siting.${message}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(' must be an object');
  const ranges = {
    gridSpacingM: [10, 10_000, 'metres'],
    minSeparationM: [0, 10_000, 'metres'],
    exactTimeLimitS: [0.1, 86_400, 'seconds'],
    exactMaxNonzeros: [1, 1e9, 'terms'],
  } as const;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'exclusions') {
      if (typeof entry !== 'string' || entry.trim() === '') fail('exclusions must be the path of a GeoJSON file of polygons');
      config.exclusionsPath = resolve(dirname(configPath as string), entry as string);
    } else if (key in ranges) {
      const [min, max, unit] = ranges[key as keyof typeof ranges];
      if (typeof entry !== 'number' || !Number.isFinite(entry) || entry < min || entry > max) {
        fail(`${key} must be ${unit} in [${min}, ${max}], got ${JSON.stringify(entry)}`);
      }
      config[key as keyof typeof ranges] = entry as number;
    } else fail(`${key}: unknown key (allowed: exclusions, ${Object.keys(ranges).join(', ')})`);
  }
  return config;
}

/** The RF template: `--template FILE` over the technology's defaults; the analysed operator, when set, is the template's. */
export function readTemplate(path: string | undefined, settings: AnalysisSettings): SiteTemplate {
  let template = defaultSiteTemplate(settings.technology);
  if (path !== undefined) {
    const parsed = parseSiteTemplate(readInput(path), settings.technology);
    if (!parsed.ok) throw new CliError(`${path}: ${describeScenarioError(parsed.errors[0], 'en')}`);
    template = parsed.template;
  }
  return settings.operator !== null ? { ...template, operator: settings.operator } : template;
}

interface CandidateFile {
  cells: Cell[];
  /** RF fields the file gives for each kept cell, by cell id. */
  given: Map<string, Set<TemplateRfField>>;
}

/** Reads the candidate file as a sites file, and which RF fields each kept row gives (the rest come from the template). */
function readCandidateFile(path: string, log: RejectionLog): CandidateFile {
  const text = readInput(path);
  const result = log.load(path, () => parseSites(text, path));
  return { cells: result.data, given: givenRfFields(text, path, result) };
}

/**
 * For each kept cell of a parsed sites file, the RF fields its own row or feature gives (non-empty). Rows are
 * matched to cells in file order, skipping the rows the parser rejected. `model` and `environment` count as
 * given only when the parser understood them.
 */
function givenRfFields(text: string, file: string, result: ImportResult<Cell[]>): Map<string, Set<TemplateRfField>> {
  const rejected = new Set(result.issues.filter((issue) => issue.severity === 'error' && issue.index !== null).map((issue) => issue.index));
  const perRow: Array<Set<TemplateRfField>> = [];
  const scratch = new IssueLog(file, 'row');
  if (/^\uFEFF?\s*\{/.test(text)) {
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

/**
 * Candidate sites from a candidate file (rows grouped by site id), with status planned; sites of another
 * technology or operator are not analysed and only counted.
 */
function candidatesFromFile(file: CandidateFile, template: SiteTemplate, settings: AnalysisSettings): { candidates: SitingCandidate[]; otherLayer: number } {
  const bySite = new Map<string, Cell[]>();
  for (const cell of file.cells) {
    const rows = bySite.get(cell.siteId);
    if (rows === undefined) bySite.set(cell.siteId, [cell]);
    else rows.push(cell);
  }
  const candidates: SitingCandidate[] = [];
  let otherLayer = 0;
  const empty = new Set<TemplateRfField>();
  for (const [siteId, rows] of bySite) {
    // a chosen candidate is a planned site, whatever status the candidate file gave (or defaulted)
    const cells = applySiteTemplate(rows, template, (cell) => file.given.get(cell.cellId) ?? empty).map((cell) => ({ ...cell, status: 'planned' as const }));
    if (!cells.some((cell) => isAnalysedCell(cell, settings))) otherLayer++;
    else candidates.push({ siteId, lon: rows[0].lon, lat: rows[0].lat, cells });
  }
  return { candidates, otherLayer };
}

/** Candidates on the grid over the weak-signal zones, each with the template's cells. */
export function candidatesFromGrid(
  zonesInput: WeakZonesInput,
  settings: AnalysisSettings,
  siting: SitingConfig,
  template: SiteTemplate,
): { candidates: SitingCandidate[]; otherLayer: number } {
  const zones = computeWeakZones(zonesInput, settings);
  const points = generateCandidateGrid({
    households: zonesInput.households,
    weak: collectWeakHouseholds(zonesInput.households, zonesInput.coverage),
    zones: zones.features.map((feature) => feature.geometry),
    spacingM: siting.gridSpacingM,
  });
  const candidates = points.map((point, i) => {
    const siteId = `G${i + 1}`;
    return { siteId, lon: point.lon, lat: point.lat, cells: cellsOfSite(siteId, point.lon, point.lat, template) };
  });
  return { candidates, otherLayer: 0 };
}

/** Exclusion polygons: a GeoJSON file of Polygon/MultiPolygon features; other features are rejected and reported. */
function parseExclusions(text: string, file: string): ImportResult<Array<Polygon | MultiPolygon>> {
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
