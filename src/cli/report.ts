/**
 * `phusong report`: the planner's report (issue 10) as PDF, HTML (print stylesheet) or XLSX, from the same core
 * functions `analyze`, `fibre-plan` and `plan-sites` call, so its figures equal their outputs for the same data.
 *
 * `report (--dataset embedded | --wards --sites --households [--fibre] [--zones]) [--scope city|UNIT[,UNIT…]]
 *  [--layout 2025|2019] [--target-set NAME|FILE] [--sites-plan count:N|target:P] [--lang vi|en]
 *  [--format pdf|xlsx|html] --out FILE`, plus `--land FILE`, `--config FILE` and the input options (`--crs`,
 * `--sheet`, `--map`) as for `analyze`, and `--organisation TEXT`, `--title TEXT`, `--date YYYY-MM-DD`,
 * `--sections LIST` for page 1 and the content. Rejected input rows go to FILE.rejected.csv. Exit codes as for
 * `analyze`.
 *
 * The figures come from the shared pipeline (`analyse`: the analysis and weak-signal zones of `analyze`), the
 * fibre planner of `fibre-plan` and the siting of `plan-sites` (`sitesOnAnalysis`); this module only reads the
 * options and inputs, and writes the report.
 *
 * Not available yet (exit 2 with a message): `--dataset embedded`, `--layout`, `--zones` and `--target-set`. The
 * merged-city data, the 2019 → 2025 crosswalk, the zones layer and the target sets are in data/ and the core
 * (issue 9), but the report does not read them yet.
 */
import { readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../core/analyse.ts';
import { organisationName } from '../core/organisation.ts';
import { buildReport, type ReportInput } from '../core/report/build-report.ts';
import { reportDocument } from '../core/report/report-document.ts';
import { fibreForReport, sourceProvenance } from '../core/report/report-inputs.ts';
import { reportText } from '../core/report/report-i18n.ts';
import { REPORT_SECTIONS, type DataSource, type ReportLanguage, type ReportSection } from '../core/report/report-model.ts';
import type { NewSitesGoal } from '../core/siting/select-new-sites.ts';
import { gridCandidates, templateForAnalysis } from '../core/siting/site-candidates.ts';
import { defaultSiteTemplate } from '../core/siting/site-templates.ts';
import { sitesOnAnalysis } from '../core/siting/sites-on-analysis.ts';
import { readFibrePlanSettings } from '../io/fibre-plan-settings.ts';
import { loadReportFonts } from '../io/report/report-fonts.ts';
import { reportToHtml } from '../io/report/report-html.ts';
import { reportToPdf } from '../io/report/report-pdf.ts';
import { reportToXlsx } from '../io/report/report-xlsx.ts';
import { CliError, LAYER_OPTIONS, loadConfig, loadSitingConfig, parseOptions, readLayerInputs, RejectionLog, requireLayerPaths } from './common.ts';

const OPTIONS = {
  ...LAYER_OPTIONS,
  dataset: { type: 'string' },
  fibre: { type: 'string' },
  zones: { type: 'string' },
  scope: { type: 'string' },
  layout: { type: 'string' },
  'target-set': { type: 'string' },
  'sites-plan': { type: 'string' },
  lang: { type: 'string' },
  format: { type: 'string' },
  organisation: { type: 'string' },
  title: { type: 'string' },
  date: { type: 'string' },
  sections: { type: 'string' },
} as const;

const FORMATS = ['pdf', 'xlsx', 'html'] as const;
type ReportFormat = (typeof FORMATS)[number];

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The files of data/: real boundaries (both layouts, the land masks), synthetic layers (data/SOURCES.md). */
const EMBEDDED = {
  real: ['hp2025_wards_polygons.geojson', 'hp2025_land.geojson', 'hp_wards_polygons.geojson', 'hd_wards_polygons.geojson', 'hp_districts_polygons.geojson'].map(
    (name) => join(PROJECT, 'data', name),
  ),
  synthetic: ['households.csv.gz', 'sites.csv', 'fibre.geojson'].map((name) => join(PROJECT, 'data', name)),
};

function notAvailable(option: string): never {
  throw new CliError(`${option} is not available yet in the report; give --wards, --sites and --households files instead`);
}

/** `count:N` (N ≥ 1 sites) or `target:P` (P % of households out of weak/none, 0 < P ≤ 100). */
function readSitesPlan(text: string): NewSitesGoal {
  const match = /^(count|target):(.+)$/.exec(text.trim());
  const value = match ? Number(match[2]) : NaN;
  if (match?.[1] === 'count' && /^\d+$/.test(match[2]) && value >= 1) return { kind: 'count', count: value };
  if (match?.[1] === 'target' && /^\d+(\.\d*)?$/.test(match[2]) && value > 0 && value <= 100) return { kind: 'target-pct', pct: value };
  throw new CliError(`--sites-plan must be count:N (N ≥ 1) or target:P (0 < P ≤ 100), got '${text}'`);
}

function readChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!choices.includes(value as T)) throw new CliError(`--${name} must be one of ${choices.join(', ')}, got '${value}'`);
  return value as T;
}

