/**
 * Coverage sets of candidate sites: which weak/none households each candidate lifts out of weak/none, the
 * input of the covering problems (greedy and exact).
 *
 * A household is lifted by a candidate when the strongest of the candidate's analysed cells gives it an RSRP
 * ≥ the fair floor (`settings.thresholdsDbm.fair`): its best server is then at least that strong, so its class
 * becomes good or fair whatever the other cells do. Being the maximum over cells, lifting is a union: the
 * households lifted by a set of sites are the union of their sets, which is what makes the objective a
 * weighted coverage function. RSRP is computed exactly as the coverage engine does (same link budget, same
 * cheap-ruler distances around each cell), so the gains reported here are the engine's after adding the sites.
 */
import CheapRuler from 'cheap-ruler';
import type { CoverageResult } from '../coverage/coverage-result.ts';
import { isAnalysedCell } from '../coverage/analysed-cell.ts';
import { FAIR } from '../coverage/signal-class.ts';
import { prepareCell, reachM, rsrpAtDbm, type PreparedCell } from '../link-budget.ts';
import type { AnalysisSettings, Cell, HouseholdPoints } from '../model.ts';
import { resolveEnvironment, type PlaceEnvironment } from '../resolve-environment.ts';
import { runSteps, type Steps } from '../steps.ts';
import { LocalPointIndex } from '../geo/point-index.ts';

const DEG = 180 / Math.PI;

/** A place where a new site could go, with the cells it would have there. */
export interface SitingCandidate {
  siteId: string;
  lon: number;
  lat: number;
  cells: Cell[];
}

/** The elements of the covering problem: one per weak/none household point, weighted by its households. */
export interface WeakHouseholds {
  /** Household point index of each element. */
  household: Uint32Array;
  /** Households at the point (`count`), as a float so sums stay exact in Float64 arithmetic. */
  weight: Float64Array;
}

/** Weighted sets in compressed rows: candidate c lifts elements `elements[offsets[c] … offsets[c + 1])`. */
export interface CoverageSets {
  candidateCount: number;
  /** Weight (households) of each element. */
  weight: Float64Array;
  offsets: Uint32Array;
  /** Element indices, ascending within each candidate. */
  elements: Uint32Array;
}

/**
 * The household points whose class is weak or none in `coverage`, each weighted by `weight` (default its
 * households, `count`; e.g. persons for a population target).
 */
export function collectWeakHouseholds(
  households: HouseholdPoints,
  coverage: Pick<CoverageResult, 'signalClass'>,
  weight: ArrayLike<number> = households.count,
): WeakHouseholds {
  let n = 0;
  for (let h = 0; h < households.length; h++) if (coverage.signalClass[h] > FAIR) n++;
  const household = new Uint32Array(n);
  const weights = new Float64Array(n);
  let k = 0;
  for (let h = 0; h < households.length; h++) {
    if (coverage.signalClass[h] <= FAIR) continue;
    household[k] = h;
    weights[k] = weight[h];
    k++;
  }
  return { household, weight: weights };
}

/** One analysed cell of a site, prepared for point evaluation with its reach at the fair floor. */
interface PreparedSiteCell {
  prepared: PreparedCell;
  fairReachM: number;
  kx: number;
  ky: number;
}

/**
 * The signal of one site (its analysed cells) at any point, as the coverage engine would compute it: the best
 * RSRP among the cells, ground distances by cheap-ruler around each cell.
 */
export class SiteSignal {
  readonly cells: PreparedSiteCell[] = [];
  /** Largest reach of the site's cells at the fair floor, m (0 when no cell is analysed). */
  readonly fairReachM: number;

  constructor(cells: readonly Cell[], place: PlaceEnvironment, settings: AnalysisSettings) {
    let reach = 0;
    for (const cell of cells) {
      if (!isAnalysedCell(cell, settings)) continue;
      const prepared = prepareCell(cell, -1, resolveEnvironment(cell, place), {
        handsetHeightM: settings.handsetHeightM,
        los3gpp: settings.los3gpp,
      });
      const ruler = new CheapRuler(cell.lat, 'meters');
      const fairReachM = reachM(prepared, settings.thresholdsDbm.fair);
      this.cells.push({ prepared, fairReachM, kx: ruler.kx, ky: ruler.ky });
      reach = Math.max(reach, fairReachM);
    }
    this.fairReachM = reach;
  }

  /**
   * Whether the best RSRP of the site's cells at the point is ≥ `floorDbm` (a floor ≥ the fair floor: a cell
   * counts only within its fair reach). The cells after the first that clears it are not computed: 72 % of the
   * points a city's candidates are asked about are lifted.
   */
  lifts(lon: number, lat: number, floorDbm: number): boolean {
    for (const { prepared, fairReachM, kx, ky } of this.cells) {
      const dx = (lon - prepared.lon) * kx;
      const dy = (lat - prepared.lat) * ky;
      const distanceM = Math.sqrt(dx * dx + dy * dy);
      if (distanceM <= fairReachM && rsrpAtDbm(prepared, distanceM, Math.atan2(dx, dy) * DEG) >= floorDbm) return true;
    }
    return false;
  }
}

