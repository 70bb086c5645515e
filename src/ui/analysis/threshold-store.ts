/**
 * The signal class thresholds the user set in Settings, kept in localStorage. They are configurable defaults
 * (−100/−110/−120 dBm): QCVN 81:2019/BTTTT defines service by throughput, not by signal level.
 */
import { DEFAULT_THRESHOLDS_DBM, type SignalThresholdsDbm } from '../../core/model.ts';
import { checkThresholds } from '../../io/parse-settings.ts';

const THRESHOLDS_STORAGE_KEY = 'phusong.thresholds.v1';

/** Reads stored thresholds; anything missing, unreadable or invalid (`checkThresholds`, the CLI's rule) gives the defaults. */
export function parseStoredThresholds(json: string | null): SignalThresholdsDbm {
  try {
    const stored: unknown = json === null ? null : JSON.parse(json);
    if (typeof stored !== 'object' || stored === null) return DEFAULT_THRESHOLDS_DBM;
    const { good, fair, weak } = stored as Record<string, unknown>;
    const thresholds = { good: Number(good), fair: Number(fair), weak: Number(weak) };
    return typeof good === 'number' && typeof fair === 'number' && typeof weak === 'number' && checkThresholds(thresholds) === null
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
