/**
 * The weighted median (`weighted-median.ts`' definition) of a large population whose values change a few at a
 * time: the city-wide median SINR and throughput after a cell edit, where a fresh median would gather and select
 * all ~600k households on every drag step. The values are kept in buckets of value ranges fixed at the start
 * (quantiles of the first values), each with its weight: a change moves one weight between two buckets, and the
 * median is found in the one bucket where the weight below reaches half, selecting among its members only.
 * Exact: the same value as `weightedMedian` over the current values, whatever the buckets.
 */
import { smallestValueReaching } from './weighted-median.ts';

/** Buckets of value ranges: a few hundred members each for a city (600k households). */
const BUCKETS = 1024;
/** Values sampled per bucket to cut the bounds. */
const SAMPLE_PER_BUCKET = 16;

export class RunningWeightedMedian {
  /** The current values; NaN = not counted (a household without SINR). */
  private readonly values: Float64Array;
  /** Upper bounds of the buckets but the last (ascending, distinct): bucket b holds bounds[b − 1] ≤ v < bounds[b]. */
  private readonly bounds: Float64Array;
  private readonly finder: BucketFinder;
  private readonly bucketWeight: Float64Array;
  private total = 0;
  /** Scratch buffers of the selection in one bucket. */
  private readonly scratchValues: Float64Array;
  private readonly scratchWeights: Float64Array;

  /** `values[i]` weighs `weights[i]` (integers: households); both are read, never written. */
  constructor(
    values: ArrayLike<number>,
    private readonly weights: ArrayLike<number>,
  ) {
    // plain loops: typed arrays' `from` and `filter` take a slow path (hundreds of ms for 600k values)
    this.values = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) this.values[i] = values[i];
    // bounds at the quantiles of a sample (a few per bucket): any bounds give the exact median, even ones do it fast
    const stride = Math.max(1, Math.floor(values.length / (BUCKETS * SAMPLE_PER_BUCKET)));
    const sampled: number[] = [];
    for (let i = 0; i < values.length; i += stride) if (!Number.isNaN(this.values[i])) sampled.push(this.values[i]);
    const sample = Float64Array.from(sampled).sort();
    const bounds: number[] = [];
    for (let b = 1; b < BUCKETS; b++) {
      const bound = sample[Math.floor((b * sample.length) / BUCKETS)];
      if (bound !== undefined && (bounds.length === 0 || bound > bounds[bounds.length - 1])) bounds.push(bound);
    }
    this.bounds = Float64Array.from(bounds);
    this.finder = new BucketFinder(this.bounds);
    this.bucketWeight = new Float64Array(this.bounds.length + 1);
    for (let i = 0; i < values.length; i++) {
      const value = this.values[i];
      if (Number.isNaN(value)) continue;
      this.bucketWeight[this.finder.bucketOf(value)] += weights[i];
      this.total += weights[i];
    }
    this.scratchValues = new Float64Array(Math.max(1, this.values.length));
    this.scratchWeights = new Float64Array(Math.max(1, this.values.length));
  }

  /** Sets the value of member `i` (NaN: no longer counted). */
  set(i: number, value: number): void {
    if (Object.is(value, this.values[i])) return;
    this.add(i, -1);
    this.values[i] = value;
    this.add(i, 1);
  }

  /** The weighted median of the counted values, or null when they weigh nothing. */
  median(): number | null {
    if (!(this.total > 0)) return null;
    const half = this.total / 2;
    let below = 0;
    let bucket = 0;
    while (bucket < this.bounds.length && below + this.bucketWeight[bucket] < half) below += this.bucketWeight[bucket++];
    const low = bucket === 0 ? -Infinity : this.bounds[bucket - 1];
    const last = bucket === this.bounds.length;
    const high = last ? Infinity : this.bounds[bucket];
    const { values, weights, scratchValues, scratchWeights } = this;
    let length = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value >= low && (value < high || last)) {
        scratchValues[length] = value;
        scratchWeights[length++] = weights[i];
      }
    }
    return smallestValueReaching(scratchValues, scratchWeights, length, half - below);
  }

  /** Adds (sign 1) or takes away (−1) member `i`'s weight from its bucket. */
  private add(i: number, sign: 1 | -1): void {
    const value = this.values[i];
    if (Number.isNaN(value)) return;
    const weight = sign * this.weights[i];
    this.bucketWeight[this.finder.bucketOf(value)] += weight;
    this.total += weight;
  }
}

/** Cells of the uniform grid over the bounds' range that `bucketOf` starts from. */
const GRID_CELLS = 4096;

/**
 * Finds a value's bucket (how many bounds are ≤ it) from a uniform grid over the bounds' range: the bounds at or
 * below the grid line under the value, then a few steps up. A binary search per value (600k at the start) costs
 * several times more in mispredicted branches.
 */
class BucketFinder {
  private readonly low: number;
  private readonly span: number;
  /** Per grid line c, how many bounds are ≤ low + c · span / GRID_CELLS. */
  private readonly below: Uint32Array;

  constructor(private readonly bounds: Float64Array) {
    this.low = bounds.length > 0 ? bounds[0] : 0;
    this.span = bounds.length > 0 ? bounds[bounds.length - 1] - this.low : 0;
    this.below = new Uint32Array(GRID_CELLS + 1);
    for (let c = 0, counted = 0; c <= GRID_CELLS; c++) {
      const line = this.low + (c * this.span) / GRID_CELLS;
      while (counted < bounds.length && bounds[counted] <= line) counted++;
      this.below[c] = counted;
    }
  }

  bucketOf(value: number): number {
    const { bounds } = this;
    let bucket = 0;
    if (this.span > 0 && value >= this.low) {
      // one line lower than the value's cell: rounding can never start past the answer
      const cell = Math.min(GRID_CELLS, Math.floor(((value - this.low) / this.span) * GRID_CELLS));
      bucket = cell > 0 ? this.below[cell - 1] : 0;
    }
    while (bucket < bounds.length && bounds[bucket] <= value) bucket++;
    return bucket;
  }
}
