/**
 * The province's VN-2000 coordinate system, used wherever the app writes VN-2000 (exports, cursor coordinates):
 * TM-3 with central meridian 105°45′ (Hải Phòng; Circular 973/2001/TT-TCĐC), EPSG:9210.
 */
import { parseCrsSpec } from '../io/crs-spec.ts';
import type { Crs } from '../io/crs.ts';

export const PROVINCE_CRS_SPEC = 'vn2000-tm3:105.75';

/** The province CRS (parsed once). */
export const PROVINCE_CRS: Crs = (() => {
  const reading = parseCrsSpec(PROVINCE_CRS_SPEC);
  if (!reading.ok) throw new Error(reading.error);
  return reading.crs;
})();
