/**
 * Every format through the one entry point, on files made by other tools (tests/fixtures/formats/make-fixtures.sh:
 * GDAL, PROJ, LibreOffice, Info-ZIP): the same layers as their CSV/GeoJSON twins, places as the tools show them,
 * and hostile files refused with a reason.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assignWards, indexWards } from '../../src/core/assign-wards.ts';
import { idsArray } from '../../src/core/household-ids.ts';
import type { Cell, HouseholdPoints, Ward } from '../../src/core/model.ts';
import { parseCrsSpec } from '../../src/io/crs-spec.ts';
import type { Crs } from '../../src/io/crs.ts';
import type { ImportIssue } from '../../src/io/import-result.ts';
import { describeIssue } from '../../src/io/issue-messages.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { parseWards } from '../../src/io/parse-wards.ts';
import { readLayerFile, type LayerName, type ReadLayerOptions } from '../../src/io/read-layer-file.ts';
import type { InputFile } from '../../src/io/sniff-format.ts';

const FORMATS = 'tests/fixtures/formats';
const fixture = (name: string): InputFile => ({ name, bytes: readFileSync(`${FORMATS}/${name}`) });
const text = (name: string, content: string): InputFile => ({ name, bytes: new TextEncoder().encode(content) });
const crs = (spec: string): Crs => {
  const reading = parseCrsSpec(spec);
  if (!reading.ok) throw new Error(reading.error);
  return reading.crs;
};
const read = <L extends LayerName>(layer: L, files: InputFile | InputFile[], options: ReadLayerOptions = {}) =>
  readLayerFile(layer, Array.isArray(files) ? files : [files], options);
const codes = (issues: readonly ImportIssue[]) => issues.map((issue) => issue.code);
const fileIssue = (issues: readonly ImportIssue[]) => issues.find((issue) => issue.index === null && issue.severity === 'error');

const wardsGeoJson = readFileSync('data/hp_wards_polygons.geojson', 'utf8');
const twinWards = parseWards(wardsGeoJson, 'hp_wards_polygons.geojson').data;
const twinSites = parseSites(readFileSync('tests/fixtures/io/good/sites.csv', 'utf8'), 'sites.csv').data;

/** Largest distance in metres between corresponding positions of two ward lists (same order, same shapes). */
function maxPositionErrorM(a: Ward[], b: Ward[]): number {
  let worst = 0;
  const flat = (ward: Ward): number[][] => (ward.geometry.type === 'Polygon' ? ward.geometry.coordinates.flat() : ward.geometry.coordinates.flat(2));
  a.forEach((ward, i) => {
    const p = flat(ward);
    const q = flat(b[i]);
    expect(q.length).toBe(p.length);
    for (let k = 0; k < p.length; k++) {
      const dx = (p[k][0] - q[k][0]) * 111_320 * Math.cos((p[k][1] * Math.PI) / 180);
      const dy = (p[k][1] - q[k][1]) * 110_570;
      worst = Math.max(worst, Math.hypot(dx, dy));
    }
  });
  return worst;
}

