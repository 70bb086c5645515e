/**
 * Weighted medians (`weighted-median.ts`' definition) of a large population whose values change a few at a time,
 * over the whole population and per group of it: the city-wide and per-ward median SINR and throughput after a
 * cell edit, where fresh medians would gather and select all ~600k households, and every household of each ward
 * the edit reached (tens of wards), on every drag step.
 *
 * The values are kept in buckets of value ranges fixed at the start (quantiles of the first values), the same for
 * every group, each with its weight and, per group, its members (a linked list): a change moves one member between
 * two buckets, and a median is found in the one bucket where the weight below reaches half, selecting among its
 * members only. A value many members share (throughput at its cap) is a bucket's lower bound, and the weight at
 * that bound is kept too: when it reaches the median, nothing is selected.
 * Exact: the same values as `weightedMedian` over the current values, whatever the buckets.
 */
import { SelectionScratch, smallestValueReaching } from './weighted-median.ts';

/** Buckets of value ranges at most: a few hundred members each for a city (600k households). */
const MAX_BUCKETS = 1024;
/** Buckets × groups at most: the per-group tables stay a few megabytes, whatever the number of wards. */
const MAX_GROUP_BUCKETS = 1 << 18;
/** Values sampled per bucket to cut the bounds. */
const SAMPLE_PER_BUCKET = 16;
/** The end of a list of members. */
const NONE = -1;

export class RunningWeightedMedian {
  /** The current values; NaN = not counted (a household without SINR). */
  private readonly values: Float64Array;
  /** Upper bounds of the buckets but the last (ascending, distinct): bucket b holds bounds[b − 1] ≤ v < bounds[b]. */
  private readonly bounds: Float64Array;
  private readonly finder: BucketFinder;
  /** bounds.length + 1. */
  private readonly bucketCount: number;
  /** Each member's bucket, while counted. */
  private readonly bucketOfMember: Uint16Array;
  /** Per bucket: its weight and the weight of its members whose value is its lower bound (−∞ for the first). */
  private readonly bucketWeight: Float64Array;
  private readonly weightAtLow: Float64Array;
  /** The same per group and bucket (index group · bucketCount + bucket), with the group's first member there. */
  private readonly groupBucketWeight: Float64Array;
  private readonly groupWeightAtLow: Float64Array;
  private readonly groupFirst: Int32Array;
  private readonly groupTotal: Float64Array;
  /** Per member, the next and previous of its group's list in its bucket (NONE: no more). */
  private readonly next: Int32Array;
  private readonly previous: Int32Array;
  private total = 0;
  /** Scratch buffers of the selection in one bucket, grown to the largest selected. */
  private readonly scratch = new SelectionScratch();

