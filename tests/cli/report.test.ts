/**
 * `phusong report` read as a person reads it: the PDF's text (poppler's pdftotext) carries the unit names with
 * their diacritics and the same figures as `analyze`, `fibre-plan` and `plan-sites` write for the same inputs;
 * every page is numbered "Trang i/N" with N the PDF's page count; the XLSX read back holds the numbers of
 * wards.csv as numbers. Inputs: the embedded wards of Vĩnh Bảo and Đồ Sơn with the embedded layers in their extent.
 * Numbers are formatted Vietnamese-style here by hand (thousands '.', decimals ','), not with the report's code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCitySubset } from '../helpers/city-subset.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { runCli, runCliOk, spawnCli, tempDir } from './run-cli.ts';

function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** 1234567 → "1.234.567"; 44.0567 with 2 decimals → "44,06". */
function vi(value: number, decimals = 0): string {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function pdfPages(path: string): number {
  const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

describe('phusong report on Vĩnh Bảo and Đồ Sơn', () => {
  const subset = writeCitySubset(['Huyện Vĩnh Bảo', 'Quận Đồ Sơn']);
  const out = tempDir('phusong-report');
  const inputs = ['--wards', subset.wards, '--sites', subset.sites, '--households', subset.households];
  const pdf = join(out, 'report.pdf');
  const xlsx = join(out, 'report.xlsx');
  const html = join(out, 'report-en.html');
  let wardsCsv: Record<string, string>[] = [];

  beforeAll(async () => {
    await runCliOk(['analyze', ...inputs, '--fibre', subset.fibre, '--out', join(out, 'analyze')]);
    for (const target of [80, 90, 100]) {
      await runCliOk(['fibre-plan', '--wards', subset.wards, '--households', subset.households, '--fibre', subset.fibre, '--target', String(target), '--scope', 'city', '--out', join(out, `fibre-${target}`)]);
    }
    await runCliOk(['plan-sites', ...inputs, '--count', '3', '--out', join(out, 'sites')]);
    const report = [...inputs, '--fibre', subset.fibre, '--sites-plan', 'count:3', '--date', '2026-12-01'];
    await runCliOk(['report', ...report, '--out', pdf]);
    await runCliOk(['report', ...report, '--out', xlsx]);
    await runCliOk(['report', ...report, '--lang', 'en', '--format', 'html', '--out', html]);
    wardsCsv = readCsv(join(out, 'analyze', 'wards.csv'));
  }, 600_000);

  it('numbers every page "Trang i/N" with N the page count', () => {
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(8);
    for (let page = 1; page <= pages; page++) expect(pdfText(pdf, page)).toContain(`Trang ${page}/${pages}`);
  });

  it('page 1 gives the organisation, the date, the households and the weak/none households of analyze', () => {
    const summary = JSON.parse(readFileSync(join(out, 'analyze', 'summary.json'), 'utf8')) as { totals: { households: number; weak: number; none: number; fibreHouseholds: number } };
    const page1 = pdfText(pdf, 1);
    expect(page1).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ THÀNH PHỐ HẢI PHÒNG');
    expect(page1).toContain('01/12/2026');
    expect(page1).toMatch(new RegExp(`Số hộ trong phạm vi\\s+${escapeRegExp(vi(summary.totals.households))}`));
    const weakOrNone = summary.totals.weak + summary.totals.none;
    expect(page1).toContain(`${vi(weakOrNone)} hộ (${vi((weakOrNone * 100) / summary.totals.households, 1)} %), trong đó ${vi(summary.totals.none)} hộ không có sóng`);
    expect(page1).toContain(`${vi(summary.totals.fibreHouseholds)} (${vi((summary.totals.fibreHouseholds * 100) / summary.totals.households, 1)} %)`);
    // the subset files are not the embedded ones: their kind is not stated (never claimed real)
    expect(page1).toMatch(/Hộ gia đình\s+households\.csv\s+\d{4}-\d{2}-\d{2}\s+Không ghi rõ/);
  });

  it('lists every unit with its diacritics and the figures of wards.csv', () => {
    const text = pdfText(pdf);
    expect(wardsCsv.length).toBe(subset.wardFeatures.length);
    for (const row of wardsCsv) {
      const numbers = [row.households, row.good, row.fair, row.weak, row.none].map((value) => vi(Number(value)));
      numbers.push(vi(Number(row.weak) + Number(row.none)), vi(Number(row.weak_pct), 2), vi(Number(row.fibre_households)), vi(Number(row.fibre_pct), 2));
      const line = new RegExp(`${escapeRegExp(row.ward_name)}\\s.*${numbers.map(escapeRegExp).join('\\s+')}\\s*$`, 'm');
      expect(text, `${row.ward_id} ${row.ward_name}`).toMatch(line);
    }
    expect(text).toContain('Xã Vĩnh Phong');
    expect(text).toContain('Phường Vạn Hương');
  });

  it('gives each fibre target the cable and cost of fibre-plan --scope city', () => {
    const text = pdfText(pdf);
    for (const target of [80, 90, 100]) {
      const summary = JSON.parse(readFileSync(join(out, `fibre-${target}`, 'summary.json'), 'utf8')) as {
        totals: { households: number; passedBefore: number; passedAfter: number; extensionM: number; costVnd: number; householdsGained: number };
      };
      const { totals } = summary;
      const needed = Math.ceil((target * totals.households) / 100 - 1e-9);
      const row = [target, vi(needed), vi(needed - totals.passedBefore), vi(totals.extensionM / 1000, 1), vi(totals.costVnd), vi(totals.householdsGained), vi((totals.passedAfter * 100) / totals.households, 2)];
      expect(text, `target ${target}`).toMatch(new RegExp(`^\\s*${row.map((value) => escapeRegExp(String(value))).join('\\s+')}\\s+(Có|Không)\\s*$`, 'm'));
    }
  });

  it('lists the new sites of plan-sites --count 3 with their coordinates and households', () => {
    const text = pdfText(pdf);
    const sites = new Map(readCsv(join(out, 'sites', 'new_sites.csv')).map((row) => [row.site_id, row]));
    // greedy stops early once every weak household it can lift is lifted
    expect(sites.size).toBeGreaterThanOrEqual(1);
    expect(sites.size).toBeLessThanOrEqual(3);
    for (const [siteId, row] of sites) {
      const line = new RegExp(`${escapeRegExp(siteId)}\\s+(\\d+,\\d{6})\\s+(\\d+,\\d{6})\\s+Planned\\s+${escapeRegExp(vi(Number(row.households_gained)))}\\s`).exec(text);
      expect(line, siteId).not.toBeNull();
      // 6 decimals (≈ 0.1 m), rounded either way at a tie
      const printed = (value: string): number => Number(value.replace(',', '.'));
      expect(Math.abs(printed(line![1]) - Number(row.lon))).toBeLessThanOrEqual(5.0001e-7);
      expect(Math.abs(printed(line![2]) - Number(row.lat))).toBeLessThanOrEqual(5.0001e-7);
    }
  });

  it('writes an XLSX whose units sheet holds wards.csv as numbers, under a frozen Vietnamese header', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('Xã, phường')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Mã đơn vị', 'Xã, phường', 'Quận/huyện cũ', 'Số hộ', 'Tốt', 'Khá', 'Yếu', 'Không sóng', 'Yếu + không sóng', 'Tỷ lệ yếu (%)', 'Hộ có cáp quang', 'Tỷ lệ cáp quang (%)',
      'Tốc độ trung vị (Mb/s)', 'Hộ đạt tốc độ mục tiêu', 'Tỷ lệ đạt tốc độ (%)',
    ]);
    wardsCsv.forEach((row, i) => {
      const values = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      expect(values).toEqual([
        row.ward_id,
        row.ward_name,
        expect.any(String),
        Number(row.households),
        Number(row.good),
        Number(row.fair),
        Number(row.weak),
        Number(row.none),
        Number(row.weak) + Number(row.none),
        Number(row.weak_pct),
        Number(row.fibre_households),
        Number(row.fibre_pct),
        row.median_throughput_mbps === '' ? '' : Number(row.median_throughput_mbps),
        Number(row.speed_ok_households),
        Number(row.speed_ok_pct),
      ]);
    });
    // widths fitted: no column narrower than its header or its longest name
    header.forEach((title, c) => expect(sheet.getColumn(c + 1).width!).toBeGreaterThanOrEqual(String(title).length));
    const longestName = Math.max(...wardsCsv.map((row) => row.ward_name.length));
    expect(sheet.getColumn(2).width!).toBeGreaterThanOrEqual(longestName);
    const names = workbook.worksheets.map((worksheet) => worksheet.name);
    expect(names).toEqual(expect.arrayContaining(['Thông tin', 'Xã, phường', 'Vùng sóng yếu', 'Cáp quang - mục tiêu', 'Trạm đề xuất', 'Nguồn dữ liệu']));
  });

  it('writes English HTML with a print stylesheet, every section, and the same figures', () => {
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('@page{size:A4 portrait');
    expect(page).toContain('counter(pages)');
    for (const section of ['coverage', 'weakZones', 'fibre', 'sites', 'targets', 'methodology']) expect(page).toContain(`id="section-${section}"`);
    expect(page).toContain('<th>Unit</th>');
    const first = wardsCsv[0];
    expect(page).toContain(`<td class="number">${Number(first.households).toLocaleString('en-GB')}</td>`);
    expect((page.match(/<figure /g) ?? []).length).toBeGreaterThanOrEqual(6);
  });
});

