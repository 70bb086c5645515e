/**
 * The fibre-planning keys of a settings object (the CLI's `--config` JSON, a saved scenario), beyond the
 * analysis settings that `mergeSettings` reads: `fibre.costPerMetreVnd`, `fibre.connectionCostVnd` and
 * `fibre.targetsPct`. Validated here so the CLI and the app accept exactly the same values.
 */
import { DEFAULT_FIBRE_TARGETS_PCT } from '../core/fibre/fibre-statistics.ts';
import { DEFAULT_FIBRE_COSTS, type FibreCosts } from '../core/fibre/plan-fibre-extension.ts';

export interface FibrePlanSettings extends FibreCosts {
  /** Targets reported in the statistics (shortfall to each), % in (0, 100]. */
  targetsPct: number[];
}

export const DEFAULT_FIBRE_PLAN_SETTINGS: FibrePlanSettings = { ...DEFAULT_FIBRE_COSTS, targetsPct: [...DEFAULT_FIBRE_TARGETS_PCT] };

/** Largest unit price accepted, VND (a metre of cable or one connection): far above any real price, below float trouble. */
const MAX_FIBRE_COST_VND = 1e9;

/** Whether a unit price (VND per metre, or per connection) is usable: a finite number in [0, MAX_FIBRE_COST_VND]. */
export function isFibreCost(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_FIBRE_COST_VND;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPercent = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100;

/**
 * Reads the fibre-planning keys of `raw` over the defaults.
 *
 * @example
 * readFibrePlanSettings({ fibre: { costPerMetreVnd: 55000 } }); // { ok: true, settings: { costPerMetreVnd: 55000, … } }
 */
export function readFibrePlanSettings(raw: Record<string, unknown>):
  | { ok: true; settings: FibrePlanSettings }
  | { ok: false; error: string } {
  const settings: FibrePlanSettings = { ...DEFAULT_FIBRE_PLAN_SETTINGS, targetsPct: [...DEFAULT_FIBRE_PLAN_SETTINGS.targetsPct] };
  const fibre = raw.fibre;
  if (fibre === undefined) return { ok: true, settings };
  if (!isRecord(fibre)) return { ok: false, error: 'fibre must be an object' };
  for (const key of ['costPerMetreVnd', 'connectionCostVnd'] as const) {
    const value = fibre[key];
    if (value === undefined) continue;
    if (!isFibreCost(value)) return { ok: false, error: `fibre.${key} must be VND in [0, 1e9], got ${JSON.stringify(value)}` };
    settings[key] = value;
  }
  if (fibre.targetsPct !== undefined) {
    if (!Array.isArray(fibre.targetsPct) || fibre.targetsPct.length === 0 || !fibre.targetsPct.every(isPercent)) {
      return { ok: false, error: `fibre.targetsPct must be a list of percentages in (0, 100], got ${JSON.stringify(fibre.targetsPct)}` };
    }
    settings.targetsPct = [...fibre.targetsPct];
  }
  return { ok: true, settings };
}