  /**
   * `values[i]` weighs `weights[i]` (integers: households) and belongs to group `groupOf[i]` (0 … groups − 1);
   * all three are read, never written. Without groups, every member is in group 0.
   */
  constructor(
    values: ArrayLike<number>,
    private readonly weights: ArrayLike<number>,
    private readonly groupOf: ArrayLike<number> = new Uint8Array(values.length),
    private readonly groups = 1,
  ) {
    // plain loops: typed arrays' `from` and `filter` take a slow path (hundreds of ms for 600k values)
    this.values = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) this.values[i] = values[i];
    const buckets = Math.max(2, Math.min(MAX_BUCKETS, Math.floor(MAX_GROUP_BUCKETS / groups)));
    // bounds at the quantiles of a sample (a few per bucket): any bounds give the exact median, even ones do it fast
    const stride = Math.max(1, Math.floor(values.length / (buckets * SAMPLE_PER_BUCKET)));
    const sampled: number[] = [];
    for (let i = 0; i < values.length; i += stride) if (!Number.isNaN(this.values[i])) sampled.push(this.values[i]);
    const sample = Float64Array.from(sampled).sort();
    const bounds: number[] = [];
    for (let b = 1; b < buckets; b++) {
      const bound = sample[Math.floor((b * sample.length) / buckets)];
      if (bound !== undefined && (bounds.length === 0 || bound > bounds[bounds.length - 1])) bounds.push(bound);
    }
    this.bounds = Float64Array.from(bounds);
    this.finder = new BucketFinder(this.bounds);
    this.bucketCount = this.bounds.length + 1;
    this.bucketOfMember = new Uint16Array(values.length);
    this.bucketWeight = new Float64Array(this.bucketCount);
    this.weightAtLow = new Float64Array(this.bucketCount);
    this.groupBucketWeight = new Float64Array(groups * this.bucketCount);
    this.groupWeightAtLow = new Float64Array(groups * this.bucketCount);
    this.groupFirst = new Int32Array(groups * this.bucketCount).fill(NONE);
    this.groupTotal = new Float64Array(groups);
    this.next = new Int32Array(values.length);
    this.previous = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) this.add(i);
  }

  /** Sets the value of member `i` (NaN: no longer counted). */
  set(i: number, value: number): void {
    const previous = this.values[i];
    if (Object.is(value, previous)) return;
    // most changes of an edit are small and stay in the bucket, above its lower bound: only the value changes
    const bucket = this.bucketOfMember[i];
    const low = this.lowOf(bucket);
    if (previous > low && value > low && (value < this.bounds[bucket] || bucket === this.bucketCount - 1)) {
      this.values[i] = value;
      return;
    }
    this.remove(i);
    this.values[i] = value;
    this.add(i);
  }

  /** The weighted median of all the counted values, or null when they weigh nothing. */
  median(): number | null {
    if (!(this.total > 0)) return null;
    const half = this.total / 2;
    let below = 0;
    let bucket = 0;
    while (bucket < this.bucketCount - 1 && below + this.bucketWeight[bucket] < half) below += this.bucketWeight[bucket++];
    // the bucket's smallest value reaches half already: it is the median
    if (this.weightAtLow[bucket] >= half - below) return this.lowOf(bucket);
    let length = 0;
    for (let group = 0; group < this.groups; group++) length = this.gather(group, bucket, length);
    return smallestValueReaching(this.scratch.values, this.scratch.weights, length, half - below);
  }

  /** The weighted median of the counted values of `group`, or null when they weigh nothing. */
  medianOf(group: number): number | null {
    if (!(this.groupTotal[group] > 0)) return null;
    const half = this.groupTotal[group] / 2;
    const start = group * this.bucketCount;
    let below = 0;
    let bucket = 0;
    while (bucket < this.bucketCount - 1 && below + this.groupBucketWeight[start + bucket] < half) below += this.groupBucketWeight[start + bucket++];
    if (this.groupWeightAtLow[start + bucket] >= half - below) return this.lowOf(bucket);
    const length = this.gather(group, bucket, 0);
    return smallestValueReaching(this.scratch.values, this.scratch.weights, length, half - below);
  }

  /** The smallest value bucket b may hold. */
  private lowOf(bucket: number): number {
    return bucket === 0 ? -Infinity : this.bounds[bucket - 1];
  }

  /** Appends the values and weights of `group`'s members in `bucket` to the scratch buffers from `length`; the new length. */
  private gather(group: number, bucket: number, length: number): number {
    const { values, weights, next } = this;
    const first = this.groupFirst[group * this.bucketCount + bucket];
    let end = length;
    for (let i = first; i !== NONE; i = next[i]) end++;
    // the overall median gathers group by group
    this.scratch.reserve(end, length);
    const { values: scratchValues, weights: scratchWeights } = this.scratch;
    for (let i = first; i !== NONE; i = next[i]) {
      scratchValues[length] = values[i];
      scratchWeights[length++] = weights[i];
    }
    return length;
  }

  /** Counts member `i` in the bucket of its value, first of its group's list there (nothing for NaN). */
  private add(i: number): void {
    const value = this.values[i];
    if (Number.isNaN(value)) return;
    const bucket = this.finder.bucketOf(value);
    const group = this.groupOf[i];
    const cell = group * this.bucketCount + bucket;
    const weight = this.weights[i];
    this.bucketOfMember[i] = bucket;
    this.bucketWeight[bucket] += weight;
    this.groupBucketWeight[cell] += weight;
    if (value === this.lowOf(bucket)) {
      this.weightAtLow[bucket] += weight;
      this.groupWeightAtLow[cell] += weight;
    }
    this.total += weight;
    this.groupTotal[group] += weight;
    const head = this.groupFirst[cell];
    this.next[i] = head;
    this.previous[i] = NONE;
    if (head !== NONE) this.previous[head] = i;
    this.groupFirst[cell] = i;
  }

  /** Takes member `i` out of its bucket (nothing for NaN). */
  private remove(i: number): void {
    const value = this.values[i];
    if (Number.isNaN(value)) return;
    const bucket = this.bucketOfMember[i];
    const group = this.groupOf[i];
    const cell = group * this.bucketCount + bucket;
    const weight = this.weights[i];
    this.bucketWeight[bucket] -= weight;
    this.groupBucketWeight[cell] -= weight;
    if (value === this.lowOf(bucket)) {
      this.weightAtLow[bucket] -= weight;
      this.groupWeightAtLow[cell] -= weight;
    }
    this.total -= weight;
    this.groupTotal[group] -= weight;
    const { next, previous } = this;
    if (previous[i] === NONE) this.groupFirst[cell] = next[i];
    else next[previous[i]] = next[i];
    if (next[i] !== NONE) previous[next[i]] = previous[i];
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
