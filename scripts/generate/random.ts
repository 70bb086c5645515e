/** Seeded randomness for the data generators: same seed, same sequence, on every machine. */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a small, fast, seedable 32-bit generator (Tommy Ettinger, public domain). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal deviate by the Box-Muller transform (Box & Muller 1958), from two uniform draws. */
export function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A whole number uniform in [min, max], both included. */
export function randomInteger(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A number uniform in [min, max). */
export function randomBetween(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

/** A log-normal deviate exp(μ + σ·N(0, 1)), for heavy-tailed sizes (villages, estates). */
export function logNormal(random: Random, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * gaussian(random));
}

/** Index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
export function pickWeighted(random: Random, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  let remaining = random() * total;
  for (let i = 0; i < weights.length; i++) {
    remaining -= weights[i];
    if (remaining < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Splits a whole `total` into whole parts proportional to `weights` that sum exactly to `total`
 * (largest-remainder method, ties to the lower index).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum <= 0) throw new Error(`apportion: weights sum to ${weightSum}; give at least one positive weight`);
  const exact = weights.map((weight) => (total * weight) / weightSum);
  const parts = exact.map(Math.floor);
  let shortfall = total - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = exact.map((value, i) => ({ i, remainder: value - parts[i] })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; shortfall > 0; k++, shortfall--) parts[byRemainder[k].i]++;
  return parts;
}