function readSections(text: string | undefined): ReportSection[] {
  if (text === undefined) return [...REPORT_SECTIONS];
  const sections = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  for (const section of sections) readChoice('sections', section, REPORT_SECTIONS, 'summary');
  return sections as ReportSection[];
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A source entry for an input file: its name, its modification date, and synthetic when it is an embedded synthetic layer. */
function sourceOf(layer: DataSource['layer'], path: string): DataSource {
  const real = realpathSync(path);
  const isOneOf = (files: string[]): boolean => files.some((file) => safeRealpath(file) === real);
  const synthetic = isOneOf(EMBEDDED.synthetic) ? true : isOneOf(EMBEDDED.real) ? false : null;
  return { layer, name: basename(path), date: statSync(path).mtime.toISOString().slice(0, 10), synthetic };
}

function safeRealpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv, OPTIONS);
  for (const option of ['dataset', 'layout', 'target-set', 'zones'] as const) if (options[option] !== undefined) notAvailable(`--${option}`);
  const paths = requireLayerPaths(options);
  const outPath = paths.out;
  const format = readChoice('format', options.format ?? (FORMATS as readonly string[]).find((ext) => extname(outPath).toLowerCase() === `.${ext}`), FORMATS, 'pdf') as ReportFormat;
  const language = readChoice<ReportLanguage>('lang', options.lang, ['vi', 'en'], 'vi');
  const sections = readSections(options.sections);
  const date = options.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new CliError(`--date must be YYYY-MM-DD, got '${date}'`);
  const sitesGoal = options['sites-plan'] !== undefined ? readSitesPlan(options['sites-plan']) : null;
  const { settings, raw } = loadConfig(options.config);
  const planSettings = readFibrePlanSettings(raw);
  if (!planSettings.ok) throw new CliError(`${options.config}: ${planSettings.error}`);
  const siting = loadSitingConfig(raw, options.config);

  // the layers are read as every command reads them (any format, --crs, --sheet, --map)
  const log = new RejectionLog();
  const inputs = readLayerInputs(options);
  const { wards, cells, households } = await log.loadLayers(paths, inputs);
  const fibre = options.fibre !== undefined ? (await log.loadLayer(options.fibre, 'fibre', inputs)).data : null;
  const land = await log.loadPolygons(options.land, inputs);
  // the siting's exclusion zones, as `plan-sites` reads them
  const exclusions = sitesGoal === null ? [] : ((await log.loadPolygons(siting.exclusionsPath ?? undefined, inputs)) ?? []);

  const scopeIds = options.scope === undefined || options.scope === 'city' ? null : options.scope.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (scopeIds !== null) {
    const known = new Set(wards.map((ward) => ward.id));
    const unknown = scopeIds.filter((id) => !known.has(id));
    if (scopeIds.length === 0 || unknown.length > 0) throw new CliError(`--scope: no unit with code ${unknown.join(', ') || "''"} in ${paths.wards}`);
  }

  // the pipeline of `analyze`, with the weak-signal zones
  const analysis = analyse({ wards, cells, households, fibre, land }, settings, { zones: true });
  const { assignment, fibreCoverage, statistics, zones } = analysis;

  // fibre: reach against 80/90/100 % (and the config's targets), a plan for each target not met (as `fibre-plan`)
  const fibreInput: ReportInput['fibre'] =
    fibre === null || fibreCoverage === null
      ? null
      : fibreForReport(
          { wards, wardOfHousehold: assignment.wardIndex, households, network: fibre, coverage: fibreCoverage },
          {
            targetsPct: planSettings.settings.targetsPct,
            scopeIds,
            maxDropM: settings.fibre.maxDropM,
            backbonePasses: settings.fibre.backbonePasses,
            costPerMetreVnd: planSettings.settings.costPerMetreVnd,
            connectionCostVnd: planSettings.settings.connectionCostVnd,
          },
        );

  // automatic siting on grid candidates over the weak zones (`plan-sites` without a candidate file or --exact)
  let sitingInput: ReportInput['siting'] = null;
  if (sitesGoal !== null) {
    const template = templateForAnalysis(defaultSiteTemplate(settings.technology), settings);
    const candidates = gridCandidates({ households, coverage: analysis.coverage, zones, spacingM: siting.gridSpacingM, template });
    const { plan, sites, after } = sitesOnAnalysis(analysis, {
      wards,
      households,
      settings,
      candidates,
      gridTemplate: template,
      exclusions,
      minSeparationM: siting.minSeparationM,
      goal: sitesGoal,
      exact: null,
    });
    sitingInput = { goal: sitesGoal, plan, sites, after };
  }

  const rejectedPath = `${outPath}.rejected.csv`;
  const sources: DataSource[] = [sourceOf('wards', paths.wards), sourceOf('sites', paths.sites), sourceOf('households', paths.households)];
  if (options.fibre !== undefined) sources.push(sourceOf('fibre', options.fibre));
  if (options.land !== undefined) sources.push(sourceOf('land', options.land));
  const say = (key: Parameters<typeof reportText>[1], values?: Record<string, string | number>): string => reportText(language, key, values);
  const provenance = sourceProvenance(sources, language);
  if (options.land !== undefined) provenance.push(say('provLand', { file: basename(options.land) }));
  if (sitesGoal && scopeIds !== null) provenance.push(say('provSitingScope'));
  const rejectedByFile = new Map<string, number>();
  for (const issue of log.issues) rejectedByFile.set(issue.file, (rejectedByFile.get(issue.file) ?? 0) + 1);
  for (const [file, count] of rejectedByFile) provenance.push(say('provRejected', { count, file: basename(file), rejected: basename(rejectedPath) }));

  const model = buildReport({
    options: {
      organisation: organisationName(options.organisation ?? ''),
      title: options.title ?? null,
      date,
      language,
      scope: scopeIds === null ? { kind: 'city' } : { kind: 'units', unitIds: scopeIds },
      layout: null,
      sections,
    },
    softwareVersion: (JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string }).version,
    sources,
    wards,
    cells,
    householdPoints: households.length,
    settings,
    statistics,
    zones,
    fibre: fibreInput,
    siting: sitingInput,
    proposals: null,
    targets: null,
    provenance,
    extraSettings: { fibre: { ...settings.fibre, ...planSettings.settings }, ...(sitesGoal ? { siting } : {}) },
  });
  const document = reportDocument(model);

  let bytes: Uint8Array | string;
  if (format === 'xlsx') bytes = await reportToXlsx(document);
  else {
    const fonts = loadReportFonts({
      regular: readFileSync(join(PROJECT, 'data/fonts/NotoSans-Regular.ttf')),
      bold: readFileSync(join(PROJECT, 'data/fonts/NotoSans-Bold.ttf')),
    });
    bytes = format === 'pdf' ? await reportToPdf(document, fonts) : await reportToHtml(document, fonts);
  }
  try {
    writeFileSync(outPath, bytes);
  } catch {
    throw new CliError(`${outPath}: cannot write the report`);
  }
  if (log.issues.length > 0) {
    log.writeTo(rejectedPath);
    log.summariseTo(rejectedPath);
  }
}
