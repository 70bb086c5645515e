import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/model.ts';
import { RF_DEFAULTS } from '../../src/core/rf-defaults.ts';
import { parseSiteRows, parseSites } from '../../src/io/parse-sites.ts';
import { describeIssue } from '../../src/io/issue-messages.ts';
import { issueTuples, readFixture } from './fixtures.ts';

/** Defaulted-field notes as { column: [count, value] }, independent of their order. */
function defaultedNotes(result: ReturnType<typeof parseSites>): Record<string, [number, string]> {
  return Object.fromEntries(
    result.issues
      .filter((issue) => issue.code === 'defaulted-field')
      .map((issue) => [issue.column, [issue.params?.count, issue.params?.value]]),
  );
}

describe('parseSites, sites CSV', () => {
  const result = parseSites(readFixture('good/sites.csv'), 'sites.csv');
  const byId = Object.fromEntries(result.data.map((cell) => [cell.cellId, cell]));

  it('keeps every row, one cell each, ids `<site>-<k>` unless the file gives cell_id', () => {
    expect([result.status, result.read, result.kept, result.rejected]).toEqual(['ok-with-notes', 6, 6, 0]);
    expect(result.data.map((cell) => cell.cellId)).toEqual(['HP001-1', 'HP001-2', 'HP001-3', 'HP002-L1800-A', 'HP003-1', 'HP004-1']);
    expect(result.data.map((cell) => cell.azimuthDeg)).toEqual([0, 120, 240, null, 90, 30]);
  });

  it('reads every column of a complete row', () => {
    expect(byId['HP004-1']).toEqual({
      cellId: 'HP004-1', siteId: 'HP004', lon: 106.66, lat: 20.87, operator: 'Vietnamobile', technology: '5G',
      bandMhz: 3500, heightM: 25, azimuthDeg: 30, beamwidthDeg: 65, tiltDeg: 6, rsPowerDbm: 13.8, antennaGainDbi: 24,
      feederLossDb: 1, model: '3gpp-uma', environment: 'metropolitan', status: 'proposed', channel: null, bandwidthMhz: null,
    } satisfies Cell);
  });

  it('fills empty RF fields from RF_DEFAULTS of the row technology; empty azimuth = omni, empty tilt = none', () => {
    expect(byId['HP002-L1800-A']).toEqual({
      cellId: 'HP002-L1800-A', siteId: 'HP002', lon: 106.7012, lat: 20.8512, operator: 'VNPT', technology: '4G',
      bandMhz: 1800, heightM: 30, azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: 15.2,
      antennaGainDbi: 17, feederLossDb: 2, model: 'okumura-hata', environment: null, status: 'planned', channel: null, bandwidthMhz: null,
    } satisfies Cell);
    const twoG = byId['HP003-1'];
    expect([twoG.rsPowerDbm, twoG.antennaGainDbi, twoG.feederLossDb, twoG.beamwidthDeg]).toEqual([
      RF_DEFAULTS['2G'].rsPowerDbm, RF_DEFAULTS['2G'].antennaGainDbi, RF_DEFAULTS['2G'].feederLossDb, RF_DEFAULTS['2G'].beamwidthDeg,
    ]);
    expect([twoG.operator, twoG.status, twoG.environment]).toEqual(['MobiFone', 'existing', 'rural']);
  });

  it('notes each defaulted column once per file with its row count and the defaults used', () => {
    // HP002 (4G, omni) lacks band, height, power, gain, loss; HP003 (2G, azimuth 90) lacks beamwidth,
    // power, gain, loss. HP002's beamwidth is not noted: an omni cell never uses it.
    expect(defaultedNotes(result)).toEqual({
      band_mhz: [1, '1800 (4G)'],
      height_m: [1, '30 (4G)'],
      beamwidth_deg: [1, '65 (2G)'],
      rs_power_dbm: [2, '15.2 (4G), 43 (2G)'],
      antenna_gain_dbi: [2, '17 (4G), 15 (2G)'],
      feeder_loss_db: [2, '2 (4G), 3 (2G)'],
    });
    expect(result.issues.every((issue) => issue.severity === 'warning' && issue.index === null)).toBe(true);
  });

  it('rejects bad rows with exact rows and reasons', () => {
    const bad = parseSites(readFixture('bad/sites-bad-rows.csv'), 'bad-sites.csv');
    expect(issueTuples(bad.issues)).toEqual([
      [3, 'unknown-value', 'technology', 'error'],
      [4, 'missing-value', 'operator', 'error'],
      [5, 'not-a-number', 'band_mhz', 'error'],
      [6, 'out-of-range', 'height_m', 'error'],
      [7, 'out-of-range', 'azimuth_deg', 'error'],
      [8, 'unknown-value', 'status', 'error'],
      [10, 'missing-value', 'site_id', 'error'],
      [11, 'lon-lat-swapped', null, 'error'],
      [12, 'unknown-value', 'model', 'error'],
      [12, 'unknown-value', 'environment', 'error'],
      ...['beamwidth_deg', 'rs_power_dbm', 'antenna_gain_dbi', 'feeder_loss_db'].map(
        (column) => [null, 'defaulted-field', column, 'warning'] as [null, string, string, string],
      ),
    ]);
    // B1's third row is B1-3: the rejected second row of B1 still counts, so fixing it renames nothing
    expect(bad.data.map((cell) => cell.cellId)).toEqual(['B1-1', 'B1-3']);
    expect([bad.read, bad.kept, bad.rejected]).toEqual([11, 2, 9]);
    expect(bad.issues[4].params).toEqual({ value: '400', min: 0, max: 360 });
  });

  it('rejects a row whose model, environment, technology or status names an unknown value, listing the accepted ones', () => {
    // a value typed wrong must never silently change the result (issue 15): not the default model, not the ward's environment
    const header = 'site_id,lon,lat,operator,technology,model,environment,status';
    const rows = [
      'S1,106.7,20.8,Viettel,4G,no-such-model,,',
      'S2,106.7,20.8,Viettel,4G,,downtown,',
      'S3,106.7,20.8,Viettel,6G,,,',
      'S4,106.7,20.8,Viettel,4G,,,decommissioned',
      'S5,106.7,20.8,Viettel,4G,,,',
      'S6,106.7,20.8,Viettel,LTE,Hata,Urban,Quy hoạch',
    ];
    const result = parseSites([header, ...rows].join('\n'), 'sites.csv');
    const errors = result.issues.filter((issue) => issue.severity === 'error');
    expect(issueTuples(errors)).toEqual([
      [2, 'unknown-value', 'model', 'error'],
      [3, 'unknown-value', 'environment', 'error'],
      [4, 'unknown-value', 'technology', 'error'],
      [5, 'unknown-value', 'status', 'error'],
    ]);
    expect(errors.map((issue) => issue.params?.allowed)).toEqual([
      'fspl, okumura-hata, cost231-hata, 3gpp-uma, 3gpp-umi, 3gpp-rma',
      'metropolitan, urban, suburban, rural',
      '2G, 3G, 4G, 5G',
      'existing, planned, proposed',
    ]);
    expect(describeIssue(errors[0], 'en')).toContain('“no-such-model” is not a recognised value (accepted: fspl, okumura-hata, cost231-hata, 3gpp-uma, 3gpp-umi, 3gpp-rma)');
    expect(describeIssue(errors[0], 'en')).not.toContain('kept');
    expect(describeIssue(errors[1], 'vi')).toContain('“downtown” không phải giá trị hợp lệ (chấp nhận: metropolitan, urban, suburban, rural)');
    // empty values mean the defaults; known spellings are folded
    expect(result.data.map((cell) => [cell.siteId, cell.model, cell.environment, cell.technology, cell.status])).toEqual([
      ['S5', null, null, '4G', 'existing'],
      ['S6', 'okumura-hata', 'urban', '4G', 'planned'],
    ]);
  });

  it('rejects an unknown model or environment in a GeoJSON feature too', () => {
    const feature = (properties: Record<string, string>) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [106.7, 20.8] }, properties: { site_id: 'G', operator: 'VNPT', technology: '4G', ...properties },
    });
    const text = JSON.stringify({ type: 'FeatureCollection', features: [feature({ model: 'no-such-model' }), feature({ environment: 'space' }), feature({})] });
    const result = parseSites(text, 'sites.geojson');
    expect(issueTuples(result.issues.filter((issue) => issue.severity === 'error'))).toEqual([
      [0, 'unknown-value', 'model', 'error'],
      [1, 'unknown-value', 'environment', 'error'],
    ]);
    expect(result.data.map((cell) => cell.cellId)).toEqual(['G-3']);
  });

  it('reads the optional channel (or earfcn) and bandwidth_mhz columns, whole channel numbers in range, no default', () => {
    const text = [
      'site_id,lon,lat,operator,technology,earfcn,bandwidth_mhz',
      'C1,106.7,20.8,Viettel,4G,1850,20',
      'C2,106.7,20.8,Viettel,4G,,',
      'C3,106.7,20.8,Viettel,4G,1850.5,20',
      'C4,106.7,20.8,Viettel,4G,-1,20',
      'C5,106.7,20.8,Viettel,5G,3279165,500',
      'C6,106.7,20.8,Viettel,2G,62,0.2',
    ].join('\n');
    const result = parseSites(text, 'sites.csv');
    expect(result.data.map((cell) => [cell.siteId, cell.channel, cell.bandwidthMhz])).toEqual([
      ['C1', 1850, 20],
      ['C2', null, null],
      ['C6', 62, 0.2],
    ]);
    expect(issueTuples(result.issues.filter((issue) => issue.severity === 'error'))).toEqual([
      [4, 'not-an-integer', 'earfcn', 'error'],
      [5, 'out-of-range', 'earfcn', 'error'],
      [6, 'out-of-range', 'bandwidth_mhz', 'error'],
    ]);
    // an empty optional column is not a default: no note names it
    expect(Object.keys(defaultedNotes(result))).not.toContain('channel');
    expect(Object.keys(defaultedNotes(result))).not.toContain('bandwidth_mhz');
  });

  it('rejects repeated cell ids, given or generated', () => {
    const result = parseSites(readFixture('bad/sites-duplicate-cells.csv'), 'dup.csv');
    expect(result.data.map((cell) => cell.cellId)).toEqual(['C1', 'D1-3']);
    expect(issueTuples(result.issues).filter(([, code]) => code === 'duplicate-id')).toEqual([
      [3, 'duplicate-id', 'cell_id', 'error'],
      [5, 'duplicate-id', 'cell_id', 'error'],
    ]);
    expect(result.issues.filter((issue) => issue.code === 'duplicate-id').map((issue) => issue.params)).toEqual([
      { value: 'C1', first: 2 },
      { value: 'D1-3', first: 4 },
    ]);
    // defaults are counted for the two kept cells only
    expect(defaultedNotes(result).band_mhz).toEqual([2, '1800 (4G)']);
  });

  it('fails the file when a required column is missing', () => {
    const result = parseSites(readFixture('bad/sites-no-technology.csv'), 'no-tech.csv');
    expect(result.status).toBe('failed');
    expect(issueTuples(result.issues)).toEqual([[null, 'missing-column', 'technology', 'error']]);
  });

  it('reads ";"-delimited sites with decimal commas', () => {
    const text = 'site_id;lon;lat;operator;technology;rs_power_dbm\r\nS;106,7;20,8;Viettel;4g;15,2\r\n';
    const [cell] = parseSites(text, 's.csv').data;
    expect([cell.lon, cell.lat, cell.rsPowerDbm, cell.technology]).toEqual([106.7, 20.8, 15.2, '4G']);
  });

  it("reads the Vietnamese headers of an operator's spreadsheet saved as CSV (Excel, Vietnamese locale)", () => {
    const text =
      'STT;Mã trạm;Mã cell;Kinh độ;Vĩ độ;Nhà mạng;Công nghệ;Băng tần (MHz);Độ cao (m);Góc phương vị;Góc nghiêng;Trạng thái\r\n' +
      '1;HP101;HP101-1;106,6881;20,8449;Viettel;4G;1800;30,5;120;4;hiện có\r\n';
    const result = parseSites(text, 'tram.csv');
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(result.data[0]).toMatchObject({
      siteId: 'HP101', cellId: 'HP101-1', lon: 106.6881, lat: 20.8449, operator: 'Viettel', technology: '4G',
      bandMhz: 1800, heightM: 30.5, azimuthDeg: 120, tiltDeg: 4, status: 'existing',
    });
  });
});

