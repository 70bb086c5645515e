/**
 * The weighted median used by every statistic of phusong (wards.csv, cells.csv, the app's tables): households
 * are weighted by their `count`, so a point that stands for a 40-flat building weighs 40.
 *
 * Definition (the lower weighted median): the smallest value v such that the households with a value ≤ v weigh
 * at least half of all. With unit weights and an even count it is the lower of the two middle values (1, 2, 3, 4
 * → 2), never an average of two values, so it is always a value some household has.
 */

/**
 * Weighted median of `values[0 … length)` with `weights`, or null when the weights sum to 0. Reorders both
 * arrays in place (they are scratch buffers).
 *
 * @example weightedMedian(Float64Array.of(10, 20, 30), Float64Array.of(1, 1, 5), 3) // 30: 30 alone weighs 5 of 7
 */
export function weightedMedian(values: Float64Array, weights: Float64Array, length: number): number | null {
  let total = 0;
  for (let i = 0; i < length; i++) total += weights[i];
  return total > 0 ? smallestValueReaching(values, weights, length, total / 2) : null;
}

/**
 * The smallest of `values[0 … length)` such that the values ≤ it weigh at least `threshold` (> 0, at most the
 * weights' sum): the weighted median for half the sum, or the median of a whole population from one slice of it
 * (`RunningWeightedMedian`: threshold = half the whole minus the weight below the slice). Reorders both arrays in
 * place. Expected O(length): a quickselect that keeps the weight below the range it narrows.
 */
export function smallestValueReaching(values: Float64Array, weights: Float64Array, length: number, threshold: number): number {
  let low = 0;
  let high = length - 1;
  // weight of the values known to lie below the range [low, high]
  let below = 0;
  for (;;) {
    if (low >= high) return values[low];
    const pivot = medianOfThree(values[low], values[(low + high) >>> 1], values[high]);
    // three-way partition: [low, less) < pivot, [less, greater] = pivot, (greater, high] > pivot
    let less = low;
    let scan = low;
    let greater = high;
    let lessWeight = 0;
    let equalWeight = 0;
    while (scan <= greater) {
      const value = values[scan];
      if (value < pivot) {
        lessWeight += weights[scan];
        swap(values, weights, scan++, less++);
      } else if (value > pivot) {
        swap(values, weights, scan, greater--);
      } else {
        equalWeight += weights[scan++];
      }
    }
    if (below + lessWeight >= threshold && less > low) high = less - 1;
    else if (below + lessWeight + equalWeight >= threshold) return pivot;
    else {
      below += lessWeight + equalWeight;
      low = greater + 1;
    }
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

function swap(values: Float64Array, weights: Float64Array, i: number, j: number): void {
  const value = values[i];
  values[i] = values[j];
  values[j] = value;
  const weight = weights[i];
  weights[i] = weights[j];
  weights[j] = weight;
}

/** Buckets of value ranges `groupedWeightedMedians` sorts each group's values into. */
const MEDIAN_BUCKETS = 256;

/**
 * The weighted median (`weightedMedian`) of each group of a population and of the whole population, in a few
 * linear passes instead of a selection per group and one over the whole (the ward statistics of a city: ~0.1 s less
 * on 600,000 households). Every value goes to one of 256 buckets by a monotone map of its value (equal values share
 * a bucket, a bucket's values are all below the next one's); each group's median lies in the bucket where its
 * running weight reaches half of it, so only that bucket's values are selected (`smallestValueReaching`). The first
 * and last buckets hold the smallest and largest finite values alone (with ±∞): a value many share at an end
 * (throughput 0 without a server, or at its cap) needs no selection.
 *
 * With integer weights (household counts) the medians are `weightedMedian`'s exactly: the weights below a value are
 * summed in another order, which changes no integer sum.
 *
 * @param values per position; NaN is left out
 * @param weights per position
 * @param groupStart group g is positions [groupStart[g], groupStart[g + 1]), from groupStart[0] = 0: `groups + 1`
 *   entries
 * @returns each group's median and the whole's, null where the weights sum to 0
 */
export function groupedWeightedMedians(
  values: Float64Array,
  weights: Float64Array,
  groupStart: ArrayLike<number>,
  groups: number,
): { groups: Array<number | null>; whole: number | null } {
  const length = groupStart[groups];
  let low = Infinity;
  let high = -Infinity;
  let infinite = false;
  for (let k = 0; k < length; k++) {
    const value = values[k];
    if (value === Infinity || value === -Infinity) infinite = true;
    else if (value < low) low = value;
    if (value !== Infinity && value > high) high = value;
  }
  if (low > high) low = high = 0;
  const scale = (MEDIAN_BUCKETS - 2) / (high - low);
  const bucketOf = (value: number): number =>
    value <= low ? 0 : value >= high ? MEDIAN_BUCKETS - 1 : 1 + Math.min(MEDIAN_BUCKETS - 3, Math.floor((value - low) * scale));
  // each group's and the whole's weight per bucket, and each position's bucket (a NaN's is never read)
  const groupWeight = new Float64Array((groups + 1) * MEDIAN_BUCKETS);
  const bucket = new Uint8Array(length);
  const whole = groups * MEDIAN_BUCKETS;
  for (let g = 0; g < groups; g++) {
    const base = g * MEDIAN_BUCKETS;
    for (let k = groupStart[g]; k < groupStart[g + 1]; k++) {
      const value = values[k];
      if (Number.isNaN(value)) continue;
      const b = bucketOf(value);
      bucket[k] = b;
      groupWeight[base + b] += weights[k];
      groupWeight[whole + b] += weights[k];
    }
  }
  const scratch = new SelectionScratch();
  const medianOf = (g: number, from: number, to: number): number | null => {
    const base = g * MEDIAN_BUCKETS;
    let total = 0;
    for (let b = 0; b < MEDIAN_BUCKETS; b++) total += groupWeight[base + b];
    if (!(total > 0)) return null;
    const half = total / 2;
    let below = 0;
    let b = 0;
    while (below + groupWeight[base + b] < half) below += groupWeight[base + b++];
    // an end bucket without infinities holds one value
    if (!infinite && (b === 0 || b === MEDIAN_BUCKETS - 1)) return b === 0 ? low : high;
    let size = 0;
    for (let k = from; k < to; k++) {
      if (bucket[k] !== b || Number.isNaN(values[k])) continue;
      scratch.reserve(size + 1, size);
      scratch.values[size] = values[k];
      scratch.weights[size++] = weights[k];
    }
    return smallestValueReaching(scratch.values, scratch.weights, size, half - below);
  };
  const medians = new Array<number | null>(groups);
  for (let g = 0; g < groups; g++) medians[g] = medianOf(g, groupStart[g], groupStart[g + 1]);
  return { groups: medians, whole: medianOf(groups, 0, length) };
}

/**
 * The values and weights a median gathers for `smallestValueReaching` (the members of one bucket), in buffers grown
 * as needed and kept for the next gathering.
 */
export class SelectionScratch {
  values = new Float64Array(0);
  weights = new Float64Array(0);

  /** Room for `size` entries, keeping the first `keep`: grown by half again at least (gathered in several steps). */
  reserve(size: number, keep: number): void {
    if (this.values.length >= size) return;
    const capacity = Math.max(size, Math.ceil(this.values.length * 1.5), 1024);
    const values = new Float64Array(capacity);
    const weights = new Float64Array(capacity);
    values.set(this.values.subarray(0, keep));
    weights.set(this.weights.subarray(0, keep));
    this.values = values;
    this.weights = weights;
  }
}
