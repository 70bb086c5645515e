/**
 * The analysis pipeline every host uses (`analyse`) on the embedded merged city, each whole-city analysis run once
 * and read by every case that needs it: 4G (with the fibre network) and 5G, by the 114 units of 2025 and by the 488
 * communes of 2019.
 *
 * - The reporting layout never changes a prediction: both layouts give every household the same best server, RSRP
 *   and class. `analyse` builds the cells' environment from the households.
 * - The shipped target sets: every target gets a row, and each value is the same figure the analysis reports
 *   (ward statistics, fibre reach) or, for zone scopes, a direct count of the households inside the approximate
 *   zones.
 */
import { readFileSync } from 'node:fs';
import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, type AnalysisResult } from '../../src/core/analyse.ts';
import { indexWards } from '../../src/core/assign-wards.ts';
import { DEFAULT_SETTINGS, type Ward } from '../../src/core/model.ts';
import { evaluateTargets, type TargetInputs } from '../../src/core/targets/evaluate-targets.ts';
import type { TargetSet } from '../../src/core/targets/target-set.ts';
import { zoneMembership } from '../../src/core/targets/zone-membership.ts';
import { parseTargetSet } from '../../src/io/target-set-file.ts';
import { communes2019, fibreImport, householdsImport, sitesImport, units2025 } from '../helpers/embedded-city.ts';

const households = householdsImport().data;
const cells = sitesImport().data;
const layouts: Record<'2025' | '2019', Ward[]> = { '2025': units2025(), '2019': communes2019() };

/**
 * The analyses by technology and layout: 4G with the fibre network (the fibre targets read its reach; fibre does
 * not enter the radio prediction), 5G without, on the ward index and assignment of the 4G run of its layout as a
 * host that keeps them passes them.
 */
const analyses = {} as Record<'2025' | '2019', Record<'4G' | '5G', AnalysisResult>>;

beforeAll(() => {
  for (const layout of ['2025', '2019'] as const) {
    const wards = layouts[layout];
    const fourG = analyse({ wards, cells, households, fibre: fibreImport().data, land: null }, { ...DEFAULT_SETTINGS, technology: '4G' }, { zones: false });
    const fiveG = analyse(
      { wards, wardIndex: fourG.wardIndex, cells, households, assignment: fourG.assignment, fibre: null, land: null },
      { ...DEFAULT_SETTINGS, technology: '5G' },
      { zones: false },
    );
    analyses[layout] = { '4G': fourG, '5G': fiveG };
  }
}, 300_000);

describe('switching the ward layer between the 2025 and 2019 layouts', () => {
  it('leaves the units of many sites with another type (the groupings really differ)', () => {
    const [layout2025, layout2019] = [layouts['2025'], layouts['2019']];
    expect([layout2025.length, layout2019.length]).toEqual([114, 488]);
    const index2025 = indexWards(layout2025);
    const index2019 = indexWards(layout2019);
    const sites = new Map(cells.map((cell) => [cell.siteId, cell]));
    let retyped = 0;
    for (const { lon, lat } of sites.values()) {
      const a = index2025.locate(lon, lat).wardIndex;
      const b = index2019.locate(lon, lat).wardIndex;
      if (a !== -1 && b !== -1 && layout2025[a].type !== layout2019[b].type) retyped++;
    }
    // e.g. the xã and thị trấn of Thuỷ Nguyên and An Dương became phường: a rule by unit type would have moved
    // these sites' environment, and with it their households' RSRP
    expect(retyped).toBeGreaterThan(300);
  });

  for (const technology of ['4G', '5G'] as const) {
    it(`gives every household the same ${technology} best server, RSRP and class`, () => {
      const by2025 = analyses['2025'][technology].coverage;
      const by2019 = analyses['2019'][technology].coverage;
      expect(by2025.bestCell.some((cell) => cell !== -1)).toBe(true);
      expect(Buffer.from(by2019.bestCell.buffer).equals(Buffer.from(by2025.bestCell.buffer))).toBe(true);
      expect(Buffer.from(by2019.rsrpDbm.buffer).equals(Buffer.from(by2025.rsrpDbm.buffer))).toBe(true);
      expect(Buffer.from(by2019.signalClass.buffer).equals(Buffer.from(by2025.signalClass.buffer))).toBe(true);
    });
  }
});

const set = (id: string): TargetSet => parseTargetSet(readFileSync(`data/targets/${id}.json`, 'utf8'), id).data as TargetSet;
type ZoneFeature = Feature<Polygon, { id: string; name: string; kind: string }>;
const zoneFeatures = (JSON.parse(readFileSync('data/hp2025_zones.geojson', 'utf8')) as FeatureCollection<Polygon>).features as ZoneFeature[];

describe('the target sets on the embedded dataset', () => {
  let inputs: TargetInputs;
  let throughputMbps: NonNullable<TargetInputs['throughputMbps']>;

  beforeAll(() => {
    const { '4G': fourG, '5G': fiveG } = analyses['2025'];
    if (fourG.fibreCoverage === null) throw new Error('the analysis was given a fibre network');
    throughputMbps = { '4G': fourG.coverage.throughputMbps, '5G': fiveG.coverage.throughputMbps };
    inputs = {
      units: layouts['2025'],
      unitOfHousehold: fourG.assignment.wardIndex,
      count: households.count,
      signalClass: { '4G': fourG.coverage.signalClass, '5G': fiveG.coverage.signalClass },
      fibrePassed: fourG.fibreCoverage.passed,
      zoneMembership: zoneMembership(zoneFeatures.map((f) => ({ ...f.properties, geometry: f.geometry })), households),
    };
  });

  it('hp-2020-2022: the weak-zone and fibre targets equal the analysis’ own figures, city-wide and per unit', () => {
    const statistics = analyses['2025']['4G'].statistics;
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
    // turf decides; a zone's bounding box only spares it the points far outside
    const boxes = inZones.map((zone) => turfBbox(zone));
    let base = 0;
    let covered = 0;
    const fiveG = inputs.signalClass['5G'] as Uint8Array;
    for (let h = 0; h < households.length; h++) {
      const [lon, lat] = [households.lon[h], households.lat[h]];
      const inside = inZones.some((zone, z) => {
        const [west, south, east, north] = boxes[z];
        return lon >= west && lon <= east && lat >= south && lat <= north && booleanPointInPolygon([lon, lat], zone);
      });
      if (!inside) continue;
      base += households.count[h];
      if (fiveG[h] <= 1) covered += households.count[h];
    }
    expect(base).toBeGreaterThan(1000);
    expect([parksAndPorts.base, parksAndPorts.achieved]).toEqual([base, covered]);
  });

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
