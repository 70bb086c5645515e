/**
 * The report model on a hand-worked example: three units and a household outside them, classes and fibre set by
 * hand, so every total, share, ranking and target below is computed on paper:
 *
 * | point | unit | count | class | fibre |
 * |-------|------|-------|-------|-------|
 * | h0    | W1   | 10    | good  | yes   |
 * | h1    | W1   | 5     | weak  | no    |
 * | h2    | W2   | 20    | none  | yes   |
 * | h3    | W2   | 4     | fair  | no    |
 * | h4    | W3   | 8     | weak  | no    |
 * | h5    | —    | 3     | none  | yes   |
 *
 * City: 50 households, weak + none = 5 + 20 + 8 + 3 = 36 (72 %), fibre 10 + 20 + 3 = 33 (66 %).
 * Fibre targets: 80 % needs ⌈40⌉ = 40 (short 7), 90 % needs 45 (short 12), 100 % needs 50 (short 17).
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { wardStatistics } from '../../../src/core/coverage/ward-statistics.ts';
import { fibreStatistics } from '../../../src/core/fibre/fibre-statistics.ts';
import { DEFAULT_SETTINGS, type HouseholdPoints, type Ward } from '../../../src/core/model.ts';
import { buildReport, type ReportInput } from '../../../src/core/report/build-report.ts';
import { reportDocument } from '../../../src/core/report/report-document.ts';
import type { ReportOptions } from '../../../src/core/report/report-model.ts';
import type { ProposalEvaluation } from '../../../src/core/siting/evaluate-proposals.ts';

const square = (x: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, 20], [x + 0.1, 20], [x + 0.1, 20.1], [x, 20.1], [x, 20]]] });
const ward = (id: string, name: string, district: string, x: number): Ward => ({
  id,
  name,
  district,
  type: null,
  environment: null,
  population2019: null,
  households2019: null,
  geometry: square(x),
});
const wards = [ward('W1', 'Phường Một', 'Quận A', 106), ward('W2', 'Xã Hai', 'Huyện B', 106.1), ward('W3', 'Xã Ba', 'Huyện B', 106.2)];
const households: HouseholdPoints = {
  length: 6,
  ids: ['h0', 'h1', 'h2', 'h3', 'h4', 'h5'],
  lon: new Float64Array([106.05, 106.05, 106.15, 106.15, 106.25, 107]),
  lat: new Float64Array(6).fill(20.05),
  count: new Uint32Array([10, 5, 20, 4, 8, 3]),
  wardId: [null, null, null, null, null, null],
};
const wardOfHousehold = new Int32Array([0, 0, 1, 1, 2, -1]);
// 0 good, 1 fair, 2 weak, 3 none
const coverage = {
  technology: '4G' as const,
  operator: null,
  bestCell: new Int32Array(6).fill(-1),
  rsrpDbm: new Float32Array(6).fill(-Infinity),
  signalClass: new Uint8Array([0, 2, 3, 1, 2, 3]),
  sinrDb: new Float32Array(6).fill(NaN),
  throughputMbps: new Float32Array(6).fill(NaN),
  serversWithin6Db: new Uint8Array(6),
};
const passed = new Uint8Array([1, 0, 1, 0, 0, 1]);

function input(options: Partial<ReportOptions> = {}, extra: Partial<ReportInput> = {}): ReportInput {
  return {
    options: { organisation: 'Sở KH&CN', title: null, date: '2026-12-01', language: 'vi', scope: { kind: 'city' }, layout: null, sections: ['summary', 'coverage', 'fibre', 'sites', 'targets', 'methodology'], ...options },
    softwareVersion: '0.1.0',
    sources: [
      { layer: 'wards', name: 'wards.geojson', date: '2026-11-02', synthetic: false },
      { layer: 'households', name: 'households.csv', date: '2026-11-20', synthetic: true },
    ],
    wards,
    cells: [],
    householdPoints: households.length,
    settings: DEFAULT_SETTINGS,
    statistics: wardStatistics(wards, wardOfHousehold, households, coverage, passed, null),
    zones: null,
    fibre: { statistics: fibreStatistics(wards, wardOfHousehold, households, passed, [80, 90, 100]), targetsPct: [80, 90, 100], plans: [] },
    siting: null,
    proposals: null,
    targets: null,
    provenance: [],
    ...extra,
  };
}

describe('buildReport (hand-worked example)', () => {
  it('sums the city with the household outside every unit', () => {
    const model = buildReport(input());
    expect(model.totals).toMatchObject({ households: 50, good: 10, fair: 4, weak: 13, none: 23, weakOrNone: 36, weakPct: 72, fibrePassed: 33, fibrePct: 66 });
    expect(model.outsideHouseholds).toBe(3);
    expect(model.dataDate).toBe('2026-11-20');
  });

  it('ranks the worst units by weak + none households and groups units by former district', () => {
    const model = buildReport(input());
    expect(model.worstUnits.map((unit) => [unit.unitId, unit.weakOrNone])).toEqual([['W2', 20], ['W3', 8], ['W1', 5]]);
    expect(model.worstUnits[0].weakPct).toBeCloseTo((20 * 100) / 24, 10);
    expect(model.districts).toEqual([
      { district: 'Huyện B', units: 2, households: 32, good: 0, fair: 4, weak: 8, none: 20, weakOrNone: 28, weakPct: 87.5 },
      { district: 'Quận A', units: 1, households: 15, good: 10, fair: 0, weak: 5, none: 0, weakOrNone: 5, weakPct: (5 * 100) / 15 },
    ]);
  });

  it('gives each fibre target the households needed and short', () => {
    const model = buildReport(input());
    expect(model.fibre!.targets.map((target) => [target.targetPct, target.needed, target.shortfall, target.met, target.plan])).toEqual([
      [80, 40, 7, false, null],
      [90, 45, 12, false, null],
      [100, 50, 17, false, null],
    ]);
  });

  it('restricts a units scope to its units (no outside households), with the crosswalk districts when given', () => {
    const model = buildReport(input({ scope: { kind: 'units', unitIds: ['W2', 'W1'] } }, { formerDistricts: { W2: ['Huyện Vĩnh Bảo', 'Huyện Tiên Lãng'] } }));
    expect(model.units.map((unit) => unit.unitId)).toEqual(['W2', 'W1']);
    expect(model.totals).toMatchObject({ households: 39, weakOrNone: 25, fibrePassed: 30 });
    expect(model.totals.weakPct).toBeCloseTo((25 * 100) / 39, 10);
    expect(model.outsideHouseholds).toBe(0);
    // 80 % of 39 = 31.2 → 32 needed, 30 passed
    expect(model.fibre!.targets[0]).toMatchObject({ needed: 32, shortfall: 2 });
    expect(model.units[0].formerDistricts).toEqual(['Huyện Vĩnh Bảo', 'Huyện Tiên Lãng']);
    expect(model.districts!.map((row) => row.district)).toEqual(['Huyện Vĩnh Bảo', 'Quận A']);
    expect(model.geometry.units.map((unit) => unit.unitId)).toEqual(['W2', 'W1']);
  });

  it('lists operator proposals with the decisions, pending by default, and a scope\'s own lifted households', () => {
    const proposal = (siteId: string, wardsCovered: Array<[string, number, number]>): ProposalEvaluation => ({
      siteId,
      operator: 'Viettel',
      lon: 106.15,
      lat: 20.05,
      cellIds: [`${siteId}-1`],
      householdsCovered: wardsCovered.reduce((sum, [, covered]) => sum + covered, 0),
      householdsLifted: wardsCovered.reduce((sum, [, , lifted]) => sum + lifted, 0) + 1,
      householdsDuplicated: 0,
      duplicateShare: 0,
      wards: wardsCovered.map(([wardId, householdsCovered, householdsLifted]) => ({ wardId, wardName: wardId, householdsCovered, householdsLifted })),
      nearestExistingSiteId: null,
      nearestExistingDistanceM: null,
    });
    const proposals = { evaluations: [proposal('P1', [['W2', 24, 20], ['W3', 8, 8]]), proposal('P2', [['W3', 8, 0]])], decisions: new Map([['P1', 'approved' as const]]) };
    const city = buildReport(input({}, { proposals }));
    expect(city.sites!.sites.map((site) => [site.siteId, site.householdsLifted, site.decision])).toEqual([['P1', 29, 'approved'], ['P2', 1, 'pending']]);
    const scoped = buildReport(input({ scope: { kind: 'units', unitIds: ['W2'] } }, { proposals }));
    expect(scoped.sites!.sites.map((site) => [site.siteId, site.householdsLifted, site.unitIds])).toEqual([['P1', 20, ['W2']]]);
  });

  it('says the targets are not available instead of inventing them, and shows them when evaluated', () => {
    const without = reportDocument(buildReport(input()));
    const targetsSection = without.sections.find((section) => section.id === 'targets')!;
    expect(targetsSection.blocks).toEqual([{ kind: 'paragraph', text: expect.stringContaining('Chưa có') }]);
    expect(without.workbook.some((table) => table.id === 'targets')).toBe(false);

    const figures = { unit: '%', status: 'not-met' as const, toCloseSites: null, source: 'KH 317/KH-UBND' };
    const rows = [
      { ...figures, targetId: 'fibre-80', name: { vi: 'Cáp quang đến 80 % hộ', en: 'Fibre to 80 % of households' }, indicator: 'fibre_passed_households', technology: 'FTTH', scope: { kind: 'city' as const }, value: 66, target: 80, gap: 14, deadline: '2022-12-31', toCloseCableM: 1200, toCloseCostVnd: 53_000_000 },
      { ...figures, targetId: '5g-kcn', name: null, indicator: 'coverage_households', technology: '5G', scope: { kind: 'zones' as const, zoneKinds: ['industrial_park', 'port', 'quarry'] }, value: 50, target: 100, gap: 50, deadline: '2025-12-31', toCloseCableM: null, toCloseCostVnd: null },
      { ...figures, targetId: 'units', name: null, indicator: 'new_indicator', technology: '4G', scope: { kind: 'units' as const, unitIds: ['11311', '11383'] }, value: 90, target: 95, gap: 5, deadline: '2030-12-31', toCloseCableM: null, toCloseCostVnd: null },
    ];
    const withTargets = reportDocument(buildReport(input({}, { targets: { set: { id: 'hp-2020-2022', name: 'Hải Phòng 2020–2022', sources: ['KH 317/KH-UBND'] }, rows } })));
    // the workbook keeps the ids, keys and sources a spreadsheet filters on
    const table = withTargets.workbook.find((entry) => entry.id === 'targets')!;
    expect(table.rows[0]).toEqual(['fibre-80', 'fibre_passed_households (%)', 'city', 66, 80, 14, 'Chưa đạt', '2022-12-31', null, 1200, 53_000_000, 'KH 317/KH-UBND']);
    // the reader's table (page 1 and the section): names and scopes in words, the source once under it
    const reading = withTargets.cover.find((block) => block.kind === 'table' && block.table.id === 'targets');
    if (reading?.kind !== 'table') throw new Error('no targets table on page 1');
    expect(reading.table.rows).toEqual([
      ['Cáp quang đến 80 % hộ (%)', 'Toàn thành phố', 66, 80, 14, 'Chưa đạt', '2022-12-31', null, 1200, 53_000_000],
      ['Hộ được phủ sóng (5G, %)', 'Vùng: khu công nghiệp, cảng, quarry', 50, 100, 50, 'Chưa đạt', '2025-12-31', null, null, null],
      ['new_indicator (4G, %)', '2 xã, phường', 90, 95, 5, 'Chưa đạt', '2030-12-31', null, null, null],
    ]);
    expect(withTargets.cover[withTargets.cover.indexOf(reading) + 1]).toEqual({
      kind: 'paragraph',
      text: 'Nguồn: KH 317/KH-UBND. Khoảng cách của một tỷ lệ tính bằng điểm phần trăm.',
    });
    const section = withTargets.sections.find((entry) => entry.id === 'targets')!;
    expect(section.blocks.map((block) => block.kind)).toEqual(['paragraph', 'table', 'paragraph']);
  });

  it('lays out page 1, the ticked sections in order, and the workbook', () => {
    const document = reportDocument(buildReport(input({ sections: ['methodology', 'summary', 'coverage'] })));
    expect(document.sections.map((section) => section.id)).toEqual(['coverage', 'methodology']);
    const facts = document.cover.filter((block) => block.kind === 'facts').flatMap((block) => block.rows);
    expect(facts).toContainEqual({ label: 'Hộ có sóng 4G yếu hoặc không có sóng', value: '36 hộ (72,0 %), trong đó 23 hộ không có sóng' });
    expect(facts).toContainEqual({ label: 'Mục tiêu 80 %', value: 'thiếu 7 hộ' });
    expect(facts).toContainEqual({ label: 'Tập trung nhiều nhất tại', value: 'Xã Hai (Huyện B): 20; Xã Ba (Huyện B): 8; Phường Một (Quận A): 5' });
    const sources = document.workbook.find((table) => table.id === 'sources')!;
    expect(sources.rows).toEqual([
      ['Ranh giới xã, phường', 'wards.geojson', '2026-11-02', 'Thực'],
      ['Hộ gia đình', 'households.csv', '2026-11-20', 'GIẢ LẬP (tổng hợp, không phải số liệu thực)'],
    ]);
    const english = reportDocument(buildReport(input({ language: 'en' })));
    expect(english.title).toBe('Telecom infrastructure report: mobile coverage and fibre');
    expect(english.workbook.find((table) => table.id === 'units')!.columns[3].header).toBe('Households');
  });
});

/**
 * Speeds by hand (4G, target 40 Mb/s; a point without a server downloads 0 Mb/s), lower weighted medians:
 * h0 60 Mb/s ×10, h1 — ×5, h2 — ×20, h3 45 ×4, h4 30 ×8, h5 — ×3.
 * W1: 0 ×5, 60 ×10 → median 60 (5 < 7.5 ≤ 15), at speed 10 of 15 (66.67 %); W2: 0 ×20, 45 ×4 → median 0, 4 of 24
 * (16.67 %); W3: 30 ×8 → median 30, 0 of 8. City: 0 weighs 28 of 50 ≥ 25 → median 0; at speed 14 of 50 (28 %).
 */
