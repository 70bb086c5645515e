import type { SignalThresholdsDbm } from '../model.ts';

/** Index into SIGNAL_CLASSES: 0 good, 1 fair, 2 weak, 3 none. */
const GOOD = 0;
export const FAIR = 1;
export const WEAK = 2;
export const NONE = 3;

/**
 * Signal class of an RSRP: good ≥ thresholds.good, fair ≥ thresholds.fair, weak ≥ thresholds.weak, none below
 * (and for -Infinity, no server). The thresholds are configurable defaults (−100/−110/−120 dBm).
 *
 * @example classifyRsrp(-105, { good: -100, fair: -110, weak: -120 }) // 1 (fair)
 */
export function classifyRsrp(rsrpDbm: number, thresholds: SignalThresholdsDbm): number {
  if (rsrpDbm >= thresholds.good) return GOOD;
  if (rsrpDbm >= thresholds.fair) return FAIR;
  if (rsrpDbm >= thresholds.weak) return WEAK;
  return NONE;
}
