/**
 * `phusong analyze --provinces DIR`: a country province by province (src/cli/analyze-provinces.ts).
 *
 * 1. Worked by hand, free-space cells at handset height with EIRP −5 dBm (reach to the cut-off −135.24 dBm:
 *    10^((130.24 − 97.55) / 20) ≈ 43 km), distances by WGS84 metres per degree of longitude along a parallel:
 *    - a household of province A 1,000 m west of province B's site SB (and 9 km from A's own site SA) must be
 *      served by SB across the border: FSPL RSRP, and SINR = RSRP − N (SB's operator has no other cell),
 *      N = −174 + 10·log10(15,000) + 7 dBm;
 *    - a household at A's west edge 1,000 m from SA has province D's site SD, same operator and band, 40 km west:
 *      just inside SD's reach, so SD interferes: SINR = S / (0.5·I + N);
 *    - province C lies 200 km away: no cell crosses to or from it.
 * 2. A small seeded country (bench/generate-country.ts, 2 provinces side by side): every output equals one run of `analyze`
 *    over the whole country's files merged (rows in the same order; totals' medians to 0.01), and each province's
 *    rows equal a single `analyze` of that province with every other province's cells added to its sites.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCountry } from '../../bench/generate-country.ts';
import { listProvinces, provinceOrder } from '../../src/cli/analyze-provinces.ts';
import { runCli, runCliOk, tempDir } from './run-cli.ts';

const SITES_HEADER = 'site_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,tilt_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status';

function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

function rectangle(id: string, west: number, south: number, east: number, north: number): object {
  const ring = [[west, south], [east, south], [east, north], [west, north], [west, south]];
  return { type: 'Feature', properties: { ward_id: id, name: `Xã ${id}` }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** Writes one province folder: wards (rectangles), sites (CSV rows after the header), households (id, lon, lat). */
function writeProvince(dir: string, wards: object[], sites: string[], households: Array<[string, number, number]>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'wards.geojson'), JSON.stringify({ type: 'FeatureCollection', features: wards }));
  writeFileSync(join(dir, 'sites.csv'), [SITES_HEADER, ...sites].join('\n') + '\n');
  writeFileSync(join(dir, 'households.csv'), ['household_id,lon,lat,count', ...households.map(([id, lon, lat]) => `${id},${lon},${lat},1`)].join('\n') + '\n');
}

/** WGS84 metres per degree of longitude at `latDeg` (radius of the parallel, a = 6,378,137 m, e² = 0.00669438). */
function metresPerDegreeLon(latDeg: number): number {
  const phi = (latDeg * Math.PI) / 180;
  const e2 = 0.00669437999014;
  return ((Math.PI / 180) * 6378137 * Math.cos(phi)) / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
}

