/**
 * The core jobs CLI commands run in a worker thread (`runInThread`, run-in-thread.ts): each export is a job,
 * `(input, emit) => result`, calling the same core functions the main thread would.
 */
import type { MessagePort } from 'node:worker_threads';
import { serveSumsShare, type PartnerInput, type SharedSumsMemory } from '../core/coverage/sums-partner.ts';
import { computeFibreCoverage, type FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import type { AnalysisSettings } from '../core/model.ts';
import type { ReportInput } from '../core/report/build-report.ts';
import type { CoverageSetsPartnerInput } from '../core/siting/coverage-sets.ts';
import { serveSetsShare } from '../core/siting/coverage-sets-partner.ts';
import { fibreForReport as fibreReportSection, type FibreReportData, type FibreReportOptions } from '../core/report/report-inputs.ts';

export interface FibreForReportInput extends Omit<FibreReportData, 'coverage'> {
  /** The analysis' fibre settings (`settings.fibre`): the reach is computed as `analyse` computes it. */
  fibreSettings: AnalysisSettings['fibre'];
  options: FibreReportOptions;
}

/**
 * The report's fibre part, which needs nothing of the radio analysis: the fibre reach of every household
 * (`computeFibreCoverage`, emitted as soon as computed: the analysis' statistics need it), then the reach by unit
 * and a plan for each target not met (`fibreForReport`).
 */
export function fibreForReport(input: FibreForReportInput, emit: (coverage: FibreCoverage) => void): NonNullable<ReportInput['fibre']> {
  const coverage = computeFibreCoverage(input.households, input.network, input.fibreSettings);
  emit(coverage);
  return fibreReportSection({ ...input, coverage }, input.options);
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
