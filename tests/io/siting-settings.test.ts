import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID_SPACING_M, DEFAULT_MIN_SEPARATION_M } from '../../src/core/siting/candidate-grid.ts';
import { DEFAULT_EXACT_OPTIONS } from '../../src/core/siting/select-sites-exact.ts';
import { readSitingSettings } from '../../src/io/siting-settings.ts';

describe('readSitingSettings', () => {
  it('gives the defaults without a section and takes each key given', () => {
    expect(readSitingSettings({})).toEqual({
      ok: true,
      settings: {
        gridSpacingM: DEFAULT_GRID_SPACING_M,
        minSeparationM: DEFAULT_MIN_SEPARATION_M,
        exclusions: null,
        exactTimeLimitS: DEFAULT_EXACT_OPTIONS.timeLimitS,
        exactMaxNonzeros: DEFAULT_EXACT_OPTIONS.maxNonzeros,
      },
    });
    const read = readSitingSettings({ siting: { gridSpacingM: 250, minSeparationM: 0, exclusions: 'parks.geojson', exactTimeLimitS: 5, exactMaxNonzeros: 1000 } });
    expect(read).toEqual({ ok: true, settings: { gridSpacingM: 250, minSeparationM: 0, exclusions: 'parks.geojson', exactTimeLimitS: 5, exactMaxNonzeros: 1000 } });
  });

  it.each([
    [{ siting: [] }, 'siting. must be an object'],
    [{ siting: { gridSpacingM: 9.99 } }, 'siting.gridSpacingM must be metres in [10, 10000], got 9.99'],
    [{ siting: { minSeparationM: -1 } }, 'siting.minSeparationM must be metres in [0, 10000], got -1'],
    [{ siting: { exactTimeLimitS: '5' } }, 'siting.exactTimeLimitS must be seconds in [0.1, 86400], got "5"'],
    [{ siting: { exclusions: ' ' } }, 'siting.exclusions must be the path of a GeoJSON file of polygons'],
    [{ siting: { spacing: 500 } }, 'siting.spacing: unknown key (allowed: exclusions, gridSpacingM, minSeparationM, exactTimeLimitS, exactMaxNonzeros)'],
  ])('refuses %j', (raw, error) => {
    expect(readSitingSettings(raw as Record<string, unknown>)).toEqual({ ok: false, error });
  });
});
