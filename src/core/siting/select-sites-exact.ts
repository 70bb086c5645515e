/**
 * Exact site selection: the covering problems as integer programs, solved by HiGHS (MIT licence; the `highs`
 * package, HiGHS compiled to WebAssembly). The caller loads the solver (`await loadHighs()` in Node, in the
 * worker with the wasm URL) and passes it in, so this module stays synchronous and free of I/O.
 *
 * Count goal (weighted maximum coverage, k sites):
 *   maximise Σ_e w_e·y_e   subject to   Σ_c x_c ≤ k,   y_e ≤ Σ_{c ∋ e} x_c,   x_c ∈ {0, 1},   0 ≤ y_e ≤ 1
 * Weight goal (partial set cover, target T households):
 *   minimise Σ_c x_c       subject to   Σ_e w_e·y_e ≥ T,   y_e ≤ Σ_{c ∋ e} x_c,   x_c ∈ {0, 1},   0 ≤ y_e ≤ 1
 * y may stay continuous: for integral x the optimum sets y_e = 1 exactly when some chosen c covers e.
 * Households covered by the same candidates are merged into one element (weights added) first, and
 * candidates covering nothing are left out; both keep the optimum and shrink the model many times over.
 * The greedy answer is given to HiGHS as a starting solution, so a time limit still returns at least it.
 */
import type { Highs } from 'highs';
import type { CoverageSets } from './coverage-sets.ts';
import { orderPicks, type SitingGoal, type SitingPick } from './select-sites-greedy.ts';

export interface ExactOptions {
  /** Wall-clock limit for HiGHS, seconds. */
  timeLimitS: number;
  /**
   * Largest model attempted, in terms after merging (every x in the sites row, and per merged household row its
   * x's, its y and its objective term); larger instances are left to greedy.
   */
  maxNonzeros: number;
  /** Candidates of a feasible start (the greedy picks). */
  start?: readonly number[];
}

/**
 * 30 s and 250,000 terms, from bench/siting.ts on the embedded dataset (5G): ~20,000 terms are solved to
 * optimality in 2–20 s; ~90,000 terms prove 10 sites in 8 s and leave 2–17 % gaps at 30 s on harder goals (still
 * improving on greedy); at 1.3 million terms HiGHS makes no progress in 30 s, so such models go straight to greedy.
 */
export const DEFAULT_EXACT_OPTIONS: ExactOptions = { timeLimitS: 30, maxNonzeros: 250_000 };

type ExactStatus = 'optimal' | 'time-limit' | 'too-large' | 'infeasible' | 'failed';

export interface ExactResult {
  status: ExactStatus;
  /** HiGHS's words for the outcome (model status), or why it was not run. */
  detail: string;
  /** Chosen candidates ordered by marginal gain, each with its gain; null when no solution was found. */
  picks: SitingPick[] | null;
  /** Objective of the solution found: households (count goal) or sites (weight goal); null without one. */
  objective: number | null;
  /** Proven bound on the optimum (HiGHS's MIP dual bound): ≥ it for the count goal, ≤ it for sites. */
  bound: number | null;
  /** Relative MIP gap |objective − bound| / |objective| as HiGHS reports it; 0 when optimal, null when unknown. */
  gap: number | null;
  /** Size of the model solved (after merging). */
  model: { candidates: number; elements: number; nonzeros: number };
  solveMs: number;
}

/**
 * Solves the covering problem of `goal` exactly (within `options.timeLimitS`). For a weight goal larger than
 * the candidates can reach, the status is 'infeasible': callers cap the target at `coverableWeight(sets)`.
 */
