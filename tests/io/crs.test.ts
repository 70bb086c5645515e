import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { epsgOf, VN2000_TOWGS84, vn2000Tm3, type Crs } from '../../src/io/crs.ts';
import { crsTransform } from '../../src/io/crs-transform.ts';
import { crsFromWkt, parseCrsSpec } from '../../src/io/crs-spec.ts';
import {
  geocentricToGeographic,
  geographicToGeocentric,
  helmertPositionVector,
  transverseMercatorForward,
  WGS84_ELLIPSOID,
} from '../helpers/epsg-guidance.ts';

interface ReferencePoint {
  place: string;
  lon: number;
  lat: number;
  /** PROJ's forward with phusong's definition, and its inverse of that. */
  x: number;
  y: number;
  backLon: number;
  backLat: number;
  /** PROJ's forward given the EPSG code (it picks its own VN-2000 operation by area). */
  epsgX?: number;
  epsgY?: number;
}
const reference = JSON.parse(readFileSync('tests/fixtures/crs/proj-reference.json', 'utf8')) as {
  crs: Array<{ name: string; spec: string; points: ReferencePoint[] }>;
};

/** Metres between two lon/lat points a few metres apart (equirectangular: exact enough below a kilometre). */
function groundMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((lat1 * Math.PI) / 180);
  return Math.hypot((lon1 - lon2) * mPerDegLon, (lat1 - lat2) * mPerDegLat);
}

function specCrs(spec: string): Crs {
  const reading = parseCrsSpec(spec);
  if (!reading.ok) throw new Error(reading.error);
  return reading.crs;
}

describe('accuracy against PROJ (tests/fixtures/crs/proj-reference.json, made by make-proj-reference.sh)', () => {
  for (const entry of reference.crs) {
    it(`${entry.name}: forward and inverse within 1 mm of PROJ (same definition), within 1 m of PROJ's EPSG operation`, () => {
      const crs = specCrs(entry.spec);
      const transform = crsTransform(crs);
      const geographic = crs.kind === 'geographic';
      let compared = 0;
      for (const point of entry.points) {
        const outsideZone = crs.kind === 'transverse-mercator' && Math.abs(point.lon - crs.lon0Deg) > 6;
        const back = transform.toWgs84(point.x, point.y);
        if (outsideZone) {
          // far outside its zone a Transverse Mercator coordinate is a file read in the wrong CRS
          expect(back, point.place).toBeNull();
          continue;
        }
        compared++;
        expect(back, point.place).not.toBeNull();
        expect(groundMetres(back![0], back![1], point.backLon, point.backLat), point.place).toBeLessThan(0.001);
        const [x, y] = transform.fromWgs84(point.lon, point.lat);
        const error = (refX: number, refY: number): number =>
          geographic ? groundMetres(x, y, refX, refY) : Math.hypot(x - refX, y - refY);
        expect(error(point.x, point.y), point.place).toBeLessThan(0.001);
        if (point.epsgX !== undefined && point.epsgY !== undefined) {
          // the requirement; 0.8 m around Hồ Chí Minh City where PROJ prefers EPSG:5194
          expect(error(point.epsgX, point.epsgY), point.place).toBeLessThan(1);
        }
      }
      expect(compared).toBeGreaterThanOrEqual(10);
    });
  }
});

describe('independent check with the EPSG Guidance Note 7-2 formulas', () => {
  it('the formulas reproduce the Guidance Note worked examples', () => {
    // §3.5.3.1 example: OSGB 1936 / British National Grid, 50°30′N 0°30′E → E 577274.99, N 69740.50 (Airy 1830)
    const [e, n] = transverseMercatorForward(
      { a: 6377563.396, rf: 299.3249646 },
      { lat0Deg: 49, lon0Deg: -2, k0: 0.9996012717, falseEastingM: 400000, falseNorthingM: -100000 },
      50.5,
      0.5,
    );
    expect(e).toBeCloseTo(577274.99, 1);
    expect(n).toBeCloseTo(69740.50, 1);
    // §4.4.3.1 example: WGS 72 → WGS 84, tZ 4.5 m, rZ 0.554″, dS 0.219 ppm
    const [X, Y, Z] = helmertPositionVector([0, 0, 4.5, 0, 0, 0.554, 0.219], [3657660.66, 255768.55, 5201382.11]);
    expect(X).toBeCloseTo(3657660.78, 1);
    expect(Y).toBeCloseTo(255778.43, 1);
    expect(Z).toBeCloseTo(5201387.75, 1);
  });

  // WGS84 points of Hải Phòng, carried to VN-2000 by hand: geocentric, inverse Helmert (the negated parameters,
  // as PROJ inverts +towgs84), back to VN-2000 latitude/longitude, then the TM-3 105°45′ projection
  const controlPoints: Array<[string, number, number]> = [
    ['Nhà hát lớn Hải Phòng', 106.6881, 20.8449],
    ['Đồ Sơn', 106.7845, 20.7165],
    ['Cát Bà', 107.047, 20.727],
    ['on the central meridian', 105.75, 20.9],
  ];
  for (const [place, lon, lat] of controlPoints) {
    it(`${place}: WGS84 → VN-2000 / TM-3 105°45′ agrees with the hand computation within 1 cm`, () => {
      const geocentric = geographicToGeocentric(WGS84_ELLIPSOID, lat, lon);
      const vnGeocentric = helmertPositionVector(VN2000_TOWGS84.map((p) => -p), geocentric);
      const [vnLat, vnLon] = geocentricToGeographic(WGS84_ELLIPSOID, ...vnGeocentric);
      const [e, n] = transverseMercatorForward(
        WGS84_ELLIPSOID,
        { lat0Deg: 0, lon0Deg: 105.75, k0: 0.9999, falseEastingM: 500000, falseNorthingM: 0 },
        vnLat,
        vnLon,
      );
      const [x, y] = crsTransform(vn2000Tm3(105.75)).fromWgs84(lon, lat);
      expect(Math.hypot(x - e, y - n)).toBeLessThan(0.01);
      // the datum shift itself is about 400 m north-west… of the same place: make sure it was applied
      const [plainE, plainN] = transverseMercatorForward(
        WGS84_ELLIPSOID,
        { lat0Deg: 0, lon0Deg: 105.75, k0: 0.9999, falseEastingM: 500000, falseNorthingM: 0 },
        lat,
        lon,
      );
      expect(Math.hypot(x - plainE, y - plainN)).toBeGreaterThan(100);
    });
  }
});

