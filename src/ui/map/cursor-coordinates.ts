/**
 * The cursor's position as an engineer reads it off QGIS: WGS84 degrees and the province's VN-2000 TM-3
 * coordinates (central meridian 105°45′, EPSG:9210), X = northing and Y = easting as Vietnamese survey documents
 * write them, in metres. The conversion is proj4 with VN-2000's 7-parameter transformation (src/io/crs.ts).
 */
import { crsTransform } from '../../io/crs-transform.ts';
import { formatDecimal, formatLatLon } from '../format-number.ts';
import type { Language } from '../i18n.ts';
import { PROVINCE_CRS } from '../province-crs.ts';

export interface CursorCoordinates {
  /** "20,84310° B, 106,69120° Đ" (vi) / "20.84310° N, 106.69120° E" (en): 5 decimals ≈ 1 m. */
  wgs84: string;
  /** "X 2.305.870 m, Y 597.756 m": northing and easting to the metre. */
  vn2000: string;
  /** The metres themselves, for tests and copying. */
  northingM: number;
  eastingM: number;
}

const province = crsTransform(PROVINCE_CRS);

/** The cursor's coordinates in both systems, formatted for the language. */
export function cursorCoordinates(lon: number, lat: number, language: Language): CursorCoordinates {
  const [eastingM, northingM] = province.fromWgs84(lon, lat);
  return {
    wgs84: formatLatLon(lat, lon, language),
    vn2000: `X ${formatDecimal(northingM, language, 0)} m, Y ${formatDecimal(eastingM, language, 0)} m`,
    northingM,
    eastingM,
  };
}
