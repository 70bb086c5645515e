/**
 * What a scoped analysis would rest on (issue 10, a report of a few units): a household's best server, RSRP,
 * class, SINR, throughput and overlap count depend on the cells and on the environment of the cells (the
 * `PlaceEnvironment`: household density around each site), not on which other households are analysed, so the
 * engine run on a subset of the households, with the environment of all of them, gives each of them exactly the
 * values of the run on all (bit for bit: same server, same float RSRP and SINR). Checked against the engine's own
 * full run, the reference here being the definition of the property rather than a figure; the values of that run
 * are checked against brute force in coverage-engine.test.ts and downlink-quality.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { indexWards } from '../../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { COVERAGE_ARRAYS } from '../../../src/core/coverage/coverage-result.ts';
import { idsArray } from '../../../src/core/household-ids.ts';
import { DEFAULT_SETTINGS, type HouseholdPoints, type Ward } from '../../../src/core/model.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { randomCity } from '../../helpers/random-city.ts';
import { at, householdsAt, squareWard } from '../../helpers/local-metres.ts';

// no explicit environment: cells without one take it from the household density around their site
const WARDS: Ward[] = [squareWard('Xã', null)];

function joined(a: HouseholdPoints, b: HouseholdPoints): HouseholdPoints {
  return {
    length: a.length + b.length,
    ids: [...idsArray(a.ids), ...idsArray(b.ids).map((id) => `town-${id}`)],
    lon: Float64Array.from([...a.lon, ...b.lon]),
    lat: Float64Array.from([...a.lat, ...b.lat]),
    count: Uint32Array.from([...a.count, ...b.count]),
    wardId: [...a.wardId, ...b.wardId],
  };
}

function subset(points: HouseholdPoints, keep: readonly number[]): HouseholdPoints {
  return {
    length: keep.length,
    ids: keep.map((h) => points.ids.at(h)!),
    lon: Float64Array.from(keep, (h) => points.lon[h]),
    lat: Float64Array.from(keep, (h) => points.lat[h]),
    count: Uint32Array.from(keep, (h) => points.count[h]),
    wardId: keep.map((h) => points.wardId[h]),
  };
}

describe('a household’s coverage does not depend on the other households analysed', () => {
  it('is the same, bit for bit, when the engine runs on a corner of the city with the whole city’s environment', () => {
    const city = randomCity(47, 3000, 60);
    // a town just east of the corner (12,500 households in 1 km²: ~2,000 per km² within 1 km of its west edge) and
    // a site on that edge facing the corner, whose environment is that of its place: urban
    const town = householdsAt(Array.from({ length: 625 }, (_, k): [number, number, number] => [-1000 + (k % 25) * 40, -5000 + Math.floor(k / 25) * 40, 20]));
    const points = joined(city.points, town);
    const [lon, lat] = at(-1050, -4500);
    const cells = [...city.cells, { ...city.cells[0], cellId: 'T', siteId: 'T', lon, lat, azimuthDeg: 240, model: null, environment: null }];
    const wardIndex = indexWards(WARDS);
    const place = new PlaceEnvironment(points, wardIndex);
    const all = new CoverageEngine({ place, cells, households: points, settings: DEFAULT_SETTINGS }).run();
    // a corner: another mean latitude (the engine's plane), other tiles and blocks than the whole run's
    const [, southLat] = at(0, -3000);
    const [westLon] = at(-2000, 0);
    const keep = Array.from({ length: points.length }, (_, h) => h).filter((h) => points.lat[h] < southLat && points.lon[h] < westLon);
    expect(keep.length).toBeGreaterThan(300);
    const corner = subset(points, keep);
    const part = new CoverageEngine({ place, cells, households: corner, settings: DEFAULT_SETTINGS }).run();
    // the corner has households served, weak, interfered with, and served by the town's site
    expect(keep.some((h) => all.signalClass[h] >= 2) && keep.some((h) => all.signalClass[h] === 0)).toBe(true);
    expect(keep.some((h) => all.serversWithin6Db[h] >= 2)).toBe(true);
    expect(keep.some((h) => all.bestCell[h] === cells.length - 1)).toBe(true);
    for (const key of COVERAGE_ARRAYS) {
      expect(Array.from(keep, (h) => all[key][h]), key).toEqual(Array.from(part[key]));
    }
    // the environment must be the whole city's: the corner's own density makes the town's site suburban
    const alone = new CoverageEngine({ place: new PlaceEnvironment(corner, wardIndex), cells, households: corner, settings: DEFAULT_SETTINGS }).run();
    expect(Array.from(keep, (h) => all.rsrpDbm[h])).not.toEqual(Array.from(alone.rsrpDbm));
  });
});