describe('parseCrsSpec', () => {
  it('reads EPSG codes, TM-3 meridians in every written form, UTM zones and the geographic systems', () => {
    expect(epsgOf(specCrs('EPSG:9210'))).toBe(9210);
    expect(epsgOf(specCrs('vn2000-tm3:105.75'))).toBe(9210);
    expect(epsgOf(specCrs("vn2000-tm3:105°45'"))).toBe(9210);
    expect(epsgOf(specCrs('VN2000-TM3:105-45'))).toBe(9210);
    expect(epsgOf(specCrs('vn2000-tm3:105.5'))).toBe(9209);
    expect(specCrs('vn2000-tm3:105.25')).toMatchObject({ lon0Deg: 105.25, scale: 0.9999, falseEastingM: 500000, name: 'VN-2000 / TM-3 105°15′' });
    expect(epsgOf(specCrs('epsg:3405'))).toBe(3405);
    expect(epsgOf(specCrs('vn2000-utm:49'))).toBe(3406);
    expect(epsgOf(specCrs('wgs84-utm:48'))).toBe(32648);
    expect(epsgOf(specCrs('EPSG:32649'))).toBe(32649);
    expect(epsgOf(specCrs('wgs84'))).toBe(4326);
    expect(epsgOf(specCrs('VN-2000'))).toBe(4756);
  });

  it('refuses what it cannot convert, naming the accepted forms', () => {
    for (const spec of ['EPSG:2044', 'vn2000-tm3:20', 'vn2000-tm3:abc', 'wgs84-utm:61', 'lambert', '']) {
      const reading = parseCrsSpec(spec);
      expect(reading.ok, spec).toBe(false);
      if (!reading.ok) expect(reading.error.length).toBeGreaterThan(10);
    }
  });
});

describe('crsFromWkt (.prj written by GDAL, tests/fixtures/crs/make-prj.sh)', () => {
  const dir = 'tests/fixtures/crs/prj';
  for (const file of readdirSync(dir).filter((name) => !name.startsWith('unsupported'))) {
    it(`${file} is the CRS of its EPSG code`, () => {
      const code = Number(/-(\d+)\.prj$/.exec(file)![1]);
      const reading = crsFromWkt(readFileSync(`${dir}/${file}`, 'utf8'));
      expect(reading.ok).toBe(true);
      if (!reading.ok) return;
      const expected = specCrs(`EPSG:${code}`);
      expect({ ...reading.crs, name: '' }).toEqual({ ...expected, name: '' });
    });
  }

  it('a VN-2000 .prj with its own TOWGS84 keeps it (as PROJ would)', () => {
    const wkt = readFileSync(`${dir}/esri-9210.prj`, 'utf8').replace(
      'SPHEROID["WGS_1984",6378137.0,298.257223563]',
      'SPHEROID["WGS_1984",6378137.0,298.257223563],TOWGS84[-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278]',
    );
    const reading = crsFromWkt(wkt);
    expect(reading.ok && reading.crs.kind === 'transverse-mercator' && reading.crs.towgs84).toEqual([
      -191.90441429, -39.30318279, -111.45032835, -0.00928836, 0.01975479, -0.00427372, 0.252906278,
    ]);
  });

  it('refuses other datums, projections and units, and text that is not a CRS', () => {
    const reasons = ['unsupported-hanoi72.prj', 'unsupported-web-mercator.prj', 'unsupported-feet.prj'].map((file) => {
      const reading = crsFromWkt(readFileSync(`${dir}/${file}`, 'utf8'));
      return reading.ok ? 'accepted' : reading.error;
    });
    expect(reasons[0]).toMatch(/datum/);
    expect(reasons[1]).toMatch(/projection|datum/);
    expect(reasons[2]).toMatch(/metres|datum/);
    for (const text of ['hello world', '', 'PROJCS[', '{"type":"FeatureCollection"}', 'GEOGCS["x"]']) {
      expect(crsFromWkt(text).ok, text).toBe(false);
    }
  });
});
