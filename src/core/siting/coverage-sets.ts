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
import { isAnalysedCell, withResolvedEnvironments } from '../coverage/analysed-cell.ts';
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

  constructor(cells: readonly Cell[], place: Pick<PlaceEnvironment, 'at'>, settings: AnalysisSettings) {
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
  /**
   * Starts a partner in another thread that computes part of the sets (coverage-sets-partner.ts), or returns null;
   * asked only for `PARTNER_MIN_CANDIDATES` candidates or more. The sets are the same with or without one.
   */
  partner?: (input: CoverageSetsPartnerInput) => CoverageSetsPartner | null;
}

/** Candidates per chunk: what host and partner take in turn, and the interval between checkpoints. */
const CANDIDATES_PER_CHUNK = 64;
/**
 * Below this many candidates a partner saves little or nothing: the CLI's thread takes its first chunk 0.4–0.7 s
 * after it is asked (measured on the embedded city's 5G target plan), by which time the host has measured ~1,000
 * of the city's candidates (~0.5 ms each).
 */
export const PARTNER_MIN_CANDIDATES = 4096;

/** The sets of one chunk's candidates: each one's element count, then their elements in candidate order. */
export interface ChunkSets {
  counts: Uint32Array;
  elements: Uint32Array;
}

/** What a partner thread needs to measure candidates as the host does. */
export interface CoverageSetsPartnerInput {
  /** The candidates, the environment of each analysed cell resolved by the host (`withResolvedEnvironments`). */
  candidates: SitingCandidate[];
  /** Position of each element (weak household point). */
  lon: Float64Array;
  lat: Float64Array;
  settings: AnalysisSettings;
}

/** What the computation asks of a partner (the host's side of coverage-sets-partner.ts). */
export interface CoverageSetsPartner {
  /** The next chunk for the host, from the counter host and partner share. */
  nextChunk(): number;
  /**
   * Stops the partner taking chunks and returns the sets of those it computed: none when it had not started, or
   * failed or stalled (the host then computes them).
   */
  finish(): ReadonlyMap<number, ChunkSets>;
  /** Stops the partner's thread: the computation is over (finished or cancelled). */
  stop(): void;
}

/**
 * Measures chunks of candidates: for each, the weak households it lifts to ≥ the fair floor, by a radius query of
 * the weak households within its largest fair reach and the link budget of its cells. Host and partner thread
 * measure with one of these each, built on the same candidates and positions.
 */
export class CandidateMeasure {
  readonly chunkCount: number;
  private readonly index: LocalPointIndex;
  private scratch = new Uint32Array(1 << 16);

  constructor(
    private readonly candidates: readonly SitingCandidate[],
    private readonly lon: Float64Array,
    private readonly lat: Float64Array,
    private readonly place: Pick<PlaceEnvironment, 'at'>,
    private readonly settings: AnalysisSettings,
  ) {
    this.chunkCount = Math.ceil(candidates.length / CANDIDATES_PER_CHUNK);
    this.index = LocalPointIndex.ofLonLat(lon, lat);
  }

  /** The sets of chunk `k`'s candidates, each ascending. */
  chunk(k: number): ChunkSets {
    const { candidates, lon, lat } = this;
    const fairFloorDbm = this.settings.thresholdsDbm.fair;
    const first = k * CANDIDATES_PER_CHUNK;
    const end = Math.min(candidates.length, first + CANDIDATES_PER_CHUNK);
    const counts = new Uint32Array(end - first);
    let used = 0;
    for (let c = first; c < end; c++) {
      const candidate = candidates[c];
      const signal = new SiteSignal(candidate.cells, this.place, this.settings);
      const [found, count] = this.index.within(candidate.lon, candidate.lat, signal.fairReachM);
      if (used + count > this.scratch.length) {
        const grown = new Uint32Array(Math.max(this.scratch.length * 2, used + count));
        grown.set(this.scratch.subarray(0, used));
        this.scratch = grown;
      }
      const start = used;
      for (let j = 0; j < count; j++) {
        const e = found[j];
        if (signal.lifts(lon[e], lat[e], fairFloorDbm)) this.scratch[used++] = e;
      }
      this.scratch.subarray(start, used).sort();
      counts[c - first] = used - start;
    }
    return { counts, elements: this.scratch.slice(0, used) };
  }
}

/**
 * For each candidate, the weak/none households it lifts to ≥ the fair floor (`CandidateMeasure`).
 *
 * @example
 * const sets = buildCoverageSets({ candidates, households, weak, place: new PlaceEnvironment(households, wardIndex), settings });
 * sets.offsets[1] - sets.offsets[0]; // weak household points candidate 0 lifts
 */
export function buildCoverageSets(input: CoverageSetsInput): CoverageSets {
  return runSteps(coverageSetSteps(input));
}

/**
 * `buildCoverageSets` as steps (steps.ts): yields the fraction of candidates measured. With a partner, host and
 * partner take chunks in turn; the host computes any chunk the partner did not deliver.
 */
export function* coverageSetSteps(input: CoverageSetsInput): Steps<CoverageSets> {
  const { candidates, households, weak, place, settings } = input;
  const lon = new Float64Array(weak.household.length);
  const lat = new Float64Array(weak.household.length);
  for (let e = 0; e < weak.household.length; e++) {
    lon[e] = households.lon[weak.household[e]];
    lat[e] = households.lat[weak.household[e]];
  }
  const partner =
    input.partner !== undefined && candidates.length >= PARTNER_MIN_CANDIDATES
      ? input.partner({ candidates: candidates.map((candidate) => ({ ...candidate, cells: withResolvedEnvironments(candidate.cells, settings, place) })), lon, lat, settings })
      : null;
  try {
    const measure = new CandidateMeasure(candidates, lon, lat, place, settings);
    const chunks: Array<ChunkSets | undefined> = new Array(measure.chunkCount);
    const next = partner?.nextChunk ?? counter();
    for (let k = next(); k < measure.chunkCount; k = next()) {
      yield k / measure.chunkCount;
      chunks[k] = measure.chunk(k);
    }
    if (partner !== null) for (const [k, sets] of partner.finish()) chunks[k] = sets;
    for (let k = 0; k < measure.chunkCount; k++) {
      if (chunks[k] !== undefined) continue;
      yield k / measure.chunkCount;
      chunks[k] = measure.chunk(k);
    }
    return concatenate(candidates.length, weak.weight, chunks as ChunkSets[]);
  } finally {
    partner?.stop();
  }
}

/** A counter of chunks for a host without partner. */
function counter(): () => number {
  let next = 0;
  return () => next++;
}

/** The sets of every candidate from its chunks in order. */
function concatenate(candidateCount: number, weight: Float64Array, chunks: readonly ChunkSets[]): CoverageSets {
  const offsets = new Uint32Array(candidateCount + 1);
  const elements = new Uint32Array(chunks.reduce((size, chunk) => size + chunk.elements.length, 0));
  let candidate = 0;
  let size = 0;
  for (const chunk of chunks) {
    elements.set(chunk.elements, size);
    for (const count of chunk.counts) {
      size += count;
      offsets[++candidate] = size;
    }
  }
  return { candidateCount, weight, offsets, elements };
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
