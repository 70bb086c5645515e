import { describe, expect, it } from 'vitest';
import { readUrlState, writeUrlState } from '../../src/ui/url-state.ts';

describe('readUrlState / writeUrlState', () => {
  it('round-trips a view, the layers shown and the selected unit', () => {
    const state = {
      view: { zoom: 12.25, lat: 20.8431, lon: 106.6912 },
      layers: { wards: true, sites: false, households: true, fibre: false, zones: true },
      layout: '2019' as const,
      unit: 'HP 31 189/ä',
    };
    const hash = writeUrlState(state);
    expect(hash).toBe('#map=12.25/20.84310/106.69120&layers=wards,households,zones&layout=2019&unit=HP%2031%20189%2F%C3%A4');
    expect(readUrlState(hash)).toEqual(state);
    // the 2025 layout is the default: not written, read when given
    expect(writeUrlState({ layout: '2025', unit: '11413' })).toBe('#unit=11413');
    expect(readUrlState('#layout=2025')).toEqual({ layout: '2025' });
  });

  it('reads an empty layer list as every layer hidden, and an empty hash as nothing', () => {
    expect(readUrlState('#layers=').layers).toEqual({ wards: false, sites: false, households: false, fibre: false, zones: false });
    expect(readUrlState('')).toEqual({});
  });

  it('ignores malformed or out-of-range parts, keeping the valid ones', () => {
    expect(readUrlState('#map=abc&layers=foo,bar&unit=')).toEqual({});
    expect(readUrlState('#map=12/95/106')).toEqual({});
    expect(readUrlState('#map=30/20.8/106.7')).toEqual({});
    expect(readUrlState('#map=12/20.8')).toEqual({});
    expect(readUrlState('#map=1e3/20.8/106.7&unit=31189')).toEqual({ unit: '31189' });
    expect(readUrlState(`#unit=${'9'.repeat(65)}&map=10/20.8/106.7`)).toEqual({ view: { zoom: 10, lat: 20.8, lon: 106.7 } });
    expect(readUrlState('#layers=sites,nonsense')).toEqual({ layers: { wards: false, sites: true, households: false, fibre: false, zones: false } });
    expect(readUrlState('#%E0%A4%A')).toEqual({});
    expect(readUrlState('#layout=2030')).toEqual({});
  });
});
