/**
 * The layout switch in the worker session, on the embedded merged city: the 2025 units and the households loaded
 * (the households in their binary form), the 2019 layout and the crosswalk sent as the app sends them. Households regroup by the 489 units of 2019 (488 communes and Bạch Long
 * Vĩ, as the CLI's `--layout 2019`) and back; the figures of
 * each 2019 unit are checked against a count made here by point in polygon (the households file's 2025 codes are
 * ignored: some are also 2019 codes of other units), and an analysis keeps every household's class.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import inside from 'point-in-polygon-hao';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Ward } from '../../src/core/model.ts';
import { runSteps } from '../../src/core/steps.ts';
import { parseWards } from '../../src/io/parse-wards.ts';
import { EngineSession, type Progress } from '../../src/worker/engine-session.ts';
import type { SetLayoutResponse } from '../../src/worker/protocol.ts';
import { expectEqual } from '../helpers/expect-equal.ts';

const noProgress: Progress = () => undefined;
const read = (file: string) => readFileSync(`data/${file}`, 'utf8');
const HOUSEHOLDS = gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8');
/** data/households.bin.gz unzipped, which the app sends (its decoding equals the parse of the CSV: tests/scripts/generate-data.city.test.ts). */
const HOUSEHOLDS_BINARY = gunzipSync(readFileSync('data/households.bin.gz'));

function newSession(): EngineSession {
  const session = new EngineSession();
  session.load({ layer: 'wards', file: 'hp2025_wards_polygons.geojson' }, read('hp2025_wards_polygons.geojson'), noProgress);
  // a copy for each session, as each message of the app carries its own (the decoded layer may view the bytes)
  session.loadBinary('households', HOUSEHOLDS_BINARY.slice(), noProgress);
  return session;
}

function loadLayouts(session: EngineSession) {
  return session.loadLayouts(
    ['hp_wards_polygons.geojson', 'hd_wards_polygons.geojson'].map((file) => ({ file, text: read(file) })),
    { file: 'hp2025_crosswalk.csv', text: read('hp2025_crosswalk.csv') },
  ).value;
}

const switchTo = (session: EngineSession, layout: '2025' | '2019'): SetLayoutResponse => runSteps(session.setLayoutSteps(layout)).value;

