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

export class RunningWeightedMedian {
  /** The current values; NaN = not counted (a household without SINR). */
  private readonly values: Float64Array;
  /** Upper bounds of the buckets but the last (ascending, distinct): bucket b holds bounds[b − 1] ≤ v < bounds[b]. */
  private readonly bounds: Float64Array;
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
    this.values = Float64Array.from(values);
    const counted = this.values.filter((value) => !Number.isNaN(value)).sort();
    const bounds: number[] = [];
    for (let b = 1; b < BUCKETS; b++) {
      const bound = counted[Math.floor((b * counted.length) / BUCKETS)];
      if (bound !== undefined && (bounds.length === 0 || bound > bounds[bounds.length - 1])) bounds.push(bound);
    }
    this.bounds = Float64Array.from(bounds);
    this.bucketWeight = new Float64Array(this.bounds.length + 1);
    for (let i = 0; i < this.values.length; i++) this.add(i, 1);
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
    let length = 0;
    for (let i = 0; i < this.values.length; i++) {
      const value = this.values[i];
      if (value >= low && (value < high || last)) {
        this.scratchValues[length] = value;
        this.scratchWeights[length++] = this.weights[i];
      }
    }
    return smallestValueReaching(this.scratchValues, this.scratchWeights, length, half - below);
  }

  /** Adds (sign 1) or takes away (−1) member `i`'s weight from its bucket. */
  private add(i: number, sign: 1 | -1): void {
    const value = this.values[i];
    if (Number.isNaN(value)) return;
    const weight = sign * this.weights[i];
    this.bucketWeight[this.bucketOf(value)] += weight;
    this.total += weight;
  }

  /** The bucket of `value`: how many bounds are ≤ it. */
  private bucketOf(value: number): number {
    let low = 0;
    let high = this.bounds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.bounds[middle] <= value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