describe('analyze --provinces: a border household served across the border (by hand)', () => {
  const root = tempDir('phusong-provinces-hand');
  const lat = 20.05;
  const sbLon = 106.005;
  const h1Lon = sbLon - 1000 / metresPerDegreeLon(lat);
  const h6Lon = 105.91 - 1000 / metresPerDegreeLon(lat);
  const sdLon = h6Lon - 40_000 / metresPerDegreeLon(lat);
  const out = join(root, 'out');
  beforeAll(async () => {
    // FSPL omni cells at handset height (1.5 m: 3D = ground distance), 1,800 MHz, EIRP −5 dBm; SA Viettel, SB VNPT
    writeProvince(join(root, 'provinces', 'a'), [rectangle('A1', 105.9, 20.0, 106.0, 20.1)], [
      `SA,105.91,${lat},Viettel,4G,1800,1.5,,,,-5,0,0,fspl,urban,existing`,
    ], [['h1', h1Lon, lat], ['h2', 105.915, lat], ['h6', h6Lon, lat]]);
    writeProvince(join(root, 'provinces', 'b'), [rectangle('B1', 106.0, 20.0, 106.1, 20.1)], [
      `SB,${sbLon},${lat},VNPT,4G,1800,1.5,,,,-5,0,0,fspl,urban,existing`,
    ], [['h3', 106.05, lat]]);
    // 200 km east: beyond every reach (−5 dBm EIRP clears the cut-off −135.24 dBm out to ~43 km)
    writeProvince(join(root, 'provinces', 'c'), [rectangle('C1', 108.0, 20.0, 108.1, 20.1)], [
      `SC,108.05,${lat},Viettel,4G,1800,1.5,,,,-5,0,0,fspl,urban,existing`,
    ], [['h4', 108.06, lat]]);
    writeProvince(join(root, 'provinces', 'd'), [rectangle('D1', 105.45, 20.0, 105.55, 20.1)], [
      `SD,${sdLon},${lat},Viettel,4G,1800,1.5,,,,-5,0,0,fspl,urban,existing`,
    ], [['h7', 105.53, lat]]);
    await runCliOk(['analyze', '--provinces', join(root, 'provinces'), '--out', out]);
  });

  it('serves the household 1,000 m from the neighbouring site by that site, with the hand-computed RSRP and SINR', () => {
    const rows = Object.fromEntries(readCsv(join(out, 'households.csv')).map((row) => [row.household_id, row]));
    expect(Object.keys(rows)).toEqual(['h1', 'h2', 'h6', 'h3', 'h4', 'h7']);
    // FSPL(d, 1800 MHz) = 20·log10(d_km) + 20·log10(1800) + 32.4478; at 1 km 97.5533 dB: RSRP = −5 − 97.5533
    const fsplDb = (km: number): number => 20 * Math.log10(km) + 20 * Math.log10(1800) + 32.4478;
    const rsrp = -5 - fsplDb(1);
    expect(rows.h1.ward_id).toBe('A1');
    expect(rows.h1.best_site_id).toBe('SB');
    expect(Number(rows.h1.rsrp_dbm)).toBeCloseTo(rsrp, 1);
    const noiseDbm = -174 + 10 * Math.log10(15_000) + 7;
    expect(Number(rows.h1.sinr_db)).toBeCloseTo(rsrp - noiseDbm, 1);
    expect(rows.h2.best_site_id).toBe('SA');
    // SD at 40 km: −134.59 dBm, above the cut-off; I·0.5 + N in mW
    const mw = (dbm: number): number => 10 ** (dbm / 10);
    expect(rows.h6.best_site_id).toBe('SA');
    expect(Number(rows.h6.sinr_db)).toBeCloseTo(rsrp - 10 * Math.log10(0.5 * mw(-5 - fsplDb(40)) + mw(noiseDbm)), 1);
    expect(Number(rows.h6.sinr_db)).toBeLessThan(rsrp - noiseDbm - 0.2);
    expect(rows.h3.best_site_id).toBe('SB');
    expect(rows.h4.best_site_id).toBe('SC');
  });

  it('counts what SB serves on both sides of the border in cells.csv and the country in summary.json', () => {
    const cells = Object.fromEntries(readCsv(join(out, 'cells.csv')).map((row) => [row.cell_id, row]));
    expect(['SA-1', 'SB-1', 'SC-1', 'SD-1'].map((id) => cells[id].households_served)).toEqual(['2', '2', '1', '1']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ wards: 4, cells: 4, analysedCells: 4, householdPoints: 6 });
    expect(summary.totals.households).toBe(6);
    // A sees SB and SD (40 km from its west edge); B sees SA (9.5 km from its edge), not SD (50 km); D sees SA (37.6 km)
    const neighbours = summary.provinces.map((province: { id: string; neighbourCells: number }) => [province.id, province.neighbourCells]);
    expect(neighbours).toEqual([['a', 2], ['b', 1], ['c', 0], ['d', 1]]);
  });
});

