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
  return rgbColour(SIGNAL_RGB[index]);
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

/**
 * Grey of the households without a server above the interference cut-off on the quality layers (on the throughput
 * layer also those below the no-signal floor: no service).
 */
export const NO_SERVER_RGB: readonly [number, number, number] = [128, 128, 128];

/**
 * RGB per class of the SINR and throughput layers (quality-classes.ts: 0 best … 3 worst, 4 no server): the
 * signal classes' RdYlGn, so green reads "good" on every layer.
 */
export const QUALITY_RGB: readonly (readonly [number, number, number])[] = [...SIGNAL_RGB, NO_SERVER_RGB];

/**
 * RGB per overlap class: the server alone, 2 and 3 cells within 6 dB (blues), pilot pollution (4 or more, red);
 * households without a server are not drawn on this layer.
 */
export const OVERLAP_RGB: readonly (readonly [number, number, number])[] = [
  [171, 217, 233],
  [116, 173, 209],
  [253, 174, 97],
  [215, 25, 28],
];

/** ColorBrewer Paired (12 classes), the best-server colours (`bestServerClass`), then grey for no server. */
export const SERVER_RGB: readonly (readonly [number, number, number])[] = [
  [166, 206, 227],
  [31, 120, 180],
  [178, 223, 138],
  [51, 160, 44],
  [251, 154, 153],
  [227, 26, 28],
  [253, 191, 111],
  [255, 127, 0],
  [202, 178, 214],
  [106, 61, 154],
  [255, 255, 153],
  [177, 89, 40],
  NO_SERVER_RGB,
];

/** CSS colour of an RGB triple. */
export function rgbColour([red, green, blue]: readonly [number, number, number]): string {
  return `rgb(${red},${green},${blue})`;
}
