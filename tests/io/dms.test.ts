import { describe, expect, it } from 'vitest';
import { formatDms, parseDms, readDms } from '../../src/io/dms.ts';

// 20°51′30″ = 20 + 51/60 + 30/3600 = 20.858333…; 106°41′15″ = 106.6875
const LAT = 20 + 51 / 60 + 30 / 3600;

describe('readDms', () => {
  it.each([
    ['20°51′30″N', LAT, 'lat'],
    [`20°51'30"N`, LAT, 'lat'],
    [`20° 51' 30" N`, LAT, 'lat'],
    [`N 20°51'30"`, LAT, 'lat'],
    [`20º51'30''N`, LAT, 'lat'],
    ['20d51m30s', LAT, null],
    ['20 51 30 N', LAT, 'lat'],
    [`20°51'30" B`, LAT, 'lat'],
    [`Bắc 20°51′30″`, LAT, 'lat'],
    [`20°51′30″S`, -LAT, 'lat'],
    [`20°51′30″ Nam`, -LAT, 'lat'],
    [`-20°51'30"`, -LAT, null],
    [`20°51.5'N`, LAT, 'lat'],
    [`106°41'15" E`, 106.6875, 'lon'],
    [`106°41'15" Đ`, 106.6875, 'lon'],
    [`106°41′15″ Đông`, 106.6875, 'lon'],
    [`106°41'15"W`, -106.6875, 'lon'],
    ['20.8583 N', 20.8583, 'lat'],
  ] as const)('%s', (text, degrees, axis) => {
    const value = readDms(text);
    expect(value).not.toBeNull();
    expect(value!.degrees).toBeCloseTo(degrees, 12);
    expect(value!.axis).toBe(axis);
  });

  it('reads a decimal comma in the seconds (30,5″ = 30.5″)', () => {
    expect(parseDms(`20°51'30,5"N`)).toBeCloseTo(20 + 51 / 60 + 30.5 / 3600, 12);
  });

  it.each(['106.5', '20', '', 'abc', '1e5', '20°61′', `20°51′60″`, '-20°N', '20.5°51′', `20°51.5′30″`, '20 51 30', 'N', '°'])(
    'is not DMS: %j',
    (text) => {
      expect(readDms(text)).toBeNull();
      expect(parseDms(text)).toBeNaN();
    },
  );
});

describe('formatDms', () => {
  it('writes degrees, minutes, tenths of seconds and the hemisphere, carrying the rounding', () => {
    expect(formatDms(LAT, 'lat')).toBe('20°51′30.0″N');
    expect(formatDms(-106.6875, 'lon')).toBe('106°41′15.0″W');
    expect(formatDms(20.99999999, 'lat')).toBe('21°00′00.0″N');
    expect(parseDms(formatDms(106.123456, 'lon'))).toBeCloseTo(106.123456, 4);
  });
});
