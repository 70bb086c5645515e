/**
 * The core jobs CLI commands run in a worker thread (`runInThread`, run-in-thread.ts): each export is a job,
 * `(input, emit) => result`, calling the same core functions the main thread would. A job imports what it runs when
 * it starts, so a thread loads its own job's modules only: the interference sums partner ~20 ms and ~3 MB of code
 * rather than ~180 ms and ~25 MB for the report's, the siting's and the provinces' modules and their packages.
 */
import type { MessagePort, Transferable } from 'node:worker_threads';
import type { PartnerInput, SharedSumsMemory } from '../core/coverage/sums-partner.ts';
import type { FibreCoverage } from '../core/fibre/fibre-coverage.ts';
import type { GroupingComparison } from '../core/layouts/compare-groupings.ts';
import type { AnalysisSettings, HouseholdLocations, Ward } from '../core/model.ts';
import type { CoverageSetsPartnerInput } from '../core/siting/coverage-sets.ts';
import type { InputOptions } from './analyze-provinces.ts';
import type { CountryCell, ProvinceFiles, ProvinceResult } from './province-analysis.ts';
import type { FibreForReportInput, FibreForReportResult } from './report-fibre-job.ts';

/**
 * The report's fibre part, which needs nothing of the radio analysis (report-fibre-job.ts): the fibre reach of
 * every household, emitted as soon as computed (the analysis' statistics need it), then the reach by unit, a plan
 * for each target not met and what closes the gaps of the target set's fibre targets.
 */
export async function fibreForReport(input: FibreForReportInput, emit: (coverage: FibreCoverage) => void): Promise<FibreForReportResult> {
  const job = await import('./report-fibre-job.ts');
  return job.fibreForReport(input, emit);
}

/**
 * `analyze`'s comparison of the two groupings of a layout (crosswalk-vs-polygons.ts: every household located in the
 * 2019 and in the 2025 units, ~0.8 s on the merged city), which needs nothing of the analysis: it runs here while
 * the main thread computes the fibre reach and the radio analysis.
 */
export async function layoutComparison(input: {
  households: HouseholdLocations;
  units2019: Ward[];
  units2025: Ward[];
  newIdOfOldId: Map<string, string>;
}): Promise<GroupingComparison> {
  const [{ crosswalkVersusPolygons }, { indexWards }] = await Promise.all([import('../core/layouts/crosswalk-vs-polygons.ts'), import('../core/assign-wards.ts')]);
  return crosswalkVersusPolygons(input.households, indexWards(input.units2019), indexWards(input.units2025), input);
}

/** A partner of an analysis' interference sums (sums-partner.ts): sums its share into the shared memory. */
export async function interferenceShare(input: { partner: PartnerInput; memory: SharedSumsMemory }): Promise<void> {
  const { serveSumsShare } = await import('../core/coverage/sums-partner.ts');
  serveSumsShare(input.partner, input.memory);
}

/**
 * A partner of a siting's coverage sets (coverage-sets-partner.ts): measures its share of the candidates and
 * posts their sets on `port`, which the host reads synchronously.
 */
export async function coverageSetsShare(input: { partner: CoverageSetsPartnerInput; control: Int32Array; port: MessagePort }): Promise<void> {
  try {
    const { serveSetsShare } = await import('../core/siting/coverage-sets-partner.ts');
    serveSetsShare(input.partner, input.control, (sets) => input.port.postMessage(sets));
  } finally {
    input.port.close();
  }
}

export interface ProvincesShareInput {
  /**
   * Where the country's cells arrive, once the main thread has read every sites file: one message, the cells
   * serialized (node:v8) into a SharedArrayBuffer that every thread reads. The threads start before, and read
   * their first province's layers meanwhile.
   */
  countryPort: MessagePort;
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
  const [{ regionRowsBuffers }, { readLayerInputs }, { analyseProvince }, { deserialize }] = await Promise.all([
    import('../core/coverage/region-tally.ts'),
    import('./common.ts'),
    import('./province-analysis.ts'),
    import('node:v8'),
  ]);
  const inputs = readLayerInputs(input.inputOptions);
  const country = new Promise<CountryCell[]>((resolve) =>
    input.countryPort.once('message', (cells: SharedArrayBuffer) => {
      input.countryPort.close();
      resolve(deserialize(new Uint8Array(cells)) as CountryCell[]);
    }),
  );
  for (let k = Atomics.add(input.next, 0, 1); k < input.order.length; k = Atomics.add(input.next, 0, 1)) {
    const result = await analyseProvince(country, input.provinces, input.order[k], input.settings, inputs, input.partsDir, false);
    emit(result, regionRowsBuffers(result.rows));
  }
  // no province left before the cells came: the port must not keep the thread alive
  input.countryPort.close();
}
