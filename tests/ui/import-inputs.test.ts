import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectLayerFile, type LayerFileInspection } from '../../src/io/inspect-layer-file.ts';
import { detectLayerOf, groupInputs, importQuestions, inputName, needsAnswers } from '../../src/ui/import/import-inputs.ts';

const look = (header: string[], geometryTypes: string[] = []) => ({ header, geometryTypes });
const bytes = (text: string) => new TextEncoder().encode(text);

describe('groupInputs', () => {
  it('puts a Shapefile’s parts together and leaves every other file alone, in order', () => {
    const names = ['sites.csv', 'Xa.shp', 'xa.dbf', 'xa.prj', 'xa.cpg', 'tuyen.kmz', 'other.dbf'];
    const groups = groupInputs(names.map((name) => ({ name }))).map((group) => group.map((file) => file.name));
    expect(groups).toEqual([['sites.csv'], ['Xa.shp', 'xa.dbf', 'xa.prj', 'xa.cpg'], ['tuyen.kmz'], ['other.dbf']]);
    expect(inputName([{ name: 'xa.dbf' }, { name: 'Xa.shp' }])).toBe('Xa.shp');
  });
});

describe('detectLayerOf', () => {
  it('polygons are wards (zones by their properties or name), lines are fibre', () => {
    expect(detectLayerOf('a.geojson', look(['name'], ['MultiPolygon']))).toBe('wards');
    expect(detectLayerOf('a.shp', look(['zone_id', 'kind'], ['Polygon']))).toBe('zones');
    expect(detectLayerOf('khu-cong-nghiep.kmz', look(['name'], ['Polygon']))).toBe('zones');
    expect(detectLayerOf('a.kml', look(['kind'], ['LineString']))).toBe('fibre');
  });

  it('points and tables are told apart by their columns', () => {
    expect(detectLayerOf('p.geojson', look(['site_id', 'azimuth_deg'], ['Point']))).toBe('sites');
    expect(detectLayerOf('p.geojson', look(['household_id', 'count'], ['Point']))).toBe('households');
    expect(detectLayerOf('p.geojson', look(['capacity', 'used'], ['Point']))).toBe('fibre');
    expect(detectLayerOf('x.csv', look(['site_id', 'lon', 'lat', 'operator', 'technology']))).toBe('sites');
    expect(detectLayerOf('x.csv', look(['radio', 'mcc', 'net', 'area', 'cell']))).toBe('sites');
    // an OpenCelliD export without a header: its first row stands for the header
    expect(detectLayerOf('x.csv', look(['LTE', '452', '4', '10101', '2001']))).toBe('sites');
    expect(detectLayerOf('x.csv', look(['household_id', 'lon', 'lat']))).toBe('households');
  });

  it('uses name hints, with or without diacritics, when the content does not tell; else null', () => {
    expect(detectLayerOf('ho_gia_dinh.csv', look(['id', 'lon', 'lat']))).toBe('households');
    expect(detectLayerOf('trạm BTS.xlsx', look(['Mã', 'X', 'Y']))).toBe('sites');
    expect(detectLayerOf('Đề xuất Viettel.kmz', look(['name'], ['Point']))).toBe('sites');
    expect(detectLayerOf('cap-quang.geojson', look([]))).toBe('fibre');
    expect(detectLayerOf('data.csv', look(['id', 'lon', 'lat']))).toBeNull();
    expect(detectLayerOf('export.geojson', look(['name'], ['Point']))).toBeNull();
  });
});

describe('importQuestions', () => {
  it('asks nothing of a plain sites CSV', async () => {
    const csv = await inspectLayerFile([{ name: 's.csv', bytes: bytes('site_id,lon,lat,operator,technology\nA,106.6,20.8,Viettel,4G\n') }]);
    expect(needsAnswers(importQuestions('sites', csv, {}))).toBe(false);
  });

  it('asks the sheet, the columns and, once the columns are mapped, the coordinate system of the households sheet', async () => {
    const workbook = { name: 'sites-title.xlsx', bytes: readFileSync('tests/fixtures/formats/sites-title.xlsx') };
    const households: LayerFileInspection = await inspectLayerFile([workbook], { sheet: 'Hộ gia đình' });
    const before = importQuestions('households', households, {});
    expect(before.sheet).toBe(true);
    expect(before.missingFields).toEqual(['lon', 'lat']);
    expect(before.crs).toBeNull();
    const after = importQuestions('households', households, { lon: 'Y (m)', lat: 'X (m)', count: 'Số hộ' });
    expect(after.missingFields).toEqual([]);
    expect(after.crs?.spec).toBe('vn2000-tm3:105.75');
  });

  it('asks nothing of a Shapefile whose .prj names its CRS', async () => {
    const shapefile = await inspectLayerFile([{ name: 'w.zip', bytes: readFileSync('tests/fixtures/formats/wards-vn2000-tm3.zip') }]);
    expect(needsAnswers(importQuestions('wards', shapefile, {}))).toBe(false);
  });
});