describe('phusong report with a target set (tests/fixtures/cli/targets, worked by hand in tests/cli/targets.test.ts)', () => {
  const fixture = 'tests/fixtures/cli/targets';
  const inputs = [
    '--wards', `${fixture}/wards.geojson`,
    '--sites', `${fixture}/sites.csv`,
    '--households', `${fixture}/households.csv`,
    '--fibre', `${fixture}/fibre.geojson`,
    '--zones', `${fixture}/zones.geojson`,
    '--target-set', `${fixture}/set.json`,
  ];

  it('prints every target with the value, target, gap and what closes it of the targets command', async () => {
    const out = tempDir('phusong-report-targets');
    await runCliOk(['targets', ...inputs, '--out', join(out, 'targets')]);
    const pdf = join(out, 'report.pdf');
    // the end-to-end case: the real command in its own process, as a user runs it
    const spawned = spawnCli(['report', ...inputs, '--sections', 'summary,targets,methodology', '--date', '2026-12-01', '--out', pdf]);
    expect(spawned.status, spawned.stderr).toBe(0);
    const text = pdfText(pdf);
    const lines = text.split('\n');
    const rows = readCsv(join(out, 'targets', 'targets.csv'));
    expect(rows.length).toBe(8);
    const shown = (value: string, decimals: number): string => (value === '' ? '–' : escapeRegExp(vi(Number(value), decimals)));
    // the director's table names each target by its indicator in words (the fixture's targets have no names of their own)
    const names: Record<string, string> = {
      weak_signal_households: 'Hộ sóng yếu hoặc',
      coverage_households: 'Hộ được phủ sóng',
      coverage_population: 'Dân số được phủ sóng',
      fibre_passed_households: 'Hộ có cáp quang đi qua',
      free_wifi_sites: 'Điểm wifi miễn phí',
    };
    for (const row of rows) {
      const pattern = new RegExp(
        `^${escapeRegExp(names[row.indicator])}.*\\s${shown(row.value, 2)}\\s+${shown(row.target, 2)}\\s+${shown(row.gap, 2)}\\s.*\\s${shown(row.to_close_sites, 0)}\\s+${shown(row.to_close_cable_m, 1)}\\s+${shown(row.to_close_cost_vnd, 0)}(\\s|$)`,
      );
      expect(lines.some((line) => pattern.test(line)), `${row.target_id}: ${pattern}`).toBe(true);
    }
    // by hand: 3 sites clear the weak 4G households; 302 m of cable, ≈ 36,08 million VND reach 60 % fibre
    expect(text).toMatch(/Hộ sóng yếu hoặc không có sóng\s.*\s32,77\s+0,00\s+32,77\s.*\s3\s+–\s+–\s/);
    expect(text).toMatch(/Hộ có cáp quang đi qua \(FTTH, %\)\s.*\s42,02\s+60,00\s+17,98\s.*\s–\s+302,0\s+36\.0[78]\d\.\d{3}\s/);
    // the source document once under each table (page 1 and the section), not on every row; no ids or keys
    expect(text.match(/Nguồn: Kế hoạch thử 1\/KH, 2026-01-02, Mục 2\./g)).toHaveLength(2);
    expect(text).not.toMatch(/weak-4g|coverage_households/);
    // page 1 states the set and how many targets are met; the sources list the target set and the zones layer
    expect(pdfText(pdf, 1)).toMatch(/Bộ mục tiêu Bộ thử\s+1\/8 mục tiêu đạt/);
    expect(text).toMatch(/Bộ mục tiêu\s+set\.json/);
    expect(text).toMatch(/Vùng mục tiêu\s+zones\.geojson/);
  }, 300_000);
});