describe('analyze --provinces: a seeded 2-province country against one whole-country run', () => {
  const root = tempDir('phusong-provinces-country');
  const provinces = join(root, 'provinces');
  const config = join(root, 'config.json');
  let country: ReturnType<typeof writeCountry>;
  const ids = ['p01', 'p02'];
  beforeAll(async () => {
    country = writeCountry(provinces, { seed: 11, scale: 0.01, provinces: 2 });
    // a coarse zone grid keeps the test short; zones are not compared (they are cut at province borders)
    writeFileSync(config, JSON.stringify({ zoneGridM: 500 }));
    // the whole country as one dataset: the provinces' files merged in province order
    const whole = join(root, 'whole');
    mkdirSync(whole);
    const features = ids.flatMap((id) => JSON.parse(readFileSync(join(provinces, id, 'wards.geojson'), 'utf8')).features);
    writeFileSync(join(whole, 'wards.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    for (const layer of ['sites', 'households']) {
      const parts = ids.map((id) => readFileSync(join(provinces, id, `${layer}.csv`), 'utf8').split('\n'));
      writeFileSync(join(whole, `${layer}.csv`), [parts[0][0], ...parts.flatMap((lines) => lines.slice(1).filter((line) => line !== ''))].join('\n') + '\n');
    }
    await runCliOk(['analyze', '--provinces', provinces, '--config', config, '--out', join(root, 'streamed')]);
    await runCliOk(['analyze', '--wards', join(whole, 'wards.geojson'), '--sites', join(whole, 'sites.csv'), '--households', join(whole, 'households.csv'), '--config', config, '--out', join(root, 'single')]);
  }, 120_000);

  it('has border households served from the neighbouring province (the case the streaming exists for)', () => {
    const rows = readCsv(join(root, 'streamed', 'households.csv'));
    const across = rows.filter((row) => row.best_site_id !== '' && row.best_site_id.slice(0, 3) !== row.household_id.slice(0, 3));
    expect(across.length).toBeGreaterThan(0);
    expect(rows.length).toBe(country.households);
  });

  it('writes households.csv, wards.csv and cells.csv as the whole-country run does', () => {
    for (const file of ['households.csv', 'wards.csv', 'cells.csv']) {
      expect(readFileSync(join(root, 'streamed', file), 'utf8'), file).toBe(readFileSync(join(root, 'single', file), 'utf8'));
    }
  });

  it('gives the whole-country totals (medians to 0.01) and counts in summary.json', () => {
    const streamed = JSON.parse(readFileSync(join(root, 'streamed', 'summary.json'), 'utf8'));
    const single = JSON.parse(readFileSync(join(root, 'single', 'summary.json'), 'utf8'));
    const round2 = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(2)));
    expect(streamed.totals).toEqual({ ...single.totals, medianSinrDb: round2(single.totals.medianSinrDb), medianThroughputMbps: round2(single.totals.medianThroughputMbps) });
    expect(streamed.outsideWards).toEqual(single.outsideWards);
    for (const key of ['wards', 'cells', 'analysedCells', 'householdPoints', 'rejected'] as const) expect(streamed.counts[key], key).toBe(single.counts[key]);
  });

  it("gives each province's rows as a single analyze of that province with the other provinces' cells added", async () => {
    const streamed = readFileSync(join(root, 'streamed', 'households.csv'), 'utf8').split('\n');
    const allSites = readFileSync(join(root, 'whole', 'sites.csv'), 'utf8');
    for (const id of ['p02']) {
      // the province's rows follow the header and the rows of the provinces before it
      const offset = 1 + ids.slice(0, ids.indexOf(id)).reduce((sum, each) => sum + country.provinces[ids.indexOf(each)].households, 0);
      const own = readFileSync(join(provinces, id, 'sites.csv'), 'utf8').split('\n');
      const others = allSites.split('\n').slice(1).filter((line) => line !== '' && !line.startsWith(`${id}S`));
      const sites = join(root, `${id}-sites.csv`);
      writeFileSync(sites, [...own.filter((line) => line !== ''), ...others].join('\n') + '\n');
      const out = join(root, `single-${id}`);
      await runCliOk(['analyze', '--wards', join(provinces, id, 'wards.geojson'), '--sites', sites, '--households', join(provinces, id, 'households.csv'), '--config', config, '--out', out]);
      const alone = readFileSync(join(out, 'households.csv'), 'utf8').split('\n');
      const count = country.provinces[ids.indexOf(id)].households;
      expect(streamed.slice(offset, offset + count)).toEqual(alone.slice(1, 1 + count));
      const wards = readFileSync(join(out, 'wards.csv'), 'utf8').split('\n').filter((line) => line !== '');
      const streamedWards = readFileSync(join(root, 'streamed', 'wards.csv'), 'utf8').split('\n');
      expect(streamedWards.filter((line) => line.startsWith(`${id}-`))).toEqual(wards.slice(1));
    }
  }, 60_000);
});

