/**
 * Colours of the analysis layers: signal classes (a diverging green → red scheme after ColorBrewer RdYlGn, which
 * stays distinguishable in print and for most colour-blind readers), the weak % ward choropleth and the fibre
 * choropleth with the targets as its breaks.
 */
import type { SignalClass } from '../../core/model.ts';

/** RGB per signal class, in the index order of SIGNAL_CLASSES (0 good … 3 none). */
export const SIGNAL_RGB: readonly (readonly [number, number, number])[] = [
  [26, 150, 65],
  [166, 217, 106],
  [253, 174, 97],
  [215, 25, 28],
];

export function signalColour(signalClass: SignalClass | number): string {
  const index = typeof signalClass === 'number' ? signalClass : ['good', 'fair', 'weak', 'none'].indexOf(signalClass);
  const [red, green, blue] = SIGNAL_RGB[index];
  return `rgb(${red},${green},${blue})`;
}

/** Upper bounds (exclusive) of the weak % classes; the last class is everything from 40 % up. */
export const WEAK_PCT_BREAKS: readonly number[] = [5, 10, 20, 40];
/** ColorBrewer OrRd, one colour per weak % class. */
export const WEAK_PCT_COLOURS: readonly string[] = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];

/** Class of a weak % among WEAK_PCT_BREAKS: `weakPctClass(12) === 2` (10 % ≤ 12 % < 20 %). */
export function weakPctClass(weakPct: number): number {
  let index = 0;
  while (index < WEAK_PCT_BREAKS.length && weakPct >= WEAK_PCT_BREAKS[index]) index++;
  return index;
}

export const FIBRE_COLOURS = { belowLow: '#d7301f', between: '#fdae61', reached: '#1a9850' } as const;

/** Fibre choropleth class: below the lower target, between the targets, or at/above the higher one. */
export function fibreClass(fibrePct: number, lowPct: number, highPct: number): keyof typeof FIBRE_COLOURS {
  if (fibrePct >= highPct) return 'reached';
  return fibrePct >= lowPct ? 'between' : 'belowLow';
}