describe('the reporting layouts in the worker session', () => {
  let units2019: Ward[];
  let points: Array<{ lon: number; lat: number; count: number }>;

  beforeAll(() => {
    units2019 = ['hp_wards_polygons.geojson', 'hd_wards_polygons.geojson'].flatMap((file) => parseWards(read(file), file).data);
    points = HOUSEHOLDS.trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [, lon, lat, count] = line.split(',');
        return { lon: Number(lon), lat: Number(lat), count: Number(count) };
      });
  });

  it('offers the 2019 layout for the embedded 2025 units, with former districts and approximation flags', () => {
    const session = newSession();
    const { info, reports } = loadLayouts(session);
    expect(reports.map((report) => [report.layer, report.status, report.kept])).toEqual([
      ['units2019', 'ok', 223],
      ['units2019', 'ok', 265],
      ['crosswalk', 'ok', 607],
    ]);
    expect(info.layout).toBe('2025');
    expect(info.available).toBe(true);
    expect(info.notes).toHaveLength(114);
    // the flags equal the polygons' own approx_split / approx_2024_link (65 and 17 units, data/SOURCES.md)
    const features = (JSON.parse(read('hp2025_wards_polygons.geojson')) as { features: Array<{ properties: Record<string, unknown> }> }).features;
    expect(info.notes.map((note) => note.split)).toEqual(features.map((feature) => feature.properties.approx_split === 1));
    expect(info.notes.map((note) => note.uncertainLink)).toEqual(features.map((feature) => feature.properties.approx_2024_link === 1));
    expect(info.notes.filter((note) => note.split)).toHaveLength(65);
    expect(info.notes.filter((note) => note.uncertainLink)).toHaveLength(17);
    // Phường Thủy Nguyên (11560) is made of communes of Huyện Thuỷ Nguyên only; Bạch Long Vĩ has no 2019
    // commune but the crosswalk names its district (old code 318)
    const thuyNguyen = features.findIndex((feature) => feature.properties.ward_code === '11560');
    expect(info.notes[thuyNguyen].formerDistricts).toEqual(['Huyện Thuỷ Nguyên']);
    const bachLongVi = features.findIndex((feature) => feature.properties.ward_code === '11948');
    expect(info.notes[bachLongVi].formerDistricts).toEqual(['Huyện Bạch Long Vĩ']);
  });

  it('does not offer the switch for a ward file of the user', () => {
    const session = new EngineSession();
    const square = { type: 'Polygon', coordinates: [[[106, 20], [107, 20], [107, 21], [106, 21], [106, 20]]] };
    session.load({ layer: 'wards', file: 'mine.geojson' }, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { ward_id: 'A', name: 'A' }, geometry: square }] }), noProgress);
    expect(loadLayouts(session).info.available).toBe(false);
    expect(() => switchTo(session, '2019')).toThrow(/2019 layout/);
  });

  it('regroups the households by the 488 communes of 2019 and Bạch Long Vĩ (as the CLI: by polygon among the 2019 units of the 2025 unit of each household) and back', () => {
    const session = newSession();
    loadLayouts(session);
    const before = switchTo(session, '2025');
    const to2019 = switchTo(session, '2019');
    expect(to2019.info.layout).toBe('2019');
    expect(to2019.wards).toHaveLength(489);
    expect(to2019.info.notes[0].formerDistricts).toEqual([units2019[0].district]);
    // Bạch Long Vĩ, which has no 2019 commune polygon, comes last with its district's code and census (SOURCES.md)
    expect(to2019.wards[488]).toMatchObject({ id: '318', name: 'Huyện Bạch Long Vĩ', households2019: 239 });
    expect(to2019.info.notes[488].formerDistricts).toEqual(['Huyện Bạch Long Vĩ']);
    const perUnit = to2019.assignment!.householdsPerWard;
    const total = points.reduce((sum, point) => sum + point.count, 0);
    expect(perUnit.reduce((sum, n) => sum + n, 0) + to2019.assignment!.outsideHouseholds).toBe(total);
    // five units counted here by hand: every point inside the unit's polygon (no overlap with a smaller unit there)
    for (const k of [0, 57, 222, 300, 487]) {
      const polygons = units2019[k].geometry.type === 'Polygon' ? [units2019[k].geometry.coordinates] : units2019[k].geometry.coordinates;
      const counted = points.filter((point) => polygons.some((polygon) => inside([point.lon, point.lat], polygon as number[][][]) !== false)).reduce((sum, point) => sum + point.count, 0);
      expect(perUnit[k]).toBe(counted);
    }
    // every household of the island is in it: those the 2025 layer puts in Đặc khu Bạch Long Vĩ (11948)
    const island = before.wards.findIndex((ward) => ward.id === '11948');
    expect(perUnit[488]).toBe(before.assignment!.householdsPerWard[island]);
    expect(perUnit[488]).toBeGreaterThan(0);
    expect(to2019.assignment!.outsideHouseholds).toBe(0);
    const back = switchTo(session, '2025');
    expect(back.wards).toHaveLength(114);
    expectEqual([...back.assignment!.wardOfHousehold], [...before.assignment!.wardOfHousehold]);
  });

  it('keeps every household class of an analysis and regroups its statistics and zones', () => {
    const session = newSession();
    session.load({ layer: 'sites', file: 'sites.csv' }, read('sites.csv'), noProgress);
    // the land mask, as the app loads it: the zones are drawn over land, not over the units
    session.load({ layer: 'land', file: 'hp2025_land.geojson' }, read('hp2025_land.geojson'), noProgress);
    loadLayouts(session);
    const analysis = session.analyse({ settings: { ...DEFAULT_SETTINGS, technology: '5G' }, zones: true }, noProgress).value;
    const to2019 = switchTo(session, '2019');
    const statistics = to2019.statistics!;
    expect(statistics.wards).toHaveLength(489);
    expect(statistics.total).toEqual(analysis.statistics.total);
    // each 2019 unit's weak + none = the sum over its households' classes, counted here
    const classes = analysis.coverage.signalClass;
    const wardOf = to2019.assignment!.wardOfHousehold;
    const weakOrNone = new Float64Array(489);
    points.forEach((point, h) => {
      if (wardOf[h] !== -1 && classes[h] >= 2) weakOrNone[wardOf[h]] += point.count;
    });
    expect(statistics.wards.map((row) => row.weak + row.none)).toEqual([...weakOrNone]);
    // the zones are the same shapes, their units now the 2019 codes
    expect(to2019.zones!.features.map((zone) => zone.geometry)).toEqual(analysis.zones!.features.map((zone) => zone.geometry));
    const codes2019 = new Set([...units2019.map((unit) => unit.id), '318']);
    expect(to2019.zones!.features.every((zone) => zone.properties.ward_ids.every((id) => codes2019.has(id)))).toBe(true);
    // an edit after the switch still answers by 2019 units
    const edit = session.removeCell(0).value;
    expect(edit.statistics.wards.every((row) => row.wardIndex < 489)).toBe(true);
  }, 60_000);

  it('compares the crosswalk and point-in-polygon groupings into the 2025 units', () => {
    const session = newSession();
    loadLayouts(session);
    const comparison = session.compareLayouts().value!;
    // Bạch Long Vĩ's households lie in its 2019 unit (the district, code 318 → 11948): none outside either way
    expect(comparison.outsideByCrosswalk).toBe(0);
    expect(comparison.outsideByPolygon).toBe(0);
    expect(comparison.movedHouseholds).toBeGreaterThan(0);
    expect(comparison.householdsByFileId).toBe(points.reduce((sum, point) => sum + point.count, 0));
    const largest = comparison.units[0];
    expect(Math.abs(largest.householdsByPolygon - largest.householdsByCrosswalk)).toBeGreaterThan(0);
    expect(largest.weakByCrosswalk).toBeNull();
  });
});
