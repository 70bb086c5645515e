/**
 * The first look the app takes at a file before importing it (sheet picker, CRS chooser, column mapping), on the
 * fixtures made by GDAL and LibreOffice (tests/fixtures/formats/make-fixtures.sh).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldSources, inspectLayerFile, requiredFields, tableCrsGuess } from '../../src/io/inspect-layer-file.ts';
import type { InputFile } from '../../src/io/sniff-format.ts';

const FORMATS = 'tests/fixtures/formats';
const fixture = (name: string): InputFile => ({ name, bytes: readFileSync(`${FORMATS}/${name}`) });
const text = (name: string, content: string): InputFile => ({ name, bytes: new TextEncoder().encode(content) });

describe('inspectLayerFile', () => {
  it('says a picture saved as .csv cannot be read, so the app asks nothing and the import reports it', async () => {
    const png = { name: 'anh-chup.csv', bytes: Uint8Array.from(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')) };
    const look = await inspectLayerFile([png]);
    expect(look.error).toMatch(/a PNG picture/);
    expect(look.header).toEqual([]);
    expect((await inspectLayerFile([text('empty.csv', '')])).error).not.toBeNull();
  });

  it('lists a workbook’s sheets and shows the header found below the title block, with Excel row numbers', async () => {
    const first = await inspectLayerFile([fixture('sites-title.xlsx')]);
    expect(first.format).toBe('xlsx');
    expect(first.sheets).toEqual(['Trạm BTS', 'Hộ gia đình']);
    expect(first.sheet).toBe('Trạm BTS');
    expect(first.header).toEqual(['STT', 'Mã trạm', 'Kinh độ', 'Vĩ độ', 'Nhà mạng', 'Công nghệ', 'Độ cao (m)', 'Ghi chú']);
    // rows 5, 6, 8, 9 as LibreOffice shows them (row 7 is blank)
    expect(first.rowNumbers).toEqual([5, 6, 8, 9]);
    expect(first.rows[0].slice(0, 4)).toEqual(['1', 'HP101', '106,6881', '20,8449']);
    const second = await inspectLayerFile([fixture('sites-title.xlsx')], { sheet: 'hộ gia đình' });
    expect(second.sheet).toBe('Hộ gia đình');
    expect(second.header).toEqual(['Mã hộ', 'X (m)', 'Y (m)', 'Số hộ']);
  });

  it('guesses the TM-3 zone of a table in metres once the coordinate columns are mapped (survey order X = northing)', async () => {
    const households = await inspectLayerFile([fixture('sites-title.xlsx')], { sheet: 'Hộ gia đình' });
    expect(tableCrsGuess(households, undefined)).toBeNull();
    const guess = tableCrsGuess(households, { lon: 'Y (m)', lat: 'X (m)' });
    expect(guess?.spec).toBe('vn2000-tm3:105.75');
    expect(guess?.looksLike.likely).toBe('tm3');
    expect(guess?.looksLike.eastingM).toBeGreaterThan(500_000);
    expect(guess?.looksLike.northingM).toBeGreaterThan(2_300_000);
  });

  it('gives a Shapefile’s CRS from its .prj, and a GeoJSON in metres without one a guess', async () => {
    const shapefile = await inspectLayerFile([fixture('wards-vn2000-tm3.zip')]);
    expect(shapefile.format).toBe('shapefile');
    expect(shapefile.crs).toMatch(/\(EPSG:9210\)$/);
    expect(shapefile.projected).toBeNull();
    expect(shapefile.geometryTypes.sort()).toEqual(['MultiPolygon', 'Polygon']);
    expect(shapefile.header).toContain('name');
    expect(shapefile.rowKind).toBe('feature');
    const metres = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { ten: 'A' }, geometry: { type: 'Point', coordinates: [597432, 2306068] } }],
    });
    const geojson = await inspectLayerFile([text('points.geojson', metres)]);
    expect(geojson.projected?.spec).toBe('vn2000-tm3:105.75');
  });

  it('reads a KMZ’s placemarks, whose names stand for the site id', async () => {
    const kmz = await inspectLayerFile([fixture('proposals.kmz')]);
    expect(kmz.format).toBe('kmz');
    expect(kmz.geometryTypes).toEqual(['Point']);
    const sources = fieldSources('sites', kmz.header, undefined, kmz.format);
    expect(sources.site_id).not.toBeNull();
    expect(sources.operator).toBe('operator');
  });

  it('detects names typed in TCVN3 fonts', async () => {
    const tcvn3 = await inspectLayerFile([fixture('wards-tcvn3.zip')]);
    expect(tcvn3.legacyEncoding).toBe('TCVN3');
  });

  it('reads a CSV’s header and first rows with their spreadsheet row numbers, blank lines counted', async () => {
    const csv = await inspectLayerFile([text('tram.csv', 'Mã trạm;Kinh độ;Vĩ độ\r\nA1;106,68;20,86\r\n\r\nA2;106,69;20,85\r\n')]);
    expect(csv.header).toEqual(['Mã trạm', 'Kinh độ', 'Vĩ độ']);
    expect(csv.rowNumbers).toEqual([2, 4]);
    expect(csv.rows[1]).toEqual(['A2', '106,69', '20,85']);
  });

  it('says why a file cannot be read', async () => {
    const broken = await inspectLayerFile([text('x.kml', '<kml><Document>')]);
    expect(broken.error).toMatch(/not well-formed XML/);
  });
});

describe('fieldSources and requiredFields', () => {
  it('finds each field through its aliases or the column map', () => {
    const header = ['Trạm', 'Kinh', 'Vĩ', 'operator', 'Loại'];
    const before = fieldSources('sites', header, undefined, 'xlsx');
    expect(requiredFields('sites', 'row').filter((field) => before[field] === null)).toEqual(['site_id', 'lon', 'lat', 'technology']);
    const after = fieldSources('sites', header, { site_id: 'Trạm', lon: 'Kinh', lat: 'Vĩ', technology: 'Loại' }, 'xlsx');
    expect(requiredFields('sites', 'row').map((field) => after[field])).toEqual(['Trạm', 'Kinh', 'Vĩ', 'operator', 'Loại']);
  });

  it("knows the Vietnamese headers of the department's spreadsheets, with or without diacritics, in any case", () => {
    const sources = (header: string[]) => requiredFields('sites', 'row').map((field) => fieldSources('sites', header, undefined, 'xlsx')[field]);
    expect(sources(['Mã trạm', 'Kinh độ', 'Vĩ độ', 'Nhà mạng', 'Công nghệ'])).toEqual(['Mã trạm', 'Kinh độ', 'Vĩ độ', 'Nhà mạng', 'Công nghệ']);
    // a Shapefile's DBF names: upper case, no diacritics, underscores
    expect(sources(['MA_TRAM', 'KINH_DO', 'VI_DO', 'NHA_MANG', 'CONG_NGHE'])).toEqual(['MA_TRAM', 'KINH_DO', 'VI_DO', 'NHA_MANG', 'CONG_NGHE']);
    // decomposed diacritics (NFD, as some Windows tools write them) fold the same
    const decomposed = ['Mã trạm', 'Kinh độ', 'Vĩ độ', 'Nhà mạng', 'Công nghệ'].map((text) => text.normalize('NFD'));
    expect(sources(decomposed)).toEqual(decomposed);
    // the documented names first: "site_id" wins over "Mã trạm" when a file has both
    expect(fieldSources('sites', ['Mã trạm', 'site_id'], undefined, 'csv').site_id).toBe('site_id');
  });
});
