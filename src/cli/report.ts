/**
 * `phusong report`: the planner's report (issue 10) as PDF, HTML (print stylesheet) or XLSX, from the same core
 * functions `analyze`, `fibre-plan` and `plan-sites` call, so its figures equal their outputs for the same data.
 *
 * `report (--dataset embedded | --wards --sites --households [--fibre] [--zones]) [--scope city|UNIT[,UNIT…]]
 *  [--layout 2025|2019] [--target-set NAME|FILE] [--sites-plan count:N|target:P] [--lang vi|en]
 *  [--format pdf|xlsx|html] --out FILE`, plus `--land FILE`, `--config FILE` and the input options (`--crs`,
 * `--sheet`, `--map`) as for `analyze`, and `--organisation TEXT`, `--title TEXT`, `--date YYYY-MM-DD`,
 * `--sections LIST` for page 1 and the content, and `--no-plan` (the targets without what closes their gaps). Rejected input rows go to FILE.rejected.csv. Exit codes as for
 * `analyze`.
 *
 * The figures come from the shared pipeline (`analyse`: the analysis and weak-signal zones of `analyze`), the
 * fibre planner of `fibre-plan` and the siting of `plan-sites` (`sitesOnAnalysis`); this module only reads the
 * options and inputs, and writes the report.
 *
 * `--dataset embedded` and `--layout 2025|2019` read the layers as every command does (dataset.ts); the targets
 * section evaluates `--target-set` (default: hp-2026-2030 with the embedded dataset, none otherwise) as the
 * `targets` command does (target-run.ts), with what closes each gap, before any automatic siting of the report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { analyse, withFibreCoverage } from '../core/analyse.ts';
import type { FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import { indexWards } from '../core/assign-wards.ts';
import { organisationName } from '../core/organisation.ts';
import { buildReport, type ReportInput } from '../core/report/build-report.ts';
import { reportDocument } from '../core/report/report-document.ts';
import { sourceProvenance, type FibreReportOptions } from '../core/report/report-inputs.ts';
import { reportText } from '../core/report/report-i18n.ts';
import { REPORT_SECTIONS, type DataSource, type ReportLanguage, type ReportSection } from '../core/report/report-model.ts';
import { targetRows, targetSetInfo } from '../core/report/report-targets.ts';
import type { NewSitesGoal } from '../core/siting/select-new-sites.ts';
import { gridCandidates, templateForAnalysis } from '../core/siting/site-candidates.ts';
import { defaultSiteTemplate } from '../core/siting/site-templates.ts';
import { sitesOnAnalysis } from '../core/siting/sites-on-analysis.ts';
import { readFibrePlanSettings } from '../io/fibre-plan-settings.ts';
import { loadReportFonts } from '../io/report/report-fonts.ts';
import { reportToHtml } from '../io/report/report-html.ts';
import { reportToPdf } from '../io/report/report-pdf.ts';
import { reportToXlsx } from '../io/report/report-xlsx.ts';
import { CliError, LAYER_OPTIONS, loadConfig, loadSitingConfig, parseOptions, readLayerInputs, RejectionLog, requireOption } from './common.ts';
import { Dataset, DATASET_OPTIONS, fileDate, readDatasetChoice, type DatasetLayer } from './dataset.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { runInThread, withThreadsStopped } from './run-in-thread.ts';
import type { FibreForReportInput, FibreForReportResult } from './report-fibre-job.ts';
import { DEFAULT_TARGET_SET, isShippedTargetSet, readTargetSetOption, runTargets } from './target-run.ts';
import { coverageSetsPartnerThread } from './coverage-sets-partner-thread.ts';
import { sumsPartnerThread } from './sums-partner-thread.ts';

const OPTIONS = {
  ...LAYER_OPTIONS,
  ...DATASET_OPTIONS,
  fibre: { type: 'string' },
  zones: { type: 'string' },
  scope: { type: 'string' },
  'target-set': { type: 'string' },
  'sites-plan': { type: 'string' },
  'no-plan': { type: 'boolean' },
  lang: { type: 'string' },
  format: { type: 'string' },
  organisation: { type: 'string' },
  title: { type: 'string' },
  date: { type: 'string' },
  sections: { type: 'string' },
} as const;

const FORMATS = ['pdf', 'xlsx', 'html'] as const;
type ReportFormat = (typeof FORMATS)[number];

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

/**
 * A source entry for a layer: its file name(s), date, and whether it is synthetic (an embedded synthetic layer);
 * neither for a user's file and for the approximate zones (stated in the provenance).
 */
