/** How built-up a ward is, which drives every generated layer (settlement form, site spacing, fibre maturity). */
import type { Ward } from '../../src/core/model.ts';
import { HILL_WARD_IDS } from './places.ts';

/**
 * - core: a dense phường (≥ 2,500 households per km² of land: the old inner city, Cát Bi, Đằng Lâm, …):
 *   continuous street grid and apartment blocks;
 * - urban: any other phường (outer Hồng Bàng, Hải An, Kiến An, Dương Kinh, Đồ Sơn): a built-up centre among
 *   peri-urban villages;
 * - town: a thị trấn, a district town: a main-street centre among villages;
 * - rural: a xã, a commune of villages (thôn) and scattered homes along the roads; also any unit in the hills of
 *   Chí Linh and Kinh Môn (places.ts), whatever its legal type, and a district without communes (Bạch Long Vĩ).
 */
export type WardProfile = 'core' | 'urban' | 'town' | 'rural';

/** Households per km² of land above which a phường is built up throughout. */
const CORE_DENSITY_PER_KM2 = 2500;

export function profileOfWard(ward: Pick<Ward, 'id' | 'type' | 'households2019'>, landAreaKm2: number): WardProfile {
  if (HILL_WARD_IDS.has(ward.id)) return 'rural';
  if (ward.type === 'Phường') return (ward.households2019 ?? 0) >= CORE_DENSITY_PER_KM2 * landAreaKm2 ? 'core' : 'urban';
  if (ward.type === 'Thị trấn') return 'town';
  return 'rural';
}
