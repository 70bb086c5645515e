/**
 * The report's renderers on a small model: every character the report can print exists in the embedded font;
 * the charts (vega, in Node without a DOM) carry their labelled legend, target lines and average; the PDF's
 * table of contents points at the pages where the sections really start (read back with pdftotext).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Polygon } from 'geojson';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { wardStatistics } from '../../../src/core/coverage/ward-statistics.ts';
import { fibreStatistics } from '../../../src/core/fibre/fibre-statistics.ts';
import { DEFAULT_SETTINGS, type HouseholdPoints, type Ward } from '../../../src/core/model.ts';
import { buildReport } from '../../../src/core/report/build-report.ts';
import { reportCharts } from '../../../src/core/report/report-charts.ts';
import { reportDocument } from '../../../src/core/report/report-document.ts';
import { REPORT_TEXT_KEYS, reportText } from '../../../src/core/report/report-i18n.ts';
import type { ReportLanguage } from '../../../src/core/report/report-model.ts';
import { renderChartSvg } from '../../../src/io/report/render-charts.ts';
import { loadReportFonts } from '../../../src/io/report/report-fonts.ts';
import { reportToPdf } from '../../../src/io/report/report-pdf.ts';

const fontBytes = { regular: readFileSync('data/fonts/NotoSans-Regular.ttf'), bold: readFileSync('data/fonts/NotoSans-Bold.ttf') };
const fonts = loadReportFonts(fontBytes);

const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y + 0.05], [x, y]]] });
const NAMES = ['Phường Quán Toan', 'Xã Đông Hưng', 'Xã An Hoà', 'Xã An Hoà', 'Thị trấn Vĩnh Bảo', 'Xã Hiệp Hoà'];
const wards: Ward[] = NAMES.map((name, i) => ({
  id: `U${i + 1}`,
  name,
  district: i < 3 ? 'Huyện Vĩnh Bảo' : 'Huyện Tiên Lãng',
  type: null,
  environment: null,
  population2019: null,
  households2019: null,
  geometry: square(106.3 + (i % 3) * 0.05, 20.6 + Math.floor(i / 3) * 0.05),
}));
const households: HouseholdPoints = {
  length: 12,
  ids: Array.from({ length: 12 }, (_, i) => `h${i}`),
  lon: new Float64Array(12),
  lat: new Float64Array(12),
  count: new Uint32Array([40, 10, 30, 5, 25, 25, 12, 8, 50, 1, 20, 20]),
  wardId: new Array(12).fill(null),
};
const wardOfHousehold = new Int32Array([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
const coverage = {
  technology: '4G' as const,
  operator: null,
  bestCell: new Int32Array(12).fill(-1),
  rsrpDbm: new Float32Array(12).fill(-Infinity),
  signalClass: new Uint8Array([0, 2, 0, 3, 1, 2, 2, 3, 0, 0, 3, 1]),
  sinrDb: new Float32Array(12).fill(NaN),
  throughputMbps: new Float32Array(12).fill(NaN),
  serversWithin6Db: new Uint8Array(12),
};
const passed = new Uint8Array([1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1]);

function model(language: ReportLanguage) {
  return buildReport({
    options: { organisation: 'Sở Khoa học và Công nghệ thành phố Hải Phòng', title: null, date: '2026-12-01', language, scope: { kind: 'city' }, layout: '2019', sections: ['summary', 'coverage', 'weakZones', 'fibre', 'sites', 'targets', 'methodology'] },
    softwareVersion: '0.1.0',
    sources: [{ layer: 'households', name: 'households.csv', date: '2026-11-20', synthetic: true }],
    wards,
    cells: [],
    householdPoints: households.length,
    settings: DEFAULT_SETTINGS,
    statistics: wardStatistics(wards, wardOfHousehold, households, coverage, passed, null),
    zones: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square(106.31, 20.61), properties: { zone_id: 'Z0001', households: 13, ward_ids: ['U1'], area_km2: 1.25, best_rsrp_dbm: -112.5, signal_class: 'weak' } }] },
    fibre: { statistics: fibreStatistics(wards, wardOfHousehold, households, passed, [80, 90, 100]), targetsPct: [80, 90, 100], plans: [] },
    siting: null,
    proposals: null,
    targets: null,
    provenance: ['Ranh giới xã, phường: thử nghiệm'],
  });
}

describe('report texts and the embedded font', () => {
  const faces = [fontkit.create(fontBytes.regular), fontkit.create(fontBytes.bold)] as fontkit.Font[];
  const missing = (text: string): string[] =>
    [...new Set([...text.normalize('NFC')])].filter((character) => /\S/.test(character) && faces.some((face) => !face.hasGlyphForCodePoint(character.codePointAt(0)!)));

  it('has a glyph for every character of every text in both languages', () => {
    for (const language of ['vi', 'en'] as const) {
      for (const key of REPORT_TEXT_KEYS) expect(missing(reportText(language, key)), `${language} ${key}`).toEqual([]);
    }
  });

  it('has a glyph for every character of a whole document, maps included', () => {
    for (const language of ['vi', 'en'] as const) {
      const document = reportDocument(model(language));
      const text = JSON.stringify(document).replace(/<[^>]+>/g, ' ');
      expect(missing(text), language).toEqual([]);
    }
  });
});

describe('report charts rendered by vega in Node', () => {
  const charts = reportCharts(model('vi'), 'coverage');

  it('marks the average on the weak-share chart and keeps units of the same name apart', async () => {
    const weak = charts.find((chart) => chart.id === 'weak-share')!;
    const svg = await renderChartSvg(weak.spec, fonts);
    expect(svg.startsWith('<svg')).toBe(true);
    // city: weak + none = 10+5+25+12+8+20 = 80 of 246 households → 32,5 %
    expect(svg).toContain('Trung bình 32,5 %');
    expect(svg).toContain('Xã An Hoà (Huyện Vĩnh Bảo)');
    expect(svg).toContain('Xã An Hoà (Huyện Tiên Lãng)');
    expect(svg).toContain('Tỷ lệ yếu + không sóng (%)');
  });

  it('draws the districts chart with a labelled legend of the four classes, in lightness order', async () => {
    const svg = await renderChartSvg(charts.find((chart) => chart.id === 'districts')!.spec, fonts);
    for (const label of ['Tốt', 'Khá', 'Yếu', 'Không có sóng', 'Huyện Vĩnh Bảo', 'Huyện Tiên Lãng']) expect(svg).toContain(`>${label}</text>`);
  });

  it('draws a rule and a label for each fibre target', async () => {
    const [fibre] = reportCharts(model('en'), 'fibre');
    const svg = await renderChartSvg(fibre.spec, fonts);
    for (const label of ['80 %', '90 %', '100 %']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('Households passed (%)');
  });
});

describe('reportToPdf', () => {
  it('writes a contents page whose page numbers are where the sections start', async () => {
    const bytes = await reportToPdf(reportDocument(model('vi')), fonts);
    const file = join(mkdtempSync(join(tmpdir(), 'phusong-pdf-')), 'r.pdf');
    writeFileSync(file, bytes);
    const pageText = (page: number): string => spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout;
    const contents = pageText(2);
    expect(contents).toContain('Mục lục');
    const entries = [...contents.matchAll(/^\s*(Phủ sóng di động|Vùng sóng yếu|Cáp quang \(FTTH\)|Trạm BTS đề xuất|Mục tiêu|Phụ lục: phương pháp)[ .]*?(\d+)\s*$/gm)];
    expect(entries).toHaveLength(6);
    for (const [, title, page] of entries) expect(pageText(Number(page)).trimStart().startsWith(title), `${title} on page ${page}`).toBe(true);
  });
});