function sourceOf(dataset: Dataset, layer: DatasetLayer & DataSource['layer']): DataSource | null {
  const source = dataset.source(layer);
  if (source === null) return null;
  const synthetic = source.kind === 'synthetic' ? true : source.kind === 'real' ? false : null;
  const name = source.paths.map((path) => basename(path)).join(', ');
  return { layer, name, date: fileDate(source), synthetic, ...(source.kind === 'approximate' ? { approximate: true } : {}) };
}

/**
 * The report's fibre part run in a worker thread (`fibreForReport` of thread-jobs.ts): `reach` when the fibre
 * reach is computed (or the job's error if it fails first), `result` when the plans are done too.
 */
function fibreInThread(input: FibreForReportInput, signal: AbortSignal): { reach: Promise<FibreCoverage>; result: Promise<FibreForReportResult> } {
  let reached!: (coverage: FibreCoverage) => void;
  const emitted = new Promise<FibreCoverage>((resolve) => (reached = resolve));
  const result = runInThread('fibreForReport', input, { onPartial: (coverage) => reached(coverage), signal });
  const reach = Promise.race([emitted, result.then(() => emitted)]);
  // awaited only when the analysis succeeds; a failed command must not report this rejection too
  reach.catch(() => undefined);
  return { reach, result };
}

export async function run(argv: string[]): Promise<void> {
  // a failure of the main thread stops the report's worker thread too
  await withThreadsStopped((signal) => report(argv, signal));
}