export function selectSitesExact(
  highs: Highs,
  sets: CoverageSets,
  goal: SitingGoal,
  options: ExactOptions = DEFAULT_EXACT_OPTIONS,
): ExactResult {
  const reduced = mergeElements(sets);
  const model = { candidates: reduced.candidates.length, elements: reduced.weight.length, nonzeros: reduced.nonzeros };
  const unsolved = (status: ExactStatus, detail: string, solveMs = 0): ExactResult => ({
    status,
    detail,
    picks: null,
    objective: null,
    bound: null,
    gap: null,
    model,
    solveMs,
  });
  if (reduced.nonzeros > options.maxNonzeros) {
    return unsolved('too-large', `${reduced.nonzeros} model terms > ${options.maxNonzeros}`);
  }
  if (reduced.candidates.length === 0) {
    // nothing can be lifted: no sites is optimal, unless households are demanded
    if (goal.kind === 'weight' && goal.weight > 0) return unsolved('infeasible', 'no candidate lifts any household');
    return { status: 'optimal', detail: 'no candidate lifts any household', picks: [], objective: 0, bound: 0, gap: 0, model, solveMs: 0 };
  }

  const started = Date.now();
  const solver = highs.createModel({ format: 'lp', data: writeLpModel(reduced, goal) });
  try {
    solver.options.set({ output_flag: false, time_limit: options.timeLimitS, mip_rel_gap: 0 });
    if (options.start !== undefined) solver.setSolution({ colValue: startValues(solver, reduced, options.start) });
    const { modelStatus } = solver.run();
    const solveMs = Date.now() - started;
    const statuses = highs.constants.modelStatus;
    const detail = Object.keys(statuses).find((name) => statuses[name as keyof typeof statuses] === modelStatus) ?? String(modelStatus);
    if (modelStatus === statuses.infeasible) return unsolved('infeasible', detail, solveMs);
    const hasSolution = Number(solver.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if (!hasSolution) return unsolved(modelStatus === statuses.timeLimit ? 'time-limit' : 'failed', detail, solveMs);

    const values = solver.getSolution().colValue;
    const chosen: number[] = [];
    for (let column = 0; column < values.length; column++) {
      const name = solver.getColName(column);
      if (name.startsWith('x') && values[column] > 0.5) chosen.push(reduced.candidates[Number(name.slice(1))]);
    }
    const objective = goal.kind === 'count' ? Math.round(solver.getObjectiveValue()) : chosen.length;
    const bound = Number(solver.info.get('mip_dual_bound'));
    return {
      status: modelStatus === statuses.optimal ? 'optimal' : modelStatus === statuses.timeLimit ? 'time-limit' : 'failed',
      detail,
      picks: orderPicks(sets, chosen),
      objective,
      bound: finiteOrNull(bound),
      gap: modelStatus === statuses.optimal ? 0 : finiteOrNull(Number(solver.info.get('mip_gap'))),
      model,
      solveMs,
    };
  } finally {
    solver.dispose();
  }
}

/** HiGHS reports ±Infinity for a bound or gap it has not established. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The covering problem with merged elements: element i has weight `weight[i]` and is covered by `coveredBy[i]`. */
interface MergedProblem {
  /** Original candidate index of each column x_j. */
  candidates: number[];
  weight: number[];
  /** Column indices j (into `candidates`) covering each merged element. */
  coveredBy: number[][];
  nonzeros: number;
}

/** Merges elements covered by exactly the same candidates and drops uncoverable elements and empty candidates. */
function mergeElements(sets: CoverageSets): MergedProblem {
  const candidates: number[] = [];
  const coveredByOriginal: number[][] = Array.from({ length: sets.weight.length }, () => []);
  for (let c = 0; c < sets.candidateCount; c++) {
    if (sets.offsets[c + 1] === sets.offsets[c]) continue;
    const column = candidates.length;
    candidates.push(c);
    for (let k = sets.offsets[c]; k < sets.offsets[c + 1]; k++) coveredByOriginal[sets.elements[k]].push(column);
  }
  const bySignature = new Map<string, number>();
  const weight: number[] = [];
  const coveredBy: number[][] = [];
  let nonzeros = candidates.length;
  for (let e = 0; e < coveredByOriginal.length; e++) {
    const columns = coveredByOriginal[e];
    if (columns.length === 0) continue;
    // columns are pushed in ascending order, so equal sets give equal keys
    const key = columns.join(',');
    const merged = bySignature.get(key);
    if (merged !== undefined) {
      weight[merged] += sets.weight[e];
      continue;
    }
    bySignature.set(key, weight.length);
    weight.push(sets.weight[e]);
    coveredBy.push(columns);
    nonzeros += columns.length + 2;
  }
  return { candidates, weight, coveredBy, nonzeros };
}

/** CPLEX LP-format text of the model; long sums are broken over lines (the format allows it). */
function writeLpModel(problem: MergedProblem, goal: SitingGoal): string {
  const lines: string[] = [];
  const sum = (terms: string[]): string => {
    const chunks: string[] = [];
    for (let i = 0; i < terms.length; i += 16) chunks.push(terms.slice(i, i + 16).join(' + '));
    return chunks.join('\n + ');
  };
  const xs = problem.candidates.map((_, j) => `x${j}`);
  const weighted = problem.weight.map((w, i) => `${w} y${i}`);
  if (goal.kind === 'count') {
    lines.push('Maximize', ` households: ${sum(weighted)}`, 'Subject To', ` sites: ${sum(xs)} <= ${goal.count}`);
  } else {
    lines.push('Minimize', ` sites: ${sum(xs)}`, 'Subject To', ` target: ${sum(weighted)} >= ${goal.weight}`);
  }
  problem.coveredBy.forEach((columns, i) => {
    lines.push(` e${i}: y${i} - ${columns.map((j) => `x${j}`).join(' - ')} <= 0`);
  });
  lines.push('Bounds');
  problem.weight.forEach((_, i) => lines.push(` 0 <= y${i} <= 1`));
  lines.push('Binary', ...xs.map((x) => ` ${x}`), 'End', '');
  return lines.join('\n');
}

/** Column values of a start solution (HiGHS's column order, read back by name). */
function startValues(
  solver: { getColName(index: number): string; getDimensions(): { numCols: number } },
  problem: MergedProblem,
  start: readonly number[],
): Float64Array {
  const columnOfCandidate = new Map(problem.candidates.map((c, j) => [c, j]));
  const chosen = new Set<number>();
  for (const c of start) {
    const j = columnOfCandidate.get(c);
    if (j !== undefined) chosen.add(j);
  }
  const { numCols } = solver.getDimensions();
  const values = new Float64Array(numCols);
  for (let column = 0; column < numCols; column++) {
    const name = solver.getColName(column);
    const index = Number(name.slice(1));
    if (name.startsWith('x')) values[column] = chosen.has(index) ? 1 : 0;
    else values[column] = problem.coveredBy[index].some((j) => chosen.has(j)) ? 1 : 0;
  }
  return values;
}