describe('analyze --provinces: on two threads as on one', () => {
  it('writes every output byte for byte as one thread does, the provinces analysed in two worker threads', async () => {
    const root = tempDir('phusong-provinces-threads');
    const provinces = join(root, 'provinces');
    writeCountry(provinces, { seed: 5, scale: 0.004, provinces: 4 });
    const config = join(root, 'config.json');
    writeFileSync(config, JSON.stringify({ zoneGridM: 400 }));
    const outputs: Record<string, string> = {};
    for (const threads of ['1', '2']) {
      outputs[threads] = join(root, `threads-${threads}`);
      await runCliOk(['analyze', '--provinces', provinces, '--config', config, '--threads', threads, '--out', outputs[threads]]);
    }
    for (const file of ['households.csv', 'wards.csv', 'cells.csv', 'zones.geojson', 'rejected.csv']) {
      expect(readFileSync(join(outputs['2'], file), 'utf8'), file).toBe(readFileSync(join(outputs['1'], file), 'utf8'));
    }
    // zones in every province, joined in province order
    const zoneIds: string[] = JSON.parse(readFileSync(join(outputs['1'], 'zones.geojson'), 'utf8')).features.map((zone: { properties: { zone_id: string } }) => zone.properties.zone_id);
    expect([...new Set(zoneIds.map((id) => id.split('-')[0]))]).toEqual(['p01', 'p02', 'p03', 'p04']);
    type Summary = { provinces: Array<Record<string, unknown>>; threads: number } & Record<string, unknown>;
    const read = (threads: string): Summary => JSON.parse(readFileSync(join(outputs[threads], 'summary.json'), 'utf8'));
    const [one, two] = [read('1'), read('2')];
    const withoutRun = ({ timingsMs, peakRssMiB, threads, provinces: each, ...rest }: Summary) => {
      void [timingsMs, peakRssMiB, threads];
      return { ...rest, provinces: each.map(({ timingsMs: t, rssMiB, thread, ...province }) => (void [t, rssMiB, thread], province)) };
    };
    expect(withoutRun(two)).toEqual(withoutRun(one));
    expect(one.provinces.map((province) => province.thread)).toEqual([0, 0, 0, 0]);
    const workers = new Set(two.provinces.map((province) => province.thread));
    expect([...workers].every((thread) => typeof thread === 'number' && thread > 0)).toBe(true);
    expect(workers.size).toBeLessThanOrEqual(2);
  }, 120_000);
});

describe('analyze --provinces: a neighbouring cell without an environment', () => {
  it('is counted and noted: across a border its environment comes from the analysed province', async () => {
    const root = tempDir('phusong-provinces-environment');
    writeProvince(join(root, 'provinces', 'a'), [rectangle('A1', 105.9, 20.0, 106.0, 20.1)], [
      'SA,105.95,20.05,Viettel,4G,1800,30,,,,15.2,17,2,cost231-hata,urban,existing',
    ], [['h1', 105.99, 20.05]]);
    writeProvince(join(root, 'provinces', 'b'), [rectangle('B1', 106.0, 20.0, 106.1, 20.1)], [
      'SB,106.01,20.05,VNPT,4G,1800,30,,,,15.2,17,2,cost231-hata,,existing',
    ], [['h2', 106.02, 20.05]]);
    const out = join(root, 'out');
    const run = await runCliOk(['analyze', '--provinces', join(root, 'provinces'), '--out', out]);
    expect(run.stderr).toContain('note: 1 neighbouring cell(s) give no environment');
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).neighbourCellsWithoutEnvironment).toBe(1);
  });
});