describe('parseSites, a Shapefile-style GeoJSON with Vietnamese property names', () => {
  it('finds MA_TRAM, NHA_MANG, CONG_NGHE… folded as the table headers are', () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [106.7, 20.85] }, properties: { MA_TRAM: 'T1', NHA_MANG: 'MobiFone', CONG_NGHE: 'LTE', DO_CAO: 25 } },
      ],
    };
    const [cell] = parseSites(JSON.stringify(collection), 'tram.geojson').data;
    expect(cell).toMatchObject({ siteId: 'T1', operator: 'MobiFone', technology: '4G', heightM: 25 });
  });
});

describe('parseSites, GeoJSON points', () => {
  const result = parseSites(readFixture('good/sites.geojson'), 'sites.geojson');

  it('reads Point features; the feature id serves as cell id; other geometries are rejected', () => {
    expect(result.data.map((cell) => cell.cellId)).toEqual(['G1-A', 'G1-2', 'G3-1']);
    expect(result.data.map((cell) => [cell.lon, cell.lat, cell.azimuthDeg, cell.tiltDeg])).toEqual([
      [106.6881, 20.8449, 60, null],
      [106.6881, 20.8449, 180, 3],
      [106.7, 20.85, null, null],
    ]);
    expect(result.data[2]).toMatchObject({ operator: 'VNPT', technology: '3G', bandMhz: 2100, heightM: 28, rsPowerDbm: 33 });
    expect(issueTuples(result.issues)).toEqual([[2, 'wrong-geometry-type', null, 'error']]);
  });
});

