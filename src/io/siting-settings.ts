/**
 * The `siting` section of a settings object (the CLI's `--config` JSON, docs/siting.md "Options"): candidate grid
 * spacing, separation from existing sites, the exclusion zones file and the exact solver's limits. Every key is
 * optional; unknown keys and out-of-range values are refused, so `plan-sites` and `report` accept exactly the same
 * section.
 */
import { DEFAULT_GRID_SPACING_M, DEFAULT_MIN_SEPARATION_M } from '../core/siting/candidate-grid.ts';
import { DEFAULT_EXACT_OPTIONS } from '../core/siting/select-sites-exact.ts';

export interface SitingSettings {
  /** Side of the candidate grid over the weak-signal zones, metres. */
  gridSpacingM: number;
  /** Least distance from a candidate to an existing site, metres. */
  minSeparationM: number;
  /** The zones file of exclusion polygons as the section writes it (relative to the settings file); null for none. */
  exclusions: string | null;
  /** Time limit of the exact solver, seconds. */
  exactTimeLimitS: number;
  /** Largest exact model (nonzero terms) the solver is given. */
  exactMaxNonzeros: number;
}

/** The numeric keys: accepted range and unit. */
const RANGES = {
  gridSpacingM: [10, 10_000, 'metres'],
  minSeparationM: [0, 10_000, 'metres'],
  exactTimeLimitS: [0.1, 86_400, 'seconds'],
  exactMaxNonzeros: [1, 1e9, 'terms'],
} as const;

/**
 * Reads `raw.siting` over the defaults; errors name the key as `siting.<key>`.
 *
 * @example readSitingSettings({ siting: { gridSpacingM: 250 } }) // { ok: true, settings: { gridSpacingM: 250, … } }
 */
export function readSitingSettings(raw: Record<string, unknown>): { ok: true; settings: SitingSettings } | { ok: false; error: string } {
  const settings: SitingSettings = {
    gridSpacingM: DEFAULT_GRID_SPACING_M,
    minSeparationM: DEFAULT_MIN_SEPARATION_M,
    exclusions: null,
    exactTimeLimitS: DEFAULT_EXACT_OPTIONS.timeLimitS,
    exactMaxNonzeros: DEFAULT_EXACT_OPTIONS.maxNonzeros,
  };
  const section = raw.siting;
  if (section === undefined) return { ok: true, settings };
  const fail = (message: string) => ({ ok: false as const, error: `siting.${message}` });
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return fail(' must be an object');
  for (const [key, entry] of Object.entries(section as Record<string, unknown>)) {
    if (key === 'exclusions') {
      if (typeof entry !== 'string' || entry.trim() === '') return fail('exclusions must be the path of a GeoJSON file of polygons');
      settings.exclusions = entry;
    } else if (key in RANGES) {
      const [min, max, unit] = RANGES[key as keyof typeof RANGES];
      if (typeof entry !== 'number' || !Number.isFinite(entry) || entry < min || entry > max) {
        return fail(`${key} must be ${unit} in [${min}, ${max}], got ${JSON.stringify(entry)}`);
      }
      settings[key as keyof typeof RANGES] = entry;
    } else return fail(`${key}: unknown key (allowed: exclusions, ${Object.keys(RANGES).join(', ')})`);
  }
  return { ok: true, settings };
}
