/**
 * The signal class thresholds the user set in Settings, kept in localStorage. They are configurable defaults
 * (−100/−110/−120 dBm): QCVN 81:2019/BTTTT defines service by throughput, not by signal level.
 */
import { DEFAULT_THRESHOLDS_DBM, type SignalThresholdsDbm } from '../../core/model.ts';
import { checkThresholdOrder } from '../../io/parse-settings.ts';

const THRESHOLDS_STORAGE_KEY = 'phusong.thresholds.v1';
/** Plausible RSRP range, dBm (LTE reports −140 … −44 dBm, TS 36.133 §9.1.4). */
const THRESHOLD_MIN_DBM = -150;
const THRESHOLD_MAX_DBM = -30;

/**
 * Whether thresholds are usable: finite and strictly falling good > fair > weak (the check settings files get,
 * `checkThresholdOrder`), within the plausible range.
 */
export function areThresholdsValid(thresholds: SignalThresholdsDbm): boolean {
  const { good, fair, weak } = thresholds;
  const inRange = (value: number) => value >= THRESHOLD_MIN_DBM && value <= THRESHOLD_MAX_DBM;
  return checkThresholdOrder(thresholds) === null && inRange(good) && inRange(fair) && inRange(weak);
}

/** Reads stored thresholds; anything missing, unreadable or invalid gives the defaults. */
export function parseStoredThresholds(json: string | null): SignalThresholdsDbm {
  try {
    const stored: unknown = json === null ? null : JSON.parse(json);
    if (typeof stored !== 'object' || stored === null) return DEFAULT_THRESHOLDS_DBM;
    const { good, fair, weak } = stored as Record<string, unknown>;
    const thresholds = { good: Number(good), fair: Number(fair), weak: Number(weak) };
    return typeof good === 'number' && typeof fair === 'number' && typeof weak === 'number' && areThresholdsValid(thresholds)
      ? thresholds
      : DEFAULT_THRESHOLDS_DBM;
  } catch {
    return DEFAULT_THRESHOLDS_DBM;
  }
}

export function loadThresholds(): SignalThresholdsDbm {
  try {
    return parseStoredThresholds(window.localStorage.getItem(THRESHOLDS_STORAGE_KEY));
  } catch {
    return DEFAULT_THRESHOLDS_DBM;
  }
}

export function saveThresholds(thresholds: SignalThresholdsDbm): void {
  try {
    window.localStorage.setItem(THRESHOLDS_STORAGE_KEY, JSON.stringify(thresholds));
  } catch {
    // storage full or disabled: the thresholds still apply for this session
  }
}