describe('phusong report input errors', () => {
  const fixture = 'tests/fixtures/cli/analyze';
  const inputs = ['--wards', `${fixture}/wards.geojson`, '--sites', `${fixture}/sites.csv`, '--households', `${fixture}/households.csv`];
  const out = join(tempDir('phusong-report-errors'), 'r.pdf');

  it.each([
    [['--dataset', 'shared', '--out', out], "--dataset must be 'embedded'"],
    [[...inputs, '--layout', '2020', '--out', out], '--layout must be one of 2025, 2019'],
    [[...inputs, '--target-set', 'no-such-set', '--out', out], "--target-set: no target set named 'no-such-set'"],
    [[...inputs, '--scope', 'W1,NOPE', '--out', out], 'no unit with code NOPE'],
    [[...inputs, '--sites-plan', 'count:0', '--out', out], '--sites-plan must be'],
    [[...inputs, '--format', 'docx', '--out', out], '--format must be one of pdf, xlsx, html'],
    [[...inputs, '--lang', 'fr', '--out', out], '--lang must be one of vi, en'],
    [inputs, 'missing required option --out'],
  ])('exits 2 with one line for %j', async (args, message) => {
    const result = await runCli(['report', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports rejected rows beside the output and escapes imported names in the HTML', async () => {
    const dir = tempDir('phusong-report-escape');
    const wards = JSON.parse(readFileSync(`${fixture}/wards.geojson`, 'utf8'));
    wards.features[0].properties.name = '<script>alert("x")</script> & Xã';
    writeFileSync(join(dir, 'wards.geojson'), JSON.stringify(wards));
    const target = join(dir, 'r.html');
    const result = await runCli(['report', '--wards', join(dir, 'wards.geojson'), ...inputs.slice(2), '--out', target]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`see ${target}.rejected.csv`);
    expect(readFileSync(`${target}.rejected.csv`, 'utf8')).toMatch(/households\.csv,7,/);
    const page = readFileSync(target, 'utf8');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Xã');
  });
});

describe('phusong report with Shapefile, XLSX and VN-2000 inputs', () => {
  const FORMATS = 'tests/fixtures/formats';

  /** The units sheet of a report XLSX, row by row. */
  async function unitsSheet(path: string): Promise<unknown[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const rows: unknown[][] = [];
    workbook.getWorksheet('Xã, phường')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  it('reads its layers as every command does (--crs, --sheet, --map) and gives the figures of the GeoJSON/CSV twins', async () => {
    const dir = tempDir('phusong-report-formats');
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ households: { household_id: 'Mã hộ', lon: 'X (m)', lat: 'Y (m)', count: 'Số hộ' } }));
    const twins = join(dir, 'twins.xlsx');
    const users = join(dir, 'users.xlsx');
    await runCliOk(['report', '--wards', `${FORMATS}/wards-lechan.geojson`, '--sites', 'tests/fixtures/io/good/sites.csv', '--households', `${FORMATS}/households-tm3-wgs84.csv`, '--date', '2026-12-01', '--out', twins]);
    await runCliOk([
      'report',
      '--wards', `${FORMATS}/wards-lechan-vn2000.zip`,
      '--sites', `${FORMATS}/sites-plain.xlsx`,
      '--households', `${FORMATS}/sites-title.xlsx`,
      '--sheet', 'households=Hộ gia đình',
      '--crs', 'households=vn2000-tm3:105.75',
      '--map', map,
      '--date', '2026-12-01',
      '--out', users,
    ]);
    const expected = await unitsSheet(twins);
    // the twins' units as `analyze` counts them: 15 units of Lê Chân, some with households
    await runCliOk(['analyze', '--wards', `${FORMATS}/wards-lechan.geojson`, '--sites', 'tests/fixtures/io/good/sites.csv', '--households', `${FORMATS}/households-tm3-wgs84.csv`, '--out', join(dir, 'analyze')]);
    const wards = readCsv(join(dir, 'analyze', 'wards.csv'));
    expect(wards.length).toBe(15);
    expect(wards.some((row) => Number(row.households) > 0)).toBe(true);
    expect(expected.slice(1).map((row) => [row[0], row[3]])).toEqual(wards.map((row) => [row.ward_id, Number(row.households)]));
    expect(await unitsSheet(users)).toEqual(expected);
  });
});
