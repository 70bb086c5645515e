/**
 * The arithmetic of the households' canvas (household-layer.ts), apart from Leaflet: a point's size factor and a
 * pixel's opacity by the households drawn on it.
 */

/** Alpha (0–255) of a pixel under `weight` households: opacity 0.6 + 0.15·log10(n) (1 → 0.6, 10 → 0.75, 100 → 0.9), at most 0.95. */
export function householdAlpha(weight: number): number {
  return weight > 0 ? Math.round(Math.min(0.95, 0.6 + 0.15 * Math.log10(weight)) * 255) : 0;
}

/** `householdAlpha` of the integer weights below the cap (0.95 from 10^(0.35 / 0.15) ≈ 215.4 households). */
const ALPHA_OF_WEIGHT = Uint8Array.from({ length: 216 }, (_, weight) => householdAlpha(weight));
const CAPPED_ALPHA = householdAlpha(216);

/** `householdAlpha` of a whole number of households, looked up: no logarithm per pixel. */
export function tabulatedAlpha(weight: number): number {
  return weight < ALPHA_OF_WEIGHT.length ? ALPHA_OF_WEIGHT[weight] : CAPPED_ALPHA;
}

/** √n of each household count, the side factor of its point (a loop: `Float32Array.from` with a map took 0.1 s). */
export function squareRoots(counts: ArrayLike<number>): Float32Array<ArrayBuffer> {
  const roots = new Float32Array(counts.length);
  for (let i = 0; i < counts.length; i++) roots[i] = Math.sqrt(counts[i]);
  return roots;
}
