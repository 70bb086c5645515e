import { describe, expect, it } from 'vitest';
import { detectLayer } from '../../src/ui/detect-layer.ts';

const feature = (geometry: string, properties: string) =>
  `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${properties},"geometry":{"type":"${geometry}","coordinates":[]}}]}`;

describe('detectLayer from content', () => {
  it('polygons are wards, lines are fibre', () => {
    expect(detectLayer('a.geojson', feature('MultiPolygon', '{"name":"Phường Quán Toan"}'))).toBe('wards');
    expect(detectLayer('a.json', feature('Polygon', '{}'))).toBe('wards');
    expect(detectLayer('a.geojson', feature('LineString', '{"kind":"backbone"}'))).toBe('fibre');
  });

  it('points are told apart by their properties', () => {
    expect(detectLayer('p.geojson', feature('Point', '{"site_id":"HP001","azimuth_deg":120}'))).toBe('sites');
    expect(detectLayer('p.geojson', feature('Point', '{"household_id":"H1","count":3}'))).toBe('households');
    expect(detectLayer('p.geojson', feature('Point', '{"capacity":32,"used":10}'))).toBe('fibre');
  });

  it('CSV headers: sites, OpenCelliD (with or without header), households', () => {
    expect(detectLayer('x.csv', 'site_id,lon,lat,operator,technology\nA,106.6,20.8,Viettel,4G')).toBe('sites');
    expect(detectLayer('x.csv', 'radio,mcc,net,area,cell,unit,lon,lat,range\nLTE,452,4,1,2,0,106.6,20.8,1000')).toBe('sites');
    expect(detectLayer('x.csv', 'LTE,452,4,10101,2001,0,106.6,20.8,1000,3,1,1,1')).toBe('sites');
    expect(detectLayer('x.csv', '\uFEFFhousehold_id;lon;lat;count\r\nH1;106.6;20.8;2')).toBe('households');
    expect(detectLayer('x.csv', '"household_id","lon","lat"\n"H1",106.6,20.8')).toBe('households');
  });
});

describe('detectLayer from the name when the content does not tell', () => {
  it('uses name hints, with or without diacritics', () => {
    expect(detectLayer('ho_gia_dinh.csv', 'id,lon,lat\n1,106.6,20.8')).toBe('households');
    expect(detectLayer('trạm BTS.csv', 'id,lon,lat\n1,106.6,20.8')).toBe('sites');
    expect(detectLayer('cap-quang.geojson', '{"type":"FeatureCollection","features":[]}')).toBe('fibre');
  });

  it('gives up (null) when neither content nor name tells', () => {
    expect(detectLayer('data.csv', 'id,lon,lat\n1,106.6,20.8')).toBeNull();
    expect(detectLayer('export.geojson', feature('Point', '{"name":"x"}'))).toBeNull();
  });
});
