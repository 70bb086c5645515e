/**
 * The map search box's hits: units with their context, sites and cells by id, positions first. The ranking
 * itself is search-text's (tested in search-text.test.ts); here, what is indexed and in which order it comes.
 */
import { describe, expect, it } from 'vitest';
import type { Cell, Ward } from '../../src/core/model.ts';
import { vn2000Tm3 } from '../../src/io/crs.ts';
import { mapSearchIndex, searchMap } from '../../src/ui/map/map-search.ts';

const square = { type: 'Polygon' as const, coordinates: [[[106.6, 20.8], [106.7, 20.8], [106.7, 20.9], [106.6, 20.8]]] };
const ward = (id: string, name: string, district: string): Ward => ({
  id, name, district, type: null, environment: null, population2019: null, households2019: null, geometry: square,
});
const cell = (cellId: string, siteId: string, lon: number, lat: number): Cell =>
  ({ cellId, siteId, lon, lat, operator: 'Viettel', technology: '4G' }) as Cell;

const wards = [ward('1', 'Xã An Hoà', 'Huyện An Dương'), ward('2', 'Phường Hải An', 'Quận Hải An'), ward('3', 'Xã An Hoà', 'Huyện Vĩnh Bảo')];
const cells = [cell('VTL0001-L1800-1', 'VTL0001', 106.7588, 20.8515), cell('VTL0001-L1800-2', 'VTL0001', 106.7588, 20.8515), cell('VTL0012-G900-1', 'VTL0012', 106.6, 20.9)];
const index = mapSearchIndex(wards, (w) => w.district ?? '', cells);
const tm3 = vn2000Tm3(105.75);

describe('searchMap', () => {
  it('finds both units of a repeated name, each with its district to tell them apart', () => {
    const hits = searchMap(index, 'an hoa', tm3);
    expect(hits).toEqual([
      { kind: 'unit', wardIndex: 0, name: 'Xã An Hoà', context: 'Huyện An Dương' },
      { kind: 'unit', wardIndex: 2, name: 'Xã An Hoà', context: 'Huyện Vĩnh Bảo' },
    ]);
    // a district's name narrows them
    expect(searchMap(index, 'an hoa vinh bao', tm3).map((hit) => hit.kind === 'unit' && hit.wardIndex)).toEqual([2]);
  });

  it('finds a site once, before its cells, and a cell by its whole id', () => {
    const hits = searchMap(index, 'VTL0001', tm3);
    expect(hits.map((hit) => hit.kind)).toEqual(['site', 'cell', 'cell']);
    expect(hits[0]).toMatchObject({ siteId: 'VTL0001', cells: 2, lon: 106.7588, lat: 20.8515 });
    expect(searchMap(index, 'vtl0012-g900-1', tm3)).toEqual([
      { kind: 'cell', cellId: 'VTL0012-G900-1', siteId: 'VTL0012', operator: 'Viettel', technology: '4G', lon: 106.6, lat: 20.9 },
    ]);
  });

  it('puts a typed position first, and finds nothing for an empty query or an unknown name', () => {
    const [hit] = searchMap(index, '20°51′30″N 106°41′00″E', tm3);
    expect(hit).toMatchObject({ kind: 'position', form: 'dms' });
    expect(hit.kind === 'position' && hit.lat).toBeCloseTo(20.858333, 5);
    expect(searchMap(index, '  ', tm3)).toEqual([]);
    expect(searchMap(index, 'Bạch Long Vĩ', tm3)).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(searchMap(index, 'vtl', tm3, 2)).toHaveLength(2);
  });
});