describe('parseSites, OpenCelliD export', () => {
  const result = parseSites(readFixture('good/opencellid-452.csv'), 'opencellid.csv');
  const byId = Object.fromEntries(result.data.map((cell) => [cell.cellId, cell]));

  it('maps radio to technology and MNC to operator, with LTE sectors grouped by eNodeB', () => {
    expect(result.data.map((cell) => [cell.cellId, cell.siteId, cell.technology, cell.operator])).toEqual([
      // 26738433 = 104447·256 + 1 and 26738434 = 104447·256 + 2: two sectors of eNodeB 104447
      ['LTE-452-04-12001-26738433', '452-04-enb104447', '4G', 'Viettel'],
      ['LTE-452-04-12001-26738434', '452-04-enb104447', '4G', 'Viettel'],
      ['UMTS-452-02-30112-43450861', '452-02-30112-43450861', '3G', 'VNPT'],
      ['GSM-452-01-10041-36912', '452-01-10041-36912', '2G', 'MobiFone'],
      ['NR-452-04-12001-5368709121', '452-04-12001-5368709121', '5G', 'Viettel'],
    ]);
  });

  it('gives RF defaults, omni, existing status, and the exported position', () => {
    expect(byId['UMTS-452-02-30112-43450861']).toEqual({
      cellId: 'UMTS-452-02-30112-43450861', siteId: '452-02-30112-43450861', lon: 106.701234, lat: 20.851001,
      operator: 'VNPT', technology: '3G', bandMhz: 2100, heightM: 30, azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null,
      rsPowerDbm: 33, antennaGainDbi: 17, feederLossDb: 2, model: null, environment: null, status: 'existing', channel: null,
      bandwidthMhz: null,
    } satisfies Cell);
    expect(defaultedNotes(result).band_mhz).toEqual([5, '1800 (4G), 2100 (3G), 900 (2G), 3500 (5G)']);
    expect(defaultedNotes(result).azimuth_deg).toEqual([5, 'omni']);
  });

  it('rejects CDMA, foreign networks, unknown MNCs and repeated cells, with reasons', () => {
    expect(issueTuples(result.issues.filter((issue) => issue.severity === 'error'))).toEqual([
      [7, 'unknown-value', 'radio', 'error'],
      [8, 'unknown-value', 'mcc', 'error'],
      [9, 'unknown-value', 'net', 'error'],
      [10, 'duplicate-id', 'cell', 'error'],
    ]);
    const [radio, mcc, net] = result.issues;
    expect(describeIssue(radio, 'en')).toBe("Row 7, column 'radio': “CDMA” is not a recognised value (accepted: GSM, UMTS, LTE, NR).");
    expect(mcc.params).toEqual({ value: '310', allowed: '452' });
    expect(net.params).toEqual({
      value: '8',
      allowed: '01 MobiFone, 02 VNPT, 04 Viettel, 05 Vietnamobile, 07 Gmobile',
    });
    expect([result.read, result.kept, result.rejected]).toEqual([9, 5, 4]);
  });

  it('reads a headerless per-country download, numbering its first line row 1', () => {
    const headerless = parseSites(readFixture('good/opencellid-headerless.csv'), '452.csv');
    expect(headerless.data.map((cell) => [cell.cellId, cell.siteId, cell.operator, cell.technology])).toEqual([
      // 3584002 = 14000·256 + 2
      ['LTE-452-05-22005-3584002', '452-05-enb14000', 'Vietnamobile', '4G'],
      ['GSM-452-07-11011-5121', '452-07-11011-5121', 'Gmobile', '2G'],
    ]);
    const broken = parseSites('LTE,452,4,1,abc,0,106.7,20.8,1,1,1,1,1,0\n', '452.csv');
    expect(issueTuples(broken.issues)).toEqual([
      [null, 'no-valid-rows', null, 'error'],
      [1, 'not-a-number', 'cell', 'error'],
    ]);
  });
});

