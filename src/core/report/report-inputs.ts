/**
 * The parts of a report's input that the CLI (`phusong report`) and the app's worker build the same way from the
 * pipeline's outputs: the fibre reach with one extension plan per target the scope does not meet yet (as
 * `fibre-plan` plans it), and the provenance notes on the data sources. Shared so the app's report and the CLI's
 * give the same figures for the same inputs and settings.
 */
import { fibreStatistics, householdsNeeded } from '../fibre/fibre-statistics.ts';
import type { FibreCoverage } from '../fibre/fibre-coverage.ts';
import { planFibreExtensionsToTargets, type FibreCosts } from '../fibre/plan-fibre-extension.ts';
import type { FibreNetwork, HouseholdLocations, Ward } from '../model.ts';
import type { ReportInput } from './build-report.ts';
import { reportText } from './report-i18n.ts';
import type { DataSource, ReportLanguage } from './report-model.ts';

/** The targets every report measures fibre reach against (issue 10: 80/90/100 %), besides the configured ones. */
export const REPORT_FIBRE_TARGETS_PCT: readonly number[] = [80, 90, 100];

export interface FibreReportData {
  wards: Ward[];
  /** Ward index per household point (−1 outside every ward). */
  wardOfHousehold: Int32Array;
  households: HouseholdLocations;
  network: FibreNetwork;
  coverage: FibreCoverage;
}

export interface FibreReportOptions extends FibreCosts {
  /** Targets from the settings, in %; 80, 90 and 100 are always added. */
  targetsPct: readonly number[];
  /** Unit ids of a units report; null for the city. */
  scopeIds: readonly string[] | null;
  maxDropM: number;
  backbonePasses: boolean;
}

/**
 * Fibre reach by unit and for the scope against each target, and for each target the scope does not meet a plan
 * of extensions (`planFibreExtensions`, scope `city` for a city report, `ward` for a units report; the plans share
 * the planner's set-up, `planFibreExtensionsToTargets`).
 */
export function fibreForReport(data: FibreReportData, options: FibreReportOptions): NonNullable<ReportInput['fibre']> {
  const { wards, wardOfHousehold, households, network, coverage } = data;
  const targetsPct = [...new Set([...options.targetsPct, ...REPORT_FIBRE_TARGETS_PCT])].sort((a, b) => a - b);
  const statistics = fibreStatistics(wards, wardOfHousehold, households, coverage.passed, targetsPct);
  const scopeIndexes = options.scopeIds === null ? null : options.scopeIds.map((id) => wards.findIndex((ward) => ward.id === id));
  const reach =
    scopeIndexes === null
      ? statistics.city
      : scopeIndexes.reduce(
          (sum, w) => ({ households: sum.households + statistics.wards[w].households, passed: sum.passed + statistics.wards[w].passed }),
          { households: 0, passed: 0 },
        );
  const plans = planFibreExtensionsToTargets(
    { wards, wardOfHousehold, households, network, coverage },
    {
      scope: options.scopeIds === null ? 'city' : 'ward',
      maxDropM: options.maxDropM,
      backbonePasses: options.backbonePasses,
      costPerMetreVnd: options.costPerMetreVnd,
      connectionCostVnd: options.connectionCostVnd,
    },
    targetsPct.filter((targetPct) => reach.passed < householdsNeeded(targetPct, reach.households)),
  );
  return { statistics, targetsPct, plans };
}

/**
 * The methodology's provenance notes on the sources: real boundaries, the synthetic layers by name, each file whose
 * origin is not stated (a user's file), and the approximate zones.
 */
export function sourceProvenance(sources: readonly DataSource[], language: ReportLanguage): string[] {
  const notes: string[] = [];
  const stated = sources.filter((source) => source.approximate !== true);
  if (stated.find((source) => source.layer === 'wards')?.synthetic === false) notes.push(reportText(language, 'provBoundaries'));
  const synthetic = stated.filter((source) => source.synthetic === true).map((source) => source.name);
  if (synthetic.length > 0) notes.push(reportText(language, 'provSynthetic', { layers: synthetic.join(', ') }));
  for (const source of stated) if (source.synthetic === null) notes.push(reportText(language, 'provUserFile', { file: source.name }));
  if (sources.some((source) => source.approximate === true && source.layer === 'zones')) notes.push(reportText(language, 'provZonesApproximate'));
  return notes;
}
