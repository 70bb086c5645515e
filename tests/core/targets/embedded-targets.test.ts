/**
 * The shipped target sets on the embedded dataset: every target gets a row, and each value is the same figure
 * the analysis reports (ward statistics, fibre reach) or, for zone scopes, a direct count of the households inside
 * the approximate zones.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analyse.ts';
import type { WardStatisticsResult } from '../../../src/core/coverage/ward-statistics.ts';
import { DEFAULT_SETTINGS, type HouseholdPoints, type Ward } from '../../../src/core/model.ts';
import { evaluateTargets, type TargetInputs } from '../../../src/core/targets/evaluate-targets.ts';
import type { TargetSet } from '../../../src/core/targets/target-set.ts';
import { zoneMembership } from '../../../src/core/targets/zone-membership.ts';
import { parseFibre } from '../../../src/io/parse-fibre.ts';
import { parseHouseholds } from '../../../src/io/parse-households.ts';
import { parseSites } from '../../../src/io/parse-sites.ts';
import { parseWards } from '../../../src/io/parse-wards.ts';
import { parseTargetSet } from '../../../src/io/target-set-file.ts';

const set = (id: string): TargetSet => parseTargetSet(readFileSync(`data/targets/${id}.json`, 'utf8'), id).data as TargetSet;
type ZoneFeature = Feature<Polygon, { id: string; name: string; kind: string }>;
const zoneFeatures = (JSON.parse(readFileSync('data/hp2025_zones.geojson', 'utf8')) as FeatureCollection<Polygon>).features as ZoneFeature[];

let units: Ward[];
let households: HouseholdPoints;
let inputs: TargetInputs;
let statistics: WardStatisticsResult;
let passed: Uint8Array;
let throughputMbps: NonNullable<TargetInputs['throughputMbps']>;

beforeAll(() => {
  units = parseWards(readFileSync('data/hp2025_wards_polygons.geojson', 'utf8'), 'w').data;
  households = parseHouseholds(gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8'), 'h').data;
  const cells = parseSites(readFileSync('data/sites.csv', 'utf8'), 's').data;
  const fibre = parseFibre(readFileSync('data/fibre.geojson', 'utf8'), 'f').data;
  const fourG = analyse({ wards: units, cells, households, fibre, land: null }, { ...DEFAULT_SETTINGS, technology: '4G' }, { zones: false });
  const fiveG = analyse(
    { wards: units, wardIndex: fourG.wardIndex, cells, households, assignment: fourG.assignment, fibre: null, land: null },
    { ...DEFAULT_SETTINGS, technology: '5G' },
    { zones: false },
  );
  const unitOfHousehold = fourG.assignment.wardIndex;
  if (fourG.fibreCoverage === null) throw new Error('the analysis was given a fibre network');
  passed = fourG.fibreCoverage.passed;
  statistics = fourG.statistics;
  throughputMbps = { '4G': fourG.coverage.throughputMbps, '5G': fiveG.coverage.throughputMbps };
  inputs = {
    units,
    unitOfHousehold,
    count: households.count,
    signalClass: { '4G': fourG.coverage.signalClass, '5G': fiveG.coverage.signalClass },
    fibrePassed: passed,
    zoneMembership: zoneMembership(zoneFeatures.map((f) => ({ ...f.properties, geometry: f.geometry })), households),
  };
}, 300_000);

describe('the target sets on the embedded dataset', () => {
  it('hp-2020-2022: the weak-zone and fibre targets equal the analysis’ own figures, city-wide and per unit', () => {
    const [weak, ftth80, ftth90, centre, parks, residential] = evaluateTargets(set('hp-2020-2022').targets, inputs);
    const { total } = statistics;
    expect(weak.value).toBeCloseTo(total.weakPct, 9);
    expect(weak.achieved).toBe(total.weak + total.none);
    expect(weak.status).toBe(total.weak + total.none === 0 ? 'met' : 'not-met');
    expect(weak.byUnit.map((unit) => unit.value ?? 0)).toEqual(statistics.wards.map((row) => row.weakPct));
    expect(ftth80.value).toBeCloseTo(total.fibrePct, 9);
    expect(ftth90.value).toBeCloseTo(total.fibrePct, 9);
    expect(ftth80.shortfall).toBe(Math.max(0, Math.ceil(0.8 * total.households) - total.fibreHouseholds));
    expect(residential.value).toBeCloseTo(((total.good + total.fair) * 100) / total.households, 9);
    for (const zoneTarget of [centre, parks]) expect(zoneTarget.status).not.toBe('no-data');
  });

  it('the 5G zone targets count the households inside the approximate zones (turf, independently)', () => {
    const [, parksAndPorts] = evaluateTargets(set('national-2025-2030').targets, inputs);
    const inZones = zoneFeatures.filter((f) => ['industrial_park', 'high_tech_park', 'port'].includes(f.properties.kind));
    let base = 0;
    let covered = 0;
    const fiveG = inputs.signalClass['5G'] as Uint8Array;
    for (let h = 0; h < households.length; h++) {
      const point = [households.lon[h], households.lat[h]];
      if (!inZones.some((zone) => booleanPointInPolygon(point, zone))) continue;
      base += households.count[h];
      if (fiveG[h] <= 1) covered += households.count[h];
    }
    expect(base).toBeGreaterThan(1000);
    expect([parksAndPorts.base, parksAndPorts.achieved]).toEqual([base, covered]);
  }, 60_000);

  it('the speed targets on the analyses’ modelled throughput: the count-weighted mean over the households served (direct sum)', () => {
    const evaluations = evaluateTargets(set('national-2025-2030').targets, { ...inputs, throughputMbps });
    const speeds = evaluations.filter((evaluation) => evaluation.target.indicator === 'mean_download_mbps');
    expect(speeds.map((evaluation) => evaluation.target.technology)).toEqual(['4G', '5G']);
    for (const evaluation of speeds) {
      const speed = throughputMbps[evaluation.target.technology as '4G' | '5G'] as Float32Array;
      let served = 0;
      let sum = 0;
      for (let h = 0; h < households.length; h++) {
        if (Number.isNaN(speed[h])) continue;
        served += households.count[h];
        sum += households.count[h] * speed[h];
      }
      expect(served).toBeGreaterThan(0);
      expect(evaluation.base).toBe(served);
      expect(evaluation.value).toBeCloseTo(sum / served, 6);
      expect(evaluation.status).toBe(sum / served >= evaluation.target.threshold ? 'met' : 'not-met');
    }
  });

  it('every target of every set gets a status; speeds need the throughput analysis, free wifi has no data', () => {
    for (const id of ['hp-2020-2022', 'hp-2026-2030', 'national-2025-2030']) {
      const evaluations = evaluateTargets(set(id).targets, inputs);
      expect(evaluations.length).toBe(set(id).targets.length);
      for (const evaluation of evaluations) {
        if (evaluation.target.indicator === 'mean_download_mbps') expect(evaluation).toMatchObject({ status: 'needs-throughput', value: null });
        else if (evaluation.target.indicator === 'free_wifi_sites') expect(evaluation).toMatchObject({ status: 'no-data', reason: 'no-wifi-data' });
        else expect(['met', 'not-met']).toContain(evaluation.status);
      }
    }
  });
});