describe('parseSiteRows (candidate files): the radio fields each kept row gives', () => {
  it('counts a field as given only when the row has a valid value, and matches rows to cells past rejected ones', () => {
    const csv = [
      'site_id,lon,lat,operator,technology,rs_power_dbm,height_m,model,azimuth_deg',
      'A,106.1,20.8,Planned,4G,-40,,,',
      'B,bad,20.8,Planned,4G,10,40,,',
      'C,106.2,20.8,Planned,4G,, 35 ,okumura-hata,120',
    ].join('\n');
    const result = parseSiteRows(csv, 'candidates.csv');
    expect(result.data.cells.map((cell) => cell.cellId)).toEqual(['A-1', 'C-1']);
    expect(Object.fromEntries([...result.data.given].map(([id, fields]) => [id, [...fields].sort()]))).toEqual({
      'A-1': ['rsPowerDbm'],
      'C-1': ['azimuthDeg', 'heightM', 'model'],
    });
    // parseSites reads the same cells
    expect(parseSites(csv, 'candidates.csv').data).toEqual(result.data.cells);
  });

  it('reads the fields a GeoJSON feature gives, and none for an OpenCelliD export', () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: 'P1', geometry: { type: 'Point', coordinates: [106.1, 20.8] }, properties: { site_id: 'P', operator: 'x', technology: '5G', tilt_deg: 4, channel: '' } }],
    });
    expect([...parseSiteRows(geojson, 'c.geojson').data.given]).toEqual([['P1', new Set(['tiltDeg'])]]);
    const openCellId = 'radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal\nLTE,452,4,1,25601,0,106.1,20.8,1000,5,1,0,0,0\n';
    const read = parseSiteRows(openCellId, 'cells.csv');
    expect(read.data.cells).toHaveLength(1);
    expect([...read.data.given.values()]).toEqual([new Set()]);
  });
});
