/**
 * The report's fibre part as a worker thread's job (`fibreForReport` of thread-jobs.ts, which loads this module when
 * the job starts): the fibre reach, the report's fibre section and the closings of the target set's fibre targets.
 */
import { computeFibreCoverage, type FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import type { FibreCosts } from '../core/fibre/fibre-plan-types.ts';
import type { AnalysisSettings } from '../core/model.ts';
import type { ReportInput } from '../core/report/build-report.ts';
import { fibreForReport as fibreReportSection, type FibreReportData, type FibreReportOptions } from '../core/report/report-inputs.ts';
import { closeFibreGaps, isFibreTarget, type GapClosing } from '../core/targets/close-gaps.ts';
import { evaluateTargets } from '../core/targets/evaluate-targets.ts';
import { targetInputsOf } from '../core/targets/target-inputs.ts';
import type { Target } from '../core/targets/target-set.ts';
import type { Zone } from '../core/targets/zone-membership.ts';

export interface FibreForReportInput extends Omit<FibreReportData, 'coverage'> {
  /** The analysis' fibre settings (`settings.fibre`): the reach is computed as `analyse` computes it. */
  fibreSettings: AnalysisSettings['fibre'];
  options: FibreReportOptions;
  /**
   * The report's target set, whose fibre targets' gaps are planned here too, with the costs `runTargets` is given
   * (its `plan.fibreCosts`); null for none.
   */
  targets: { targets: Target[]; zones: Zone[] | null; fibreCosts: FibreCosts } | null;
}

export interface FibreForReportResult {
  section: NonNullable<ReportInput['fibre']>;
  /** The closings of the set's fibre targets (`closeFibreGaps`), for `runTargets`' `fibreClosings`; null without a set. */
  targetClosings: GapClosing[] | null;
}

/**
 * The report's fibre part, which needs nothing of the radio analysis: the fibre reach of every household
 * (`computeFibreCoverage`, emitted as soon as computed: the analysis' statistics need it), then the reach by unit
 * and a plan for each target not met (`fibreForReport`), and what closes the gaps of the target set's fibre
 * targets (evaluated on the same units, households and reach as the main thread evaluates them).
 */
export function fibreForReport(input: FibreForReportInput, emit: (coverage: FibreCoverage) => void): FibreForReportResult {
  const { wards, wardOfHousehold, households, network, options } = input;
  const coverage = computeFibreCoverage(households, network, input.fibreSettings);
  emit(coverage);
  const section = fibreReportSection({ ...input, coverage }, options);
  if (input.targets === null) return { section, targetClosings: null };
  const inputs = targetInputsOf({ units: wards, unitOfHousehold: wardOfHousehold, households, results: {}, fibrePassed: coverage.passed, zones: input.targets.zones });
  const targetClosings = closeFibreGaps({
    evaluations: evaluateTargets(input.targets.targets.filter(isFibreTarget), inputs),
    inputs,
    fibre: {
      input: { wards, wardOfHousehold, households, network, coverage },
      options: { ...input.targets.fibreCosts, maxDropM: input.fibreSettings.maxDropM, backbonePasses: input.fibreSettings.backbonePasses },
    },
  });
  return { section, targetClosings };
}
