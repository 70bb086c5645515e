/**
 * `phusong plan-sites`: new sites that take the most households out of weak/none signal (issue 5).
 * Options as in issue 5, plus `--land FILE` (a land mask, as for `analyze`, so that grid candidates stay on land).
 * Writes new_sites.csv (sites columns + households_gained, in pick order, one row per cell), wards.csv (as
 * `analyze`, after the new sites), summary.json, rejected.csv, and the new sites as new_sites.geojson and
 * new_sites.kml. Same exit codes and rejection rules as `analyze`. Method and options: docs/siting.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import loadHighs from 'highs';
import { analyse } from '../core/analyse.ts';
import { indexWards } from '../core/assign-wards.ts';
import type { AnalysisSettings } from '../core/model.ts';
import { PlaceEnvironment } from '../core/resolve-environment.ts';
import type { NewSitesGoal } from '../core/siting/select-new-sites.ts';
import { fileCandidates, gridCandidates, templateForAnalysis } from '../core/siting/site-candidates.ts';
import { sitesOnAnalysis } from '../core/siting/sites-on-analysis.ts';
import { defaultSiteTemplate, type SiteTemplate } from '../core/siting/site-templates.ts';
import { sitesToKml } from '../io/export-kml.ts';
import { describeScenarioError, parseSiteTemplate } from '../io/scenario-file.ts';
import { newSitesGeoJson, newSitesTable } from '../io/site-rows.ts';
import {
  CliError,
  LAYER_OPTIONS,
  loadConfig,
  loadSitingConfig,
  parseOptions,
  prepareOutDir,
  readInput,
  readLayerInputs,
  RejectionLog,
  requireOption,
  writeCsv,
  writeJson,
  writeWardsCsv,
  round,
} from './common.ts';
import { coverageSetsPartnerThread } from './coverage-sets-partner-thread.ts';
import { Dataset, DATASET_OPTIONS, inputsJson, readDatasetChoice } from './dataset.ts';
import { withThreadsStopped } from './run-in-thread.ts';
import { sumsPartnerAhead } from './sums-partner-thread.ts';

const OPTIONS = {
  ...LAYER_OPTIONS,
  ...DATASET_OPTIONS,
  count: { type: 'string' },
  'target-pct': { type: 'string' },
  candidates: { type: 'string' },
  template: { type: 'string' },
  exact: { type: 'boolean' },
} as const;

export async function run(argv: string[]): Promise<void> {
  await withThreadsStopped((signal) => planSites(argv, signal));
}

async function planSites(argv: string[], signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const options = parseOptions(argv, OPTIONS);
  const log = new RejectionLog();
  const inputs = readLayerInputs(options);
  const dataset = new Dataset(readDatasetChoice(options), options, log, inputs);
  for (const layer of ['wards', 'sites', 'households'] as const) dataset.require(layer);
  const outDir = requireOption(options, 'out');
  const goal = readGoal(options.count, options['target-pct']);
  const { settings, raw } = loadConfig(options.config);
  const siting = loadSitingConfig(raw, options.config);
  const template = readTemplate(options.template, settings);

  const wards = await dataset.wards();
  const cells = await dataset.sites();
  const households = await dataset.households();
  const candidateFile = options.candidates !== undefined ? (await log.loadLayer(options.candidates, 'candidates', inputs)).data : null;
  const exclusions = (await log.loadPolygons(siting.exclusionsPath ?? undefined, inputs)) ?? [];
  const land = await dataset.land();
  prepareOutDir(outDir);
  const parsed = performance.now();

  // grid candidates go over the weak-signal zones; candidates from a file need none
  const wardIndex = indexWards(wards);
  // the sums partner needs the cells' environments, not the ward assignment: started before it (as `analyze`)
  const place = new PlaceEnvironment(households, wardIndex);
  const partner = sumsPartnerAhead(cells, households, settings, place, signal);
  const assignment = await dataset.assign(households, wardIndex);
  const analysis = analyse(
    { wards, wardIndex, place, cells, households, assignment, fibre: null, land },
    settings,
    { zones: candidateFile === null, now: () => performance.now(), sumsPartner: () => partner },
  );
  const { statistics: before, timingsMs } = analysis;
  // the ward assignment (before `analyse`, which was given it) counts with the analysis, as it did inside it
  const analyseMs = performance.now() - parsed - timingsMs.zones;

  const proposed =
    candidateFile !== null
      ? fileCandidates(candidateFile.cells, candidateFile.given, template, settings)
      : { candidates: gridCandidates({ households, coverage: analysis.coverage, zones: analysis.zones, spacingM: siting.gridSpacingM, template }), otherLayer: 0 };
  const candidated = performance.now();

  const exact = options.exact ? { highs: await loadHighs(), options: { timeLimitS: siting.exactTimeLimitS, maxNonzeros: siting.exactMaxNonzeros } } : null;
  // grid candidates are named in pick order; candidate-file sites keep their ids
  const { filtered, plan, sites, after } = sitesOnAnalysis(analysis, {
    wards,
    households,
    settings,
    candidates: proposed.candidates,
    gridTemplate: candidateFile === null ? template : null,
    exclusions,
    minSeparationM: siting.minSeparationM,
    goal,
    exact,
    setsPartner: coverageSetsPartnerThread,
  });
  const selected = performance.now();

  const newSites = newSitesTable(sites);
  writeCsv(join(outDir, 'new_sites.csv'), newSites.columns, newSites.rows);
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
    inputs: inputsJson(dataset, ['wards', 'sites', 'households'], {
      candidates: options.candidates ?? null,
      template: options.template ?? null,
      config: options.config ?? null,
      land: dataset.source('land')?.paths[0] ?? null,
    }),
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
      analyse: round(analyseMs, 1),
      // the zones are computed for the grid candidates: they count as candidate generation
      candidates: round(candidated - parsed - analyseMs, 1),
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

/** The RF template: `--template FILE` over the technology's defaults; the analysed operator, when set, is the template's. */
function readTemplate(path: string | undefined, settings: AnalysisSettings): SiteTemplate {
  let template = defaultSiteTemplate(settings.technology);
  if (path !== undefined) {
    const parsed = parseSiteTemplate(readInput(path), settings.technology);
    if (!parsed.ok) throw new CliError(`${path}: ${describeScenarioError(parsed.errors[0], 'en')}`);
    template = parsed.template;
  }
  return templateForAnalysis(template, settings);
}