async function report(argv: string[], signal: AbortSignal): Promise<void> {
  const options = parseOptions(argv, OPTIONS);
  const log = new RejectionLog();
  const inputs = readLayerInputs(options);
  const dataset = new Dataset(readDatasetChoice(options), options, log, inputs);
  for (const layer of ['wards', 'sites', 'households'] as const) dataset.require(layer);
  const outPath = requireOption(options, 'out');
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
  // the target set: the one given, else the default with the embedded dataset
  const targetSetName = options['target-set'] ?? (dataset.choice.embedded ? DEFAULT_TARGET_SET : undefined);
  const targetSet = targetSetName === undefined ? null : readTargetSetOption(targetSetName, log);
  const planTargets = options['no-plan'] !== true;

  // the layers are read as every command reads them (any format, --crs, --sheet, --map)
  const wards = await dataset.wards();
  const cells = await dataset.sites();
  const households = await dataset.households();
  const fibre = await dataset.fibre();
  const land = await dataset.land();
  const zonesLayer = targetSet === null ? null : await dataset.zones();
  const layout = await dataset.layout();
  // the siting's exclusion zones, as `plan-sites` reads them
  const exclusions = sitesGoal === null && !(targetSet !== null && planTargets) ? [] : ((await log.loadPolygons(siting.exclusionsPath ?? undefined, inputs)) ?? []);

  const scopeIds = options.scope === undefined || options.scope === 'city' ? null : options.scope.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (scopeIds !== null) {
    const known = new Set(wards.map((ward) => ward.id));
    const unknown = scopeIds.filter((id) => !known.has(id));
    if (scopeIds.length === 0 || unknown.length > 0) throw new CliError(`--scope: no unit with code ${unknown.join(', ') || "''"} in ${dataset.require('wards').paths.join(', ')}`);
  }

  // the pipeline of `analyze`, with the weak-signal zones (households of the other layout located by the crosswalk)
  const wardIndex = indexWards(wards);
  const located = await dataset.assign(households, wardIndex);
  // fibre: reach against 80/90/100 % (and the config's targets), a plan for each target not met (as `fibre-plan`).
  // None of it depends on the radio analysis: it runs in a worker thread meanwhile, on the other core, and hands
  // over the fibre reach first (the analysis' statistics count it).
  const fibreOptions: FibreReportOptions = {
    targetsPct: planSettings.settings.targetsPct,
    scopeIds,
    maxDropM: settings.fibre.maxDropM,
    backbonePasses: settings.fibre.backbonePasses,
    costPerMetreVnd: planSettings.settings.costPerMetreVnd,
    connectionCostVnd: planSettings.settings.connectionCostVnd,
  };
  const fibreJob =
    fibre === null
      ? null
      : fibreInThread(
          {
            wards,
            wardOfHousehold: located.wardIndex,
            // the locations only: copying the 600,000 ids to the thread would cost ~1 s of CPU for nothing
            households: { length: households.length, lon: households.lon, lat: households.lat, count: households.count },
            network: fibre,
            fibreSettings: settings.fibre,
            options: fibreOptions,
            // the fibre targets' gaps need nothing of the radio analyses either (~1.3 s of the main thread with the default target set)
            targets: targetSet !== null && planTargets ? { targets: targetSet.set.targets, zones: zonesLayer, fibreCosts: planSettings.settings } : null,
          },
          signal,
        );
  // the fibre thread has the second core: a sums partner beside it would only compete (measured: the city PDF
  // 12.6–14.8 s with one against 11.1–11.9 s without, the main thread's CPU unchanged, bench/HISTORY.md step 15)
  const sumsPartner = fibreJob === null ? sumsPartnerThread : undefined;
  const radio = analyse({ wards, wardIndex, cells, households, assignment: located, fibre: null, land }, settings, { zones: true, sumsPartner });
  const analysis = fibreJob === null ? radio : withFibreCoverage(radio, { wards, households }, await fibreJob.reach, settings);
  const { assignment, statistics, zones } = analysis;

  // the targets, as `targets` evaluates them, before the report's own siting adds its sites to the analysis; the
  // fibre thread plans the gaps of the fibre targets meanwhile
  const fibreClosings = fibreJob !== null && planTargets ? fibreJob.result.then(({ targetClosings }) => targetClosings ?? []) : null;
  // awaited only when the targets get that far; a failed command must not report this rejection too
  fibreClosings?.catch(() => undefined);
  const targets =
    targetSet === null
      ? null
      : await runTargets({
          wards,
          wardIndex,
          assignment,
          cells,
          households,
          fibre,
          land,
          zones: zonesLayer,
          settings,
          set: targetSet.set,
          base: analysis,
          plan: planTargets ? { siting, exclusions, fibreCosts: planSettings.settings, ...(fibreClosings !== null ? { fibreClosings } : {}) } : null,
        });

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
      setsPartner: coverageSetsPartnerThread,
    });
    sitingInput = { goal: sitesGoal, plan, sites, after };
  }

  const rejectedPath = `${outPath}.rejected.csv`;
  const layers: Array<DatasetLayer & DataSource['layer']> = ['wards', 'sites', 'households', 'fibre', 'land', ...(zonesLayer !== null ? (['zones'] as const) : [])];
  const sources = layers.map((layer) => sourceOf(dataset, layer)).filter((source): source is DataSource => source !== null);
  if (targetSet !== null) sources.push({ layer: 'targets', name: basename(targetSet.path), date: fileDate({ paths: [targetSet.path] }), synthetic: isShippedTargetSet(targetSet.path) ? false : null });
  if (layout !== null) sources.push({ layer: 'crosswalk', name: basename(layout.crosswalkPath), date: fileDate({ paths: [layout.crosswalkPath] }), synthetic: false });
  const say = (key: Parameters<typeof reportText>[1], values?: Record<string, string | number>): string => reportText(language, key, values);
  const provenance = sourceProvenance(sources, language);
  const landSource = dataset.source('land');
  if (landSource !== null) provenance.push(say('provLand', { file: basename(landSource.paths[0]) }));
  if (layout?.id === '2019' && layout.householdIds === '2025') provenance.push(say('provCrosswalk'));
  if (sitesGoal && scopeIds !== null) provenance.push(say('provSitingScope'));
  if (targets?.closings) provenance.push(say('provTargetPlans'));
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
      layout: layout?.id ?? null,
      sections,
    },
    softwareVersion: (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    sources,
    wards,
    cells,
    householdPoints: households.length,
    settings,
    statistics,
    zones,
    fibre: fibreJob === null ? null : (await fibreJob.result).section,
    siting: sitingInput,
    proposals: null,
    targets: targets === null ? null : { set: targetSetInfo(targetSet!.set, language), rows: targetRows(targets.evaluations, targets.closings) },
    ...(layout !== null ? { formerDistricts: layout.formerDistricts } : {}),
    provenance,
    extraSettings: { fibre: { ...settings.fibre, ...planSettings.settings }, ...(sitesGoal ? { siting } : {}) },
  });
  const document = reportDocument(model);

  let bytes: Uint8Array | string;
  if (format === 'xlsx') bytes = await reportToXlsx(document);
  else {
    const fonts = loadReportFonts({
      regular: readFileSync(join(PROJECT_ROOT, 'data/fonts/NotoSans-Regular.ttf')),
      bold: readFileSync(join(PROJECT_ROOT, 'data/fonts/NotoSans-Bold.ttf')),
    });
    bytes = format === 'pdf' ? await reportToPdf(document, fonts) : await reportToHtml(document, fonts);
  }
  try {
    writeFileSync(outPath, bytes);
  } catch {
    throw new CliError(`${outPath}: cannot write the report`);
  }
  if (log.issues.length > 0) log.writeTo(rejectedPath);
  // the notes on how data was read too, as every command prints them (even without rejected rows)
  log.summariseTo(rejectedPath);
}
