/**
 * `analyse` with `whileSumming`: the fibre reach and the weak zones ('all', the app's worker) or the fibre reach
 * alone ('fibre', the CLI) run inside the engine's run while a real partner thread sums the interference. Every
 * output is the one of the plain order (engine, then fibre reach and zones), bit for bit, and the progress still
 * names each stage.
 */
import { describe, expect, it } from 'vitest';
import { analyse, analysisSteps, type AnalysisResult } from '../../src/core/analyse.ts';
import type { Ward } from '../../src/core/model.ts';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { runSteps, type StageProgress } from '../../src/core/steps.ts';
import { sumsPartnerThread } from '../../src/cli/sums-partner-thread.ts';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { at } from '../helpers/local-metres.ts';
import { randomCity } from '../helpers/random-city.ts';

/** Four square wards, the quadrants of the random city's 18 km square. */
const WARDS: Ward[] = [
  [-9000, -9000],
  [0, -9000],
  [-9000, 0],
  [0, 0],
].map(([east, north], w) => ({
  id: `W${w}`, name: `Ward ${w}`, district: null, type: null, environment: null, population2019: null, households2019: null,
  geometry: { type: 'Polygon', coordinates: [[at(east, north), at(east + 9000, north), at(east + 9000, north + 9000), at(east, north + 9000), at(east, north)]] },
}));

/** A fibre route across the city, west to east with a bend. */
const FIBRE = parseFibre(
  JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { kind: 'distribution' }, geometry: { type: 'LineString', coordinates: [at(-8000, -2000), at(0, 1500), at(8000, -500)] } }],
  }),
  'fibre.geojson',
).data;

describe('analyse with whileSumming', () => {
  // few cells in a wide square: weak zones as well as a sums partner's stripes
  const { cells, points } = randomCity(31, 6000, 40);
  const input = { wards: WARDS, cells, households: points, fibre: FIBRE, land: null };
  const settings = { ...DEFAULT_SETTINGS, technology: '4G' as const };

  // the stages reported: the engine's best servers, then what runs inside its run (the fibre reach counts as
  // statistics), its sums, then what runs after it and the statistics
  it.each([
    ['all', ['assign', 'analyse', 'statistics', 'zones', 'analyse', 'statistics']],
    ['fibre', ['assign', 'analyse', 'statistics', 'analyse', 'zones', 'statistics']],
  ] as const)('whileSumming %s gives the plain order’s coverage, fibre reach, statistics and zones, a thread having summed part of the run', (whileSumming, expectedStages) => {
    const plain = analyse(input, settings, { zones: true });
    let partnerStarted = false;
    const stages: string[] = [];
    const overlapped: AnalysisResult = runSteps(
      analysisSteps(input, settings, {
        zones: true,
        whileSumming,
        sumsPartner: (partnerInput) => {
          const partner = sumsPartnerThread(partnerInput, 0);
          partnerStarted = partner !== null;
          return partner;
        },
      }),
      ({ stage }: StageProgress) => {
        if (stages.at(-1) !== stage) stages.push(stage);
      },
    );
    expect(partnerStarted).toBe(true);
    expect(plain.zones!.features.length).toBeGreaterThan(0);
    expect(plain.fibreCoverage!.passed.some((passed) => passed === 1)).toBe(true);
    expect(stages).toEqual(expectedStages);
    for (const key of ['bestCell', 'rsrpDbm', 'signalClass', 'sinrDb', 'throughputMbps', 'serversWithin6Db'] as const) {
      expect(Buffer.from(overlapped.coverage[key].buffer).equals(Buffer.from(plain.coverage[key].buffer))).toBe(true);
    }
    expect(Array.from(overlapped.fibreCoverage!.passed)).toEqual(Array.from(plain.fibreCoverage!.passed));
    expect(overlapped.statistics).toEqual(plain.statistics);
    expect(overlapped.zones).toEqual(plain.zones);
  });
});