describe('analyze --provinces: input errors', () => {
  it('refuses the single-dataset layer options, a folder without provinces and a province without a layer', async () => {
    const root = tempDir('phusong-provinces-errors');
    const withWards = await runCli(['analyze', '--provinces', root, '--wards', 'x.geojson', '--out', join(root, 'out')]);
    expect([withWards.status, withWards.stderr]).toEqual([2, "error: --provinces reads each province's own files: drop --wards\n"]);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const none = await runCli(['analyze', '--provinces', empty, '--out', join(root, 'out')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no province folders/);
    mkdirSync(join(empty, 'p1'));
    writeFileSync(join(empty, 'p1', 'wards.geojson'), '{"type":"FeatureCollection","features":[]}');
    const missing = await runCli(['analyze', '--provinces', empty, '--out', join(root, 'out')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/p1: no sites file/);
  });

  it('stops with the input error of a province read in a worker thread (exit 2, its file named)', async () => {
    const root = tempDir('phusong-provinces-thread-error');
    writeProvince(join(root, 'provinces', 'a'), [rectangle('A1', 105.9, 20.0, 106.0, 20.1)], ['SA,105.95,20.05,Viettel,4G,1800,30,,,,15.2,17,2,cost231-hata,urban,existing'], [['h1', 105.99, 20.05]]);
    writeProvince(join(root, 'provinces', 'b'), [rectangle('B1', 106.0, 20.0, 106.1, 20.1)], ['SB,106.05,20.05,VNPT,4G,1800,30,,,,15.2,17,2,cost231-hata,urban,existing'], []);
    writeFileSync(join(root, 'provinces', 'b', 'households.csv'), 'not,a,households\nfile,at,all\n');
    const run = await runCli(['analyze', '--provinces', join(root, 'provinces'), '--threads', '2', '--out', join(root, 'out')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: .*provinces\/b\/households\.csv: /m);
  }, 60_000);

  it('stops the threads, already reading their provinces, when a sites file cannot be read (exit 2, no parts left)', async () => {
    const root = tempDir('phusong-provinces-sites-error');
    writeProvince(join(root, 'provinces', 'a'), [rectangle('A1', 105.9, 20.0, 106.0, 20.1)], ['SA,105.95,20.05,Viettel,4G,1800,30,,,,15.2,17,2,cost231-hata,urban,existing'], [['h1', 105.99, 20.05]]);
    writeProvince(join(root, 'provinces', 'b'), [rectangle('B1', 106.0, 20.0, 106.1, 20.1)], ['SB,106.05,20.05,VNPT,4G,1800,30,,,,15.2,17,2,cost231-hata,urban,existing'], [['h2', 106.05, 20.05]]);
    writeFileSync(join(root, 'provinces', 'b', 'sites.csv'), 'nonsense,columns\n1,2\n');
    const out = join(root, 'out');
    const run = await runCli(['analyze', '--provinces', join(root, 'provinces'), '--threads', '2', '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: .*provinces\/b\/sites\.csv: .*site_id/m);
    expect(existsSync(join(out, '.province-parts'))).toBe(false);
  }, 60_000);
});

describe('listProvinces', () => {
  it('finds each layer file by name, a Shapefile by its .shp, land when there is one', () => {
    const root = tempDir('phusong-provinces-list');
    mkdirSync(join(root, 'b'));
    mkdirSync(join(root, 'a'));
    for (const name of ['wards.cpg', 'wards.dbf', 'wards.prj', 'wards.shp', 'sites.csv', 'households.csv.gz']) writeFileSync(join(root, 'a', name), '');
    for (const name of ['wards.geojson', 'sites.xlsx', 'households.csv', 'land.geojson']) writeFileSync(join(root, 'b', name), '');
    expect(listProvinces(root)).toEqual([
      { id: 'a', dir: join(root, 'a'), wards: join(root, 'a', 'wards.shp'), sites: join(root, 'a', 'sites.csv'), households: join(root, 'a', 'households.csv.gz'), land: null },
      { id: 'b', dir: join(root, 'b'), wards: join(root, 'b', 'wards.geojson'), sites: join(root, 'b', 'sites.xlsx'), households: join(root, 'b', 'households.csv'), land: join(root, 'b', 'land.geojson') },
    ]);
  });
});

describe('provinceOrder', () => {
  it('takes the provinces over a sixteenth of the households first, largest first, then the others in province order', () => {
    // 100 in all: 40, 30 and 20 are over 6.25
    expect([...provinceOrder([5, 40, 3, 30, 2, 20])]).toEqual([1, 3, 5, 0, 2, 4]);
    // equal sizes keep province order
    expect([...provinceOrder([10, 10, 10])]).toEqual([0, 1, 2]);
    expect([...provinceOrder([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9])]).toEqual([17, ...Array.from({ length: 17 }, (_, p) => p)]);
    expect([...provinceOrder([])]).toEqual([]);
  });
});