describe('Shapefile (made by ogr2ogr)', () => {
  it('a VN-2000 / TM-3 105°45′ Shapefile of the wards reads back as the GeoJSON wards, within a centimetre', async () => {
    const result = await read('wards', fixture('wards-vn2000-tm3.zip'));
    expect(result.status).not.toBe('failed');
    expect(result.format).toBe('shapefile');
    expect(result.crs).toContain('EPSG:9210');
    expect(result.kept).toBe(223);
    expect(result.data.map((ward) => [ward.id, ward.name, ward.district, ward.population2019])).toEqual(
      twinWards.map((ward) => [ward.id, ward.name, ward.district, ward.population2019]),
    );
    // the Shapefile stores outer rings clockwise, so ogr2ogr may have reversed rings: compare the vertices sorted
    const sortedVertices = (wards: Ward[]): Ward[] =>
      wards.map((ward) => {
        const positions = (ward.geometry.type === 'Polygon' ? ward.geometry.coordinates.flat() : ward.geometry.coordinates.flat(2)).map(([lon, lat]) => [lon, lat]);
        positions.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        return { ...ward, geometry: { type: 'Polygon', coordinates: [positions] } };
      });
    expect(maxPositionErrorM(sortedVertices(result.data), sortedVertices(twinWards))).toBeLessThan(0.01);
  });

  it('gives the same ward to every household as the GeoJSON wards', async () => {
    const shapefileWards = (await read('wards', fixture('wards-vn2000-tm3.zip'))).data;
    const csv = gunzipSync(readFileSync('data/households.csv.gz')).toString('utf8').split('\n').slice(0, 30_001).join('\n');
    const parsed = parseHouseholds(csv, 'households.csv').data;
    // locate by position only: the file's ward_id column would decide otherwise
    const households: HouseholdPoints = { ...parsed, wardId: parsed.wardId.map(() => null) };
    const fromGeoJson = assignWards(households, indexWards(twinWards));
    const fromShapefile = assignWards(households, indexWards(shapefileWards));
    const ids = (wards: Ward[], index: Int32Array) => Array.from(index, (k) => (k === -1 ? null : wards[k].id));
    expect(households.length).toBe(30_000);
    expect(ids(shapefileWards, fromShapefile.wardIndex)).toEqual(ids(twinWards, fromGeoJson.wardIndex));
    expect(fromShapefile.outsideCount).toBe(fromGeoJson.outsideCount);
  });

  it('reads the .shp, .dbf, .prj and .cpg given as separate files like the zip', async () => {
    const entries = unzipSync(readFileSync(`${FORMATS}/wards-vn2000-tm3.zip`));
    const files = Object.entries(entries).map(([name, bytes]) => ({ name, bytes }));
    const separate = await read('wards', files);
    const zipped = await read('wards', fixture('wards-vn2000-tm3.zip'));
    expect(separate.file).toBe('wards_vn2000.shp');
    expect(separate.data).toEqual(zipped.data);
    expect(maxPositionErrorM(separate.data, zipped.data)).toBe(0);
  });

  it('without its .prj, fails with a guess of the CRS; with --crs it reads the same wards', async () => {
    const entries = unzipSync(readFileSync(`${FORMATS}/wards-vn2000-tm3.zip`));
    const files = Object.entries(entries).filter(([name]) => !name.endsWith('.prj')).map(([name, bytes]) => ({ name, bytes }));
    const guessed = await read('wards', files);
    expect(guessed.status).toBe('failed');
    expect(fileIssue(guessed.issues)?.code).toBe('crs-required');
    expect(describeIssue(fileIssue(guessed.issues)!, 'en')).toMatch(/TM-3 zone \(Hải Phòng: vn2000-tm3:105\.75/);
    const given = await read('wards', files, { crs: crs('vn2000-tm3:105.75') });
    const withPrj = await read('wards', fixture('wards-vn2000-tm3.zip'));
    expect(maxPositionErrorM(given.data, withPrj.data)).toBe(0);
  });

  it('reads a Windows-1258 .dbf without .cpg as Windows-1258, and says it guessed', async () => {
    const result = await read('wards', fixture('wards-cp1258-nocpg.zip'));
    const expected = twinWards.filter((ward) => ward.district === 'Quận Lê Chân').map((ward) => ward.name);
    expect(result.data.map((ward) => ward.name)).toEqual(expected);
    expect(expected).toContain('Phường Cát Dài');
    expect(codes(result.issues)).toContain('encoding-guessed');
  });

  it('reports TCVN3 text (old .VnTime fonts) as such and keeps it as read', async () => {
    const result = await read('wards', fixture('wards-tcvn3.zip'));
    const note = result.issues.find((issue) => issue.code === 'legacy-encoding');
    expect(note?.params?.value).toBe('TCVN3');
    expect(describeIssue(note!, 'vi')).toMatch(/bảng mã TCVN3/);
    expect(result.kept).toBe(15);
  });

  it('refuses a .dbf whose record count is wrong, and a .prj that is not a CRS', async () => {
    const wrong = await read('wards', fixture('wards-wrong-count.zip'));
    expect(wrong.status).toBe('failed');
    expect(describeIssue(fileIssue(wrong.issues)!, 'en')).toMatch(/the header says 224 records but the file holds only 223/);
    const prj = await read('wards', fixture('wards-bad-prj.zip'));
    expect(fileIssue(prj.issues)?.code).toBe('invalid-prj');
  });

  it('refuses a .shp and a .dbf that do not belong together', async () => {
    const wards = unzipSync(readFileSync(`${FORMATS}/wards-vn2000-tm3.zip`));
    const other = unzipSync(readFileSync(`${FORMATS}/wards-cp1258-nocpg.zip`));
    const result = await read('wards', [
      { name: 'w.shp', bytes: wards['wards_vn2000.shp'] },
      { name: 'w.dbf', bytes: other['lechan_1258.dbf'] },
    ]);
    expect(describeIssue(fileIssue(result.issues)!, 'en')).toMatch(/the \.shp holds 223 shapes but the \.dbf 15 records/);
  });
});

describe('KML / KMZ (made by ogr2ogr)', () => {
  const withoutModel = (cells: Cell[]) => cells.map((cell) => ({ ...cell, model: null }));

  it('the sites KML gives the cells of its CSV twin, the Placemark name as site id (noted)', async () => {
    const result = await read('sites', fixture('sites.kml'));
    expect(result.format).toBe('kml');
    expect(result.data).toEqual(twinSites);
    expect(result.issues.find((issue) => issue.code === 'defaulted-field' && issue.column === 'site_id')?.params).toEqual({ count: 6, from: 'name' });
  });

  it('a KMZ whose doc.kml links to a layer inside the archive gives the same cells', async () => {
    const result = await read('sites', fixture('proposals.kmz'));
    expect(result.format).toBe('kmz');
    expect(result.data).toEqual(withoutModel(twinSites));
  });

  it('refuses a zip bomb without inflating it', async () => {
    const started = performance.now();
    const result = await read('sites', fixture('bomb.kmz'));
    expect(result.status).toBe('failed');
    expect(describeIssue(fileIssue(result.issues)!, 'en')).toMatch(/300 MiB .*limit is 256 MiB.*zip bomb/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['external entity', '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]><kml><Placemark><name>&xxe;</name></Placemark></kml>'],
    ['billion laughs', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><kml><Placemark><name>&lol3;</name></Placemark></kml>`],
  ])('refuses a KML with a DTD (%s) before parsing it', async (_, kml) => {
    const result = await read('sites', text('evil.kml', kml));
    expect(result.status).toBe('failed');
    expect(describeIssue(fileIssue(result.issues)!, 'en')).toMatch(/declares a DTD or entities/);
  });

  it('reports XML that is not well-formed, or not KML', async () => {
    const broken = await read('sites', text('broken.kml', '<kml><Document><Placemark></kml>'));
    expect(describeIssue(fileIssue(broken.issues)!, 'en')).toMatch(/not well-formed XML/);
    const html = await read('sites', text('page.kml', '<html><body>hi</body></html>'));
    expect(describeIssue(fileIssue(html.issues)!, 'en')).toMatch(/not a KML document/);
  });

  it('reads Folders, SchemaData, Data and MultiGeometry polygons as wards', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Schema name="w" id="w"><SimpleField name="gso_code" type="string"/></Schema>
      <Folder><name>Quận Lê Chân</name>
        <Placemark><name>Phường A</name><ExtendedData><SchemaData schemaUrl="#w"><SimpleData name="gso_code">1</SimpleData></SchemaData>
          <Data name="pop_2019"><value>1200</value></Data></ExtendedData>
          <MultiGeometry><Polygon><outerBoundaryIs><LinearRing><coordinates>106.6,20.8 106.7,20.8 106.7,20.9 106.6,20.8</coordinates></LinearRing></outerBoundaryIs></Polygon>
          <Polygon><outerBoundaryIs><LinearRing><coordinates>106.8,20.8 106.9,20.8 106.9,20.9 106.8,20.8</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry></Placemark>
        <Placemark><name>Mixed</name><MultiGeometry><Point><coordinates>106.6,20.8</coordinates></Point>
          <Polygon><outerBoundaryIs><LinearRing><coordinates>106.6,20.8 106.7,20.8 106.7,20.9 106.6,20.8</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry></Placemark>
      </Folder></Document></kml>`;
    const result = await read('wards', text('wards.kml', kml));
    expect(result.data).toHaveLength(1);
    expect(result.data[0]).toMatchObject({ id: '1', name: 'Phường A', population2019: 1200, geometry: { type: 'MultiPolygon' } });
    expect(result.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code])).toEqual([[1, 'wrong-geometry-type']]);
  });
});

describe('Excel (made by ogr2ogr and LibreOffice)', () => {
  const siteMap = { site_id: 'Mã trạm', lon: 'Kinh độ', lat: 'Vĩ độ', operator: 'Nhà mạng', technology: 'Công nghệ', height_m: 'Độ cao (m)' };

  it('a plain workbook gives the cells of its CSV twin', async () => {
    const result = await read('sites', fixture('sites-plain.xlsx'));
    expect(result.format).toBe('xlsx');
    expect(result.sheet).toBe('Trạm BTS');
    expect(result.data).toEqual(twinSites);
  });

  it('finds the header below a merged title, reads text numbers with decimal commas and DMS, names sheet and Excel row', async () => {
    const result = await read('sites', fixture('sites-title.xlsx'), { columnMap: siteMap });
    expect(result.sheets).toEqual(['Trạm BTS', 'Hộ gia đình']);
    expect(result.data.map((cell) => [cell.siteId, cell.lon, cell.lat, cell.heightM, cell.technology])).toEqual([
      ['HP101', 106.6881, 20.8449, 30.5, '4G'],
      ['HP102', 106.7012, 20.8512, 35, '4G'],
      // 106°39′00″E, 20°51′36″N
      ['HP103', 106.65, 20 + 51 / 60 + 36 / 3600, 25, '5G'],
    ]);
    const rejected = result.issues.filter((issue) => issue.severity === 'error');
    expect(rejected).toHaveLength(1);
    expect(describeIssue(rejected[0], 'en')).toBe(
      "Sheet 'Trạm BTS', row 9, column 'technology': “6G” is not a recognised value (accepted: 2G, 3G, 4G, 5G).",
    );
    expect(codes(result.issues)).toEqual(expect.arrayContaining(['sheet-chosen', 'unused-columns']));
    expect(result.issues.find((issue) => issue.code === 'unused-columns')?.params?.value).toBe('STT, Ghi chú');
  });

  it('needs no column map for the Vietnamese headers: the same cells, the same unused columns', async () => {
    const mapped = await read('sites', fixture('sites-title.xlsx'), { columnMap: siteMap });
    const known = await read('sites', fixture('sites-title.xlsx'));
    expect(known.data).toEqual(mapped.data);
    expect(known.issues.find((issue) => issue.code === 'unused-columns')?.params?.value).toBe('STT, Ghi chú');
  });

  it("reads a Shapefile-style CSV's folded headers (MA_TRAM, KINH_DO…) and lists only the columns no field reads", async () => {
    const result = await read('sites', text('tram.csv', 'MA_TRAM,KINH_DO,VI_DO,NHA_MANG,CONG_NGHE,GHI_CHU\nT1,106.7,20.85,VNPT,LTE,mái nhà\n'));
    expect(result.data.map((cell) => [cell.siteId, cell.lon, cell.lat, cell.operator, cell.technology])).toEqual([['T1', 106.7, 20.85, 'VNPT', '4G']]);
    expect(result.issues.find((issue) => issue.code === 'unused-columns')?.params?.value).toBe('GHI_CHU');
  });

  it('reads the households sheet in VN-2000 TM-3 (X = northing) to within a centimetre of the WGS84 points PROJ projected', async () => {
    const result = await read('households', fixture('sites-title.xlsx'), {
      sheet: 'hộ gia đình',
      crs: crs('EPSG:9210'),
      columnMap: { household_id: 'Mã hộ', lon: 'X (m)', lat: 'Y (m)', count: 'Số hộ' },
    });
    const expected = readFileSync(`${FORMATS}/households-tm3-wgs84.csv`, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    expect(idsArray(result.data.ids)).toEqual(expected.map((row) => row[0]));
    expect(Array.from(result.data.count)).toEqual(expected.map((row) => Number(row[3])));
    expected.forEach((row, i) => {
      expect(Math.abs(result.data.lon[i] - Number(row[1])) * 104_000).toBeLessThan(0.01);
      expect(Math.abs(result.data.lat[i] - Number(row[2])) * 110_700).toBeLessThan(0.01);
    });
    expect(result.issues.find((issue) => issue.code === 'survey-axis-order')?.params?.count).toBe(5);
    expect(result.crs).toContain('EPSG:9210');
  });

  it('without a CRS, metres fail the file with a guess instead of 5 rejected rows', async () => {
    const result = await read('households', fixture('sites-title.xlsx'), {
      sheet: 'Hộ gia đình',
      columnMap: { household_id: 'Mã hộ', lon: 'X (m)', lat: 'Y (m)', count: 'Số hộ' },
    });
    expect(fileIssue(result.issues)?.code).toBe('crs-required');
    expect(fileIssue(result.issues)?.sheet).toBe('Hộ gia đình');
  });

  it('names the sheets when the one asked for is missing', async () => {
    const result = await read('sites', fixture('sites-title.xlsx'), { sheet: 'Sheet1' });
    expect(describeIssue(fileIssue(result.issues)!, 'en')).toMatch(/no sheet 'Sheet1' \(sheets: Trạm BTS, Hộ gia đình\)/);
  });

  it('refuses a legacy .xls with the way out', async () => {
    const result = await read('sites', fixture('sites-title.xls'));
    expect(result.format).toBe('xls');
    expect(describeIssue(fileIssue(result.issues)!, 'en')).toMatch(/save it as \.xlsx/);
  });
});

describe('CSV and GeoJSON through the entry point', () => {
  it('keeps what the parsers did for CSV, with a column map and a note for unmapped headers', async () => {
    const csv = 'Mã hộ,lon,lat,count,Ghi chú\nA,106.68,20.85,2,x\n';
    const result = await read('households', text('hh.csv', csv), { columnMap: { household_id: 'Mã hộ', ward_id: 'Phường' } });
    expect(idsArray(result.data.ids)).toEqual(['A']);
    expect(result.issues.map((issue) => [issue.code, issue.column ?? null, issue.params?.value])).toEqual([
      ['unused-columns', null, 'Ghi chú'],
      ['mapped-column-missing', 'ward_id', 'Phường'],
    ]);
  });

  it('reads DMS coordinates in CSV, and rejects hemispheres that contradict the columns as swapped', async () => {
    const csv = 'household_id,lon,lat\nA,106°41′15″E,20°51′30″N\nB,20°51′30″N,106°41′15″E\nC,106°41\'15" Đ,20°51\'30" B\n';
    const result = await read('households', text('hh.csv', csv));
    expect(idsArray(result.data.ids)).toEqual(['A', 'C']);
    expect(Array.from(result.data.lon)).toEqual([106.6875, 106.6875]);
    expect(result.data.lat[0]).toBeCloseTo(20 + 51 / 60 + 30 / 3600, 12);
    expect(result.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code])).toEqual([[3, 'lon-lat-swapped']]);
  });

  it('a wards CSV is a clear failure: wards need shapes', async () => {
    const result = await read('wards', text('wards.csv', 'ward_id,name\n1,A\n'));
    expect(fileIssue(result.issues)?.code).toBe('needs-geometry');
  });

  it('converts a GeoJSON whose crs member names VN-2000 / UTM 48N to the WGS84 point PROJ gives', async () => {
    const reference = JSON.parse(readFileSync('tests/fixtures/crs/proj-reference.json', 'utf8')).crs.find(
      (entry: { spec: string }) => entry.spec === 'EPSG:3405',
    ).points[0];
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } },
      features: [{ type: 'Feature', properties: { household_id: 'a' }, geometry: { type: 'Point', coordinates: [reference.x, reference.y] } }],
    });
    const result = await read('households', text('hh.geojson', geojson));
    expect(result.crs).toContain('EPSG:3405');
    expect(Math.abs(result.data.lon[0] - reference.lon) * 104_000).toBeLessThan(0.01);
    expect(Math.abs(result.data.lat[0] - reference.lat) * 110_700).toBeLessThan(0.01);
  });

  it('still refuses a GeoJSON crs it cannot convert, and a point outside the CRS area', async () => {
    const hanoi72 = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2044' } }, features: [] });
    expect(fileIssue((await read('households', text('a.geojson', hanoi72))).issues)?.code).toBe('unsupported-crs');
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [597432.44, 2306067.77] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [106.7, 20.8] } },
      ],
    });
    const result = await read('households', text('b.geojson', geojson), { crs: crs('vn2000-tm3:105.75') });
    expect(result.kept).toBe(1);
    expect(result.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code])).toEqual([[1, 'outside-crs-area']]);
  });

  it('reads a CSV that is not UTF-8 as Windows-1258 and says so', async () => {
    // "Hải Phòng" in Windows-1258 (as iconv writes it): tones are combining marks, hook 0xD2 and grave 0xCC
    const bytes = new Uint8Array([...new TextEncoder().encode('household_id,lon,lat,ward_id\nH1,106.68,20.85,Ha'), 0xd2, ...new TextEncoder().encode('i Pho'), 0xcc, ...new TextEncoder().encode('ng\n')]);
    const result = await read('households', { name: 'hh.csv', bytes });
    expect(result.data.wardId).toEqual(['Hải Phòng']);
    expect(codes(result.issues)).toContain('encoding-guessed');
  });
});

describe('archives that lie', () => {
  it('an entry whose declared size is smaller than its content is cut at that size, never inflated further', async () => {
    const kml = `<kml><!-- ${' '.repeat(200_000)} --><Placemark><name>a</name><Point><coordinates>106.6,20.8</coordinates></Point></Placemark></kml>`;
    const zip = zipSync({ 'doc.kml': new TextEncoder().encode(kml) });
    // patch the central directory's uncompressed size of the one entry to 100 bytes
    const view = new DataView(zip.buffer);
    const central = zip.length - 22 - 46 - 'doc.kml'.length;
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    view.setUint32(central + 24, 100, true);
    const result = await read('sites', { name: 'lie.kmz', bytes: zip });
    expect(result.status).toBe('failed');
    expect(describeIssue(fileIssue(result.issues)!, 'en')).toMatch(/not well-formed XML/);
  });
});