describe('buildReport: download speed against the 40 Mb/s 4G target (hand-worked)', () => {
  const withSpeeds = { ...coverage, throughputMbps: Float32Array.from([60, NaN, NaN, 45, 30, NaN]) };
  const speedInput = (options: Partial<ReportOptions> = {}) =>
    input(options, { statistics: wardStatistics(wards, wardOfHousehold, households, withSpeeds, passed, 40) });

  it('gives every unit its median, households at speed and share, and the city its own', () => {
    const model = buildReport(speedInput());
    expect(model.units.map((unit) => [unit.unitId, unit.medianThroughputMbps, unit.speedOkHouseholds])).toEqual([
      ['W1', 60, 10],
      ['W2', 0, 4],
      ['W3', 30, 0],
    ]);
    expect(model.units[0].speedOkPct).toBeCloseTo((10 * 100) / 15, 10);
    expect(model.speed).toEqual({ technology: '4G', targetMbps: 40, households: 50, medianThroughputMbps: 0, speedOkHouseholds: 14, speedOkPct: 28 });
  });

  it('sums a selection of units (no combined median) and keeps one unit’s median', () => {
    const two = buildReport(speedInput({ scope: { kind: 'units', unitIds: ['W2', 'W1'] } })).speed!;
    expect(two).toMatchObject({ households: 39, medianThroughputMbps: null, speedOkHouseholds: 14 });
    expect(two.speedOkPct).toBeCloseTo((14 * 100) / 39, 10);
    expect(buildReport(speedInput({ scope: { kind: 'units', unitIds: ['W1'] } })).speed).toMatchObject({ medianThroughputMbps: 60, speedOkHouseholds: 10 });
  });

  it('prints the speed columns, the lowest units first, a chart and the lead with the figures', () => {
    const document = reportDocument(buildReport(speedInput()));
    const units = document.workbook.find((table) => table.id === 'units')!;
    expect(units.columns.slice(-3).map((column) => column.header)).toEqual(['Tốc độ trung vị (Mb/s)', 'Hộ đạt tốc độ mục tiêu', 'Tỷ lệ đạt tốc độ (%)']);
    expect(units.rows.map((row) => row.slice(-3))).toEqual([[60, 10, 66.67], [0, 4, 16.67], [30, 0, 0]]);
    const lowest = document.workbook.find((table) => table.id === 'speed-units')!;
    expect(lowest.rows.map((row) => row[0])).toEqual(['Xã Ba', 'Xã Hai', 'Phường Một']);
    const coverageSection = document.sections.find((section) => section.id === 'coverage')!;
    const text = coverageSection.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : [])).join(' ');
    expect(text).toContain('14 hộ (28,00 %) đạt từ 40 Mb/s');
    expect(text).toContain('trung vị 0,0 Mb/s');
    expect(coverageSection.blocks.some((block) => block.kind === 'chart' && block.id === 'speed-by-unit')).toBe(true);
  });

  it('has no speed part for an analysis without throughput (2G/3G, or no speed target)', () => {
    expect(buildReport(input()).speed).toBeNull();
    const document = reportDocument(buildReport(input()));
    expect(document.workbook.some((table) => table.id === 'speed-units')).toBe(false);
  });
});
