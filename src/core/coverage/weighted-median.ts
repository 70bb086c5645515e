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