export interface CoverageSetsInput {
  candidates: readonly SitingCandidate[];
  households: HouseholdPoints;
  weak: WeakHouseholds;
  /** Environment of cells that do not give theirs (`resolveEnvironment`), from the same households as the engine's. */
  place: PlaceEnvironment;
  settings: AnalysisSettings;
}

/** Candidates measured between two checkpoints. */
const CANDIDATES_PER_CHECKPOINT = 64;
/** Elements per block of `coverageSetSteps`' output (4 MB). */
const ELEMENTS_PER_BLOCK = 1 << 20;

/**
 * For each candidate, the weak/none households it lifts to ≥ the fair floor: a radius query of the weak
 * households within the candidate's largest fair reach, then the link budget of each of its cells.
 *
 * @example
 * const sets = buildCoverageSets({ candidates, households, weak, place: new PlaceEnvironment(households, wardIndex), settings });
 * sets.offsets[1] - sets.offsets[0]; // weak household points candidate 0 lifts
 */
export function buildCoverageSets(input: CoverageSetsInput): CoverageSets {
  return runSteps(coverageSetSteps(input));
}

/** `buildCoverageSets` as steps (steps.ts): yields the fraction of candidates measured. */
export function* coverageSetSteps(input: CoverageSetsInput): Steps<CoverageSets> {
  const { candidates, households, weak, place, settings } = input;
  const lon = new Float64Array(weak.household.length);
  const lat = new Float64Array(weak.household.length);
  for (let e = 0; e < weak.household.length; e++) {
    lon[e] = households.lon[weak.household[e]];
    lat[e] = households.lat[weak.household[e]];
  }
  const index = LocalPointIndex.ofLonLat(lon, lat);
  const fairFloorDbm = settings.thresholdsDbm.fair;
  const offsets = new Uint32Array(candidates.length + 1);
  // the elements in blocks, copied once into one array at the end (a city's sets hold ~13 M elements: growing one
  // array by doubling copied and zeroed twice that)
  const blocks: Uint32Array[] = [];
  let block = new Uint32Array(ELEMENTS_PER_BLOCK);
  let used = 0;
  let size = 0;
  for (let c = 0; c < candidates.length; c++) {
    if (c % CANDIDATES_PER_CHECKPOINT === 0) yield c / candidates.length;
    const candidate = candidates[c];
    const signal = new SiteSignal(candidate.cells, place, settings);
    const [found, count] = index.within(candidate.lon, candidate.lat, signal.fairReachM);
    if (used + count > block.length) {
      blocks.push(block.subarray(0, used));
      block = new Uint32Array(Math.max(ELEMENTS_PER_BLOCK, count));
      used = 0;
    }
    const start = used;
    for (let k = 0; k < count; k++) {
      const e = found[k];
      if (signal.lifts(lon[e], lat[e], fairFloorDbm)) block[used++] = e;
    }
    block.subarray(start, used).sort();
    size += used - start;
    offsets[c + 1] = size;
  }
  blocks.push(block.subarray(0, used));
  const elements = new Uint32Array(size);
  let at = 0;
  for (const filled of blocks) {
    elements.set(filled, at);
    at += filled.length;
  }
  return { candidateCount: candidates.length, weight: weak.weight, offsets, elements };
}

/** Total weight (households) of the elements of candidate c. */
export function setWeight(sets: CoverageSets, c: number): number {
  let sum = 0;
  for (let k = sets.offsets[c]; k < sets.offsets[c + 1]; k++) sum += sets.weight[sets.elements[k]];
  return sum;
}

/**
 * Coverage sets given directly (hand-built instances, tests): `members[c]` lists the elements candidate c
 * covers, `weight[e]` the weight of element e.
 */
export function coverageSetsOf(members: ReadonlyArray<readonly number[]>, weight: readonly number[]): CoverageSets {
  const sorted = members.map((list, c) => {
    for (const e of list) {
      if (!(Number.isInteger(e) && e >= 0 && e < weight.length)) {
        throw new RangeError(`candidate ${c}: element ${e} is not in 0…${weight.length - 1}`);
      }
    }
    return [...new Set(list)].sort((a, b) => a - b);
  });
  const offsets = new Uint32Array(members.length + 1);
  sorted.forEach((list, c) => (offsets[c + 1] = offsets[c] + list.length));
  const elements = new Uint32Array(offsets[members.length]);
  sorted.forEach((list, c) => elements.set(list, offsets[c]));
  return { candidateCount: members.length, weight: Float64Array.from(weight), offsets, elements };
}
