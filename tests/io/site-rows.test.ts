/**
 * The site writers (new_sites.csv, new_sites.geojson, data/sites.csv): every column `parseSites` reads, so that
 * what is written imports back equal; the optional columns (channel, bandwidth_mhz) only where a cell has one.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/model.ts';
import type { ChosenSite } from '../../src/core/siting/select-new-sites.ts';
import { newSitesGeoJson, newSitesTable, siteColumns, siteRowValues } from '../../src/io/site-rows.ts';
import { parseSites } from '../../src/io/parse-sites.ts';
import { fsplCell } from '../core/siting/helpers.ts';

const DOCUMENTED_COLUMNS = [
  'site_id', 'lon', 'lat', 'operator', 'technology', 'band_mhz', 'height_m', 'azimuth_deg', 'beamwidth_deg', 'tilt_deg',
  'rs_power_dbm', 'antenna_gain_dbi', 'feeder_loss_db', 'model', 'environment', 'status',
];

function site(siteId: string, cells: Cell[], householdsGained: number): ChosenSite {
  return { candidate: 0, siteId, lon: cells[0].lon, lat: cells[0].lat, cells, householdsGained, wards: [{ wardIndex: 0, wardId: 'W1', wardName: 'Một', households: householdsGained }] };
}

const csvText = (table: { columns: string[]; rows: Array<Array<string | number>> }): string => Papa.unparse({ fields: table.columns, data: table.rows });

describe('site writers', () => {
  const plain = [
    site('N1', [fsplCell('N1', 0, 0, { cellId: 'N1-1', azimuthDeg: 0, tiltDeg: 4 }), fsplCell('N1', 0, 0, { cellId: 'N1-2', azimuthDeg: 120, model: null })], 12),
  ];
  const withChannel = [
    ...plain,
    site('N2', [fsplCell('N2', 500, 0, { cellId: 'N2-1', channel: 1850, bandwidthMhz: 20, environment: null })], 3),
  ];

  it('write the documented columns plus households_gained, and no optional column when no cell has one', () => {
    const table = newSitesTable(plain);
    expect(table.columns).toEqual([...DOCUMENTED_COLUMNS, 'households_gained']);
    expect(table.rows[0]).toEqual(['N1', plain[0].lon, plain[0].lat, 'Viettel', '4G', 1800, 1.5, 0, 65, 4, -15, 0, 0, 'fspl', 'urban', 'existing', 12]);
    expect(table.rows[1].slice(7, 14)).toEqual([120, 65, '', -15, 0, 0, '']);
    expect(Object.keys(newSitesGeoJson(plain).features[0].properties)).not.toContain('channel');
  });

  it('write channel and bandwidth_mhz after the documented columns when a cell has them, empty for the others', () => {
    const table = newSitesTable(withChannel);
    expect(table.columns).toEqual([...DOCUMENTED_COLUMNS, 'channel', 'bandwidth_mhz', 'households_gained']);
    expect(table.rows.map((row) => row.slice(-3))).toEqual([['', '', 12], ['', '', 12], [1850, 20, 3]]);
    const features = newSitesGeoJson(withChannel).features;
    expect(features.map((feature) => [feature.properties.cell_id, feature.properties.channel, feature.properties.bandwidth_mhz])).toEqual([
      ['N1-1', null, null], ['N1-2', null, null], ['N2-1', 1850, 20],
    ]);
  });

  it('read back equal through parseSites, CSV and GeoJSON (cell ids regenerated from the site in CSV)', () => {
    const cells = withChannel.flatMap((chosen) => chosen.cells);
    const fromCsv = parseSites(csvText(newSitesTable(withChannel)), 'new_sites.csv');
    expect(fromCsv.rejected).toBe(0);
    expect(fromCsv.data).toEqual(cells);
    const fromGeoJson = parseSites(JSON.stringify(newSitesGeoJson(withChannel)), 'new_sites.geojson');
    expect(fromGeoJson.rejected).toBe(0);
    expect(fromGeoJson.data).toEqual(cells);
  });

  it('put cell_id second when asked (the generated data/sites.csv)', () => {
    const cells = plain[0].cells;
    const columns = siteColumns(cells, true);
    expect(columns.map((column) => column.name).slice(0, 3)).toEqual(['site_id', 'cell_id', 'lon']);
    expect(siteRowValues(cells[1], columns).slice(0, 2)).toEqual(['N1', 'N1-2']);
  });
});
