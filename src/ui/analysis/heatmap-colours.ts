/**
 * Colours of the RSRP heat map: a continuous ramp through the signal classes' colours (analysis-colours.ts) with
 * the class thresholds as its stops, so a colour on the map reads against the same breaks as the household points:
 * dark green 15 dB above the good threshold, the good, fair and weak colours at their thresholds, the "none" red
 * 10 dB below the weak floor and under it (and where no cell serves at all).
 */
import type { SignalThresholdsDbm } from '../../core/model.ts';
import { SIGNAL_RGB } from './analysis-colours.ts';

type Rgb = readonly [number, number, number];

/** A stop of the ramp: the colour at `rsrpDbm`, linear in RGB between stops. */
export interface HeatmapStop {
  rsrpDbm: number;
  rgb: Rgb;
}

/** ColorBrewer RdYlGn's darkest green, above the good class. */
const STRONG_RGB: Rgb = [0, 104, 55];
/** dB above the good threshold where the ramp reaches its darkest green, and below the weak floor where it reaches red. */
const STRONG_ABOVE_GOOD_DB = 15;
const NONE_BELOW_WEAK_DB = 10;

/** The ramp's stops for these thresholds, strongest first. */
export function heatmapStops(thresholds: SignalThresholdsDbm): HeatmapStop[] {
  return [
    { rsrpDbm: thresholds.good + STRONG_ABOVE_GOOD_DB, rgb: STRONG_RGB },
    { rsrpDbm: thresholds.good, rgb: SIGNAL_RGB[0] },
    { rsrpDbm: thresholds.fair, rgb: SIGNAL_RGB[1] },
    { rsrpDbm: thresholds.weak, rgb: SIGNAL_RGB[2] },
    { rsrpDbm: thresholds.weak - NONE_BELOW_WEAK_DB, rgb: SIGNAL_RGB[3] },
  ];
}

/**
 * The ramp's colour of an RSRP (dBm): clamped to the end stops (−Infinity, no server, takes the last); null for
 * NaN (off land, not drawn).
 */
export function heatmapRgb(rsrpDbm: number, stops: readonly HeatmapStop[]): Rgb | null {
  if (Number.isNaN(rsrpDbm)) return null;
  if (rsrpDbm >= stops[0].rsrpDbm) return stops[0].rgb;
  for (let k = 1; k < stops.length; k++) {
    const upper = stops[k - 1];
    const lower = stops[k];
    if (rsrpDbm >= lower.rsrpDbm) {
      const f = (rsrpDbm - lower.rsrpDbm) / (upper.rsrpDbm - lower.rsrpDbm);
      return [0, 1, 2].map((c) => Math.round(lower.rgb[c] + f * (upper.rgb[c] - lower.rgb[c]))) as unknown as Rgb;
    }
  }
  return stops[stops.length - 1].rgb;
}
