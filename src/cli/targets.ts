/**
 * `phusong targets` (issue 9): a target set evaluated on the dataset, and what closes each gap.
 *
 * `targets (--dataset embedded | --wards --sites --households [--fibre] [--zones FILE]) [--target-set NAME|FILE]
 *  [--layout 2025|2019] [--no-plan] --out DIR`, plus `--land`, `--config` and the input options as for `analyze`.
 * Writes in DIR: `targets.csv` (target_id,indicator,scope,unit,value,target,gap,status,to_close_sites,
 * to_close_cable_m,to_close_cost_vnd,source), `targets_by_ward.csv` (target_id,ward_id,ward_name,value,target,
 * status), `summary.json` and `rejected.csv`. `value`, `target` and `gap` are in the target's unit (percentages for
 * `%`); empty cells where not applicable, without data or with `--no-plan`. Exit codes as for `analyze`.
 * How each indicator is computed: docs/targets.md; what closes a gap: src/core/targets/close-gaps.ts.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { indexWards } from '../core/assign-wards.ts';
import { scopeText, targetRows } from '../core/report/report-targets.ts';
import type { TargetStatus } from '../core/targets/evaluate-targets.ts';
import { readFibrePlanSettings } from '../io/fibre-plan-settings.ts';
import {
  CliError,
  LAYER_OPTIONS,
  loadConfig,
  loadSitingConfig,
  parseOptions,
  prepareOutDir,
  readLayerInputs,
  RejectionLog,
  requireOption,
  writeCsv,
  writeJson,
  round,
} from './common.ts';
import { Dataset, DATASET_OPTIONS, inputsJson, readDatasetChoice } from './dataset.ts';
import { readTargetSetOption, runTargets } from './target-run.ts';

const OPTIONS = {
  ...LAYER_OPTIONS,
  ...DATASET_OPTIONS,
  fibre: { type: 'string' },
  zones: { type: 'string' },
  'target-set': { type: 'string' },
  'no-plan': { type: 'boolean' },
} as const;

const cell = (value: number | null, decimals: number): number | string => (value === null ? '' : round(value, decimals));

/** The status as the CSVs write it: met, not_met, no_data, needs_throughput. */
export const statusCode = (status: TargetStatus): string => status.replace(/-/g, '_');

export async function run(argv: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(argv, OPTIONS);
  const log = new RejectionLog();
  const dataset = new Dataset(readDatasetChoice(options), options, log, readLayerInputs(options));
  for (const layer of ['wards', 'sites', 'households'] as const) dataset.require(layer);
  const outDir = requireOption(options, 'out');
  const plan = options['no-plan'] !== true;
  const { settings, raw } = loadConfig(options.config);
  const fibreSettings = readFibrePlanSettings(raw);
  if (!fibreSettings.ok) throw new CliError(`${options.config}: ${fibreSettings.error}`);
  const siting = loadSitingConfig(raw, options.config);
  const { set, path: setPath } = readTargetSetOption(options['target-set'], log);

  const wards = await dataset.wards();
  const cells = await dataset.sites();
  const households = await dataset.households();
  const fibre = await dataset.fibre();
  const zones = await dataset.zones();
  const land = await dataset.land();
  const exclusions = plan ? ((await log.loadPolygons(siting.exclusionsPath ?? undefined, readLayerInputs(options))) ?? []) : [];
  prepareOutDir(outDir);
  const parsed = performance.now();

  const wardIndex = indexWards(wards);
  const assignment = await dataset.assign(households, wardIndex);
  const evaluated = await runTargets({
    wards,
    wardIndex,
    assignment,
    cells,
    households,
    fibre,
    land,
    zones,
    settings,
    set,
    plan: plan ? { siting, exclusions, fibreCosts: fibreSettings.settings } : null,
  });
  const { evaluations, closings } = evaluated;
  const computed = performance.now();

  const rows = targetRows(evaluations, closings);
  writeCsv(
    join(outDir, 'targets.csv'),
    ['target_id', 'indicator', 'scope', 'unit', 'value', 'target', 'gap', 'status', 'to_close_sites', 'to_close_cable_m', 'to_close_cost_vnd', 'source'],
    rows.map((row) => [
      row.targetId,
      row.indicator,
      scopeText(row.scope),
      row.unit,
      cell(row.value, 4),
      cell(row.target, 4),
      cell(row.gap, 4),
      statusCode(row.status),
      cell(row.toCloseSites, 0),
      cell(row.toCloseCableM, 1),
      cell(row.toCloseCostVnd, 0),
      row.source,
    ]),
  );
  const byWard: Array<Array<string | number>> = [];
  for (const evaluation of evaluations) {
    evaluation.byUnit.forEach((value, u) => {
      byWard.push([evaluation.target.id, wards[u].id, wards[u].name, cell(value.value, 4), evaluation.target.threshold, statusCode(value.status)]);
    });
  }
  writeCsv(join(outDir, 'targets_by_ward.csv'), ['target_id', 'ward_id', 'ward_name', 'value', 'target', 'status'], byWard);
  log.write(outDir);
  const written = performance.now();

  writeJson(join(outDir, 'summary.json'), {
    inputs: inputsJson(dataset, ['wards', 'sites', 'households', 'fibre', 'zones', 'land'], { targetSet: setPath, config: options.config ?? null }),
    settings,
    targetSet: { id: set.id, name: set.name, targets: set.targets.length },
    planned: plan,
    counts: { wards: wards.length, cells: cells.length, householdPoints: households.length, rejected: log.issues.length, zones: zones?.length ?? null },
    outsideWards: { points: assignment.outsideCount },
    targets: evaluations.map((evaluation, t) => {
      const closing = closings?.[t] ?? null;
      return {
        id: evaluation.target.id,
        indicator: evaluation.target.indicator,
        technology: evaluation.target.technology,
        status: statusCode(evaluation.status),
        reason: evaluation.reason,
        value: evaluation.value,
        target: evaluation.target.threshold,
        unit: evaluation.target.unit,
        gap: evaluation.gap,
        // households (or persons, for a population target) in the scope, those that count, and those to move
        base: evaluation.base,
        achieved: evaluation.achieved,
        shortfall: evaluation.shortfall,
        unknownUnitIds: evaluation.unknownUnitIds,
        deadline: evaluation.target.deadline,
        source: evaluation.target.source,
        toClose:
          closing === null
            ? null
            : {
                kind: closing.kind,
                reason: closing.reason,
                sites: closing.sites,
                cableM: closing.cableM,
                costVnd: closing.costVnd,
                reachable: closing.reachable,
                valueAfter: closing.valueAfter,
                method: closing.sitingPlan?.method ?? null,
                newSites: closing.chosenSites?.map((site) => ({ siteId: site.siteId, lon: site.lon, lat: site.lat, gained: site.householdsGained })) ?? null,
              },
      };
    }),
    timingsMs: { parse: round(parsed - started, 1), evaluate: round(computed - parsed, 1), write: round(written - computed, 1), total: round(written - started, 1) },
  });
  log.summarise(outDir);
  for (const closing of closings ?? []) {
    if (closing.reachable === false) {
      process.stderr.write(
        `warning: target ${closing.target.id}: the plan reaches ${round(closing.valueAfter ?? 0, 2)} ${closing.target.unit}, not ${closing.target.threshold} (candidates or reachable households do not suffice), see ${join(outDir, 'summary.json')}\n`,
      );
    }
  }
}
