/**
 * `phusong fibre-plan`: households passed by fibre per ward and the cheapest extensions to reach a target (issue 4).
 * Writes in --out: extensions.geojson (LineStrings with length_m, cost_vnd, households_gained, ward_id),
 * wards.csv (ward_id,ward_name,households,passed_before,pct_before,passed_after,pct_after,extension_m,cost_vnd),
 * summary.json (totals, settings, wards that cannot reach the target) and rejected.csv (as `analyze`).
 * Same exit codes and rejection rules as `analyze`. Method: docs/fibre.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { indexWards } from '../core/assign-wards.ts';
import { computeFibreCoverage } from '../core/fibre/fibre-coverage.ts';
import { readFibrePlanSettings } from '../io/fibre-plan-settings.ts';
import { fibreStatistics, type FibreReach } from '../core/fibre/fibre-statistics.ts';
import { planFibreExtensions, type FibrePlanScope } from '../core/fibre/plan-fibre-extension.ts';
import { extensionsGeojson, fibreWardPlanTable } from '../io/export-fibre-plan.ts';
import {
  CliError,
  INPUT_OPTIONS,
  readLayerInputs,
  loadConfig,
  parseOptions,
  prepareOutDir,
  RejectionLog,
  requireOption,
  writeCsv,
  writeJson,
  round,
} from './common.ts';
import { Dataset, DATASET_OPTIONS, inputsJson, readDatasetChoice } from './dataset.ts';

const OPTIONS = {
  wards: { type: 'string' },
  households: { type: 'string' },
  fibre: { type: 'string' },
  target: { type: 'string' },
  scope: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  ...INPUT_OPTIONS,
  ...DATASET_OPTIONS,
} as const;

const SCOPES: readonly FibrePlanScope[] = ['ward', 'city'];

/** `--target PCT`: a plain decimal number in (0, 100] (no sign, unit or exponent). */
function parseTarget(text: string): number {
  const value = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && value <= 100)) throw new CliError(`--target must be a percentage in (0, 100], got '${text}'`);
  return value;
}

function reachJson(reach: FibreReach, targetsPct: number[]) {
  return {
    households: reach.households,
    passed: reach.passed,
    fibrePct: round(reach.fibrePct, 2),
    shortfall: Object.fromEntries(targetsPct.map((target, t) => [`${target}%`, reach.shortfall[t]])),
  };
}

export async function run(argv: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(argv, OPTIONS);
  const log = new RejectionLog();
  const dataset = new Dataset(readDatasetChoice(options), options, log, readLayerInputs(options));
  for (const layer of ['wards', 'households', 'fibre'] as const) dataset.require(layer);
  const targetPct = parseTarget(requireOption(options, 'target'));
  const outDir = requireOption(options, 'out');
  const scope = (options.scope ?? 'ward') as FibrePlanScope;
  if (!SCOPES.includes(scope)) throw new CliError(`--scope must be one of ${SCOPES.join(', ')}, got '${options.scope}'`);
  const { settings, raw } = loadConfig(options.config);
  const planSettings = readFibrePlanSettings(raw);
  if (!planSettings.ok) throw new CliError(`${options.config}: ${planSettings.error}`);
  const { costPerMetreVnd, connectionCostVnd, targetsPct } = planSettings.settings;

  const wards = await dataset.wards();
  const households = await dataset.households();
  const network = (await dataset.fibre())!;
  prepareOutDir(outDir);
  const parsed = performance.now();

  const assignment = await dataset.assign(households, indexWards(wards));
  const coverage = computeFibreCoverage(households, network, settings.fibre);
  const covered = performance.now();

  const plan = planFibreExtensions(
    { wards, wardOfHousehold: assignment.wardIndex, households, network, coverage },
    { targetPct, scope, maxDropM: settings.fibre.maxDropM, backbonePasses: settings.fibre.backbonePasses, costPerMetreVnd, connectionCostVnd },
  );
  const planned = performance.now();

  const before = fibreStatistics(wards, assignment.wardIndex, households, coverage.passed, targetsPct);
  const after = fibreStatistics(wards, assignment.wardIndex, households, plan.passedAfter, targetsPct);
  writeFileSync(join(outDir, 'extensions.geojson'), JSON.stringify(extensionsGeojson(plan.extensions)) + '\n');
  const wardTable = fibreWardPlanTable(plan.wards);
  writeCsv(join(outDir, 'wards.csv'), wardTable.columns, wardTable.rows.map((row) => row.map((value) => value ?? '')));
  log.write(outDir);
  const written = performance.now();

  const { totals } = plan;
  writeJson(join(outDir, 'summary.json'), {
    inputs: inputsJson(dataset, ['wards', 'households', 'fibre'], { config: options.config ?? null }),
    target: { pct: targetPct, scope },
    settings: { ...settings, fibre: { ...settings.fibre, costPerMetreVnd, connectionCostVnd, targetsPct } },
    counts: {
      wards: wards.length,
      householdPoints: households.length,
      routes: network.routes.length,
      accessNodes: network.nodes.length,
      rejected: log.issues.length,
      extensions: plan.extensions.length,
    },
    totals: {
      households: totals.households,
      passedBefore: totals.passedBefore,
      pctBefore: round(totals.pctBefore, 2),
      passedAfter: totals.passedAfter,
      pctAfter: round(totals.pctAfter, 2),
      householdsGained: totals.householdsGained,
      extensionM: round(totals.extensionM, 1),
      extensionKm: round(totals.extensionM / 1000, 3),
      cableCostVnd: totals.cableCostVnd,
      connectionCostVnd: totals.connectionCostVnd,
      costVnd: totals.costVnd,
    },
    targetMet: plan.targetMet,
    wardsCannotReachTarget: plan.unreachableWards.map((ward) => ({
      wardId: ward.wardId,
      wardName: ward.wardName,
      reason: ward.reason,
      households: ward.households,
      passedAfter: ward.passedAfter,
      needed: ward.needed,
      capacityBlocked: ward.capacityBlocked,
    })),
    cityBefore: reachJson(before.city, targetsPct),
    cityAfter: reachJson(after.city, targetsPct),
    outsideWards: { points: assignment.outsideCount, ...reachJson(after.outside, targetsPct) },
    capacityBlockedHouseholds: plan.wards.reduce((sum, ward) => sum + ward.capacityBlocked, 0),
    fullNodes: coverage.fullNodes,
    timingsMs: {
      parse: round(parsed - started, 1),
      coverage: round(covered - parsed, 1),
      plan: round(planned - covered, 1),
      write: round(written - planned, 1),
      total: round(written - started, 1),
    },
  });
  log.summarise(outDir);
}
