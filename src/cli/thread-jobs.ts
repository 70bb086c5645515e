/**
 * The core jobs CLI commands run in a worker thread (`runInThread`, run-in-thread.ts): each export is a job,
 * `(input, emit) => result`, calling the same core functions the main thread would.
 */
import type { MessagePort, Transferable } from 'node:worker_threads';
import { regionRowsBuffers } from '../core/coverage/region-tally.ts';
import { serveSumsShare, type PartnerInput, type SharedSumsMemory } from '../core/coverage/sums-partner.ts';
import { computeFibreCoverage, type FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import type { FibreCosts } from '../core/fibre/fibre-plan-types.ts';
import type { AnalysisSettings } from '../core/model.ts';
import type { ReportInput } from '../core/report/build-report.ts';
import type { CoverageSetsPartnerInput } from '../core/siting/coverage-sets.ts';
import { serveSetsShare } from '../core/siting/coverage-sets-partner.ts';
import { fibreForReport as fibreReportSection, type FibreReportData, type FibreReportOptions } from '../core/report/report-inputs.ts';
import { closeFibreGaps, isFibreTarget, type GapClosing } from '../core/targets/close-gaps.ts';
import { evaluateTargets } from '../core/targets/evaluate-targets.ts';
import { targetInputsOf } from '../core/targets/target-inputs.ts';
import type { Target } from '../core/targets/target-set.ts';
import type { Zone } from '../core/targets/zone-membership.ts';
import type { InputOptions } from './analyze-provinces.ts';
import { readLayerInputs } from './common.ts';
import { analyseProvince, type CountryCell, type ProvinceFiles, type ProvinceResult } from './province-analysis.ts';

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

/** A partner of an analysis' interference sums (sums-partner.ts): sums its share into the shared memory. */
export function interferenceShare(input: { partner: PartnerInput; memory: SharedSumsMemory }): void {
  serveSumsShare(input.partner, input.memory);
}

/**
 * A partner of a siting's coverage sets (coverage-sets-partner.ts): measures its share of the candidates and
 * posts their sets on `port`, which the host reads synchronously.
 */
export function coverageSetsShare(input: { partner: CoverageSetsPartnerInput; control: Int32Array; port: MessagePort }): void {
  try {
    serveSetsShare(input.partner, input.control, (sets) => input.port.postMessage(sets));
  } finally {
    input.port.close();
  }
}

export interface ProvincesShareInput {
  country: CountryCell[];
  provinces: ProvinceFiles[];
  settings: AnalysisSettings;
  inputOptions: InputOptions;
  partsDir: string;
  /** The provinces in the order they are taken, and the counter of those taken, shared by the threads. */
  order: Int32Array;
  next: Int32Array;
}

/**
 * A thread of `analyze --provinces` (analyze-provinces.ts): analyses the next province of `order` until none is
 * left, each on this core alone (no sums partner: the other core runs another province), emitting each result
 * with its kept values transferred rather than copied.
 */
export async function provincesShare(input: ProvincesShareInput, emit: (result: ProvinceResult, transfer: Transferable[]) => void): Promise<void> {
  const inputs = readLayerInputs(input.inputOptions);
  for (let k = Atomics.add(input.next, 0, 1); k < input.order.length; k = Atomics.add(input.next, 0, 1)) {
    const result = await analyseProvince(input.country, input.provinces, input.order[k], input.settings, inputs, input.partsDir, false);
    emit(result, regionRowsBuffers(result.rows));
  }
}
