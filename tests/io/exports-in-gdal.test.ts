/**
 * The exports as QGIS and Google Earth readers see them: GDAL/OGR (QGIS opens Shapefile and KML through it;
 * Debian's gdal-bin, installed by .ci/run) reads each file without a warning, with every feature, field and
 * Vietnamese name, and reprojects the VN-2000 TM-3 Shapefile back to WGS84 from our .prj alone onto the
 * original vertices (within 1 m: PROJ's own transformation, independent of ours).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CheapRuler from 'cheap-ruler';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/model.ts';
import { vn2000Tm3 } from '../../src/io/crs.ts';
import { featuresToKml, kmzOf } from '../../src/io/export-features.ts';
import { sitesToKml } from '../../src/io/export-kml.ts';
import { toShapefileZip } from '../../src/io/export-shapefile.ts';

const HOSTILE = `</name><script>alert("x")</script> & 'Trạm' ]]>`;
const dir = mkdtempSync(join(tmpdir(), 'phusong-gdal-'));

/** Runs a GDAL tool; fails the test on a non-zero exit or on anything written to stderr (GDAL's warnings). */
function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  expect(run.error, `${tool} must be installed (Debian gdal-bin; .ci/run installs it)`).toBeUndefined();
  expect(run.stderr, `${tool} ${args.join(' ')}`).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

/** The first `count` 2025 units of the embedded dataset. */
function embeddedUnits(count: number): Array<Feature<Polygon | MultiPolygon, { ward_code: string; name: string; households_2019: number }>> {
  const collection = JSON.parse(readFileSync('data/hp2025_wards_polygons.geojson', 'utf8'));
  return collection.features.slice(0, count);
}

function firstVertex(geometry: Polygon | MultiPolygon): Position {
  return geometry.type === 'Polygon' ? geometry.coordinates[0][0] : geometry.coordinates[0][0][0];
}

describe('the Shapefile export, read by GDAL', () => {
  const units = embeddedUnits(6);
  const features = units.map((unit) => ({
    geometry: unit.geometry,
    properties: { ward_id: unit.properties.ward_code, name: unit.properties.name, households_2019: unit.properties.households_2019 },
  }));

  it('in VN-2000 TM-3 (Hải Phòng, 105°45′): no warning, every unit and field, UTF-8 names, and GDAL’s reprojection lands on the original vertices', () => {
    const zipPath = join(dir, 'wards-tm3.zip');
    writeFileSync(zipPath, toShapefileZip('wards', features, { crs: vn2000Tm3(105.75) }).zip);
    const shp = `/vsizip/${zipPath}/wards.shp`;
    const summary = gdal('ogrinfo', ['-ro', '-so', '-al', shp]);
    expect(summary).toMatch(/Feature Count: 6\b/);
    expect(summary).toMatch(/Geometry: (Multi )?Polygon/);
    expect(summary).toMatch(/PARAMETER\["central_meridian",105\.75\]|"Longitude of natural origin",105\.75/);
    for (const field of ['ward_id', 'name', 'hh_2019']) expect(summary).toMatch(new RegExp(`^${field}: `, 'm'));

    const back = join(dir, 'wards-back.geojson');
    gdal('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', back, shp]);
    const reprojected = JSON.parse(readFileSync(back, 'utf8')).features as Array<Feature<Polygon | MultiPolygon, Record<string, unknown>>>;
    expect(reprojected.map((feature) => feature.properties.name)).toEqual(units.map((unit) => unit.properties.name));
    expect(reprojected.map((feature) => feature.properties.hh_2019)).toEqual(units.map((unit) => unit.properties.households_2019));
    const ruler = new CheapRuler(20.8, 'meters');
    for (const [k, unit] of units.entries()) {
      // shapefile rings may start elsewhere and turn the other way: the original first vertex must be one of GDAL's
      const original = firstVertex(unit.geometry);
      const vertices = reprojected[k].geometry.type === 'Polygon' ? reprojected[k].geometry.coordinates.flat() : (reprojected[k].geometry as MultiPolygon).coordinates.flat(2);
      const nearestM = Math.min(...vertices.map((vertex) => ruler.distance(original as [number, number], vertex as [number, number])));
      expect(nearestM, unit.properties.name).toBeLessThan(1);
    }
  });

  it('a hostile name comes back as the same text', () => {
    const zipPath = join(dir, 'hostile.zip');
    writeFileSync(zipPath, toShapefileZip('wards', [{ ...features[0], properties: { ...features[0].properties, name: HOSTILE } }]).zip);
    const back = join(dir, 'hostile.geojson');
    gdal('ogr2ogr', ['-f', 'GeoJSON', back, `/vsizip/${zipPath}/wards.shp`]);
    expect(JSON.parse(readFileSync(back, 'utf8')).features[0].properties.name).toBe(HOSTILE);
  });
});

describe('the KML and KMZ exports, read by GDAL', () => {
  const cell = (siteId: string, azimuthDeg: number): Cell => ({
    cellId: `${siteId}-${azimuthDeg}`, siteId, lon: 106.68, lat: 20.86, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30,
    azimuthDeg, beamwidthDeg: 65, tiltDeg: 4, rsPowerDbm: 15.2, antennaGainDbi: 17, feederLossDb: 2, model: null,
    environment: null, status: 'planned', channel: null, bandwidthMhz: null,
  });

  it('the sites as KML: every site a point with its name, no warning', () => {
    const path = join(dir, 'sites.kml');
    const sites = [
      { siteId: 'NEW-001', lon: 106.68, lat: 20.86, cells: [cell('NEW-001', 0), cell('NEW-001', 120)], data: { households_gained: 412 } },
      { siteId: HOSTILE, lon: 106.7, lat: 20.87, cells: [cell('X', 240)] },
    ];
    writeFileSync(path, sitesToKml(sites, 'Trạm đề xuất'));
    const listing = gdal('ogrinfo', ['-ro', '-al', path]);
    expect(listing).toMatch(/Feature Count: 2\b/);
    expect(listing).toContain('POINT Z (106.68 20.86 0)');
    const back = join(dir, 'sites-back.geojson');
    gdal('ogr2ogr', ['-f', 'GeoJSON', back, path]);
    expect(JSON.parse(readFileSync(back, 'utf8')).features.map((feature: Feature) => feature.properties?.Name)).toEqual(['NEW-001', HOSTILE]);
  });

  it('units as KMZ (Google Earth’s zipped KML): every polygon with its Vietnamese name, no warning', () => {
    const units = embeddedUnits(3);
    const { kml, skipped } = featuresToKml({ type: 'FeatureCollection', features: units }, { documentName: 'Đơn vị hành chính', nameField: 'name' });
    expect(skipped).toBe(0);
    const path = join(dir, 'units.kmz');
    writeFileSync(path, kmzOf(kml));
    const back = join(dir, 'units-back.geojson');
    gdal('ogr2ogr', ['-f', 'GeoJSON', back, path]);
    const features = JSON.parse(readFileSync(back, 'utf8')).features as Feature[];
    // GDAL names the placemark's <name> "Name"; the ExtendedData fields follow it
    expect(features.map((feature) => feature.properties?.Name)).toEqual(units.map((unit) => unit.properties.name));
    expect(features.map((feature) => feature.properties?.ward_code)).toEqual(units.map((unit) => unit.properties.ward_code));
    expect(features.every((feature) => feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon')).toBe(true);
  });
});
